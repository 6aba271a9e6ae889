# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Typed failures of an NxCloud call, each carrying what the service answered.

Errors are raised where they are detected and turned into the user's message by the module,
so every message here is written for the person running the playbook: what happened, and what
to do about it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import unicodedata

# Service text (a result code's message) is shown up to this length in messages and results.
SERVICE_TEXT_MAX_CHARS = 500
MASK = '********'

# Result codes of the API and the remedy a user needs (../docs and the provider's table).
RESULT_CODES = {
    -1: ('the request failed on the service side', 'contact NxCloud support with the time of the request'),
    1000: ('authentication failed', 'check access_key and access_secret'),
    1001: ('a required header is missing',
           'this is a bug in nxcloud.whatsapp: please report it with the module version'),
    1002: ('a header (bizType, action) or a body parameter is wrong', 'check the module parameters (appkey, business_phones)'),
    1003: ('the signature is invalid',
           'check access_secret: it must be the secret that belongs to access_key (the body signed is the body sent)'),
    1004: ('the timestamp was rejected as expired (more than 60 s away from the service clock)',
           'check the clock of the machine running the module (the controller for localhost tasks) and keep it in sync with NTP'),
    1005: ('the access key is wrong, or the account may not use the WhatsApp business',
           "check access_key and that the account has WhatsApp permission in the NxCloud console"),
    9000: ('a required parameter is missing', 'check appkey and the module parameters'),
    9001: ('a system business error occurred on the service side', 'contact NxCloud support with the time of the request'),
    9002: ('a business number is not a WhatsApp number', 'check business_phones'),
    9006: ('a business number is not bound to the application',
           'bind the number to the app in the NxCloud console, or fix appkey (each environment has its own)'),
}

# 9006 when no number was asked for: no number of the request can be unbound, so the appkey is
# the likely cause (a wrong one, or another environment's).
REMEDY_9006_NO_NUMBER = ('check appkey first: no number was asked for, so the app itself is the likely cause (a mistyped key, '
                         "or another environment's; each environment has its own); then bind the app's numbers to it in the NxCloud console")

# What to do when the answer is not of the documented form: usually something other than the
# API answered (a proxy, a gateway, a captive portal), sometimes the service itself misbehaved.
REMEDY_MALFORMED_ANSWER = ('check that api_url points at the NxCloud API (a proxy or gateway may have answered instead), '
                           'try again later, and contact NxCloud support with the time of the request if it persists')
REMEDY_UNREACHABLE = ('check that api_url is reachable from the machine running the module (network, DNS, firewall, '
                      'proxy_url or HTTPS_PROXY / NO_PROXY), or try again later; raise timeout or retries for a slow link')


def http_status_remedy(status):
    """Return what a user should do about an HTTP status other than 2xx."""
    if status == 404:
        return 'check api_url: it must be the base URL of the API (the module appends /api/wa/...)'
    if status in (401, 403, 407):
        return 'check the credentials, and that no proxy or gateway on the way refuses the request'
    if status in (408, 429) or status >= 500:
        return 'the service is overloaded or unavailable: try again later, and contact NxCloud support if it persists'
    return 'check api_url and the module parameters'


# What OpenSSL says when the other end answered the TLS handshake with something else than TLS,
# typically a plain-http server on that port (WRONG_VERSION_NUMBER; OpenSSL 3 may say
# "record layer failure" or "packet length too long" for the same).
_NOT_TLS_MARKERS = ('wrong_version_number', 'wrong version number', 'record layer failure', 'packet length too long', 'http_request')


def tls_failure_remedy(reason):
    """Return what a user should do about a failed TLS connection, from the reason the TLS library gave."""
    lowered = (reason or '').lower()
    if any(marker in lowered for marker in _NOT_TLS_MARKERS):
        return ('the server may not speak TLS on that port (a plain-http server answered the https request): use http:// '
                'in api_url if the service (or the simulator) serves plain HTTP there, or the port where it serves HTTPS')
    return ('if the service or a gateway uses a private CA, set ca_path to its CA bundle; '
            'validate_certs: false turns verification off (for tests only)')


# The provider documents 1000~100X as "authentication issue"; codes without an entry of their
# own in that range get the generic authentication advice.
_AUTH_RANGE = range(1000, 1010)


