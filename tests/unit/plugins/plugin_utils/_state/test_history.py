# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state kept between runs: previous state + this run -> changes and the next state, bounded."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state import history

TODAY = '2026-12-02'


def phone(number, quality='GREEN', **fields):
    record = {'number': number, 'status': 'CONNECTED', 'quality_rating': quality, 'code_verification_status': 'VERIFIED',
              'name_status': 'APPROVED', 'current_limit': 'TIER_1K', 'verified_name': 'Shop', 'display_phone_number': '+' + number}
    record.update(fields)
    return record


def numbers_of(state):
    return json.loads(state['numbers'])


def run(previous, phones, time='2026-12-02T06:00:00Z', environment='prod', error=None, max_runs=history.MAX_RUNS):
    result = evaluate(phones, today=TODAY, environment=environment, error=error)
    return history.next_state(previous, result, time, number_of_phone, max_runs=max_runs)


def test_a_first_run_has_no_changes_and_says_how_to_keep_the_state():
    changes, state, previous_run, note = run(None, [phone('1'), phone('2')])
    assert changes == [] and previous_run is None
    assert 'no previous run' in note and 'fact cache' in note and 'Enable Fact Storage' in note
    assert state['version'] == history.STATE_VERSION and state['environment'] == 'prod'
    assert numbers_of(state)['1'] == ['CONNECTED', 'GREEN', 'VERIFIED', 'APPROVED', 'TIER_1K', 'Shop', 'G']
    assert [entry['status'] for entry in state['runs']] == ['passed']


def test_the_next_run_reports_added_removed_and_each_changed_field_with_its_environment():
    _changes, state, _previous, _note = run(None, [phone('1'), phone('2'), phone('3')], time='2026-12-01T06:00:00Z')
    changes, state, previous_run, note = run(state, [phone('1', quality='YELLOW', status='FLAGGED'), phone('3'), phone('4')])
    assert note == '' and previous_run == {'time': '2026-12-01T06:00:00Z', 'today': TODAY, 'status': 'passed'}
    assert changes == [
        {'environment': 'prod', 'number': '1', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': 'YELLOW',
         'quality_dropped': True},
        {'environment': 'prod', 'number': '1', 'kind': 'changed', 'field': 'status', 'before': 'CONNECTED', 'after': 'FLAGGED',
         'quality_dropped': False},
        {'environment': 'prod', 'number': '4', 'kind': 'added', 'quality_dropped': False},
        {'environment': 'prod', 'number': '2', 'kind': 'removed', 'quality_dropped': False},
    ]
    assert sorted(numbers_of(state)) == ['1', '3', '4']
    assert numbers_of(state)['1'][-1] == 'GY' and numbers_of(state)['4'][-1] == '-G'


def test_a_rise_in_quality_is_a_change_but_not_a_drop():
    _changes, state, _previous, _note = run(None, [phone('1', quality='RED')])
    changes, _state, _previous, _note = run(state, [phone('1', quality='GREEN')])
    assert [(change['field'], change['quality_dropped']) for change in changes] == [('quality_rating', False)]


def test_fields_not_tracked_are_not_changes():
    _changes, state, _previous, _note = run(None, [phone('1')])
    changes, _state, _previous, _note = run(state, [phone('1', display_phone_number='+1 other', extra='new')])
    assert changes == []


def test_an_unreadable_app_reports_no_changes_and_keeps_the_last_known_numbers():
    _changes, state, _previous, _note = run(None, [phone('1'), phone('2')])
    changes, errored, _previous, note = run(state, [], error='timed out')
    assert changes == [] and 'could not be read' in note
    assert sorted(numbers_of(errored)) == ['1', '2'] and numbers_of(errored)['1'][-1] == 'G-'
    assert errored['runs'][-1]['status'] == 'errored'
    # The next readable run compares with the last known numbers: nothing was removed.
    changes, _state, _previous, _note = run(errored, [phone('1'), phone('2')])
    assert changes == []


def test_history_is_bounded_to_max_runs():
    state = None
    for day in range(1, 8):
        _changes, state, _previous, _note = run(state, [phone('1', quality='YELLOW' if day % 2 else 'GREEN')],
                                                time='2026-12-%02dT06:00:00Z' % day, max_runs=3)
    assert [entry['time'][:10] for entry in state['runs']] == ['2026-12-05', '2026-12-06', '2026-12-07']
    assert numbers_of(state)['1'][-1] == 'YGY'


