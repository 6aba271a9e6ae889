# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The transport against a hostile loopback server: answers dripped a byte at a time, compression bombs, huge bodies, echoes.

Each server is a raw socket in a thread, so that it can misbehave below what an HTTP library allows.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import gzip
import socket
import threading
import time

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._client import NxCloudClient
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudAPIError, NxCloudHTTPError, NxCloudResponseError, NxCloudTransportError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import (
    RETRY_AFTER_MAX_SECONDS,
    RETRY_WAIT_TOTAL_MAX_SECONDS,
    Transport,
)
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse

OK_BODY = b'{"code":0,"message":"ok","data":{}}'


class RawServer(object):
    """Accepts connections on loopback and hands each to ``behave(connection, request_bytes)``."""

    def __init__(self, behave):
        self.behave = behave
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        self.stopping = threading.Event()
        self.requests = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return 'http://127.0.0.1:%d/api/wa/getPhone' % self.listener.getsockname()[1]

    def _serve(self):
        self.listener.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                connection, dummy = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection):
        try:
            data = b''
            connection.settimeout(5)
            while b'\r\n\r\n' not in data:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                data += chunk
            head, dummy, rest = data.partition(b'\r\n\r\n')
            length = 0
            for line in head.split(b'\r\n'):
                if line.lower().startswith(b'content-length:'):
                    length = int(line.split(b':', 1)[1])
            while len(rest) < length:
                rest += connection.recv(4096)
            self.requests.append(head.decode('latin-1'))
            self.behave(connection, head, self.stopping)
        except OSError:
            pass
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.listener.close()


@pytest.fixture
def raw_server():
    servers = []

    def start(behave):
        server = RawServer(behave)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def drip(payload, interval=0.2):
    def behave(connection, head, stopping):
        for index in range(len(payload)):
            if stopping.is_set():
                return
            connection.sendall(payload[index:index + 1])
            time.sleep(interval)
    return behave


def answer(status_line, headers, body):
    def behave(connection, head, stopping):
        lines = [status_line] + ['%s: %s' % item for item in headers] + ['Content-Length: %d' % len(body), 'Connection: close', '', '']
        connection.sendall('\r\n'.join(lines).encode('latin-1') + body)
    return behave


def full_answer(body=OK_BODY):
    return b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body) + body


def post(transport, url):
    return transport.post_with_retries(url, lambda: ({'sign': 'SIGNATURE-SENT'}, b'{}'), 'NxCloud getPhone')


@pytest.mark.parametrize('phase, payload', [
    ('status line', full_answer()),
    ('headers', full_answer()[:5] and full_answer()),
    ('body', full_answer(b'{"code":0,"data":{}' + b' ' * 200 + b'}')),
])
def test_timeout_bounds_the_whole_attempt_whatever_phase_is_dripped(raw_server, phase, payload):
    # One byte every 0.2 s: each socket read is quick, so only a bound on the whole attempt stops it.
    if phase == 'body':
        head, dummy, body = payload.partition(b'\r\n\r\n')

        def behave(connection, request_head, stopping):
            connection.sendall(head + b'\r\n\r\n')
            drip(body)(connection, request_head, stopping)
    elif phase == 'headers':
        def behave(connection, request_head, stopping):
            connection.sendall(payload[:17])
            drip(payload[17:])(connection, request_head, stopping)
    else:
        behave = drip(payload)
    server = raw_server(behave)
    transport = Transport(timeout=1, retries=1, sleep=lambda seconds: None)
    started = time.monotonic()
    with pytest.raises(NxCloudTransportError) as info:
        post(transport, server.url)
    elapsed = time.monotonic() - started
    assert 'no answer within the timeout of 1 s' in str(info.value)
    assert 'after 2 attempts' in str(info.value)
    # Two attempts of 1 s each; the margin is for a loaded machine, far below a dripped answer's ~40 s.
    assert elapsed < 2 * 1 + 5


def test_an_answer_within_the_timeout_is_read(raw_server):
    server = raw_server(answer('HTTP/1.1 200 OK', [('Content-Type', 'application/json')], OK_BODY))
    assert post(Transport(timeout=5, retries=0), server.url).body == OK_BODY


def test_a_compression_bomb_stops_at_the_size_cap_with_a_clear_message(raw_server):
    bomb = gzip.compress(b'\0' * (64 * 1024 * 1024), 9)  # 64 MiB inflated from some 64 KiB
    server = raw_server(answer('HTTP/1.1 200 OK', [('Content-Encoding', 'gzip'), ('Content-Type', 'application/json')], bomb))
    transport = Transport(timeout=30, retries=0, max_response_bytes=1024 * 1024)
    with pytest.raises(NxCloudResponseError) as info:
        post(transport, server.url)
    assert 'larger than max_response_mb (1 MiB once decompressed)' in str(info.value)
    assert 'raise max_response_mb (or NXCLOUD_MAX_RESPONSE_MB)' in str(info.value)


