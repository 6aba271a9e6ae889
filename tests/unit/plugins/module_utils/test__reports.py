# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Unit tests of the compliance reports: JSON round trip, JUnit parsed back, Markdown content."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _compliance as compliance
from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _reports as reports
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._compliance import ComplianceInputError

TODAY = '2026-05-01'


def phone(number, **fields):
    entry = {'number': number, 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN', 'verified_name': 'Acme'}
    entry.update(fields)
    return entry


def prod_result():
    """One failed, one warned, one waived, one expired waiver, the rest passed."""
    phones = [
        phone('8613800138000', status='FLAGGED'),
        phone('8613800138001', quality_rating='YELLOW'),
        phone('8613800138002', status='BANNED'),
        phone('8613800138003'),
    ]
    waivers = [
        {'number': '8613800138002', 'check': 'status', 'reason': 'appeal filed, WA-7', 'expires': '2026-06-30'},
        {'number': '8613800138003', 'check': 'quality_rating', 'reason': 'old incident', 'expires': '2026-01-31'},
    ]
    return compliance.evaluate(phones, waivers=waivers, today=TODAY, environment='prod')


def errored_result():
    return compliance.evaluate({'failed': True, 'msg': 'could not connect to https://127.0.0.1:9/api/wa/getPhone: refused'},
                               today=TODAY, environment='staging')


def clean_result():
    return compliance.evaluate([phone('8613800138009')], today=TODAY, environment='dev')


def parse_junit(text):
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode('utf-8'))


def cases_by_name(suite):
    return dict((case.get('name'), case) for case in suite.findall('testcase'))


# ---------------------------------------------------------------------------------------------
# JSON


def test_json_report_round_trips_to_the_same_result():
    result = prod_result()
    assert json.loads(reports.json_report(result)) == result


def test_json_report_keeps_unicode_and_odd_observed_values():
    result = compliance.evaluate([phone('8613800138000', status=['A', 1], verified_name=u'牛小信')],
                                 policy={'checks': ['status', 'verified_name'], 'display_names': {'8613800138000': u'牛小信'}},
                                 today=TODAY)
    text = reports.json_report(result)
    assert u'牛小信' in text
    assert json.loads(text)['results'][0]['observed'] == ['A', 1]


def test_json_report_is_strict_json_even_for_nan_and_infinity():
    result = compliance.evaluate([phone('8613800138000', status=float('nan'), quality_rating=float('inf'))], today=TODAY)
    parsed = json.loads(reports.json_report(result), parse_constant=lambda name: pytest.fail('non-JSON constant %s' % name))
    assert [item['observed'] for item in parsed['results'][:3]] == ['nan', 'VERIFIED', 'inf']


def test_json_report_of_a_combined_result_lists_every_environment():
    combined = compliance.combine_results([clean_result(), prod_result()])
    parsed = json.loads(reports.json_report(combined))
    assert [item['environment'] for item in parsed['environments']] == ['dev', 'prod']


# ---------------------------------------------------------------------------------------------
# JUnit


def test_junit_has_one_testcase_per_number_and_check_with_the_environment_as_classname():
    result = prod_result()
    root = parse_junit(reports.junit_report(result))
    suites = root.findall('testsuite')
    assert [suite.get('name') for suite in suites] == ['prod']
    cases = suites[0].findall('testcase')
    assert len(cases) == len(result['results'])
    assert set(case.get('classname') for case in cases) == set(['prod'])
    assert '8613800138000 status' in cases_by_name(suites[0])


def test_junit_failed_result_is_a_failure_with_expected_and_observed():
    suite = parse_junit(reports.junit_report(prod_result())).find('testsuite')
    failure = cases_by_name(suite)['8613800138000 status'].find('failure')
    assert failure.get('message') == 'expected CONNECTED, observed FLAGGED'
    assert failure.get('type') == 'fail'
    assert 'severity: fail' in failure.text


def test_junit_waived_result_is_skipped_with_its_reason():
    suite = parse_junit(reports.junit_report(prod_result())).find('testsuite')
    case = cases_by_name(suite)['8613800138002 status']
    assert case.find('failure') is None
    skipped = case.find('skipped')
    assert 'appeal filed, WA-7' in skipped.get('message')
    assert 'expires 2026-06-30' in skipped.text


def test_junit_warning_is_a_passed_test_with_system_out_unless_fail_on_warn():
    suite = parse_junit(reports.junit_report(prod_result(), fail_on='fail')).find('testsuite')
    case = cases_by_name(suite)['8613800138001 quality_rating']
    assert case.find('failure') is None and case.find('skipped') is None
    assert case.find('system-out').text.startswith('WARNING: expected not RED or YELLOW, observed YELLOW')

    suite = parse_junit(reports.junit_report(prod_result(), fail_on='warn')).find('testsuite')
    failure = cases_by_name(suite)['8613800138001 quality_rating'].find('failure')
    assert failure.get('type') == 'warn'


