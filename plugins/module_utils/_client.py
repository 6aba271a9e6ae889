# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The NxCloud WhatsApp client: builds, signs and sends one call, and reads its answer.

Signing happens inside the transport's retry loop (``_build_request`` is called per attempt),
so each attempt carries a fresh ``ts`` and signature. The body is serialised here exactly once
and those bytes are both signed and sent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import time

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import (
    REMEDY_9006_NO_NUMBER,
    NxCloudAPIError,
    NxCloudResponseError,
    printable_text,
    service_text,
)
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import missing_numbers, phones_from_data
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._signing import sign
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import body_excerpt
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._version import COLLECTION_NAME, COLLECTION_VERSION

DEFAULT_API_URL = 'https://api2.nxcloud.com'
WHATSAPP_BIZ_TYPE = '2'
# The provider's page says numbers are "separated by ', '" while its example uses a bare ",";
# the bare comma is what the example (the only request shown) sends.
PHONE_SEPARATOR = ','

USER_AGENT = '%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)


def serialise_body(body):
    """Return the one serialisation of a body: compact JSON, UTF-8, no ASCII escaping."""
    return json.dumps(body, separators=(',', ':'), ensure_ascii=False).encode('utf-8')


# A \uXXXX escape of a UTF-16 surrogate in JSON text: json.loads pairs them, and leaves a lone one
# in the string, which no UTF-8 output (a module's result, a report) can carry.
_SURROGATE_ESCAPE = re.compile(r'\\u[dD][89a-fA-F][0-9a-fA-F]{2}')


def lone_surrogate_path(value, path='answer'):
    """Return where (``data['86...'][0].verified_name``) a string of a parsed answer holds a lone surrogate, or None."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if not item.isprintable() and any(0xD800 <= ord(char) <= 0xDFFF for char in item):
                return where
        elif isinstance(item, dict):
            for key, child in item.items():
                if any(0xD800 <= ord(char) <= 0xDFFF for char in key):
                    return '%s (a key)' % where
                stack.append((child, '%s[%s]' % (where, printable_text(repr(key)))))
        elif isinstance(item, list):
            stack.extend((child, '%s[%d]' % (where, index)) for index, child in enumerate(item))
    return None


def decode_answer(raw, action, hide=()):
    """Return ``data`` of a successful answer; raise a typed error for anything else.

    ``hide`` lists values (the signatures and credentials sent) kept out of every message.
    """
    excerpt = body_excerpt(raw, hide)
    try:
        text = raw.decode('utf-8')
        answer = json.loads(text)
    except RecursionError:
        raise NxCloudResponseError('NxCloud %s answered with JSON nested too deeply to read (arrays or objects inside one another '
                                   'beyond what Python can parse): %s' % (action, excerpt), body_excerpt=excerpt)
    except (UnicodeDecodeError, ValueError):
        raise NxCloudResponseError('NxCloud %s answered with a body that is not JSON: %s' % (action, excerpt or '(empty body)'),
                                   body_excerpt=excerpt)
    if _SURROGATE_ESCAPE.search(text):
        where = lone_surrogate_path(answer)
        if where is not None:
            raise NxCloudResponseError('NxCloud %s answered with a string that is not valid Unicode (an unpaired UTF-16 surrogate '
                                       'such as \\ud800) at %s; such text cannot be carried into results or reports' % (action, where),
                                       body_excerpt=excerpt)
    if not isinstance(answer, dict) or 'code' not in answer:
        raise NxCloudResponseError('NxCloud %s answered with JSON that is not the documented {"code", "message", "data"} object: %s'
                                   % (action, excerpt), body_excerpt=excerpt)
    code = answer['code']
    if isinstance(code, str) and re.match(r'^-?[0-9]+$', code):
        code = int(code)
    if isinstance(code, bool) or not isinstance(code, int):
        raise NxCloudResponseError('NxCloud %s answered with a result code %s that is not an integer' % (action, service_text(repr(code), hide, 100)),
                                   body_excerpt=excerpt)
    if code != 0:
        raise NxCloudAPIError(code, answer.get('message'), action, hide=hide)
    return answer.get('data')


class NxCloudClient(object):
    """Signed calls to NxCloud's WhatsApp API for one account."""

    def __init__(self, transport, access_key, access_secret, api_url=DEFAULT_API_URL, sign_algorithm='md5', clock=None):
        self.transport = transport
        self.access_key = access_key
        self.access_secret = access_secret
        self.api_url = api_url.rstrip('/')
        self.sign_algorithm = sign_algorithm
        self.clock = clock or time.time

    def _signed_headers(self, action, body, signatures):
        ts = str(int(self.clock() * 1000))
        headers = {
            'Content-Type': 'application/json',
            'accessKey': self.access_key,
            'ts': ts,
            'bizType': WHATSAPP_BIZ_TYPE,
            'action': action,
            'sign': sign(self.access_key, action, WHATSAPP_BIZ_TYPE, ts, body, self.access_secret, self.sign_algorithm),
        }
        if self.sign_algorithm != 'md5':
            headers['algorithm'] = self.sign_algorithm
        signatures.append(headers['sign'])
        return headers

    def call(self, action, body):
        """POST one WhatsApp action and return the ``data`` of its answer."""
        payload = serialise_body(body)
        signatures = []
        url = '%s/api/wa/%s' % (self.api_url, action)
        answer = self.transport.post_with_retries(
            url, lambda: (self._signed_headers(action, payload, signatures), payload), 'NxCloud %s' % action)
        # The secret itself too: a service that echoes what it was sent must not show it on any front end.
        return decode_answer(answer.body, action, hide=signatures + [self.access_secret] + self.transport.secrets_of(url))

    def get_phones(self, appkey, numbers=None):
        """Return ``(phones, missing, notes)`` for the app's numbers, or the given ones, in one request."""
        body = {'appkey': appkey, 'messaging_product': 'whatsapp'}
        if numbers:
            body['business_phones'] = PHONE_SEPARATOR.join(numbers)
        try:
            data = self.call('getPhone', body)
        except NxCloudAPIError as error:
            if error.code == 9006 and not numbers:
                error.remedy = REMEDY_9006_NO_NUMBER  # no number asked: the appkey is the likely cause
            raise
        phones, notes = phones_from_data(data)
        return phones, missing_numbers(numbers or [], phones), notes
