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

from ansible_collections.nxcloud.whatsapp.plugins.action import phone_compliance_check as phone_compliance_check_action
from ansible_collections.nxcloud.whatsapp.plugins.action import phone_compliance_check as check_action
from ansible_collections.nxcloud.whatsapp.plugins.action import phone_compliance_report
from ansible_collections.nxcloud.whatsapp.plugins.action.phone_compliance_report import ActionModule
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import read_json_result
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import summary
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _stored_data
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.action.test_phone_compliance_check import make_action as make_check_action

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
    # Connection options in the task's arguments (from module_defaults, or written there: then warned about).
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


@pytest.fixture(autouse=True)
def fixed_run_time(monkeypatch):
    """Checks made in one test read the app at one time: their reports (which keep the time of the run) compare equal."""
    monkeypatch.setattr(check_action, 'utc_now', lambda: '2026-11-27T06:00:00Z')


def registered_by_check(environment, phones, **args):
    """Return what phone_compliance_check registers for ``phones``, made by its action plugin (at the fixed time of fixed_run_time)."""
    action, _calls = make_check_action(dict(args, environment=environment, today=TODAY, fail_on='never'),
                                       [{'phones': list(phones), 'missing': []}])
    return action.run(task_vars={'inventory_hostname': environment})


class ScriptedReader(object):
    """Stands for read_json_result: answers the paths a test expects, in order; any other read fails the test."""

    def __init__(self, *paths):
        self.paths = list(paths)

    def __call__(self, path, read_reports=None):
        assert self.paths, 'read %s, which the test does not expect' % path
        assert path == self.paths.pop(0)
        return read_json_result(path, read_reports)

    def assert_done(self):
        assert not self.paths, 'not read: %s' % self.paths


def report_files(directory):
    return dict((name, (directory / name).read_text(encoding='utf-8')) for name in sorted(os.listdir(str(directory))))


def test_reports_from_registered_violations_and_result_files_equal_those_from_every_result(tmp_path, monkeypatch):
    # One time of run for both ways, which would otherwise differ when a second passes between them.
    for action_module in (phone_compliance_check_action, phone_compliance_report):
        monkeypatch.setattr(action_module, 'run_record', lambda: {'time': '2026-11-27T02:30:00Z', 'collection_version': '0.1.0'})
    waiver = {'number': '12025550142', 'check': 'status', 'reason': 'appeal filed', 'expires': '2026-12-31'}
    yellow = dict(HEALTHY, number='447700900123', quality_rating='YELLOW')
    checks = {'prod': ([HEALTHY, FLAGGED, yellow], {'waivers': [waiver]}), 'dev': ([HEALTHY], {})}
    small = dict((name, {'phone_compliance_result': registered_by_check(name, phones, report_dir=str(tmp_path / 'environments'), **args)})
                 for name, (phones, args) in checks.items())
    full = dict((name, {'phone_compliance_result': registered_by_check(name, phones, return_passed=True, **args)})
                for name, (phones, args) in checks.items())
    assert len(small['prod']['phone_compliance_result']['results']) < small['prod']['phone_compliance_result']['counts']['results']
    reader = ScriptedReader(str(tmp_path / 'environments' / 'prod.json'), str(tmp_path / 'environments' / 'dev.json'))
    monkeypatch.setattr(phone_compliance_report, 'read_json_result', reader)
    hosts = ['prod', 'dev', 'gone']
    from_files, _hostvars = run({'report_dir': str(tmp_path / 'small'), 'today': TODAY}, dict(small, gone={}), play_hosts=hosts)
    reader.assert_done()
    monkeypatch.setattr(phone_compliance_report, 'read_json_result', ScriptedReader())
    from_registered, _hostvars = run({'report_dir': str(tmp_path / 'full'), 'today': TODAY}, dict(full, gone={}), play_hosts=hosts)
    assert report_files(tmp_path / 'small') == report_files(tmp_path / 'full')
    assert len(report_files(tmp_path / 'small')) == 3
    assert dict(from_files, reports=None) == dict(from_registered, reports=None)
    assert '<summary>6 passed checks</summary>' in report_files(tmp_path / 'small')['phone-compliance.md']


