# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compliance rules for WhatsApp business numbers: phones + policy + waivers in, results out.

Pure functions, no I/O, no clock: ``today`` is always passed in. The phones are the ``phones``
and ``missing`` lists returned by ``nxcloud.whatsapp.phone_info``; their field values are
untrusted and judged as they are (an odd spelling, a null, a number or a list is reported as
observed, never a crash). The policy and the waivers are the user's input and are validated:
a bad entry raises ComplianceInputError naming it.

Every result has the same keys: environment, number, check, expected, observed, severity,
status (passed / failed / warned / waived / errored), reason and waiver.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import math
import re

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _phones as phone_numbers
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import digits_of, type_name, with_article

try:
    from collections.abc import Mapping
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    Mapping = dict  # pylint: disable=invalid-name

# The checks, in the order their results are listed for a number.
CHECKS = (
    'status',
    'code_verification_status',
    'quality_rating',
    'name_status',
    'current_limit',
    'verified_name',
    'required_number',
)
DEFAULT_CHECKS = ('status', 'code_verification_status', 'quality_rating', 'required_number')

# Expired waivers are reported under this pseudo-check; it cannot be switched off or waived.
WAIVER_CHECK = 'waiver'
# A phone entry that is not an object at all (cannot be judged field by field).
RECORD_CHECK = 'record'
# The environment could not be evaluated (the API could not be read).
API_CHECK = 'phone_info'

SEVERITIES = ('fail', 'warn')
FAIL_ON = ('fail', 'warn', 'never')
STATUSES = ('errored', 'failed', 'warned', 'waived', 'passed')
_STATUS_OF_SEVERITY = {'fail': 'failed', 'warn': 'warned'}

# Messaging limit tiers from lowest to highest. Anything else ("", TIER_NOT_SET, UNTIERED, a
# value nobody has seen) is "not known": it never passes a minimum-tier check silently.
TIER_ORDER = ('TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED')
_TIER_RANK = dict((tier, rank) for rank, tier in enumerate(TIER_ORDER))

# Quality ratings the provider and Meta document. NA / UNKNOWN / UNKNOW (sic) mean "not rated yet"
# and pass the default "not RED" rule; a value outside this list is reported as not documented.
DOCUMENTED_QUALITY_RATINGS = ('GREEN', 'YELLOW', 'RED', 'NA', 'UNKNOWN', 'UNKNOW')
UNRATED_QUALITY_RATINGS = ('NA', 'UNKNOWN', 'UNKNOW')

DEFAULT_SEVERITY = {
    'status': 'fail',
    'code_verification_status': 'fail',
    'name_status': 'fail',
    'current_limit': 'fail',
    'verified_name': 'warn',
    'required_number': 'fail',
    WAIVER_CHECK: 'warn',
}

DEFAULT_POLICY = {
    'checks': list(DEFAULT_CHECKS),
    'expected_status': ['CONNECTED'],
    'expected_code_verification_status': ['VERIFIED'],
    'quality_fail_values': ['RED'],
    'quality_warn_values': ['YELLOW'],
    # Severity of a quality rating that is absent, not a string, or not documented.
    'quality_unknown_severity': 'warn',
    'allowed_name_status': ['APPROVED', 'AVAILABLE_WITHOUT_REVIEW'],
    'minimum_tier': 'TIER_1K',
    # Severity of a messaging limit that is not known ("", TIER_NOT_SET, UNTIERED, ...): Meta moved
    # the limit to the business portfolio, so an empty value is common and not by itself a fault.
    'unknown_tier_severity': 'warn',
    'required_numbers': [],
    'display_names': {},
    'severity': dict(DEFAULT_SEVERITY),
}

_WAIVER_KEYS = ('number', 'check', 'reason', 'expires', 'owner', 'ticket')
_WAIVER_REQUIRED = ('number', 'check', 'reason', 'expires')
_ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


class ComplianceInputError(ValueError):
    """The policy, the waivers or the data handed to the rules is not usable; the message says why."""


# ---------------------------------------------------------------------------------------------
# small helpers


def _is_list(value):
    return isinstance(value, (list, tuple))


def _plain(value):
    """Return a value made of plain dict/list/str/int/float/bool/None, for results and reports."""
    if isinstance(value, Mapping):
        return dict((str(key), _plain(item)) for key, item in value.items())
    if _is_list(value):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # NaN and infinities are not JSON: shown as text
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        # Kept as is, subclass included: ansible-core < 2.19 marks service data as unsafe
        # (AnsibleUnsafeText), and that mark must survive so no one ever templates it.
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return repr(value)


