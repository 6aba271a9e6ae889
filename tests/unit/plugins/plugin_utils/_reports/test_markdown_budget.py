# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Markdown report stays within MARKDOWN_SIZE_BUDGET bytes of UTF-8 (GitHub's step-summary limit), problems first."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import re

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import markdown
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, clean_result, phone, prod_result

BUDGET = markdown.MARKDOWN_SIZE_BUDGET
NOT_SHOWN = re.compile(r'^(?:\u2026 and )?(\d+) (?:more )?(problem|change|waiver|environment|passed check)s? not shown here, '
                       r"to keep this summary under GitHub's 1 MiB limit for a step summary: the JSON (and JUnit reports hold every result|"
                       r'report holds every (change|waiver))\.$', re.MULTILINE)


def size(text):
    return len(text.encode('utf-8'))


def app(environment, count, every=20, prefix='86138', **fields):
    """An environment of ``count`` numbers, one in ``every`` flagged (a failed status check), the others passing all three checks."""
    phones = [phone('%s%08d' % (prefix, index), status='FLAGGED' if index % every == 0 else 'CONNECTED', **fields) for index in range(count)]
    return evaluate(phones, today=TODAY, environment=environment)


def sections(text):
    """Return each environment's part of the report by its name."""
    parts = re.split(r'^## ', text, flags=re.MULTILINE)[1:]
    return dict((part.split(':', 1)[0], part) for part in parts if not part.startswith('Changes since'))


def problem_rows(part):
    return [line for line in part.splitlines() if re.match(r'^\| (\*\*)?[\u2000-\u2bff] (errored|failed|warned|waived)', line)]


def passed_rows(part):
    """The rows of passed results listed one by one (the table with Number and Observed columns)."""
    details = part.split('<details>', 1)[1].split('</details>', 1)[0] if '<details>' in part else ''
    if '| Number | Check | Expected | Observed | Note |' not in details:
        return []
    return [line for line in details.splitlines() if line.startswith('| ') and not line.startswith(('| Number |', '| --- |'))]


def counted_table(part):
    """The passed checks counted per check: {(check, expected): count}."""
    details = part.split('<details>', 1)[1].split('</details>', 1)[0]
    assert '| Check | Numbers passed | Expected |' in details
    rows = [line for line in details.splitlines() if line.startswith('| ') and not line.startswith(('| Check |', '| --- |'))]
    return dict(((cells[0], cells[2]), int(cells[1])) for cells in (row[2:-2].split(' | ') for row in rows))


def test_a_large_app_fits_with_every_problem_and_its_passed_checks_counted():
    result = app('prod', 12000)
    text = markdown.markdown_report(result)
    assert size(text) <= BUDGET
    part = sections(text)['prod']
    assert '12000 numbers, 36000 results: 0 errored, 600 failed, 0 warned, 0 waived, 35400 passed' in part
    assert len(problem_rows(part)) == 600 and not NOT_SHOWN.search(part)
    assert passed_rows(part) == []
    assert '<details><summary>35400 passed checks</summary>' in part
    assert 'the JSON and JUnit reports (and the HTML report, when written) list the passed checks one by one' in part
    expected = collections.Counter((r['check'].replace('_', '\\_'), r['expected']) for r in result['results'] if r['status'] == 'passed')
    expected = dict(((check, value.replace('_', '\\_')), count) for (check, value), count in expected.items())
    assert counted_table(part) == expected
    assert counted_table(part)[('status', 'CONNECTED')] == 11400


def test_problems_come_first_and_every_environment_keeps_its_heading_and_counts():
    # 40,000 violations across 3 environments: far more than fits.
    environments = [app(name, 13334, every=1, prefix=prefix) for name, prefix in (('alpha', '86131'), ('beta', '86132'), ('gamma', '86133'))]
    text = markdown.markdown_report(combine_results(environments))
    assert size(text) <= BUDGET
    assert '40002 failed' in text.splitlines()[2]
    parts = sections(text)
    assert sorted(parts) == ['alpha', 'beta', 'gamma']
    shown = {}
    for name, part in parts.items():
        assert '13334 numbers, 40002 results: 0 errored, 13334 failed, 0 warned, 0 waived, 26668 passed' in part
        assert passed_rows(part) == [] and '<details>' not in part
        assert '26668 passed checks not shown here' in part
        left_out = dict((what, int(count)) for count, what, _where, _kind in NOT_SHOWN.findall(part))
        shown[name] = len(problem_rows(part))
        assert shown[name] + left_out.get('problem', 0) == 13334
    # The budget goes to the first environment's problems first: the later ones get what is left.
    assert shown['alpha'] > 0 and shown['alpha'] >= shown['beta'] >= shown['gamma']
    assert '13334 problems not shown here' in parts['gamma'] or shown['gamma'] > 0


