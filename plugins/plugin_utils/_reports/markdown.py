# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as Markdown, for people: totals, a line per environment, then its problems first."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import functools
import operator
import re
from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    display_value,
    environments_of,
    number_label,
    overall_status,
    sum_counts,
    values_reader,
    worst_first,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failing_statuses

# Markdown characters that would end a table cell or start formatting inside one, each escaped with a
# backslash; the backslash itself comes first (see _escape).
_MARKDOWN_CHARACTERS = '\\`*_[]<>|~#'
# What _escape changes in a text: a text without any of them (and not too long) is its own cell.
_CELL_SPECIAL = re.compile('[%s\r\n]' % re.escape(_MARKDOWN_CHARACTERS))

# The most bytes of UTF-8 a Markdown report takes. CI shows it as a step summary, and GitHub refuses a
# step summary over 1024 KiB ($GITHUB_STEP_SUMMARY), showing none of it: this leaves room for what a
# workflow writes beside it. A report that would be larger keeps every line that says what was checked
# and how it went (totals, the table of environments, headings, counts; of so many environments that
# these alone would not fit, the first ones and a line saying how many more), then as many rows as fit of,
# in this order: the problems (environment by environment, worst first), the changes since the last
# run (quality drops first), the waivers, the passed checks (counted per check, then listed one by one
# where that fits). A table cut short is followed by a line saying how many rows are left out and where
# they are: the JSON and JUnit reports hold every result.
MARKDOWN_SIZE_BUDGET = 1000000

_LEFT_OUT_BECAUSE = u"to keep this summary under GitHub's 1 MiB limit for a step summary"
_EVERY_RESULT = u'the JSON and JUnit reports hold every result'
_EVERY_CHANGE = u'the JSON report holds every change'
_EVERY_WAIVER = u'the JSON report holds every waiver'
# The HTML report is written only when asked for (not by default): named as such.
_PASSED_COUNTED_NOTE = (u"Counted per check, %s: the JSON and JUnit reports (and the HTML report, when written) list the passed checks one by one."
                        % _LEFT_OUT_BECAUSE)

# A symbol and the word: GitHub emoji codes (:x:) show raw in a terminal and in AWX, and a symbol
# alone says nothing to a screen reader or in a font without it.
_STATUS_LABEL = {
    'errored': u'\u203c errored',
    'failed': u'\u2717 failed',
    'warned': u'\u26a0 warned',
    'waived': u'\u25cb waived',
    'passed': u'\u2713 passed',
}


def _size(text):
    """Return the bytes of a text in UTF-8 (a lone surrogate counted as the 3 bytes it takes at most)."""
    return len(text) if text.isascii() else len(text.encode('utf-8', 'surrogatepass'))


def _lines_size(lines):
    """Return the bytes of lines in the report, each with its line break."""
    return sum(_size(line) + 1 for line in lines)


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

_CHECK_AND_EXPECTED = operator.itemgetter('check', 'expected')

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


# The values of a passed result's row.
_row_values = values_reader('number', 'display_number', 'display_name', 'check', 'expected', 'observed', 'reason')


def _passed_rows(passed, cap):
    """Return the table rows of passed results (Number, Check, Expected, Observed, Note), each ending with a line break.

    Returned with their size in bytes of UTF-8, or None when they would take more than ``cap``: the
    rows are not made past that point, so an app too large to list them costs a fraction of the time.

    A row is two parts, each made once: its number's (the results of one number come together: the
    last one is kept) and the rest, from the few (check, expected, observed, reason) that thousands of
    results repeat. Only for texts and None: 1, 1.0 and True are equal, but not alike in a cell, and
    a subclass of str may show itself otherwise.
    """
    tails = {}
    last_number = last_display_number = last_display_name = _NO_KEY
    head = None
    head_size = 0
    size = 0
    # Each row's two parts are listed and the text joined once: no text of its own for each row.
    pieces = []
    append = pieces.append
    for result in passed:
        number, display_number, display_name, check, expected, observed, reason = _row_values(result)
        # _label_texts written out (a call per row costs as much as the row).
        if type(number) is str and number and (type(display_number) is str or display_number is None) and (  # pylint: disable=unidiomatic-typecheck
                type(display_name) is str or display_name is None):  # pylint: disable=unidiomatic-typecheck
            if number != last_number or display_number != last_display_number or display_name != last_display_name:
                head = '| ' + _label_md(number, display_number, display_name) + ' | '
                head_size = len(head) if head.isascii() else _size(head)  # _size written out: a call per number shows
                last_number, last_display_number, last_display_name = number, display_number, display_name
        else:
            head = '| %s | ' % _number_md(result)
            head_size = _size(head)
            last_number = _NO_KEY
        if ((type(check) is str or check is None) and (type(expected) is str or expected is None)  # pylint: disable=unidiomatic-typecheck
                and (type(observed) is str or observed is None) and (type(reason) is str or reason is None)):  # pylint: disable=unidiomatic-typecheck
            values = (check, expected, observed, reason)
            tail = tails.get(values)
            if tail is None:
                if len(tails) >= 4096:
                    tails.clear()  # as many different rows as results (hand-made input): bounded all the same
                text = _passed_cell_texts(check, expected, observed, reason) + ' |\n'
                tail = tails[values] = (text, _size(text))
        else:
            text = _passed_cell_texts(check, expected, observed, reason) + ' |\n'
            tail = (text, _size(text))
        size += head_size + tail[1]
        if size > cap:
            return None
        append(head)
        append(tail[0])
    return ''.join(pieces), size


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


