# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Task results turned into the rules' plain inputs: registered phone_info and phone_compliance_check results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _task_results as task_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import combine, model, verdict
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import (
    OTHER,
    TODAY,
    healthy,
    only,
    registered_check,
    run,
)


def judge(registered):
    """Evaluate a registered phone_info result as phone_compliance_check does: through the edge, then the rules."""
    phones, missing, error = task_results.phone_info_answer(registered)
    return run(phones, missing=missing, error=error)


def combine_registered(registered, hosts=None, today=None):
    return combine.combine_results(task_results.check_results(registered), hosts=hosts, today=today)


def combine_registered_summaries(registered, hosts=None, today=None):
    return combine.combine_summaries(task_results.check_summaries(registered), hosts=hosts, today=today)


def test_missing_is_read_from_a_registered_phone_info_result():
    result = judge({'changed': False, 'phones': [healthy()], 'missing': [OTHER]})
    assert only(result, 'required_number', OTHER)['status'] == 'failed'


def test_failed_phone_info_result_marks_the_environment_errored():
    result = judge({'failed': True, 'msg': 'NxCloud result code 1003: invalid signature; check the access secret'})
    assert result['status'] == 'errored'
    assert result['error'].startswith('NxCloud result code 1003')
    assert [(item['check'], item['status']) for item in result['results']] == [('phone_info', 'errored')]
    assert result['counts']['errored'] == 1


def test_phone_info_result_without_phones_is_errored_not_passed():
    # failed_when: false keeps "failed" false on a module failure: the absent phones list still counts
    result = judge({'failed': False, 'failed_when_result': False, 'msg': 'could not reach https://127.0.0.1:1'})
    assert (result['status'], result['error']) == ('errored', 'could not reach https://127.0.0.1:1')


def test_skipped_phone_info_result_is_errored():
    assert judge({'skipped': True, 'changed': False})['error'] == 'phone_info was skipped, so no number was read'


def test_host_without_result_becomes_an_errored_environment():
    combined = combine_registered([run([healthy()], environment='dev'), None], hosts=['dev', 'staging'], today=TODAY)
    staging = combined['environments'][1]
    assert (staging['environment'], staging['status']) == ('staging', 'errored')
    assert 'failed before' in staging['error']
    assert combined['status'] == 'errored'


def test_a_check_that_failed_without_judging_is_an_errored_environment_with_its_message():
    failed = {'failed': True, 'msg': 'Unsupported parameters for (phone_compliance_check) module: colour'}
    combined = combine_registered([failed], hosts=['dev'], today=TODAY)
    assert combined['environments'][0]['status'] == 'errored'
    assert 'Unsupported parameters' in combined['environments'][0]['error']


def test_combined_summaries_equal_the_summary_of_the_combined_result():
    prod = run([healthy(status='FLAGGED'), healthy(number=OTHER, quality_rating='YELLOW')], environment='prod')
    results = [run([healthy()], environment='dev'), prod]
    entries = [registered_check(results[0]), verdict.summary(results[1]), None, {'failed': True, 'msg': 'bad option'}]
    hosts = ['dev', 'prod', 'staging', 'qa']
    full = [results[0], results[1], None, {'failed': True, 'msg': 'bad option'}]
    expected = verdict.summary(combine_registered(full, hosts=hosts, today=TODAY))
    assert combine_registered_summaries(entries, hosts=hosts, today=TODAY) == expected
    assert expected['counts']['environments'] == 4 and expected['status'] == 'errored'


def test_combined_summaries_read_no_passed_result():
    registered = registered_check(run([healthy()], environment='dev'))
    registered['results'] = 'never read'  # a summary is enough
    assert combine_registered_summaries([registered])['counts']['passed'] == 3


def test_a_registered_phone_info_answer_is_its_two_lists():
    assert task_results.phone_info_answer({'changed': False, 'phones': [healthy()], 'missing': [OTHER]}) == ([healthy()], [OTHER], None)


def test_an_unreachable_host_is_an_error_with_its_message():
    assert task_results.phone_info_answer({'unreachable': True, 'phones': [], 'msg': 'ssh: timed out'}) == ([], [], 'ssh: timed out')


def test_what_is_not_a_list_of_results_is_left_for_the_rules_to_refuse():
    for value in ({'a': 1}, 'text', None):
        assert task_results.check_results(value) is value
        assert task_results.check_summaries(value) is value


def test_missing_and_failed_checks_become_no_results_saying_why():
    entries = task_results.check_results([None, '', {'failed': True}, {'failed': True, 'msg': 'bad option'}])
    assert entries == [model.NoResult('no compliance result: the host failed before its numbers were evaluated')] * 2 + [
        model.NoResult('no compliance result: the check failed'), model.NoResult('no compliance result: bad option')]


def test_a_failing_check_that_judged_is_its_result_not_a_missing_one():
    judged = registered_check(run([healthy(status='FLAGGED')], environment='dev'), failed=True, msg='1 failed')
    assert task_results.check_results([judged]) == [judged]
    assert task_results.check_summaries([judged]) == [judged['summary']]


def small_check(result, result_file=None):
    """What phone_compliance_check registers by default: the results that are not passed, and where the others are."""
    registered = registered_check(result, result_file=result_file)
    registered['results'] = [item for item in result['results'] if item['status'] != 'passed']
    del registered['phones']
    return registered


