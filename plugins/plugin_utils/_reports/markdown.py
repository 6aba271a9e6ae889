# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as Markdown, for people: totals, a line per environment, then its problems first."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import re
from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    display_value,
    environments_of,
    number_label,
    overall_status,
    sum_counts,
    worst_first,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failing_statuses

# Markdown characters that would end a table cell or start formatting inside one, each escaped with a
# backslash; the backslash itself comes first (see _escape).
_MARKDOWN_CHARACTERS = '\\`*_[]<>|~#'
# What _escape changes in a text: a text without any of them (and not too long) is its own cell.
_CELL_SPECIAL = re.compile('[%s\r\n]' % re.escape(_MARKDOWN_CHARACTERS))

# A symbol and the word: GitHub emoji codes (:x:) show raw in a terminal and in AWX, and a symbol
# alone says nothing to a screen reader or in a font without it.
_STATUS_LABEL = {
    'errored': u'\u203c errored',
    'failed': u'\u2717 failed',
    'warned': u'\u26a0 warned',
    'waived': u'\u25cb waived',
    'passed': u'\u2713 passed',
}


def _md(value, limit=200):
    # Most values need nothing: kept as they are after one search (a subclass of str goes the long way, as before).
    if type(value) is str and value and len(value) <= limit and not _CELL_SPECIAL.search(value):  # pylint: disable=unidiomatic-typecheck
        return value
    text = value if isinstance(value, str) else display_value(value, limit=limit)
    if text.isdigit() and len(text) <= limit:
        return text  # a number: the one cell that differs on every row, and has nothing to escape
    return _escaped(str(text), limit)


def _escape(text, limit):
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    text = text.replace('\r', ' ').replace('\n', ' ')
    if not text:
        return ' '
    # Backslashed by str.replace, only the characters present: a third of the time of re.sub with a
    # template. The backslash goes first, so that the backslashes put in front of the others stay single.
    for character in _MARKDOWN_CHARACTERS:
        if character in text:
            text = text.replace(character, '\\' + character)
    return text


# A report of thousands of numbers repeats the same few values (check names, states, expectations)
# in every row: each is escaped once.
_escaped = functools.lru_cache(maxsize=4096)(_escape)

# The key of no number yet: equal to no text.
_NO_KEY = object()


def _number_md(result):
    if result.get('display_number') in (None, '') and result.get('display_name') in (None, ''):
        return _md(result.get('number') or '-')
    return _escape(number_label(result), 300)


def _label_md(number, display_number, display_name):
    """Return what _number_md gives for a number that is a text, not empty, and a display number and name that are texts or None."""
    # number_label's text, made here without its checks: a report makes one per number.
    if display_number and display_name:
        label = number + ' (' + display_number + ', ' + display_name + ')'
    elif display_number or display_name:
        label = number + ' (' + (display_number or display_name) + ')'
    else:
        return _md(number)
    return _escape(label, 300)


def _label_texts(number, display_number, display_name):
    """Tell whether _label_md can make the Number cell: a number that is a text, not empty, and texts or None beside it."""
    return type(number) is str and number and (type(display_number) is str or display_number is None) and (  # pylint: disable=unidiomatic-typecheck
        type(display_name) is str or display_name is None)  # pylint: disable=unidiomatic-typecheck


def _number_cells():
    """Return a function giving the Number cell of a result or waiver, for one table.

    The results of one number come together: the cell of the last number is kept and given again for
    the same texts (texts only: 1, 1.0 and True are equal, but not alike in a cell).
    """
    last = [_NO_KEY, None]

    def number_cell(result):
        get = result.get
        number = get('number')
        display_number = get('display_number')
        display_name = get('display_name')
        if not _label_texts(number, display_number, display_name):
            return _number_md(result)
        key = (number, display_number, display_name)
        if key != last[0]:
            last[:] = [key, _label_md(number, display_number, display_name)]
        return last[1]
    return number_cell


def _observed_md(result):
    observed = result.get('observed')
    return '*(nothing)*' if observed is None else _md(observed)


def _passed_cell_texts(check, expected, observed, reason):
    return ' | '.join([_md(check), _md(expected), '*(nothing)*' if observed is None else _md(observed), _md(reason or '')])


def _row_values(result):
    """Return the values of a passed result's row: number, display number, display name, check, expected, observed, reason."""
    get = result.get
    return get('number'), get('display_number'), get('display_name'), get('check'), get('expected'), get('observed'), get('reason')


