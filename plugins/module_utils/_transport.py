# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP transport for NxCloud: one requests session, TLS, proxy, timeout, size cap, and the retry loop.

The retry loop asks its caller for a fresh request on every attempt (``build_request``), so a
request that waited out a long backoff is signed with a fresh timestamp and never rejected as
expired. Only transient faults are retried: connection errors, timeouts and HTTP
408/429/500/502/503/504. An answer with a result code is an answer, never retried.

``timeout`` bounds a whole attempt (connect, status line, headers, body), not each socket read:
a watchdog shuts the attempt's sockets down at its deadline, so a server that drips its answer
one byte at a time cannot hold a task. The waits between attempts are capped each and in total,
so a task's worst case is ``(retries + 1) * timeout + RETRY_WAIT_TOTAL_MAX_SECONDS``. The body is
read as a stream and decompressed chunk by chunk (by requests/urllib3), and the reading stops as
soon as the decoded size passes ``max_response_bytes``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import email.utils
import random
import re
import socket
import threading
import time
import traceback
import warnings

from ansible.module_utils.six.moves.urllib.parse import unquote

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import (
    NxCloudHTTPError,
    NxCloudResponseError,
    NxCloudTransportError,
    printable_text,
    tls_failure_remedy,
)

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ChunkedEncodingError, ContentDecodingError, InvalidURL, MissingSchema, InvalidSchema, ProxyError
    from requests.exceptions import RequestException, SSLError, Timeout
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import InsecureRequestWarning
    HAS_REQUESTS = True
except ImportError:  # pragma: no cover - exercised by the module's missing_required_lib path
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    HAS_REQUESTS = False
    HTTPAdapter = object

RETRYABLE_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 30.0
# A Retry-After longer than this is not waited out in full: a playbook is not a queue.
RETRY_AFTER_MAX_SECONDS = 30.0
# All the waits of one task together (backoff and Retry-After): past this the task gives up.
RETRY_WAIT_TOTAL_MAX_SECONDS = 60.0
BODY_EXCERPT_CHARS = 200
# The decoded size of an answer the module reads by default: an app of 100,000 numbers answers
# about 25 MiB (some 250 bytes a number), so the default leaves room without letting a broken or
# hostile service fill the memory of the machine.
DEFAULT_MAX_RESPONSE_MB = 64
# Of an answer with an HTTP error status only an excerpt is shown: no need to read more of it.
ERROR_BODY_READ_BYTES = 64 * 1024
READ_CHUNK_BYTES = 64 * 1024

_CONNECTION_PREFIX = re.compile(r"^\w*Connection\(host='[^']*', port=\d+\): ")


def _userinfo_span(url):
    """Return (start, end) of the ``user:password@`` part of a URL written with or without a scheme, or None."""
    scheme_end = url.find('://')
    start = scheme_end + 3 if scheme_end >= 0 else 0
    authority_end = len(url)
    for separator in '/?#':
        found = url.find(separator, start)
        if found >= 0:
            authority_end = min(authority_end, found)
    at = url.rfind('@', start, authority_end)
    if at < 0:
        # No @ in the authority, but one further on: a password written with an unescaped / ? or #
        # ends the authority early for a URL parser. Hide up to the last @ (more than needed, never less).
        at = url.rfind('@', start)
    return (start, at + 1) if at >= 0 else None


def redact_url(url):
    """Return the URL without any ``user:password@`` part, for messages, with or without a scheme."""
    url = url or ''
    span = _userinfo_span(url)
    if span is None:
        return url
    return url[:span[0]] + '***@' + url[span[1]:]


def url_userinfo(url):
    """Return ``(user, password)`` written in a URL with or without a scheme (percent-decoded), or None."""
    url = url or ''
    span = _userinfo_span(url)
    if span is None:
        return None
    user, dummy, password = url[span[0]:span[1] - 1].partition(':')
    return unquote(user), unquote(password)


