# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Several environments combined: summed counts, the worst status, missing results as errored environments, duplicates refused."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import combine, evaluate, model, verdict
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import TODAY, healthy, registered_check, run


def test_combined_result_sums_the_environments():
    combined = combine.combine_results([run([healthy()], environment='dev'), run([healthy(status='FLAGGED')], environment='prod')])
    assert combined['status'] == 'failed'
    assert combined['counts']['environments'] == 2
    assert combined['counts']['failed'] == 1 and combined['counts']['passed'] == 5
    assert [item['environment'] for item in combined['environments']] == ['dev', 'prod']
    assert verdict.run_fails(combined, 'fail') is True


def test_combined_result_keeps_only_the_result_keys_of_a_registered_check():
    combined = combine.combine_results([registered_check(run([healthy()], environment='dev'), failed=False)])
    # 'run' (time, version, API) and the history (changes, previous_run, changes_note, trend) are added by the check's action
    # plugin: a bare evaluation has none.
    assert sorted(combined['environments'][0]) == sorted(set(model.RESULT_KEYS) - set(['run', 'changes', 'previous_run', 'changes_note', 'trend']))


def test_combined_summaries_refuse_two_results_of_one_environment():
    dev = verdict.summary(run([healthy()], environment='dev'))
    with pytest.raises(model.ComplianceInputError) as error:
        combine.combine_summaries([dev, dev], hosts=['a', 'b'])
    assert 'named by two results (a and b)' in str(error.value)


@pytest.mark.parametrize('results, hosts, message', [
    ({'a': 1}, None, 'must be a list'),
    ([{'counts': {}}], None, 'results[0] is not a compliance result'),
    ([model.NoResult('the check failed')], ['a', 'b'], 'as long as the results'),
    ([model.NoResult('the check failed')], ['a'], 'today is required'),
    ([None], None, 'results[0] is not a compliance result'),
])
def test_bad_combine_input_is_rejected(results, hosts, message):
    with pytest.raises(model.ComplianceInputError) as error:
        combine.combine_results(results, hosts=hosts)
    assert message in str(error.value)


def test_combining_two_results_of_one_environment_name_is_refused():
    first = evaluate.evaluate([], today='2026-06-01', environment='prod')
    second = evaluate.evaluate([], today='2026-06-01', environment='prod')
    with pytest.raises(model.ComplianceInputError, match=r'environment prod is named by two results \(host-a and host-b\)'):
        combine.combine_results([first, second], hosts=['host-a', 'host-b'], today='2026-06-01')


def test_no_result_becomes_an_errored_environment_named_after_its_host_with_the_reason():
    combined = combine.combine_results([run([healthy()], environment='dev'), model.NoResult('no compliance result: timed out')],
                                       hosts=['dev', 'staging'], today=TODAY)
    staging = combined['environments'][1]
    assert (staging['environment'], staging['status'], staging['error']) == ('staging', 'errored', 'no compliance result: timed out')
    assert [(item['check'], item['observed']) for item in staging['results']] == [('phone_info', 'no compliance result: timed out')]
    assert (combined['status'], combined['counts']['errored'], combined['counts']['environments']) == ('errored', 1, 2)


def test_no_result_without_hosts_is_named_by_its_position():
    combined = combine.combine_results([run([healthy()], environment='dev'), model.NoResult('gone')], today=TODAY)
    assert combined['environments'][1]['environment'] == 'result 1'


def test_combined_summaries_of_summaries_sum_their_counts_without_their_results():
    dev = verdict.summary(run([healthy()], environment='dev'))
    prod = verdict.summary(run([healthy(status='FLAGGED')], environment='prod'))
    combined = combine.combine_summaries([dev, prod])
    assert combined['environments'] == [dev, prod]
    assert (combined['status'], combined['counts']['failed'], combined['counts']['passed']) == ('failed', 1, 5)


def test_a_configuration_error_is_reported_as_one_not_as_an_unreadable_api():
    refused = model.NoResult('no compliance result: waivers[0].expires: "2026-13-01" is not a date', configuration=True)
    for combined in (combine.combine_results([refused], hosts=['prod'], today=TODAY),
                     combine.combine_summaries([refused], hosts=['prod'], today=TODAY)):
        prod = combined['environments'][0]
        problems = prod['results'] if 'results' in prod else prod['violations']
        assert [(item['check'], item['status']) for item in problems] == [('configuration', 'errored')]
        assert 'NxCloud API' not in problems[0]['expected']
        assert 'is not a date' in problems[0]['observed']
