# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._client import NxCloudClient, decode_answer, serialise_body
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudAPIError, NxCloudResponseError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import phones_from_data
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import Transport
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse, ok_answer

ACCESS_KEY = 'AK-TEST'
SECRET = 'SK-unit-secret'
PHONE = {'display_phone_number': '+86 138 0013 8000', 'quality_rating': 'GREEN', 'name_status': 'APPROVED',
         'verified_name': u'牛小信', 'code_verification_status': 'VERIFIED', 'current_limit': '', 'status': 'CONNECTED'}


class SteppingClock(object):
    """A clock that moves on by ``step`` seconds each time it is read."""

    def __init__(self, start=1790000000.0, step=0.0):
        self.now = start
        self.step = step

    def __call__(self):
        now = self.now
        self.now += self.step
        return now


def make_client(session, algorithm='md5', clock=None, retries=3):
    sleeps, warnings = [], []
    transport = Transport(session=session, retries=retries, warn=warnings.append, sleep=sleeps.append,
                          clock=lambda: 0.0, rand=lambda: 0.0, user_agent='nxcloud.whatsapp/0.1.0')
    client = NxCloudClient(transport, ACCESS_KEY, SECRET, api_url='https://nx.test/', sign_algorithm=algorithm,
                           clock=clock or SteppingClock())
    return client, sleeps, warnings


def expected_sign(ts, body, algorithm='md5'):
    text = b'accessKey=AK-TEST&action=getPhone&bizType=2&ts=' + ts.encode() + b'&body=' + body + b'&accessSecret=' + SECRET.encode()
    return hashlib.new(algorithm, text).hexdigest()


def test_exact_request_bytes_and_headers(scripted_session):
    session = scripted_session(ok_answer({'8613800138000': [PHONE]}))
    client, dummy, dummy2 = make_client(session)
    client.get_phones('appkey-prod', ['8613800138000', '14155550123'])
    sent = session.requests[0]
    body = b'{"appkey":"appkey-prod","messaging_product":"whatsapp","business_phones":"8613800138000,14155550123"}'
    assert sent['url'] == 'https://nx.test/api/wa/getPhone'
    assert sent['data'] == body
    assert sent['headers'] == {
        'Content-Type': 'application/json',
        'accessKey': ACCESS_KEY,
        'ts': '1790000000000',
        'bizType': '2',
        'action': 'getPhone',
        'sign': expected_sign('1790000000000', body),
        'User-Agent': 'nxcloud.whatsapp/0.1.0',
    }


def test_all_numbers_leaves_business_phones_out(scripted_session):
    session = scripted_session(ok_answer({}))
    client, dummy, dummy2 = make_client(session)
    assert client.get_phones('appkey-dev') == ([], [], [])
    assert session.requests[0]['data'] == b'{"appkey":"appkey-dev","messaging_product":"whatsapp"}'


def test_sha256_signs_with_sha256_and_sends_the_algorithm_header(scripted_session):
    session = scripted_session(ok_answer({}))
    client, dummy, dummy2 = make_client(session, algorithm='sha256')
    client.get_phones('k')
    headers = session.requests[0]['headers']
    assert headers['algorithm'] == 'sha256'
    assert headers['sign'] == expected_sign(headers['ts'], session.requests[0]['data'], 'sha256')


def test_body_is_serialised_once_compact_and_unescaped():
    assert serialise_body({'name': u'牛小信', 'id': 10001}) == u'{"name":"牛小信","id":10001}'.encode('utf-8')


def test_every_attempt_is_signed_with_a_fresh_timestamp(scripted_session):
    session = scripted_session(FakeResponse(503, b''), FakeResponse(429, b''), ok_answer({}))
    client, sleeps, warnings = make_client(session, clock=SteppingClock(step=90.0))
    client.get_phones('k')
    stamps = [r['headers']['ts'] for r in session.requests]
    assert stamps == ['1790000000000', '1790000090000', '1790000180000']
    for sent in session.requests:
        assert sent['headers']['sign'] == expected_sign(sent['headers']['ts'], sent['data'])
    assert len(set(r['headers']['sign'] for r in session.requests)) == 3
    assert len(warnings) == 2


@pytest.mark.parametrize('code', [-1, 1000, 1001, 1002, 1003, 1004, 1005, 9000, 9001, 9002, 9006, 4242])
def test_result_codes_are_answers_and_never_retried(scripted_session, code):
    session = scripted_session(ok_answer(None, code=code, message='nope'))
    client, sleeps, warnings = make_client(session)
    with pytest.raises(NxCloudAPIError) as info:
        client.get_phones('k')
    assert info.value.code == code
    assert sleeps == [] and warnings == []