def credential_forms(url):
    """Return every form in which the userinfo of ``url`` may travel or come back: as written, decoded, and as HTTP Basic auth.

    requests sends URL userinfo (of api_url or proxy_url) as ``Authorization`` /
    ``Proxy-Authorization: Basic base64(user:password)``; a server or proxy that echoes the
    header shows that base64 text, which must be masked like the password itself.
    """
    userinfo = url_userinfo(url)
    if userinfo is None:
        return []
    user, password = userinfo
    span = _userinfo_span(url)
    written = url[span[0]:span[1] - 1]
    forms = [written, written.partition(':')[2]]
    if password:
        forms.append(password)
    pair = '%s:%s' % (user, password)
    for encoding in ('latin-1', 'utf-8'):
        try:
            forms.append(base64.b64encode(pair.encode(encoding)).decode('ascii'))
        except UnicodeEncodeError:
            continue
    return sorted(set(form for form in forms if form and form != user), key=len, reverse=True)


def redact_text(text):
    """Return ``text`` with the userinfo of any URL in it hidden (exception texts quote URLs)."""
    return re.sub(r'\w+://[^\s\'"]+', lambda match: redact_url(match.group(0)), text)


def describe_exception(exc):
    """Return the root cause of a requests exception, without urllib3's wrapping.

    ``Max retries exceeded with url ... (Caused by NewConnectionError(...))`` becomes
    ``Failed to establish a new connection: [Errno 111] Connection refused``.
    """
    cause = exc
    for dummy in range(5):
        inner = getattr(cause, 'reason', None)
        if not isinstance(inner, Exception):
            inner = None
        if inner is None and getattr(cause, 'args', None) and isinstance(cause.args[-1], Exception):
            inner = cause.args[-1]
        if inner is None or inner is cause:
            break
        cause = inner
    return redact_text(_CONNECTION_PREFIX.sub('', str(cause))) or type(cause).__name__


def body_excerpt(body, hide=()):
    """Return a short, single-line excerpt of a response body for an error message.

    ``hide`` lists values (the signatures sent) that must not show even if a gateway echoes them.
    """
    # The excerpt shows 200 characters: the first 64 KiB are more than enough to find them.
    body = (body or '')[:ERROR_BODY_READ_BYTES]
    if isinstance(body, bytes):
        body = body.decode('utf-8', 'replace')
    text = ' '.join((body or '').split())
    for secret in sorted((secret for secret in hide if secret), key=len, reverse=True):
        text = text.replace(secret, '********')
    # Cut before escaping, so that an escape sequence is never cut in two; escape so that no
    # terminal control (ESC, NUL, bidi overrides) reaches a terminal or a log raw.
    cut = len(text) > BODY_EXCERPT_CHARS
    text = printable_text(text[:BODY_EXCERPT_CHARS])
    return text + '...' if cut else text


def parse_retry_after(value, now):
    """Return the seconds a Retry-After header asks for, or None when absent or unreadable.

    The header is either delta-seconds or an HTTP date; ``now`` is the current epoch time.
    """
    if value is None:
        return None
    value = value.strip()
    if re.match(r'^[0-9]+$', value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        # "-0000" means UTC with no zone information: never read it as local time.
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - now)


def backoff_seconds(attempt, rand):
    """Exponential backoff with jitter for retry number ``attempt`` (1-based).

    Half of the delay is fixed and half random, so that parallel jobs spread out but none
    retries at once.
    """
    ceiling = min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * (2 ** (attempt - 1)))
    return ceiling / 2 + rand() * ceiling / 2


def _attempts(count):
    return '1 attempt' if count == 1 else '%d attempts' % count


class HTTPAnswer(object):
    """What came back from one attempt: status, headers and the raw body bytes."""

    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body


class _Retryable(Exception):
    """An attempt failed in a way worth another try."""

    def __init__(self, description, retry_after=None, error=None):
        super(_Retryable, self).__init__(description)
        self.description = description
        self.retry_after = retry_after
        self.error = error


class _DeadlinePassed(Exception):
    """The attempt's deadline passed while its body was being read."""


