#!/usr/bin/env bash
# Where the role nxcloud.whatsapp.phone_compliance takes each connection option from: its role
# variable phone_compliance_<option> when set (not null), over the play's module_defaults for
# group/nxcloud.whatsapp.nxcloud, over the NXCLOUD_* environment variables. The role hands its
# variables over as the check task's module_defaults: an option it does not set must leave the
# group's value in place, not hide it. Every run is at -vvvv and scanned for secrets.
set -eu -o pipefail
# shellcheck source=../setup_nxcloud_simulator/simulator.sh
source ../setup_nxcloud_simulator/simulator.sh

start_simulator connection

role_inventory prod=appkey-prod

unset NXCLOUD_ACCESS_KEY NXCLOUD_ACCESS_SECRET NXCLOUD_API_URL NXCLOUD_TIMEOUT
# Each case: the role variables it sets (as extra variables), then what connection.yml expects.
run_case() {
    local case="$1"
    shift
    run_playbook "$case" connection.yml -e "sim_url=$SIMULATOR_URL case=$case" "$@"
}
# Nothing set by the role: the group's options, URL included, reach the check.
run_case group_only
# The role's URL over the group's dead one.
run_case role_overrides_group -e 'phone_compliance_api_url={{ sim_url }}'
# Role variables set to null are not set: the group's values stay.
run_case null_is_unset -e '{"phone_compliance_timeout": null, "phone_compliance_api_url": null}'
# The role's (wrong) secret over the group's right one: the service refuses the signature.
run_case role_secret_wins -e 'phone_compliance_access_secret={{ sim_wrong_access_secret }}'
# The group's dead URL over the environment variable's right one: nothing is read.
NXCLOUD_API_URL="$SIMULATOR_URL" run_case environment_under_group
# A role variable set to a template of an undefined variable fails the check task, naming the variable:
# the group's (right) secret must not be used instead. The role's argument validation (tagged always)
# would fail first, so it is skipped here, as --skip-tags always does for a user.
if run_case undefined_is_an_error --skip-tags always -e 'phone_compliance_access_secret={{ sim_no_such_secret }}' >/dev/null; then
    echo "undefined_is_an_error: the play passed, so the group's secret replaced an undefined role variable" >&2
    exit 1
fi
expect_lines undefined_is_an_error "^ +\"msg\": \".*'sim_no_such_secret' is undefined" 1

finish_target