class ScriptedReader(object):
    """Reads the result files a test expects, in order; any other read fails the test."""

    def __init__(self, *script):
        self.script = list(script)

    def __call__(self, path):
        assert self.script, 'read %s, which the test does not expect' % path
        expected_path, answer = self.script.pop(0)
        assert path == expected_path
        if isinstance(answer, Exception):
            raise answer
        return answer

    def assert_done(self):
        assert not self.script, 'not read: %s' % [path for path, _answer in self.script]


def test_a_result_without_its_passed_results_is_told_from_a_full_one():
    result = run([healthy(), healthy(number=OTHER, status='FLAGGED')])
    assert task_results.passed_left_out(small_check(result)) is True
    assert task_results.passed_left_out(registered_check(result)) is False
    # Nothing passed: nothing was left out.
    assert task_results.passed_left_out(small_check(run([healthy(status='FLAGGED', code_verification_status='EXPIRED', quality_rating='RED')]))) is False
    for other in (None, '', {'failed': True}, {'counts': {'results': 'many'}, 'results': []}):
        assert task_results.passed_left_out(other) is False


def test_a_result_without_its_phones_is_told_from_a_full_one():
    nothing_passed = run([healthy(status='FLAGGED', code_verification_status='EXPIRED', quality_rating='RED')])
    assert task_results.phones_left_out(small_check(nothing_passed)) is True
    assert task_results.phones_left_out(registered_check(nothing_passed)) is False
    # An app that could not be read has no numbers to leave out.
    assert task_results.phones_left_out(small_check(run([], error='HTTP 503'))) is False
    for other in (None, '', {'failed': True}, {'counts': {'numbers': 'many'}}):
        assert task_results.phones_left_out(other) is False


def test_the_phones_are_read_back_when_only_they_were_left_out():
    result = run([healthy(status='FLAGGED', code_verification_status='EXPIRED', quality_rating='RED')])
    reader = ScriptedReader(('/reports/prod.json', result))
    full = task_results.with_every_result(small_check(result, '/reports/prod.json'), 'host prod', reader)
    assert full['phones'] == [healthy(status='FLAGGED', code_verification_status='EXPIRED', quality_rating='RED')]
    reader.assert_done()


def test_a_result_without_phones_or_result_file_is_used_as_it_is():
    registered = small_check(run([healthy(status='FLAGGED', code_verification_status='EXPIRED', quality_rating='RED')]))
    reader = ScriptedReader()
    assert task_results.with_every_result(registered, 'host prod', reader) is registered
    reader.assert_done()


def test_a_full_result_is_used_as_it_is_without_reading_a_file():
    registered = registered_check(run([healthy()]), result_file='/reports/prod.json')
    reader = ScriptedReader()
    assert task_results.with_every_result(registered, 'host prod', reader) is registered
    reader.assert_done()


def test_the_passed_results_are_read_back_from_the_result_file():
    result = run([healthy(), healthy(number=OTHER, status='FLAGGED')])
    reader = ScriptedReader(('/reports/prod.json', result))
    assert task_results.with_every_result(small_check(result, '/reports/prod.json'), 'host prod', reader) == result
    reader.assert_done()


def test_a_result_without_result_file_says_what_to_set():
    with pytest.raises(model.ComplianceInputError) as caught:
        task_results.with_every_result(small_check(run([healthy(), healthy(number=OTHER, status='FLAGGED')])), 'host prod', ScriptedReader())
    message = str(caught.value)
    assert 'the result of host prod holds 1 of its 6 results (those not passed), and no result_file' in message
    assert 'report_dir with json' in message and 'return_passed: true' in message


@pytest.mark.parametrize('error, words', [
    (IOError(2, 'No such file or directory'), 'from /reports/prod.json: No such file or directory. To fix: leave the JSON reports'),
    (model.ComplianceInputError('it is not JSON (Expecting value)'), 'from /reports/prod.json: it is not JSON (Expecting value). To fix: leave'),
])
def test_an_unreadable_result_file_is_a_clear_error(error, words):
    reader = ScriptedReader(('/reports/prod.json', error))
    with pytest.raises(model.ComplianceInputError) as caught:
        task_results.with_every_result(small_check(run([healthy(), healthy(number=OTHER, status='FLAGGED')]), '/reports/prod.json'),
                                       'host prod', reader)
    assert 'cannot read the full result of host prod' in str(caught.value) and words in str(caught.value)
    reader.assert_done()


def test_a_result_file_of_another_run_is_refused():
    registered = small_check(run([healthy(), healthy(number=OTHER, status='FLAGGED')]), '/reports/prod.json')
    rewritten = run([healthy(), healthy(number=OTHER)])
    with pytest.raises(model.ComplianceInputError) as caught:
        task_results.with_every_result(registered, 'host prod', ScriptedReader(('/reports/prod.json', rewritten)))
    assert '/reports/prod.json does not hold the result host prod registered (not the same counts)' in str(caught.value)
    assert 'To fix: give each run its own report directory' in str(caught.value)


def test_combining_a_result_without_its_passed_results_is_refused():
    small = small_check(run([healthy(), healthy(number=OTHER, status='FLAGGED')]))
    with pytest.raises(model.ComplianceInputError) as caught:
        task_results.check_results([registered_check(run([healthy()], environment='dev')), small])
    assert 'results[1] holds only the results that are not passed' in str(caught.value)


def test_a_check_that_refused_its_options_is_a_configuration_error_not_an_unreadable_api():
    refused = {'failed': True, 'msg': 'waivers[0].expires: bad', 'configuration_error': True}
    assert task_results.check_results([refused]) == [model.NoResult('no compliance result: waivers[0].expires: bad', configuration=True)]
    assert task_results.check_summaries([refused]) == [model.NoResult('no compliance result: waivers[0].expires: bad', configuration=True)]