def display_value(value, limit=200):
    """Return a value as short text for messages and reports: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        text = value if value else '""'
    else:
        try:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
        except (TypeError, ValueError):
            text = repr(value)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    return text


def normalise_number(entry, what):
    """Return the digits of a number the user typed, or raise ComplianceInputError naming ``what``."""
    try:
        return phone_numbers.normalise_number(entry)
    except ValueError as error:
        raise ComplianceInputError('%s: %s' % (what, error))


def _number_of_phone(phone):
    """Return the number of a phone entry as digits when possible, else as text of what was sent (None when absent)."""
    number = phone.get('number')
    if number is None:
        return None
    if isinstance(number, str):
        digits = digits_of(number)
        return digits or number
    if isinstance(number, int) and not isinstance(number, bool):
        return str(number)
    return display_value(number)


def parse_date(value, what):
    """Return a datetime.date from an ISO date string, a date or a datetime; raise ComplianceInputError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.match(text):
            try:
                return datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
            except ValueError:
                pass
    raise ComplianceInputError('%s: %r is not a date; write it as YYYY-MM-DD, e.g. "2026-06-30"' % (what, value))


# ---------------------------------------------------------------------------------------------
# policy and waivers


def _string_list(value, what, allow_empty=True):
    if isinstance(value, str) or not _is_list(value):
        raise ComplianceInputError('%s must be a list of strings, not %s (%s)' % (what, with_article(type_name(value)), display_value(value)))
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ComplianceInputError('%s[%d] must be a non-empty string, not %s' % (what, index, display_value(item)))
    if not allow_empty and not value:
        raise ComplianceInputError('%s must not be empty' % what)
    return [str(item).strip() for item in value]


def _severity(value, what):
    if value not in SEVERITIES:
        raise ComplianceInputError('%s must be one of %s, not %s' % (what, ', '.join(SEVERITIES), display_value(value)))
    return str(value)


def validate_policy(policy):
    """Return a complete, normalised policy from the user's (possibly partial) policy mapping.

    Keys left out take their default (DEFAULT_POLICY). Raises ComplianceInputError naming the
    first bad key or entry.
    """
    if policy is None:
        policy = {}
    if not isinstance(policy, Mapping):
        raise ComplianceInputError('the policy must be a mapping, not %s' % with_article(type_name(policy)))
    unknown = sorted(str(key) for key in policy if key not in DEFAULT_POLICY)
    if unknown:
        raise ComplianceInputError('unknown policy key(s): %s; known keys are %s' % (', '.join(unknown), ', '.join(sorted(DEFAULT_POLICY))))

    def get(key):
        return policy[key] if key in policy and policy[key] is not None else DEFAULT_POLICY[key]

    result = {}
    checks = _string_list(get('checks'), 'policy checks')
    for index, check in enumerate(checks):
        if check not in CHECKS:
            raise ComplianceInputError('policy checks[%d]: unknown check %r; known checks are %s' % (index, check, ', '.join(CHECKS)))
    result['checks'] = [check for check in CHECKS if check in checks]

    for key in ('expected_status', 'expected_code_verification_status', 'allowed_name_status'):
        result[key] = _string_list(get(key), 'policy %s' % key, allow_empty=False)
    for key in ('quality_fail_values', 'quality_warn_values'):
        result[key] = _string_list(get(key), 'policy %s' % key)
    both = sorted(set(result['quality_fail_values']) & set(result['quality_warn_values']))
    if both:
        raise ComplianceInputError('policy quality_fail_values and quality_warn_values both list %s; a rating can only have one severity'
                                   % ', '.join(both))
    result['quality_unknown_severity'] = _severity(get('quality_unknown_severity'), 'policy quality_unknown_severity')
    result['unknown_tier_severity'] = _severity(get('unknown_tier_severity'), 'policy unknown_tier_severity')

    minimum_tier = get('minimum_tier')
    if minimum_tier not in _TIER_RANK:
        raise ComplianceInputError('policy minimum_tier must be one of %s, not %s' % (', '.join(TIER_ORDER), display_value(minimum_tier)))
    result['minimum_tier'] = str(minimum_tier)

    required = get('required_numbers')
    if isinstance(required, str) or not _is_list(required):
        raise ComplianceInputError('policy required_numbers must be a list of numbers, not %s' % with_article(type_name(required)))
    numbers = []
    for index, entry in enumerate(required):
        number = normalise_number(entry, 'policy required_numbers[%d]' % index)
        if number not in numbers:
            numbers.append(number)
    result['required_numbers'] = numbers

    names = get('display_names')
    if not isinstance(names, Mapping):
        raise ComplianceInputError('policy display_names must be a mapping of number to expected display name, not %s' % with_article(type_name(names)))
    display_names = {}
    for key, name in names.items():
        number = normalise_number(key, 'policy display_names key')
        if not isinstance(name, str) or not name:
            raise ComplianceInputError('policy display_names[%r] must be the expected display name as a non-empty string, not %s'
                                       % (key, display_value(name)))
        if number in display_names and display_names[number] != name:
            raise ComplianceInputError('policy display_names gives number %s two different names (%r and %r)' % (number, display_names[number], name))
        display_names[number] = str(name)
    result['display_names'] = display_names

    severity = dict(DEFAULT_SEVERITY)
    overrides = get('severity')
    if not isinstance(overrides, Mapping):
        raise ComplianceInputError('policy severity must be a mapping of check to fail or warn, not %s' % with_article(type_name(overrides)))
    for check, level in overrides.items():
        if check not in DEFAULT_SEVERITY:
            raise ComplianceInputError('policy severity: no severity to set for %r; these checks take one: %s (quality_rating uses '
                                       'quality_fail_values / quality_warn_values)' % (check, ', '.join(sorted(DEFAULT_SEVERITY))))
        severity[check] = _severity(level, 'policy severity[%r]' % (check,))
    result['severity'] = severity
    return result


