#!/usr/bin/env bash
# make demo: print the numbers of three environments as an inventory graph (the inventory plugin
# nxcloud.whatsapp.phones), then run the example compliance playbook (playbooks/compliance.yml)
# over the environments (playbooks/inventory/demo.yml: dev, staging, prod, in parallel).
#
# Without credentials it starts the NxCloud simulator (tests/simulator) over HTTPS with its
# sample data on a free loopback port, points the playbook at it, and stops it on the way out.
# With NXCLOUD_ACCESS_KEY and NXCLOUD_ACCESS_SECRET set it runs against the real service instead
# (NXCLOUD_API_URL, default https://api2.nxcloud.com), with the apps' keys from NXCLOUD_APPKEY_DEV,
# NXCLOUD_APPKEY_STAGING, NXCLOUD_APPKEY_PROD, or your own inventory in NXCLOUD_DEMO_INVENTORY.
# Extra arguments go to ansible-playbook (e.g. --limit prod, -v). Exits with the playbook's status.
set -euo pipefail

PLAYBOOKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COLLECTION_ROOT="$(dirname "$PLAYBOOKS_DIR")"
# launch_simulator: the simulator's start-and-wait, shared with the integration targets.
# shellcheck source=../tests/simulator/launch.sh
source "$COLLECTION_ROOT/tests/simulator/launch.sh"
INVENTORY="${NXCLOUD_DEMO_INVENTORY:-$PLAYBOOKS_DIR/inventory/demo.yml}"