class _Budget(object):  # pylint: disable=too-few-public-methods
    """The bytes of UTF-8 still free in a report."""

    def __init__(self, size):
        self.left = size


class _Rows(object):
    """The rows of one table, each made when the budget first asks for it: of 40,000 problems, the ones that can show."""

    def __init__(self, items, make_row):
        self.items = items
        self.count = len(items)
        self._make_row = make_row
        self.texts = []
        self.sizes = []  # each row's bytes, with its line break
        self.made_size = 0

    def _make_within(self, cap):
        while self.made_size <= cap and len(self.texts) < self.count:
            text = self._make_row(self.items[len(self.texts)])
            size = _size(text) + 1
            self.texts.append(text)
            self.sizes.append(size)
            self.made_size += size

    def size_within(self, cap):
        """Return the bytes of all the rows, or None when they take more than ``cap``."""
        self._make_within(cap)
        return self.made_size if len(self.texts) == self.count and self.made_size <= cap else None

    def count_within(self, cap):
        """Return how many of the first rows take at most ``cap`` bytes."""
        self._make_within(cap)
        used = 0
        for shown, size in enumerate(self.sizes):
            used += size
            if used > cap:
                return shown
        return len(self.sizes)


class _Table(object):
    """A table of problems, changes or waivers: all its rows, or the first ones and a line saying how many more there are and where."""

    def __init__(self, columns, items, make_row, noun, where):
        self.header = [_row(columns), _row(['---'] * len(columns))]
        self.header_size = _lines_size(self.header)
        self.rows = _Rows(items, make_row)
        self.shown = self.rows.count
        self._noun = noun
        self._where = where
        # The room kept for the line saying how many rows are left out (its longest wording) and the empty line after it,
        # made free again when all fit.
        self.reserve = max(_size(self.left_out_line(0)), _size(self.left_out_line(1))) + 2

    def left_out_line(self, shown):
        left_out = self.rows.count - shown
        noun = self._noun if left_out == 1 else self._noun + 's'
        if shown:
            return u'\u2026 and %d more %s not shown here, %s: %s.' % (left_out, noun, _LEFT_OUT_BECAUSE, self._where)
        return u'%d %s not shown here, %s: %s.' % (left_out, noun, _LEFT_OUT_BECAUSE, self._where)

    def whole_size(self, cap):
        """Return the bytes of the whole table with the empty line after it, or None when it takes more than ``cap``."""
        size = self.rows.size_within(cap - self.header_size - 1)
        return None if size is None else self.header_size + size + 1

    def fit(self, budget):
        """Show every row if they fit in what is left and this table's reserve, else the first ones that fit beside the reserve."""
        whole = self.whole_size(budget.left + self.reserve)
        if whole is not None:
            budget.left -= whole - self.reserve
            self.shown = self.rows.count
            return
        self.shown = self.rows.count_within(budget.left - self.header_size - 1)
        if self.shown:
            budget.left -= self.header_size + sum(self.rows.sizes[:self.shown]) + 1

    def lines(self):
        lines = []
        if self.shown:
            lines += self.header + self.rows.texts[:self.shown] + ['']
        if self.shown < self.rows.count:
            lines += [self.left_out_line(self.shown), '']
        return lines


def _problem_row(result, failing, number_cell):
    status = result.get('status')
    label = _STATUS_LABEL.get(status, _md(status))
    if status in failing:
        label = '**%s**' % label
    return _row([label, number_cell(result), _md(result.get('check')), _md(result.get('expected')),
                 _observed_md(result), _md(result.get('severity')), _md(result.get('reason') or '', limit=300)])


