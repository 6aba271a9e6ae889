# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""phone_info in the controller's process: when it runs there, and that it answers as the module does."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import requests

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _transport
from ansible_collections.nxcloud.whatsapp.plugins.modules import phone_info
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _phone_info_runner as runner
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse, ok_answer

try:
    from unittest.mock import MagicMock
except ImportError:  # pragma: no cover
    from mock import MagicMock

SECRET = 'SK-runner-unit-secret-0815'
PHONE = {'display_phone_number': '+86 138 0013 8000', 'quality_rating': 'GREEN', 'name_status': 'APPROVED',
         'verified_name': 'Shop', 'code_verification_status': 'VERIFIED', 'current_limit': '', 'status': 'CONNECTED'}
# What only the module process adds to its answer; everything else must be the same on both paths.
MODULE_ONLY_KEYS = ('invocation', '_raw_output', '_exit_code', '_warnings', 'warnings')


def args(**changes):
    result = dict(access_key='AK-1', access_secret=SECRET, appkey='appkey-prod', api_url='https://nx.test')
    result.update(changes)
    return result


@pytest.fixture
def both_paths(scripted_session, run_module, monkeypatch):
    """Run phone_info as a module and in this process, each against its own copy of a script.

    Returns (module result, in-process result, module session, in-process session).
    """
    monkeypatch.setattr(_transport.time, 'sleep', lambda seconds: None)
    monkeypatch.setattr(_transport.random, 'random', lambda: 0.5)  # the same backoff on both paths
    for name in ('NXCLOUD_ACCESS_KEY', 'NXCLOUD_ACCESS_SECRET', 'NXCLOUD_APPKEY', 'NXCLOUD_API_URL'):
        monkeypatch.delenv(name, raising=False)

    def run(module_args, *answers):
        sessions = []

        def new_session(watch):
            sessions.append(scripted_session(*answers))
            return sessions[-1]

        monkeypatch.setattr(_transport, 'watched_session', new_session)
        # The module's name, as the controller passes it to every module.
        as_module = run_module(phone_info, dict(module_args, _ansible_module_name=runner.PHONE_INFO))
        in_process = runner.phone_info_in_this_process(dict(module_args))
        return as_module, in_process, sessions

    return run


def assert_same_answer(as_module, in_process):
    module_part = dict((key, value) for key, value in as_module.items() if key not in MODULE_ONLY_KEYS)
    assert in_process.get('warnings', []) == as_module['_warnings']
    assert dict((key, value) for key, value in in_process.items() if key != 'warnings') == module_part


@pytest.mark.parametrize('module_args, answers', [
    (args(business_phones=['+86 138-0013-8000', 14155550123]), [ok_answer({'8613800138000': [dict(PHONE, brand_new='x')]})]),
    (args(), [ok_answer({'business_phones': [dict(PHONE, business_phone='8613800138000')]})]),
    (args(), [ok_answer({'8613800138000': [PHONE, PHONE]})]),
    (args(), [requests.exceptions.ConnectionError('reset'), FakeResponse(503, b'', headers={'Retry-After': '2'}),
              ok_answer({'8613800138000': [PHONE]})]),
    (args(), [ok_answer(None, code=1004, message='timestamp expired')]),
    (args(retries=1), [FakeResponse(502, b'<html>bad gateway</html>', reason='Bad Gateway')] * 2),
    (args(), [ok_answer({'8613800138000': 'CONNECTED'})]),
    (args(), [FakeResponse(400, ('bad request, secret was %s' % SECRET).encode(), reason='Bad Request')]),
    (args(api_url='https://gw:apipass-42@nx.test', proxy_url='http://me:proxypass-77@proxy:3128', retries=0),
     [requests.exceptions.ConnectionError('refused by http://me:proxypass-77@proxy:3128')]),
    (args(sign_algorithm='sha256'), [ok_answer({})]),
], ids=['numbers', 'array-shape', 'note', 'retries', 'result-code', 'http-error', 'malformed', 'echoed-secret',
        'url-passwords', 'sha256'])
