# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import requests

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _phone_info, _transport
from ansible_collections.nxcloud.whatsapp.plugins.modules import phone_info
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse, ok_answer

SECRET = 'SK-module-unit-secret-4711'
PHONE = {'display_phone_number': '+86 138 0013 8000', 'quality_rating': 'GREEN', 'name_status': 'APPROVED',
         'verified_name': 'Shop', 'code_verification_status': 'VERIFIED', 'current_limit': '', 'status': 'CONNECTED'}


@pytest.fixture
def service(scripted_session, monkeypatch):
    """Script the service's answers for the module; returns the session and the recorded sleeps."""
    sleeps = []
    monkeypatch.setattr(_transport.time, 'sleep', sleeps.append)
    for name in ('NXCLOUD_ACCESS_KEY', 'NXCLOUD_ACCESS_SECRET', 'NXCLOUD_APPKEY', 'NXCLOUD_API_URL'):
        monkeypatch.delenv(name, raising=False)
    holder = {}

    def script(*answers):
        holder['session'] = scripted_session(*answers)
        monkeypatch.setattr(_transport, 'watched_session', lambda watch: holder['session'])
        return holder['session']

    script.sleeps = sleeps
    return script


def args(**changes):
    result = dict(access_key='AK-1', access_secret=SECRET, appkey='appkey-prod', api_url='https://nx.test')
    result.update(changes)
    return result


def assert_no_secret(result, session=None):
    assert SECRET not in result['_raw_output']
    if session is not None:
        for sent in session.requests:
            assert sent['headers']['sign'] not in result['_raw_output']


def test_returns_phones_and_missing_unchanged(service, run_module):
    session = service(ok_answer({'8613800138000': [dict(PHONE, quality_rating='UNKNOW', brand_new='x')]}))
    result = run_module(phone_info, args(business_phones=['+86 138-0013-8000', 14155550123]))
    assert result['_exit_code'] == 0
    assert result['changed'] is False
    assert result['phones'] == [dict(PHONE, number='8613800138000', quality_rating='UNKNOW', brand_new='x')]
    assert result['missing'] == ['14155550123']
    assert 'ansible_facts' not in result
    assert json.loads(session.requests[0]['data'])['business_phones'] == '8613800138000,14155550123'
    assert_no_secret(result, session)


def test_check_mode_makes_the_same_request_and_returns_the_same(service, run_module):
    session = service(ok_answer({'8613800138000': [PHONE]}), ok_answer({'8613800138000': [PHONE]}))
    normal = run_module(phone_info, args())
    checked = run_module(phone_info, args(_ansible_check_mode=True))
    assert checked['phones'] == normal['phones']
    assert checked['changed'] is False
    assert len(session.requests) == 2


def test_credentials_from_the_environment(service, run_module, monkeypatch):
    monkeypatch.setenv('NXCLOUD_ACCESS_KEY', 'AK-env')
    monkeypatch.setenv('NXCLOUD_ACCESS_SECRET', SECRET)
    monkeypatch.setenv('NXCLOUD_APPKEY', 'appkey-env')
    monkeypatch.setenv('NXCLOUD_API_URL', 'https://env.test')
    session = service(ok_answer({}))
    result = run_module(phone_info, {})
    assert result['phones'] == []
    assert session.requests[0]['headers']['accessKey'] == 'AK-env'
    assert session.requests[0]['url'] == 'https://env.test/api/wa/getPhone'
    assert json.loads(session.requests[0]['data'])['appkey'] == 'appkey-env'


def test_missing_credentials_fail_before_any_request(service, run_module):
    service()
    result = run_module(phone_info, {'appkey': 'x'})
    assert result['failed'] is True
    assert 'access_key' in result['msg'] and 'access_secret' in result['msg']


