# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The JUnit report: a test case per number and check, each status as CI systems show it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import junit
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import (
    TODAY,
    cases_by_name,
    clean_result,
    errored_result,
    parse_junit,
    phone,
    prod_result,
)

# Jenkins xunit's JUnit schema; a job that validates against it rejects the whole file otherwise.
JUNIT_SCHEMA = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'schemas', 'junit-10.xsd')


def test_junit_has_one_testcase_per_number_and_check_with_the_environment_as_classname():
    result = prod_result()
    root = parse_junit(junit.junit_report(result))
    suites = root.findall('testsuite')
    assert [suite.get('name') for suite in suites] == ['prod']
    cases = suites[0].findall('testcase')
    assert len(cases) == len(result['results'])
    assert set(case.get('classname') for case in cases) == set(['prod'])
    assert '8613800138000 (Acme) status' in cases_by_name(suites[0])


def test_junit_failed_result_is_a_failure_with_expected_and_observed():
    suite = parse_junit(junit.junit_report(prod_result())).find('testsuite')
    failure = cases_by_name(suite)['8613800138000 (Acme) status'].find('failure')
    assert failure.get('message') == 'expected CONNECTED, observed FLAGGED'
    assert failure.get('type') == 'fail'
    assert 'severity: fail' in failure.text


def test_junit_waived_result_is_skipped_with_its_reason():
    suite = parse_junit(junit.junit_report(prod_result())).find('testsuite')
    case = cases_by_name(suite)['8613800138002 (Acme) status']
    assert case.find('failure') is None
    skipped = case.find('skipped')
    assert 'appeal filed, WA-7' in skipped.get('message')
    assert 'expires 2026-06-30' in skipped.text


def test_junit_warning_is_a_passed_test_with_system_out_unless_fail_on_warn():
    suite = parse_junit(junit.junit_report(prod_result(), fail_on='fail')).find('testsuite')
    case = cases_by_name(suite)['8613800138001 (Acme) quality_rating']
    assert case.find('failure') is None and case.find('skipped') is None
    assert case.find('system-out').text.startswith('WARNING: expected not RED or YELLOW, observed YELLOW')

    suite = parse_junit(junit.junit_report(prod_result(), fail_on='warn')).find('testsuite')
    failure = cases_by_name(suite)['8613800138001 (Acme) quality_rating'].find('failure')
    assert failure.get('type') == 'warn'


def test_junit_expired_waiver_is_its_own_testcase():
    suite = parse_junit(junit.junit_report(prod_result())).find('testsuite')
    case = cases_by_name(suite)['8613800138003 (Acme) waiver of quality_rating']
    assert 'expired on 2026-01-31' in case.find('system-out').text


def test_junit_failed_results_stay_failures_in_audit_mode():
    suite = parse_junit(junit.junit_report(prod_result(), fail_on='never')).find('testsuite')
    assert cases_by_name(suite)['8613800138000 (Acme) status'].find('failure') is not None
    assert cases_by_name(suite)['8613800138001 (Acme) quality_rating'].find('failure') is None


@pytest.mark.parametrize('fail_on, failures', [('fail', 1), ('warn', 3), ('never', 1)])
def test_junit_counts_match_the_testcases(fail_on, failures):
    root = parse_junit(junit.junit_report(prod_result(), fail_on=fail_on))
    suite = root.find('testsuite')
    assert suite.get('tests') == str(len(suite.findall('testcase')))
    assert suite.get('failures') == str(len(suite.findall('testcase/failure'))) == str(failures)
    assert suite.get('skipped') == str(len(suite.findall('testcase/skipped'))) == '1'
    assert suite.get('errors') == '0'
    assert root.get('tests') == suite.get('tests')


def test_junit_errored_environment_is_an_error_not_a_pass():
    root = parse_junit(junit.junit_report(errored_result()))
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
    combined = combine_results([clean_result(), prod_result(), errored_result()])
    root = parse_junit(junit.junit_report(combined))
    assert [suite.get('name') for suite in root.findall('testsuite')] == ['dev', 'prod', 'staging']
    assert root.get('tests') == str(sum(int(suite.get('tests')) for suite in root.findall('testsuite')))
    assert root.get('errors') == '1' and root.get('failures') == '1'


def test_junit_survives_characters_xml_cannot_carry():
    result = evaluate([phone('8613800138000', status=u'BAD\x00\x07<&>"\ud800')], today=TODAY, environment=u'pr<o>d')
    root = parse_junit(junit.junit_report(result))
    suite = root.find('testsuite')
    assert suite.get('name') == u'pr<o>d'
    failure = cases_by_name(suite)['8613800138000 (Acme) status'].find('failure')
    assert u'BAD\ufffd\ufffd<&>"\ufffd' in failure.get('message')


def test_reports_reject_an_unknown_fail_on():
    with pytest.raises(model.ComplianceInputError):
        junit.junit_report(prod_result(), fail_on='sometimes')


