# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix: every fault kind the simulator injects x {phone_info in the controller's process, as a module process, the role}.

Each cell runs ansible-playbook against a fresh in-process simulator with the row's fault rules
and must end the one way fault_catalog.py says, within its time budget, with no traceback, no
wrong answer, no partial report presented as complete, and no secret in any output.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from cells import finish_cell, judge, judge_common, run_cell
from fault_catalog import ALL_TARGETS, CASES, CELLS
from nxcloud_sim.faults import FAULT_KINDS


def test_every_fault_kind_of_the_simulator_has_a_row():
    """A fault kind added to the simulator without a row here fails the suite instead of going untested."""
    assert set(FAULT_KINDS) - set(case.kind for case in CASES) == set()


def test_row_names_are_unique():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_every_fault_kind_runs_for_every_target():
    for kind in set(case.kind for case in CASES):
        assert set(target for case, target in CELLS if case.kind == kind) == set(ALL_TARGETS), kind


@pytest.mark.parametrize('case, target', CELLS, ids=['%s-%s' % (case.name, target) for case, target in CELLS])
def test_fault_cell(case, target, cell_dir):
    budget = case.budget_seconds()
    cell = run_cell(target, cell_dir, rules=case.rules, data_shape=case.data_shape, verbosity=4 if case.verbose else 0, budget=budget,
                    variables=case.variables, secrets=case.secrets)
    expect = case.expectation(target)
    judge_common(cell, budget)
    if case.reaches_service and cell.fired < 1:
        cell.problem('the injected fault never fired: the cell tested nothing')
    judge(cell, expect, cell_dir)
    problems = finish_cell(cell, case.name, expect, cell_dir, budget, 'matrix %s / %s' % (case.name, target))
    assert not problems, '%s / %s (%s expected; outputs in %s):\n  %s' % (case.name, target, expect.outcome, cell_dir, '\n  '.join(problems))
