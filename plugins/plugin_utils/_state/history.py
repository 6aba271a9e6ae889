# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state one environment keeps between runs (the fact phone_compliance_state): previous state + this run -> changes, next state.

Ansible's fact cache carries the state from one run to the next (jsonfile, redis, AWX's fact
storage); this file only turns the previous state and this run's result into what changed and the
state to keep. Pure: no I/O, no clock (the time of the run is passed in), no Ansible imports.

The state is bounded: per number, only the tracked fields of the last run and one character of
quality per run kept; per run, its time, status and counts; at most MAX_RUNS runs. For an app of
10,000 numbers that is about 1 MB of JSON, whatever the number of runs before.

The numbers are kept as one JSON text (``numbers``), not as a mapping: Ansible copies, wraps and
walks a fact value by value several times per task (and ansible-core 2.19 tags each value), so
one string of 1 MB costs it next to nothing where 70,000 small values cost seconds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._json_text import compact_json
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.changes import CHANGED, number_changes, quality_dropped

FACT_NAME = 'phone_compliance_state'
STATE_VERSION = 1
# Runs kept: about a month of daily runs, the span Meta's WhatsApp Manager shows quality for.
MAX_RUNS = 30
# The fields of a number compared between runs: the ones the checks judge.
TRACKED_FIELDS = ('status', 'quality_rating', 'code_verification_status', 'name_status', 'current_limit', 'verified_name')
_QUALITY_INDEX = TRACKED_FIELDS.index('quality_rating')
# The counts kept per run (the statuses of results, and the numbers read).
RUN_COUNTS = ('numbers', 'errored', 'failed', 'warned', 'waived', 'passed')

# One character per run in a number's quality strip.
QUALITY_MARKS = {'GREEN': 'G', 'YELLOW': 'Y', 'RED': 'R', 'NA': 'U', 'UNKNOWN': 'U', 'UNKNOW': 'U'}
OTHER_QUALITY_MARK = '?'  # read, but no documented rating (null, odd text)
NOT_READ_MARK = '-'  # not in the app on that run, or the app could not be read
MARK_MEANINGS = {'G': 'GREEN', 'Y': 'YELLOW', 'R': 'RED', 'U': 'not rated', '?': 'unknown value', '-': 'not read'}

NO_PREVIOUS_RUN = ('no previous run of this environment is known, so no changes are shown. To see what changed from one run '
                   'to the next, keep facts between runs: configure a fact cache (ANSIBLE_CACHE_PLUGIN=jsonfile with '
                   'ANSIBLE_CACHE_PLUGIN_CONNECTION=<directory>, or redis), or in AWX enable "Enable Fact Storage" on the job template')


def quality_mark(value):
    """Return the strip character of one quality rating."""
    if isinstance(value, str):
        return QUALITY_MARKS.get(value, OTHER_QUALITY_MARK)
    return OTHER_QUALITY_MARK


def _usable_state(previous, environment):
    """Return (the previous state, its numbers as {number: entry}) when it can be used, else (None, {}); and a note saying why not, or ''."""
    if previous is None or previous == '' or previous == {}:
        return None, {}, NO_PREVIOUS_RUN
    numbers = _decoded_numbers(previous)
    if (numbers is None or previous.get('version') != STATE_VERSION or not isinstance(previous.get('runs'), list)
            or list(previous.get('fields') or ()) != list(TRACKED_FIELDS)):
        return None, {}, ('the fact %s of this host is not a state this version of the collection keeps (version %d), so it was '
                          'started anew and no changes are shown' % (FACT_NAME, STATE_VERSION))
    if previous.get('environment') != environment:
        return None, {}, ('the fact %s of this host was kept for environment %r, not %r, so it was started anew and no changes are shown'
                          % (FACT_NAME, previous.get('environment'), environment))
    return previous, numbers, ''


# The last numbers text decoded or encoded here, with its numbers: one run reads the previous state's text
# twice (previous_numbers, next_state) and the next state's once (trend), a megabyte each for 10,000 numbers.
# Only the very same string object is taken from it, and nothing here changes the numbers it holds.
_LAST_NUMBERS = [None, None]


