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
  and what to do about it (a remedy: check / contact / set / try again / bind / report / fix);
* ``refused``: an option or role variable is refused before any request, with such a message (the
  role writes no report then: nothing was read).

A row may also set cell variables (``variables``: a bad option, credentials in api_url), name more
secrets for the scan (``secrets``), and list text that must never reach an output raw (``absent``:
terminal escapes) or bound the size of the output (``max_output_bytes``).

Every row runs with timeout TIMEOUT and retries RETRIES, so the time a row may take is known in
advance (``budget_seconds``); a run that takes longer than that plus the start-up allowance is a hang.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

from reliability_world import ACCESS_SECRET, NUMBERS

TIMEOUT = 2
RETRIES = 2
# Longer than any budget below: a client that does not time out would be caught.
LONG_SECONDS = 60


class Expect(object):
    """The acceptable ending of one cell."""

    def __init__(self, outcome, says=None, phones=None, missing=None, report_status=None, retried=False, absent=(), max_output_bytes=None,
                 warned=None):
        self.outcome = outcome
        self.says = says
        self.absent = absent
        self.max_output_bytes = max_output_bytes
        self.warned = warned          # a regular expression the output must match (a warning shown before a wait)
        self.phones = phones          # function: healthy phones by number -> expected phones by number
        self.missing = missing or []  # indexes into NUMBERS expected in the module's `missing`
        self.report_status = report_status
        self.retried = retried        # a retry warning must show that the fault was met and retried


def recovered(phones=None, missing=None, retried=False):
    """The run must succeed, with the right answer."""
    return Expect('recovered', phones=phones, missing=missing, retried=retried)


def failed(says, report_status='errored', **checks):
    """The run must fail with a message matching ``says`` (and a remedy); the role's report, if any, must say report_status."""
    return Expect('failed', says=says, report_status=report_status, **checks)


def refused(says):
    """The run must fail before any request, with a message matching ``says`` (and a remedy), and write no report."""
    return Expect('refused', says=says)


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
# expectation judges it (or the row's own inventory expectation, where the plugin's message
# legitimately differs); it runs on every row that has a module expectation (see columns()).
INVENTORY_TARGET = 'inventory'
ALL_TARGETS = MODULE_TARGETS + ('role', INVENTORY_TARGET)


class FaultCase(object):
    """One row of the matrix."""

    def __init__(self, name, kind, rules, module, role, data_shape='object', verbose=False, extra_wait=0.0, targets=ALL_TARGETS,
                 variables=None, secrets=None, inventory=None):
        self.name = name
        self.inventory = inventory    # the inventory column's own expectation, where it differs from the module's
        self.variables = variables    # function: simulator URL -> cell variables set for this row
        self.secrets = secrets        # function: simulator URL -> more values the outputs must never hold
        self.targets = targets
        self.kind = kind
        self.rules = rules
        self.module = module
        self.role = role
        self.data_shape = data_shape
        self.verbose = verbose
        self.extra_wait = extra_wait  # Retry-After seconds the client is asked to wait

    def expectation(self, target):
        if target == 'role':
            return self.role
        if target == INVENTORY_TARGET and self.inventory is not None:
            return self.inventory
        return self.module

    @property
    def reaches_service(self):
        """Whether the row's run makes a request at all (an option refused up front makes none)."""
        return bool(self.rules) and not any(expect is not None and expect.outcome == 'refused' for expect in (self.module, self.role, self.inventory))

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


# ------------------------------------------------------------------------------------------------
# Hardening (issue 11): a hostile or broken service, odd JSON, odd options.

def _userinfo_url(url):
    return url.replace('://', '://gwuser:gw%3Apass@', 1)


def _userinfo_secrets(url):
    # requests sends the userinfo as "Authorization: Basic base64(user:password)", which the echo shows.
    return ['gw:pass', 'gw%3Apass', base64.b64encode(b'gwuser:gw:pass').decode('ascii')]


def _schemeless_userinfo_url(url):
    return 'puser:schemelesspass@' + url.split('://', 1)[1]


