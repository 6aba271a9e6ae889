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

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import REMEDY_9006_NO_NUMBER, NxCloudAPIError, NxCloudResponseError
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


def decode_answer(raw, action, hide=()):
    """Return ``data`` of a successful answer; raise a typed error for anything else.

    ``hide`` lists values (the signatures sent) kept out of the body excerpts in messages.
    """
    excerpt = body_excerpt(raw, hide)
    try:
        answer = json.loads(raw.decode('utf-8'))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NxCloudResponseError('NxCloud %s answered with a body that is not JSON: %s' % (action, excerpt or '(empty body)'),
                                   body_excerpt=excerpt)
    if not isinstance(answer, dict) or 'code' not in answer:
        raise NxCloudResponseError('NxCloud %s answered with JSON that is not the documented {"code", "message", "data"} object: %s'
                                   % (action, excerpt), body_excerpt=excerpt)
    code = answer['code']
    if isinstance(code, str) and re.match(r'^-?[0-9]+$', code):
        code = int(code)
    if isinstance(code, bool) or not isinstance(code, int):
        raise NxCloudResponseError('NxCloud %s answered with a result code %r that is not an integer' % (action, code),
                                   body_excerpt=body_excerpt(raw))
    if code != 0:
        raise NxCloudAPIError(code, answer.get('message'), action)
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
        answer = self.transport.post_with_retries(
            '%s/api/wa/%s' % (self.api_url, action),
            lambda: (self._signed_headers(action, payload, signatures), payload),
            'NxCloud %s' % action)
        return decode_answer(answer.body, action, hide=signatures)

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
