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

# Markdown characters that would end a table cell or start formatting inside one.
_MARKDOWN_SPECIAL = re.compile(r'([\\`*_\[\]<>|~#])')

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
    text = value if isinstance(value, str) else display_value(value, limit=limit)
    if text.isdigit() and len(text) <= limit:
        return text  # a number: the one cell that differs on every row, and has nothing to escape
    return _escaped(str(text), limit)


def _escape(text, limit):
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    text = text.replace('\r', ' ').replace('\n', ' ')
    return _MARKDOWN_SPECIAL.sub(r'\\\1', text) if text else ' '


# A report of thousands of numbers repeats the same few values (check names, states, expectations)
# in every row: each is escaped once.
_escaped = functools.lru_cache(maxsize=4096)(_escape)


def _number_md(result):
    if result.get('display_number') in (None, '') and result.get('display_name') in (None, ''):
        return _md(result.get('number') or '-')
    # One label per number, thousands of them: escaped apart, so they do not push the repeated
    # values out of the cache; the results of one number come together, so the last one is kept.
    label = number_label(result)
    if label is not _LAST_NUMBER_MD[0]:
        _LAST_NUMBER_MD[:] = [label, _escape(label, 300)]
    return _LAST_NUMBER_MD[1]


_LAST_NUMBER_MD = [None, None]


def _observed_md(result):
    observed = result.get('observed')
    return '*(nothing)*' if observed is None else _md(observed)


def _passed_cell_texts(check, expected, observed, reason):
    return ' | '.join([_md(check), _md(expected), '*(nothing)*' if observed is None else _md(observed), _md(reason or '')])


# Thousands of passed results repeat a few (check, expected, observed, reason): each such row tail is made once.
# typed: 1 and True are equal keys, but not the same text.
_cached_passed_cell_texts = functools.lru_cache(maxsize=4096, typed=True)(_passed_cell_texts)


def _passed_cells(result):
    """Return the cells of a passed result after its number (check, expected, observed, note), joined."""
    values = (result.get('check'), result.get('expected'), result.get('observed'), result.get('reason'))
    try:
        return _cached_passed_cell_texts(*values)
    except TypeError:  # an observed list or mapping: not a key
        return _passed_cell_texts(*values)


def _row(cells):
    return '| ' + ' | '.join(cells) + ' |'


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
    problems = worst_first(environment.get('results') or ())
    if problems:
        lines.append(_row(['Status', 'Number', 'Check', 'Expected', 'Observed', 'Severity', 'Note']))
        lines.append(_row(['---'] * 7))
        for result in problems:
            status = result.get('status')
            label = _STATUS_LABEL.get(status, _md(status))
            if status in failing:
                label = '**%s**' % label
            lines.append(_row([label, _number_md(result), _md(result.get('check')), _md(result.get('expected')),
                               _observed_md(result), _md(result.get('severity')), _md(result.get('reason') or '', limit=300)]))
        lines.append('')
    else:
        lines += ['No problems.', '']
    passed = [result for result in environment.get('results') or () if result.get('status') == 'passed']
    if passed:
        lines += ['<details><summary>%d passed checks</summary>' % len(passed), '']
        lines.append(_row(['Number', 'Check', 'Expected', 'Observed', 'Note']))
        lines.append(_row(['---'] * 5))
        for result in passed:
            lines.append('| %s | %s |' % (_number_md(result), _passed_cells(result)))
        lines += ['', '</details>', '']
    waivers = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') in ('applied', 'expired')]
    unused = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') not in ('applied', 'expired')]
    if waivers or unused:
        lines += ['### Waivers', '']
        lines.append(_row(['State', 'Number', 'Check', 'Expires', 'Reason']))
        lines.append(_row(['---'] * 5))
        for waiver in waivers + unused:
            lines.append(_row([_md(waiver.get('state')), _number_md(waiver), _md(waiver.get('check')), _md(waiver.get('expires')),
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
    return '\n'.join(lines).rstrip('\n') + '\n'