def test_the_problems_shown_are_the_first_of_the_whole_list():
    result = app('prod', 12000, every=1)
    whole = _render(result, 10 ** 9)
    cut = markdown.markdown_report(result)
    assert size(cut) <= BUDGET < size(whole)
    rows = problem_rows(cut)
    assert 0 < len(rows) < 12000 and rows == problem_rows(whole)[:len(rows)]
    assert u'\u2026 and %d more problems not shown here' % (12000 - len(rows)) in cut


def test_thousands_of_changes_are_cut_after_the_quality_drops():
    changes = [{'environment': 'prod', 'number': '86138%08d' % index, 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN',
                'after': 'RED' if index % 4 == 0 else 'GREEN', 'quality_dropped': index % 4 == 0} for index in range(20000)]
    report = combine_results([clean_result()])
    report.update(changes=changes, changes_note='')
    text = markdown.markdown_report(report)
    assert size(text) <= BUDGET
    section = text.split('## Changes since the last run', 1)[1].split('\n## ', 1)[0]
    assert '20000 change(s), 5000 quality drop(s).' in section
    rows = [line for line in section.splitlines() if line.startswith('| prod |')]
    drops = [row for row in rows if 'dropped**' in row]
    assert rows[:len(drops)] == drops and len(drops) == min(len(rows), 5000)
    assert u'\u2026 and %d more changes not shown here' % (20000 - len(rows)) in section
    assert 'the JSON report holds every change.' in section
    assert '## dev: PASSED' in text and '1 numbers, 3 results' in text


def test_thousands_of_waivers_are_cut_and_said_so():
    # Waivers of checks that pass: no problem rows, the waivers come right after the headings.
    phones = [phone('86138%08d' % index) for index in range(2000)]
    waivers = [{'number': '86138%08d' % index, 'check': 'status', 'reason': 'appeal filed ' + 'x' * 40, 'expires': '2026-06-30'}
               for index in range(2000)] * 8
    text = markdown.markdown_report(evaluate(phones, waivers=waivers, today=TODAY, environment='prod'))
    assert size(text) <= BUDGET
    waiver_part = text.split('### Waivers', 1)[1]
    rows = [line for line in waiver_part.splitlines() if line.startswith('| ') and not line.startswith(('| State |', '| --- |'))]
    assert 0 < len(rows) < 16000
    assert u'\u2026 and %d more waivers not shown here' % (16000 - len(rows)) in waiver_part
    assert 'the JSON report holds every waiver.' in waiver_part
    assert '6000 passed checks not shown here' in text


def _render(report, budget, **kwargs):
    saved = markdown.MARKDOWN_SIZE_BUDGET
    markdown.MARKDOWN_SIZE_BUDGET = budget
    try:
        return markdown.markdown_report(report, **kwargs)
    finally:
        markdown.MARKDOWN_SIZE_BUDGET = saved


def test_a_report_just_under_the_budget_is_unchanged_and_one_just_over_counts_its_passed_checks():
    result = app('prod', 300)
    whole = _render(result, 10 ** 9)
    assert _render(result, size(whole)) == whole
    over = _render(result, size(whole) - 1)
    assert size(over) <= size(whole) - 1
    part = sections(over)['prod']
    assert passed_rows(part) == [] and counted_table(part)[('status', 'CONNECTED')] == 285
    assert problem_rows(part) == problem_rows(whole)  # the problems all stay


def test_multibyte_characters_count_as_bytes():
    result = app('prod', 200, verified_name=u'\u00e9\u540d\u5e97\U0001f600' * 8)
    whole = _render(result, 10 ** 9)
    assert len(whole) < size(whole)
    # In characters it would fit; in bytes it does not.
    text = _render(result, len(whole) + 10)
    assert text != whole and size(text) <= len(whole) + 10
    assert passed_rows(sections(text)['prod']) == []