def validate_waivers(waivers):
    """Return the waivers as a list of normalised dicts; raise ComplianceInputError naming a bad entry.

    A waiver: ``number``, ``check`` (one of CHECKS), ``reason``, ``expires`` (YYYY-MM-DD, the last
    day the waiver applies), optional ``owner`` and ``ticket``.
    """
    if waivers is None:
        return []
    if isinstance(waivers, (str, Mapping)) or not _is_list(waivers):
        raise ComplianceInputError('the waivers must be a list of mappings, not %s' % with_article(type_name(waivers)))
    result = []
    for index, waiver in enumerate(waivers):
        where = 'waivers[%d]' % index
        if not isinstance(waiver, Mapping):
            raise ComplianceInputError('%s must be a mapping with number, check, reason and expires, not %s' % (where, with_article(type_name(waiver))))
        unknown = sorted(str(key) for key in waiver if key not in _WAIVER_KEYS)
        if unknown:
            raise ComplianceInputError('%s has unknown key(s) %s; a waiver takes %s' % (where, ', '.join(unknown), ', '.join(_WAIVER_KEYS)))
        absent = [key for key in _WAIVER_REQUIRED if waiver.get(key) in (None, '')]
        if absent:
            raise ComplianceInputError('%s lacks %s; every waiver needs number, check, reason and expires' % (where, ', '.join(absent)))
        check = waiver['check']
        if check not in CHECKS:
            raise ComplianceInputError('%s: unknown check %s; a waiver names one of %s' % (where, display_value(check), ', '.join(CHECKS)))
        if not isinstance(waiver['reason'], str) or not waiver['reason'].strip():
            raise ComplianceInputError('%s: reason must be a non-empty string saying why the violation is tolerated' % where)
        entry = {
            'number': normalise_number(waiver['number'], '%s number' % where),
            'check': str(check),
            'reason': str(waiver['reason']).strip(),
            'expires': parse_date(waiver['expires'], '%s expires' % where).isoformat(),
        }
        for key in ('owner', 'ticket'):
            if waiver.get(key) not in (None, ''):
                if not isinstance(waiver[key], (str, int)) or isinstance(waiver[key], bool):
                    raise ComplianceInputError('%s: %s must be a string, not %s' % (where, key, with_article(type_name(waiver[key]))))
                entry[key] = str(waiver[key])
        result.append(entry)
    return result


# ---------------------------------------------------------------------------------------------
# the checks: each returns (severity or None when passing, expected, observed, reason)


def _field(phone, field):
    """Return (present, value) of a field of a phone entry."""
    if field in phone:
        return True, phone[field]
    return False, None


def _unreadable_reason(field, present, value):
    """Return why a value cannot be compared as a string, or '' when it is a string."""
    if not present:
        return 'the service sent no %s field' % field
    if value is None:
        return 'the service sent %s as null' % field
    if not isinstance(value, str):
        return 'the service sent %s as %s, not as a string' % (field, with_article(type_name(value)))
    return ''


