# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as one self-contained HTML page, for people: cards, trend, changes, every number.

html_data turns a result (single or combined) into the plain data the page shows, worst first;
the page itself is the Jinja2 template templates/report.html.j2 shipped beside this file, rendered
with autoescaping on (every value the service sent is text, never markup) but in the numbers' rows,
whose texts NumberRows.cells escapes beforehand. Styles and the small filter script are inline:
nothing is fetched, so the file opens offline (CI artifacts, AWX).

At 10,000 numbers the rows are most of the work: each number's cells after its display name
(badges, quality strip, problems) are written by the template's macro once for all the numbers
that share them, and looked up with C-level calls (itemgetter, map) once per number.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import html as html_text
import os
import re

from collections.abc import Mapping
from itertools import count as positions, repeat
from operator import itemgetter, methodcaller
from types import MappingProxyType

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    display_value,
    environments_of,
    overall_status,
    sum_counts,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failing_statuses
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance_actions import without_collection_pauses
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import MARK_MEANINGS, NOT_READ_MARK, OTHER_QUALITY_MARK

TEMPLATE_DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'templates')
TEMPLATE_NAME = 'report.html.j2'

_RANK = dict((status, rank) for rank, status in enumerate(STATUSES))
_NO_RANK = len(STATUSES)  # the rank of a number without a status of the vocabulary: 'none', after the rest
_STATUS_OF_RANK = STATUSES + ('none',)
# The fields shown as badges, with the check that judges each (its result gives the badge its tone).
BADGE_FIELDS = (
    ('status', 'Status', 'status'),
    ('quality_rating', 'Quality', 'quality_rating'),
    ('code_verification_status', 'Verification', 'code_verification_status'),
    ('name_status', 'Name', 'name_status'),
    ('current_limit', 'Limit', 'current_limit'),
)
_BADGE_CHECKS = tuple((field, check) for field, _label, check in BADGE_FIELDS)
_BADGE_FIELD_NAMES = tuple(field for field, _label, _check in BADGE_FIELDS)
_ABSENT = object()  # a field the phone does not have: '(absent)'
_ABSENT_FIELDS = (_ABSENT,) * len(BADGE_FIELDS)
_NO_PHONE = object()  # a field of a number without a phone record: empty
_NO_PHONE_FIELDS = (_NO_PHONE,) * len(BADGE_FIELDS)
_NO_PHONE_RECORD = MappingProxyType({})  # the phone of a number only in the results (read only: shared by the rows)
_PLAIN_VALUE_TYPES = frozenset((str, type(None), object))  # object: the two markers above
_BADGE_VALUES = itemgetter(*_BADGE_FIELD_NAMES)
_CHECK_AND_STATUS = itemgetter('check', 'status')
_CHECK_OF = methodcaller('get', 'check')
_STATUS_OF = methodcaller('get', 'status')
# The tone of each quality strip mark (the mark's letter is shown too: never colour alone).
_MARK_TONES = {'G': 'passed', 'Y': 'warned', 'R': 'failed', 'U': 'none', '?': 'none', NOT_READ_MARK: 'absent'}
# Status words with a symbol, so the state reads without colour.
STATUS_LABELS = {'errored': '\u2716 errored', 'failed': '\u2716 failed', 'warned': '\u26a0 warned', 'waived': '\u25cb waived',
                 'passed': '\u2714 passed', 'none': 'not checked'}
CHART_WIDTH = 300
CHART_HEIGHT = 80
# A character html.escape changes: texts without one are written as they are (most numbers and names).
_NEEDS_ESCAPE = re.compile('[&<>"\']')


def _text(value, limit=200):
    if value is None:
        return ''
    return value if isinstance(value, str) and len(value) <= limit else display_value(value, limit=limit)


def strip_segments(strip):
    """Return a quality strip ("GGGYR") as runs of one mark: [{mark, count, tone, meaning}], oldest first.

    Runs of equal marks keep the page light at 10,000 numbers (a few elements per number, not one per run).
    """
    return _strip_segments(strip or '')


