# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fail when an access secret or a request signature appears in captured test output.

    python scan_for_secrets.py --data DATA.yml... [--vars VARS.yml...] --log REQUESTS.jsonl... FILE...

Secrets are every `access_secret` of the simulator data files, and every value of a variable
whose name ends in `_secret` in the vars files the playbooks get (wrong secrets included). Signatures cannot be known in
advance (each attempt signs a fresh timestamp), so the simulator logs a fingerprint of each one
it received (first 12 hex digits of its SHA-256); every 32- or 64-digit hex token in the output
is fingerprinted the same way and compared. The report names file and line, never the value.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

import yaml

HEX_TOKEN = re.compile(r'(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])')


def secrets_of(data_paths):
    """Return {secret: its owner, for the report} over the data files."""
    secrets = {}
    for path in data_paths:
        with open(path, encoding='utf-8') as data_file:
            data = yaml.safe_load(data_file)
        for account in data.get('accounts', []):
            secrets[account['access_secret']] = 'access key %s' % account['access_key']
    return secrets


def secrets_of_vars(vars_paths):
    """Return {secret: variable name} for the *_secret variables of the vars files."""
    secrets = {}
    for path in vars_paths:
        with open(path, encoding='utf-8') as vars_file:
            for name, value in (yaml.safe_load(vars_file) or {}).items():
                if name.endswith('_secret') and isinstance(value, str) and value:
                    secrets[value] = 'variable %s' % name
    return secrets


def fingerprints_of(log_paths):
    """Return the fingerprints of every signature the simulators received."""
    fingerprints = set()
    for path in log_paths:
        with open(path, encoding='utf-8') as log_file:
            for line in log_file:
                fingerprint = json.loads(line).get('sign_fingerprint')
                if fingerprint:
                    fingerprints.add(fingerprint)
    return fingerprints


def leaks_in(path, secrets, fingerprints):
    """Return one description per leak found in the file at `path`."""
    leaks = []
    with open(path, encoding='utf-8', errors='replace') as scanned:
        for number, line in enumerate(scanned, 1):
            for secret, owner in secrets.items():
                if secret in line:
                    leaks.append('%s:%d: the secret of %s' % (path, number, owner))
            for token in HEX_TOKEN.findall(line):
                if hashlib.sha256(token.encode('ascii')).hexdigest()[:12] in fingerprints:
                    leaks.append('%s:%d: a signature the simulator received' % (path, number))
    return leaks


def main(argv=None):
    """Scan the files; return 0 when clean, 1 when something leaked or nothing could be checked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', action='append', default=[], help='simulator data file (its secrets are looked for)')
    parser.add_argument('--vars', action='append', default=[], help='vars file: the values of its *_secret variables are looked for')
    parser.add_argument('--log', action='append', default=[], help='simulator request log (its signature fingerprints are looked for)')
    parser.add_argument('files', nargs='+', help='captured output to scan')
    arguments = parser.parse_args(argv)
    secrets = secrets_of(arguments.data)
    secrets.update(secrets_of_vars(arguments.vars))
    fingerprints = fingerprints_of(arguments.log)
    if not secrets or not fingerprints:
        print('secret scan: nothing to look for (%d secrets, %d signatures): the check would prove nothing' % (len(secrets), len(fingerprints)))
        return 1
    leaks = []
    scanned_bytes = 0
    for path in arguments.files:
        with open(path, 'rb') as scanned:
            scanned_bytes += len(scanned.read())
        leaks.extend(leaks_in(path, secrets, fingerprints))
    if leaks:
        print('secret scan: FAILED, secrets or signatures in the output:\n  ' + '\n  '.join(leaks))
        return 1
    print('secret scan: %d files (%d bytes) hold none of %d secrets and %d received signatures'
          % (len(arguments.files), scanned_bytes, len(secrets), len(fingerprints)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
