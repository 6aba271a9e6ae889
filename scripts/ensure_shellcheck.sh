#!/usr/bin/env bash
# Makes sure `shellcheck` is on PATH: ansible-test's shellcheck sanity test needs it and would
# otherwise be skipped. Installs Debian's package when missing (needs root, as on CI here).
set -euo pipefail

if command -v shellcheck >/dev/null 2>&1; then
    exit 0
fi

if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: shellcheck is missing and cannot be installed here (needs root and apt-get)." >&2
    echo "       Install it with your package manager (Debian/Ubuntu: apt-get install shellcheck) and rerun." >&2
    exit 1
fi

echo "shellcheck missing: installing Debian's package"
export DEBIAN_FRONTEND=noninteractive
# A stale or partly unreachable package list should not stop an install that may still work.
apt-get update -qq || echo "WARNING: apt-get update failed; trying the install with the lists at hand"
apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
command -v shellcheck >/dev/null 2>&1 || { echo "ERROR: shellcheck still not on PATH after apt-get install" >&2; exit 1; }
shellcheck --version | sed -n 2p