def test_summaries_alone_read_no_result_file(monkeypatch, tmp_path):
    monkeypatch.setattr(phone_compliance_report, 'read_json_result', ScriptedReader())
    registered = registered_by_check('prod', [HEALTHY, FLAGGED], report_dir=str(tmp_path))
    result, _hostvars = run({'today': TODAY}, {'prod': {'phone_compliance_result': registered}})
    assert result['counts']['passed'] == 4 and result['reports'] == []


def test_results_given_directly_are_completed_from_their_files(tmp_path, monkeypatch):
    registered = registered_by_check('prod', [HEALTHY, FLAGGED], report_dir=str(tmp_path / 'environments'))
    reader = ScriptedReader(str(tmp_path / 'environments' / 'prod.json'))
    monkeypatch.setattr(phone_compliance_report, 'read_json_result', reader)
    result, _hostvars = run({'report_dir': str(tmp_path), 'results': [registered], 'report_formats': ['json']})
    reader.assert_done()
    assert len(read_json(result['reports'][0])['environments'][0]['results']) == 6


def test_a_result_without_its_passed_results_nor_a_file_fails_saying_what_to_set(tmp_path):
    variables = {'prod': {'phone_compliance_result': registered_by_check('prod', [HEALTHY, FLAGGED])}}
    with pytest.raises(AnsibleActionFail) as caught:
        run({'report_dir': str(tmp_path / 'reports'), 'today': TODAY}, variables)
    message = str(caught.value)
    assert message.startswith('the result of host prod holds 2 of its 6 results (those not passed), and no result_file')
    assert 'report_dir with json' in message and 'return_passed: true' in message
    assert not os.path.exists(str(tmp_path / 'reports'))


def test_a_result_file_removed_before_the_report_is_a_clear_failure(tmp_path):
    registered = registered_by_check('prod', [HEALTHY, FLAGGED], report_dir=str(tmp_path / 'environments'))
    os.unlink(registered['result_file'])
    with pytest.raises(AnsibleActionFail) as caught:
        run({'report_dir': str(tmp_path / 'reports'), 'results': [registered]})
    assert 'cannot read the full result of results[0] from %s: No such file or directory' % registered['result_file'] in str(caught.value)
    assert not os.path.exists(str(tmp_path / 'reports'))


