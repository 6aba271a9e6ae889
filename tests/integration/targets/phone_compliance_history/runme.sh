#!/usr/bin/env bash
# The role nxcloud.whatsapp.phone_compliance run three times with Ansible's jsonfile fact cache,
# while the simulator's data changes between the runs: the first run knows no previous run
# (changes [] and a note saying how to keep one), the second reports what changed (a quality
# drop, a removed number failing the opt-in number_removed check as a warning, an added number),
# the third reports no change, and the fact phone_compliance_state holds three runs. The role
# delegates its reads to localhost (its default), so this also shows the fact lands on the
# environment's host, not on the delegated one. Every run is at -vvvv and scanned for secrets.
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

cp "$SAMPLE_DATA" "$WORK/data.yml"
start_simulator history --data "$WORK/data.yml"

role_inventory prod=appkey-prod staging=appkey-staging

export ANSIBLE_CACHE_PLUGIN=jsonfile
export ANSIBLE_CACHE_PLUGIN_CONNECTION="$WORK/facts"
export ANSIBLE_CACHE_PLUGIN_TIMEOUT=0
rm -rf "$WORK/facts" "$WORK/reports"

run_playbook first_run history.yml -e "sim_url=$SIMULATOR_URL report_dir=$WORK/reports step=first facts_dir=$WORK/facts"
"$PYTHON" files/change_data.py "$WORK/data.yml" second
run_playbook second_run history.yml -e "sim_url=$SIMULATOR_URL report_dir=$WORK/reports step=second facts_dir=$WORK/facts"
run_playbook third_run history.yml -e "sim_url=$SIMULATOR_URL report_dir=$WORK/reports step=third facts_dir=$WORK/facts"

# Without a fact cache nothing is kept: every run is a first run, and says so.
unset ANSIBLE_CACHE_PLUGIN ANSIBLE_CACHE_PLUGIN_CONNECTION ANSIBLE_CACHE_PLUGIN_TIMEOUT
run_playbook no_cache history.yml -e "sim_url=$SIMULATOR_URL report_dir=$WORK/reports-no-cache step=no_cache facts_dir=$WORK/no-facts"

finish_target
