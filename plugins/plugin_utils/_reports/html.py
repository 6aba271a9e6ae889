# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as one self-contained HTML page, for people: cards, trend, changes, every number.

html_data turns a result (single or combined) into the plain data the page shows, worst first;
the page itself is the Jinja2 template templates/report.html.j2 shipped beside this file, rendered
with autoescaping on (every value the service sent is text, never markup). Styles and the small
filter script are inline: nothing is fetched, so the file opens offline (CI artifacts, AWX).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import html as html_text
import io
import os

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    display_value,
    environments_of,
    overall_status,
    sum_counts,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failing_statuses
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import MARK_MEANINGS, NOT_READ_MARK, OTHER_QUALITY_MARK

TEMPLATE_DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'templates')
TEMPLATE_NAME = 'report.html.j2'

_RANK = dict((status, rank) for rank, status in enumerate(STATUSES))
# The fields shown as badges, with the check that judges each (its result gives the badge its tone).
BADGE_FIELDS = (
    ('status', 'Status', 'status'),
    ('quality_rating', 'Quality', 'quality_rating'),
    ('code_verification_status', 'Verification', 'code_verification_status'),
    ('name_status', 'Name', 'name_status'),
    ('current_limit', 'Limit', 'current_limit'),
)
# The tone of each quality strip mark (the mark's letter is shown too: never colour alone).
_MARK_TONES = {'G': 'passed', 'Y': 'warned', 'R': 'failed', 'U': 'none', '?': 'none', NOT_READ_MARK: 'absent'}
# Status words with a symbol, so the state reads without colour.
STATUS_LABELS = {'errored': '\u2716 errored', 'failed': '\u2716 failed', 'warned': '\u26a0 warned', 'waived': '\u25cb waived',
                 'passed': '\u2714 passed', 'none': 'not checked'}
CHART_WIDTH = 300
CHART_HEIGHT = 80


def _text(value, limit=200):
    if value is None:
        return ''
    return value if isinstance(value, str) and len(value) <= limit else display_value(value, limit=limit)


def _worst(statuses):
    best = None
    for status in statuses:
        if status in _RANK and (best is None or _RANK[status] < _RANK[best]):
            best = status
    return best


def strip_segments(strip):
    """Return a quality strip ("GGGYR") as runs of one mark: [{mark, count, tone, meaning}], oldest first.

    Runs of equal marks keep the page light at 10,000 numbers (a few elements per number, not one per run).
    """
    return list(_strip_segments(strip or ''))


@functools.lru_cache(maxsize=1024)
def _strip_segments(strip):
    """strip_segments, made once per distinct strip (most numbers of an app share a few); the page only reads them."""
    segments = []
    for mark in strip or '':
        mark = mark if mark in MARK_MEANINGS else OTHER_QUALITY_MARK  # the page writes marks unescaped: only its own
        if segments and segments[-1]['mark'] == mark:
            segments[-1]['count'] += 1
        else:
            segments.append({'mark': mark, 'count': 1, 'tone': _MARK_TONES.get(mark, 'none'), 'meaning': MARK_MEANINGS.get(mark, mark)})
    for segment in segments:
        segment['text'] = segment['mark'] if segment['count'] == 1 else '%s\u00d7%d' % (segment['mark'], segment['count'])
    return tuple(segments)


def trend_bars(runs, width=CHART_WIDTH, height=CHART_HEIGHT):
    """Return an environment's trend chart: per run a bar of its problems (failed+errored, warned+waived stacked), and a line of its passed results.

    The problems have a scale of their own (the most problems of the runs kept), so a few failures
    among thousands of passed results still show; the passed line has its own scale too.
    Returns {bars: [{x, width, label, parts: [{y, height, tone, count}]}], passed_points: "x,y ...",
    most_problems, most_passed}, in the chart's units (width x height).
    """
    runs = [run for run in runs or () if isinstance(run, Mapping)]
    if not runs:
        return {'bars': [], 'passed_points': '', 'most_problems': 0, 'most_passed': 0}
    slot = float(width) / len(runs)
    totals = []
    for run in runs:
        counts = run.get('counts') if isinstance(run.get('counts'), Mapping) else {}  # a corrupted fact cache may hold anything
        totals.append(([('failed', _count(counts, 'failed') + _count(counts, 'errored')),
                        ('warned', _count(counts, 'warned') + _count(counts, 'waived'))], _count(counts, 'passed')))
    most_problems = max(sum(count for _tone, count in parts) for parts, _passed in totals)
    most_passed = max(passed for _parts, passed in totals)
    bars, points = [], []
    for index, (run, (parts, passed)) in enumerate(zip(runs, totals)):
        bottom = float(height)
        drawn = []
        for tone, count in parts:
            if not count:
                continue
            part_height = (height - 4) * float(count) / most_problems
            bottom -= part_height
            drawn.append({'y': round(bottom, 2), 'height': round(part_height, 2), 'tone': tone, 'count': count})
        when = _text(run.get('time') or run.get('today'))
        label = '%s: %s; %d failed, %d warned, %d passed' % (when, _text(run.get('status')), parts[0][1], parts[1][1], passed)
        bars.append({'x': round(index * slot + slot * 0.15, 2), 'width': round(max(slot * 0.7, 1.0), 2), 'label': label, 'parts': drawn})
        y = height - 2 - (height - 4) * float(passed) / most_passed if most_passed else height - 2
        points.append('%s,%s' % (round(index * slot + slot / 2, 2), round(y, 2)))
    return {'bars': bars, 'passed_points': ' '.join(points), 'most_problems': most_problems, 'most_passed': most_passed}


