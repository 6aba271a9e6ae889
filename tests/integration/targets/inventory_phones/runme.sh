#!/usr/bin/env bash
# The inventory plugin nxcloud.whatsapp.phones through ansible-inventory on the simulator: two apps
# with keyed groups (--list and --graph), a cache hit that makes no request, a failed app with
# fail_on_app_error true (the source fails) and false (skipped, the others load), a number in two
# apps, the service's "Acme {{ 6 * 7 }}" kept as text, and a playbook over hosts: quality_RED that
# needs no SSH. Credentials come from NXCLOUD_* environment variables, as AWX injects them. Every
# run is at -vvvv and scanned for the secret (see setup_nxcloud_simulator).
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

DATA="$WORK/inventory-data.yml"
"$PYTHON" make_data.py "$SAMPLE_DATA" "$DATA"
start_simulator inventory --data "$DATA"

export NXCLOUD_ACCESS_KEY=AK-DEMO-0001
NXCLOUD_ACCESS_SECRET="$(awk '/^sim_access_secret:/ {print $2}' "$SETUP_DIR/credentials.yml")"
export NXCLOUD_ACCESS_SECRET
export NXCLOUD_API_URL="$SIMULATOR_URL"
export ANSIBLE_INVENTORY_CACHE_CONNECTION="$WORK/inventory-cache"
cp files/*.nxcloud.yml "$WORK/"

requests_so_far() {
    wc -l <"$SIMULATOR_LOG" | tr -d ' '
}

# run_inventory NAME EXPECTED_STATUS ansible-inventory-arguments...: run at -vvvv; the listing in
# $WORK/NAME.json (--output), everything it printed in $WORK/NAME.out (both scanned for secrets).
run_inventory() {
    local name="$1" expected="$2"
    shift 2
    rm -f "$WORK/$name.json"
    OUTPUT_FILES+=("$WORK/$name.out")
    echo "=== $name: ansible-inventory $*"
    local status=0
    ansible-inventory -vvvv --output "$WORK/$name.json" "$@" >"$WORK/$name.out" 2>&1 || status=$?
    if [[ -f "$WORK/$name.json" ]]; then
        OUTPUT_FILES+=("$WORK/$name.json")
    fi
    if [[ "$status" != "$expected" ]]; then
        echo "--- $name exited $status, expected $expected; the last 60 lines of its output:"
        tail -n 60 "$WORK/$name.out"
        return 1
    fi
}

# output_says NAME TEXT: the output of run NAME holds TEXT (ansible-core 2.16 wraps warnings at 80
# columns, so lines are joined with spaces first).
output_says() {
    if ! tr '\n' ' ' <"$WORK/$1.out" | tr -s ' ' | grep -qF -- "$2"; then
        echo "the output of $1 does not say: $2" >&2
        return 1
    fi
    echo "output of $1 says: $2"
}

# expect_requests WHAT BEFORE COUNT: the simulator answered COUNT requests since BEFORE.
expect_requests() {
    local made=$(($(requests_so_far) - $2))
    if [[ "$made" != "$3" ]]; then
        echo "$1: $made requests reached the simulator, expected $3" >&2
        return 1
    fi
    echo "$1: $made requests, as expected"
}

# Two apps: one request per app, hosts, groups and variables as the data says.
before=$(requests_so_far)
run_inventory two_apps 0 -i "$WORK/two_apps.nxcloud.yml" --list --export
expect_requests two_apps "$before" 2
"$PYTHON" check_inventory.py two_apps "$WORK/two_apps.json"
run_inventory two_apps_graph 0 -i "$WORK/two_apps.nxcloud.yml" --graph
grep -q -- '--@quality_RED:' "$WORK/two_apps_graph.json"
grep -q -- '--@staging:' "$WORK/two_apps_graph.json"

# Cache: the first run reads and writes the cache, the second answers from it without a request.
before=$(requests_so_far)
run_inventory cache_miss 0 -i "$WORK/cached.nxcloud.yml" --list --export
expect_requests cache_miss "$before" 2
before=$(requests_so_far)
run_inventory cache_hit 0 -i "$WORK/cached.nxcloud.yml" --list --export
expect_requests cache_hit "$before" 0
output_says cache_hit 'come from the inventory cache, no request made'
cmp "$WORK/cache_miss.json" "$WORK/cache_hit.json"
# A failed app, fail_on_app_error true: the source fails (fatal where unparsed sources are, as in
# AWX) with the module's message naming the environment.
ANSIBLE_INVENTORY_UNPARSED_FAILED=true run_inventory failed_app_strict 1 -i "$WORK/failed_app_strict.nxcloud.yml" --list --export
output_says failed_app_strict 'could not read the numbers of environment lost (appkey appkey-not-there): NxCloud getPhone failed with result code 9006'
# Without that setting Ansible warns and goes on without the source: no host at all.
run_inventory failed_app_strict_warned 0 -i "$WORK/failed_app_strict.nxcloud.yml" --list --export
"$PYTHON" -c 'import json, sys; hosts = json.load(open(sys.argv[1]))["_meta"]["hostvars"]; sys.exit(1 if hosts else 0)' \
    "$WORK/failed_app_strict_warned.json"

# fail_on_app_error false: prod loads, the lost app is a warning.
run_inventory failed_app_lenient 0 -i "$WORK/failed_app_lenient.nxcloud.yml" --list --export
"$PYTHON" check_inventory.py failed_app_lenient "$WORK/failed_app_lenient.json"
output_says failed_app_lenient 'skipping an app (fail_on_app_error is false): could not read the numbers of environment lost'

# A number in two apps: one host in both environment groups, with a warning.
run_inventory duplicate 0 -i "$WORK/duplicate.nxcloud.yml" --list --export
"$PYTHON" check_inventory.py duplicate "$WORK/duplicate.json"
output_says duplicate 'number 8613800138000 is in 2 apps (environments prod, dev)'

# A playbook over hosts: quality_RED (no SSH: the hosts are local), the unsafe text kept.
run_playbook quality_red quality_red.yml -i "$WORK/two_apps.nxcloud.yml"

finish_target