def test_several_expired_waivers_of_one_number_get_distinct_junit_names():
    phones = [{'number': '8613800138000', 'status': 'FLAGGED', 'code_verification_status': 'NOT_VERIFIED', 'quality_rating': 'GREEN'}]
    waivers = [
        {'number': '8613800138000', 'check': 'status', 'reason': 'fixing', 'expires': '2026-01-01'},
        {'number': '8613800138000', 'check': 'code_verification_status', 'reason': 'fixing', 'expires': '2026-01-01'},
    ]
    result = evaluate(phones, waivers=waivers, today='2026-06-01', environment='prod')
    names = [case.get('name') for case in ET.fromstring(junit.junit_report(result)).iter('testcase')]
    assert '8613800138000 waiver of status' in names
    assert '8613800138000 waiver of code_verification_status' in names
    assert len(names) == len(set(names))


def test_junit_names_each_number_by_its_display_number_and_display_name_too():
    result = evaluate([phone('8613800138000', status='FLAGGED', display_phone_number='+86 138 0013 8000', verified_name='Acme Retail')],
                      today=TODAY, environment='prod')
    suite = parse_junit(junit.junit_report(result)).find('testsuite')
    case = cases_by_name(suite)['8613800138000 (+86 138 0013 8000, Acme Retail) status']
    assert 'number: 8613800138000 (+86 138 0013 8000, Acme Retail)' in case.find('failure').text


def test_junit_testsuites_carries_no_skipped_count_but_each_suite_does():
    root = parse_junit(junit.junit_report(combine_results([clean_result(), prod_result(), errored_result()])))
    assert root.get('skipped') is None
    assert [suite.get('skipped') for suite in root.findall('testsuite')] == ['0', '1', '0']


def _configuration_errored():
    return combine_results([model.NoResult('no compliance result: waivers[0].expires: bad date', configuration=True)],
                           hosts=['prod'], today=TODAY)


@pytest.mark.parametrize('report', [prod_result, clean_result, errored_result, _configuration_errored,
                                    lambda: combine_results([clean_result(), prod_result(), errored_result()]),
                                    lambda: evaluate([phone('8613800138000', status=u'BAD\x00<&>"\ud800')], today=TODAY, environment='p<d')],
                         ids=['violations', 'clean', 'errored', 'configuration-error', 'combined', 'hostile-characters'])
@pytest.mark.parametrize('fail_on', ['fail', 'warn', 'never'])
def test_junit_report_is_valid_against_the_jenkins_xunit_schema(report, fail_on, tmp_path):
    xmllint = shutil.which('xmllint')
    assert xmllint, 'xmllint is needed to validate the JUnit reports: apt-get install libxml2-utils (make test installs it)'
    path = tmp_path / 'report.junit.xml'
    path.write_text(junit.junit_report(report(), fail_on=fail_on), encoding='utf-8')
    checked = subprocess.run([xmllint, '--noout', '--schema', JUNIT_SCHEMA, str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, check=False)
    assert checked.returncode == 0, checked.stdout


def test_junit_properties_count_the_changes_and_flag_each_quality_drop():
    result = clean_result()
    result['changes'] = [
        {'environment': 'prod', 'number': '1', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED', 'quality_dropped': True},
        {'environment': 'prod', 'number': '2', 'kind': 'added', 'quality_dropped': False},
    ]
    suite = ET.fromstring(junit.junit_report(result)).find('testsuite')
    properties = dict((item.get('name'), item.get('value')) for item in suite.find('properties'))
    assert properties['changes_since_last_run'] == '2' and properties['quality_dropped'] == '1 GREEN -> RED'
    unchanged = ET.fromstring(junit.junit_report(clean_result())).find('testsuite')
    assert 'changes_since_last_run' not in [item.get('name') for item in unchanged.find('properties')]


def test_junit_written_as_text_reads_back_every_special_character_exactly():
    # The report is written as text, not by ElementTree: quotes, ampersands, angle brackets, line
    # breaks and tabs in attribute values and in texts must come back from a parser unchanged.
    special = u'a"b<c>&d\ne\tf\rg\'h'
    phones = [phone('8613800138000', status=u'X' + special, verified_name=special), phone('8613800138001')]
    waivers = [{'number': '8613800138001', 'check': 'quality_rating', 'reason': u'why ' + special, 'expires': '2026-01-31'}]
    result = evaluate(phones, waivers=waivers, today=TODAY, environment=u'env ' + special)
    text = junit.junit_report(result, fail_on='warn')
    root = parse_junit(text)
    suite = root.find('testsuite')
    assert suite.get('name') == u'env ' + special
    cases = suite.findall('testcase')
    assert [case.get('classname') for case in cases] == [u'env ' + special] * len(cases)
    failure = cases_by_name(suite)['8613800138000 (%s) status' % special].find('failure')
    assert failure.get('message') == u'expected CONNECTED, observed X' + special
    # In a text (not an attribute) an XML parser reads a carriage return as a line break, as it did
    # when ElementTree wrote the file.
    assert u'observed: X' + special.replace(u'\r', u'\n') in failure.text
    assert int(suite.get('tests')) == len(cases) and int(root.get('tests')) == len(cases)
    # One element per line, indented by two spaces a level, as before.
    assert text.splitlines()[1].startswith('<testsuites name="phone compliance" tests=')
    assert text.splitlines()[2].startswith('  <testsuite name="env a&quot;b&lt;c&gt;&amp;d&#10;e&#09;f&#13;g\'h"')