def _strip_segments(strip):
    segments = []
    for mark in strip or '':
        mark = mark if mark in MARK_MEANINGS else OTHER_QUALITY_MARK  # the page writes marks unescaped: only its own
        if segments and segments[-1]['mark'] == mark:
            segments[-1]['count'] += 1
        else:
            segments.append({'mark': mark, 'count': 1, 'tone': _MARK_TONES.get(mark, 'none'), 'meaning': MARK_MEANINGS.get(mark, mark)})
    for segment in segments:
        segment['text'] = segment['mark'] if segment['count'] == 1 else '%s\u00d7%d' % (segment['mark'], segment['count'])
    return segments


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
    """Return one row per number of an environment: its badges, its problems, its quality strip, worst first.

    Runs once per result of the app (30,000 at 10,000 numbers): plain dicts skip the abstract-class check,
    and a number's worst status is ranked as its results are grouped. A phone (a mapping with a number)
    is never empty: a number without one gets an empty mapping, as it always did.
    """
    name = _text(environment.get('environment') or '-')
    trend = environment.get('trend') if isinstance(environment.get('trend'), Mapping) else {}
    strips = trend.get('quality') if isinstance(trend.get('quality'), Mapping) else {}
    phones = {}
    for phone in environment.get('phones') or ():
        if (phone.__class__ is dict or isinstance(phone, Mapping)) and phone.get('number') is not None:
            phones.setdefault(str(phone['number']), phone)
    rank_of = _RANK.get
    by_number, ranks = {}, {}  # number -> its results, its worst rank; in the order of the numbers' first results
    for result in environment.get('results') or ():
        number = result.get('number') if result.__class__ is dict or isinstance(result, Mapping) else None
        if number is not None:
            number = str(number)
            rank = rank_of(result.get('status'), _NO_RANK)
            group = by_number.get(number)
            if group is None:
                by_number[number] = [result]
                ranks[number] = rank
            else:
                group.append(result)
                if rank < ranks[number]:
                    ranks[number] = rank
    for number in phones:
        if number not in by_number:
            by_number[number] = []
            ranks[number] = _NO_RANK
    # What a row is made from, zipped without a Python loop (the row itself is made when the page is written: see NumberRows):
    # (rank, environment index, position, status, number, environment, results, phone, strip).
    return list(zip(ranks.values(), repeat(index), positions(), map(_STATUS_OF_RANK.__getitem__, ranks.values()), by_number, repeat(name),
                    by_number.values(), map(phones.get, by_number, repeat(_NO_PHONE_RECORD)),
                    [strip or '' for strip in map(strips.get, by_number)]))


def _badges(results, phone):
    """Return a number's badges: (tone, text) per BADGE_FIELDS field, the tone the status of the check that judges the field."""
    check_status = {}
    for result in results:
        check_status.setdefault(result.get('check'), result.get('status'))
    # One cell per field, always in BADGE_FIELDS order (the table's columns).
    badges = []
    for field, check in _BADGE_CHECKS:
        value = phone.get(field, _ABSENT)
        if value is _ABSENT:
            text = '(absent)' if phone else ''
        elif value.__class__ is str and len(value) <= 60:  # the usual value, shown as it is
            text = value or '(empty)'
        else:
            text = '(empty)' if value == '' else _text(value, 60)
        tone = check_status.get(check, 'none')
        badges.append((tone if tone in _RANK else 'none', text))  # a status of the vocabulary only: written unescaped
    return badges


def _badges_made_from(phone, results):
    """Return what a number's badges are made from, as a key (equal keys, equal badges), or None when it cannot be one.

    Read without a Python loop (itemgetter, map: C calls) as it runs once per number. Only texts (and absent fields) make a
    key: equal values of other types may read differently (1, True and 1.0; 0.0 and -0.0).
    """
    try:
        values = _BADGE_VALUES(phone)
    except KeyError:  # a field the phone does not have (or no phone at all)
        values = tuple(map(phone.get, _BADGE_FIELD_NAMES, _ABSENT_FIELDS if phone else _NO_PHONE_FIELDS))
    if not _PLAIN_VALUE_TYPES.issuperset(map(type, values)):
        return None
    try:
        key = (values, tuple(map(_CHECK_AND_STATUS, results)))
    except KeyError:  # a result without its check or status (hand-made)
        key = (values, tuple(zip(map(_CHECK_OF, results), map(_STATUS_OF, results))))
    try:
        hash(key)
    except TypeError:  # a check that is not a text (the statuses were all ranked, so hashed, by _number_rows)
        return None
    return key


