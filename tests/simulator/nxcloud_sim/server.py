# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's HTTP(S) server: one thread per connection, faults, a JSON-lines log.

`Simulator` is what both the command line and the pytest fixtures start: it binds at
construction (port 0 picks a free port), serves from a background thread, and `stop()`
ends every connection it holds, including ones parked by a `hang` fault.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import json
import os
import socket
import sys
import socketserver
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from nxcloud_sim.api import answer_for, evaluate_request, peek_body, RESULT_MESSAGES
from nxcloud_sim.faults import FaultPlan, TRANSPORT_KINDS, echoed_headers, mutate_answer, padded, raw_payload, truncated
from nxcloud_sim.tls import RunCertificates

API_PATH = '/api/wa/getPhone'
MAX_BODY_BYTES = 1024 * 1024
IDLE_CONNECTION_SECONDS = 30
TLS_HANDSHAKE_SECONDS = 10
REDACTED = '[REDACTED]'
DEFAULT_HTML = (b'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n'
                b'<body><h1>502 Bad Gateway</h1><hr><p>simulated gateway page</p></body></html>\n')


def compact_json_bytes(value):
    """Return the JSON the provider sends: compact, UTF-8, non-ASCII left as is."""
    return json.dumps(value, ensure_ascii=False, separators=(',', ':')).encode('utf-8')


def retry_after_value(setting, now=None):
    """Return the Retry-After header text for a rule's `retry_after` setting.

    A number is seconds; "http-date+N" is an HTTP-date N seconds from now; any other
    string is sent verbatim (to test clients against malformed values).
    """
    if isinstance(setting, str) and setting.startswith('http-date+'):
        offset = float(setting[len('http-date+'):])
        return email.utils.formatdate((now if now is not None else time.time()) + offset, usegmt=True)
    if isinstance(setting, float) and setting.is_integer():
        setting = int(setting)
    return str(setting)


class RequestLog:
    """Appends one JSON line per request; scrubs secrets and signatures before writing."""

    def __init__(self, path, secrets):
        self.path = path
        self.secrets = [secret for secret in secrets if secret]
        self._lock = threading.Lock()
        if path:
            open(path, 'a').close()

    def add_secrets(self, secrets):
        """Also scrub `secrets` (those of data read again while running)."""
        with self._lock:
            self.secrets = sorted(set(self.secrets) | set(secret for secret in secrets if secret))

    def write(self, record, received_sign=None):
        """Write `record` as one line, with any secret or the received signature redacted."""
        if not self.path:
            return
        line = json.dumps(record, ensure_ascii=False, sort_keys=True)
        for secret in self.secrets + ([received_sign] if received_sign else []):
            line = line.replace(secret, REDACTED)
        with self._lock:
            with open(self.path, 'a', encoding='utf-8') as log_file:
                log_file.write(line + '\n')


class SimulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that can speak TLS and close every connection on stop."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, simulator, tls_context=None):
        self.simulator = simulator
        self.tls_context = tls_context
        self.open_connections = set()
        self.connections_lock = threading.Lock()
        family = socket.AF_INET6 if ':' in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, GetPhoneHandler)

    def server_bind(self):
        """Bind without HTTPServer's reverse DNS lookup of the host, which can stall offline."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def finish_request(self, request, client_address):
        """Handle one connection in its own thread, after the TLS handshake if any."""
        connection = request
        try:
            if self.tls_context is not None:
                request.settimeout(TLS_HANDSHAKE_SECONDS)
                try:
                    connection = self.tls_context.wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError) as error:
                    self.simulator.log.write({'time': _now_iso(), 'event': 'tls_handshake_failed', 'client': client_address[0], 'error': str(error)})
                    return
                connection.settimeout(None)
            with self.connections_lock:
                self.open_connections.add(connection)
            try:
                self.RequestHandlerClass(connection, client_address, self)
            except (ConnectionError, socket.timeout, ssl.SSLError):
                pass  # the client went away; nothing to answer
            finally:
                with self.connections_lock:
                    self.open_connections.discard(connection)
        finally:
            if connection is not request:
                _close_quietly(connection)

    def close_all_connections(self):
        """Shut down every connection still open, so that no handler thread lingers."""
        with self.connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        """Report unexpected handler errors on one line instead of a traceback per client."""
        import sys
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, socket.timeout, ssl.SSLError)):
            sys.stderr.write('simulator: error while serving %s: %r\n' % (client_address[0], error))


def _close_quietly(connection):
    try:
        connection.close()
    except OSError:
        pass


def _now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='milliseconds')


class GetPhoneHandler(BaseHTTPRequestHandler):
    """Answers POST /api/wa/getPhone like the provider; anything else gets 404/405."""

    protocol_version = 'HTTP/1.1'
    server_version = 'nxcloud-simulator'
    sys_version = ''
    timeout = IDLE_CONNECTION_SECONDS
    pending_log = None  # (record, received sign, start time) of the request being answered

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the default stderr access log; the JSON-lines log replaces it."""

    def _write_pending_log(self):
        """Log the request being answered, before the answer leaves, so the log is never behind a client."""
        pending, self.pending_log = self.pending_log, None
        if pending is not None:
            record, received_sign, started = pending
            record['duration_ms'] = int((time.monotonic() - started) * 1000)
            self.server.simulator.log.write(record, received_sign)

    def _send(self, status, payload, content_type='application/json;charset=UTF-8', extra_headers=None):
        if self.pending_log is not None:
            self.pending_log[0]['http_status'] = status
        self._write_pending_log()
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(payload)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _drop_connection(self):
        """Close the connection without sending a byte of answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_GET(self):  # pylint: disable=invalid-name
        """Only POST is served, as by the provider."""
        self._send(405 if self.path.split('?')[0] == API_PATH else 404, b'', extra_headers={'Allow': 'POST'})

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _read_body(self):
        """Return the body bytes, or None after answering 411/413 for unusable lengths."""
        length_text = self.headers.get('Content-Length')
        if self.headers.get('Transfer-Encoding'):
            self.close_connection = True
            self._send(411, b'{"error":"send a Content-Length, not chunked"}')
            return None
        if length_text is None:
            return b''
        if not length_text.isdigit() or int(length_text) > MAX_BODY_BYTES:
            self.close_connection = True
            self._send(413, b'{"error":"body too large"}')
            return None
        return self.rfile.read(int(length_text))

    def do_POST(self):  # pylint: disable=invalid-name
        """Check the request, apply any fault, answer and log it."""
        simulator = self.server.simulator
        started = time.monotonic()
        if self.path.split('?')[0] != API_PATH:
            self._send(404, b'{"error":"not found"}')
            return
        body_bytes = self._read_body()
        if body_bytes is None:
            return
        ordinal = simulator.next_ordinal()
        headers = dict(self.headers.items())
        received_sign = self.headers.get('sign')
        record = {
            'time': _now_iso(), 'epoch': round(time.time(), 3), 'n': ordinal, 'client': self.client_address[0], 'path': self.path,
            'headers_received': sorted(headers), 'access_key': self.headers.get('accessKey'),
            'ts': self.headers.get('ts'), 'algorithm': self.headers.get('algorithm') or 'md5',
            'sign_fingerprint': hashlib.sha256(received_sign.encode('utf-8')).hexdigest()[:12] if received_sign else None,
            'user_agent': self.headers.get('User-Agent'), 'body_bytes': len(body_bytes),
        }
        body = peek_body(body_bytes)
        record['appkey'] = body.get('appkey') if isinstance(body.get('appkey'), (str, int, float)) else None
        rule = simulator.faults.choose(ordinal, record['access_key'], record['algorithm'], body)
        kind = rule['fault'] if rule else None
        record['fault'] = rule['name'] if rule else None
        record['http_status'] = None
        self.pending_log = (record, received_sign, started)
        try:
            if rule and rule.get('delay'):
                simulator.stopping.wait(rule['delay'])
            if kind in TRANSPORT_KINDS:
                self._answer_transport_fault(rule)
            else:
                self._answer_service(rule, headers, body_bytes, record)
        finally:
            self._write_pending_log()

    def _answer_transport_fault(self, rule):
        """Misbehave below the API level: a bare HTTP status, an HTML page, or no answer at all."""
        kind = rule['fault']
        if kind == 'http_status':
            extra = {}
            if rule.get('retry_after') is not None:
                extra['Retry-After'] = retry_after_value(rule['retry_after'])
            payload = rule.get('body', 'simulated HTTP %d from the NxCloud simulator\n' % rule['status']).encode('utf-8')
            self._send(rule['status'], payload, 'text/plain;charset=UTF-8', extra)
            return
        if kind == 'html':
            payload = rule['body'].encode('utf-8') if 'body' in rule else DEFAULT_HTML
            self._send(rule.get('status', 200), payload, 'text/html;charset=UTF-8')
            return
        if kind == 'raw':
            self._send(rule.get('status', 200), raw_payload(rule))
            return
        # No answer will leave: log now, so that a client that gave up can already read the line.
        self._write_pending_log()
        if kind == 'hang':
            self.server.simulator.stopping.wait(rule.get('seconds', 30))
        self._drop_connection()

    def _answer_service(self, rule, headers, body_bytes, record):
        """Answer as the service does, changed by an answer-level fault if one applies."""
        simulator = self.server.simulator
        kind = rule['fault'] if rule else None
        outcome = evaluate_request(headers, body_bytes, simulator.now_ms(), simulator.current_dataset())
        record.update(dict((key, value) for key, value in outcome.details.items() if key not in ('access_key', 'appkey')))
        shape = rule['shape'] if kind == 'data_shape' else simulator.data_shape
        answer = answer_for(outcome, shape)
        if kind == 'result_code':
            answer = {'code': rule['code'], 'message': rule.get('message', RESULT_MESSAGES.get(rule['code'], 'Simulated failure')), 'data': None}
        elif kind == 'null_data':
            answer = {'code': 0, 'message': RESULT_MESSAGES[0], 'data': None}
        elif kind == 'mutate':
            answer = mutate_answer(answer, rule)
        elif kind == 'echo':
            said = 'received %s' % echoed_headers(headers)
            if rule.get('into', 'message') == 'http_body':
                record['checked_code'] = outcome.code
                self._send(400, said.encode('utf-8'), 'text/plain;charset=UTF-8')
                return
            answer = {'code': 1003, 'message': 'sign check failed: %s' % said, 'data': None}
        payload = compact_json_bytes(answer)
        if kind == 'truncated_json':
            payload = truncated(payload, rule)
        record['code'] = answer.get('code') if isinstance(answer, dict) else None
        record['checked_code'] = outcome.code
        if kind == 'drip':
            self._drip(200, payload, rule.get('phase', 'status'), rule.get('interval', 1))
            return
        if kind == 'padded':
            self._send(200, padded(payload, rule), extra_headers={'Content-Encoding': 'gzip'} if rule.get('gzip') else None)
            return
        self._send(200, payload)

    def _drip(self, status, payload, phase, interval):
        """Send a whole answer one byte every `interval` seconds from `phase` on (status line, headers or body)."""
        if self.pending_log is not None:
            self.pending_log[0]['http_status'] = status
        self._write_pending_log()
        self.close_connection = True
        status_line = ('HTTP/1.1 %d %s\r\n' % (status, self.responses.get(status, ('',))[0])).encode('latin-1')
        head = status_line + ('Content-Type: application/json;charset=UTF-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n'
                              % len(payload)).encode('latin-1')
        whole = head + payload
        start = {'status': 0, 'headers': len(status_line), 'body': len(head)}[phase]
        self.wfile.write(whole[:start])
        for index in range(start, len(whole)):
            if self.server.simulator.stopping.wait(interval):
                return
            self.wfile.write(whole[index:index + 1])


def _file_signature(path):
    """Return what tells a changed file from an unchanged one, or None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


