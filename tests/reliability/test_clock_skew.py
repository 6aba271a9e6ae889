# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Clock skew: the service accepts a timestamp up to 60 s off its clock and refuses one further away.

With the simulator's clock moved by 59 s (either way) the call succeeds; by 61 s it fails with
result code 1004 and the message about the clock of the machine running the module (NTP). Run
through ansible-playbook for the module (both ways it runs) and the role; recorded in the matrix like the fault rows.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from cells import finish_cell, judge, judge_common, run_cell
from fault_catalog import ALL_TARGETS, failed, recovered

CLOCK_MESSAGE = r'result code 1004 .*clock of the machine running the module.*NTP'


@pytest.mark.parametrize('target', ALL_TARGETS)
@pytest.mark.parametrize('offset, expect', [
    (59, recovered()),
    (-59, recovered()),
    (61, failed(CLOCK_MESSAGE)),
    (-61, failed(CLOCK_MESSAGE)),
], ids=['+59s', '-59s', '+61s', '-61s'])
def test_clock_skew(offset, expect, target, cell_dir):
    # One attempt, since an answer with a result code is never retried: measured by the requests
    # the simulator counted, not by wall time, which on a loaded 2-core machine is mostly
    # ansible-playbook's start-up (35 s seen). A hang is still caught: run_cell kills a playbook
    # past every attempt's timeout plus the start-up allowance.
    cell = run_cell(target, cell_dir, clock_offset=offset)
    judge_common(cell, budget=None)
    if cell.requests != 1:
        cell.problem('%d requests reached the simulator; a clock answer (1004) must not be retried' % cell.requests)
    judge(cell, expect, cell_dir)
    problems = finish_cell(cell, 'clock offset %+d s' % offset, expect, cell_dir, None, 'clock %+d / %s' % (offset, target))
    assert not problems, 'clock %+d s / %s (outputs in %s):\n  %s' % (offset, target, cell_dir, '\n  '.join(problems))
