# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The policy and the waivers: defaults, normalisation, and an error naming every bad entry."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model, options, policy
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
    # What the argument spec checks: its messages name the option path.
    # ansible-core's validator fails with a TypeError on some values that are not mappings: refused before it.
    ('not a list', 'waivers must be a list of mappings, not a string'),
    (True, 'waivers must be a list of mappings, not a boolean'),
    ({'number': NUMBER}, 'waivers must be a list of mappings, not an object'),
    (['x'], 'waivers[0] must be a mapping, not a string'),
    ([waiver(), 7], 'waivers[1] must be a mapping, not an integer'),
    ([dict(waiver(), **{'3': 'x'}), {4: 'x'}], 'waivers[1] has keys that are not option names: [4]'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r'}], 'missing required arguments: expires found in waivers (in waivers[0])'),
    ([waiver(), waiver(), {'number': NUMBER, 'check': 'status', 'reason': 'r'}], 'expires found in waivers (in waivers[2])'),
    ([{'check': 'status', 'reason': 'r', 'expires': '2026-01-01'}], 'missing required arguments: number found in waivers'),
    ([{'number': NUMBER, 'check': 'status', 'reason': None, 'expires': '2026-01-01'}], 'missing required arguments: reason'),
    ([{'number': NUMBER, 'check': 'stauts', 'reason': 'r', 'expires': '2026-01-01'}], 'value of check must be one of: status,'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '2026-01-01', 'expiry': '2026-01-01'}],
     'unsupported parameters: waivers.expiry. Supported parameters include: check, expires, number, owner, reason, ticket'),
    # What it cannot check.
    ([{'number': NUMBER, 'check': 'status', 'reason': '', 'expires': '2026-01-01'}], 'waivers[0]: reason must be a non-empty string'),
    ([{'number': NUMBER, 'check': 'status', 'reason': ' ', 'expires': '2026-01-01'}], 'waivers[0]: reason must be a non-empty string'),
    ([{'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '31/01/2026'}], 'waivers[0] expires'),
    ([waiver(), {'number': NUMBER, 'check': 'status', 'reason': 'r', 'expires': '2026-02-30'}], 'waivers[1] expires: \'2026-02-30\' is not a date'),
    ([{'number': 'call me', 'check': 'status', 'reason': 'r', 'expires': '2026-01-01'}], 'waivers[0] number'),
])
def test_bad_waivers_raise_an_error_saying_what_is_wrong(bad, message):
    with pytest.raises(model.ComplianceInputError) as error:
        run([healthy()], waivers=bad)
    assert message in str(error.value)


@pytest.mark.parametrize('bad, message', [
    # What the argument spec checks: its messages name the option path.
    ('strict', 'policy must be a mapping, not a string'),
    (False, 'policy must be a mapping, not a boolean'),
    ([{'checks': ['status']}], 'policy must be a mapping, not an array'),
    ({'severity': 5}, 'policy.severity must be a mapping, not an integer'),
    ({'severity': {1: 'warn'}}, 'policy.severity has keys that are not option names: [1]; it takes status,'),
    ({2: 'x'}, 'policy has keys that are not option names: [2]'),
    ({'severity': 'warn'}, 'policy.severity must be a mapping, not a string'),
    ({'check': ['status']}, 'unsupported parameters: policy.check. Supported parameters include: allowed_name_status, checks,'),
    ({'checks': ['status', 'quality']}, 'value of checks must be one or more of: status, code_verification_status, quality_rating,'),
    ({'checks': ['status', 'quality']}, 'Got no match for: quality found in policy'),
    ({'quality_unknown_severity': 'error'}, 'value of quality_unknown_severity must be one of: fail, warn, got: error found in policy'),
    ({'minimum_tier': 'TIER_5K'}, 'value of minimum_tier must be one of: TIER_50, TIER_250, TIER_1K'),
    ({'minimum_tier': ''}, 'value of minimum_tier must be one of'),
    ({'display_names': ['Acme']}, "argument 'display_names' is of type"),
    ({'severity': {'status': 'error'}}, 'value of status must be one of: fail, warn, got: error found in policy -> severity'),
    ({'severity': {'quality_rating': 'warn'}}, 'unsupported parameters: policy.severity.quality_rating'),
    # What it cannot check.
    ({'expected_status': []}, 'policy expected_status must not be empty'),
    ({'allowed_name_status': []}, 'policy allowed_name_status must not be empty'),
    ({'expected_status': ['CONNECTED', ' ']}, 'policy expected_status holds an empty entry'),
    ({'quality_fail_values': ['RED'], 'quality_warn_values': ['RED']}, 'both list RED'),
    ({'required_numbers': ['86 138 ABC']}, 'required_numbers[0]'),
    ({'required_numbers': [NUMBER, True]}, 'required_numbers[1]'),
    ({'display_names': {NUMBER: ''}}, 'must be the expected display name'),
    ({'display_names': {'call me': 'Acme'}}, 'policy display_names key'),
    ({'display_names': {'+86 138 0013 8000': 'Acme', NUMBER: 'Other'}}, 'two different names'),
])
def test_bad_policy_raises_an_error_saying_what_is_wrong(bad, message):
    with pytest.raises(model.ComplianceInputError) as error:
        run([healthy()], policy=bad)
    assert message in str(error.value)


def test_policy_nulls_take_the_default():
    assert run([healthy()], policy={'checks': None, 'severity': None})['checks'] == list(model.DEFAULT_CHECKS)
    assert policy.validate_policy({'severity': {'status': None}})['severity']['status'] == 'fail'
    assert policy.validate_policy(None) == policy.validate_policy({})


def test_validated_policy_is_complete_with_the_documented_defaults():
    validated = policy.validate_policy({})
    assert sorted(validated) == sorted(options.POLICY_SPEC)
    assert validated['checks'] == ['status', 'code_verification_status', 'quality_rating', 'required_number']
    severity = options.POLICY_SPEC['severity']['options']
    assert validated['severity'] == dict((check, spec['default']) for check, spec in severity.items())
    assert (validated['severity']['status'], validated['severity']['verified_name'], validated['severity']['waiver']) == ('fail', 'warn', 'warn')
    assert validated['minimum_tier'] == 'TIER_1K'


def test_a_severity_override_keeps_the_other_defaults():
    assert policy.validate_policy({'severity': {'verified_name': 'fail'}})['severity']['verified_name'] == 'fail'
    assert policy.validate_policy({'severity': {'verified_name': 'fail'}})['severity']['waiver'] == 'warn'


def test_values_are_normalised():
    validated = policy.validate_policy({
        'expected_status': [' CONNECTED '],
        'required_numbers': ['+86 138 0013 8000', NUMBER, 8613800138001],
        'display_names': {'+86 138 0013 8000': 'Acme'},
    })
    assert validated['expected_status'] == ['CONNECTED']
    assert validated['required_numbers'] == [NUMBER, '8613800138001']
    assert validated['display_names'] == {NUMBER: 'Acme'}
    waivers = policy.validate_waivers([waiver(number='+86 138 0013 8000', reason=' appeal ', owner='', ticket=7)])
    assert waivers == [{'number': NUMBER, 'check': 'status', 'reason': 'appeal', 'expires': '2026-06-30', 'ticket': '7'}]


def test_validation_leaves_the_callers_values_unchanged():
    given_policy = {'severity': {'status': 'warn'}, 'checks': None}
    given_waivers = [waiver()]
    policy.validate_policy(given_policy)
    policy.validate_waivers(given_waivers)
    assert given_policy == {'severity': {'status': 'warn'}, 'checks': None}
    assert given_waivers == [waiver()]


def test_validating_twice_gives_the_same_values():
    once = policy.validate_policy({'checks': ['verified_name', 'status'], 'required_numbers': ['+86 138 0013 8000']})
    assert policy.validate_policy(once) == once
    waivers = policy.validate_waivers([waiver(expires=datetime.date(2026, 6, 30))])
    assert policy.validate_waivers(waivers) == waivers


def test_other_options_are_validated_with_the_policy():
    spec = dict(options.ARGUMENT_SPEC, fail_on=dict(type='str', choices=['fail', 'never'], default='fail'))
    validated = policy.validated_options({'fail_on': 'never', 'policy': {'minimum_tier': 'TIER_10K'}}, spec)
    assert (validated['fail_on'], validated['policy']['minimum_tier'], validated['waivers']) == ('never', 'TIER_10K', [])
    with pytest.raises(model.ComplianceInputError) as error:
        policy.validated_options({'fail_on': 'warn'}, spec)
    assert 'value of fail_on must be one of: fail, never, got: warn' in str(error.value)
