# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin of phone_compliance_check: one phone_info call, judged and reported here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re

import pytest

from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task
from ansible.template import Templar

from ansible_collections.nxcloud.whatsapp.plugins.action.phone_compliance_check import ActionModule
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._version import COLLECTION_VERSION

try:
    from unittest.mock import MagicMock
except ImportError:  # pragma: no cover
    from mock import MagicMock

HEALTHY = {'number': '8613800138000', 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN'}
FLAGGED = {'number': '12025550142', 'status': 'FLAGGED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'RED'}
SECRET = 'SK-unit-secret-never-shown'


def make_action(args, answers, check_mode=False):
    """Return the action and the list of phone_info calls it makes; each call takes the next answer."""
    task = Task()
    task.action = 'nxcloud.whatsapp.phone_compliance_check'
    task.args = args
    task.check_mode = check_mode
    connection = MagicMock()
    play_context = MagicMock(check_mode=check_mode)
    loader = MagicMock()
    action = ActionModule(task, connection, play_context, loader, Templar(loader=loader), None)
    calls = []
    remaining = list(answers)

    def execute_module(module_name=None, module_args=None, task_vars=None, **_kwargs):
        calls.append((module_name, dict(module_args)))
        assert remaining, 'phone_info was called more often than the test expects'
        return remaining.pop(0)

    action._execute_module = execute_module
    return action, calls


def run(args, answers, task_vars=None):
    action, calls = make_action(args, answers)
    result = action.run(task_vars=task_vars if task_vars is not None else {'inventory_hostname': 'prod'})
    assert len(calls) == len(answers), 'phone_info was called %d times, expected %d' % (len(calls), len(answers))
    return result, calls


def test_one_phone_info_call_with_only_the_options_given():
    result, calls = run({'appkey': 'app-prod', 'access_secret': SECRET, 'business_phones': ['+86 138 0013 8000']},
                        [{'phones': [HEALTHY], 'missing': []}])
    # Options left unset stay unset, so phone_info's NXCLOUD_* fallbacks and defaults apply where it runs.
    expected_args = {'appkey': 'app-prod', 'access_secret': SECRET, 'business_phones': ['+86 138 0013 8000']}
    assert calls == [('nxcloud.whatsapp.phone_info', expected_args)]
    assert result['compliant'] is True
    assert 'failed' not in result
    assert result['changed'] is False
    assert result['environment'] == 'prod'
    assert result['counts']['passed'] == 3 and result['counts']['failed'] == 0
    assert SECRET not in json.dumps(result)


def test_a_violation_fails_the_task_listing_it():
    result, _calls = run({'environment': 'staging', 'today': '2026-11-27'}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert result['failed'] is True
    assert result['compliant'] is False
    assert result['msg'] == result['message']
    assert '[FAIL] 12025550142 status: expected CONNECTED, observed FLAGGED' in result['message']
    assert '[FAIL] 12025550142 quality_rating' in result['message']
    assert result['summary']['environment'] == 'staging'
    assert [item['check'] for item in result['summary']['violations']] == ['status', 'quality_rating']
    assert result['today'] == '2026-11-27'


def test_only_the_results_that_are_not_passed_are_returned():
    result, _calls = run({'today': '2026-11-27'}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert [(item['number'], item['check'], item['status']) for item in result['results']] == [
        ('12025550142', 'status', 'failed'), ('12025550142', 'quality_rating', 'failed')]
    # The counts, the summary and the verdict still cover every result.
    assert result['counts']['passed'] == 4 and result['counts']['results'] == 6
    assert result['summary']['counts'] == result['counts']
    assert result['message'].startswith('phone compliance: 0 errored, 2 failed, 0 warned, 0 waived, 4 passed')
    assert result['result_file'] is None and result['reports'] == []


def test_return_passed_returns_every_result():
    result, _calls = run({'today': '2026-11-27', 'return_passed': True}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert len(result['results']) == 6
    assert [item['status'] for item in result['results']].count('passed') == 4


def test_fail_on_never_reports_without_failing():
    result, _calls = run({'fail_on': 'never'}, [{'phones': [FLAGGED], 'missing': []}])
    assert 'failed' not in result
    assert result['compliant'] is True
    assert result['status'] == 'failed'
    assert result['counts']['failed'] == 2


def test_an_unreadable_app_is_an_errored_environment_with_the_service_message():
    answer = {'failed': True, 'msg': 'NxCloud answered result code 9006. To fix: bind the number', 'result_code': 9006}
    result, _calls = run({}, [answer])
    assert result['failed'] is True
    assert result['status'] == 'errored'
    assert result['error'].startswith('NxCloud answered result code 9006')
    assert result['results'][0]['check'] == 'phone_info'


def test_fail_on_error_false_lets_an_unreadable_app_pass_the_verdict():
    result, _calls = run({'fail_on_error': False}, [{'failed': True, 'msg': 'timed out'}])
    assert result['compliant'] is True
    assert result['status'] == 'errored'


def test_warnings_of_phone_info_are_the_tasks_warnings():
    result, _calls = run({}, [{'phones': [HEALTHY], 'missing': [], 'warnings': ['NxCloud getPhone attempt 1 of 4 failed (HTTP 503)']}])
    assert result['warnings'] == ['NxCloud getPhone attempt 1 of 4 failed (HTTP 503)']


def test_a_bad_policy_fails_before_any_request():
    action, calls = make_action({'policy': {'checks': ['status', 'colour']}}, [])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars={'inventory_hostname': 'prod'})
    assert 'Got no match for: colour found in policy' in str(caught.value) and 'To fix' in str(caught.value)
    assert calls == []


def test_a_policy_that_is_not_a_mapping_is_refused_naming_the_option():
    action, calls = make_action({'policy': 'strict'}, [])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars={})
    assert 'policy must be a mapping, not a string' in str(caught.value)
    assert calls == []


def test_the_policy_is_applied_with_its_defaults_and_nulls_taking_them():
    result, _calls = run({'policy': {'checks': ['status', 'current_limit'], 'minimum_tier': None, 'severity': {'current_limit': 'warn'}}},
                         [{'phones': [dict(HEALTHY, current_limit='TIER_250')], 'missing': []}])
    assert result['checks'] == ['status', 'current_limit']
    limit = [item for item in result['results'] if item['check'] == 'current_limit']
    assert [(item['expected'], item['status']) for item in limit] == [('TIER_1K or higher', 'warned')]


def test_a_bad_waiver_date_fails_before_any_request():
    waiver = {'number': '8613800138000', 'check': 'status', 'reason': 'appeal', 'expires': '31/12/2026'}
    action, calls = make_action({'waivers': [waiver]}, [])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars={})
    assert 'expires' in str(caught.value)
    assert calls == []


ROLE_TASK_VARS = {'inventory_hostname': 'prod', 'ansible_role_name': 'nxcloud.whatsapp.phone_compliance'}


@pytest.mark.parametrize('task_vars, expected', [
    ({'inventory_hostname': 'prod'}, 'access_secret must be a string, not a list'),
    # Run by the role, the option is named as the role variable the user set.
    (dict(ROLE_TASK_VARS, phone_compliance_access_secret=[SECRET, 'second']), 'phone_compliance_access_secret must be a string, not a list'),
    # Run by the role without that variable, the value came from the play's module_defaults: the option's own name.
    (ROLE_TASK_VARS, 'access_secret must be a string, not a list'),
])
def test_a_secret_given_as_a_list_is_refused_before_any_request_naming_the_option(task_vars, expected):
    action, calls = make_action({'access_secret': [SECRET, 'second']}, [])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars=dict(task_vars))
    assert str(caught.value).startswith(expected) and SECRET not in str(caught.value)
    assert calls == []


@pytest.mark.parametrize('report_dir, refused', [(123, 'an integer'), (['reports'], 'a list'), ('reports', None), (None, 'null')])
def test_the_roles_report_dir_is_looked_at_as_the_user_set_it(tmp_path, report_dir, refused):
    # The role hands over "<report_dir>/environments" as text: 123 would write to ./123/environments.
    task_vars = dict(ROLE_TASK_VARS, phone_compliance_report_dir=report_dir)
    action, calls = make_action({'report_dir': str(tmp_path / 'environments')}, [] if refused else [{'phones': [HEALTHY], 'missing': []}])
    if refused:
        with pytest.raises(AnsibleActionFail) as caught:
            action.run(task_vars=task_vars)
        assert str(caught.value).startswith('phone_compliance_report_dir must be a path (a string), not %s' % refused)
        assert calls == [] and not (tmp_path / 'environments').exists()
    else:
        assert action.run(task_vars=task_vars)['compliant'] is True


def test_an_unknown_option_is_refused():
    action, calls = make_action({'colour': 'red'}, [])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars={})
    assert 'colour' in str(caught.value)
    assert calls == []