def test_junit_expired_waiver_is_its_own_testcase():
    suite = parse_junit(reports.junit_report(prod_result())).find('testsuite')
    case = cases_by_name(suite)['8613800138003 waiver of quality_rating']
    assert 'expired on 2026-01-31' in case.find('system-out').text


def test_junit_failed_results_stay_failures_in_audit_mode():
    suite = parse_junit(reports.junit_report(prod_result(), fail_on='never')).find('testsuite')
    assert cases_by_name(suite)['8613800138000 status'].find('failure') is not None
    assert cases_by_name(suite)['8613800138001 quality_rating'].find('failure') is None


@pytest.mark.parametrize('fail_on, failures', [('fail', 1), ('warn', 3), ('never', 1)])
def test_junit_counts_match_the_testcases(fail_on, failures):
    root = parse_junit(reports.junit_report(prod_result(), fail_on=fail_on))
    suite = root.find('testsuite')
    assert suite.get('tests') == str(len(suite.findall('testcase')))
    assert suite.get('failures') == str(len(suite.findall('testcase/failure'))) == str(failures)
    assert suite.get('skipped') == str(len(suite.findall('testcase/skipped'))) == '1'
    assert suite.get('errors') == '0'
    assert root.get('tests') == suite.get('tests')


def test_junit_errored_environment_is_an_error_not_a_pass():
    root = parse_junit(reports.junit_report(errored_result()))
    suite = root.find('testsuite')
    (case,) = suite.findall('testcase')
    assert case.get('name') == 'phone_info'
    error = case.find('error')
    assert 'refused' in error.get('message')
    assert suite.get('errors') == '1' and root.get('errors') == '1'
    properties = dict((item.get('name'), item.get('value')) for item in suite.findall('properties/property'))
    assert properties['status'] == 'errored'
    assert 'refused' in properties['error']


def test_junit_combined_report_has_a_suite_per_environment_and_totals():
    combined = compliance.combine_results([clean_result(), prod_result(), errored_result()])
    root = parse_junit(reports.junit_report(combined))
    assert [suite.get('name') for suite in root.findall('testsuite')] == ['dev', 'prod', 'staging']
    assert root.get('tests') == str(sum(int(suite.get('tests')) for suite in root.findall('testsuite')))
    assert root.get('errors') == '1' and root.get('failures') == '1'


def test_junit_survives_characters_xml_cannot_carry():
    result = compliance.evaluate([phone('8613800138000', status=u'BAD\x00\x07<&>"\ud800')], today=TODAY, environment=u'pr<o>d')
    root = parse_junit(reports.junit_report(result))
    suite = root.find('testsuite')
    assert suite.get('name') == u'pr<o>d'
    failure = cases_by_name(suite)['8613800138000 status'].find('failure')
    assert u'BAD\ufffd\ufffd<&>"\ufffd' in failure.get('message')


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_lists_problems_first_then_folds_passed_checks():
    text = reports.markdown_report(prod_result())
    assert text.startswith('# Phone compliance: FAILED\n')
    problems = text.index('| Status | Number | Check | Expected | Observed | Severity | Note |')
    failed = text.index(':x: failed** | 8613800138000 | status | CONNECTED | FLAGGED | fail |')
    warned = text.index(':warning: warned | 8613800138001 | quality\\_rating |')
    waived = text.index(':white_circle: waived | 8613800138002 | status |')
    passed = text.index('<details><summary>9 passed checks</summary>')
    assert problems < failed < warned < waived < passed


def test_markdown_has_a_summary_row_per_environment_and_totals():
    combined = compliance.combine_results([clean_result(), prod_result(), errored_result()])
    text = reports.markdown_report(combined)
    assert text.startswith('# Phone compliance: ERRORED\n')
    assert '| dev | :white_check_mark: passed | 1 | 0 | 0 | 0 | 0 | 3 |' in text
    assert '| prod | :x: failed | 4 | 0 | 1 | 2 | 1 | 9 |' in text
    assert '| staging | :boom: errored | 0 | 1 | 0 | 0 | 0 | 0 |' in text
    assert '3 environment(s), 5 numbers' in text
    assert '## dev: PASSED' in text and 'No problems.' in text
    assert '**Could not be checked:** could not connect to' in text


def test_markdown_shows_waivers_with_their_state():
    text = reports.markdown_report(prod_result())
    assert '### Waivers' in text
    assert '| applied | 8613800138002 | status | 2026-06-30 | appeal filed, WA-7 |' in text
    assert '| expired | 8613800138003 | quality\\_rating | 2026-01-31 | old incident |' in text