def test_a_plain_body_over_the_cap_is_refused_and_not_retried(raw_server):
    server = raw_server(answer('HTTP/1.1 200 OK', [('Content-Type', 'application/json')], b' ' * (3 * 1024 * 1024)))
    transport = Transport(timeout=30, retries=2, max_response_bytes=1024 * 1024)
    with pytest.raises(NxCloudResponseError):
        post(transport, server.url)
    assert len(server.requests) == 1


def test_a_body_under_the_cap_is_read_whole(raw_server):
    body = gzip.compress(b'{"code":0,"data":{}}' + b' ' * (512 * 1024))
    server = raw_server(answer('HTTP/1.1 200 OK', [('Content-Encoding', 'gzip')], body))
    assert len(post(Transport(timeout=30, retries=0, max_response_bytes=1024 * 1024), server.url).body) == 20 + 512 * 1024


def test_an_echoed_basic_auth_header_is_masked_in_the_error(raw_server):
    def echo(connection, head, stopping):
        body = head  # every request header, Authorization included
        connection.sendall(b'HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' % len(body) + body)
    server = raw_server(echo)
    url = server.url.replace('http://', 'http://gwuser:gw%3Apass@')
    with pytest.raises(NxCloudHTTPError) as info:
        post(Transport(timeout=5, retries=0), url)
    encoded = base64.b64encode(b'gwuser:gw:pass').decode('ascii')
    assert 'Authorization' in server.requests[0] and encoded in server.requests[0]
    message = str(info.value)
    assert encoded not in message and 'gw:pass' not in message and 'SIGNATURE-SENT' not in message


def test_terminal_escapes_of_an_error_body_are_shown_escaped(raw_server):
    server = raw_server(answer('HTTP/1.1 400 Bad Request', [], b'bad \x1b[31mred\x1b[0m \x00 \xe2\x80\xae end'))
    with pytest.raises(NxCloudHTTPError) as info:
        post(Transport(timeout=5, retries=0), server.url)
    message = str(info.value)
    assert '\x1b' not in message and '\x00' not in message and u'\u202e' not in message
    assert '\\x1b[31mred' in message and '\\x00' in message and '\\u202e' in message


class ScriptedTransportSession(object):
    def __init__(self, responses):
        self.responses = list(responses)

    def post(self, url, **kwargs):
        return self.responses.pop(0)


def test_retry_after_waits_are_capped_each_and_in_total_with_a_warning_before_each():
    busy = FakeResponse(429, b'busy', headers={'Retry-After': '99999'}, reason='Too Many Requests')
    events = []
    transport = Transport(retries=10, session=ScriptedTransportSession([busy] * 11), warn=lambda text: events.append(('warn', text)),
                          sleep=lambda seconds: events.append(('sleep', seconds)))
    with pytest.raises(NxCloudHTTPError) as info:
        post(transport, 'https://api.example.test/api/wa/getPhone')
    sleeps = [value for kind, value in events if kind == 'sleep']
    assert sum(sleeps) <= RETRY_WAIT_TOTAL_MAX_SECONDS and max(sleeps) <= RETRY_AFTER_MAX_SECONDS
    # every wait is announced before it starts
    assert [kind for kind, value in events] == ['warn', 'sleep'] * len(sleeps)
    assert 'asked to wait 99999 s (Retry-After)' in events[0][1]
    assert 'the waits between attempts reached their limit of 60 s' in str(info.value)


def test_a_signature_echoed_in_a_result_code_message_is_masked():
    class EchoingTransport(object):
        def post_with_retries(self, url, build_request, what):
            headers, body = build_request()
            message = 'sign %s is invalid, expected something else' % headers['sign']
            response = FakeResponse(200, {'code': 1003, 'message': message, 'data': None})
            response.body = response.content
            return response

        def secrets_of(self, url):
            return []

    client = NxCloudClient(EchoingTransport(), 'ak', 'secret')
    with pytest.raises(NxCloudAPIError) as info:
        client.get_phones('app')
    assert 'sign ******** is invalid' in str(info.value)
    assert info.value.service_message == 'sign ******** is invalid, expected something else'


def test_credentials_of_a_proxy_from_the_environment_are_masked_too(monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://envuser:envpass@proxy.example:3128')
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    forms = Transport().secrets_of('https://api.example.test/api/wa/getPhone')
    assert 'envpass' in forms and base64.b64encode(b'envuser:envpass').decode('ascii') in forms