def _waiver_row(waiver, number_cell):
    return _row([_md(waiver.get('state')), number_cell(waiver), _md(waiver.get('check')), _md(waiver.get('expires')),
                 _md(waiver.get('reason'), limit=300)])


def _text_or_none(value):
    return type(value) is str or value is None  # pylint: disable=unidiomatic-typecheck


def _passed_counts(passed):
    """Return the passed results counted per (check, expected) cells, in the order first met.

    The evaluation gives one result per number and check: the results counted are the numbers.
    """
    counted = None
    if set(map(type, passed)) == {dict}:
        # Counted in C, no Python loop per result (plain dicts only: a subclass may answer subscripts otherwise).
        try:
            counted = collections.Counter(map(_CHECK_AND_EXPECTED, passed))
        except (KeyError, TypeError):  # a result without them, or a value that is no key (a list)
            counted = None
        # Texts and None only: 1, 1.0 and True are equal keys, but not alike in a cell.
        if counted is not None and not all(_text_or_none(check) and _text_or_none(expected) for check, expected in counted):
            counted = None
    if counted is None:
        counted = {}
        for result in passed:
            key = (_md(result.get('check')), _md(result.get('expected')))
            counted[key] = counted.get(key, 0) + 1
        return counted
    by_cells = {}
    for (check, expected), count in counted.items():
        cells = (_md(check), _md(expected))
        by_cells[cells] = by_cells.get(cells, 0) + count
    return by_cells


def _listed_size_at_least(counts):
    """Return the fewest bytes the passed rows of these counts take listed one by one.

    A row is "| number | check | expected | observed | note |" and a line break: 20 bytes, and the
    check and the expected value, with at least one character in each of the other cells.
    """
    return sum((20 + _size(check) + _size(expected)) * count for (check, expected), count in counts.items())


class _Section(object):
    """One environment's part of the report: its heading and counts, its problems, its passed checks, its waivers."""

    def __init__(self, environment, failing):
        name = environment.get('environment') or '-'
        counts = environment.get('counts') or {}
        self.head = ['## %s: %s' % (_md(name), _md(str(environment.get('status') or '-').upper())), '']
        if environment.get('error'):
            self.head += ['**Could not be checked:** %s' % _md(environment['error'], limit=2000), '']
        self.head.append('%s numbers, %s results: %s' % (
            counts.get('numbers', 0), counts.get('results', 0),
            ', '.join('%s %s' % (counts.get(status, 0), status) for status in STATUSES)))
        self.head.append('')
        problems, self.passed = _problems_and_passed(environment.get('results') or ())
        number_cell = _number_cells()
        self.problems = _Table(['Status', 'Number', 'Check', 'Expected', 'Observed', 'Severity', 'Note'], problems,
                               lambda result: _problem_row(result, failing, number_cell), 'problem', _EVERY_RESULT) if problems else None
        waivers = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') in ('applied', 'expired')]
        unused = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') not in ('applied', 'expired')]
        self.waivers = _Table(['State', 'Number', 'Check', 'Expires', 'Reason'], waivers + unused,
                              lambda waiver: _waiver_row(waiver, number_cell), 'waiver', _EVERY_WAIVER) if waivers or unused else None
        self.passed_open = '<details><summary>%d passed checks</summary>' % len(self.passed)
        self._passed_frame = [self.passed_open, '', _row(['Number', 'Check', 'Expected', 'Observed', 'Note']), _row(['---'] * 5)]
        self.passed_text = None  # the passed rows, listed one by one, once they are known to fit
        self._passed_text_size = 0
        self._passed_too_big = -1  # the largest room the listed rows were found not to fit in
        self.passed_shown = 'list'  # 'list', 'counted' (per check) or 'none'
        self._counted_lines = None
        self._passed_counts = None
        self.passed_none_line = (u'%d passed checks not shown here, %s: %s.' % (len(self.passed), _LEFT_OUT_BECAUSE, _EVERY_RESULT))

    def essential_size(self):
        """Return the bytes of what always shows: heading, counts, and the room kept for the lines saying what is left out."""
        size = _lines_size(self.head)
        size += self.problems.reserve if self.problems else _lines_size(['No problems.', ''])
        if self.passed:
            size += _lines_size([self.passed_none_line, ''])
        if self.waivers:
            size += _lines_size(['### Waivers', '']) + self.waivers.reserve
        return size

    def passed_list_size(self, cap):
        """Return the bytes of the passed checks listed one by one, in their <details>, or None when that takes more than ``cap``."""
        frame = _lines_size(self._passed_frame) + _lines_size(['</details>', '']) + 1  # the rows' own line break closes the last
        if self.passed_text is None:
            # The counts tell cheaply when the rows cannot fit (they are counted anyway when the rows are not listed); counting
            # costs a pass over the results, worth it when the rows may well not fit: a passed row is rarely under 64 bytes.
            if cap <= self._passed_too_big or (len(self.passed) * 64 > cap and frame + _listed_size_at_least(self.passed_counts()) > cap):
                self._passed_too_big = max(cap, self._passed_too_big)
                return None
            made = _passed_rows(self.passed, cap - frame)
            if made is None:
                self._passed_too_big = cap
                return None
            self.passed_text, self._passed_text_size = made
        size = frame + self._passed_text_size
        return size if size <= cap else None

    def counted_lines(self):
        """Return the lines of the passed checks counted per check, in their <details>, with a line saying where each is listed."""
        if self._counted_lines is None:
            self._counted_lines = [self.passed_open, '', _PASSED_COUNTED_NOTE, '', _row(['Check', 'Numbers passed', 'Expected']),
                                   _row(['---'] * 3)] + [_row([check, str(count), expected]) for (check, expected), count in self.passed_counts().items()]
            self._counted_lines += ['', '</details>', '']
        return self._counted_lines

    def passed_counts(self):
        if self._passed_counts is None:
            self._passed_counts = _passed_counts(self.passed)
        return self._passed_counts

    def lines(self):
        lines = list(self.head)
        lines += self.problems.lines() if self.problems else ['No problems.', '']
        if self.passed:
            if self.passed_shown == 'list':
                # The rows end with a line break: the empty line before </details>.
                lines += self._passed_frame + [self.passed_text, '</details>', '']
            elif self.passed_shown == 'counted':
                lines += self.counted_lines()
            else:
                lines += [self.passed_none_line, '']
        if self.waivers:
            lines += ['### Waivers', ''] + self.waivers.lines()
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


