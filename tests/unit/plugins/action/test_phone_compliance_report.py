# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin of phone_compliance_report: the play's results combined and written here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task
from ansible.template import Templar

from ansible_collections.nxcloud.whatsapp.plugins.action import phone_compliance_report
from ansible_collections.nxcloud.whatsapp.plugins.action.phone_compliance_report import ActionModule
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import summary
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _stored_data

try:
    from unittest.mock import MagicMock
except ImportError:  # pragma: no cover
    from mock import MagicMock

HEALTHY = {'number': '8613800138000', 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN'}
FLAGGED = {'number': '12025550142', 'status': 'FLAGGED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'RED'}
TODAY = '2026-11-27'
SECRET = 'SK-report-unit-secret'


def checked(environment, *phones):
    """Return what phone_compliance_check registers for an environment (the parts the report reads)."""
    result = evaluate(list(phones), today=TODAY, environment=environment, missing=[])
    result.update(compliant=True, message='...', summary=summary(result), reports=[], changed=False)
    return result


class FakeHostVars(object):
    """The raw_get of ansible's HostVars: each host's variables, not templated."""

    def __init__(self, variables):
        self.variables = variables
        self.read = []

    def raw_get(self, host):
        self.read.append(host)
        return self.variables.get(host, 'undefined host')


def run(args, host_variables=None, play_hosts=None):
    task = Task()
    task.action = 'nxcloud.whatsapp.phone_compliance_report'
    task.args = args
    loader = MagicMock()
    action = ActionModule(task, MagicMock(), MagicMock(check_mode=False), loader, Templar(loader=loader), None)
    hostvars = FakeHostVars(host_variables or {})
    task_vars = {'hostvars': hostvars, 'ansible_play_hosts_all': play_hosts if play_hosts is not None else list(host_variables or {})}
    return action.run(task_vars=task_vars), hostvars


def read_json(path):
    with open(path) as handle:
        return json.load(handle)


def test_the_play_hosts_results_are_written_in_every_format(tmp_path):
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY, FLAGGED)},
                 'dev': {'phone_compliance_result': checked('dev', HEALTHY)}}
    result, hostvars = run({'report_dir': str(tmp_path), 'today': TODAY}, variables, play_hosts=['prod', 'dev'])
    assert hostvars.read == ['prod', 'dev']
    assert result['reports'] == [str(tmp_path / name) for name in ('phone-compliance.json', 'phone-compliance.junit.xml', 'phone-compliance.md')]
    assert [summary['environment'] for summary in result['environments']] == ['prod', 'dev']
    assert [item['number'] for item in result['environments'][0]['violations']] == ['12025550142', '12025550142']
    assert result['status'] == 'failed' and result['changed'] is False and 'failed' not in result
    assert result['counts']['failed'] == 2 and result['counts']['environments'] == 2 and result['counts']['numbers'] == 3
    written = read_json(result['reports'][0])
    assert [environment['environment'] for environment in written['environments']] == ['prod', 'dev']
    assert 'compliant' not in written['environments'][0] and 'summary' not in written['environments'][0]
    with open(result['reports'][1]) as handle:
        assert handle.read().count('<failure') == 2
    with open(result['reports'][2]) as handle:
        assert '12025550142' in handle.read()


def test_a_host_without_a_result_is_an_errored_environment(tmp_path):
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY)},
                 'broken': {'phone_compliance_result': {'failed': True, 'msg': 'policy.checks has colour'}},
                 'unreached': {'inventory_hostname': 'unreached'}}
    result, _hostvars = run({'report_dir': str(tmp_path), 'today': TODAY, 'report_formats': ['json']}, variables,
                            play_hosts=['prod', 'broken', 'unreached'])
    assert result['status'] == 'errored' and result['counts']['errored'] == 2
    environments = read_json(result['reports'][0])['environments']
    assert [environment['environment'] for environment in environments] == ['prod', 'broken', 'unreached']
    assert 'policy.checks has colour' in environments[1]['error']
    assert environments[2]['error'].startswith('no compliance result')