def _one_of(values):
    return values[0] if len(values) == 1 else 'one of %s' % ', '.join(values)


def _allowlist_check(phone, field, allowed, severity):
    present, value = _field(phone, field)
    expected = _one_of(allowed)
    unreadable = _unreadable_reason(field, present, value)
    if unreadable:
        return severity, expected, value, unreadable
    if value in allowed:
        return None, expected, value, ''
    return severity, expected, value, '%s is %s' % (field, value or 'empty')


def _check_status(phone, policy):
    return _allowlist_check(phone, 'status', policy['expected_status'], policy['severity']['status'])


def _check_code_verification_status(phone, policy):
    return _allowlist_check(phone, 'code_verification_status', policy['expected_code_verification_status'],
                            policy['severity']['code_verification_status'])


def _check_name_status(phone, policy):
    return _allowlist_check(phone, 'name_status', policy['allowed_name_status'], policy['severity']['name_status'])


def _check_quality_rating(phone, policy):
    present, value = _field(phone, 'quality_rating')
    flagged = policy['quality_fail_values'] + policy['quality_warn_values']
    expected = 'not %s' % ' or '.join(flagged) if flagged else 'any rating'
    unreadable = _unreadable_reason('quality_rating', present, value)
    if unreadable:
        return policy['quality_unknown_severity'], expected, value, unreadable
    if value in policy['quality_fail_values']:
        return 'fail', expected, value, 'quality rating is %s' % value
    if value in policy['quality_warn_values']:
        return 'warn', expected, value, 'quality rating is %s' % value
    if value in UNRATED_QUALITY_RATINGS:
        return None, expected, value, 'not rated yet'
    if value not in DOCUMENTED_QUALITY_RATINGS:
        return policy['quality_unknown_severity'], expected, value, 'quality rating %r is not a documented value' % value
    return None, expected, value, ''


def _check_current_limit(phone, policy):
    present, value = _field(phone, 'current_limit')
    minimum = policy['minimum_tier']
    expected = '%s or higher' % minimum
    unreadable = _unreadable_reason('current_limit', present, value)
    if unreadable:
        return policy['unknown_tier_severity'], expected, value, unreadable + ', so the messaging limit is not known'
    if value not in _TIER_RANK:
        return policy['unknown_tier_severity'], expected, value, 'messaging limit %r is not a known tier' % value
    if _TIER_RANK[value] < _TIER_RANK[minimum]:
        return policy['severity']['current_limit'], expected, value, 'messaging limit %s is below %s' % (value, minimum)
    return None, expected, value, ''


def _check_verified_name(phone, policy, number):
    expected = policy['display_names'][number]
    present, value = _field(phone, 'verified_name')
    severity = policy['severity']['verified_name']
    unreadable = _unreadable_reason('verified_name', present, value)
    if unreadable:
        return severity, expected, value, unreadable
    if value == expected:
        return None, expected, value, ''
    return severity, expected, value, 'display name differs from the expected one'


_FIELD_CHECKS = (
    ('status', _check_status),
    ('code_verification_status', _check_code_verification_status),
    ('quality_rating', _check_quality_rating),
    ('name_status', _check_name_status),
    ('current_limit', _check_current_limit),
)


# ---------------------------------------------------------------------------------------------
# evaluation


