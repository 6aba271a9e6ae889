# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP transport for NxCloud: one requests session, TLS, proxy, timeout, and the retry loop.

The retry loop asks its caller for a fresh request on every attempt (``build_request``), so a
request that waited out a long backoff is signed with a fresh timestamp and never rejected as
expired. Only transient faults are retried: connection errors, timeouts and HTTP
408/429/500/502/503/504. An answer with a result code is an answer, never retried.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import email.utils
import random
import re
import time
import traceback
import warnings

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudHTTPError, NxCloudTransportError, tls_failure_remedy

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ChunkedEncodingError, InvalidURL, MissingSchema, InvalidSchema, ProxyError, RequestException, SSLError, Timeout
    from urllib3.exceptions import InsecureRequestWarning
    HAS_REQUESTS = True
except ImportError:  # pragma: no cover - exercised by the module's missing_required_lib path
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    HAS_REQUESTS = False

RETRYABLE_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 30.0
# A Retry-After longer than this is not waited out in full: a playbook is not a queue.
RETRY_AFTER_MAX_SECONDS = 120.0
BODY_EXCERPT_CHARS = 200

# Everything between the scheme and the last "@" of the authority: a password may hold "@" too.
_USERINFO = re.compile(r'(?<=://)[^/?#]*@')
_CONNECTION_PREFIX = re.compile(r"^\w*Connection\(host='[^']*', port=\d+\): ")


def redact_url(url):
    """Return the URL without any ``user:password@`` part, for messages."""
    return _USERINFO.sub('***@', url or '')


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
    if isinstance(body, bytes):
        body = body.decode('utf-8', 'replace')
    text = ' '.join((body or '').split())
    for secret in hide:
        if secret:
            text = text.replace(secret, '********')
    if len(text) > BODY_EXCERPT_CHARS:
        text = text[:BODY_EXCERPT_CHARS] + '...'
    return text


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


class Transport(object):
    """POSTs pre-serialised bodies to NxCloud with retries, TLS and proxy settings."""

    def __init__(self, timeout=30, validate_certs=True, ca_path=None, proxy_url=None, user_agent=None,
                 retries=3, warn=None, session=None, sleep=None, clock=None, rand=None):
        self.timeout = timeout
        self.verify = (ca_path or True) if validate_certs else False
        self.proxies = {'http': proxy_url, 'https': proxy_url} if proxy_url else None
        self.user_agent = user_agent
        self.retries = retries
        self.warn = warn or (lambda message: None)
        # Without an explicit proxy, requests still honours HTTPS_PROXY / NO_PROXY from the environment.
        self.session = session if session is not None else requests.Session()
        # Looked up when the transport is built, not at import, so tests can replace time.sleep / time.time.
        self.sleep = sleep or time.sleep
        self.clock = clock or time.time
        self.rand = rand or random.random

    def post_with_retries(self, url, build_request, what):
        """POST ``build_request()`` -> ``(headers, body_bytes)`` to ``url``, retrying transient faults.

        Returns the first non-retryable HTTPAnswer with a 2xx status; raises NxCloudHTTPError for
        other statuses and NxCloudTransportError when no answer came. ``what`` names the call in
        warnings and errors.
        """
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            headers, body = build_request()
            try:
                answer = self._post_once(url, headers, body)
            except _Retryable as fault:
                if attempt == attempts:
                    if fault.error is not None:
                        fault.error.add_context('gave up after %s' % _attempts(attempts))
                        raise fault.error
                    raise NxCloudTransportError('%s to %s failed after %s: %s' % (what, redact_url(url), _attempts(attempts), fault.description),
                                                url=redact_url(url))
                delay = self._delay(attempt, fault.retry_after)
                self.warn('%s attempt %d of %d failed (%s); retrying in %.1f s' % (what, attempt, attempts, fault.description, delay))
                self.sleep(delay)
                continue
            return answer
        raise AssertionError('unreachable: the retry loop always returns or raises')  # pragma: no cover

    def _delay(self, attempt, retry_after):
        if retry_after is not None:
            if retry_after > RETRY_AFTER_MAX_SECONDS:
                self.warn('the service asked to wait %.0f s (Retry-After); waiting %.0f s instead' % (retry_after, RETRY_AFTER_MAX_SECONDS))
            return min(retry_after, RETRY_AFTER_MAX_SECONDS)
        return backoff_seconds(attempt, self.rand)

    def _post_once(self, url, headers, body):
        shown_url = redact_url(url)
        if self.user_agent:
            headers = dict(headers, **{'User-Agent': self.user_agent})
        try:
            with warnings.catch_warnings():
                # validate_certs: false is the user's explicit choice; urllib3 would print a warning per request.
                warnings.simplefilter('ignore', InsecureRequestWarning)
                response = self.session.post(url, data=body, headers=headers, timeout=self.timeout,
                                             verify=self.verify, proxies=self.proxies, allow_redirects=False)
        except SSLError as exc:
            reason = describe_exception(exc)
            raise NxCloudTransportError('TLS connection to %s failed: %s' % (shown_url, reason), url=shown_url, transient=False,
                                        remedy=tls_failure_remedy(reason))
        except ProxyError as exc:
            reason = describe_exception(exc)
            if '407' in reason:
                raise NxCloudTransportError('the proxy refused the request: %s' % reason, url=shown_url, transient=False,
                                            remedy='give the proxy credentials in proxy_url (http://user:password@host:port) or HTTPS_PROXY')
            raise _Retryable('proxy error: %s; check proxy_url or HTTPS_PROXY / NO_PROXY' % reason)
        except Timeout:
            raise _Retryable('no answer within the timeout of %s s' % self.timeout)
        except (InvalidURL, MissingSchema, InvalidSchema) as exc:
            raise NxCloudTransportError('the request to %s could not be made: %s' % (shown_url, describe_exception(exc)), url=shown_url,
                                        transient=False, remedy='check api_url (the base URL of the API, e.g. https://api2.nxcloud.com) '
                                                                'and proxy_url (http://host:port)')
        except (RequestsConnectionError, ChunkedEncodingError) as exc:
            raise _Retryable('connection error: %s' % describe_exception(exc))
        except RequestException as exc:
            raise NxCloudTransportError('request to %s failed: %s' % (shown_url, describe_exception(exc)), url=shown_url, transient=False)
        answer = HTTPAnswer(response.status_code, response.reason, response.headers, response.content)
        if 200 <= answer.status < 300:
            return answer
        excerpt = body_excerpt(answer.body, hide=[headers.get('sign')])
        error = NxCloudHTTPError(
            'NxCloud answered HTTP %s %s from %s: %s' % (answer.status, answer.reason or '', shown_url, excerpt or '(empty body)'),
            url=shown_url, status=answer.status, body_excerpt=excerpt)
        if answer.status in RETRYABLE_STATUSES:
            retry_after = parse_retry_after(answer.headers.get('Retry-After'), self.clock())
            raise _Retryable('HTTP %s' % answer.status, retry_after=retry_after, error=error)
        raise error