def test_chosen_hosts_and_result_name(tmp_path):
    variables = {'prod': {'audit': checked('prod', FLAGGED)}, 'dev': {'audit': checked('dev', HEALTHY)}}
    result, hostvars = run({'report_dir': str(tmp_path), 'hosts': ['dev'], 'result_var': 'audit', 'file_stem': 'dev-only',
                            'report_formats': ['markdown']}, variables)
    assert hostvars.read == ['dev']
    assert result['reports'] == [str(tmp_path / 'dev-only.md')] and result['status'] == 'passed'


def test_results_given_directly(tmp_path):
    result, hostvars = run({'report_dir': str(tmp_path), 'results': [checked('a', HEALTHY), checked('b', FLAGGED)],
                            'report_formats': ['json']}, {'ignored': {}})
    assert hostvars.read == []
    assert [summary['environment'] for summary in result['environments']] == ['a', 'b']


def test_the_group_connection_options_are_dropped_not_refused(tmp_path):
    # What module_defaults for group/nxcloud.whatsapp.nxcloud give every module of the collection.
    args = {'report_dir': str(tmp_path), 'access_key': 'AK-1', 'access_secret': SECRET, 'appkey': 'app', 'timeout': 5}
    result, _hostvars = run(args, {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})
    assert result['status'] == 'passed'
    assert SECRET not in json.dumps(result)
    for path in result['reports']:
        with open(path) as handle:
            assert SECRET not in handle.read()


@pytest.mark.parametrize('args, words', [
    ({'colour': 'red'}, 'colour'),
    ({'results': [], 'hosts': ['prod']}, 'mutually exclusive'),
    ({'file_stem': '../escape'}, 'is not a file name'),
    ({'file_stem': ''}, 'is not a file name'),
    ({'today': '27/11/2026'}, 'today'),
    ({'hosts': ['nowhere']}, 'host nowhere is not in the inventory'),
    ({'results': [{'counts': 'many'}]}, 'results[0] is not a compliance result'),
    ({'results': [checked('prod', HEALTHY), checked('prod', FLAGGED)]}, 'prod'),
])
def test_unusable_options_fail_with_what_to_fix(tmp_path, args, words):
    with pytest.raises(AnsibleActionFail) as caught:
        run(dict(args, report_dir=str(tmp_path / 'reports')), {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})
    assert words in str(caught.value)
    assert not os.path.exists(str(tmp_path / 'reports')), 'nothing may be written for unusable options'


def test_an_unwritable_report_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text(u'not a directory')
    with pytest.raises(AnsibleActionFail) as caught:
        run({'report_dir': str(blocker / 'reports')}, {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})
    assert 'cannot write the reports' in str(caught.value) and 'To fix' in str(caught.value)


def test_without_report_dir_only_the_summaries_are_read_and_nothing_is_written(tmp_path, monkeypatch):
    read = []

    def recording_stored_data(value):
        read.append(value)
        return stored_data(value)

    stored_data = _stored_data.stored_data
    # Every way the plugin reads a result: directly, and through stored_summary.
    monkeypatch.setattr(phone_compliance_report, 'stored_data', recording_stored_data)
    monkeypatch.setattr(_stored_data, 'stored_data', recording_stored_data)
    monkeypatch.chdir(str(tmp_path))
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY, FLAGGED)}, 'dev': {}}
    result, _hostvars = run({'today': TODAY}, variables, play_hosts=['prod', 'dev'])
    assert result['reports'] == [] and os.listdir(str(tmp_path)) == []
    assert result['status'] == 'errored'
    assert [summary['status'] for summary in result['environments']] == ['failed', 'errored']
    assert result['environments'][0]['counts']['passed'] == 4
    assert read and all(set(value) == {'summary'} for value in read if value is not None), 'a full result was read'


def test_set_stats_keeps_every_environment_summary():
    variables = {'prod': {'phone_compliance_result': checked('prod', FLAGGED)}, 'dev': {'phone_compliance_result': checked('dev', HEALTHY)}}
    result, _hostvars = run({'set_stats': True}, variables, play_hosts=['prod', 'dev'])
    assert result['ansible_stats']['per_host'] is False and result['ansible_stats']['aggregate'] is True
    stats = result['ansible_stats']['data']['phone_compliance']
    assert sorted(stats) == ['dev', 'prod']
    assert stats['prod'] == result['environments'][0] and stats['prod']['status'] == 'failed'


def test_no_stats_unless_asked():
    result, _hostvars = run({}, {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})
    assert 'ansible_stats' not in result