@pytest.mark.parametrize('fail_on', ['fail', 'warn'])
def test_every_budget_is_kept_and_the_rows_shown_are_the_first_ones(fail_on):
    # A small report with every kind of part, rendered with every budget from what its headings take up to its whole size.
    report = combine_results([prod_result(), clean_result(), app('big', 40, every=3)])
    report.update(changes_note='', changes=[
        {'environment': 'prod', 'number': str(index), 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED',
         'quality_dropped': index % 2 == 0} for index in range(30)])
    whole = _render(report, 10 ** 9, fail_on=fail_on)
    whole_lines = set(whole.splitlines())
    smallest = size(_render(report, 0, fail_on=fail_on))
    # Every byte: a line left uncounted (the empty line after a "not shown here" line) overruns by a byte or two.
    for budget in range(smallest, size(whole) + 1):
        text = _render(report, budget, fail_on=fail_on)
        assert size(text) <= budget, budget
        if re.search('more environments? not shown here', text):
            assert budget < 2000  # what the headings and counts of the three take
            continue
        for line in text.splitlines():
            assert line in whole_lines or NOT_SHOWN.match(line) or line.startswith(('Counted per check', '| Check |', '| --- | --- | --- |')) or (
                re.match(r'^\| [^|]+ \| \d+ \| [^|]+ \|$', line)), line
        for name in ('prod', 'dev', 'big'):
            assert '## %s: ' % name in text
    assert _render(report, size(whole), fail_on=fail_on) == whole


def test_so_many_environments_that_their_headings_do_not_fit_are_cut_too():
    environments = [evaluate([], error='could not connect: ' + 'e' * 1500, today=TODAY, environment='env%04d' % index) for index in range(40)]
    report = combine_results(environments)
    text = _render(report, 20000)
    assert size(text) <= 20000
    shown = len(sections(text))
    assert 0 < shown < 40
    assert u'\u2026 and %d more environments not shown here' % (40 - shown) in text
    assert text.startswith('# Phone compliance: ERRORED\n')


def test_passed_checks_of_values_that_are_not_texts_are_counted_by_their_cells():
    def passed(number, check, expected):
        return {'environment': 'prod', 'number': number, 'check': check, 'expected': expected, 'observed': expected, 'severity': 'fail',
                'status': 'passed', 'reason': '', 'waiver': None, 'display_number': None, 'display_name': None}
    results = [passed(str(index), 'tier', value) for index, value in enumerate([1, True, 1, ['A', 'B'], ['A', 'B'], 'x|y'] * 50)]
    report = {'environment': 'prod', 'status': 'passed', 'results': results,
              'counts': {'numbers': 300, 'results': 300, 'passed': 300, 'errored': 0, 'failed': 0, 'warned': 0, 'waived': 0}}
    whole = _render(report, 10 ** 9)
    text = _render(report, size(whole) // 2)
    assert size(text) <= size(whole) // 2
    counted = counted_table(sections(text)['prod'])
    # 1 and True are equal keys, but their cells differ: each counted apart, as its rows would show it.
    assert counted == {('tier', '1'): 100, ('tier', 'true'): 50, ('tier', '\\["A", "B"\\]'): 100, ('tier', 'x\\|y'): 50}
    assert sum(counted.values()) == 300


def test_a_long_list_of_dates_is_kept_whole_when_the_report_fits_and_cut_when_it_does_not():
    # One date per environment: 120 dates take some 1,700 characters on the totals line.
    environments = [evaluate([phone('86138%08d' % index)], today='2026-%02d-%02d' % (index // 28 + 1, index % 28 + 1),
                             environment='env%03d' % index) for index in range(120)]
    report = combine_results(environments)
    whole = markdown.markdown_report(report)
    dates = whole.splitlines()[2].split('Checked on ', 1)[1]
    assert dates.count('2026-') == 120 and not dates.startswith('...')
    cut = _render(report, size(whole) - 1)
    assert size(cut) <= size(whole) - 1
    cut_dates = cut.splitlines()[2].split('Checked on ', 1)[1]
    assert '...' in cut_dates and cut_dates.count('2026-') < 120