def printable_text(text):
    """Return ``text`` with every control, format or unpaired surrogate character escaped (``\\x1b``, ``\\u202e``).

    Service text reaches terminals, logs and CI pages: an escape sequence, a NUL or a bidi
    override in it must show as what it is, not act.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char == ' ' or unicodedata.category(char) not in ('Cc', 'Cf', 'Cs', 'Zl', 'Zp'):
            out.append(char)
        elif ord(char) < 0x100:
            out.append('\\x%02x' % ord(char))
        else:
            out.append('\\u%04x' % ord(char))
    return ''.join(out)


def masked(text, hide):
    """Return ``text`` with every value of ``hide`` (signatures, encoded credentials) replaced by a mask, longest first."""
    for secret in sorted((secret for secret in hide if secret), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def service_text(value, hide=(), limit=SERVICE_TEXT_MAX_CHARS):
    """Return text sent by the service made safe to show: secrets masked, controls escaped, cut to ``limit`` characters.

    Masking comes first, on the whole text, so that a secret is never half shown by the cut.
    A value that is not a string (the service may send anything) is shown as Python writes it.
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else repr(value)[:limit * 4]
    text = masked(text, hide)
    cut = len(text) > limit
    text = printable_text(text[:limit])
    return '%s... (%d characters in all)' % (text, len(value) if isinstance(value, str) else len(text)) if cut else text


class NxCloudError(Exception):
    """Base of every failure of an NxCloud call; ``message`` (and ``str()``) is the user's message.

    A message is what happened, any context (such as the attempts made), then what to do.
    """

    def __init__(self, what, remedy=None):
        self.what = what
        self.remedy = remedy
        self.context = []
        super(NxCloudError, self).__init__(self.message)

    @property
    def message(self):
        text = self.what
        if self.context:
            text = '%s (%s)' % (text, '; '.join(self.context))
        if self.remedy:
            text = '%s. To fix: %s.' % (text, self.remedy)
        return text

    def __str__(self):
        return self.message

    def add_context(self, text):
        """Add a clause to the message, e.g. how many attempts were made."""
        self.context.append(text)

    def result_fields(self):
        """Extra fields the module returns with the failure, for programs reading the result."""
        return {}


class NxCloudTransportError(NxCloudError):
    """The request did not get an HTTP answer (DNS, connection, TLS, proxy, timeout)."""

    def __init__(self, what, url, transient=True, remedy=REMEDY_UNREACHABLE):
        super(NxCloudTransportError, self).__init__(what, remedy)
        self.url = url
        self.transient = transient


class NxCloudHTTPError(NxCloudError):
    """The service answered with an HTTP status other than 2xx."""

    def __init__(self, what, url, status, body_excerpt):
        super(NxCloudHTTPError, self).__init__(what, http_status_remedy(status))
        self.url = url
        self.status = status
        self.body_excerpt = body_excerpt

    def result_fields(self):
        return {'http_status': self.status}


class NxCloudResponseError(NxCloudError):
    """The answer is not JSON, or not of the documented shape."""

    def __init__(self, what, body_excerpt=None, remedy=REMEDY_MALFORMED_ANSWER):
        super(NxCloudResponseError, self).__init__(what, remedy)
        self.body_excerpt = body_excerpt


class NxCloudAPIError(NxCloudError):
    """The service answered with a result code other than 0."""

    def __init__(self, code, service_message, action, hide=()):
        """``hide`` lists the signatures and credentials sent: a service that echoes what it got must not show them."""
        self.code = code
        self.service_message = service_text(service_message, hide)
        meaning, remedy = describe_result_code(code)
        shown = 'nothing' if self.service_message is None else "'%s'" % self.service_message.replace("'", "\\'")
        what = 'NxCloud %s failed with result code %s (%s); the service said %s' % (action, code, meaning, shown)
        super(NxCloudAPIError, self).__init__(what, remedy)

    def result_fields(self):
        return {'result_code': self.code, 'service_message': self.service_message}


def describe_result_code(code):
    """Return ``(meaning, remedy)`` for a result code, also for codes nobody has seen yet."""
    if code in RESULT_CODES:
        return RESULT_CODES[code]
    if code in _AUTH_RANGE:
        return RESULT_CODES[1000]
    return ('an undocumented result code', 'check the parameters, and contact NxCloud support if it persists')
