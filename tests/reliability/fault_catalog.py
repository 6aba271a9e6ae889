# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rows of the fault matrix: each fault the simulator injects, and what each target must end with.

A row names simulator fault rules (tests/simulator/README.md, "Fault file") and, per target
(the phone_info module, the phone_compliance role), the one acceptable ending:

* ``recovered``: the run succeeds within the retry budget and the answer is right (the module's
  phones are exactly the simulator's, changed only as the fault changed them; the role passes
  with every number judged);
* ``failed``: the run fails, and the message says what happened (``says``, a regular expression)
  and what to do about it (a remedy: check / contact / set / try again / bind / report / fix).

Every row runs with timeout TIMEOUT and retries RETRIES, so the time a row may take is known in
advance (``budget_seconds``); a run that takes longer than that plus the start-up allowance is a hang.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from reliability_world import NUMBERS

TIMEOUT = 2
RETRIES = 2
# Longer than any budget below: a client that does not time out would be caught.
LONG_SECONDS = 60


class Expect(object):
    """The acceptable ending of one cell."""

    def __init__(self, outcome, says=None, phones=None, missing=None, report_status=None, retried=False):
        self.outcome = outcome
        self.says = says
        self.phones = phones          # function: healthy phones by number -> expected phones by number
        self.missing = missing or []  # indexes into NUMBERS expected in the module's `missing`
        self.report_status = report_status
        self.retried = retried        # a retry warning must show that the fault was met and retried


def recovered(phones=None, missing=None, retried=False):
    """The run must succeed, with the right answer."""
    return Expect('recovered', phones=phones, missing=missing, retried=retried)


def failed(says, report_status='errored'):
    """The run must fail with a message matching ``says`` (and a remedy); the role's report, if any, must say report_status."""
    return Expect('failed', says=says, report_status=report_status)


def _set_fields(**fields):
    def change(phones):
        return dict((number, dict(phone, **fields)) for number, phone in phones.items())
    return change


def _drop_field(name):
    def change(phones):
        return dict((number, dict((key, value) for key, value in phone.items() if key != name)) for number, phone in phones.items())
    return change


def _without(index):
    def change(phones):
        return dict((number, phone) for number, phone in phones.items() if number != NUMBERS[index])
    return change


def _none(phones):
    return {}


# phone_info made in the controller's process (a local connection), phone_info run as a module
# process (the environment keyword forces it, as another host, become or async would), the role.
MODULE_TARGETS = ('module', 'module-process')
# The inventory plugin nxcloud.whatsapp.phones reads like phone_info, so each row's module
# expectation judges it; it runs on every row (see columns()), whatever the row's targets.
INVENTORY_TARGET = 'inventory'
ALL_TARGETS = MODULE_TARGETS + ('role', INVENTORY_TARGET)


class FaultCase(object):
    """One row of the matrix."""

    def __init__(self, name, kind, rules, module, role, data_shape='object', verbose=False, extra_wait=0.0, targets=ALL_TARGETS):
        self.name = name
        self.targets = targets
        self.kind = kind
        self.rules = rules
        self.module = module
        self.role = role
        self.data_shape = data_shape
        self.verbose = verbose
        self.extra_wait = extra_wait  # Retry-After seconds the client is asked to wait

    def expectation(self, target):
        return self.role if target == 'role' else self.module

    def budget_seconds(self):
        """The most time the client may spend on the service: every attempt timing out, every backoff at its ceiling."""
        attempts = RETRIES + 1
        backoff = sum(min(30.0, 2.0 ** (attempt - 1)) for attempt in range(1, attempts))
        return attempts * TIMEOUT + backoff + self.extra_wait


# The role turns every failed call into the same errored environment, so it runs for a few codes
# only (one per kind of remedy: credentials, clock, unknown); the module runs for every code.
ROLE_RESULT_CODES = (1003, 1004, 4242)


