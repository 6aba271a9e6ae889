# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: which request gets which misbehaviour, read from a YAML/JSON file.

A fault file is a list of rules (or a mapping with a `faults` list). The first rule whose
selectors all match a request, and that has not used up its `times`, decides the fault.
The format is documented in tests/simulator/README.md; this module parses it strictly so
that a misspelt key fails loudly instead of silently injecting nothing.
"""

from __future__ import annotations

import copy
import fnmatch
import gzip
import json
import os
import threading

import yaml

MAX_HANG_SECONDS = 120.0
MAX_DELAY_SECONDS = 120.0

# fault kind -> the keys it accepts besides the common ones
FAULT_KINDS = {
    'latency': (),
    'http_status': ('status', 'retry_after', 'body'),
    'drop': (),
    'hang': ('seconds',),
    'html': ('status', 'body'),
    'truncated_json': ('keep',),
    'null_data': (),
    'result_code': ('code', 'message'),
    'mutate': ('phone_fields', 'drop_fields', 'omit_numbers', 'envelope', 'data', 'entries'),
    'data_shape': ('shape',),
    'drip': ('phase', 'interval'),
    'padded': ('mb', 'gzip'),
    'echo': ('into',),
    'raw': ('status', 'body', 'nesting'),
}
DRIP_PHASES = ('status', 'headers', 'body')
MAX_PADDED_MB = 2048
SELECTOR_KEYS = ('requests', 'appkey', 'access_key', 'phone', 'algorithm')
COMMON_KEYS = ('name', 'fault', 'times', 'delay') + SELECTOR_KEYS
# faults decided before the request is checked: the client never gets a service answer
TRANSPORT_KINDS = ('http_status', 'drop', 'hang', 'html', 'raw')


class FaultFileError(Exception):
    """The fault file cannot be used; the message says which rule and why."""


def _require(condition, message):
    if not condition:
        raise FaultFileError(message)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parse_ordinals(value, where):
    """Return a predicate on the 1-based request ordinal from 3, [1, 2], "2-4" or "5-"."""
    items = value if isinstance(value, list) else [value]
    ranges = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and item >= 1:
            ranges.append((item, item))
            continue
        _require(isinstance(item, str) and '-' in item, '%s.requests: %r is not a request number (1, 2, ...), "N-M" or "N-"' % (where, item))
        low, high = item.split('-', 1)
        _require(low.strip().isdigit() and (not high.strip() or high.strip().isdigit()), '%s.requests: %r is not "N-M" or "N-"' % (where, item))
        ranges.append((int(low), int(high) if high.strip() else None))
    return lambda ordinal: any(low <= ordinal and (high is None or ordinal <= high) for low, high in ranges)


def _check_kind_options(rule, kind, where):
    if kind == 'http_status':
        _require(isinstance(rule.get('status'), int) and 100 <= rule['status'] <= 599, '%s.status must be an HTTP status code' % where)
        retry_after = rule.get('retry_after')
        _require(retry_after is None or _is_number(retry_after) or isinstance(retry_after, str),
                 '%s.retry_after must be seconds, "http-date+SECONDS" or a literal header value' % where)
    elif kind == 'hang':
        seconds = rule.get('seconds', 30)
        _require(_is_number(seconds) and 0 < seconds <= MAX_HANG_SECONDS, '%s.seconds must be a number in (0, %d]' % (where, MAX_HANG_SECONDS))
    elif kind == 'html':
        _require(isinstance(rule.get('status', 200), int), '%s.status must be an HTTP status code' % where)
    elif kind == 'truncated_json':
        _require(rule.get('keep') is None or (isinstance(rule['keep'], int) and rule['keep'] >= 0), '%s.keep must be a byte count' % where)
    elif kind == 'result_code':
        _require(isinstance(rule.get('code'), int) and not isinstance(rule.get('code'), bool), '%s.code must be an integer result code' % where)
    elif kind == 'mutate':
        for key in ('phone_fields', 'envelope'):
            _require(isinstance(rule.get(key, {}), dict), '%s.%s must be a mapping' % (where, key))
        for key in ('drop_fields', 'omit_numbers'):
            _require(isinstance(rule.get(key, []), list), '%s.%s must be a list' % (where, key))
        _require(any(key in rule for key in FAULT_KINDS['mutate']), '%s: mutate needs at least one of %s' % (where, ', '.join(FAULT_KINDS['mutate'])))
    elif kind == 'data_shape':
        _require(rule.get('shape') in ('object', 'array'), '%s.shape must be "object" or "array"' % where)
    elif kind == 'drip':
        _require(rule.get('phase', 'status') in DRIP_PHASES, '%s.phase must be one of %s' % (where, ', '.join(DRIP_PHASES)))
        interval = rule.get('interval', 1)
        _require(_is_number(interval) and 0 < interval <= 10, '%s.interval must be seconds in (0, 10]' % where)
    elif kind == 'padded':
        _require(_is_number(rule.get('mb')) and 0 <= rule['mb'] <= MAX_PADDED_MB, '%s.mb must be MiB in [0, %d]' % (where, MAX_PADDED_MB))
        _require(isinstance(rule.get('gzip', False), bool), '%s.gzip must be true or false' % where)
    elif kind == 'echo':
        _require(rule.get('into', 'message') in ('message', 'http_body'), '%s.into must be "message" or "http_body"' % where)
    elif kind == 'raw':
        _require(isinstance(rule.get('status', 200), int), '%s.status must be an HTTP status code' % where)
        _require(('body' in rule) != ('nesting' in rule), '%s: raw needs exactly one of body, nesting' % where)
        _require('body' not in rule or isinstance(rule['body'], str), '%s.body must be a string' % where)
        _require('nesting' not in rule or (isinstance(rule['nesting'], int) and 0 < rule['nesting'] <= 10 ** 7),
                 '%s.nesting must be a depth in [1, 10000000]' % where)


def parse_rule(rule, index):
    """Return a checked copy of one rule, with its `requests` selector compiled."""
    where = 'faults[%d]' % index
    _require(isinstance(rule, dict), '%s must be a mapping' % where)
    kind = rule.get('fault', 'latency' if 'delay' in rule else None)
    _require(kind in FAULT_KINDS, '%s.fault must be one of: %s' % (where, ', '.join(sorted(FAULT_KINDS))))
    unknown = sorted(set(rule) - set(COMMON_KEYS) - set(FAULT_KINDS[kind]))
    _require(not unknown, '%s: unknown keys for fault %s: %s' % (where, kind, ', '.join(unknown)))
    _require(rule.get('times') is None or (isinstance(rule['times'], int) and rule['times'] >= 1), '%s.times must be a positive integer' % where)
    delay = rule.get('delay', 0)
    _require(_is_number(delay) and 0 <= delay <= MAX_DELAY_SECONDS, '%s.delay must be seconds in [0, %d]' % (where, MAX_DELAY_SECONDS))
    for key in ('appkey', 'access_key', 'algorithm'):
        _require(rule.get(key) is None or isinstance(rule[key], str), '%s.%s must be a string' % (where, key))
    if 'phone' in rule:
        _require(isinstance(rule['phone'], (str, int)) and str(rule['phone']).isdigit(), '%s.phone must be digits' % where)
    _check_kind_options(rule, kind, where)
    parsed = dict(rule)
    parsed['fault'] = kind
    parsed['name'] = str(rule.get('name', '%s#%d' % (kind, index + 1)))
    parsed['requests'] = _parse_ordinals(rule['requests'], where) if 'requests' in rule else None
    return parsed


def parse_rules(raw):
    """Return the checked rules of a parsed fault file (a list, or a mapping with `faults`)."""
    if isinstance(raw, dict):
        _require(set(raw) <= {'faults', 'description'}, 'a fault file mapping holds only "faults" (and "description")')
        raw = raw.get('faults', [])
    if raw is None:
        raw = []
    _require(isinstance(raw, list), 'a fault file holds a list of rules')
    return [parse_rule(rule, index) for index, rule in enumerate(raw)]


def load_rules(path):
    """Return the checked rules of the fault file at `path` (YAML or JSON)."""
    try:
        with open(path, 'rb') as fault_file:
            text = fault_file.read().decode('utf-8')
        raw = json.loads(text) if os.path.splitext(path)[1].lower() == '.json' else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise FaultFileError('cannot read fault file %s: %s' % (path, error))
    try:
        return parse_rules(raw)
    except FaultFileError as error:
        raise FaultFileError('fault file %s: %s' % (path, error))


class FaultPlan:
    """The rules plus how often each fired; safe to share between request threads."""

    def __init__(self, rules=None):
        self.rules = rules or []
        self.fired = [0] * len(self.rules)
        self._lock = threading.Lock()

    def choose(self, ordinal, access_key, algorithm, body):
        """Return the rule to apply to this request (and count it as fired), or None."""
        appkey = body.get('appkey') if isinstance(body.get('appkey'), str) else None
        phones = body.get('business_phones') if isinstance(body.get('business_phones'), str) else ''
        requested = set(item.strip() for item in phones.split(','))
        with self._lock:
            for index, rule in enumerate(self.rules):
                if rule.get('times') is not None and self.fired[index] >= rule['times']:
                    continue
                if rule['requests'] is not None and not rule['requests'](ordinal):
                    continue
                if rule.get('appkey') is not None and (appkey is None or not fnmatch.fnmatchcase(appkey, rule['appkey'])):
                    continue
                if rule.get('access_key') is not None and not fnmatch.fnmatchcase(access_key or '', rule['access_key']):
                    continue
                if rule.get('algorithm') is not None and (algorithm or 'md5').lower() != rule['algorithm'].lower():
                    continue
                if rule.get('phone') is not None and str(rule['phone']) not in requested:
                    continue
                self.fired[index] += 1
                return rule
        return None


def mutate_answer(answer, rule):
    """Return a copy of a success answer changed as a `mutate` rule says.

    phone_fields: set on every phone object (wrong types, unknown fields and values);
    drop_fields: removed from every phone object; omit_numbers: numbers left out;
    entries: replaces what each number maps to (object shape) or each array item;
    data: replaces `data` whole; envelope: top-level keys set last (e.g. code "0").
    """
    answer = copy.deepcopy(answer)
    data = answer.get('data')
    omit = set(str(number) for number in rule.get('omit_numbers', []))
    if isinstance(data, dict) and 'business_phones' in data and isinstance(data['business_phones'], list):
        items = [item for item in data['business_phones']
                 if ''.join(ch for ch in str(item.get('display_phone_number', '')) if ch.isdigit()) not in omit]
        data['business_phones'] = [_mutated_phone(item, rule) for item in items]
        if 'entries' in rule:
            data['business_phones'] = [copy.deepcopy(rule['entries']) for dummy in data['business_phones']]
    elif isinstance(data, dict):
        for number in list(data):
            if number in omit:
                del data[number]
                continue
            data[number] = [_mutated_phone(item, rule) for item in data[number]]
            if 'entries' in rule:
                data[number] = copy.deepcopy(rule['entries'])
    if 'data' in rule:
        answer['data'] = copy.deepcopy(rule['data'])
    answer.update(copy.deepcopy(rule.get('envelope', {})))
    return answer


def _mutated_phone(phone, rule):
    phone = dict(phone)
    for name in rule.get('drop_fields', []):
        phone.pop(name, None)
    phone.update(copy.deepcopy(rule.get('phone_fields', {})))
    return phone


def truncated(body_bytes, rule):
    """Return the answer bytes cut short, so that they are not valid JSON."""
    keep = rule.get('keep')
    if keep is None:
        keep = max(1, len(body_bytes) // 2)
    return body_bytes[:min(keep, max(0, len(body_bytes) - 1))]


def raw_payload(rule):
    """Return the bytes a `raw` rule sends: its body as UTF-8, or a success envelope whose data nests `nesting` arrays deep."""
    if 'body' in rule:
        return rule['body'].encode('utf-8')
    depth = rule['nesting']
    return b'{"code":0,"message":"Request successful","data":' + b'[' * depth + b']' * depth + b'}'


def padded(payload, rule):
    """Return the answer followed by `mb` MiB of spaces (still valid JSON), gzip-compressed when `gzip` is true.

    The compressed form is a series of gzip members (a gzip stream may hold several, read as one
    text): the answer, then one same small member per MiB of spaces, so that even a 1 GiB
    answer (about 1 MiB compressed: a compression bomb) is made at once.
    """
    size = int(rule['mb'] * 1024 * 1024)
    if not rule.get('gzip'):
        return payload + b' ' * size
    whole, rest = divmod(size, _MIB)
    return gzip.compress(payload) + _SPACES_MEMBER * whole + gzip.compress(b' ' * rest)


_MIB = 1024 * 1024
_SPACES_MEMBER = gzip.compress(b' ' * _MIB, 9)


def echoed_headers(headers):
    """Return the request's headers as one text, as a service or proxy that says what it got would."""
    return '; '.join('%s: %s' % (name, value) for name, value in sorted(headers.items()))
