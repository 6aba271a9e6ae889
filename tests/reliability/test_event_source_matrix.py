# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix's event-source column: every row against the EDA source nxcloud.whatsapp.phone_state.

The source runs in this process (its poll is the same client call as phone_info's, in a worker
thread) against a fresh in-process simulator with the row's fault rules and the row's variables as
the source's arguments, for one poll. It must end the way the row says for phone_info:
``recovered`` is one snapshot event per number the simulator answered, with exactly the phones
phone_info would return; ``failed`` is one ``kind: error`` event whose message says what happened
and what to do; ``refused`` (a bad argument) is the source refusing to start with SourceConfigError
(what ansible-rulebook shows as the source's error), its message saying what is wrong and what to do,
before any request and before any event. Never another exception out of the source, never more
requests than the retry budget, never past the time budget, never a secret in an event or a log line.
Rows without a phone_info expectation (role variables such as report_dir) name nothing the source has.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import json
import logging
import os
import re
import time
import traceback

import pytest

from cells import ALLOWANCE_SECONDS, RETRY_WARNING, cell_variables, judge_message, judge_texts
from fault_catalog import CASES, RETRIES
from reliability_harness import SECRETS, record_cell, running_simulator, scan_outputs
from reliability_world import NUMBERS, healthy_phone

from ansible_collections.nxcloud.whatsapp.extensions.eda.plugins.event_source import phone_state

TARGET = 'event-source'
# Every row with a phone_info expectation: the source reads as phone_info does.
SOURCE_CASES = [case for case in CASES if case.module is not None]


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
        self.refusal = ''
        self.elapsed = 0.0
        self.requests = 0
        self.fired = 0
        self.problems = []
        self.message = ''

    def problem(self, text):
        self.problems.append(text)


def source_arguments(variables):
    """Return the source's rulebook arguments made of a cell's variables (a row's overrides applied)."""
    return {
        'access_key': variables['cell_access_key'], 'access_secret': variables['cell_access_secret'], 'appkey': variables['cell_appkey'],
        'api_url': variables['cell_api_url'], 'timeout': variables['cell_timeout'], 'retries': variables['cell_retries'],
        'business_phones': variables.get('cell_phone_filter', variables['cell_business_phones']), 'environment': 'reliability',
        'interval': 60,
    }


def run_source_cell(case, cell_dir):
    """Poll once with the source against a simulator that has the row's faults; return a SourceCell.

    The arguments are checked, the secrets gathered and the warnings masked as the source's main() does.
    """
    cell = SourceCell()
    queue = EventList()
    handler = LogLines()
    logger = logging.getLogger('nxcloud.whatsapp.phone_state')
    logger.addHandler(handler)
    try:
        with running_simulator(case.rules, data_shape=case.data_shape, log_path=os.path.join(cell_dir, 'simulator-requests.jsonl')) as simulator:
            for secret in (case.secrets(simulator.url) if case.secrets else ()):
                SECRETS.add_secret(secret)
            args = source_arguments(cell_variables(simulator.url, TARGET, case.variables))
            secrets = phone_state.secrets_in(args)
            started = time.monotonic()
            try:
                options = phone_state.source_options(args)
                client = phone_state.client_from_params(options, warn=lambda message: cell.warnings.append(phone_state.masked(message, secrets)))
                asyncio.run(phone_state.PhoneStateWatch(options, client, secrets=secrets).run(queue, polls=1))
            except phone_state.SourceConfigError as exc:
                cell.refusal = str(exc)
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
        handle.write('\n'.join(cell.log + cell.warnings + [cell.refusal, cell.crash]))
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
    if case.reaches_service and cell.fired < 1:
        cell.problem('the injected fault never fired: the cell tested nothing')
    if expect.outcome == 'refused':
        judge_source_refusal(cell, expect)
        return
    if cell.refusal:
        cell.problem('the source refused its arguments: %s' % cell.refusal[:300])
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


def judge_source_refusal(cell, expect):
    """A bad argument stops the source before it starts: SourceConfigError saying what is wrong and what to do, no request, no event."""
    cell.message = cell.refusal
    if not cell.refusal:
        cell.problem('the source did not refuse its arguments (events %s)' % json.dumps(cell.events)[:300])
    if cell.requests:
        cell.problem('%d requests were made; the argument must be refused before any' % cell.requests)
    if cell.events:
        cell.problem('a refused source still sent %d events' % len(cell.events))
    judge_message(cell, cell.refusal, expect, need_remedy=True)


def judge_source_output(cell, expect, texts):
    """What no event or log line may show raw (terminal escapes), how large they may grow, which warning they must hold."""
    judge_texts(cell, expect, dict(('the %s' % name, text) for name, text in texts.items()), 'the events and logs')
    if expect.warned and not any(re.search(expect.warned, warning) for warning in cell.warnings):
        cell.problem('no warning shows %r' % expect.warned)


@pytest.mark.parametrize('case', SOURCE_CASES, ids=['%s-%s' % (case.name, TARGET) for case in SOURCE_CASES])
def test_event_source_cell(case, cell_dir):
    budget = case.budget_seconds()
    cell = run_source_cell(case, cell_dir)
    judge_source_cell(cell, case, budget)
    texts = {'events': json.dumps(cell.events), 'log': '\n'.join(cell.log), 'warnings': '\n'.join(cell.warnings), 'crash': cell.crash,
             'refusal': cell.refusal}
    # The events as ansible-rulebook hands them on (JSON keeps an escape as \\u001b): the raw text is judged in the messages.
    judge_source_output(cell, case.module, dict(texts, events='\n'.join(str(event.get('message', '')) for event in cell.events)))
    for hit in scan_outputs('matrix %s / %s' % (case.name, TARGET), texts, [cell_dir]):
        cell.problem('secret leaked: %s' % hit)
    record_cell({
        'fault': case.name, 'target': TARGET, 'outcome': case.module.outcome, 'verdict': 'OK' if not cell.problems else 'BAD',
        'elapsed': round(cell.elapsed, 2), 'budget': budget, 'requests': cell.requests, 'fired': cell.fired,
        'rc': 1 if cell.crash or cell.refusal else 0, 'message': cell.message[:500], 'problems': cell.problems,
    })
    assert not cell.problems, '%s / %s (%s expected; outputs in %s):\n  %s' % (
        case.name, TARGET, case.module.outcome, cell_dir, '\n  '.join(cell.problems))