def _result_code_case(code, says):
    return FaultCase('result_code %s' % code, 'result_code', [{'fault': 'result_code', 'code': code}],
                     failed(says), failed(says), verbose=code == 1003,
                     targets=ALL_TARGETS if code in ROLE_RESULT_CODES else MODULE_TARGETS)


CASES = [
    FaultCase('latency within the timeout', 'latency', [{'fault': 'latency', 'delay': 0.5}], recovered(), recovered()),
    FaultCase('latency past the timeout, once', 'latency', [{'fault': 'latency', 'delay': LONG_SECONDS, 'times': 1}],
              recovered(retried=True), recovered()),
    FaultCase('HTTP 429 Retry-After seconds, once', 'http_status', [{'fault': 'http_status', 'status': 429, 'retry_after': 1, 'times': 1}],
              recovered(retried=True), recovered(), extra_wait=1),
    FaultCase('HTTP 429 Retry-After HTTP-date, once', 'http_status',
              [{'fault': 'http_status', 'status': 429, 'retry_after': 'http-date+2', 'times': 1}],
              recovered(retried=True), recovered(), extra_wait=3, verbose=True),
    FaultCase('HTTP 429 unreadable Retry-After, once', 'http_status',
              [{'fault': 'http_status', 'status': 429, 'retry_after': 'after lunch', 'times': 1}], recovered(retried=True), recovered()),
    FaultCase('HTTP 429 always', 'http_status', [{'fault': 'http_status', 'status': 429, 'retry_after': 1}],
              failed(r'HTTP 429'), failed(r'HTTP 429'), extra_wait=2),
    FaultCase('HTTP 500, once', 'http_status', [{'fault': 'http_status', 'status': 500, 'times': 1}], recovered(retried=True), recovered()),
    FaultCase('HTTP 502, once', 'http_status', [{'fault': 'http_status', 'status': 502, 'times': 1}], recovered(retried=True), recovered()),
    FaultCase('HTTP 503, first 2 then answer', 'http_status', [{'fault': 'http_status', 'status': 503, 'times': 2}],
              recovered(retried=True), recovered()),
    FaultCase('HTTP 504, once', 'http_status', [{'fault': 'http_status', 'status': 504, 'times': 1}], recovered(retried=True), recovered()),
    FaultCase('HTTP 503 always', 'http_status', [{'fault': 'http_status', 'status': 503}],
              failed(r'HTTP 503.*3 attempts'), failed(r'HTTP 503.*3 attempts')),
    FaultCase('HTTP 404 (not retried)', 'http_status', [{'fault': 'http_status', 'status': 404}],
              failed(r'HTTP 404'), failed(r'HTTP 404')),
    FaultCase('dropped connection, once', 'drop', [{'fault': 'drop', 'times': 1}], recovered(retried=True), recovered()),
    FaultCase('dropped connection always', 'drop', [{'fault': 'drop'}],
              failed(r'3 attempts.*connection'), failed(r'3 attempts.*connection')),
    FaultCase('hang past the timeout, once', 'hang', [{'fault': 'hang', 'seconds': LONG_SECONDS, 'times': 1}],
              recovered(retried=True), recovered()),
    FaultCase('hang past the timeout always', 'hang', [{'fault': 'hang', 'seconds': LONG_SECONDS}],
              failed(r'3 attempts.*no answer within the timeout of 2'), failed(r'3 attempts.*no answer within the timeout of 2'),
              verbose=True),
    FaultCase('HTML page with 200', 'html', [{'fault': 'html'}], failed(r'not JSON'), failed(r'not JSON')),
    FaultCase('HTML page with 502 always', 'html', [{'fault': 'html', 'status': 502}], failed(r'HTTP 502'), failed(r'HTTP 502')),
    FaultCase('truncated JSON', 'truncated_json', [{'fault': 'truncated_json'}], failed(r'not JSON'), failed(r'not JSON')),
    FaultCase('code 0 with data null', 'null_data', [{'fault': 'null_data'}], failed(r'data is null'), failed(r'data is null')),
    _result_code_case(-1, r'result code -1 .*contact NxCloud support'),
    _result_code_case(1000, r'result code 1000 .*check access_key and access_secret'),
    _result_code_case(1001, r'result code 1001 .*bug in nxcloud.whatsapp'),
    _result_code_case(1002, r'result code 1002 .*check the module parameters'),
    _result_code_case(1003, r'result code 1003 .*check access_secret'),
    _result_code_case(1004, r'result code 1004 .*NTP'),
    _result_code_case(1005, r'result code 1005 .*WhatsApp permission'),
    _result_code_case(9000, r'result code 9000 .*check appkey'),
    _result_code_case(9001, r'result code 9001 .*contact NxCloud support'),
    _result_code_case(9002, r'result code 9002 .*check business_phones'),
    _result_code_case(9006, r'result code 9006 .*bind the number'),
    _result_code_case(4242, r'result code 4242 .*undocumented.*contact NxCloud support'),
    FaultCase('wrong types in fields', 'mutate', [{'fault': 'mutate', 'phone_fields': {'quality_rating': 5, 'status': None, 'current_limit': ['x']}}],
              recovered(phones=_set_fields(quality_rating=5, status=None, current_limit=['x'])),
              failed(r'status: expected CONNECTED, observed nothing.*status as null', report_status='failed')),
    FaultCase('unknown fields and values', 'mutate',
              [{'fault': 'mutate', 'phone_fields': {'status': 'SUSPENDED_BY_META', 'brand_new_field': {'nested': [1, 'two']}}}],
              recovered(phones=_set_fields(status='SUSPENDED_BY_META', brand_new_field={'nested': [1, 'two']})),
              failed(r'status: expected CONNECTED, observed SUSPENDED_BY_META', report_status='failed')),
    FaultCase('a number left out of the answer', 'mutate', [{'fault': 'mutate', 'omit_numbers': ['12025550199']}],
              recovered(phones=_without(1), missing=[1]),
              failed(r'12025550199 required_number: expected present in the app, observed absent', report_status='failed')),
    FaultCase('a field left out', 'mutate', [{'fault': 'mutate', 'drop_fields': ['code_verification_status']}],
              recovered(phones=_drop_field('code_verification_status')),
              failed(r'code_verification_status: .*no code_verification_status field', report_status='failed')),
    FaultCase('every number without a phone object', 'mutate', [{'fault': 'mutate', 'entries': []}],
              recovered(phones=_none, missing=[0, 1, 2]),
              failed(r'required_number: expected present in the app, observed absent', report_status='failed')),
    FaultCase('a number mapped to a string', 'mutate', [{'fault': 'mutate', 'entries': 'not a list'}],
              failed(r'where a list of phone objects was expected'), failed(r'where a list of phone objects was expected')),
    FaultCase('data is an array', 'mutate', [{'fault': 'mutate', 'data': ['8613800138100']}],
              failed(r'array as data where an object was expected'), failed(r'array as data where an object was expected')),
    FaultCase('result code as the string "0"', 'mutate', [{'fault': 'mutate', 'envelope': {'code': '0'}}], recovered(), recovered()),
    FaultCase('result code not a number', 'mutate', [{'fault': 'mutate', 'envelope': {'code': 'zero'}}],
              failed(r"result code 'zero' that is not an integer"), failed(r"result code 'zero' that is not an integer")),
    FaultCase('answer in the array shape', 'data_shape', [{'fault': 'data_shape', 'shape': 'array'}], recovered(), recovered()),
    FaultCase('array shape without display_phone_number', 'mutate', [{'fault': 'mutate', 'drop_fields': ['display_phone_number']}],
              failed(r'without a usable display_phone_number'), failed(r'without a usable display_phone_number'), data_shape='array'),
]


def columns(case):
    """Return the targets a row runs for: its own, and the inventory plugin on every row."""
    return tuple(case.targets) + tuple(target for target in (INVENTORY_TARGET,) if target not in case.targets)


# The cells of the matrix: (row, target) for every target the row runs for.
CELLS = [(case, target) for case in CASES for target in columns(case)]
