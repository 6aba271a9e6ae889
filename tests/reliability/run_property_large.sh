#!/usr/bin/env bash
# The larger property run: 10,000 examples per property (NXCLOUD_PROPERTY_EXAMPLES to change it) of
# the response parser (tests/unit/.../test__parsing_properties.py) and of the rule evaluation and
# reports (tests/reliability/test_compliance_properties.py). Takes several minutes.
# Usage: tests/reliability/run_property_large.sh   (NXCLOUD_RELIABILITY_PYTHON as for run.sh)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib/project_python.sh
source "$repo_root/scripts/lib/project_python.sh"
python=$(project_python "${NXCLOUD_RELIABILITY_PYTHON:-}" "$repo_root" "run 'make venv' or set NXCLOUD_RELIABILITY_PYTHON")
export NXCLOUD_PROPERTY_EXAMPLES=${NXCLOUD_PROPERTY_EXAMPLES:-10000}

# The unit tests import the collection as ansible_collections.nxcloud.whatsapp: give them this checkout.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/collections/ansible_collections/nxcloud"
ln -s "$repo_root" "$scratch/collections/ansible_collections/nxcloud/whatsapp"
export NXCLOUD_RELIABILITY_OUTPUT=$scratch/output
export HYPOTHESIS_STORAGE_DIRECTORY=$scratch/hypothesis

status=0
echo "== response parser, $NXCLOUD_PROPERTY_EXAMPLES examples per property"
(cd "$scratch/collections/ansible_collections/nxcloud/whatsapp" &&
    PYTHONPATH="$scratch/collections" "$python" -m pytest -p no:cacheprovider -q \
        tests/unit/plugins/module_utils/test__parsing_properties.py) || status=1
echo "== rule evaluation and reports, $NXCLOUD_PROPERTY_EXAMPLES examples per property"
(cd "$repo_root" && "$python" -m pytest -p no:cacheprovider -q tests/reliability/test_compliance_properties.py) || status=1
exit "$status"