class _Changes(object):
    """The part "Changes since the last run" (a report carrying no changes at all has none)."""

    def __init__(self, report):
        changes = [change for change in report['changes'] if isinstance(change, Mapping)]  # as read back: skip what is not a change
        drops = sum(1 for change in changes if change.get('quality_dropped'))
        self.head = ['## Changes since the last run', '']
        if report.get('changes_note'):
            self.head += ['*%s*' % _md(report['changes_note'], limit=2000), '']
        self.table = None
        if not changes:
            self.head += ['No changes.' if not report.get('changes_note') else 'No changes to show.', '']
            return
        self.head.append('%d change(s), %d quality drop(s).' % (len(changes), drops))
        self.head.append('')
        # Quality drops first, then in the order found.
        self.table = _Table(['Environment', 'Number', 'Change', 'Before', 'After'],
                            sorted(changes, key=lambda change: not change.get('quality_dropped')),
                            lambda change: _row(_change_cells(change)), 'change', _EVERY_CHANGE)

    def essential_size(self):
        return _lines_size(self.head) + (self.table.reserve if self.table else 0)

    def lines(self):
        return self.head + (self.table.lines() if self.table else [])


def _whole_report_fits(budget, changes, sections):
    """Tell whether every row fits, as the report shows them when it is small: then each part is set to show them all."""
    left = budget.left - (_lines_size(changes.head) if changes else 0)
    tables = ([changes.table] if changes and changes.table else []) + [
        table for section in sections for table in (section.problems, section.waivers) if table]
    for section in sections:
        left -= _lines_size(section.head) + (0 if section.problems else _lines_size(['No problems.', '']))
        left -= _lines_size(['### Waivers', '']) if section.waivers else 0
    for table in tables:  # the cheap ones first: the passed checks of a large app are most of the bytes
        size = table.whole_size(left)
        if size is None:
            return False
        left -= size
    for section in sections:
        size = section.passed_list_size(left) if section.passed else 0
        if size is None:
            return False
        left -= size
    return True