@pytest.mark.parametrize('changes, words', [
    (dict(business_phones=['86138abc']), "business_phones entry '86138abc' has characters"),
    (dict(business_phones=['n/a']), "'n/a' holds no digits"),
    (dict(api_url='not a url'), 'is not an http(s) URL'),
    (dict(timeout=-5), 'timeout must be a number of seconds from 1 to 600'),
    (dict(sign_algorithm='sha1'), 'sign_algorithm'),
    (dict(retries='many'), 'retries'),
])
def test_bad_options_fail_with_a_message_and_no_request(service, run_module, changes, words):
    service()
    result = run_module(phone_info, args(**changes))
    assert result['failed'] is True
    assert words in result['msg']
    assert 'exception' not in result
    assert_no_secret(result)


def test_result_code_fails_with_remedy_and_fields(service, run_module):
    session = service(ok_answer(None, code=1004, message='timestamp expired'))
    result = run_module(phone_info, args())
    assert result['failed'] is True
    assert 'NTP' in result['msg']
    assert result['result_code'] == 1004
    assert result['service_message'] == 'timestamp expired'
    assert_no_secret(result, session)


def test_retries_warn_and_recover(service, run_module):
    session = service(requests.exceptions.ConnectionError('reset'), FakeResponse(503, b'', headers={'Retry-After': '2'}),
                      ok_answer({'business_phones': [PHONE]}))
    result = run_module(phone_info, args())
    assert result['phones'][0]['number'] == '8613800138000'
    assert len(result['_warnings']) == 2
    assert 'attempt 1 of 3 failed (connection error: reset)' in result['_warnings'][0]
    assert service.sleeps[1] == 2.0
    assert_no_secret(result, session)


def test_http_error_after_retries_reports_status(service, run_module):
    session = service(*[FakeResponse(502, b'<html>bad gateway</html>', reason='Bad Gateway')] * 2)
    result = run_module(phone_info, args(retries=1))
    assert result['failed'] is True
    assert result['http_status'] == 502
    assert 'HTTP 502 Bad Gateway' in result['msg'] and 'gave up after 2 attempts' in result['msg']
    assert_no_secret(result, session)


def test_malformed_answer_fails_with_a_message_not_a_traceback(service, run_module):
    session = service(ok_answer({'8613800138000': 'CONNECTED'}))
    result = run_module(phone_info, args())
    assert result['failed'] is True
    assert "has a string at data['8613800138000']" in result['msg']
    assert 'To fix: check that api_url points at the NxCloud API' in result['msg']
    assert 'exception' not in result
    assert_no_secret(result, session)


def test_service_echoing_the_secret_is_still_masked(service, run_module):
    session = service(FakeResponse(400, ('bad request, secret was %s' % SECRET).encode(), reason='Bad Request'))
    result = run_module(phone_info, args())
    assert result['failed'] is True
    assert_no_secret(result, session)


def test_parse_notes_become_warnings(service, run_module):
    service(ok_answer({'8613800138000': [PHONE, PHONE]}))
    result = run_module(phone_info, args())
    assert result['_warnings'] == ['the service sent 2 phone objects for number 8613800138000; the first is used']


def test_missing_requests_library_is_reported(service, run_module, monkeypatch):
    service()
    monkeypatch.setattr(_phone_info, 'HAS_REQUESTS', False)  # the module's body, shared with the action plugins
    result = run_module(phone_info, args())
    assert result['failed'] is True
    assert 'requests' in result['msg']


def test_passwords_in_urls_never_show(service, run_module):
    session = service(requests.exceptions.ConnectionError('refused by http://me:proxypass-77@proxy:3128'))
    result = run_module(phone_info, args(api_url='https://gw:apipass-42@nx.test', proxy_url='http://me:proxypass-77@proxy:3128', retries=0))
    assert result['failed'] is True
    assert 'apipass-42' not in result['_raw_output']
    assert 'proxypass-77' not in result['_raw_output']
    assert session.requests[0]['proxies'] == {'http': 'http://me:proxypass-77@proxy:3128', 'https': 'http://me:proxypass-77@proxy:3128'}
