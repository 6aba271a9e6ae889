#!/usr/bin/env bash
# The reliability suite (tests/reliability/README.md): the fault matrix, clock skew, the secrets scan
# and property tests of the rules, against the simulator on loopback, through ansible-playbook.
# Prints the matrix and the secrets scan at the end; writes tests/output/reliability/ (runs, JUnit).
#
# Usage: tests/reliability/run.sh [pytest options]
#   NXCLOUD_RELIABILITY_PYTHON   the environment's python (default: $VIRTUAL_ENV, else .venv)
#   NXCLOUD_RELIABILITY_WORKERS  parallel pytest-xdist workers (default 2; 0 runs in one process)
#   NXCLOUD_RELIABILITY_ALLOWANCE  seconds of ansible-playbook start-up allowed on top of a cell's budget (30)
#   NXCLOUD_PROPERTY_EXAMPLES    examples per property test (default 150)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib/project_python.sh
source "$repo_root/scripts/lib/project_python.sh"
python=$(project_python "${NXCLOUD_RELIABILITY_PYTHON:-}" "$repo_root" "run 'make venv' or set NXCLOUD_RELIABILITY_PYTHON")

output=${NXCLOUD_RELIABILITY_OUTPUT:-$repo_root/tests/output/reliability}
export NXCLOUD_RELIABILITY_OUTPUT=$output
mkdir -p "$output"

workers=${NXCLOUD_RELIABILITY_WORKERS:-2}
parallel=()
if [[ "$workers" != 0 ]] && "$python" -c 'import xdist' 2>/dev/null; then
    parallel=(-n "$workers")
fi

cd "$repo_root"
status=0
"$python" -m pytest tests/reliability -p no:cacheprovider -rfE "${parallel[@]}" --junitxml "$output/junit.xml" "$@" || status=$?

# pytest's own JUnit file is written after the session: scan it too (secret, and signatures by digest).
"$python" tests/reliability/scan_files.py "$output/junit.xml" || status=1
exit "$status"
