# shellcheck shell=bash
# Shared by the integration targets that run nxcloud.whatsapp against the NxCloud simulator.
# A target lists `needs/target/setup_nxcloud_simulator` in its aliases and its runme.sh does:
#
#   source ../setup_nxcloud_simulator/simulator.sh
#   start_simulator main --faults files/faults.yml   # sets SIMULATOR_URL, SIMULATOR_LOG, SIMULATOR_CA
#   run_playbook happy happy.yml -e "sim_url=$SIMULATOR_URL"
#   finish_target
#
# Every playbook runs at -vvvv. Its whole output is kept under $WORK, and finish_target fails the
# target if any access secret of the simulator data or of credentials.yml, or any signature the
# simulator received, appears in any of it (or in the simulator's request logs). Simulators are stopped on any exit.

set -eu -o pipefail

SETUP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET_NAME="$(basename "$PWD")"
WORK="${OUTPUT_DIR:?OUTPUT_DIR is not set: run this target through ansible-test integration}/$TARGET_NAME"
PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
SAMPLE_DATA=""
SIMULATOR_PIDS=()
DATA_FILES=()
LOG_FILES=()
OUTPUT_FILES=()

# ansible-test puts the staged collection on ANSIBLE_COLLECTIONS_PATH and runs this script from a
# temporary copy of the target, so the collection root (and the simulator) is found through it.
find_collection_root() {
    local entry
    local IFS=':'
    for entry in ${ANSIBLE_COLLECTIONS_PATH:-} ${ANSIBLE_COLLECTIONS_PATHS:-}; do
        if [[ -f "$entry/ansible_collections/nxcloud/whatsapp/tests/simulator/nxcloud_simulator.py" ]]; then
            echo "$entry/ansible_collections/nxcloud/whatsapp"
            return 0
        fi
    done
    echo "cannot find nxcloud/whatsapp (with tests/simulator) on ANSIBLE_COLLECTIONS_PATH='${ANSIBLE_COLLECTIONS_PATH:-}'" >&2
    return 1
}

COLLECTION_ROOT="$(find_collection_root)"
SAMPLE_DATA="$COLLECTION_ROOT/tests/simulator/data/sample.yml"
# launch_simulator: the simulator's start-and-wait, shared with playbooks/demo.sh.
# shellcheck source=../../../simulator/launch.sh
source "$COLLECTION_ROOT/tests/simulator/launch.sh"

# A proxy configured for the outside world must not catch loopback calls.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
unset NXCLOUD_PROXY_URL

rm -rf "$WORK"
mkdir -p "$WORK"
cat >"$WORK/inventory.yml" <<'EOF'
all:
  hosts:
    localhost:
      ansible_connection: local
      ansible_python_interpreter: "{{ ansible_playbook_python }}"
EOF

stop_simulators() {
    local pid
    for pid in "${SIMULATOR_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${SIMULATOR_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    SIMULATOR_PIDS=()
}
trap stop_simulators EXIT

