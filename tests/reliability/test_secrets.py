# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets: the access secret and the signatures never appear in any output, even at -vvvv.

Every run of the suite is scanned (cells.finish_cell, reliability_harness.scan_outputs); these tests
add the runs most likely to leak (-vvvv with a retry, so two signed attempts, reports and set_stats
shown), and prove the scanner itself can find what it looks for.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os
import re

import pytest

from cells import judge_common, run_cell
from reliability_harness import SECRETS, find_signature_digests, scan_outputs, scan_text
from fault_catalog import ALL_TARGETS, INVENTORY_TARGET
from reliability_world import ACCESS_SECRET


def test_the_scanner_finds_a_planted_secret_and_signatures():
    md5_signature = hashlib.md5(b'planted').hexdigest()
    sha256_signature = hashlib.sha256(b'planted').hexdigest()
    text = 'header %s body "sign": "%s" and %s' % (ACCESS_SECRET, md5_signature, sha256_signature)
    needles = [('access secret', ACCESS_SECRET), ('signature', md5_signature), ('signature', sha256_signature)]
    assert [kind for kind, dummy in scan_text(text, needles)] == ['access secret', 'signature', 'signature']
    digests = set(hashlib.sha256(value.encode('utf-8')).hexdigest() for value in (md5_signature, sha256_signature))
    # The final scan knows signatures only by digest; it finds them even inside a longer run of hex digits.
    assert find_signature_digests('ab%scd %s' % (md5_signature, sha256_signature), digests) == digests
    assert find_signature_digests('nothing to see', digests) == set()


@pytest.mark.parametrize('target', ALL_TARGETS)
def test_no_secret_in_any_output_at_vvvv(target, cell_dir):
    signatures_before = len(SECRETS.signatures)
    cell = run_cell(target, cell_dir, rules=[{'fault': 'http_status', 'status': 503, 'times': 1}], verbosity=4, budget=10)
    judge_common(cell, 10)
    assert not cell.problems, cell.problems
    assert cell.result.rc == 0, cell.result.output[-2000:]
    output = cell.result.stdout
    # The run really was verbose (results shown in full, task paths), and really retried: two signed
    # requests, both captured here only. A module process shows its connection and commands too.
    if target == INVENTORY_TARGET:
        # ansible-inventory shows which plugin read the source from -vvv on, and the retry warning.
        assert 'Using inventory plugin' in cell.result.output and 'attempt 1 of 3 failed' in cell.result.output
    else:
        assert 'task path:' in output and '"changed": false' in output
    if target == 'module-process':
        assert 'ESTABLISH LOCAL CONNECTION' in output and '<localhost> EXEC' in output and 'AnsiballZ_phone_info.py' in output
    else:
        assert 'AnsiballZ_phone_info.py' not in output, 'phone_info was expected to run in the controller process'
    assert cell.requests == 2 and len(SECRETS.signatures) - signatures_before >= 2
    if target == 'role':
        assert 'CUSTOM STATS' in output, 'set_stats was not shown, so it was not scanned'
        stats = output.split('CUSTOM STATS', 1)[1]
        assert re.search(r'"phone_compliance":\s*\{\s*"reliability":\s*\{\s*"counts"', stats), 'set_stats lacks the environment summary'
        reports = os.listdir(os.path.join(cell_dir, 'reports'))
        assert {'phone-compliance.json', 'phone-compliance.junit.xml', 'phone-compliance.md'} <= set(reports), reports
    # A positive control: the input vars file holds the secret, and the scanner sees it there.
    with open(os.path.join(os.path.dirname(cell_dir), os.path.basename(cell_dir) + '.vars.json'), encoding='utf-8') as handle:
        assert scan_text(handle.read(), [('access secret', ACCESS_SECRET)])
    hits = scan_outputs('secrets -vvvv / %s' % target, {'stdout': cell.result.stdout, 'stderr': cell.result.stderr}, [cell_dir])
    assert hits == []