class _Evaluation(object):
    """Collects results for one environment and applies the waivers as it goes."""

    def __init__(self, environment, waivers, today):
        self.environment = environment
        self.today = today
        self.results = []
        self.waivers = waivers
        self.waiver_state = ['unused'] * len(waivers)
        self.waivers_by_subject = {}
        for index, waiver in enumerate(waivers):
            self.waivers_by_subject.setdefault((waiver['number'], waiver['check']), []).append(index)

    def _waiver_for(self, number, check):
        """Return (index of the valid waiver with the latest expiry or None, index of an expired one or None)."""
        valid, expired = None, None
        for index in self.waivers_by_subject.get((number, check), ()):
            expires = self.waivers[index]['expires']
            if expires >= self.today:
                if valid is None or expires > self.waivers[valid]['expires']:
                    valid = index
            elif expired is None or expires > self.waivers[expired]['expires']:
                expired = index
        return valid, expired

    def _waiver_info(self, index, expired):
        waiver = self.waivers[index]
        info = {'check': waiver['check'], 'reason': waiver['reason'], 'expires': waiver['expires'], 'expired': expired}
        for key in ('owner', 'ticket'):
            if key in waiver:
                info[key] = waiver[key]
        return info

    def add(self, number, check, outcome, passing_severity):
        """Record one check's outcome ``(severity or None, expected, observed, reason)``."""
        severity, expected, observed, reason = outcome
        waiver = None
        if severity is None:
            status = 'passed'
            severity = passing_severity
        else:
            status = _STATUS_OF_SEVERITY[severity]
            valid, expired = self._waiver_for(number, check) if self.waivers_by_subject else (None, None)
            if valid is not None:
                status = 'waived'
                self.waiver_state[valid] = 'applied'
                waiver = self._waiver_info(valid, False)
                reason = 'waived until %s: %s (%s)' % (waiver['expires'], waiver['reason'], reason) if reason else \
                    'waived until %s: %s' % (waiver['expires'], waiver['reason'])
            elif expired is not None:
                waiver = self._waiver_info(expired, True)
                reason = '%s; its waiver expired on %s' % (reason, waiver['expires']) if reason else \
                    'its waiver expired on %s' % waiver['expires']
        self.results.append({
            'environment': self.environment,
            'number': number,
            'check': check,
            'expected': expected,
            'observed': _plain(observed),
            'severity': severity,
            'status': status,
            'reason': reason,
            'waiver': waiver,
        })

    def add_error(self, message):
        self.results.append({
            'environment': self.environment,
            'number': None,
            'check': API_CHECK,
            'expected': 'a readable answer from the NxCloud API',
            'observed': message,
            'severity': 'fail',
            'status': 'errored',
            'reason': 'the numbers of this environment could not be read, so none of them was checked',
            'waiver': None,
        })

    def report_waivers(self, severity, numbers):
        """Return the waivers of this environment's ``numbers`` with their state; add a result per expired one.

        Waivers of numbers the environment does not have are left out: the same waiver list is
        usually given to every environment, and each number lives in one of them.
        """
        listed = []
        today = self.today
        for index, waiver in enumerate(self.waivers):
            if waiver['number'] not in numbers:
                continue
            entry = dict(waiver)
            if waiver['expires'] < today:
                entry['state'] = 'expired'
                self.results.append({
                    'environment': self.environment,
                    'number': waiver['number'],
                    'check': WAIVER_CHECK,
                    'expected': 'a waiver still valid on %s' % today,
                    'observed': 'expired on %s' % waiver['expires'],
                    'severity': severity,
                    'status': _STATUS_OF_SEVERITY[severity],
                    'reason': 'the waiver of %s for %s expired on %s and no longer applies; renew or remove it (%s)'
                              % (waiver['check'], waiver['number'], waiver['expires'], waiver['reason']),
                    'waiver': self._waiver_info(index, True),
                })
            else:
                entry['state'] = self.waiver_state[index]
            listed.append(entry)
        return listed


def _passing_severity(check, policy):
    """Return the severity shown on a passing result: the worst the check could have raised."""
    if check == 'quality_rating':
        return 'fail' if policy['quality_fail_values'] else 'warn'
    if check == 'current_limit':
        levels = (policy['severity']['current_limit'], policy['unknown_tier_severity'])
        return 'fail' if 'fail' in levels else 'warn'
    return policy['severity'][check]


def _phone_info_error(source):
    """Return why a registered phone_info result holds no usable answer, or None when it does.

    A task run with ``failed_when: false`` keeps ``failed`` false, so the absence of a phones
    list counts as a failure too: an environment whose numbers were not read is never passed.
    """
    if source.get('failed') or source.get('unreachable') or not _is_list(source.get('phones')):
        if source.get('skipped'):
            return 'phone_info was skipped, so no number was read'
        message = source.get('msg') or 'phone_info returned no phones list'
        return display_value(message, limit=2000)
    return None


