# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest hooks of the reliability suite: a directory per test, the final secrets scan, the printed matrix.

The machinery (simulator, playbook runs, scanning) is in reliability_harness.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil

import pytest

from reliability_harness import ACCESS_SECRET, COLLECTIONS_ROOT, MATRIX_FILE, OUTPUT_DIR, SCAN_FILE, find_signature_digests, read_jsonl


@pytest.fixture
def cell_dir(request):
    """A fresh directory for one test's outputs, under tests/output/reliability/runs (kept for inspection)."""
    name = request.node.name.replace('[', '-').replace(']', '').replace('/', '_')
    path = os.path.join(OUTPUT_DIR, 'runs', name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


# ------------------------------------------------------------------------------------------------
# session: fresh output files, final scan, the matrix


def _is_worker(config):
    return hasattr(config, 'workerinput')


def pytest_sessionstart(session):
    if not _is_worker(session.config):
        for path in (MATRIX_FILE, SCAN_FILE):
            if os.path.exists(path):
                os.remove(path)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(COLLECTIONS_ROOT, ignore_errors=True)
    if _is_worker(session.config):
        return
    scans = read_jsonl(SCAN_FILE)
    session.config.nxcloud_final_scan = _final_scan(scans)
    if session.config.nxcloud_final_scan:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _is_worker(config):
        return
    cells = read_jsonl(MATRIX_FILE)
    scans = read_jsonl(SCAN_FILE)
    write = terminalreporter.write_line
    if cells:
        write('')
        write('Fault matrix (each cell: recovered with the right answer, or failed with an actionable message)')
        targets = sorted(set(cell['target'] for cell in cells))
        faults = []
        for cell in cells:
            if cell['fault'] not in faults:
                faults.append(cell['fault'])
        by_key = dict(((cell['fault'], cell['target']), cell) for cell in cells)
        width = max(len(fault) for fault in faults)
        write('  %s  %s' % ('fault'.ljust(width), '  '.join(target.ljust(26) for target in targets)))
        for fault in sorted(faults):
            shown = []
            for target in targets:
                cell = by_key.get((fault, target))
                shown.append(('-' if cell is None else '%s %s %.1fs' % (cell['verdict'], cell['outcome'], cell['elapsed'])).ljust(26))
            write('  %s  %s' % (fault.ljust(width), '  '.join(shown)))
        counts = {}
        for cell in cells:
            key = (cell['verdict'], cell['outcome'])
            counts[key] = counts.get(key, 0) + 1
        shown_counts = ', '.join('%s %s: %d' % (verdict, outcome, count) for (verdict, outcome), count in sorted(counts.items()))
        write('cells: %d; %s' % (len(cells), shown_counts))
        for target in targets:
            column = [cell for cell in cells if cell['target'] == target]
            verdicts = dict((verdict, sum(1 for cell in column if cell['verdict'] == verdict)) for verdict in ('OK', 'BAD'))
            write('  column %s: %d cells, OK %d, BAD %d' % (target, len(column), verdicts['OK'], verdicts['BAD']))
    if scans:
        hits = [hit for scan in scans for hit in scan['hits']]
        final_hits = getattr(config, 'nxcloud_final_scan', [])
        signatures = set(digest for scan in scans for digest in scan['signature_sha256'])
        write('Secrets scan: %d runs, %d outputs scanned for the access secret and %d distinct signatures; '
              '%d found during the runs, %d found by the final scan of every file'
              % (len(scans), sum(scan['outputs'] for scan in scans), len(signatures), len(hits), len(final_hits)))
        for hit in (hits + final_hits)[:20]:
            write('  LEAK: %s' % hit)


def _final_scan(scans):
    """Scan every file recorded by any run against the access secret and every signature of every run.

    Signatures are known here only by their SHA-256 digests, so every 32 or 64 hex digit piece of
    every file is hashed and compared.
    """
    digests = set(digest for scan in scans for digest in scan['signature_sha256'])
    hits = []
    for path in sorted(set(path for scan in scans for path in scan['files'])):
        if os.path.isfile(path):
            with open(path, 'rb') as handle:
                content = handle.read().decode('utf-8', 'replace')
            if ACCESS_SECRET in content:
                hits.append('access secret in %s' % path)
            hits += ['signature in %s' % path for dummy in find_signature_digests(content, digests)]
    return hits