def _badges_and_problems(results, phone):
    """Return a number's badges ((tone, value) per BADGE_FIELDS field) and its problems (the results not passed)."""
    problems = [{'check': _text(result.get('check')), 'status': result.get('status'), 'reason': _text(result.get('reason'), 300),
                 'label': STATUS_LABELS.get(result.get('status'), _text(result.get('status'))),
                 'waiver': result.get('waiver') if isinstance(result.get('waiver'), Mapping) else None}
                for result in results if result.get('status') != 'passed']
    return _badges(results, phone), problems


def _row(key):
    """Return one row of the numbers table from what _number_rows keeps of it."""
    _rank, index, _position, worst, number, name, results, phone, strip = key
    badges, problems = _badges_and_problems(results, phone)
    return {
        'environment': name, 'environment_index': index, 'number': number, 'status': worst, 'label': STATUS_LABELS.get(worst, worst),
        'display_name': _text(phone.get('verified_name'), 80), 'badges': [{'tone': tone, 'value': value} for tone, value in badges],
        'problems': problems, 'strip': strip_segments(strip), 'strip_text': strip,
    }


class _EscapedTexts(dict):
    """Texts as HTML (see escape_text), each distinct text escaped once: badge values, environments, checks and reasons repeat from row to row."""

    def __missing__(self, text):
        escaped = self[text] = escape_text(text)
        return escaped


class _NumberCells(object):
    """The cells of a number after its display name (badges, quality strip, problems), as the template's macro
    ``number_cells(badges, strip, problems)`` writes them: once for all the numbers whose badges, strip and problems are the
    same (most numbers of an app share a few), and for each number whose cells are its own (a waiver, a value not a text).

    ``passed`` holds the cells of the numbers whose results all passed, by (their phone's field values, (check, status)
    of each result, strip): what NumberRows.cells looks up first. Only texts (and absent fields) make keys: equal values
    of other types may read differently (1, True and 1.0; 0.0 and -0.0), and no other value equals a text.
    """

    def __init__(self, number_cells, escaped):
        self._write = number_cells
        self._escaped = escaped
        self.passed = {}
        self._badges = {}  # what a number's badges are made from (_badges_made_from) -> (its badges, whether all its results passed)
        self._strips = {}
        self._written = {}  # (what the badges are made from, strip, problems) -> cells

    def cells(self, results, phone, strip):
        """Return a number's cells."""
        escaped = self._escaped
        made_from = _badges_made_from(phone, results)
        known = self._badges.get(made_from) if made_from is not None else None
        if known is None:
            known = ([(tone, escaped[text]) for tone, text in _badges(results, phone)], all(result.get('status') == 'passed' for result in results))
            if made_from is not None:
                self._badges[made_from] = known
        badges, all_passed = known
        strip_text = strip if isinstance(strip, str) else ''
        strip_cells = self._strips.get(strip_text)
        if strip_cells is None:
            strip_cells = self._strips[strip_text] = tuple((segment['tone'], segment['text']) for segment in _strip_segments(strip_text))
        problems = ()
        if not all_passed:
            labels = STATUS_LABELS
            problems = tuple((escaped[labels.get(result.get('status'), _text(result.get('status')))], escaped[_text(result.get('check'))],
                              escaped[_text(result.get('reason'), 300)], result.get('waiver') if isinstance(result.get('waiver'), Mapping) else None)
                             for result in results if result.get('status') != 'passed')
            if not all(problem[3] is None for problem in problems):  # a waiver: a mapping of the result's own
                return self._write(badges, strip_cells, problems)
        if made_from is None:
            return self._write(badges, strip_cells, problems)
        shared = (made_from, strip_text, problems)
        cells = self._written.get(shared)
        if cells is None:
            cells = self._written[shared] = self._write(badges, strip_cells, problems)
        if all_passed:
            try:
                self.passed[_BADGE_VALUES(phone), tuple(map(_CHECK_AND_STATUS, results)), strip] = cells
            except (KeyError, TypeError):  # a field or a result's key absent, a strip not hashable: found by _written only
                pass
        return cells


