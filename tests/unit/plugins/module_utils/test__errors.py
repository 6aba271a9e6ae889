# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import (
    REMEDY_MALFORMED_ANSWER,
    REMEDY_UNREACHABLE,
    RESULT_CODES,
    NxCloudAPIError,
    NxCloudHTTPError,
    NxCloudResponseError,
    NxCloudTransportError,
    describe_result_code,
    printable_text,
    service_text,
    http_status_remedy,
    tls_failure_remedy,
)


@pytest.mark.parametrize('code, words', [
    (-1, 'support'),
    (1000, 'access_key and access_secret'),
    (1001, 'bug in nxcloud.whatsapp'),
    (1002, 'check the module parameters'),
    (1003, 'access_secret'),
    (1004, 'NTP'),
    (1005, 'WhatsApp permission'),
    (9000, 'appkey'),
    (9001, 'support'),
    (9002, 'business_phones'),
    (9006, 'bind the number to the app'),
])
def test_each_result_code_tells_the_user_what_to_do(code, words):
    error = NxCloudAPIError(code, 'service text', 'getPhone')
    assert 'result code %s' % code in error.message
    assert words in error.message
    assert "the service said 'service text'" in error.message
    assert error.message.endswith('To fix: %s.' % RESULT_CODES[code][1])
    assert error.result_fields() == {'result_code': code, 'service_message': 'service text'}


def test_every_documented_code_has_a_message():
    assert set(RESULT_CODES) == {-1, 1000, 1001, 1002, 1003, 1004, 1005, 9000, 9001, 9002, 9006}


def test_clock_message_names_the_machine_running_the_module():
    assert 'clock of the machine running the module' in NxCloudAPIError(1004, 'ts expired', 'getPhone').message


def test_undocumented_code_in_the_authentication_range_gets_auth_advice():
    assert describe_result_code(1007) == RESULT_CODES[1000]


def test_unknown_code_is_described_not_crashed_on():
    meaning, remedy = describe_result_code(4242)
    assert 'undocumented' in meaning
    assert 'support' in remedy


def test_context_goes_between_what_happened_and_the_remedy():
    error = NxCloudHTTPError('HTTP 503', url='u', status=503, body_excerpt='')
    error.add_context('gave up after 4 attempts')
    assert str(error) == ('HTTP 503 (gave up after 4 attempts). To fix: the service is overloaded or unavailable: '
                          'try again later, and contact NxCloud support if it persists.')
    assert error.message == str(error)
    assert error.result_fields() == {'http_status': 503}


@pytest.mark.parametrize('status, words', [
    (404, 'check api_url'), (401, 'check the credentials'), (403, 'check the credentials'), (407, 'proxy'),
    (408, 'try again later'), (429, 'try again later'), (500, 'try again later'), (504, 'try again later'), (400, 'check api_url'),
])
def test_every_http_status_comes_with_a_remedy(status, words):
    assert words in http_status_remedy(status)
    assert words in str(NxCloudHTTPError('HTTP %d' % status, url='u', status=status, body_excerpt=''))


def test_transport_and_response_errors_say_what_to_do():
    assert str(NxCloudTransportError('no answer', url='u')).endswith('To fix: %s.' % REMEDY_UNREACHABLE)
    assert str(NxCloudResponseError('not JSON')).endswith('To fix: %s.' % REMEDY_MALFORMED_ANSWER)
    assert str(NxCloudTransportError('bad URL', url='u', remedy='set api_url')) == 'bad URL. To fix: set api_url.'


@pytest.mark.parametrize('reason', [
    '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)',
    '[SSL] record layer failure (_ssl.c:1000)',
])
def test_https_against_a_plain_http_port_says_the_server_may_not_speak_tls_there(reason):
    remedy = tls_failure_remedy(reason)
    assert 'may not speak TLS on that port' in remedy and 'http://' in remedy
    assert 'ca_path' not in remedy


def test_a_certificate_failure_still_gets_the_ca_advice():
    remedy = tls_failure_remedy('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate')
    assert 'ca_path' in remedy and 'may not speak TLS' not in remedy


@pytest.mark.parametrize('text, shown', [
    ('plain text', 'plain text'),
    ('esc \x1b[2J here', 'esc \\x1b[2J here'),
    ('nul \x00 del \x7f', 'nul \\x00 del \\x7f'),
    (u'bidi \u202e override', 'bidi \\u202e override'),
    (u'lone \ud800 surrogate', 'lone \\ud800 surrogate'),
    (u'caf\u00e9 \u4e2d\u6587', u'caf\u00e9 \u4e2d\u6587'),
])
def test_printable_text_escapes_what_would_act_on_a_terminal(text, shown):
    assert printable_text(text) == shown


def test_service_text_masks_before_cutting_and_says_the_full_length():
    secret = 'S' * 40
    text = 'x' * 490 + secret + 'y' * 5000000
    shown = service_text(text, hide=[secret])
    assert 'S' not in shown
    assert shown.endswith('... (5000530 characters in all)')
    assert len(shown) < 600


def test_result_code_message_is_masked_escaped_and_cut():
    error = NxCloudAPIError(1003, 'got sign abc123 \x1b[31m' + 'z' * 10000, 'getPhone', hide=['abc123'])
    assert 'abc123' not in error.message and '\x1b' not in error.message
    assert 'got sign ******** \\x1b[31m' in error.message
    assert len(error.service_message) < 600
