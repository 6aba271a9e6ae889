# shellcheck shell=bash
# Start the NxCloud simulator in the background and wait until it listens: the one start-and-wait
# shared by playbooks/demo.sh and the integration targets (setup_nxcloud_simulator/simulator.sh).
# Source this file, then:
#
#   launch_simulator PYTHON PORT_FILE OUTPUT_FILE [simulator options...]
#
# starts nxcloud_simulator.py (next to this file) with PYTHON on a free loopback port
# (--port 0 --port-file PORT_FILE, plus the options given), its output in OUTPUT_FILE, and sets
# SIMULATOR_PID and SIMULATOR_PORT. If the simulator exits, or is not listening within 30
# seconds, it is stopped, its output goes to stderr, and the function returns 1.

LAUNCH_SIMULATOR_PROGRAM="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nxcloud_simulator.py"

launch_simulator() {
    local python="$1" port_file="$2" output_file="$3"
    shift 3
    rm -f "$port_file"
    "$python" "$LAUNCH_SIMULATOR_PROGRAM" --port 0 --port-file "$port_file" "$@" >"$output_file" 2>&1 &
    SIMULATOR_PID="$!"
    local waited=0
    # The simulator writes the port file atomically once it listens.
    until [[ -s "$port_file" ]]; do
        if ! kill -0 "$SIMULATOR_PID" 2>/dev/null || ((waited >= 300)); then
            kill -TERM "$SIMULATOR_PID" 2>/dev/null || true
            wait "$SIMULATOR_PID" 2>/dev/null || true
            SIMULATOR_PID=""
            echo "the simulator did not start ($*):" >&2
            cat "$output_file" >&2
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    # shellcheck disable=SC2034  # read by the script that sourced this file
    SIMULATOR_PORT="$(tr -d '[:space:]' <"$port_file")"
}