class NumberRows(object):
    """The rows of the numbers table, worst first, each made when it is read.

    A page of 10,000 numbers holds some 100,000 small values in its rows: made one at a time while the
    page is written, they never all live at once. Read as mappings (iteration, index); the page reads
    them with cells(), as tuples: each lookup of a mapping's key in the template's loop is a call.
    """

    def __init__(self, keys):
        # The keys come in (environment index, position) order: a stable sort on the rank alone keeps it within a rank.
        self._keys = sorted(keys, key=itemgetter(0))

    def __len__(self):
        return len(self._keys)

    def __iter__(self):
        return (_row(key) for key in self._keys)

    def __getitem__(self, index):
        return _row(self._keys[index])

    def cells(self, number_cells):
        """Return the rows as the page's loop reads them, in the same order: tuples of (environment index, status, label,
        number, environment, display name, cells), every text HTML already (the loop writes them as they are).

        ``cells`` are the row's cells after the display name, as the template's macro ``number_cells`` wrote them (see
        _NumberCells). Texts that repeat from row to row are escaped once, the others (number, display name) only when they
        hold a character to escape (most hold none).
        """
        escaped = _EscapedTexts()
        writer = _NumberCells(number_cells, escaped)
        passed = writer.passed
        badge_values, check_and_status = _BADGE_VALUES, _CHECK_AND_STATUS
        needs_escape = _NEEDS_ESCAPE.search
        labels = STATUS_LABELS
        for _rank, index, _position, worst, number, name, results, phone, strip in self._keys:
            # Most numbers: every field there, every result passed, cells written already for an earlier number. Looked up
            # without a Python loop (itemgetter, map: C calls), as this runs once per number.
            try:
                cells = passed[badge_values(phone), tuple(map(check_and_status, results)), strip]
            except (KeyError, TypeError):  # not written yet, or the number's cells are not all passed ones (see _NumberCells)
                cells = writer.cells(results, phone, strip)
            display_name = phone.get('verified_name')
            if display_name.__class__ is not str or len(display_name) > 80:
                display_name = _text(display_name, 80)
            yield (index, worst, labels.get(worst, worst), escape_text(number) if needs_escape(number) else number, escaped[name],
                   escape_text(display_name) if needs_escape(display_name) else display_name, cells)

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


def _template():
    """Return the report template, loaded once per process (jinja2 compiles it on first use)."""
    if not _ENVIRONMENT:
        import jinja2  # pylint: disable=import-outside-toplevel  # ansible-core's own dependency; only needed for this format

        # optimized=False: jinja2's optimizer folds constant expressions, which this page hardly has, and costs a tenth of the
        # template's compilation (done in every run: each is a fresh process).
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIRECTORY), autoescape=True,
                                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, optimized=False)
        environment.filters.update(escape_text=escape_text)
        _ENVIRONMENT.append(environment)
    return _ENVIRONMENT[0].get_template(TEMPLATE_NAME)


def html_report(report, fail_on='fail', fail_on_error=True):
    """Return the result as one self-contained HTML page (see the module docstring).

    Template.render joins the pieces the template yields: some 17 per number, the cells after a number's name
    written once for the numbers that share them (NumberRows.cells), so the list of pieces stays small beside
    the page (a StringIO buffer the page's size, copied by getvalue, held more).

    The cyclic garbage collector is paused meanwhile: the page makes tens of thousands of small tuples and lists
    that live until it is joined and hold no cycles, and each collection they set off walks them (and the result)
    again, about a tenth of the page's time at 10,000 numbers. It is collected as usual afterwards.
    """
    with without_collection_pauses():
        return _template().render(**html_data(report, fail_on, fail_on_error))
