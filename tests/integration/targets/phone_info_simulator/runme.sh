#!/usr/bin/env bash
# nxcloud.whatsapp.phone_info on the simulator, the paths that succeed: every number of each
# environment, chosen numbers typed as people type them, both shapes of the answer, sha256,
# numbers missing from the answer, check mode, credentials from module_defaults and from the
# environment, the same answers in the controller's process and as a module. Every run is at
# -vvvv and scanned for the secret (see setup_nxcloud_simulator).
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

start_simulator object --data-shape object
OBJECT_URL="$SIMULATOR_URL"
OBJECT_LOG="$SIMULATOR_LOG"
start_simulator array --data-shape array
ARRAY_URL="$SIMULATOR_URL"
ARRAY_LOG="$SIMULATOR_LOG"
start_simulator omitting --faults files/omit_a_number.yml
OMITTING_URL="$SIMULATOR_URL"

run_playbook happy_object happy_path.yml -e "sim_url=$OBJECT_URL sim_log=$OBJECT_LOG"
run_playbook happy_array happy_path.yml -e "sim_url=$ARRAY_URL sim_log=$ARRAY_LOG"
run_playbook missing missing_numbers.yml -e "sim_url=$OMITTING_URL"
run_playbook check_mode check_mode.yml -e "sim_url=$OBJECT_URL"
run_playbook check_mode_whole_run check_mode.yml --check -e "sim_url=$OBJECT_URL"
NXCLOUD_ACCESS_KEY=AK-DEMO-0001 NXCLOUD_ACCESS_SECRET=SK-demo-secret-do-not-use \
    NXCLOUD_APPKEY=appkey-staging NXCLOUD_API_URL="$OBJECT_URL" \
    run_playbook environment_credentials environment_credentials.yml
# Four of the tasks of where_it_runs.yml run as a module (the environment keyword), the others in
# the controller's process: one module file is put per module run.
run_playbook where_it_runs where_it_runs.yml -e "sim_url=$OBJECT_URL"
expect_lines where_it_runs 'PUT .*AnsiballZ_phone_info\.py' 3

finish_target