def evaluate(phones, policy=None, waivers=None, today=None, environment='', missing=None, error=None):
    """Return the compliance result of one environment.

    ``phones`` is the ``phones`` list returned by phone_info, or the whole registered result of a
    phone_info task (then ``phones`` and ``missing`` are taken from it and a failed task marks the
    environment as errored). ``error`` marks the environment as errored with that message.
    ``today`` (a date or YYYY-MM-DD) decides which waivers are still valid; it is required.
    """
    policy = validate_policy(policy)
    waivers = validate_waivers(waivers)
    if today is None or today == '':
        raise ComplianceInputError('today is required (YYYY-MM-DD): the rules never read the clock themselves')
    today = parse_date(today, 'today').isoformat()
    if environment is None:
        environment = ''
    if not isinstance(environment, (str, int)) or isinstance(environment, bool):
        raise ComplianceInputError('environment must be a name (string), not %s' % with_article(type_name(environment)))
    environment = str(environment)

    if isinstance(phones, Mapping):
        source = phones
        error = error or _phone_info_error(source)
        phones = source.get('phones') if not error else []
        if missing is None:
            missing = source.get('missing')
    if error:
        phones, missing = [], []
    if phones is None:
        phones = []
    if isinstance(phones, str) or not _is_list(phones):
        raise ComplianceInputError('phones must be the list returned by phone_info, not %s' % with_article(type_name(phones)))
    if missing is None:
        missing = []
    if isinstance(missing, str) or not _is_list(missing):
        raise ComplianceInputError('missing must be the list returned by phone_info, not %s' % with_article(type_name(missing)))

    run = _Evaluation(environment, waivers, today)
    checks = policy['checks']
    field_checks = [(name, function) for name, function in _FIELD_CHECKS if name in checks]
    passing = dict((check, _passing_severity(check, policy)) for check in checks)
    check_names = 'verified_name' in checks and policy['display_names']
    seen = set()

    if error:
        run.add_error(display_value(error, limit=2000))

    for index, phone in enumerate(phones):
        if not isinstance(phone, Mapping):
            run.results.append({
                'environment': environment, 'number': None, 'check': RECORD_CHECK, 'expected': 'a phone object',
                'observed': _plain(phone), 'severity': 'fail', 'status': 'errored',
                'reason': 'phones[%d] is %s, so none of its fields could be checked' % (index, with_article(type_name(phone))),
                'waiver': None,
            })
            continue
        number = _number_of_phone(phone)
        seen.add(number)
        for name, function in field_checks:
            run.add(number, name, function(phone, policy), passing[name])
        if check_names and number in policy['display_names']:
            run.add(number, 'verified_name', _check_verified_name(phone, policy, number), passing['verified_name'])

    if not error:
        if 'required_number' in checks:
            # A number the user asked phone_info for is required too: its absence is never silent.
            required = list(policy['required_numbers'])
            for entry in missing:
                number = digits_of(entry) if isinstance(entry, str) else str(entry)
                if number not in required:
                    required.append(number)
            for number in required:
                if number in seen:
                    run.add(number, 'required_number', (None, 'present in the app', 'present', ''), passing['required_number'])
                else:
                    run.add(number, 'required_number', (policy['severity']['required_number'], 'present in the app', 'absent',
                                                        'the number is not in the service\'s answer for this app'),
                            passing['required_number'])
        if check_names:
            for number, name in policy['display_names'].items():
                if number not in seen:
                    run.add(number, 'verified_name', (policy['severity']['verified_name'], name, None,
                                                      'the number is not in the service\'s answer, so its display name is unknown'),
                            passing['verified_name'])

    known = set(seen)
    known.update(result['number'] for result in run.results if result['number'] is not None)
    if 'required_number' in checks:
        known.update(policy['required_numbers'])
    if check_names:
        known.update(policy['display_names'])
    listed_waivers = run.report_waivers(policy['severity'][WAIVER_CHECK], known)
    counts = dict((status, 0) for status in STATUSES)
    for result in run.results:
        counts[result['status']] += 1
    counts['results'] = len(run.results)
    counts['numbers'] = len(seen)
    counts['expired_waivers'] = sum(1 for waiver in listed_waivers if waiver['state'] == 'expired')
    return {
        'environment': environment,
        'status': overall_status(counts),
        'today': today,
        'error': display_value(error, limit=2000) if error else None,
        'checks': list(checks),
        'counts': counts,
        'results': run.results,
        'waivers': listed_waivers,
    }


# The keys of an environment's result (what evaluate returns); anything else a registered task
# result carries next to them (changed, failed, the verdict of phone_compliance_check) is not
# part of the result and stays out of combined results and reports.
RESULT_KEYS = ('environment', 'status', 'today', 'error', 'checks', 'counts', 'results', 'waivers')


def result_fields(result):
    """Return the environment result held by ``result``, without the keys that are not part of it."""
    return dict((key, result.get(key)) for key in RESULT_KEYS if key in result)


def overall_status(counts):
    """Return the status of an environment (or of several) from its counts: the worst one present."""
    for status in ('errored', 'failed', 'warned'):
        if counts.get(status):
            return status
    return 'passed'