def _decoded_numbers(state):
    """Return the numbers of a state as {number: [values..., strip]}, or None when the state holds none readable."""
    if not isinstance(state, Mapping) or not isinstance(state.get('numbers'), str):
        return None
    text = state['numbers']
    if text is _LAST_NUMBERS[0]:
        return _LAST_NUMBERS[1]
    try:
        numbers = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: a text nested too deep to decode
        return None
    if not isinstance(numbers, dict):
        return None
    _LAST_NUMBERS[:] = [text, numbers]
    return numbers


def encoded_numbers(numbers):
    """Return {number: [values..., strip]} as the state keeps it: one compact JSON text."""
    text = compact_json(numbers).decode('utf-8')
    _LAST_NUMBERS[:] = [text, numbers]
    return text


def _plain(value):
    """Return a field value as the state keeps it: text as plain str (ansible-core 2.16 hands back its own str subclass)."""
    if type(value) is str or not isinstance(value, str):  # pylint: disable=unidiomatic-typecheck
        return value
    return str.__str__(value)  # str() would keep the subclass: it overrides __str__


def _tracked(entry):
    """Return {field: value} of a stored number entry ([values..., strip]); values of odd entries are None."""
    if not isinstance(entry, list) or len(entry) != len(TRACKED_FIELDS) + 1:
        return dict((field, None) for field in TRACKED_FIELDS)
    return dict((field, _plain(value)) for field, value in zip(TRACKED_FIELDS, entry))


def _strip_of(entry):
    if isinstance(entry, list) and entry and isinstance(entry[-1], str):
        return _plain(entry[-1])
    return ''


def previous_numbers(previous, environment):
    """Return the numbers of the previous run of ``environment`` (a list), or None when no usable previous state is known."""
    state, numbers, _note = _usable_state(previous, environment)
    if state is None:
        return None
    return list(numbers)


def _current_values(result, number_of):
    """Return {number: [value of each tracked field]} of the numbers this run read, in the order read."""
    values = {}
    for phone in result.get('phones') or ():
        if not isinstance(phone, Mapping):
            continue
        number = number_of(phone)
        if number is None or number in values:
            continue
        values[number] = [_plain(phone.get(field)) if field in phone else None for field in TRACKED_FIELDS]
    return values


def _same(before, after):
    """Tell whether two lists of tracked values are equal, type for type (1 and True differ, as number_changes has it)."""
    return before == after and list(map(type, before)) == list(map(type, after))


def _changes_between(environment, stored, current):
    """Return the changes between the stored numbers and this run's, through number_changes, the one comparison.

    Only the numbers that differ are handed to it (most of an app's numbers do not change from one run to the
    next; comparing equal lists first saves building two records per number). Orders are kept: number_changes
    lists current numbers in their order, then removed ones in theirs.
    """
    before, after = {}, {}
    for number, values in current.items():
        entry = stored.get(number)
        if entry is None or not _same(entry[:-1] if isinstance(entry, list) else entry, values):
            after[number] = dict(zip(TRACKED_FIELDS, values), number=number)
            if entry is not None:
                before[number] = dict(_tracked(entry), number=number)
    for number, entry in stored.items():
        if number not in current:
            before[number] = dict(_tracked(entry), number=number)
    # A number changed and kept: in both; added: in after only; removed: in before only.
    return _flat_changes(environment, number_changes(before, after))


def _flat_changes(environment, entries):
    """Return the changes of number_changes as one entry per change: environment, number, kind, and field/before/after when changed."""
    flat = []
    for entry in entries:
        if entry['kind'] != CHANGED:
            flat.append({'environment': environment, 'number': entry['number'], 'kind': entry['kind'], 'quality_dropped': False})
            continue
        for change in entry['changes']:
            flat.append({
                'environment': environment, 'number': entry['number'], 'kind': CHANGED,
                'field': change['field'], 'before': change['before'], 'after': change['after'],
                'quality_dropped': change['field'] == 'quality_rating' and quality_dropped(change['before'], change['after']),
            })
    return flat


