# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import REMEDY_UNREACHABLE, NxCloudHTTPError, NxCloudTransportError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import (
    RETRY_AFTER_MAX_SECONDS,
    Transport,
    backoff_seconds,
    body_excerpt,
    credential_forms,
    describe_exception,
    parse_retry_after,
    redact_url,
)
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse

URL = 'https://api.example.test/api/wa/getPhone'
NOW = 1790000000.0


def make_transport(session, retries=3, clock=lambda: NOW, **kwargs):
    sleeps, warnings = [], []
    transport = Transport(session=session, retries=retries, warn=warnings.append, sleep=sleeps.append,
                          clock=clock, rand=lambda: 0.5, **kwargs)
    return transport, sleeps, warnings


def counting_builder():
    built = []

    def build():
        built.append(len(built) + 1)
        return {'n': str(len(built))}, b'{}'

    return build, built


def test_first_answer_is_returned_without_retry(scripted_session):
    session = scripted_session(FakeResponse(200, b'{"code":0}'))
    transport, sleeps, warnings = make_transport(session)
    answer = transport.post_with_retries(URL, counting_builder()[0], 'NxCloud getPhone')
    assert answer.body == b'{"code":0}'
    assert sleeps == [] and warnings == []


def test_request_options_reach_requests(scripted_session):
    session = scripted_session(FakeResponse(200, b'{}'))
    transport, dummy, dummy2 = make_transport(session, timeout=7, ca_path='/ca.pem', proxy_url='http://proxy:3128', user_agent='ua/1')
    transport.post_with_retries(URL, lambda: ({'a': 'b'}, b'body'), 'call')
    sent = session.requests[0]
    assert sent['url'] == URL
    assert sent['data'] == b'body'
    assert sent['headers'] == {'a': 'b', 'User-Agent': 'ua/1'}
    assert sent['timeout'] == 7
    assert sent['verify'] == '/ca.pem'
    assert sent['proxies'] == {'http': 'http://proxy:3128', 'https': 'http://proxy:3128'}
    assert sent['allow_redirects'] is False


@pytest.mark.parametrize('validate_certs, ca_path, expected', [(True, None, True), (False, '/ca.pem', False), (True, '/ca.pem', '/ca.pem')])
def test_certificate_verification_setting(scripted_session, validate_certs, ca_path, expected):
    session = scripted_session(FakeResponse(200, b'{}'))
    transport, dummy, dummy2 = make_transport(session, validate_certs=validate_certs, ca_path=ca_path)
    transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert session.requests[0]['verify'] == expected
    assert session.requests[0]['proxies'] is None