@pytest.mark.parametrize('previous, why', [
    ('not a state', 'not a state this version'),
    ({'version': 99, 'runs': [], 'numbers': '{}', 'fields': list(history.TRACKED_FIELDS)}, 'not a state this version'),
    ({'version': 1, 'environment': 'prod', 'runs': [], 'numbers': '{not json', 'fields': list(history.TRACKED_FIELDS)}, 'not a state this version'),
    ({'version': 1, 'environment': 'prod', 'runs': [], 'numbers': {'1': []}, 'fields': list(history.TRACKED_FIELDS)}, 'not a state this version'),
    ({'version': 1, 'environment': 'staging', 'runs': [], 'numbers': '{}', 'fields': list(history.TRACKED_FIELDS)}, "kept for environment 'staging'"),
])
def test_a_state_of_another_kind_or_environment_is_started_anew_and_said_so(previous, why):
    changes, state, previous_run, note = run(previous, [phone('1')])
    assert changes == [] and previous_run is None and why in note
    assert len(state['runs']) == 1


def test_the_state_of_10000_numbers_over_30_runs_stays_small():
    phones = [phone('4477009%05d' % index) for index in range(10000)]
    state = None
    for day in range(1, 31):
        _changes, state, _previous, _note = run(state, phones, time='2026-11-%02dT06:00:00Z' % day)
    size = len(json.dumps(state, separators=(',', ':')))
    # Ansible walks a fact value by value: the numbers are one string, so the fact is a few dozen values, not 70,000.
    assert isinstance(state['numbers'], str)
    assert len(state['runs']) == 30 and all(len(entry[-1]) == 30 for entry in numbers_of(state).values())
    assert size < 1500000, size  # documented as about 1 MB


def test_previous_numbers_are_those_of_a_usable_state_only():
    _changes, state, _previous, _note = run(None, [phone('1'), phone('2')])
    assert history.previous_numbers(state, 'prod') == ['1', '2']
    assert history.previous_numbers(state, 'staging') is None
    assert history.previous_numbers(None, 'prod') is None


def test_quality_marks():
    assert [history.quality_mark(value) for value in ('GREEN', 'YELLOW', 'RED', 'NA', 'UNKNOW', 'PURPLE', None)] == \
        ['G', 'Y', 'R', 'U', 'U', '?', '?']


def test_trend_gives_runs_and_strips():
    _changes, state, _previous, _note = run(None, [phone('1', quality='RED')])
    assert history.trend(state) == {'runs': state['runs'], 'quality': {'1': 'R'}}
    assert history.trend(None) == {'runs': [], 'quality': {}}


def test_combined_changes_and_notes_keep_the_environments_order():
    results = [{'environment': 'prod', 'changes': [{'number': '1'}], 'changes_note': ''},
               {'environment': 'dev', 'changes': [{'number': '2'}], 'changes_note': 'no previous run'}]
    assert history.combined_changes(results) == [{'number': '1'}, {'number': '2'}]
    assert history.changes_note(results) == 'dev: no previous run'
    assert history.changes_note(results[:1]) == ''


def test_a_numbers_text_nested_too_deep_is_a_state_started_anew():
    previous = {'version': history.STATE_VERSION, 'environment': 'prod', 'runs': [], 'fields': list(history.TRACKED_FIELDS),
                'numbers': '[' * 100000 + ']' * 100000}
    changes, state, previous_run, note = run(previous, [phone('1')])
    assert changes == [] and previous_run is None and 'not a state this version' in note
    assert len(state['runs']) == 1


def test_malformed_stored_runs_are_rebuilt_or_dropped_when_read():
    _changes, state, _previous, _note = run(None, [phone('1')], time='2026-12-01T06:00:00Z')
    state['runs'] = ['not a run', {'time': 't0', 'status': 'passed', 'counts': [1, 2]}] + state['runs']
    _changes, state, previous_run, note = run(state, [phone('1')])
    assert note == '' and previous_run['time'] == '2026-12-01T06:00:00Z'
    assert [entry['time'] for entry in state['runs']] == ['t0', '2026-12-01T06:00:00Z', '2026-12-02T06:00:00Z']
    assert all(isinstance(entry['counts'], dict) for entry in state['runs'])
    state['runs'][0]['counts'] = 'garbage'
    shown = history.trend(state)['runs']
    assert shown[0]['counts'] == dict((key, 0) for key in history.RUN_COUNTS)
