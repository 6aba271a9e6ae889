# shellcheck shell=bash
# Sourced by the project's runner scripts: picks the Python of the project's environment.
# project_python OVERRIDE REPO_ROOT HINT prints OVERRIDE when set, else $VIRTUAL_ENV's python when
# there is one, else REPO_ROOT/.venv's; it fails with HINT (what to run or set) when that Python
# does not exist.
project_python() {
    local override=$1 repo_root=$2 hint=$3 python
    if [[ -n "$override" ]]; then
        python=$override
    elif [[ -n "${VIRTUAL_ENV:-}" && -x "$VIRTUAL_ENV/bin/python" ]]; then
        python=$VIRTUAL_ENV/bin/python
    else
        python=$repo_root/.venv/bin/python
    fi
    if [[ ! -x "$python" ]]; then
        echo "ERROR: no Python at $python; $hint" >&2
        return 1
    fi
    echo "$python"
}