def _count(counts, key):
    value = counts.get(key, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _number_rows(environment, index):
    """Return one row per number of an environment: its badges, its problems, its quality strip, worst first."""
    name = _text(environment.get('environment') or '-')
    trend = environment.get('trend') if isinstance(environment.get('trend'), Mapping) else {}
    strips = trend.get('quality') if isinstance(trend.get('quality'), Mapping) else {}
    phones = {}
    for phone in environment.get('phones') or ():
        if isinstance(phone, Mapping) and phone.get('number') is not None:
            phones.setdefault(str(phone['number']), phone)
    by_number = {}
    order = []
    for result in environment.get('results') or ():
        if not isinstance(result, Mapping) or result.get('number') is None:
            continue
        number = str(result['number'])
        if number not in by_number:
            by_number[number] = []
            order.append(number)
        by_number[number].append(result)
    for number in phones:
        if number not in by_number:
            by_number[number] = []
            order.append(number)
    rows = []
    for position, number in enumerate(order):
        results = by_number[number]
        worst = _worst(result.get('status') for result in results) or 'none'
        # What a row is made from; the row itself is made when the page is written (see NumberRows).
        rows.append((_RANK.get(worst, len(STATUSES)), index, position, worst, number, name, results, phones.get(number) or {},
                     strips.get(number) or ''))
    return rows


def _badges_and_problems(results, phone):
    """Return a number's badges ((tone, value) per BADGE_FIELDS field) and its problems (the results not passed)."""
    check_status = {}
    for result in results:
        check_status.setdefault(result.get('check'), result.get('status'))
    # One cell per field, always in BADGE_FIELDS order (the table's columns); the tone is the judging check's status.
    badges = []
    for field, _label, check in BADGE_FIELDS:
        value = phone.get(field)
        text = ('(absent)' if phone else '') if field not in phone else '(empty)' if value == '' else _text(value, 60)
        tone = check_status.get(check, 'none')
        badges.append((tone if tone in _RANK else 'none', text))  # a status of the vocabulary only: written unescaped
    problems = [{'check': _text(result.get('check')), 'status': result.get('status'), 'reason': _text(result.get('reason'), 300),
                 'label': STATUS_LABELS.get(result.get('status'), _text(result.get('status'))),
                 'waiver': result.get('waiver') if isinstance(result.get('waiver'), Mapping) else None}
                for result in results if result.get('status') != 'passed']
    return badges, problems


def _row(key):
    """Return one row of the numbers table from what _number_rows keeps of it."""
    _rank, index, _position, worst, number, name, results, phone, strip = key
    badges, problems = _badges_and_problems(results, phone)
    return {
        'environment': name, 'environment_index': index, 'number': number, 'status': worst, 'label': STATUS_LABELS.get(worst, worst),
        'display_name': _text(phone.get('verified_name'), 80), 'badges': [{'tone': tone, 'value': value} for tone, value in badges],
        'problems': problems, 'strip': strip_segments(strip), 'strip_text': strip,
    }


def _row_cells(key):
    """Return the row of _row as the page's loop reads it: (environment index, status, label, number, environment, display name,
    badges as (tone, value), quality strip as (tone, text), problems), a tuple the template unpacks into plain names."""
    _rank, index, _position, worst, number, name, results, phone, strip = key
    badges, problems = _badges_and_problems(results, phone)
    return (index, worst, STATUS_LABELS.get(worst, worst), number, name, _text(phone.get('verified_name'), 80), badges,
            _strip_cells(strip if isinstance(strip, str) else ''), problems)


@functools.lru_cache(maxsize=1024)
def _strip_cells(strip):
    return tuple((segment['tone'], segment['text']) for segment in _strip_segments(strip))


class NumberRows(object):
    """The rows of the numbers table, worst first, each made when it is read.

    A page of 10,000 numbers holds some 100,000 small values in its rows: made one at a time while the
    page is written, they never all live at once. Read as mappings (iteration, index); the page reads
    them with cells(), as tuples: each lookup of a mapping's key in the template's loop is a call.
    """

    def __init__(self, keys):
        self._keys = sorted(keys, key=lambda key: key[:3])

    def __len__(self):
        return len(self._keys)

    def __iter__(self):
        return (_row(key) for key in self._keys)

    def __getitem__(self, index):
        return _row(self._keys[index])

    def cells(self):
        """Return the rows as _row_cells tuples, in the same order."""
        return (_row_cells(key) for key in self._keys)

    def statuses(self):
        return [key[3] for key in self._keys]


def _changes(report, environments):
    if isinstance(report.get('changes'), list):
        changes = report['changes']
    else:
        changes = [change for environment in environments for change in environment.get('changes') or ()]
    shown = []
    for change in changes:
        if not isinstance(change, Mapping):
            continue
        shown.append({'environment': _text(change.get('environment')), 'number': _text(change.get('number')), 'kind': _text(change.get('kind')),
                      'field': _text(change.get('field')), 'before': _text(change.get('before')), 'after': _text(change.get('after')),
                      'quality_dropped': bool(change.get('quality_dropped'))})
    shown.sort(key=lambda change: not change['quality_dropped'])
    return shown


def html_data(report, fail_on='fail', fail_on_error=True):
    """Return the plain data the HTML page shows of a result (single or combined): cards, rows worst first, changes, waivers."""
    failing = failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    totals = sum_counts(environments)
    cards, row_keys, waivers = [], [], []
    for index, environment in enumerate(environments):
        name = _text(environment.get('environment') or '-')
        counts = environment.get('counts') or {}
        trend = environment.get('trend') if isinstance(environment.get('trend'), Mapping) else {}
        changes = [change for change in environment.get('changes') or () if isinstance(change, Mapping)]
        cards.append({
            'name': name, 'index': index, 'status': environment.get('status') or 'none',
            'fails_run': any(_count(counts, status) for status in failing),
            'counts': dict((key, _count(counts, key)) for key in STATUSES + ('numbers', 'results')),
            'error': _text(environment.get('error'), 2000),
            'previous_run': environment.get('previous_run') if isinstance(environment.get('previous_run'), Mapping) else None,
            'changes_note': _text(environment.get('changes_note'), 2000),
            'changes': len(changes), 'drops': sum(1 for change in changes if change.get('quality_dropped')),
            'chart': trend_bars(trend.get('runs')), 'runs': len(trend.get('runs') or ()),
            'today': _text(environment.get('today')),
        })
        row_keys.extend(_number_rows(environment, index))
        for waiver in environment.get('waivers') or ():
            if isinstance(waiver, Mapping):
                shown = dict((key, _text(waiver.get(key), 300)) for key in ('number', 'check', 'state', 'expires', 'reason', 'owner', 'ticket'))
                shown['environment'] = name
                waivers.append(shown)
    rows = NumberRows(row_keys)
    numbers_by_status = dict((status, 0) for status in STATUSES + ('none',))
    for status in rows.statuses():
        numbers_by_status[status] += 1
    errors = [{'environment': card['name'], 'message': card['error']} for card in cards if card['error']]
    changes = _changes(report, environments)
    return {
        'status': overall_status(totals),
        'totals': totals,
        'fail_on': fail_on,
        'todays': sorted(set(card['today'] for card in cards if card['today'])),
        'cards': cards,
        'rows': rows,
        'problem_rows': sum(1 for status in rows.statuses() if status not in ('passed', 'none')),
        'numbers_by_status': numbers_by_status,
        'failing_environments': sum(1 for card in cards if card['fails_run']),
        'errors': errors,
        'changes': changes,
        'drops': sum(1 for change in changes if change['quality_dropped']),
        'changes_known': 'changes' in report or any('changes' in environment for environment in environments),
        'changes_note': _text(report.get('changes_note'), 4000) if 'changes_note' in report else
        '; '.join('%s: %s' % (card['name'], card['changes_note']) for card in cards if card['changes_note']),
        'waivers': waivers,
        'labels': STATUS_LABELS,
        'statuses': STATUSES,
        'chart': {'width': CHART_WIDTH, 'height': CHART_HEIGHT},
        'mark_meanings': MARK_MEANINGS,
        'badge_labels': [label for _field, label, _check in BADGE_FIELDS],
    }


_ENVIRONMENT = []


def escape_text(value):
    """Return a value as HTML text (& < > " ' escaped): the template's escape for the values of one number (its rows are not autoescaped)."""
    return html_text.escape(value if isinstance(value, str) else str(value), quote=True)


# The values repeated from row to row (badge values, checks, reasons): each escaped once.
escape_repeated = functools.lru_cache(maxsize=4096)(escape_text)


def _template():
    """Return the report template, loaded once per process (jinja2 compiles it on first use)."""
    if not _ENVIRONMENT:
        import jinja2  # pylint: disable=import-outside-toplevel  # ansible-core's own dependency; only needed for this format

        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIRECTORY), autoescape=True,
                                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        environment.filters.update(escape_text=escape_text, escape_repeated=escape_repeated)
        _ENVIRONMENT.append(environment)
    return _ENVIRONMENT[0].get_template(TEMPLATE_NAME)


def html_report(report, fail_on='fail', fail_on_error=True):
    """Return the result as one self-contained HTML page (see the module docstring).

    Written piece by piece into one buffer: Template.render would first hold every piece (hundreds of
    thousands for a large app) in a list to join them.
    """
    page = io.StringIO()
    page.writelines(_template().generate(**html_data(report, fail_on, fail_on_error)))
    return page.getvalue()