# start_simulator NAME [simulator options...]: start one simulator in the background (port 0,
# its own log), wait until it listens, and set SIMULATOR_URL, SIMULATOR_LOG, SIMULATOR_CA.
# --data defaults to the bundled sample; pass --data FILE to use another.
start_simulator() {
    local name="$1"
    shift
    local data="$SAMPLE_DATA"
    local previous=""
    local argument
    for argument in "$@"; do
        if [[ "$previous" == "--data" ]]; then
            data="$argument"
        fi
        previous="$argument"
    done
    local data_option=()
    if [[ "$data" == "$SAMPLE_DATA" ]]; then
        data_option=(--data "$SAMPLE_DATA")
    fi
    SIMULATOR_LOG="$WORK/$name.requests.jsonl"
    SIMULATOR_CA="$WORK/$name.ca.pem"
    local tls_option=()
    if [[ " $* " == *" --tls "* ]]; then
        tls_option=(--ca-file "$SIMULATOR_CA")
    fi
    DATA_FILES+=("$data")
    LOG_FILES+=("$SIMULATOR_LOG")
    launch_simulator "$PYTHON" "$WORK/$name.port" "$WORK/$name.simulator.out" --log "$SIMULATOR_LOG" --max-lifetime 1800 \
        "${data_option[@]}" "${tls_option[@]}" "$@" || { echo "simulator $name did not start" >&2; return 1; }
    SIMULATOR_PIDS+=("$SIMULATOR_PID")
    local scheme="http"
    if ((${#tls_option[@]})); then
        scheme="https"
    fi
    SIMULATOR_URL="$scheme://127.0.0.1:$SIMULATOR_PORT"
    echo "simulator $name: $SIMULATOR_URL ($*)"
}

# role_inventory ENVIRONMENT=APPKEY...: write $WORK/inventory.yml for the role nxcloud.whatsapp.phone_compliance:
# localhost (where the role delegates its reads, with the Python that runs Ansible) and one host per
# environment, each with its phone_compliance_appkey.
role_inventory() {
    {
        printf 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
        printf '      ansible_python_interpreter: "{{ ansible_playbook_python }}"\n'
        local pair
        for pair in "$@"; do
            printf '    %s:\n      phone_compliance_appkey: %s\n' "${pair%%=*}" "${pair#*=}"
        done
    } >"$WORK/inventory.yml"
}

# run_playbook NAME PLAYBOOK [ansible-playbook options...]: run at -vvvv, keep the output in
# $WORK/NAME.out, print the task outline; on failure print the end of the output and fail.
run_playbook() {
    local name="$1"
    shift
    local output="$WORK/$name.out"
    OUTPUT_FILES+=("$output")
    echo "=== $name: ansible-playbook $*"
    local status=0
    ansible-playbook -vvvv -i "$WORK/inventory.yml" -e "@$SETUP_DIR/credentials.yml" "$@" >"$output" 2>&1 || status=$?
    grep -E '^(TASK \[|fatal: |failed: |ok: \[|changed: \[|skipping: \[|localhost +: )' "$output" | cut -c1-160 || true
    if ((status != 0)); then
        echo "--- $name failed (exit $status); the last 120 lines of $output:"
        tail -n 120 "$output"
        return "$status"
    fi
}

# expect_lines NAME REGEX COUNT: the output of run NAME has exactly COUNT lines matching REGEX
# (for what only the display shows, such as the warning the module gives before each retry).
expect_lines() {
    local found
    found="$(grep -cE "$2" "$WORK/$1.out" || true)"
    if [[ "$found" != "$3" ]]; then
        echo "expected $3 lines matching /$2/ in the output of $1, found $found" >&2
        return 1
    fi
    echo "output of $1: $found lines match /$2/, as expected"
}

# finish_target: stop the simulators, then fail if a secret or a signature leaked anywhere.
finish_target() {
    stop_simulators
    local arguments=()
    local file
    for file in "${DATA_FILES[@]}"; do
        arguments+=(--data "$file")
    done
    for file in "${LOG_FILES[@]}"; do
        arguments+=(--log "$file")
    done
    arguments+=(--vars "$SETUP_DIR/credentials.yml")
    # First prove that the scan catches a planted secret, so that a clean result means something.
    local planted="$WORK/planted-secret.txt"
    printf 'access_secret=%s\n' "$(awk '/access_secret:/ {print $2; exit}' "${DATA_FILES[0]}")" >"$planted"
    if "$PYTHON" "$SETUP_DIR/scan_for_secrets.py" "${arguments[@]}" "$planted" >/dev/null; then
        echo "secret scan self-check FAILED: a planted secret went unnoticed" >&2
        return 1
    fi
    "$PYTHON" "$SETUP_DIR/scan_for_secrets.py" "${arguments[@]}" "${OUTPUT_FILES[@]}" "${LOG_FILES[@]}"
    echo "=== $TARGET_NAME: every scenario passed at -vvvv with no secret or signature in its output"
}
