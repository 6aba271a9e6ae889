# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the simulated `POST /api/wa/getPhone` answers to a request, as pure functions.

The checks run in the order the provider documents, each failing with its result code:
1001 missing header, 1002 wrong bizType/action, 1004 timestamp, 1005 access key,
1003 signature (and Content-Type), 9000 body, 9006 app, then per number 9002/9006.
"""

from __future__ import annotations

import json

from nxcloud_sim.signing import HASHES_BY_ALGORITHM, SIGNED_HEADER_NAMES, signature_matches

REQUIRED_HEADER_NAMES = ('accessKey', 'ts', 'bizType', 'action', 'sign')
WHATSAPP_BIZ_TYPE = '2'
GET_PHONE_ACTION = 'getPhone'
MAX_CLOCK_SKEW_MS = 60000
DATA_SHAPES = ('object', 'array')

RESULT_MESSAGES = {
    0: 'Request successful',
    -1: 'Request failed',
    1000: 'Authentication issue',
    1001: 'Missing required header',
    1002: 'Invalid parameter',
    1003: 'Signature verification failed',
    1004: 'Timestamp expired',
    1005: 'Invalid accessKey or no permission for this business',
    9000: 'Parameter exception',
    9001: 'System business error',
    9002: 'Merchant phone number error',
    9006: 'WhatsApp number not bound to the application',
}


class Outcome:
    """The verdict on one request: a result code, its message, and on success the phones.

    `details` holds what the request log may show (never the secret nor the signature).
    """

    def __init__(self, code, message, phones=None, details=None):
        self.code = code
        self.message = message
        self.phones = phones              # list of (number, fields) on success, else None
        self.details = details or {}


def split_business_phones(value):
    """Return the requested numbers of a `business_phones` string, in order, without duplicates.

    Both separators seen in the provider's pages are accepted ("," and ", "); blank items
    are ignored, so an empty or blank string means every number of the app.
    """
    numbers = []
    for item in value.split(','):
        item = item.strip()
        if item and item not in numbers:
            numbers.append(item)
    return numbers


def _header(headers, name):
    """Return a header's value, header names being case-insensitive in HTTP."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _failure(code, detail, details):
    message = RESULT_MESSAGES[code] + (': ' + detail if detail else '')
    return Outcome(code, message, None, details)


def _content_type_is_json(content_type):
    media_type = (content_type or '').split(';')[0].strip().lower()
    return media_type == 'application/json'


def _parse_body(body_bytes):
    """Return (body mapping, None) or (None, what is wrong with it)."""
    try:
        body = json.loads(body_bytes.decode('utf-8'))
    except (UnicodeDecodeError, ValueError):
        return None, 'body is not JSON'
    if not isinstance(body, dict):
        return None, 'body is not a JSON object'
    return body, None


def peek_body(body_bytes):
    """Return the body as a mapping if it is one, else an empty mapping (for fault matching)."""
    body, dummy_error = _parse_body(body_bytes)
    return body or {}


def evaluate_request(headers, body_bytes, now_ms, dataset):
    """Return the Outcome of a getPhone request received with these headers and body bytes."""
    details = {}
    missing = [name for name in REQUIRED_HEADER_NAMES if not _header(headers, name)]
    if missing:
        return _failure(1001, ', '.join(missing), details)

    access_key = _header(headers, 'accessKey')
    details['access_key'] = access_key
    biz_type, action = _header(headers, 'bizType'), _header(headers, 'action')
    if biz_type != WHATSAPP_BIZ_TYPE:
        return _failure(1002, 'bizType must be "%s"' % WHATSAPP_BIZ_TYPE, details)
    if action != GET_PHONE_ACTION:
        return _failure(1002, 'action must be "%s"' % GET_PHONE_ACTION, details)

    ts = _header(headers, 'ts')
    if not (len(ts) == 13 and ts.isdigit()):
        return _failure(1004, 'ts must be the time in milliseconds (13 digits)', details)
    details['clock_skew_ms'] = int(ts) - now_ms
    if abs(int(ts) - now_ms) > MAX_CLOCK_SKEW_MS:
        return _failure(1004, 'ts is more than %d ms away from the server clock' % MAX_CLOCK_SKEW_MS, details)

    account = dataset.accounts.get(access_key)
    if account is None or not account['whatsapp_enabled']:
        return _failure(1005, '', details)

    algorithm = (_header(headers, 'algorithm') or 'md5').lower()
    details['algorithm'] = algorithm
    if not _content_type_is_json(_header(headers, 'Content-Type')):
        return _failure(1003, 'Content-Type must be application/json', details)
    if algorithm not in HASHES_BY_ALGORITHM:
        return _failure(1003, 'unsupported algorithm', details)
    signed_headers = dict((name, _header(headers, name)) for name in SIGNED_HEADER_NAMES)
    details['sign_valid'] = signature_matches(_header(headers, 'sign'), signed_headers, body_bytes, account['access_secret'], algorithm)
    if not details['sign_valid']:
        return _failure(1003, '', details)

    body, body_error = _parse_body(body_bytes)
    if body_error:
        return _failure(9000, body_error, details)
    appkey = body.get('appkey')
    if not isinstance(appkey, str) or not appkey:
        return _failure(9000, 'appkey is required', details)
    details['appkey'] = appkey
    if body.get('messaging_product') != 'whatsapp':
        return _failure(9000, 'messaging_product must be "whatsapp"', details)
    raw_phones = body.get('business_phones')
    if raw_phones is not None and not isinstance(raw_phones, str):
        return _failure(9000, 'business_phones must be a string of numbers separated by ","', details)
    requested = split_business_phones(raw_phones or '')
    details['business_phones'] = requested

    app = dataset.apps.get(appkey)
    if app is None or app['access_key'] != access_key:
        return _failure(9006, 'unknown appkey', details)
    bound = dict(app['phones'])
    for number in requested:
        if not number.isdigit() or number in dataset.not_whatsapp_numbers:
            return _failure(9002, number, details)
        if number not in bound:
            return _failure(9006, number, details)

    phones = [(number, bound[number]) for number in requested] if requested else list(app['phones'])
    return Outcome(0, RESULT_MESSAGES[0], phones, details)


def shape_phones(phones, data_shape):
    """Return `data` for these phones in one of the two documented shapes.

    object: {"<digits>": [ {fields} ], ...} as in the provider's example;
    array: {"business_phones": [ {fields}, ... ]} as in the provider's field table.
    """
    if data_shape == 'array':
        return {'business_phones': [dict(fields) for dummy_number, fields in phones]}
    return dict((number, [dict(fields)]) for number, fields in phones)


def answer_for(outcome, data_shape):
    """Return the JSON answer (a mapping) the service sends for this outcome."""
    if outcome.code != 0:
        return {'code': outcome.code, 'message': outcome.message, 'data': None}
    return {'code': 0, 'message': outcome.message, 'data': shape_phones(outcome.phones, data_shape)}