def run_with_module_defaults(args, module_defaults, tmp_path):
    task = Task()
    task.action = 'nxcloud.whatsapp.phone_compliance_report'
    task.args = args
    task.module_defaults = module_defaults
    loader = MagicMock()
    action = ActionModule(task, MagicMock(), MagicMock(check_mode=False), loader, Templar(loader=loader), None)
    hostvars = FakeHostVars({'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})
    return action.run(task_vars={'hostvars': hostvars, 'ansible_play_hosts_all': ['prod']})


def test_connection_options_from_the_groups_module_defaults_pass_silently(tmp_path):
    defaults = [{'group/nxcloud.whatsapp.nxcloud': {'access_key': 'AK-1', 'access_secret': SECRET, 'timeout': 5}}]
    args = {'today': TODAY, 'access_key': 'AK-1', 'access_secret': SECRET, 'timeout': 5}
    result = run_with_module_defaults(args, defaults, tmp_path)
    assert result['status'] == 'passed' and 'warnings' not in result


def test_connection_options_written_on_the_task_are_named_in_a_warning_without_their_values(tmp_path):
    # access_key comes from the group's defaults; the secret and appkey were written on the task.
    defaults = [{'group/nxcloud.whatsapp.nxcloud': {'access_key': 'AK-1'}}]
    args = {'today': TODAY, 'access_key': 'AK-1', 'access_secret': SECRET, 'appkey': 'app-prod'}
    result = run_with_module_defaults(args, defaults, tmp_path)
    assert result['status'] == 'passed'
    assert len(result['warnings']) == 1
    warning = result['warnings'][0]
    assert 'access_secret, appkey set on this task have no effect' in warning and 'access_key' not in warning.split(' set ')[0]
    assert SECRET not in warning and 'app-prod' not in warning


def test_a_task_value_that_differs_from_the_defaults_was_written_on_the_task(tmp_path):
    defaults = [{'nxcloud.whatsapp.phone_compliance_report': {'timeout': 5}}]
    result = run_with_module_defaults({'today': TODAY, 'timeout': 9}, defaults, tmp_path)
    assert 'timeout set on this task has no effect; remove it' in result['warnings'][0]


def test_a_connection_option_given_by_an_unrelated_modules_defaults_still_counts_as_written_here(tmp_path):
    defaults = [{'ansible.builtin.uri': {'timeout': 5}}]
    result = run_with_module_defaults({'today': TODAY, 'timeout': 5}, defaults, tmp_path)
    assert 'timeout set on this task has no effect' in result['warnings'][0]


def test_defaults_that_cannot_be_rendered_draw_no_warning():
    def template(value):
        raise ValueError('undefined variable')  # as the templar fails on a variable it cannot resolve
    defaults = [{'group/nxcloud.whatsapp.nxcloud': {'timeout': '{{ undefined_variable_here }}'}}]
    assert phone_compliance_report.connection_options_set_on_task({'timeout': 5}, defaults, template) == []
    assert phone_compliance_report.connection_options_set_on_task({'timeout': 5}, ['{{ all_defaults }}'], template) == []


def test_two_environments_with_one_report_file_name_are_refused(tmp_path):
    variables = {'a': {'phone_compliance_result': checked('prod/eu', HEALTHY)}, 'b': {'phone_compliance_result': checked('Prod_EU', HEALTHY)}}
    with pytest.raises(AnsibleActionFail, match=r"environments 'prod/eu' and 'Prod_EU' write their reports to one file name"):
        run({'report_dir': str(tmp_path), 'today': TODAY}, variables, play_hosts=['a', 'b'])
    assert os.listdir(str(tmp_path)) == []


def test_a_file_stem_with_a_control_character_is_refused(tmp_path):
    with pytest.raises(AnsibleActionFail, match='is not a file name'):
        run({'report_dir': str(tmp_path), 'today': TODAY, 'file_stem': 'phone\x00compliance'}, {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}})


# ------------------------------------------------------------------------------------------------
# metrics: the prometheus format and the Pushgateway


def test_the_prometheus_format_writes_the_prom_file_beside_the_others(tmp_path):
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY, FLAGGED)}}
    result, _hostvars = run({'report_dir': str(tmp_path), 'today': TODAY, 'report_formats': ['json', 'prometheus']}, variables)
    assert result['reports'] == [str(tmp_path / 'phone-compliance.json'), str(tmp_path / 'phone-compliance.prom')]
    text = (tmp_path / 'phone-compliance.prom').read_text(encoding='utf-8')
    assert 'nxcloud_whatsapp_phone_quality_rating{environment="prod",number="12025550142"} 0.0' in text
    assert 'pushed' not in result


def test_without_prometheus_client_the_task_fails_naming_the_package_and_writes_nothing(tmp_path, monkeypatch):
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import prometheus
    monkeypatch.setattr(prometheus, 'HAS_PROMETHEUS_CLIENT', False)
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}}
    with pytest.raises(AnsibleActionFail, match='prometheus_client is not installed') as raised:
        run({'report_dir': str(tmp_path), 'today': TODAY, 'report_formats': ['json', 'prometheus']}, variables)
    assert 'correct the option' not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def pushgateway_stub():
    from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.test_prometheus import StubGateway
    return StubGateway()


def test_each_environment_is_pushed_in_its_own_group_without_report_dir():
    stub = pushgateway_stub()
    try:
        variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY, FLAGGED)},
                     'dev': {'phone_compliance_result': checked('dev', HEALTHY)}, 'lost': {}}
        result, _hostvars = run({'today': TODAY, 'pushgateway_url': stub.url, 'pushgateway_job': 'whatsapp'}, variables,
                                play_hosts=['prod', 'dev', 'lost'])
    finally:
        stub.stop()
    assert result['pushed'] == ['prod', 'dev', 'lost']
    assert result['reports'] == []
    assert [(request['method'], request['path']) for request in stub.requests] == [
        ('PUT', '/metrics/job/whatsapp/environment/prod'), ('PUT', '/metrics/job/whatsapp/environment/dev'),
        ('POST', '/metrics/job/whatsapp/environment/lost')]
    assert 'environment="prod",name_status="",number="12025550142",quality_rating="RED"' in stub.requests[0]['body']
    assert 'environment="prod"' not in stub.requests[1]['body']


