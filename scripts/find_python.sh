#!/usr/bin/env bash
# Prints the path of a real interpreter for Python X.Y (pyenv's versions first, then PATH),
# or nothing when there is none. pyenv shims are passed over: they can point to a version that
# is not selected and fail at run time.
# Usage: scripts/find_python.sh 3.11
set -uo pipefail

want=${1:?usage: $0 X.Y}
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}

candidates=()
shopt -s nullglob
pyenv_pythons=("$pyenv_root/versions/$want".*/bin/"python$want")
# Newest patch release first.
while IFS= read -r path; do
    [[ -n "$path" ]] && candidates+=("$path")
done < <(printf '%s\n' "${pyenv_pythons[@]}" | sort -V -r)
while IFS= read -r path; do
    [[ "$path" == */shims/* ]] || candidates+=("$path")
done < <(type -a -p "python$want" 2>/dev/null)

for path in "${candidates[@]}"; do
    if [[ -x "$path" ]] && "$path" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" 2>/dev/null; then
        echo "$path"
        exit 0
    fi
done
exit 0