def _run_record(result, time):
    counts = result.get('counts')
    if not isinstance(counts, Mapping):
        counts = {}
    return {
        'time': time,
        'today': result.get('today'),
        'status': result.get('status'),
        'counts': dict((key, counts.get(key, 0) if isinstance(counts.get(key, 0), int) else 0) for key in RUN_COUNTS),
    }


def _stored_runs(runs):
    """Return the runs a state keeps, each rebuilt as _run_record makes it: a corrupted fact cache may hold anything there."""
    return [_run_record(run, run.get('time')) for run in runs or () if isinstance(run, Mapping)]


def next_state(previous, result, time, number_of, max_runs=MAX_RUNS):
    """Return (changes, next state, previous run or None, note) of one environment's run.

    ``previous``: the fact phone_compliance_state as the fact cache gave it back (None when not).
    ``result``: this run's compliance result (evaluate.py: environment, status, today, counts,
    error, phones). ``time``: when this run read the app (ISO 8601 text). ``number_of``: the function
    that gives a phone record's number as the results name it (checks.number_of_phone).

    ``changes``: one entry per change (see _flat_changes); empty on a first run, and when this run
    could not read the app (its numbers are unknown, not removed): the previous numbers are kept
    then, so the next run compares with the last known ones. ``note`` says why no changes could be
    told (no previous run, a state of another kind), empty when they were.
    """
    environment = result.get('environment')
    state, stored, note = _usable_state(previous, environment)
    runs = _stored_runs(state['runs']) if state else []
    previous_run = dict((key, runs[-1].get(key)) for key in ('time', 'today', 'status')) if runs else None
    kept_runs = max(1, int(max_runs))
    # The strips are as long as the runs kept, this one included.
    width = min(len(runs) + 1, kept_runs)

    if result.get('error'):
        changes = []
        numbers = dict((number, list(entry[:-1]) + [(_strip_of(entry) + NOT_READ_MARK)[-width:].rjust(width, NOT_READ_MARK)])
                       for number, entry in stored.items() if isinstance(entry, list) and entry)
        if state is not None:
            note = 'the app could not be read on this run, so its numbers are not known and no changes are shown'
    else:
        current = _current_values(result, number_of)
        changes = _changes_between(environment, stored, current) if state else []
        numbers = {}
        for number, values in current.items():
            strip = (_strip_of(stored.get(number)) if state else '') + quality_mark(values[_QUALITY_INDEX])
            numbers[number] = values + [strip[-width:].rjust(width, NOT_READ_MARK)]
    runs.append(_run_record(result, time))
    next_one = {
        'version': STATE_VERSION,
        'environment': environment,
        'max_runs': kept_runs,
        'fields': list(TRACKED_FIELDS),
        'runs': runs[-kept_runs:],
        'numbers': encoded_numbers(numbers),
    }
    return changes, next_one, previous_run, note


def trend(state):
    """Return what the reports show of a state: its runs (oldest first) and each number's quality strip."""
    if not isinstance(state, Mapping):
        return {'runs': [], 'quality': {}}
    return {
        'runs': _stored_runs(state.get('runs') if isinstance(state.get('runs'), list) else ()),
        'quality': dict((number, _strip_of(entry)) for number, entry in (_decoded_numbers(state) or {}).items()),
    }


def combined_changes(results):
    """Return the changes of several environments' results (mappings with ``changes``) as one list, in their order."""
    changes = []
    for result in results:
        if isinstance(result, Mapping) and isinstance(result.get('changes'), list):
            changes.extend(change for change in result['changes'] if isinstance(change, Mapping))
    return changes


def changes_note(results):
    """Return the note of the environments whose changes are not known, empty when every one's are.

    ``results``: mappings with ``environment`` and ``changes_note`` (phone_compliance_check results).
    """
    notes = [(result.get('environment'), result.get('changes_note')) for result in results
             if isinstance(result, Mapping) and result.get('changes_note')]
    return '; '.join('%s: %s' % (environment, note) for environment, note in notes)
