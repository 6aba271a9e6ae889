# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The policy and the waivers: defaults, normalisation, and an error naming every bad entry."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model, policy
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import NUMBER, healthy, only, run, waiver


def test_severity_override_turns_a_failure_into_a_warning():
    result = run([healthy(status='FLAGGED')], policy={'severity': {'status': 'warn'}})
    assert only(result, 'status')['status'] == 'warned'
    assert result['status'] == 'warned'


def test_checks_can_be_given_in_any_order_and_run_in_a_fixed_one():
    result = run([healthy()], policy={'checks': ['quality_rating', 'status']})
    assert [item['check'] for item in result['results']] == ['status', 'quality_rating']


def test_waiver_expiry_accepts_yaml_dates():
    item = only(run([healthy(status='FLAGGED')], waivers=[waiver(expires=datetime.date(2026, 6, 30))]), 'status')
    assert item['waiver']['expires'] == '2026-06-30'


@pytest.mark.parametrize('bad, message', [
    ('not a list', 'must be a list'),
    ({'number': NUMBER}, 'must be a list'),
    (['x'], 'waivers[0] must be a mapping'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r'}], 'waivers[0] lacks expires'),
    ([{'check': 'status', 'reason': 'r', 'expires': '2026-01-01'}], 'waivers[0] lacks number'),
    ([{'number': NUMBER, 'check': 'status', 'reason': '', 'expires': '2026-01-01'}], 'lacks reason'),
    ([{'number': NUMBER, 'check': 'status', 'reason': ' ', 'expires': '2026-01-01'}], 'reason must be a non-empty string'),
    ([{'number': NUMBER, 'check': 'stauts', 'reason': 'r', 'expires': '2026-01-01'}], "unknown check stauts"),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '31/01/2026'}], 'waivers[0] expires'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '2026-02-30'}], 'is not a date'),
    ([{'number': 'call me', 'check': 'status', 'reason': 'r', 'expires': '2026-01-01'}], 'waivers[0] number'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r', 'expiry': '2026-01-01'}], 'unknown key(s) expiry'),
    ([waiver(), {'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '2026-01-01', 'owner': ['a']}], 'waivers[1]: owner'),
])
def test_bad_waivers_raise_an_error_naming_the_entry(bad, message):
    with pytest.raises(model.ComplianceInputError) as error:
        run([healthy()], waivers=bad)
    assert message in str(error.value)


@pytest.mark.parametrize('bad, message', [
    ('strict', 'the policy must be a mapping'),
    ({'check': ['status']}, 'unknown policy key(s): check'),
    ({'checks': 'status'}, 'policy checks must be a list'),
    ({'checks': ['status', 'quality']}, "policy checks[1]: unknown check 'quality'"),
    ({'expected_status': []}, 'policy expected_status must not be empty'),
    ({'expected_status': ['CONNECTED', 3]}, 'policy expected_status[1]'),
    ({'quality_fail_values': ['RED'], 'quality_warn_values': ['RED']}, 'both list RED'),
    ({'quality_unknown_severity': 'error'}, 'quality_unknown_severity must be one of fail, warn'),
    ({'minimum_tier': 'TIER_5K'}, 'minimum_tier must be one of TIER_50'),
    ({'minimum_tier': ''}, 'minimum_tier must be one of'),
    ({'required_numbers': '8613800138000'}, 'required_numbers must be a list'),
    ({'required_numbers': ['86 138 ABC']}, 'required_numbers[0]'),
    ({'required_numbers': [True]}, 'required_numbers[0]'),
    ({'display_names': ['Acme']}, 'display_names must be a mapping'),
    ({'display_names': {NUMBER: ''}}, 'must be the expected display name'),
    ({'display_names': {'+86 138 0013 8000': 'Acme', NUMBER: 'Other'}}, 'two different names'),
    ({'severity': {'status': 'error'}}, "severity['status'] must be one of fail, warn"),
    ({'severity': {'quality_rating': 'warn'}}, 'quality_fail_values'),
    ({'severity': 'warn'}, 'policy severity must be a mapping'),
])
def test_bad_policy_raises_an_error_naming_the_entry(bad, message):
    with pytest.raises(model.ComplianceInputError) as error:
        run([healthy()], policy=bad)
    assert message in str(error.value)


def test_policy_nulls_take_the_default():
    assert run([healthy()], policy={'checks': None, 'severity': None})['checks'] == list(model.DEFAULT_CHECKS)


def test_validated_policy_is_complete():
    validated = policy.validate_policy({})
    assert sorted(validated) == sorted(policy.DEFAULT_POLICY)
    assert validated['severity']['status'] == 'fail'