@pytest.mark.parametrize('on_error', ['fail', 'warn'])
def test_a_failed_push_fails_by_default_or_warns_after_the_reports_were_written(tmp_path, on_error):
    stub = pushgateway_stub()
    stub.status = 503
    try:
        variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}}
        args = {'report_dir': str(tmp_path), 'today': TODAY, 'pushgateway_url': stub.url.replace('http://', 'http://me:%s@' % SECRET),
                'pushgateway_on_error': on_error}
        if on_error == 'fail':
            with pytest.raises(AnsibleActionFail) as raised:
                run(args, variables)
            message = str(raised.value)
            assert 'pushgateway_on_error=warn' in message
        else:
            result, _hostvars = run(args, variables)
            assert result['pushed'] == []
            message = ' '.join(result['warnings'])
    finally:
        stub.stop()
    assert 'HTTP 503' in message and 'environment prod' in message and 'http://***@127.0.0.1' in message
    assert SECRET not in message
    assert (tmp_path / 'phone-compliance.json').exists()


@pytest.mark.parametrize('args, words', [
    ({'pushgateway_url': 'pushgateway:9091'}, 'must start with http'),
    ({'pushgateway_url': 'http://127.0.0.1:9', 'pushgateway_timeout': 0}, 'pushgateway_timeout must be'),
    ({'pushgateway_url': 'http://127.0.0.1:9', 'pushgateway_timeout': 1000000000000}, 'pushgateway_timeout must be .*from 1 to 600'),
    ({'pushgateway_url': 'http://127.0.0.1:9', 'pushgateway_client_key': '/k.pem'}, 'needs pushgateway_client_cert'),
    ({'pushgateway_url': 'http://127.0.0.1:9', 'pushgateway_username': 'me'}, 'pushgateway_password'),
    ({'pushgateway_url': 'http://127.0.0.1:9', 'pushgateway_on_error': 'ignore'}, 'pushgateway_on_error'),
])
def test_unusable_pushgateway_options_fail_clearly_before_any_push(args, words):
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}}
    with pytest.raises(AnsibleActionFail, match=words):
        run(dict(args, today=TODAY), variables)


def test_a_push_without_the_numbers_as_read_says_what_to_set():
    registered = checked('prod', HEALTHY, FLAGGED)
    del registered['phones']  # as registered without return_passed: the numbers are left out
    registered['results'] = [item for item in registered['results'] if item['status'] != 'passed']
    with pytest.raises(AnsibleActionFail, match='pushgateway_url needs the numbers as read.*set phone_compliance_report_dir'):
        run({'today': TODAY, 'pushgateway_url': 'http://127.0.0.1:9'}, {'prod': {'phone_compliance_result': registered}})


def test_a_push_without_prometheus_client_fails_before_any_report_is_written(tmp_path, monkeypatch):
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import prometheus
    monkeypatch.setattr(prometheus, 'HAS_PROMETHEUS_CLIENT', False)
    variables = {'prod': {'phone_compliance_result': checked('prod', HEALTHY)}}
    with pytest.raises(AnsibleActionFail, match='prometheus_client is not installed.*pushgateway_url needs it'):
        run({'report_dir': str(tmp_path), 'today': TODAY, 'pushgateway_url': 'http://127.0.0.1:9'}, variables)
    assert list(tmp_path.iterdir()) == []


def test_the_combined_json_report_says_when_and_with_which_collection_it_was_made(tmp_path):
    registered = {'prod': {'phone_compliance_result': registered_by_check('prod', [HEALTHY, FLAGGED], return_passed=True)}}
    run({'report_dir': str(tmp_path), 'today': TODAY}, registered, play_hosts=['prod'])
    report = json.loads(report_files(tmp_path)['phone-compliance.json'])
    assert sorted(report['run']) == ['collection_version', 'time']
    assert report['run']['time'].endswith('Z') and 'T' in report['run']['time']
    # Each environment says which API it asked (the test's phone_info answer names none).
    assert 'api_url' in report['environments'][0]['run']