@pytest.mark.parametrize('status', [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried_with_a_fresh_request_and_a_warning(scripted_session, status):
    session = scripted_session(FakeResponse(status, b'busy', reason='Busy'), FakeResponse(200, b'{}'))
    transport, sleeps, warnings = make_transport(session)
    build, built = counting_builder()
    transport.post_with_retries(URL, build, 'NxCloud getPhone')
    assert built == [1, 2]
    assert [r['headers']['n'] for r in session.requests] == ['1', '2']
    assert sleeps == [0.75]
    assert warnings == ['NxCloud getPhone attempt 1 of 4 failed (HTTP %d); retrying in 0.8 s' % status]


@pytest.mark.parametrize('status', [400, 401, 403, 404, 501])
def test_other_statuses_fail_at_once_with_status_and_excerpt(scripted_session, status):
    session = scripted_session(FakeResponse(status, b'<html>\n  nope  </html>', reason='No'))
    transport, sleeps, dummy = make_transport(session)
    with pytest.raises(NxCloudHTTPError) as info:
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert info.value.status == status
    assert 'HTTP %d No from %s: <html> nope </html>' % (status, URL) in str(info.value)
    assert sleeps == []


def test_retries_exhausted_on_http_error_says_how_many_attempts(scripted_session):
    session = scripted_session(*[FakeResponse(503, b'down', reason='Service Unavailable')] * 3)
    transport, sleeps, warnings = make_transport(session, retries=2)
    with pytest.raises(NxCloudHTTPError) as info:
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert '(gave up after 3 attempts). To fix: the service is overloaded or unavailable' in str(info.value)
    assert len(sleeps) == 2 and len(warnings) == 2


@pytest.mark.parametrize('exception, words', [
    (requests.exceptions.ConnectionError('refused'), 'connection error: refused'),
    (requests.exceptions.ReadTimeout('slow'), 'no answer within the timeout of 30 s'),
    (requests.exceptions.ConnectTimeout('slow'), 'no answer within the timeout of 30 s'),
    (requests.exceptions.ProxyError('proxy down'), 'proxy error: proxy down; check proxy_url or HTTPS_PROXY / NO_PROXY'),
    (requests.exceptions.ChunkedEncodingError('cut'), 'connection error: cut'),
])
def test_connection_faults_are_retried_then_reported(scripted_session, exception, words):
    session = scripted_session(exception, exception)
    transport, sleeps, warnings = make_transport(session, retries=1)
    with pytest.raises(NxCloudTransportError) as info:
        transport.post_with_retries(URL, lambda: ({}, b''), 'NxCloud getPhone')
    assert str(info.value) == 'NxCloud getPhone to %s failed after 2 attempts: %s. To fix: %s.' % (URL, words, REMEDY_UNREACHABLE)
    assert info.value.transient
    assert len(warnings) == 1 and words in warnings[0]


def test_retries_zero_makes_one_attempt(scripted_session):
    session = scripted_session(requests.exceptions.ConnectionError('refused'))
    transport, sleeps, warnings = make_transport(session, retries=0)
    with pytest.raises(NxCloudTransportError, match='after 1 attempt: '):
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert sleeps == [] and warnings == []


def test_tls_failure_is_not_retried_and_names_ca_path(scripted_session):
    session = scripted_session(requests.exceptions.SSLError('certificate verify failed'))
    transport, sleeps, dummy = make_transport(session)
    with pytest.raises(NxCloudTransportError) as info:
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert 'certificate verify failed' in str(info.value)
    assert 'ca_path' in str(info.value)
    assert not info.value.transient
    assert sleeps == []


def test_unusable_url_is_not_retried(scripted_session):
    session = scripted_session(requests.exceptions.InvalidURL('bad host'))
    transport, sleeps, dummy = make_transport(session)
    with pytest.raises(NxCloudTransportError, match='could not be made: bad host.*check api_url'):
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')


def test_retry_after_seconds_is_honoured(scripted_session):
    session = scripted_session(FakeResponse(429, b'', headers={'Retry-After': '7'}), FakeResponse(200, b'{}'))
    transport, sleeps, dummy = make_transport(session)
    transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured(scripted_session):
    session = scripted_session(FakeResponse(503, b'', headers={'Retry-After': 'Mon, 14 Sep 2026 14:13:32 GMT'}), FakeResponse(200, b'{}'))
    transport, sleeps, dummy = make_transport(session, clock=lambda: 1789395200.0)  # 12 s before that date
    transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert sleeps == [12.0]


def test_long_retry_after_is_capped_with_a_warning(scripted_session):
    session = scripted_session(FakeResponse(429, b'', headers={'Retry-After': '3600'}), FakeResponse(200, b'{}'))
    transport, sleeps, warnings = make_transport(session)
    transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert sleeps == [RETRY_AFTER_MAX_SECONDS]
    assert 'asked to wait 3600 s' in warnings[0]


@pytest.mark.parametrize('value, expected', [
    (None, None), ('0', 0.0), (' 12 ', 12.0), ('soon', None), ('-3', None), (u'\u00b2', None), (u'\u0663', None),
    ('Mon, 14 Sep 2026 14:13:32 GMT', 12.0), ('Mon, 14 Sep 2026 14:13:00 GMT', 0.0),
])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, 1789395200.0) == expected


def test_backoff_grows_exponentially_within_its_jitter_and_cap():
    assert [backoff_seconds(n, lambda: 0.0) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert [backoff_seconds(n, lambda: 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff_seconds(20, lambda: 1.0) == 30.0


def test_url_credentials_are_redacted():
    assert redact_url('https://user:pw@host/x') == 'https://***@host/x'
    assert redact_url('https://user:p@ss@host/x?a@b') == 'https://***@host/x?a@b'
    assert redact_url('https://host/x') == 'https://host/x'


@pytest.mark.parametrize('url, shown', [
    ('http://user:pa/ss@127.0.0.1:9', 'http://***@127.0.0.1:9'),
    ('https://user:pa?ss@host', 'https://***@host'),
    ('https://user:pa#ss@host/x', 'https://***@host/x'),
    ('user:pa/ss@proxy:3128', '***@proxy:3128'),
])
def test_a_password_with_an_unescaped_separator_is_hidden_whole(url, shown):
    assert redact_url(url) == shown
    assert any('ss' in form for form in credential_forms(url))


def test_exception_texts_do_not_show_url_passwords():
    error = requests.exceptions.InvalidURL('Failed to parse: http://user:topsecret@127.0.0.1:99999/api')
    assert 'topsecret' not in describe_exception(error)
    assert 'http://***@127.0.0.1:99999/api' in describe_exception(error)


def test_proxy_refusing_authentication_is_not_retried(scripted_session):
    refused = OSError('Tunnel connection failed: 407 Proxy Authentication Required')
    session = scripted_session(requests.exceptions.ProxyError('Unable to connect to proxy', refused))
    transport, sleeps, dummy = make_transport(session)
    with pytest.raises(NxCloudTransportError, match='the proxy refused the request.*407.*proxy_url'):
        transport.post_with_retries(URL, lambda: ({}, b''), 'call')
    assert sleeps == []


def test_a_gateway_echoing_the_signature_does_not_show_it(scripted_session):
    session = scripted_session(FakeResponse(400, b'bad request, headers were sign=abc123def456', reason='Bad Request'))
    transport, dummy, dummy2 = make_transport(session)
    with pytest.raises(NxCloudHTTPError) as info:
        transport.post_with_retries(URL, lambda: ({'sign': 'abc123def456'}, b''), 'call')
    assert 'abc123def456' not in str(info.value)
    assert 'sign=********' in str(info.value)


def test_retry_after_date_without_zone_is_utc_whatever_the_local_zone(monkeypatch):
    import time as time_module
    if not hasattr(time_module, 'tzset'):
        pytest.skip('no tzset on this platform')
    monkeypatch.setenv('TZ', 'Asia/Shanghai')
    time_module.tzset()
    try:
        assert parse_retry_after('Mon, 14 Sep 2026 14:13:32 -0000', 1789395200.0) == 12.0
    finally:
        monkeypatch.undo()
        time_module.tzset()


def test_body_excerpt_is_short_and_single_line():
    assert body_excerpt(b'a\n  b') == 'a b'
    assert body_excerpt(b'x' * 500).endswith('...')
    assert len(body_excerpt(b'x' * 500)) == 203
    assert body_excerpt(b'\xff\xfe') == u'\ufffd\ufffd'


def test_urllib3_wrapping_is_peeled_to_the_root_cause():
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    class Connection(object):
        def __str__(self):
            return "HTTPConnection(host='127.0.0.1', port=9)"

    refused = NewConnectionError(Connection(), 'Failed to establish a new connection: [Errno 111] Connection refused')
    wrapped = requests.exceptions.ConnectionError(MaxRetryError(None, '/api/wa/getPhone', reason=refused))
    assert describe_exception(wrapped) == 'Failed to establish a new connection: [Errno 111] Connection refused'
    assert describe_exception(requests.exceptions.ProxyError('Unable to connect to proxy', refused)).startswith('Failed to establish')
    assert describe_exception(requests.exceptions.ConnectionError('reset')) == 'reset'
