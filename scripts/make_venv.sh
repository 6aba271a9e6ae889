#!/usr/bin/env bash
# Creates or refreshes one virtual environment from pinned requirement files.
# Idempotent and fast when nothing changed: a stamp file inside the venv is named after a hash of
# the interpreter and of the requirement files' contents, and its presence skips the install.
# Usage: scripts/make_venv.sh VENV_DIR PYTHON REQUIREMENTS_FILE...
set -euo pipefail

venv=${1:?usage: $0 VENV_DIR PYTHON REQUIREMENTS_FILE...}
python=${2:?usage: $0 VENV_DIR PYTHON REQUIREMENTS_FILE...}
shift 2
[[ $# -gt 0 ]] || { echo "ERROR: $0: give at least one requirements file" >&2; exit 2; }

if [[ ! -x "$python" ]]; then
    echo "ERROR: interpreter '$python' for $venv not found; install it or pass another one (see the Makefile's PYTHON variables)" >&2
    exit 1
fi

python_version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
key=$( { echo "$python $python_version"; cat "$@"; } | sha256sum | cut -c1-16)
stamp="$venv/.installed-$key"

if [[ -f "$stamp" ]]; then
    echo "$venv: up to date (Python $python_version, $*)"
    exit 0
fi

# A venv made by another interpreter version cannot be upgraded in place: start again.
if [[ -x "$venv/bin/python" ]]; then
    venv_version=$("$venv/bin/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null || echo broken)
    if [[ "$venv_version" != "$python_version" ]]; then
        echo "$venv: Python $venv_version there, $python_version wanted: recreating"
        rm -rf "$venv"
    fi
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "$venv: creating with $python (Python $python_version)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi

echo "$venv: installing $*"
requirement_args=()
for file in "$@"; do
    requirement_args+=(-r "$file")
done
# The machine's pip config lists local file:// indexes that lack most packages; their
# "is ignored" warnings are noise. pip's own exit status still decides (pipefail).
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirement_args[@]}" 2>&1 \
    | { grep -v "^WARNING: Location 'file://" || true; }
"$venv/bin/python" -m pip check

rm -f "$venv"/.installed-*
touch "$stamp"
echo "$venv: ready"
