# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The verdict of a result: whether it fails the run under fail_on, the one message listing every violation, the summary."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import combine, model, verdict
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import OTHER, healthy, run, waiver, without


def test_long_api_error_is_shown_in_full_in_the_failure_message():
    message = 'NxCloud getPhone failed with result code 9006: ' + 'x' * 400 + ' END'
    assert message in verdict.failure_message(run([], error=message))


def mixed_result():
    phones = [healthy(status='FLAGGED'), healthy(number=OTHER, quality_rating='YELLOW'), healthy(number='8613800138002', status='BANNED')]
    return run(phones, waivers=[waiver(number='8613800138002', reason='being appealed')])


@pytest.mark.parametrize('fail_on, fails', [('fail', True), ('warn', True), ('never', False)])
def test_failed_result_fails_under_fail_and_warn(fail_on, fails):
    assert verdict.run_fails(run([healthy(status='FLAGGED')]), fail_on) is fails


@pytest.mark.parametrize('fail_on, fails', [('fail', False), ('warn', True), ('never', False)])
def test_warned_result_fails_only_under_warn(fail_on, fails):
    assert verdict.run_fails(run([healthy(quality_rating='YELLOW')]), fail_on) is fails


@pytest.mark.parametrize('fail_on', ['fail', 'warn', 'never'])
def test_passed_and_waived_results_never_fail(fail_on):
    assert verdict.run_fails(run([healthy()]), fail_on) is False
    assert verdict.run_fails(run([healthy(status='FLAGGED')], waivers=[waiver()]), fail_on) is False


@pytest.mark.parametrize('fail_on', ['fail', 'warn', 'never'])
def test_errored_environment_fails_unless_told_otherwise(fail_on):
    result = run([], error='boom')
    assert verdict.run_fails(result, fail_on) is True
    assert verdict.run_fails(result, fail_on, fail_on_error=False) is False


def test_unknown_fail_on_is_rejected():
    with pytest.raises(model.ComplianceInputError) as error:
        verdict.run_fails(run([healthy()]), 'sometimes')
    assert 'fail_on must be one of fail, warn, never' in str(error.value)


def test_failure_message_lists_every_violation_with_its_details():
    message = verdict.failure_message(mixed_result(), 'fail')
    lines = message.splitlines()
    assert lines[0] == 'phone compliance: 0 errored, 1 failed, 1 warned, 1 waived, 6 passed (fail_on=fail)'
    assert lines[1] == 'environment prod (failed):'
    assert lines[2].startswith('  [FAIL] 8613800138000 (+86 138 0013 8000, Acme) status: expected CONNECTED, observed FLAGGED (severity fail, failed)')
    assert lines[3].startswith('  [note] 8613800138001 (+86 138 0013 8000, Acme) quality_rating: expected not RED or YELLOW, '
                               'observed YELLOW (severity warn, warned)')
    assert lines[4].startswith('  [note] 8613800138002 (+86 138 0013 8000, Acme) status: expected CONNECTED, observed BANNED (severity fail, waived)')
    assert 'being appealed' in lines[4]
    assert len(lines) == 5


def test_failure_message_marks_warnings_as_failing_under_warn():
    lines = verdict.failure_message(mixed_result(), 'warn').splitlines()
    assert lines[3].startswith('  [FAIL] 8613800138001 (+86 138 0013 8000, Acme) quality_rating')


def test_failure_message_of_a_clean_result_says_so():
    assert verdict.failure_message(run([healthy()])).endswith('; no violations')


def test_failure_message_shows_absent_values_as_nothing_and_empty_ones_quoted():
    message = verdict.failure_message(run([without('status', current_limit='')], policy={'checks': ['status', 'current_limit']}))
    assert 'status: expected CONNECTED, observed nothing' in message
    assert 'current_limit: expected TIER_1K or higher, observed ""' in message


def test_violations_are_sorted_worst_first():
    result = run([healthy(quality_rating='YELLOW'), healthy(number=OTHER, status='FLAGGED'), 'junk'])
    assert [item['status'] for item in verdict.violations(result)] == ['errored', 'failed', 'warned']


def test_summary_holds_counts_and_violations_only():
    summary = verdict.summary(mixed_result())
    assert summary['counts']['failed'] == 1
    assert [item['status'] for item in summary['violations']] == ['failed', 'warned', 'waived']
    assert 'waiver' not in summary['violations'][0]


def test_summary_of_a_combined_result_summarises_each_environment():
    combined = combine.combine_results([run([healthy()], environment='dev'), run([healthy(status='FLAGGED')], environment='prod')])
    summary = verdict.summary(combined)
    assert sorted(summary) == ['counts', 'environments', 'status']
    assert (summary['status'], summary['counts']['environments']) == ('failed', 2)
    assert [(item['environment'], item['status'], len(item['violations'])) for item in summary['environments']] == [
        ('dev', 'passed', 0), ('prod', 'failed', 1)]
    assert 'results' not in summary['environments'][1]


def test_summary_rejects_what_is_not_a_result():
    with pytest.raises(model.ComplianceInputError):
        verdict.summary({'phones': []})


def test_failure_message_of_a_combined_result_groups_by_environment():
    combined = combine.combine_results([run([healthy(status='FLAGGED')], environment='dev'), run([healthy()], environment='staging'),
                                        run([], error='HTTP 503', environment='prod')])
    lines = verdict.failure_message(combined, 'fail').splitlines()
    assert lines[0].startswith('phone compliance: 1 errored, 1 failed')
    assert 'environment dev (failed):' in lines
    assert 'environment prod (errored):' in lines
    assert 'environment staging (passed):' not in lines
    assert any(line.startswith('  [FAIL] - phone_info: expected a readable answer from the NxCloud API, observed HTTP 503') for line in lines)
