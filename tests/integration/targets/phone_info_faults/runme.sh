#!/usr/bin/env bash
# nxcloud.whatsapp.phone_info on the simulator, injected faults: each transient fault recovered
# within the retry budget (with a fresh timestamp and signature per attempt, Retry-After honoured),
# each persistent or malformed answer reported with a message that says what happened.
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

start_simulator faults --data files/data.yml --faults files/faults.yml
run_playbook recovered recovered.yml -e "sim_url=$SIMULATOR_URL sim_log=$SIMULATOR_LOG"
# One warning per retry: 2 for fault-503-twice, 1 for each of the 7 other faults met once.
# (Only the start of the line: older ansible-core wraps long warnings.)
expect_lines recovered '^\[WARNING\]: NxCloud getPhone attempt [0-9]+ of 4 failed \(' 9
run_playbook reported reported.yml -e "sim_url=$SIMULATOR_URL sim_log=$SIMULATOR_LOG"

finish_target
