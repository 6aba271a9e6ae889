#!/usr/bin/env bash
# nxcloud.whatsapp.phone_info on the simulator, every result code of the API and the message the
# user sees, each answered after exactly one request (result codes are answers, not retried);
# plus the input the module refuses before sending anything.
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

start_simulator checked --faults files/forced_codes.yml
CHECKED_URL="$SIMULATOR_URL"
CHECKED_LOG="$SIMULATOR_LOG"
# An hour ahead: every timestamp of a correct client is "expired" (1004).
start_simulator skewed --clock-offset 3600
SKEWED_URL="$SIMULATOR_URL"
SKEWED_LOG="$SIMULATOR_LOG"

run_playbook result_codes result_codes.yml -e "sim_url=$CHECKED_URL sim_log=$CHECKED_LOG"
run_playbook clock_skew clock_skew.yml -e "sim_url=$SKEWED_URL sim_log=$SKEWED_LOG"

finish_target