def errored_result(environment, message, today):
    """Return the result of an environment that could not be evaluated at all."""
    return evaluate([], today=today, environment=environment, error=message, policy={'checks': []})


def _refuse_duplicate_environments(environments, hosts):
    """Raise when two results carry one environment name: summaries keyed by name would drop one."""
    seen = {}
    for index, environment in enumerate(environments):
        name = environment.get('environment')
        where = str(hosts[index]) if hosts is not None else 'results[%d]' % index
        if name in seen:
            raise ComplianceInputError('environment %s is named by two results (%s and %s); give each host its own '
                                       'phone_compliance_environment' % (display_value(name), seen[name], where))
        seen[name] = where


def _check_combine_input(results, hosts):
    """Raise unless ``results`` is a list and ``hosts``, when given, a list of the same length."""
    if isinstance(results, (str, Mapping)) or not _is_list(results):
        raise ComplianceInputError('the results to combine must be a list of compliance results, not %s' % with_article(type_name(results)))
    if hosts is not None and (isinstance(hosts, str) or not _is_list(hosts) or len(hosts) != len(results)):
        raise ComplianceInputError('hosts must be a list as long as the results (one host per result)')


def _combined_counts(environments):
    """Return the counts of several environments summed, with their number as ``environments``."""
    counts = dict((status, 0) for status in STATUSES)
    for key in ('results', 'numbers', 'expired_waivers'):
        counts[key] = 0
    for environment in environments:
        for key in counts:
            value = environment['counts'].get(key, 0)
            counts[key] += value if isinstance(value, int) else 0
    counts['environments'] = len(environments)
    return counts


def combine_results(results, hosts=None, today=None):
    """Return one result over several environments.

    ``results`` is a list of environment results; with ``hosts`` (a list of the same length, as
    given by the role), an entry that is None becomes an errored environment named after its host,
    so that a host that failed before its evaluation is never counted as passing.
    """
    _check_combine_input(results, hosts)
    environments = []
    for index, result in enumerate(results):
        why = None
        if result is None or result == '':
            why = 'no compliance result: the host failed before its numbers were evaluated'
        elif isinstance(result, Mapping) and result.get('failed') and 'results' not in result:
            # The registered result of a check that could not judge (its options were unusable).
            why = 'no compliance result: %s' % display_value(result.get('msg') or 'the check failed', limit=2000)
        if why:
            name = str(hosts[index]) if hosts is not None else 'result %d' % index
            if today is None:
                raise ComplianceInputError('today is required to report the missing result of %s' % name)
            result = errored_result(name, why, today)
        if not isinstance(result, Mapping) or not isinstance(result.get('counts'), Mapping) or not _is_list(result.get('results')):
            raise ComplianceInputError('results[%d] is not a compliance result (a mapping with counts and results)' % index)
        environments.append(result_fields(result))
    _refuse_duplicate_environments(environments, hosts)
    counts = _combined_counts(environments)
    return {
        'status': overall_status(counts),
        'counts': counts,
        'environments': environments,
    }


def combine_summaries(results, hosts=None, today=None):
    """Return what ``summary(combine_results(results, hosts, today))`` returns, reading only summaries.

    An entry may be a registered phone_compliance_check result (its ``summary`` is used), a
    summary, or a full result. Only the violations are read, so summarising thousands of numbers
    costs no more than their violations.
    """
    _check_combine_input(results, hosts)
    environments = []
    for index, result in enumerate(results):
        if isinstance(result, Mapping) and isinstance(result.get('summary'), Mapping):
            environments.append(result['summary'])
        elif isinstance(result, Mapping) and isinstance(result.get('counts'), Mapping) and _is_list(result.get('violations')):
            environments.append(result)
        else:
            # Missing, failed or full results: summarised from the combined result of that one entry.
            combined = combine_results([result], hosts=[hosts[index]] if hosts is not None else None, today=today)
            environments.append(summary(combined['environments'][0]))
    _refuse_duplicate_environments(environments, hosts)
    counts = _combined_counts(environments)
    return {'status': overall_status(counts), 'counts': counts, 'environments': environments}


def environments_of(report):
    """Return the list of environment results in a single result or a combined one."""
    if isinstance(report, Mapping) and _is_list(report.get('environments')):
        return list(report['environments'])
    if isinstance(report, Mapping) and _is_list(report.get('results')):
        return [report]
    raise ComplianceInputError('expected a compliance result or a combined result, not %s' % with_article(type_name(report)))


