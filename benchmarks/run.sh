#!/usr/bin/env bash
# `make bench`: runs benchmarks/bench.py with the project's environment and prints the table.
#
# Knobs (environment variables; benchmarks/README.md explains the figures):
#   BENCH_REPEAT=5          runs per measurement, median taken (1 for a quick look)
#   BENCH_LATENCY_MS=100    latency the simulator adds to each request of figures c and e
#   BENCH_ENVIRONMENTS=20   environments (hosts, one app each) of figure c
#   BENCH_FORKS=20          forks of figure c
#   BENCH_SIZES=50,250      numbers per environment, small,large
#   BENCH_BIG=10000         numbers of the one app of figure d
#   BENCH_WIDE=500,20       apps,numbers of the many small apps of figure e (the inventory plugin)
#   BENCH_FIGURES=a,b,c,d,e which figures to measure
#   BENCH_VERSIONS=2.16,2.19,2.21  ansible-core versions of figure d, each against its own floor (default: BENCH_PYTHON's)
#   BENCH_RESULTS=...       where results.json goes (default benchmarks/results.json)
#   BENCH_KEEP_WORKDIR=1    keep the outputs of every run
#   BENCH_STRICT=1          exit 3 when a target is missed
#   BENCH_PYTHON=...        the Python whose bin/ has ansible-playbook (default: .venv, as make bench builds it)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/project_python.sh
source "$repo_root/scripts/lib/project_python.sh"
python=$(project_python "${BENCH_PYTHON:-}" "$repo_root" "run 'make venv' (or 'make bench', which builds it), or set BENCH_PYTHON")
bin_dir=$(dirname "$python")
if [[ ! -x "$bin_dir/ansible-playbook" ]]; then
    echo "ERROR: $bin_dir has no ansible-playbook; BENCH_PYTHON must be the python of an environment with ansible-core" >&2
    exit 1
fi

exec "$python" "$repo_root/benchmarks/bench.py" --ansible-bin "$bin_dir" "$@"