def test_a_call_answers_as_the_module_does(both_paths, module_args, answers):
    as_module, in_process, sessions = both_paths(module_args, *answers)
    assert_same_answer(as_module, in_process)
    assert len(sessions[0].requests) == len(sessions[1].requests) == len(answers)
    module_sent, here_sent = sessions[0].requests[-1], sessions[1].requests[-1]
    assert here_sent['url'] == module_sent['url'] and here_sent['data'] == module_sent['data']
    assert here_sent['proxies'] == module_sent['proxies'] and here_sent['verify'] == module_sent['verify']
    shown = json.dumps(in_process)
    for secret in (SECRET, 'apipass-42', 'proxypass-77') + tuple(sent['headers']['sign'] for sent in sessions[1].requests):
        assert secret not in shown


@pytest.mark.parametrize('module_args', [
    {'appkey': 'x'},
    args(surprise='yes'),
    args(business_phones=['86138abc']),
    args(api_url='not a url'),
    args(timeout=-5),
    args(sign_algorithm='sha1'),
    args(retries='many'),
    args(access_key='AK 1'),
], ids=['missing-credentials', 'unsupported', 'letters', 'bad-url', 'timeout', 'algorithm', 'retries-type', 'key-space'])
def test_an_unusable_option_fails_as_the_module_does_without_a_request(both_paths, module_args):
    as_module, in_process, sessions = both_paths(module_args)
    assert in_process['failed'] is True
    assert_same_answer(as_module, in_process)
    assert not sessions, 'no session may be opened for an unusable option'


def test_credentials_come_from_the_environment_variables(both_paths, monkeypatch):
    monkeypatch.setenv('NXCLOUD_ACCESS_KEY', 'AK-env')
    monkeypatch.setenv('NXCLOUD_ACCESS_SECRET', SECRET)
    monkeypatch.setenv('NXCLOUD_APPKEY', 'appkey-env')
    monkeypatch.setenv('NXCLOUD_API_URL', 'https://env.test')
    as_module, in_process, sessions = both_paths({}, ok_answer({}))
    assert_same_answer(as_module, in_process)
    assert sessions[1].requests[0]['url'] == 'https://env.test/api/wa/getPhone'
    assert sessions[1].requests[0]['headers']['accessKey'] == 'AK-env'
    assert json.loads(sessions[1].requests[0]['data'])['appkey'] == 'appkey-env'


def fake_action(transport='local', become=False, become_plugin=None, async_val=0, environment=None):
    action = MagicMock()
    action._connection.transport = transport
    action._connection.become = become_plugin
    action._play_context.become = become
    action._task.async_val = async_val
    action._task.environment = environment
    action._templar.template.side_effect = lambda value: value
    return action


@pytest.mark.parametrize('environment', [None, {}, [{}, None]], ids=['no-keyword', 'empty', 'empty-entries'])
def test_a_local_task_runs_in_this_process(environment):
    assert runner.runs_in_this_process(fake_action(environment=environment)) is True


@pytest.mark.parametrize('changes', [
    dict(transport='ssh'),
    dict(transport='winrm'),
    dict(become=True),
    dict(become_plugin=object()),
    dict(async_val=30),
    dict(environment={'HTTPS_PROXY': 'http://proxy:3128'}),
    dict(environment=[{}, {'HTTPS_PROXY': 'http://proxy:3128'}]),
], ids=['ssh', 'winrm', 'become', 'become-plugin', 'async', 'environment', 'environment-of-the-block'])
def test_anything_else_runs_the_module(changes):
    assert runner.runs_in_this_process(fake_action(**changes)) is False


def test_without_requests_here_the_module_runs_and_says_so_where_it_runs(monkeypatch):
    monkeypatch.setattr(runner, 'HAS_REQUESTS', False)
    assert runner.runs_in_this_process(fake_action()) is False