ESCAPES_BODY = 'bad request \x1b[2J\x1b[31mred\x1b[0m \x00 end'
SURROGATE_BODY = ('{"code":0,"message":"Request successful","data":{"%s":[{"display_phone_number":"+86 138 0013 8100",'
                  '"verified_name":"bad \\ud800 name","quality_rating":"GREEN","status":"CONNECTED",'
                  '"code_verification_status":"VERIFIED","name_status":"APPROVED","current_limit":"TIER_1K"}]}}' % NUMBERS[0])
EXPONENT_NUMBER_BODY = ('{"code":0,"message":"Request successful","data":{"business_phones":[{"display_phone_number":8.6138e12,'
                        '"verified_name":"x","quality_rating":"GREEN","status":"CONNECTED","code_verification_status":"VERIFIED"}]}}')
LONG_MESSAGE = 'x' * (5 * 1024 * 1024)

HARDENING_CASES = [
    FaultCase('status line dripped a byte a second', 'drip', [{'fault': 'drip', 'phase': 'status', 'interval': 1}],
              failed(r'3 attempts.*no answer within the timeout of 2 s'), failed(r'3 attempts.*no answer within the timeout of 2 s')),
    FaultCase('headers dripped a byte a second', 'drip', [{'fault': 'drip', 'phase': 'headers', 'interval': 1}],
              failed(r'3 attempts.*no answer within the timeout of 2 s'), failed(r'3 attempts.*no answer within the timeout of 2 s')),
    FaultCase('body dripped a byte a second', 'drip', [{'fault': 'drip', 'phase': 'body', 'interval': 1}],
              failed(r'3 attempts.*no answer within the timeout of 2 s'), failed(r'3 attempts.*no answer within the timeout of 2 s')),
    FaultCase('gzip bomb (256 MiB from 256 KiB)', 'padded', [{'fault': 'padded', 'mb': 256, 'gzip': True}],
              failed(r'larger than max_response_mb \(64 MiB'), failed(r'larger than max_response_mb \(64 MiB')),
    FaultCase('plain answer of 80 MiB', 'padded', [{'fault': 'padded', 'mb': 80}],
              failed(r'larger than max_response_mb \(64 MiB'), failed(r'larger than max_response_mb \(64 MiB')),
    FaultCase('answer of 1 MiB gzip-compressed', 'padded', [{'fault': 'padded', 'mb': 1, 'gzip': True}], recovered(), recovered()),
    FaultCase('signature echoed in a result-code message', 'echo', [{'fault': 'echo', 'into': 'message'}],
              failed(r'result code 1003 .*sign check failed: received .*sign: \*{8}'),
              failed(r'result code 1003 .*sign check failed: received .*sign: \*{8}'), verbose=True),
    FaultCase('Authorization echoed in an HTTP error body', 'echo', [{'fault': 'echo', 'into': 'http_body'}],
              failed(r'HTTP 400 .*Authorization: Basic \*{8}'), failed(r'HTTP 400 .*Authorization: Basic \*{8}'),
              variables=lambda url: {'cell_api_url': _userinfo_url(url)}, secrets=_userinfo_secrets, verbose=True),
    FaultCase('terminal escapes and NUL in an HTTP error body', 'http_status', [{'fault': 'http_status', 'status': 400, 'body': ESCAPES_BODY}],
              failed(r'HTTP 400 .*\\x1b\[2J', absent=('\x1b', '\x00')), failed(r'HTTP 400', absent=('\x1b', '\x00'))),
    FaultCase('result-code message of 5 MiB', 'result_code', [{'fault': 'result_code', 'code': 4242, 'message': LONG_MESSAGE}],
              failed(r'result code 4242 .*characters in all', max_output_bytes=512 * 1024),
              failed(r'result code 4242 .*characters in all', max_output_bytes=512 * 1024)),
    FaultCase('Retry-After 99999 always', 'http_status', [{'fault': 'http_status', 'status': 429, 'retry_after': 99999}],
              failed(r'HTTP 429.*gave up after 3 attempts', warned=r'asked to wait 99999 s \(Retry-After\)'),
              failed(r'HTTP 429.*gave up after 3 attempts'), extra_wait=60),
    FaultCase('lone surrogate in a string', 'raw', [{'fault': 'raw', 'body': SURROGATE_BODY}],
              failed(r'not valid Unicode .*verified_name'), failed(r'not valid Unicode .*verified_name')),
    FaultCase('control characters in a string field', 'mutate', [{'fault': 'mutate', 'phone_fields': {'verified_name': 'a\x00b\x1b[2Jc'}}],
              recovered(phones=_set_fields(verified_name='a\x00b\x1b[2Jc')), recovered()),
    FaultCase('number in exponent notation as a key', 'mutate', [{'fault': 'mutate', 'data': {'8.6138001380E12': [{'status': 'CONNECTED'}]}}],
              failed(r'exponent notation'), failed(r'exponent notation')),
    FaultCase('number in exponent notation as a JSON number', 'raw', [{'fault': 'raw', 'body': EXPONENT_NUMBER_BODY}],
              failed(r'without a usable display_phone_number \(8613800000000.0\)'),
              failed(r'without a usable display_phone_number \(8613800000000.0\)')),
    FaultCase('JSON nested 100000 deep', 'raw', [{'fault': 'raw', 'nesting': 100000}],
              failed(r'nested too deeply'), failed(r'nested too deeply')),
    FaultCase('api_url without a scheme, with a password', 'options', [],
              refused(r"api_url '\*\*\*@127\.0\.0\.1:\d+' is not an http\(s\) URL"),
              failed(r"api_url '\*\*\*@127\.0\.0\.1:\d+' is not an http\(s\) URL"),
              variables=lambda url: {'cell_api_url': _schemeless_userinfo_url(url)}, secrets=lambda url: ['schemelesspass']),
    FaultCase('api_url with a query', 'options', [], refused(r'api_url .* has a query or a fragment'),
              failed(r'api_url .* has a query or a fragment'), variables=lambda url: {'cell_api_url': url + '/?tenant=1'}),
    FaultCase('blank business_phones entries', 'options', [], refused(r'business_phones has a blank entry'),
              failed(r'business_phones has a blank entry'), variables=lambda url: {'cell_phone_filter': ['', ' ', ',']}),
    FaultCase('timeout of 10**12 seconds', 'options', [], refused(r'timeout must be a number of seconds from 1 to 600'),
              failed(r'timeout must be a number of seconds from 1 to 600'), variables=lambda url: {'cell_timeout': 10 ** 12}),
    FaultCase('retries 10**30', 'options', [], refused(r'retries must be from 0 to 10'),
              failed(r'retries must be from 0 to 10'), variables=lambda url: {'cell_retries': 10 ** 30}),
    FaultCase('access_secret given as a list', 'options', [], refused(r'access_secret must be a string, not a list'),
              refused(r'phone_compliance_access_secret must be a string'),
              variables=lambda url: {'cell_access_secret': [ACCESS_SECRET, 'second']}),
    FaultCase('report_dir given as a number', 'options', [], None,
              refused(r'phone_compliance_report_dir must be a path \(a string\), not an integer'),
              variables=lambda url: {'cell_report_dir': 123}, targets=('role',)),
]
CASES.extend(HARDENING_CASES)


def columns(case):
    """Return the targets a row runs for: its own, and the inventory plugin on every row that has a phone_info expectation.

    A row without one (a role variable such as report_dir) names nothing the inventory plugin has.
    """
    inventory = (INVENTORY_TARGET,) if case.module is not None and INVENTORY_TARGET not in case.targets else ()
    return tuple(target for target in case.targets if target != INVENTORY_TARGET or case.module is not None) + inventory


# The cells of the matrix: (row, target) for every target the row runs for.
CELLS = [(case, target) for case in CASES for target in columns(case)]