def test_reports_are_written_for_the_environment(tmp_path):
    directory = str(tmp_path / 'reports' / 'environments')
    result, _calls = run({'environment': 'prod/eu', 'report_dir': directory, 'report_formats': ['json', 'markdown']},
                         [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert result['reports'] == [os.path.join(directory, 'prod_eu.json'), os.path.join(directory, 'prod_eu.md')]
    assert result['result_file'] == result['reports'][0]
    with open(result['reports'][0]) as handle:
        written = json.load(handle)
    # The report holds the result, not the task's verdict keys, and every result, passed included.
    assert sorted(written) == ['changes', 'changes_note', 'checks', 'counts', 'environment', 'error', 'phones', 'previous_run', 'results',
                               'run', 'status', 'today', 'trend', 'waivers']
    assert written['phones'] == [HEALTHY, FLAGGED] and 'phones' not in result
    # What a report read later says about its run: when (UTC, time of day), which collection, which API.
    assert re.match(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$', written['run']['time'])
    assert written['run']['collection_version'] == COLLECTION_VERSION
    assert 'api_url' in written['run']
    assert written['counts']['failed'] == 2
    assert len(written['results']) == 6 and len(result['results']) == 2
    assert sorted(os.listdir(directory)) == ['prod_eu.json', 'prod_eu.md']


def test_no_result_file_without_a_json_report(tmp_path):
    result, _calls = run({'report_dir': str(tmp_path), 'report_formats': ['junit']}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert result['reports'] == [str(tmp_path / 'prod.junit.xml')]
    assert result['result_file'] is None


def test_an_unwritable_report_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text(u'not a directory')
    action, _calls = make_action({'report_dir': str(blocker / 'reports')}, [{'phones': [HEALTHY], 'missing': []}])
    with pytest.raises(AnsibleActionFail) as caught:
        action.run(task_vars={})
    assert 'cannot write the reports' in str(caught.value) and 'To fix' in str(caught.value)


def test_set_stats_keeps_the_summary_by_environment():
    result, _calls = run({'environment': 'dev', 'set_stats': True}, [{'phones': [HEALTHY], 'missing': []}])
    assert result['ansible_stats'] == {'data': {'phone_compliance': {'dev': result['summary']}}, 'per_host': False, 'aggregate': True}


def test_no_stats_unless_asked():
    result, _calls = run({}, [{'phones': [HEALTHY], 'missing': []}])
    assert 'ansible_stats' not in result


def test_the_state_is_returned_as_a_fact_and_read_back_on_the_next_run():
    first, _calls = run({'environment': 'prod'}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    assert first['changes'] == [] and 'no previous run' in first['changes_note']
    state = first['ansible_facts']['phone_compliance_state']
    assert state['environment'] == 'prod' and sorted(json.loads(state['numbers'])) == sorted([HEALTHY['number'], FLAGGED['number']])
    assert 'trend' not in first and 'phones' not in first  # kept in the JSON report, not in the registered value
    # The fact cache gives the fact back in ansible_facts (and as a variable): the next run compares with it.
    second, _calls = run({'environment': 'prod'}, [{'phones': [HEALTHY], 'missing': []}],
                         task_vars={'inventory_hostname': 'prod', 'ansible_facts': {'phone_compliance_state': state}})
    assert second['changes'] == [{'environment': 'prod', 'number': FLAGGED['number'], 'kind': 'removed', 'quality_dropped': False}]
    assert second['changes_note'] == '' and second['previous_run']['time'] == state['runs'][0]['time']
    third, _calls = run({'environment': 'prod'}, [{'phones': [HEALTHY], 'missing': []}],
                        task_vars={'inventory_hostname': 'prod', 'phone_compliance_state': second['ansible_facts']['phone_compliance_state']})
    assert third['changes'] == [] and len(third['ansible_facts']['phone_compliance_state']['runs']) == 3


def test_number_removed_fails_the_run_when_asked_for():
    first, _calls = run({'environment': 'prod'}, [{'phones': [HEALTHY, FLAGGED], 'missing': []}])
    second, _calls = run({'environment': 'prod', 'policy': {'checks': ['number_removed']}}, [{'phones': [HEALTHY], 'missing': []}],
                         task_vars={'inventory_hostname': 'prod', 'ansible_facts': first['ansible_facts']})
    assert second['compliant'] is False and second['failed'] is True
    assert [(item['number'], item['check']) for item in second['results']] == [(FLAGGED['number'], 'number_removed')]


def test_keep_state_false_keeps_no_fact_and_says_so():
    result, _calls = run({'environment': 'prod', 'keep_state': False}, [{'phones': [HEALTHY], 'missing': []}])
    assert 'ansible_facts' not in result and result['changes'] == [] and 'keep_state is false' in result['changes_note']