class Simulator:
    """A running simulator: construct, `start()`, use `url`, then `stop()` (or use `with`).

    With `data_path`, the data file is read again before an answer whenever it changed on disk,
    so a test can change the service's numbers between two runs without restarting it (replace
    the file atomically: write a temporary file, then rename it over the old one). A file that
    no longer loads keeps the last good data and says why on standard error.
    """

    def __init__(self, dataset, host='127.0.0.1', port=0, tls=False, fault_rules=None,
                 data_shape='object', clock_offset=0.0, log_path=None, data_path=None, load_data=None):
        self.dataset = dataset
        self.data_path = data_path
        self._load_data = load_data
        self._data_signature = _file_signature(data_path) if data_path else None
        self._data_lock = threading.Lock()
        self.data_reloads = 0
        self.faults = FaultPlan(fault_rules)
        self.data_shape = data_shape
        self.clock_offset = clock_offset
        self.log = RequestLog(log_path, dataset.secrets())
        self.stopping = threading.Event()
        self.certificates = RunCertificates(extra_names=(host,)) if tls else None
        tls_context = self.certificates.server_context() if tls else None
        self.httpd = SimulatorHTTPServer((host, port), self, tls_context)
        self._ordinal = 0
        self._ordinal_lock = threading.Lock()
        self._thread = None

    @property
    def port(self):
        """The TCP port the server listens on."""
        return self.httpd.server_address[1]

    @property
    def url(self):
        """The base URL a client configures (`api_url`); the API path is appended to it."""
        host = self.httpd.server_address[0]
        host = '[%s]' % host if ':' in host else host
        return '%s://%s:%d' % ('https' if self.certificates else 'http', host, self.port)

    @property
    def requests_seen(self):
        """How many API requests were received so far."""
        return self._ordinal

    def next_ordinal(self):
        """Return the 1-based number of the API request being handled."""
        with self._ordinal_lock:
            self._ordinal += 1
            return self._ordinal

    def current_dataset(self):
        """Return the data to answer from, read again first if the data file changed."""
        if not self.data_path:
            return self.dataset
        with self._data_lock:
            signature = _file_signature(self.data_path)
            if signature is not None and signature != self._data_signature:
                self._data_signature = signature
                try:
                    self.dataset = self._load_data(self.data_path)
                except Exception as error:  # pylint: disable=broad-except  # keep serving the last good data
                    sys.stderr.write('nxcloud_simulator: keeping the previous data: %s\n' % error)
                else:
                    self.data_reloads += 1
                    self.log.add_secrets(self.dataset.secrets())
            return self.dataset

    def now_ms(self):
        """Return the simulator's clock in ms, shifted by `clock_offset` seconds."""
        return int((time.time() + self.clock_offset) * 1000)

    def start(self):
        """Serve in a background thread; return self."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={'poll_interval': 0.05}, name='nxcloud-simulator', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving, end parked and idle connections, release the port."""
        self.stopping.set()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=10)
        self.httpd.close_all_connections()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
