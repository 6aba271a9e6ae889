# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan files written after the reliability session (pytest's JUnit) for the access secret and the signatures.

The signatures of the session are known only by the SHA-256 digests recorded in secrets-scan.jsonl.
Usage: python tests/reliability/scan_files.py FILE...; exit 1 when anything is found.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

from reliability_harness import SCAN_FILE, find_signature_digests, read_jsonl
from reliability_world import ACCESS_SECRET


def main(paths):
    """Scan the files; print what was found; return the exit status."""
    digests = set(digest for scan in read_jsonl(SCAN_FILE) for digest in scan['signature_sha256'])
    found = []
    for path in paths:
        if not os.path.isfile(path):
            print('scan_files: %s does not exist' % path)
            return 1
        with open(path, 'rb') as handle:
            content = handle.read().decode('utf-8', 'replace')
        if ACCESS_SECRET in content:
            found.append('access secret in %s' % path)
        found += ['signature in %s' % path for dummy in find_signature_digests(content, digests)]
    print('Secrets scan of %s: access secret and %d signatures looked for, %d found' % (', '.join(paths), len(digests), len(found)))
    for item in found:
        print('  LEAK: %s' % item)
    return 1 if found else 0


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1:]))