def _fit_by_priority(budget, changes, sections):
    """Fill the budget: problems, environment by environment, then changes, waivers, and the passed checks (counted, then listed)."""
    for section in sections:
        if section.problems:
            section.problems.fit(budget)
    if changes and changes.table:
        changes.table.fit(budget)
    for section in sections:
        if section.waivers:
            section.waivers.fit(budget)
    counted = []
    for section in sections:
        if not section.passed:
            continue
        kept = _lines_size([section.passed_none_line, ''])  # reserved with the essential lines
        counted_size = _lines_size(section.counted_lines())
        listed_size = section.passed_list_size(min(counted_size, budget.left + kept))
        if listed_size is not None:  # no larger than counting them: listed
            section.passed_shown = 'list'
            budget.left -= listed_size - kept
        elif counted_size <= budget.left + kept:
            section.passed_shown = 'counted'
            budget.left -= counted_size - kept
            counted.append((section, counted_size))
        else:
            section.passed_shown = 'none'
    for section, counted_size in counted:
        listed_size = section.passed_list_size(budget.left + counted_size)
        if listed_size is not None:
            section.passed_shown = 'list'
            budget.left -= listed_size - counted_size


def markdown_report(report, fail_on='fail', fail_on_error=True):
    """Return a Markdown summary: totals, a line per environment, then a table per environment, problems first.

    At most MARKDOWN_SIZE_BUDGET bytes of UTF-8: past it the tables are cut, in the order of
    MARKDOWN_SIZE_BUDGET's comment, each with a line saying how many rows are left out and where they are.
    """
    failing = failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    totals = sum_counts(environments)
    status = overall_status(totals)
    todays = ', '.join(sorted(set(str(environment.get('today')) for environment in environments if environment.get('today'))))

    def totals_line(dates):
        return '%d environment(s), %d numbers, %d results: %s. Checked on %s, fail_on=%s.' % (
            len(environments), totals['numbers'], totals['results'],
            ', '.join('%d %s' % (totals[key], key) for key in STATUSES), dates or 'an unknown date', _md(fail_on))

    lines = ['# Phone compliance: %s' % status.upper(), '', totals_line(todays), '']
    lines.append(_row(['Environment', 'Status', 'Numbers', 'Errored', 'Failed', 'Warned', 'Waived', 'Passed']))
    lines.append(_row(['---'] * 8))
    environment_rows = []
    for environment in environments:
        counts = environment.get('counts') or {}
        environment_rows.append(_row([_md(environment.get('environment') or '-'),
                                      _STATUS_LABEL.get(environment.get('status'), _md(environment.get('status')))]
                                     + [str(counts.get(key, 0)) for key in ('numbers', 'errored', 'failed', 'warned', 'waived', 'passed')]))
    changes = _Changes(report) if isinstance(report.get('changes'), list) else None
    sections = [_Section(environment, failing) for environment in environments]
    # Each part ends with an empty line, and the report with the last part's line break: the empty line
    # after the table of environments is counted, the one at the end is not.
    budget = _Budget(MARKDOWN_SIZE_BUDGET - _lines_size(lines) - 1 + 1)
    shown = len(sections)
    fits = _whole_report_fits(_Budget(budget.left - _lines_size(environment_rows)), changes, sections)
    if not fits and len(todays) > 1000:
        # As many dates as environments: a report that must be cut keeps its totals on a line of its own size.
        lines[2] = totals_line(todays[:997] + '...')
        budget = _Budget(MARKDOWN_SIZE_BUDGET - _lines_size(lines) - 1 + 1)
        fits = _whole_report_fits(_Budget(budget.left - _lines_size(environment_rows)), changes, sections)
    if not fits:
        budget.left -= changes.essential_size() if changes else 0
        sizes = [_size(row) + 1 + section.essential_size() for row, section in zip(environment_rows, sections)]
        if sum(sizes) > budget.left:
            # So many environments that their headings and counts alone would not fit: the first ones that do.
            budget.left -= _lines_size([_environments_left_out_line(len(sections)), ''])
            shown = 0
            while shown < len(sizes) and sizes[shown] <= budget.left:
                budget.left -= sizes[shown]
                shown += 1
        else:
            budget.left -= sum(sizes)
        for section in sections:
            section.passed_shown = 'none'
        _fit_by_priority(budget, changes, sections[:shown])
    lines += environment_rows[:shown]
    lines.append('')
    if shown < len(sections):
        lines += [_environments_left_out_line(len(sections) - shown), '']
    if changes:
        lines += changes.lines()
    for section in sections[:shown]:
        lines += section.lines()
    # Ends with one line break: the empty lines at the end are dropped from the list rather than
    # stripped from the text, so that the text of a large app is not copied twice more.
    while lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[-1].endswith('\n'):
        return '\n'.join(lines).rstrip('\n') + '\n'
    lines.append('')
    return '\n'.join(lines)


def _environments_left_out_line(count):
    return u'\u2026 and %d more environment%s not shown here, %s: %s.' % (count, '' if count == 1 else 's', _LEFT_OUT_BECAUSE, _EVERY_RESULT)