def test_both_shapes_give_the_same_phones_and_missing(scripted_session):
    session = scripted_session(ok_answer({'8613800138000': [PHONE]}), ok_answer({'business_phones': [PHONE]}))
    client, dummy, dummy2 = make_client(session)
    keyed = client.get_phones('k', ['8613800138000', '14155550123'])
    array = client.get_phones('k', ['8613800138000', '14155550123'])
    assert keyed == array
    assert keyed[0] == [dict(PHONE, number='8613800138000')]
    assert keyed[1] == ['14155550123']


@pytest.mark.parametrize('raw, words', [
    (b'<html>Bad gateway</html>', 'not JSON: <html>Bad gateway</html>'),
    (b'{"code": 0, "data": {"86', 'not JSON'),
    (b'', 'not JSON: (empty body)'),
    (b'\xff\xfe', 'not JSON'),
    (b'[1, 2]', 'not the documented'),
    (b'{"message": "hi"}', 'not the documented'),
    (b'{"code": "zero"}', "result code 'zero' that is not an integer"),
    (b'{"code": true}', 'result code True that is not an integer'),
    (b'{"code": "--1"}', "result code '--1' that is not an integer"),
    (u'{"code": "\u00b2"}'.encode('utf-8'), 'that is not an integer'),
    (b'[' * 100000, 'nested too deeply'),
    (b'[' * 100000 + b']' * 100000, 'nested too deeply'),
])
def test_malformed_answers_raise_response_errors(raw, words):
    with pytest.raises(NxCloudResponseError) as info:
        phones_from_data(decode_answer(raw, 'getPhone'))
    assert words in str(info.value)


def test_signatures_sent_are_hidden_from_body_excerpts(scripted_session):
    session = scripted_session(FakeResponse(200, b'<html>'))
    client, dummy, dummy2 = make_client(session, retries=0)
    with pytest.raises(NxCloudResponseError) as info:
        client.get_phones('k')
    sign = session.requests[0]['headers']['sign']
    assert sign not in str(info.value)
    with pytest.raises(NxCloudResponseError) as echoed:
        decode_answer(('<html>%s</html>' % sign).encode(), 'getPhone', hide=[sign])
    assert sign not in str(echoed.value)


def test_result_code_as_a_digit_string_is_read_as_the_number():
    with pytest.raises(NxCloudAPIError) as info:
        decode_answer(json.dumps({'code': '9006', 'message': 'not bound', 'data': None}).encode(), 'getPhone')
    assert info.value.code == 9006


def test_9006_without_a_number_asked_points_at_the_appkey_first(scripted_session):
    client, _sleeps, _warnings = make_client(scripted_session(ok_answer(None, code=9006, message='not bound')))
    with pytest.raises(NxCloudAPIError) as info:
        client.get_phones('appkey-of-another-environment')
    assert 'To fix: check appkey first' in info.value.message


def test_9006_for_numbers_asked_advises_binding_them_first(scripted_session):
    client, _sleeps, _warnings = make_client(scripted_session(ok_answer(None, code=9006, message='not bound')))
    with pytest.raises(NxCloudAPIError) as info:
        client.get_phones('k', ['8613800138000'])
    assert 'To fix: bind the number to the app' in info.value.message


@pytest.mark.parametrize('raw, words', [
    (b'{"code":0,"data":{"1":[{"verified_name":"a \\ud800 b"}]}}',
     "not valid Unicode (an unpaired UTF-16 surrogate such as \\ud800) at answer['data']['1'][0]['verified_name']"),
    (b'{"code":0,"data":{"\\udc00":[]}}', 'not valid Unicode'),
    (b'{"code":1003,"message":"\\ud800"}', 'not valid Unicode'),
])
def test_lone_surrogates_are_refused_saying_where(raw, words):
    with pytest.raises(NxCloudResponseError) as info:
        decode_answer(raw, 'getPhone')
    assert words in str(info.value)


def test_a_surrogate_pair_is_one_character_and_passes():
    data = decode_answer(b'{"code":0,"data":{"1":[{"verified_name":"\\ud83d\\ude00"}]}}', 'getPhone')
    assert data['1'][0]['verified_name'] == u'\U0001F600'


def test_an_echoed_access_secret_is_masked_in_the_service_message(scripted_session):
    client, _sleeps, _warnings = make_client(scripted_session(ok_answer(None, code=1003, message='expected secret %s here' % SECRET)))
    with pytest.raises(NxCloudAPIError) as info:
        client.get_phones('appkey-prod')
    assert SECRET not in info.value.message and 'expected secret ******** here' in info.value.message
    assert SECRET not in (info.value.service_message or '')
