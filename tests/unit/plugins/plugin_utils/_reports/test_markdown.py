# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Markdown report: totals, problems first, passed checks folded, waivers, escaping."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import markdown
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, clean_result, errored_result, phone, prod_result


def test_markdown_lists_problems_first_then_folds_passed_checks():
    text = markdown.markdown_report(prod_result())
    assert text.startswith('# Phone compliance: FAILED\n')
    problems = text.index('| Status | Number | Check | Expected | Observed | Severity | Note |')
    failed = text.index('✗ failed** | 8613800138000 (Acme) | status | CONNECTED | FLAGGED | fail |')
    warned = text.index('⚠ warned | 8613800138001 (Acme) | quality\\_rating |')
    waived = text.index('○ waived | 8613800138002 (Acme) | status |')
    passed = text.index('<details><summary>9 passed checks</summary>')
    assert problems < failed < warned < waived < passed


def test_markdown_has_a_summary_row_per_environment_and_totals():
    combined = combine_results([clean_result(), prod_result(), errored_result()])
    text = markdown.markdown_report(combined)
    assert text.startswith('# Phone compliance: ERRORED\n')
    assert '| dev | ✓ passed | 1 | 0 | 0 | 0 | 0 | 3 |' in text
    assert '| prod | ✗ failed | 4 | 0 | 1 | 2 | 1 | 9 |' in text
    assert '| staging | ‼ errored | 0 | 1 | 0 | 0 | 0 | 0 |' in text
    assert '3 environment(s), 5 numbers' in text
    assert '## dev: PASSED' in text and 'No problems.' in text
    assert '**Could not be checked:** could not connect to' in text


def test_markdown_shows_waivers_with_their_state():
    text = markdown.markdown_report(prod_result())
    assert '### Waivers' in text
    assert '| applied | 8613800138002 (Acme) | status | 2026-06-30 | appeal filed, WA-7 |' in text
    assert '| expired | 8613800138003 (Acme) | quality\\_rating | 2026-01-31 | old incident |' in text


def test_markdown_escapes_values_that_would_break_the_table():
    result = evaluate([phone('8613800138000', status='A|B\n<script>')], today=TODAY, environment='prod')
    text = markdown.markdown_report(result)
    row = [line for line in text.splitlines() if '8613800138000 (Acme) | status' in line][0]
    assert 'A\\|B \\<script\\>' in row
    assert row.count(' | ') == 6


def test_markdown_marks_absent_values():
    result = evaluate([{'number': '8613800138000', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN'}],
                      today=TODAY, environment='prod')
    assert '| status | CONNECTED | *(nothing)* |' in markdown.markdown_report(result)


def test_markdown_marks_what_fails_the_run_in_bold():
    assert '| **⚠ warned** |' in markdown.markdown_report(prod_result(), fail_on='warn')
    assert '| ⚠ warned |' in markdown.markdown_report(prod_result(), fail_on='fail')


def test_markdown_uses_symbols_with_their_word_and_no_emoji_codes():
    text = markdown.markdown_report(combine_results([clean_result(), prod_result(), errored_result()]), fail_on='warn')
    assert not re.search(r':[a-z_]+:', text), 'a GitHub emoji code shows raw in a terminal and in AWX'
    for word in ('errored', 'failed', 'warned', 'waived', 'passed'):
        assert re.search(u'[\u2000-\u2bff] %s' % word, text), word


def test_markdown_names_each_number_by_its_display_number_and_display_name_too():
    result = evaluate([phone('8613800138000', status='FLAGGED', display_phone_number='+86 138 0013 8000', verified_name='Acme Retail')],
                      today=TODAY, environment='prod')
    text = markdown.markdown_report(result)
    assert '| 8613800138000 (+86 138 0013 8000, Acme Retail) | status | CONNECTED | FLAGGED |' in text


def test_markdown_lists_the_changes_with_quality_drops_first_and_flagged():
    report = {'status': 'passed', 'counts': {}, 'environments': [clean_result()], 'changes_note': '', 'changes': [
        {'environment': 'prod', 'number': '1', 'kind': 'added', 'quality_dropped': False},
        {'environment': 'prod', 'number': '2', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED',
         'quality_dropped': True},
    ]}
    text = markdown.markdown_report(report)
    section = text.split('## Changes since the last run', 1)[1]
    assert '2 change(s), 1 quality drop(s).' in section
    lines = [line for line in section.splitlines() if line.startswith('| prod')]
    assert lines == ['| prod | 2 | **quality\\_rating dropped** | GREEN | RED |', '| prod | 1 | added |   |   |']


def test_markdown_says_why_no_changes_are_shown():
    text = markdown.markdown_report({'status': 'passed', 'counts': {}, 'environments': [clean_result()], 'changes': [],
                                     'changes_note': 'prod: no previous run of this environment is known'})
    assert '*prod: no previous run of this environment is known*' in text and 'No changes to show.' in text
    assert '## Changes since the last run' not in markdown.markdown_report(clean_result())


def test_markdown_skips_changes_that_are_not_mappings():
    report = {'status': 'passed', 'counts': {}, 'environments': [clean_result()], 'changes_note': '', 'changes': [
        'not a change', ['neither'], {'environment': 'prod', 'number': '1', 'kind': 'added', 'quality_dropped': False}]}
    section = markdown.markdown_report(report).split('## Changes since the last run', 1)[1]
    assert '1 change(s), 0 quality drop(s).' in section and '| prod | 1 | added |   |   |' in section