def _passed_rows(passed):
    """Return the table rows of passed results (Number, Check, Expected, Observed, Note), each ending with a line break.

    A row is two parts, each made once: its number's (the results of one number come together: the
    last one is kept) and the rest, from the few (check, expected, observed, reason) that thousands of
    results repeat. Only for texts and None: 1, 1.0 and True are equal, but not alike in a cell, and
    a subclass of str may show itself otherwise.
    """
    tails = {}
    last_number = last_display_number = last_display_name = _NO_KEY
    head = None
    # Each row's two parts are listed and the text joined once: no text of its own for each row.
    pieces = []
    append = pieces.append
    for result in passed:
        if type(result) is dict:  # pylint: disable=unidiomatic-typecheck
            # Subscripts: a third cheaper than .get (a subclass of dict might answer them otherwise, say a defaultdict).
            try:
                number = result['number']
                display_number = result['display_number']
                display_name = result['display_name']
                check = result['check']
                expected = result['expected']
                observed = result['observed']
                reason = result['reason']
            except KeyError:
                number, display_number, display_name, check, expected, observed, reason = _row_values(result)
        else:
            number, display_number, display_name, check, expected, observed, reason = _row_values(result)
        # _label_texts written out (a call per row costs as much as the row).
        if type(number) is str and number and (type(display_number) is str or display_number is None) and (  # pylint: disable=unidiomatic-typecheck
                type(display_name) is str or display_name is None):  # pylint: disable=unidiomatic-typecheck
            if number != last_number or display_number != last_display_number or display_name != last_display_name:
                head = '| ' + _label_md(number, display_number, display_name) + ' | '
                last_number, last_display_number, last_display_name = number, display_number, display_name
        else:
            head = '| %s | ' % _number_md(result)
            last_number = _NO_KEY
        if ((type(check) is str or check is None) and (type(expected) is str or expected is None)  # pylint: disable=unidiomatic-typecheck
                and (type(observed) is str or observed is None) and (type(reason) is str or reason is None)):  # pylint: disable=unidiomatic-typecheck
            values = (check, expected, observed, reason)
            tail = tails.get(values)
            if tail is None:
                if len(tails) >= 4096:
                    tails.clear()  # as many different rows as results (hand-made input): bounded all the same
                tail = tails[values] = _passed_cell_texts(check, expected, observed, reason) + ' |\n'
        else:
            tail = _passed_cell_texts(check, expected, observed, reason) + ' |\n'
        append(head)
        append(tail)
    return ''.join(pieces)


def _row(cells):
    return '| ' + ' | '.join(cells) + ' |'


def _problems_and_passed(results):
    """Return the problems among ``results``, worst first (worst_first), and the passed results, in their order."""
    if type(results) is not list:  # pylint: disable=unidiomatic-typecheck
        return worst_first(results), [result for result in results if result.get('status') == 'passed']
    # One pass over thousands of results instead of two. Both questions are asked as before (!= for a
    # problem, as worst_first asks it; == for the passed table), so any status lands where it did.
    passed = []
    others = []
    for result in results:
        status = result.get('status')
        if status == 'passed':
            passed.append(result)
        if status != 'passed':
            others.append(result)
    return worst_first(others), passed


def _environment_section(environment, failing):
    name = environment.get('environment') or '-'
    counts = environment.get('counts') or {}
    lines = ['## %s: %s' % (_md(name), _md(str(environment.get('status') or '-').upper())), '']
    if environment.get('error'):
        lines += ['**Could not be checked:** %s' % _md(environment['error'], limit=2000), '']
    lines.append('%s numbers, %s results: %s' % (
        counts.get('numbers', 0), counts.get('results', 0),
        ', '.join('%s %s' % (counts.get(status, 0), status) for status in STATUSES)))
    lines.append('')
    problems, passed = _problems_and_passed(environment.get('results') or ())
    number_cell = _number_cells()
    if problems:
        lines.append(_row(['Status', 'Number', 'Check', 'Expected', 'Observed', 'Severity', 'Note']))
        lines.append(_row(['---'] * 7))
        for result in problems:
            status = result.get('status')
            label = _STATUS_LABEL.get(status, _md(status))
            if status in failing:
                label = '**%s**' % label
            lines.append(_row([label, number_cell(result), _md(result.get('check')), _md(result.get('expected')),
                               _observed_md(result), _md(result.get('severity')), _md(result.get('reason') or '', limit=300)]))
        lines.append('')
    else:
        lines += ['No problems.', '']
    if passed:
        lines += ['<details><summary>%d passed checks</summary>' % len(passed), '']
        lines.append(_row(['Number', 'Check', 'Expected', 'Observed', 'Note']))
        lines.append(_row(['---'] * 5))
        lines += [_passed_rows(passed), '</details>', '']  # the rows end with a line break: the empty line before </details>
    waivers = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') in ('applied', 'expired')]
    unused = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') not in ('applied', 'expired')]
    if waivers or unused:
        lines += ['### Waivers', '']
        lines.append(_row(['State', 'Number', 'Check', 'Expires', 'Reason']))
        lines.append(_row(['---'] * 5))
        for waiver in waivers + unused:
            lines.append(_row([_md(waiver.get('state')), number_cell(waiver), _md(waiver.get('check')), _md(waiver.get('expires')),
                               _md(waiver.get('reason'), limit=300)]))
        lines.append('')
    return lines