# Real service or simulator: decided (and checked) before anything is started.
USE_REAL_SERVICE=false
if [[ -n "${NXCLOUD_ACCESS_KEY:-}" || -n "${NXCLOUD_ACCESS_SECRET:-}" ]]; then
    USE_REAL_SERVICE=true
    if [[ -z "${NXCLOUD_ACCESS_KEY:-}" || -z "${NXCLOUD_ACCESS_SECRET:-}" ]]; then
        echo "demo: set both NXCLOUD_ACCESS_KEY and NXCLOUD_ACCESS_SECRET for the real service, or neither for the simulator" >&2
        exit 1
    fi
    if [[ -z "${NXCLOUD_DEMO_INVENTORY:-}" ]]; then
        missing=()
        for name in NXCLOUD_APPKEY_DEV NXCLOUD_APPKEY_STAGING NXCLOUD_APPKEY_PROD; do
            if [[ -z "${!name:-}" ]]; then
                missing+=("$name")
            fi
        done
        if ((${#missing[@]})); then
            echo "demo: against the real service, set ${missing[*]} (the appkey of each environment's app)," >&2
            echo "      or NXCLOUD_DEMO_INVENTORY to an inventory of your own with nxcloud_appkey per host" >&2
            exit 1
        fi
    fi
fi

# The project's environment (make venv) when it exists, else whatever is on PATH.
if [[ -x "$COLLECTION_ROOT/.venv/bin/ansible-playbook" ]]; then
    ANSIBLE_PLAYBOOK="$COLLECTION_ROOT/.venv/bin/ansible-playbook"
    PYTHON="$COLLECTION_ROOT/.venv/bin/python"
else
    ANSIBLE_PLAYBOOK="$(command -v ansible-playbook || true)"
    PYTHON="$(command -v python3 || command -v python || true)"
fi
if [[ -z "$ANSIBLE_PLAYBOOK" ]]; then
    echo "demo: ansible-playbook not found; run 'make demo' (it builds .venv) or install ansible-core" >&2
    exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nxcloud-demo.XXXXXX")"
SIMULATOR_PID=""
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
    if [[ -n "$SIMULATOR_PID" ]]; then
        kill -TERM "$SIMULATOR_PID" 2>/dev/null || true
        wait "$SIMULATOR_PID" 2>/dev/null || true
        SIMULATOR_PID=""
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The playbook uses the collection of this checkout, whatever else is installed.
mkdir -p "$WORK/collections/ansible_collections/nxcloud"
ln -s "$COLLECTION_ROOT" "$WORK/collections/ansible_collections/nxcloud/whatsapp"
export ANSIBLE_COLLECTIONS_PATH="$WORK/collections"

start_simulator() {
    if ! launch_simulator "$PYTHON" "$WORK/simulator.port" "$WORK/simulator.out" --tls --ca-file "$WORK/simulator-ca.pem" \
        --log "$WORK/simulator-requests.jsonl" --max-lifetime 3600; then
        echo "demo: the NxCloud simulator (tests/simulator) could not be started; its output is above" >&2
        exit 1
    fi
    # The simulator's made-up sample account (tests/simulator/data/sample.yml).
    export NXCLOUD_ACCESS_KEY=AK-DEMO-0001
    export NXCLOUD_ACCESS_SECRET=SK-demo-secret-do-not-use
    export NXCLOUD_API_URL="https://127.0.0.1:$SIMULATOR_PORT"
    export NXCLOUD_CA_PATH="$WORK/simulator-ca.pem"
    unset NXCLOUD_APPKEY_DEV NXCLOUD_APPKEY_STAGING NXCLOUD_APPKEY_PROD NXCLOUD_PROXY_URL
    # A proxy configured for the outside world must not catch loopback calls.
    export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
    echo "demo: NxCloud simulator with the sample data (3 environments) at $NXCLOUD_API_URL, TLS with a CA made for this run"
}

if $USE_REAL_SERVICE; then
    echo "demo: real NxCloud service at ${NXCLOUD_API_URL:-https://api2.nxcloud.com}, access key $NXCLOUD_ACCESS_KEY, inventory $INVENTORY"
else
    start_simulator
fi

# The numbers of the apps as hosts (the inventory plugin nxcloud.whatsapp.phones), grouped by
# environment, quality rating and status: one request per app.
if [[ -z "${NXCLOUD_DEMO_INVENTORY:-}" ]]; then
    cat >"$WORK/demo.nxcloud.yml" <<EOF
plugin: nxcloud.whatsapp.phones
apps:
  - {appkey: "${NXCLOUD_APPKEY_PROD:-appkey-prod}", environment: prod}
  - {appkey: "${NXCLOUD_APPKEY_STAGING:-appkey-staging}", environment: staging}
  - {appkey: "${NXCLOUD_APPKEY_DEV:-appkey-dev}", environment: dev}
keyed_groups:
  - {key: nxcloud_quality_rating, prefix: quality}
  - {key: nxcloud_status, prefix: status}
EOF
    echo "demo: the numbers as hosts (inventory plugin nxcloud.whatsapp.phones): ansible-inventory --graph"
    if ! ANSIBLE_INVENTORY_UNPARSED_FAILED=true "${ANSIBLE_PLAYBOOK%playbook}inventory" -i "$WORK/demo.nxcloud.yml" --graph; then
        echo "demo: the inventory plugin could not read the apps (its message is above)" >&2
        exit 1
    fi
    echo
fi

# Reports outlive the run: build/ is ignored by git.
export NXCLOUD_REPORT_DIR="${NXCLOUD_REPORT_DIR:-$COLLECTION_ROOT/build/compliance-reports}"
mkdir -p "$NXCLOUD_REPORT_DIR"
rm -f "$NXCLOUD_REPORT_DIR"/phone-compliance.*

status=0
ANSIBLE_FORCE_COLOR="${ANSIBLE_FORCE_COLOR:-0}" ANSIBLE_SHOW_CUSTOM_STATS="${ANSIBLE_SHOW_CUSTOM_STATS:-0}" \
    "$ANSIBLE_PLAYBOOK" -i "$INVENTORY" --forks 3 "$PLAYBOOKS_DIR/compliance.yml" "$@" || status=$?

summary="$NXCLOUD_REPORT_DIR/phone-compliance.md"
if [[ -s "$summary" ]]; then
    echo
    cat "$summary"
    echo
    echo "demo: reports (JSON, JUnit XML, Markdown) in $NXCLOUD_REPORT_DIR"
fi

if [[ -n "$SIMULATOR_PID" ]]; then
    echo "demo: the simulator answered $(wc -l <"$WORK/simulator-requests.jsonl") requests; stopping it"
fi
case "$status" in
    0) echo "demo: exit 0: every environment complies with the policy" ;;
    2) echo "demo: exit 2: at least one environment broke the policy or could not be read (every violation is listed above)" ;;
    4) echo "demo: exit 4: at least one environment could not be reached by Ansible itself" ;;
    *) echo "demo: exit $status: ansible-playbook stopped with an error (see above)" ;;
esac

# The sample data is made to fail every environment (each has numbers a compliance job must
# catch). On the simulator the demo succeeds when the job caught them: exit 2 with a complete
# combined report. Anything else means the demo itself is broken.
if [[ -n "$SIMULATOR_PID" ]]; then
    if [[ "$status" == 2 ]] && grep -q '"environments"' "$NXCLOUD_REPORT_DIR/phone-compliance.json" 2>/dev/null \
        && ! grep -q '"errored"' <(grep -o '"status":"[a-z]*"' "$NXCLOUD_REPORT_DIR/phone-compliance.json" | sort -u); then
        echo "demo: as intended, the job failed the sample environments for their violations; a real run would exit 2"
        exit 0
    fi
    echo "demo: unexpected outcome on the simulator (exit $status, expected 2 with a complete report)" >&2
    exit 1
fi
exit "$status"