def test_markdown_escapes_values_that_would_break_the_table():
    result = compliance.evaluate([phone('8613800138000', status='A|B\n<script>')], today=TODAY, environment='prod')
    text = reports.markdown_report(result)
    row = [line for line in text.splitlines() if '8613800138000 | status' in line][0]
    assert 'A\\|B \\<script\\>' in row
    assert row.count(' | ') == 6


def test_markdown_marks_absent_values():
    result = compliance.evaluate([{'number': '8613800138000', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN'}],
                                 today=TODAY, environment='prod')
    assert '| status | CONNECTED | *(nothing)* |' in reports.markdown_report(result)


def test_markdown_marks_what_fails_the_run_in_bold():
    assert '| **:warning: warned** |' in reports.markdown_report(prod_result(), fail_on='warn')
    assert '| :warning: warned |' in reports.markdown_report(prod_result(), fail_on='fail')


# ---------------------------------------------------------------------------------------------
# dispatch and bad input


@pytest.mark.parametrize('report_format, start', [('json', '{'), ('junit', '<?xml'), ('markdown', '# Phone compliance')])
def test_render_dispatches_by_format(report_format, start):
    assert reports.render(prod_result(), report_format).startswith(start)


def test_render_rejects_an_unknown_format():
    with pytest.raises(ComplianceInputError) as error:
        reports.render(prod_result(), 'html')
    assert 'unknown report format html; choose one of json, junit, markdown' in str(error.value)


@pytest.mark.parametrize('function', [reports.json_report, reports.junit_report, reports.markdown_report])
def test_reports_reject_what_is_not_a_result(function):
    with pytest.raises(ComplianceInputError):
        function({'phones': []})


def test_reports_reject_an_unknown_fail_on():
    with pytest.raises(ComplianceInputError):
        reports.junit_report(prod_result(), fail_on='sometimes')


def test_reports_of_ten_thousand_numbers_are_produced():
    phones = [phone(str(8613800000000 + index), status='FLAGGED' if index % 100 == 0 else 'CONNECTED') for index in range(10000)]
    result = compliance.evaluate(phones, today=TODAY, environment='big')
    root = parse_junit(reports.junit_report(result))
    assert root.get('tests') == '30000' and root.get('failures') == '100'
    assert '<summary>29900 passed checks</summary>' in reports.markdown_report(result)
    assert json.loads(reports.json_report(result))['counts']['numbers'] == 10000


def test_several_expired_waivers_of_one_number_get_distinct_junit_names():
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils._compliance import evaluate
    phones = [{'number': '8613800138000', 'status': 'FLAGGED', 'code_verification_status': 'NOT_VERIFIED', 'quality_rating': 'GREEN'}]
    waivers = [
        {'number': '8613800138000', 'check': 'status', 'reason': 'fixing', 'expires': '2026-01-01'},
        {'number': '8613800138000', 'check': 'code_verification_status', 'reason': 'fixing', 'expires': '2026-01-01'},
    ]
    result = evaluate(phones, waivers=waivers, today='2026-06-01', environment='prod')
    names = [case.get('name') for case in ET.fromstring(reports.junit_report(result)).iter('testcase')]
    assert '8613800138000 waiver of status' in names
    assert '8613800138000 waiver of code_verification_status' in names
    assert len(names) == len(set(names))


# ---------------------------------------------------------------------------------------------
# files


def test_json_report_of_a_registered_check_holds_only_the_result():
    registered = dict(prod_result(), changed=False, compliant=False, message='text', summary={}, reports=[], failed=True)
    assert json.loads(reports.json_report(registered)) == json.loads(reports.json_report(prod_result()))


@pytest.mark.parametrize('environment, stem', [('prod', 'prod'), ('prod/eu west', 'prod_eu_west'), ('', '_'), ('..', '..')])
def test_file_stem_keeps_names_safe(environment, stem):
    assert reports.file_stem(environment) == stem


def test_write_reports_writes_each_format_whole(tmp_path):
    directory = tmp_path / 'new' / 'environments'
    paths = reports.write_reports(prod_result(), str(directory), 'prod', ['json', 'junit', 'markdown'])
    assert [path.rsplit('/', 1)[1] for path in paths] == ['prod.json', 'prod.junit.xml', 'prod.md']
    assert sorted(item.name for item in directory.iterdir()) == ['prod.json', 'prod.junit.xml', 'prod.md']
    assert (directory / 'prod.json').read_text(encoding='utf-8') == reports.json_report(prod_result())
    assert (directory / 'prod.md').read_text(encoding='utf-8') == reports.markdown_report(prod_result())
    assert oct((directory / 'prod.json').stat().st_mode & 0o777) == oct(0o644)


def test_write_reports_refuses_an_unknown_format_before_writing(tmp_path):
    with pytest.raises(ComplianceInputError) as error:
        reports.write_reports(prod_result(), str(tmp_path), 'prod', ['json', 'pdf'])
    assert 'pdf' in str(error.value)
    assert list(tmp_path.iterdir()) == []
