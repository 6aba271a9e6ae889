# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix's event-source column: every row against the EDA source nxcloud.whatsapp.phone_state.

The source runs in this process (its poll is the same client call as phone_info's, in a worker
thread) against a fresh in-process simulator with the row's fault rules, for one poll. It must end
the way the row says for phone_info: ``recovered`` is one snapshot event per number the simulator
answered, with exactly the phones phone_info would return; ``failed`` is one ``kind: error`` event
whose message says what happened and what to do. Never an exception out of the source, never more
requests than the retry budget, never past the time budget, never a secret in an event or a log line.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import json
import logging
import os
import time
import traceback

import pytest

from cells import ALLOWANCE_SECONDS, RETRY_WARNING, judge_message
from fault_catalog import CASES, RETRIES, TIMEOUT
from reliability_harness import record_cell, running_simulator, scan_outputs
from reliability_world import ACCESS_KEY, ACCESS_SECRET, APPKEY, NUMBERS, healthy_phone

from ansible_collections.nxcloud.whatsapp.extensions.eda.plugins.event_source import phone_state

TARGET = 'event-source'


class EventList(object):
    """The queue ansible-rulebook hands to a source."""

    def __init__(self):
        self.events = []

    async def put(self, event):
        self.events.append(event['nxcloud_phone'])


class LogLines(logging.Handler):
    """Keeps what the source logs, to be judged and scanned like a playbook's output."""

    def __init__(self):
        super(LogLines, self).__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


class SourceCell(object):
    """One finished event-source cell and its judgement."""

    def __init__(self):
        self.events = []
        self.warnings = []
        self.log = []
        self.crash = ''
        self.elapsed = 0.0
        self.requests = 0
        self.fired = 0
        self.problems = []
        self.message = ''

    def problem(self, text):
        self.problems.append(text)


def run_source_cell(case, cell_dir):
    """Poll once with the source against a simulator that has the row's faults; return a SourceCell."""
    cell = SourceCell()
    queue = EventList()
    handler = LogLines()
    logger = logging.getLogger('nxcloud.whatsapp.phone_state')
    logger.addHandler(handler)
    try:
        with running_simulator(case.rules, data_shape=case.data_shape, log_path=os.path.join(cell_dir, 'simulator-requests.jsonl')) as simulator:
            options = phone_state.source_options({
                'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET, 'appkey': APPKEY, 'api_url': simulator.url,
                'timeout': TIMEOUT, 'retries': RETRIES, 'business_phones': list(NUMBERS), 'environment': 'reliability', 'interval': 60,
            })
            watch = phone_state.PhoneStateWatch(options, phone_state.client_from_params(options, warn=cell.warnings.append),
                                                secrets=[ACCESS_SECRET])
            started = time.monotonic()
            try:
                asyncio.run(watch.run(queue, polls=1))
            except Exception:  # pylint: disable=broad-except
                cell.crash = traceback.format_exc()
            cell.elapsed = time.monotonic() - started
            cell.requests, cell.fired = simulator.requests_seen, sum(simulator.faults.fired)
    finally:
        logger.removeHandler(handler)
    cell.events, cell.log = queue.events, handler.lines
    with open(os.path.join(cell_dir, 'events.json'), 'w', encoding='utf-8') as handle:
        json.dump(cell.events, handle, indent=1, sort_keys=True)
    with open(os.path.join(cell_dir, 'source.log'), 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(cell.log + cell.warnings + [cell.crash]))
    return cell


def judge_source_cell(cell, case, budget):
    """Judge a cell against the row's phone_info expectation."""
    expect = case.module
    if cell.crash:
        cell.problem('the source raised instead of sending an event: %s' % cell.crash.strip().splitlines()[-1])
    if cell.elapsed > budget + ALLOWANCE_SECONDS:
        cell.problem('the poll took %.1f s, more than the budget %.1f s + %.0f s allowance (a hang)' % (cell.elapsed, budget, ALLOWANCE_SECONDS))
    if cell.requests > RETRIES + 1:
        cell.problem('%d requests reached the simulator; the retry budget allows %d' % (cell.requests, RETRIES + 1))
    if cell.fired < 1:
        cell.problem('the injected fault never fired: the cell tested nothing')
    kinds = [event['kind'] for event in cell.events]
    if expect.outcome == 'recovered':
        if set(kinds) - {'snapshot'}:
            cell.problem('events of kinds %s instead of snapshots: %s' % (kinds, json.dumps(cell.events)[:400]))
            return
        phones = dict((event['number'], dict((key, value) for key, value in event['phone'].items() if key != 'number')) for event in cell.events)
        healthy = dict((number, healthy_phone(number)) for number in NUMBERS)
        wanted = expect.phones(healthy) if expect.phones else healthy
        if phones != wanted:
            cell.problem('wrong snapshot: %s, expected %s' % (json.dumps(phones, sort_keys=True)[:400], json.dumps(wanted, sort_keys=True)[:400]))
        if any(event['environment'] != 'reliability' or event['changes'] != [] for event in cell.events):
            cell.problem('a snapshot without the environment, or with changes: %s' % json.dumps(cell.events)[:400])
        if expect.retried and not any(RETRY_WARNING.search(warning) for warning in cell.warnings):
            cell.problem('recovered without the retry warning that shows the fault was met and retried')
        return
    if kinds != ['error']:
        cell.problem('expected one error event, got %s' % kinds)
        return
    event = cell.events[0]
    cell.message = event.get('message', '')
    if event['number'] is not None or event['phone'] is not None or event['changes'] != []:
        cell.problem('an error event carries a number, a phone or changes: %s' % json.dumps(event)[:400])
    if (event.get('failures'), event.get('retry_in')) != (1, 60.0):
        cell.problem('an error event after one failed poll should say failures 1 and retry_in 60: %s' % json.dumps(event)[:400])
    judge_message(cell, cell.message, expect, need_remedy=True)


@pytest.mark.parametrize('case', CASES, ids=['%s-%s' % (case.name, TARGET) for case in CASES])
def test_event_source_cell(case, cell_dir):
    budget = case.budget_seconds()
    cell = run_source_cell(case, cell_dir)
    judge_source_cell(cell, case, budget)
    texts = {'events': json.dumps(cell.events), 'log': '\n'.join(cell.log), 'warnings': '\n'.join(cell.warnings), 'crash': cell.crash}
    for hit in scan_outputs('matrix %s / %s' % (case.name, TARGET), texts, [cell_dir]):
        cell.problem('secret leaked: %s' % hit)
    record_cell({
        'fault': case.name, 'target': TARGET, 'outcome': case.module.outcome, 'verdict': 'OK' if not cell.problems else 'BAD',
        'elapsed': round(cell.elapsed, 2), 'budget': budget, 'requests': cell.requests, 'fired': cell.fired,
        'rc': 1 if cell.crash else 0, 'message': cell.message[:500], 'problems': cell.problems,
    })
    assert not cell.problems, '%s / %s (%s expected; outputs in %s):\n  %s' % (
        case.name, TARGET, case.module.outcome, cell_dir, '\n  '.join(cell.problems))
