# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One check per field of a phone entry, each judging one value against a validated policy.

A check returns its outcome ``(severity or None when passing, expected, observed, reason)``;
evaluate.py turns outcomes into result records and applies the waivers. The field values are the
service's, untrusted: an odd spelling, a null, a number or a list is judged as observed, never a
crash, and never passes a check it is not understood by.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import digits_of, type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    DOCUMENTED_QUALITY_RATINGS,
    TIER_RANK,
    UNRATED_QUALITY_RATINGS,
    display_value,
)


def number_of_phone(phone):
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
    if value not in TIER_RANK:
        return policy['unknown_tier_severity'], expected, value, 'messaging limit %r is not a known tier' % value
    if TIER_RANK[value] < TIER_RANK[minimum]:
        return policy['severity']['current_limit'], expected, value, 'messaging limit %s is below %s' % (value, minimum)
    return None, expected, value, ''


def check_verified_name(phone, policy, number):
    expected = policy['display_names'][number]
    present, value = _field(phone, 'verified_name')
    severity = policy['severity']['verified_name']
    unreadable = _unreadable_reason('verified_name', present, value)
    if unreadable:
        return severity, expected, value, unreadable
    if value == expected:
        return None, expected, value, ''
    return severity, expected, value, 'display name differs from the expected one'


FIELD_CHECKS = (
    ('status', _check_status),
    ('code_verification_status', _check_code_verification_status),
    ('quality_rating', _check_quality_rating),
    ('name_status', _check_name_status),
    ('current_limit', _check_current_limit),
)


def passing_severity(check, policy):
    """Return the severity shown on a passing result: the worst the check could have raised."""
    if check == 'quality_rating':
        return 'fail' if policy['quality_fail_values'] else 'warn'
    if check == 'current_limit':
        levels = (policy['severity']['current_limit'], policy['unknown_tier_severity'])
        return 'fail' if 'fail' in levels else 'warn'
    return policy['severity'][check]


def required_number_outcome(present, policy):
    """Return the outcome of a required number: present in the service's answer or not."""
    if present:
        return None, 'present in the app', 'present', ''
    return policy['severity']['required_number'], 'present in the app', 'absent', 'the number is not in the service\'s answer for this app'


def absent_display_name_outcome(name, policy):
    """Return the outcome of an expected display name whose number is not in the service's answer."""
    return policy['severity']['verified_name'], name, None, 'the number is not in the service\'s answer, so its display name is unknown'


def removed_number_outcome(policy):
    """Return the outcome of a number the previous run read and this one did not (the number_removed check)."""
    return (policy['severity']['number_removed'], 'in the app, as on the previous run', 'absent',
            'the app no longer returns this number; it did on the previous run')