class SocketWatch(object):
    """The sockets a transport opened, which the watchdog shuts down when an attempt's deadline passes.

    Shutting a socket down (not closing it: the file descriptor stays its owner's) makes the
    read blocked on it return at once, whatever phase the attempt is in.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._sockets = []
        self.expired = False

    def register(self, sock):
        with self._lock:
            self._sockets = [known for known in self._sockets if known.fileno() != -1]
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut_down(sock)

    def arm(self):
        with self._lock:
            self.expired = False

    def expire(self):
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut_down(sock)


def _shut_down(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed


def _watched_pool_class(pool_class, watch):
    """Return a subclass of a urllib3 pool class whose connections register their socket with ``watch``."""
    connection_class = pool_class.ConnectionCls

    def _new_conn(self):
        sock = connection_class._new_conn(self)  # pylint: disable=protected-access
        watch.register(sock)
        return sock

    watched_connection = type('Watched' + connection_class.__name__, (connection_class,), {'_new_conn': _new_conn})
    return type('Watched' + pool_class.__name__, (pool_class,), {'ConnectionCls': watched_connection, 'nxcloud_watched': True})


class WatchedAdapter(HTTPAdapter):
    """A requests adapter whose connections (direct, through an HTTP proxy or SOCKS) are known to a SocketWatch."""

    def __init__(self, watch, **kwargs):
        self.watch = watch
        super(WatchedAdapter, self).__init__(**kwargs)

    def _watch_manager(self, manager):
        manager.pool_classes_by_scheme = dict(
            (scheme, pool_class if getattr(pool_class, 'nxcloud_watched', False) else _watched_pool_class(pool_class, self.watch))
            for scheme, pool_class in manager.pool_classes_by_scheme.items())
        return manager

    def init_poolmanager(self, *args, **kwargs):
        super(WatchedAdapter, self).init_poolmanager(*args, **kwargs)
        self._watch_manager(self.poolmanager)

    def proxy_manager_for(self, *args, **kwargs):
        return self._watch_manager(super(WatchedAdapter, self).proxy_manager_for(*args, **kwargs))


def watched_session(watch):
    """Return a requests session whose every connection is known to ``watch``."""
    session = requests.Session()
    adapter = WatchedAdapter(watch)
    session.mount('https://', adapter)
    session.mount('http://', adapter)
    return session


class Transport(object):
    """POSTs pre-serialised bodies to NxCloud with retries, TLS and proxy settings."""

    def __init__(self, timeout=30, validate_certs=True, ca_path=None, proxy_url=None, user_agent=None,
                 retries=3, warn=None, session=None, sleep=None, clock=None, rand=None, max_response_bytes=None, monotonic=None):
        self.timeout = timeout
        self.verify = (ca_path or True) if validate_certs else False
        self.proxies = {'http': proxy_url, 'https': proxy_url} if proxy_url else None
        self.proxy_url = proxy_url
        self.user_agent = user_agent
        self.retries = retries
        self.max_response_bytes = max_response_bytes or DEFAULT_MAX_RESPONSE_MB * 1024 * 1024
        self.warn = warn or (lambda message: None)
        self.watch = SocketWatch()
        # Without an explicit proxy, requests still honours HTTPS_PROXY / NO_PROXY from the environment.
        self.session = session if session is not None else watched_session(self.watch)
        # Looked up when the transport is built, not at import, so tests can replace time.sleep / time.time.
        self.sleep = sleep or time.sleep
        self.clock = clock or time.time
        self.monotonic = monotonic or time.monotonic
        self.rand = rand or random.random

    def secrets_of(self, url):
        """Return what must never show in a message about a request to ``url``: the URL's and the proxy's credentials in every form.

        Without proxy_url, requests takes the proxy from HTTPS_PROXY / HTTP_PROXY, whose credentials count too.
        """
        proxies = [self.proxy_url] if self.proxy_url else list(requests.utils.get_environ_proxies(url).values())
        forms = credential_forms(url)
        for proxy in proxies:
            forms.extend(credential_forms(proxy))
        return forms

    def post_with_retries(self, url, build_request, what):
        """POST ``build_request()`` -> ``(headers, body_bytes)`` to ``url``, retrying transient faults.

        Returns the first non-retryable HTTPAnswer with a 2xx status; raises NxCloudHTTPError for
        other statuses and NxCloudTransportError when no answer came. ``what`` names the call in
        warnings and errors.
        """
        attempts = self.retries + 1
        waited = 0.0
        for attempt in range(1, attempts + 1):
            headers, body = build_request()
            try:
                answer = self._post_once(url, headers, body)
            except _Retryable as fault:
                delay, note = self._delay(attempt, fault.retry_after, waited)
                if attempt == attempts or delay is None:
                    early = '' if delay is not None or attempt == attempts else ' (%s)' % note
                    if fault.error is not None:
                        fault.error.add_context('gave up after %s%s' % (_attempts(attempt), early))
                        raise fault.error
                    raise NxCloudTransportError('%s to %s failed after %s%s: %s' % (what, redact_url(url), _attempts(attempt), early, fault.description),
                                                url=redact_url(url))
                self.warn('%s attempt %d of %d failed (%s); %sretrying in %.1f s' % (what, attempt, attempts, fault.description, note, delay))
                self.sleep(delay)
                waited += delay
                continue
            return answer
        raise AssertionError('unreachable: the retry loop always returns or raises')  # pragma: no cover

    def _delay(self, attempt, retry_after, waited):
        """Return ``(seconds, note)`` to wait before the next attempt, or ``(None, why)`` when the waits are used up."""
        left = RETRY_WAIT_TOTAL_MAX_SECONDS - waited
        note = ''
        if retry_after is not None:
            delay = retry_after
            if retry_after > RETRY_AFTER_MAX_SECONDS:
                delay = RETRY_AFTER_MAX_SECONDS
                note = 'the service asked to wait %.0f s (Retry-After), more than the %.0f s waited at most; ' % (retry_after, RETRY_AFTER_MAX_SECONDS)
        else:
            delay = backoff_seconds(attempt, self.rand)
        if delay > left:
            if left < 1.0:
                return None, 'the waits between attempts reached their limit of %.0f s in total' % RETRY_WAIT_TOTAL_MAX_SECONDS
            delay = left
            note += 'the last wait allowed (%.0f s in total); ' % RETRY_WAIT_TOTAL_MAX_SECONDS
        return delay, note

    def _post_once(self, url, headers, body):
        """Make one attempt, bounded as a whole by ``timeout``: the watchdog shuts its sockets down at the deadline."""
        deadline = self.monotonic() + self.timeout
        self.watch.arm()
        watchdog = threading.Timer(self.timeout, self.watch.expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._attempt(url, headers, body, deadline)
        finally:
            watchdog.cancel()

    def _timed_out(self, deadline):
        return self.watch.expired or self.monotonic() >= deadline

    def _attempt(self, url, headers, body, deadline):
        shown_url = redact_url(url)
        hide = [headers.get('sign')] + self.secrets_of(url)
        if self.user_agent:
            headers = dict(headers, **{'User-Agent': self.user_agent})
        timed_out = _Retryable('no answer within the timeout of %s s' % self.timeout)
        try:
            with warnings.catch_warnings():
                # validate_certs: false is the user's explicit choice; urllib3 would print a warning per request.
                warnings.simplefilter('ignore', InsecureRequestWarning)
                response = self.session.post(url, data=body, headers=headers, timeout=self.timeout, stream=True,
                                             verify=self.verify, proxies=self.proxies, allow_redirects=False)
                try:
                    status = response.status_code
                    limit = self.max_response_bytes if 200 <= status < 300 else ERROR_BODY_READ_BYTES
                    content = self._read_body(response, limit, deadline, cut=not 200 <= status < 300)
                finally:
                    response.close()
            # A socket shut down mid-headers reads as the end of the headers, and mid-body (without a
            # length) as the end of the body: an answer completed after the watchdog fired is a cut one.
            if self.watch.expired:
                raise _DeadlinePassed()
        except _DeadlinePassed:
            raise timed_out
        except RequestException as exc:
            # The watchdog's shutdown shows up as a connection, protocol or even TLS error.
            if self._timed_out(deadline):
                raise timed_out
            self._raise_request_failure(exc, shown_url)
        except (OSError, ValueError) as exc:
            # A socket shut down under a read may surface below requests' own exceptions.
            if self._timed_out(deadline):
                raise timed_out
            raise _Retryable('connection error: %s' % redact_text(str(exc) or type(exc).__name__))
        answer = HTTPAnswer(status, response.reason, response.headers, content)
        if 200 <= answer.status < 300:
            return answer
        excerpt = body_excerpt(answer.body, hide=hide)
        error = NxCloudHTTPError(
            'NxCloud answered HTTP %s %s from %s: %s' % (answer.status, printable_text(answer.reason or ''), shown_url, excerpt or '(empty body)'),
            url=shown_url, status=answer.status, body_excerpt=excerpt)
        if answer.status in RETRYABLE_STATUSES:
            retry_after = parse_retry_after(answer.headers.get('Retry-After'), self.clock())
            raise _Retryable('HTTP %s' % answer.status, retry_after=retry_after, error=error)
        raise error

    def _read_body(self, response, limit, deadline, cut):
        """Return the decoded body, read in chunks; past ``limit`` bytes cut it (``cut``) or refuse it."""
        chunks, size = [], 0
        for chunk in response.iter_content(READ_CHUNK_BYTES):
            if self._timed_out(deadline):
                raise _DeadlinePassed()
            size += len(chunk)
            if size > limit:
                if cut:
                    chunks.append(chunk[:len(chunk) - (size - limit)])
                    break
                raise NxCloudResponseError(
                    'NxCloud answered with a body larger than max_response_mb (%d MiB once decompressed); reading stopped there'
                    % (limit // (1024 * 1024)),
                    remedy='check that api_url points at the NxCloud API (a proxy or gateway may have answered instead); '
                           'if the app really has that many numbers, raise max_response_mb (or NXCLOUD_MAX_RESPONSE_MB)')
            chunks.append(chunk)
        return b''.join(chunks)

    def _raise_request_failure(self, exc, shown_url):
        """Raise what a requests exception means: a retryable fault or a final NxCloudError."""
        if isinstance(exc, SSLError):
            reason = describe_exception(exc)
            raise NxCloudTransportError('TLS connection to %s failed: %s' % (shown_url, reason), url=shown_url, transient=False,
                                        remedy=tls_failure_remedy(reason))
        if isinstance(exc, ProxyError):
            reason = describe_exception(exc)
            if '407' in reason:
                raise NxCloudTransportError('the proxy refused the request: %s' % reason, url=shown_url, transient=False,
                                            remedy='give the proxy credentials in proxy_url (http://user:password@host:port) or HTTPS_PROXY')
            raise _Retryable('proxy error: %s; check proxy_url or HTTPS_PROXY / NO_PROXY' % reason)
        if isinstance(exc, Timeout):
            raise _Retryable('no answer within the timeout of %s s' % self.timeout)
        if isinstance(exc, (InvalidURL, MissingSchema, InvalidSchema)):
            raise NxCloudTransportError('the request to %s could not be made: %s' % (shown_url, describe_exception(exc)), url=shown_url,
                                        transient=False, remedy='check api_url (the base URL of the API, e.g. https://api2.nxcloud.com) '
                                                                'and proxy_url (http://host:port)')
        if isinstance(exc, ContentDecodingError):
            raise NxCloudResponseError('NxCloud answered with a compressed body that could not be decompressed: %s' % describe_exception(exc))
        if isinstance(exc, (RequestsConnectionError, ChunkedEncodingError)):
            raise _Retryable('connection error: %s' % describe_exception(exc))
        raise NxCloudTransportError('request to %s failed: %s' % (shown_url, describe_exception(exc)), url=shown_url, transient=False)
