#!/usr/bin/env bash
# Installs the Debian packages whose commands the tests run, when a command is missing.
# Arguments: COMMAND=PACKAGE pairs. One `apt-get update` and one install for all that are missing;
# not root or no apt-get: says what to install and fails.
set -euo pipefail

missing=()
for pair in "$@"; do
    command_name=${pair%%=*}
    package=${pair#*=}
    command -v "$command_name" >/dev/null 2>&1 || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "ERROR: the tests need these Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "Installing Debian packages the tests need: ${missing[*]}"
apt-get update -qq || echo "WARNING: apt-get update failed; trying the install with the lists at hand"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
