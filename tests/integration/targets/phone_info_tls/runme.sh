#!/usr/bin/env bash
# nxcloud.whatsapp.phone_info over HTTPS to the simulator, whose CA is made for this run: trusted
# through ca_path (option or NXCLOUD_CA_PATH), refused with another CA or the system store (and
# not retried), accepted with validate_certs: false.
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

start_simulator tls --tls
TLS_URL="$SIMULATOR_URL"
TLS_LOG="$SIMULATOR_LOG"
TLS_CA="$SIMULATOR_CA"
OTHER_CA="$WORK/unrelated.ca.pem"
"$PYTHON" -c 'import sys, trustme; trustme.CA().cert_pem.write_to_path(sys.argv[1])' "$OTHER_CA"

start_simulator plain
PLAIN_URL="$SIMULATOR_URL"

run_playbook tls tls.yml -e "sim_url=$TLS_URL sim_log=$TLS_LOG sim_ca=$TLS_CA other_ca=$OTHER_CA plain_url=$PLAIN_URL"

finish_target
