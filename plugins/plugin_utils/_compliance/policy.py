# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The user's compliance policy and waivers: their defaults, and their validation into complete, normalised values.

A bad key or entry raises ComplianceInputError naming it and saying what is expected instead.
The rules that tie several keys together are in check_cross_field_rules, apart from the checks
of each key's own value.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    CHECKS,
    DEFAULT_CHECKS,
    SEVERITIES,
    TIER_ORDER,
    TIER_RANK,
    WAIVER_CHECK,
    ComplianceInputError,
    display_value,
    is_list,
    normalise_number,
    parse_date,
)

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


def _string_list(value, what, allow_empty=True):
    if isinstance(value, str) or not is_list(value):
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
    result['quality_unknown_severity'] = _severity(get('quality_unknown_severity'), 'policy quality_unknown_severity')
    result['unknown_tier_severity'] = _severity(get('unknown_tier_severity'), 'policy unknown_tier_severity')

    minimum_tier = get('minimum_tier')
    if minimum_tier not in TIER_RANK:
        raise ComplianceInputError('policy minimum_tier must be one of %s, not %s' % (', '.join(TIER_ORDER), display_value(minimum_tier)))
    result['minimum_tier'] = str(minimum_tier)

    required = get('required_numbers')
    if isinstance(required, str) or not is_list(required):
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
    check_cross_field_rules(result)
    return result


def check_cross_field_rules(policy):
    """Raise ComplianceInputError when keys of a normalised policy, each valid on its own, contradict one another."""
    both = sorted(set(policy['quality_fail_values']) & set(policy['quality_warn_values']))
    if both:
        raise ComplianceInputError('policy quality_fail_values and quality_warn_values both list %s; a rating can only have one severity'
                                   % ', '.join(both))


def validate_waivers(waivers):
    """Return the waivers as a list of normalised dicts; raise ComplianceInputError naming a bad entry.

    A waiver: ``number``, ``check`` (one of CHECKS), ``reason``, ``expires`` (YYYY-MM-DD, the last
    day the waiver applies), optional ``owner`` and ``ticket``.
    """
    if waivers is None:
        return []
    if isinstance(waivers, (str, Mapping)) or not is_list(waivers):
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