def _change_cells(change):
    """Return the cells of one change: environment, number, what changed, before, after."""
    kind = change.get('kind')
    if kind != 'changed':
        return [_md(change.get('environment') or '-'), _md(change.get('number') or '-'), _md(kind), ' ', ' ']
    what = _md(change.get('field'))
    if change.get('quality_dropped'):
        what = '**%s dropped**' % what  # its own flag: a quality drop is the change people act on first
    return [_md(change.get('environment') or '-'), _md(change.get('number') or '-'), what,
            _md(change.get('before')) if change.get('before') is not None else '*(nothing)*',
            _md(change.get('after')) if change.get('after') is not None else '*(nothing)*']


def _changes_section(report):
    """Return the lines of "Changes since the last run" (none when the report carries no changes at all)."""
    if not isinstance(report.get('changes'), list):
        return []
    changes = [change for change in report['changes'] if isinstance(change, Mapping)]  # as read back: skip what is not a change
    drops = sum(1 for change in changes if change.get('quality_dropped'))
    lines = ['## Changes since the last run', '']
    if report.get('changes_note'):
        lines += ['*%s*' % _md(report['changes_note'], limit=2000), '']
    if not changes:
        lines += ['No changes.' if not report.get('changes_note') else 'No changes to show.', '']
        return lines
    lines.append('%d change(s), %d quality drop(s).' % (len(changes), drops))
    lines.append('')
    lines.append(_row(['Environment', 'Number', 'Change', 'Before', 'After']))
    lines.append(_row(['---'] * 5))
    # Quality drops first, then in the order found.
    for change in sorted(changes, key=lambda change: not change.get('quality_dropped')):
        lines.append(_row(_change_cells(change)))
    lines.append('')
    return lines


def markdown_report(report, fail_on='fail', fail_on_error=True):
    """Return a Markdown summary: totals, a line per environment, then a table per environment, problems first."""
    failing = failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    totals = sum_counts(environments)
    status = overall_status(totals)
    todays = sorted(set(str(environment.get('today')) for environment in environments if environment.get('today')))
    lines = ['# Phone compliance: %s' % status.upper(), '']
    lines.append('%d environment(s), %d numbers, %d results: %s. Checked on %s, fail_on=%s.' % (
        len(environments), totals['numbers'], totals['results'],
        ', '.join('%d %s' % (totals[key], key) for key in STATUSES), ', '.join(todays) or 'an unknown date', _md(fail_on)))
    lines.append('')
    lines.append(_row(['Environment', 'Status', 'Numbers', 'Errored', 'Failed', 'Warned', 'Waived', 'Passed']))
    lines.append(_row(['---'] * 8))
    for environment in environments:
        counts = environment.get('counts') or {}
        lines.append(_row([_md(environment.get('environment') or '-'), _STATUS_LABEL.get(environment.get('status'), _md(environment.get('status')))]
                          + [str(counts.get(key, 0)) for key in ('numbers', 'errored', 'failed', 'warned', 'waived', 'passed')]))
    lines.append('')
    lines += _changes_section(report)
    for environment in environments:
        lines += _environment_section(environment, failing)
    # Ends with one line break: the empty lines at the end are dropped from the list rather than
    # stripped from the text, so that the text of a large app is not copied twice more.
    while lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[-1].endswith('\n'):
        return '\n'.join(lines).rstrip('\n') + '\n'
    lines.append('')
    return '\n'.join(lines)