def test_run_phone_info_calls_the_module_only_when_it_cannot_run_here(monkeypatch):
    monkeypatch.setattr(runner, 'phone_info_in_this_process', lambda module_args, on_warning=None: {'phones': [], 'missing': [], 'here': True})
    local = fake_action()
    assert runner.run_phone_info(local, {'appkey': 'a'}, {})['here'] is True
    assert local._execute_module.call_count == 0

    remote = fake_action(transport='ssh')
    remote._execute_module.return_value = {'phones': [], 'missing': []}
    assert runner.run_phone_info(remote, {'appkey': 'a'}, {'x': 1}, wrap_async=True) == {'phones': [], 'missing': []}
    remote._execute_module.assert_called_once_with(module_name='nxcloud.whatsapp.phone_info', module_args={'appkey': 'a'},
                                                   task_vars={'x': 1}, wrap_async=True)


def test_the_answer_keys_the_phones_by_number_and_names_the_api_asked(both_paths):
    as_module, in_process, _sessions = both_paths(
        args(api_url='https://gw:apipass-42@nx.test'),
        ok_answer({'8613800138000': [PHONE], '14155550123': [dict(PHONE, quality_rating='RED')]}))
    assert_same_answer(as_module, in_process)
    assert sorted(in_process['phones_by_number']) == ['14155550123', '8613800138000']
    assert in_process['phones_by_number']['14155550123']['quality_rating'] == 'RED'
    assert [in_process['phones_by_number'][phone['number']] for phone in in_process['phones']] == in_process['phones']
    assert in_process['api_url'] == 'https://***@nx.test'


def test_a_failed_call_still_names_the_api_asked(both_paths):
    as_module, in_process, _sessions = both_paths(args(), ok_answer(None, code=1004, message='timestamp expired'))
    assert in_process['failed'] and as_module['failed']
    assert in_process['api_url'] == as_module['api_url'] == 'https://nx.test'


def test_missing_credentials_say_where_they_come_from_on_both_paths(both_paths):
    as_module, in_process, _sessions = both_paths({'appkey': 'appkey-prod'})
    assert as_module['failed'] and in_process['failed']
    # Each path's message, as run_phone_info completes it for the task.
    for result in (as_module, in_process):
        message = runner.explain_missing_options(result['msg'])
        assert 'NXCLOUD_ACCESS_KEY, NXCLOUD_ACCESS_SECRET' in message and 'group/nxcloud.whatsapp.nxcloud' in message


def test_run_phone_info_completes_the_message_of_missing_credentials(monkeypatch):
    monkeypatch.setattr(runner, 'runs_in_this_process', lambda action: True)
    monkeypatch.setattr(runner, 'phone_info_in_this_process',
                        lambda module_args, on_warning=None: {"failed": True, "msg": "missing required arguments: access_secret"})
    result = runner.run_phone_info(MagicMock(), {'appkey': 'a'}, {})
    assert 'environment variable NXCLOUD_ACCESS_SECRET' in result['msg']


def test_in_this_process_each_retry_is_shown_before_its_wait(scripted_session, monkeypatch):
    events = []
    session = scripted_session(FakeResponse(503, b'busy', reason='Service Unavailable'), ok_answer({'8613800138000': [{'status': 'CONNECTED'}]}))
    monkeypatch.setattr(_transport, 'watched_session', lambda watch: session)
    monkeypatch.setattr(_transport.time, 'sleep', lambda seconds: events.append(('sleep', seconds)))
    result = runner.phone_info_in_this_process(args(), on_warning=lambda text: events.append(('shown', text)))
    assert [kind for kind, value in events] == ['shown', 'sleep']
    assert 'attempt 1 of 3 failed (HTTP 503)' in events[0][1]
    # still among the result's warnings, where a registered result keeps it
    assert result['warnings'] == [events[0][1]]