# ---------------------------------------------------------------------------------------------
# the verdict


def _check_fail_on(fail_on):
    if fail_on not in FAIL_ON:
        raise ComplianceInputError('fail_on must be one of %s, not %s' % (', '.join(FAIL_ON), display_value(fail_on)))
    return fail_on


def failing_statuses(fail_on, fail_on_error=True):
    """Return the result statuses that make the run fail under ``fail_on``."""
    statuses = {'fail': ('failed',), 'warn': ('failed', 'warned'), 'never': ()}[_check_fail_on(fail_on)]
    if fail_on_error:
        statuses = ('errored',) + statuses
    return statuses


def run_fails(report, fail_on='fail', fail_on_error=True):
    """Return True when the result (single or combined) must fail the run.

    fail_on ``fail``: a failed result fails it; ``warn``: a warned one too; ``never``: no
    violation does (audit only). An errored environment (the API could not be read) fails it
    unless ``fail_on_error`` is false, whatever fail_on says: an audit that could not look is not
    a passing audit.
    """
    statuses = failing_statuses(fail_on, fail_on_error)
    for environment in environments_of(report):
        counts = environment.get('counts') or {}
        if any(counts.get(status) for status in statuses):
            return True
    return False


def violations(report):
    """Return every result that is not passed, worst first (errored, failed, warned, waived)."""
    rank = dict((status, index) for index, status in enumerate(STATUSES))
    found = []
    for environment in environments_of(report):
        for result in environment.get('results') or ():
            if result.get('status') != 'passed':
                found.append(result)
    found.sort(key=lambda result: rank.get(result.get('status'), -1))  # stable: keeps the order within a status
    return found


def describe_result(result):
    """Return one line naming a result: number, check, expected, observed, severity, status."""
    number = result.get('number')
    observed = result.get('observed')
    # An API error is the whole story of its environment: shown in full, not cut like a field value.
    limit = 2000 if result.get('status') == 'errored' else 200
    line = '%s %s: expected %s, observed %s (severity %s, %s)' % (
        number if number is not None else '-', result.get('check'), result.get('expected'),
        display_value(observed, limit=limit) if observed is not None else 'nothing', result.get('severity'), result.get('status'))
    if result.get('reason'):
        line += ' - %s' % display_value(result['reason'], limit=300)
    return line


def failure_message(report, fail_on='fail', fail_on_error=True):
    """Return the one message that lists every violation of the result, grouped by environment.

    Failing violations (under ``fail_on``) come first; warnings and waived ones that do not fail
    the run are still listed so that one message shows the whole picture.
    """
    failing = failing_statuses(fail_on, fail_on_error)
    lines = []
    totals = dict((status, 0) for status in STATUSES)
    for environment in environments_of(report):
        counts = environment.get('counts') or {}
        for status in STATUSES:
            value = counts.get(status, 0)
            totals[status] += value if isinstance(value, int) else 0
        problems = violations(environment)
        if not problems:
            continue
        lines.append('environment %s (%s):' % (environment.get('environment') or '-', environment.get('status')))
        for result in problems:
            marker = 'FAIL' if result.get('status') in failing else 'note'
            lines.append('  [%s] %s' % (marker, describe_result(result)))
    head = 'phone compliance: %d errored, %d failed, %d warned, %d waived, %d passed (fail_on=%s)' % (
        totals['errored'], totals['failed'], totals['warned'], totals['waived'], totals['passed'], fail_on)
    if not lines:
        return head + '; no violations'
    return '\n'.join([head] + lines)


def summary(result):
    """Return a compact view of a result for set_stats and notifications: counts and violations, no passed results.

    For a combined result: its status and counts, and the summary of each environment.
    """
    if isinstance(result, Mapping) and _is_list(result.get('environments')):
        return {
            'status': result.get('status'),
            'counts': dict(result.get('counts') or {}),
            'environments': [summary(environment) for environment in result['environments']],
        }
    environments_of(result)
    keys = ('number', 'check', 'expected', 'observed', 'severity', 'status', 'reason')
    return {
        'environment': result.get('environment'),
        'status': result.get('status'),
        'today': result.get('today'),
        'error': result.get('error'),
        'counts': dict(result.get('counts') or {}),
        'violations': [dict((key, item.get(key)) for key in keys) for item in violations(result)],
        'expired_waivers': [waiver for waiver in result.get('waivers') or () if waiver.get('state') == 'expired'],
    }
