# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The HTML report: the data its template shows (worst first, badges, strips, trend, changes) and the page itself."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import html
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import next_state, trend
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, errored_result, phone, prod_result


def with_history(result, previous=None, time='2026-05-01T06:00:00Z'):
    changes, state, previous_run, note = next_state(previous, result, time, number_of_phone)
    result.update(changes=changes, previous_run=previous_run, changes_note=note, trend=trend(state))
    return result, state


def two_runs():
    first, state = with_history(evaluate([phone('1'), phone('2', quality_rating='GREEN')], today=TODAY, environment='prod'),
                                time='2026-04-30T06:00:00Z')
    second, _state = with_history(evaluate([phone('1', status='FLAGGED'), phone('2', quality_rating='RED')], today=TODAY, environment='prod'),
                                  previous=state)
    return combine_results([second, with_history(errored_result())[0]])


def test_rows_are_worst_first_with_a_badge_per_field_toned_by_its_check():
    data = html.html_data(combine_results([prod_result()]))
    statuses = [row['status'] for row in data['rows']]
    assert statuses == sorted(statuses, key=['errored', 'failed', 'warned', 'waived', 'passed'].index)
    flagged = [row for row in data['rows'] if row['number'] == '8613800138000'][0]
    assert [badge['value'] for badge in flagged['badges']][:3] == ['FLAGGED', 'GREEN', 'VERIFIED']
    assert [badge['tone'] for badge in flagged['badges']][:3] == ['failed', 'passed', 'passed']
    assert flagged['problems'][0]['check'] == 'status'
    waived = [row for row in data['rows'] if row['status'] == 'waived'][0]
    assert waived['problems'][0]['waiver']['reason'] == 'appeal filed, WA-7'
    assert data['numbers_by_status']['failed'] == 1 and len(data['rows']) == 4


def test_changes_put_quality_drops_first_and_cards_count_them():
    data = html.html_data(two_runs())
    assert data['changes_known'] and data['drops'] == 1
    assert [(change['number'], change['field'], change['quality_dropped']) for change in data['changes']] == [
        ('2', 'quality_rating', True), ('1', 'status', False)]
    prod, staging = data['cards']
    assert prod['changes'] == 2 and prod['drops'] == 1 and prod['previous_run']['time'] == '2026-04-30T06:00:00Z'
    assert staging['error'] and 'no previous run' in staging['changes_note']
    assert 'staging: no previous run' in data['changes_note']


def test_strips_are_runs_of_one_mark():
    assert html.strip_segments('GGGYR') == [
        {'mark': 'G', 'count': 3, 'tone': 'passed', 'meaning': 'GREEN', 'text': 'G\u00d73'},
        {'mark': 'Y', 'count': 1, 'tone': 'warned', 'meaning': 'YELLOW', 'text': 'Y'},
        {'mark': 'R', 'count': 1, 'tone': 'failed', 'meaning': 'RED', 'text': 'R'},
    ]
    assert html.strip_segments('') == []


def test_trend_scales_problems_and_passed_on_their_own():
    runs = [{'time': 't1', 'status': 'failed', 'counts': {'failed': 2, 'warned': 2, 'passed': 1000}},
            {'time': 't2', 'status': 'passed', 'counts': {'passed': 500}}]
    chart = html.trend_bars(runs, width=100, height=50)
    assert chart['most_problems'] == 4 and chart['most_passed'] == 1000
    first, second = chart['bars']
    assert [part['tone'] for part in first['parts']] == ['failed', 'warned']
    assert sum(part['height'] for part in first['parts']) == 46  # the full height (less the margin) for the most problems
    assert second['parts'] == [] and '0 failed, 0 warned, 500 passed' in second['label']
    assert chart['passed_points'] == '25.0,2.0 75.0,25.0'
    assert html.trend_bars([]) == {'bars': [], 'passed_points': '', 'most_problems': 0, 'most_passed': 0}


def test_the_page_is_self_contained_and_escapes_what_the_service_sent():
    result = evaluate([phone('1', verified_name='<script>alert(1)</script>', status='<b>BAD</b>')], today=TODAY, environment='prod & co')
    page = html.html_report(combine_results([with_history(result)[0]]))
    assert '<script>alert(1)' not in page and '&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert '&lt;b&gt;BAD&lt;/b&gt;' in page and 'prod &amp; co' in page
    assert not re.search(r'<(script|img|link|iframe)[^>]+(src|href)=', page), 'the page must fetch nothing'
    assert 'prefers-color-scheme:dark' in page and '@media print' in page
    assert '<th scope="row">1</th>' in page


def test_the_page_without_history_says_it_carries_no_changes():
    page = html.html_report(prod_result())
    assert 'carries no changes' in page and '8613800138003' in page


def test_statuses_and_marks_outside_the_vocabulary_never_reach_the_page_unescaped():
    result = evaluate([phone('1')], today=TODAY, environment='prod')
    for item in result['results']:
        item['status'] = '"><script>alert(1)</script>'  # a hand-made result given through the results option
    result['trend'] = {'runs': [], 'quality': {'1': 'G<X'}}
    data = html.html_data(result)
    row = data['rows'][0]
    assert row['status'] == 'none' and set(badge['tone'] for badge in row['badges']) == set(['none'])
    assert [segment['mark'] for segment in row['strip']] == ['G', '?']
    page = html.html_report(result)
    assert '<script>alert(1)' not in page and '&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert 'G<X' not in page


def test_a_trend_read_back_malformed_is_drawn_without_what_is_not_a_run_nor_a_strip():
    result = evaluate([phone('1')], today=TODAY, environment='prod')
    # As a corrupted fact cache or hand-given result may hold them: counts that are not a mapping, a strip that is a list.
    result['trend'] = {'runs': [{'time': 't1', 'status': 'passed', 'counts': [1, 2]}, 'not a run'], 'quality': {'1': ['G', 'R']}}
    page = html.html_report(combine_results([result]))
    assert '<th scope="row">1</th>' in page
    assert html.trend_bars([{'time': 't1', 'counts': 'garbage'}])['most_passed'] == 0
