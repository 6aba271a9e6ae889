# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Unit tests of the compliance rules: every check, severity, waiver state, odd value and policy error."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _compliance as compliance
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._compliance import ComplianceInputError

TODAY = '2026-05-01'
NUMBER = '8613800138000'
OTHER = '8613800138001'


def healthy(number=NUMBER, **fields):
    phone = {
        'number': number,
        'display_phone_number': '+86 138 0013 8000',
        'verified_name': 'Acme',
        'quality_rating': 'GREEN',
        'name_status': 'APPROVED',
        'status': 'CONNECTED',
        'current_limit': 'TIER_1K',
        'code_verification_status': 'VERIFIED',
    }
    phone.update(fields)
    return phone


def without(field, **fields):
    phone = healthy(**fields)
    del phone[field]
    return phone


def run(phones, policy=None, waivers=None, today=TODAY, environment='prod', missing=None, error=None):
    return compliance.evaluate(phones, policy=policy, waivers=waivers, today=today, environment=environment, missing=missing, error=error)


def only(result, check, number=NUMBER):
    found = [item for item in result['results'] if item['check'] == check and item['number'] == number]
    assert len(found) == 1, found
    return found[0]


def waiver(check='status', number=NUMBER, expires='2026-06-30', reason='fixing it, WA-42', **extra):
    entry = {'number': number, 'check': check, 'reason': reason, 'expires': expires}
    entry.update(extra)
    return entry


# ---------------------------------------------------------------------------------------------
# defaults


def test_healthy_number_passes_every_default_check():
    result = run([healthy()])
    assert result['status'] == 'passed'
    assert [item['check'] for item in result['results']] == ['status', 'code_verification_status', 'quality_rating']
    assert all(item['status'] == 'passed' for item in result['results'])
    assert result['counts'] == {'errored': 0, 'failed': 0, 'warned': 0, 'waived': 0, 'passed': 3, 'results': 3, 'numbers': 1,
                                'expired_waivers': 0}


def test_every_result_has_the_same_keys_and_names_its_environment():
    result = run([healthy(status='FLAGGED')])
    for item in result['results']:
        assert sorted(item) == ['check', 'environment', 'expected', 'number', 'observed', 'reason', 'severity', 'status', 'waiver']
        assert item['environment'] == 'prod'


@pytest.mark.parametrize('value', ['FLAGGED', 'RESTRICTED', 'BANNED', 'PENDING', 'connected', 'UNKNOWN', ''])
def test_status_other_than_connected_fails(value):
    item = only(run([healthy(status=value)]), 'status')
    assert (item['status'], item['severity'], item['expected'], item['observed']) == ('failed', 'fail', 'CONNECTED', value)


@pytest.mark.parametrize('value', ['NOT_VERIFIED', 'UNVERIFIED', 'EXPIRED'])
def test_code_verification_other_than_verified_fails(value):
    item = only(run([healthy(code_verification_status=value)]), 'code_verification_status')
    assert (item['status'], item['expected'], item['observed']) == ('failed', 'VERIFIED', value)


def test_quality_red_fails():
    item = only(run([healthy(quality_rating='RED')]), 'quality_rating')
    assert (item['status'], item['severity'], item['observed']) == ('failed', 'fail', 'RED')
    assert item['expected'] == 'not RED or YELLOW'


def test_quality_yellow_warns_and_the_environment_is_warned():
    result = run([healthy(quality_rating='YELLOW')])
    item = only(result, 'quality_rating')
    assert (item['status'], item['severity']) == ('warned', 'warn')
    assert result['status'] == 'warned'


@pytest.mark.parametrize('value', ['NA', 'UNKNOWN', 'UNKNOW'])
def test_quality_not_rated_yet_passes_with_a_note(value):
    item = only(run([healthy(quality_rating=value)]), 'quality_rating')
    assert (item['status'], item['observed'], item['reason']) == ('passed', value, 'not rated yet')


def test_quality_undocumented_value_warns_and_is_reported_as_is():
    item = only(run([healthy(quality_rating='PURPLE')]), 'quality_rating')
    assert (item['status'], item['observed']) == ('warned', 'PURPLE')
    assert 'not a documented value' in item['reason']


def test_quality_unknown_severity_can_be_fail():
    item = only(run([healthy(quality_rating=None)], policy={'quality_unknown_severity': 'fail'}), 'quality_rating')
    assert item['status'] == 'failed'


def test_quality_values_can_be_reconfigured():
    policy = {'quality_fail_values': ['RED', 'YELLOW'], 'quality_warn_values': ['NA']}
    assert only(run([healthy(quality_rating='YELLOW')], policy=policy), 'quality_rating')['status'] == 'failed'
    assert only(run([healthy(quality_rating='NA')], policy=policy), 'quality_rating')['status'] == 'warned'


# ---------------------------------------------------------------------------------------------
# odd values never crash and are reported as observed


@pytest.mark.parametrize('check', ['status', 'code_verification_status'])
@pytest.mark.parametrize('value, note', [
    (None, 'as null'),
    (7, 'as an integer'),
    (['CONNECTED'], 'as an array'),
    ({'value': 'CONNECTED'}, 'as an object'),
    (True, 'as a boolean'),
    (1.5, 'as a number'),
])
def test_allowlist_check_reports_non_string_values_as_observed(check, value, note):
    item = only(run([healthy(**{check: value})]), check)
    assert item['status'] == 'failed'
    assert item['observed'] == value
    assert note in item['reason']


@pytest.mark.parametrize('check', ['status', 'code_verification_status', 'quality_rating'])
def test_absent_field_is_reported_not_passed(check):
    item = only(run([without(check)]), check)
    assert item['status'] in ('failed', 'warned')
    assert item['observed'] is None
    assert 'no %s field' % check in item['reason']


def test_phone_entry_that_is_not_an_object_makes_the_environment_errored():
    result = run([healthy(), 'garbage', None])
    records = [item for item in result['results'] if item['check'] == 'record']
    assert [item['observed'] for item in records] == ['garbage', None]
    assert all(item['status'] == 'errored' for item in records)
    assert result['status'] == 'errored'
    assert result['counts']['numbers'] == 1


def test_phone_without_number_is_still_checked():
    phone = healthy(status='FLAGGED')
    del phone['number']
    item = [entry for entry in run([phone])['results'] if entry['check'] == 'status'][0]
    assert (item['number'], item['status']) == (None, 'failed')


@pytest.mark.parametrize('sent, shown', [
    (['86', '138'], '["86", "138"]'), ({'cc': 86}, '{"cc": 86}'), (True, 'true'), (1.5, '1.5'), ('no digits', 'no digits'),
])
def test_number_of_an_odd_type_is_shown_as_sent(sent, shown):
    result = run([healthy(number=sent, status='FLAGGED')])
    assert [item['number'] for item in result['results']] == [shown] * 3
    assert result['counts']['numbers'] == 1


def test_number_given_as_integer_or_with_decoration_is_normalised():
    result = run([healthy(number=8613800138000), healthy(number='+86 138 0013 8001')])
    assert sorted(set(item['number'] for item in result['results'])) == [NUMBER, OTHER]


def test_unknown_extra_fields_are_ignored_by_the_checks():
    assert run([healthy(throughput={'level': 'HIGH'}, new_field=[1, 2])])['status'] == 'passed'


# ---------------------------------------------------------------------------------------------
# opt-in checks


def test_opt_in_checks_do_not_run_by_default():
    checks = set(item['check'] for item in run([healthy(name_status='DECLINED', current_limit='')])['results'])
    assert 'name_status' not in checks and 'current_limit' not in checks and 'verified_name' not in checks


@pytest.mark.parametrize('value, status', [
    ('APPROVED', 'passed'), ('AVAILABLE_WITHOUT_REVIEW', 'passed'), ('PENDING_REVIEW', 'failed'), ('DECLINED', 'failed'),
    ('EXPIRED', 'failed'), ('NONE', 'failed'), (None, 'failed'),
])
def test_name_status_allowed_set(value, status):
    item = only(run([healthy(name_status=value)], policy={'checks': ['name_status']}), 'name_status')
    assert item['status'] == status
    assert item['expected'] == 'one of APPROVED, AVAILABLE_WITHOUT_REVIEW'


def test_name_status_allowed_set_and_severity_are_configurable():
    policy = {'checks': ['name_status'], 'allowed_name_status': ['APPROVED'], 'severity': {'name_status': 'warn'}}
    item = only(run([healthy(name_status='AVAILABLE_WITHOUT_REVIEW')], policy=policy), 'name_status')
    assert (item['status'], item['expected']) == ('warned', 'APPROVED')


@pytest.mark.parametrize('minimum, observed, status', [
    ('TIER_1K', 'TIER_1K', 'passed'),
    ('TIER_1K', 'TIER_2K', 'passed'),
    ('TIER_1K', 'TIER_UNLIMITED', 'passed'),
    ('TIER_1K', 'TIER_250', 'failed'),
    ('TIER_1K', 'TIER_50', 'failed'),
    ('TIER_10K', 'TIER_2K', 'failed'),
    ('TIER_100K', 'TIER_10K', 'failed'),
    ('TIER_UNLIMITED', 'TIER_100K', 'failed'),
    ('TIER_50', 'TIER_50', 'passed'),
])
def test_minimum_tier_follows_the_tier_order(minimum, observed, status):
    policy = {'checks': ['current_limit'], 'minimum_tier': minimum}
    item = only(run([healthy(current_limit=observed)], policy=policy), 'current_limit')
    assert (item['status'], item['observed'], item['expected']) == (status, observed, '%s or higher' % minimum)


def test_tier_order_is_the_documented_one():
    assert compliance.TIER_ORDER == ('TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED')


@pytest.mark.parametrize('observed', ['', 'TIER_NOT_SET', 'UNTIERED', 'TIER_5K', 'tier_1k', None, 1000])
def test_unknown_tier_never_passes_and_uses_its_own_severity(observed):
    policy = {'checks': ['current_limit'], 'minimum_tier': 'TIER_50'}
    item = only(run([healthy(current_limit=observed)], policy=policy), 'current_limit')
    assert (item['status'], item['severity'], item['observed']) == ('warned', 'warn', observed)
    item = only(run([healthy(current_limit=observed)], policy=dict(policy, unknown_tier_severity='fail')), 'current_limit')
    assert item['status'] == 'failed'


def test_absent_tier_never_passes():
    item = only(run([without('current_limit')], policy={'checks': ['current_limit']}), 'current_limit')
    assert item['status'] == 'warned'
    assert 'not known' in item['reason']


def test_tier_below_minimum_uses_the_check_severity():
    policy = {'checks': ['current_limit'], 'minimum_tier': 'TIER_10K', 'severity': {'current_limit': 'warn'}}
    assert only(run([healthy(current_limit='TIER_1K')], policy=policy), 'current_limit')['status'] == 'warned'


def test_expected_display_name_per_number():
    policy = {'checks': ['verified_name'], 'display_names': {'+86 138 0013 8000': 'Acme', OTHER: 'Acme Support'}}
    result = run([healthy(), healthy(number=OTHER, verified_name='Acme support')], policy=policy)
    assert only(result, 'verified_name')['status'] == 'passed'
    other = only(result, 'verified_name', OTHER)
    assert (other['status'], other['severity'], other['expected'], other['observed']) == ('warned', 'warn', 'Acme Support', 'Acme support')


def test_display_name_of_a_number_not_in_the_answer_is_reported():
    policy = {'checks': ['verified_name'], 'display_names': {OTHER: 'Acme Support'}}
    item = only(run([healthy()], policy=policy), 'verified_name', OTHER)
    assert (item['status'], item['observed']) == ('warned', None)


def test_numbers_without_an_expected_name_are_not_name_checked():
    policy = {'checks': ['verified_name'], 'display_names': {OTHER: 'Acme Support'}}
    result = run([healthy(), healthy(number=OTHER, verified_name='Acme Support')], policy=policy)
    assert [item['number'] for item in result['results'] if item['check'] == 'verified_name'] == [OTHER]


def test_required_number_missing_from_the_app_fails():
    policy = {'required_numbers': ['+86 138 0013 8000', 8613800138001]}
    result = run([healthy()], policy=policy)
    assert only(result, 'required_number')['status'] == 'passed'
    other = only(result, 'required_number', OTHER)
    assert (other['status'], other['observed'], other['expected']) == ('failed', 'absent', 'present in the app')
    assert result['status'] == 'failed'


def test_requested_numbers_reported_missing_by_phone_info_are_violations():
    result = run([healthy()], missing=[OTHER])
    assert only(result, 'required_number', OTHER)['status'] == 'failed'


def test_missing_is_read_from_a_registered_phone_info_result():
    result = run({'changed': False, 'phones': [healthy()], 'missing': [OTHER]})
    assert only(result, 'required_number', OTHER)['status'] == 'failed'


def test_required_number_check_can_be_switched_off():
    result = run([healthy()], policy={'checks': ['status']}, missing=[OTHER])
    assert [item['check'] for item in result['results']] == ['status']


def test_default_checks_can_be_narrowed():
    result = run([healthy(status='BANNED', quality_rating='RED')], policy={'checks': ['quality_rating']})
    assert [item['check'] for item in result['results']] == ['quality_rating']


def test_severity_override_turns_a_failure_into_a_warning():
    result = run([healthy(status='FLAGGED')], policy={'severity': {'status': 'warn'}})
    assert only(result, 'status')['status'] == 'warned'
    assert result['status'] == 'warned'


def test_checks_can_be_given_in_any_order_and_run_in_a_fixed_one():
    result = run([healthy()], policy={'checks': ['quality_rating', 'status']})
    assert [item['check'] for item in result['results']] == ['status', 'quality_rating']


# ---------------------------------------------------------------------------------------------
# waivers


def test_valid_waiver_waives_the_violation_with_its_reason():
    result = run([healthy(status='FLAGGED')], waivers=[waiver(owner='team-a', ticket='WA-42')])
    item = only(result, 'status')
    assert (item['status'], item['severity'], item['observed']) == ('waived', 'fail', 'FLAGGED')
    assert item['waiver'] == {'check': 'status', 'reason': 'fixing it, WA-42', 'expires': '2026-06-30', 'expired': False, 'owner': 'team-a',
                              'ticket': 'WA-42'}
    assert 'fixing it, WA-42' in item['reason']
    assert result['status'] == 'passed'
    assert result['counts']['waived'] == 1
    assert result['waivers'][0]['state'] == 'applied'


def test_waiver_applies_on_its_expiry_day():
    item = only(run([healthy(status='FLAGGED')], waivers=[waiver(expires=TODAY)]), 'status')
    assert item['status'] == 'waived'


def test_expired_waiver_no_longer_applies_and_is_reported():
    result = run([healthy(status='FLAGGED')], waivers=[waiver(expires='2026-04-30')])
    item = only(result, 'status')
    assert item['status'] == 'failed'
    assert item['waiver']['expired'] is True
    assert 'expired on 2026-04-30' in item['reason']
    report = only(result, 'waiver')
    assert (report['status'], report['severity'], report['observed']) == ('warned', 'warn', 'expired on 2026-04-30')
    assert result['counts']['expired_waivers'] == 1
    assert result['waivers'][0]['state'] == 'expired'
    assert result['status'] == 'failed'


def test_expired_waiver_is_reported_even_when_its_check_now_passes():
    result = run([healthy()], waivers=[waiver(expires='2026-01-31')])
    assert only(result, 'status')['status'] == 'passed'
    assert only(result, 'waiver')['status'] == 'warned'


def test_expired_waiver_severity_is_configurable():
    result = run([healthy()], waivers=[waiver(expires='2026-01-31')], policy={'severity': {'waiver': 'fail'}})
    assert only(result, 'waiver')['status'] == 'failed'


def test_waivers_of_numbers_the_environment_does_not_have_are_left_out():
    # the same waiver list goes to every environment; each reports only its own numbers' waivers
    result = run([healthy()], waivers=[waiver(number='61491570156', expires='2020-01-01'), waiver(number=OTHER)])
    assert result['waivers'] == []
    assert [item['check'] for item in result['results']] == ['status', 'code_verification_status', 'quality_rating']
    assert result['counts']['expired_waivers'] == 0


def test_waiver_of_a_missing_requested_number_belongs_to_the_environment():
    result = run([healthy()], missing=[OTHER], waivers=[waiver(number=OTHER, check='required_number', expires='2020-01-01')])
    assert only(result, 'required_number', OTHER)['status'] == 'failed'
    assert only(result, 'waiver', OTHER)['status'] == 'warned'


def test_unused_waiver_is_listed_as_unused():
    result = run([healthy()], waivers=[waiver()])
    assert result['waivers'][0]['state'] == 'unused'
    assert result['counts']['waived'] == 0


def test_waiver_only_covers_its_number_and_check():
    result = run([healthy(status='FLAGGED', quality_rating='RED'), healthy(number=OTHER, status='FLAGGED')], waivers=[waiver()])
    assert only(result, 'status')['status'] == 'waived'
    assert only(result, 'quality_rating')['status'] == 'failed'
    assert only(result, 'status', OTHER)['status'] == 'failed'


def test_waiver_covers_a_warning_too():
    item = only(run([healthy(quality_rating='YELLOW')], waivers=[waiver(check='quality_rating')]), 'quality_rating')
    assert (item['status'], item['severity']) == ('waived', 'warn')


def test_waiver_covers_a_missing_required_number():
    result = run([healthy()], policy={'required_numbers': [OTHER]}, waivers=[waiver(check='required_number', number='+86 138-0013-8001')])
    assert only(result, 'required_number', OTHER)['status'] == 'waived'


def test_renewed_waiver_applies_and_the_old_one_is_reported_expired():
    result = run([healthy(status='FLAGGED')], waivers=[waiver(expires='2026-03-31'), waiver(expires='2026-07-31', reason='renewed')])
    item = only(result, 'status')
    assert (item['status'], item['waiver']['reason']) == ('waived', 'renewed')
    assert [entry['state'] for entry in result['waivers']] == ['expired', 'applied']


def test_waiver_expiry_accepts_yaml_dates():
    item = only(run([healthy(status='FLAGGED')], waivers=[waiver(expires=datetime.date(2026, 6, 30))]), 'status')
    assert item['waiver']['expires'] == '2026-06-30'


@pytest.mark.parametrize('today', ['2026-05-01', datetime.date(2026, 5, 1), datetime.datetime(2026, 5, 1, 23, 59)])
def test_today_accepts_strings_dates_and_datetimes(today):
    assert run([healthy()], today=today)['today'] == '2026-05-01'


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
    with pytest.raises(ComplianceInputError) as error:
        run([healthy()], waivers=bad)
    assert message in str(error.value)


# ---------------------------------------------------------------------------------------------
# policy validation


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
    with pytest.raises(ComplianceInputError) as error:
        run([healthy()], policy=bad)
    assert message in str(error.value)


def test_policy_nulls_take_the_default():
    assert run([healthy()], policy={'checks': None, 'severity': None})['checks'] == list(compliance.DEFAULT_CHECKS)


def test_validated_policy_is_complete():
    policy = compliance.validate_policy({})
    assert sorted(policy) == sorted(compliance.DEFAULT_POLICY)
    assert policy['severity']['status'] == 'fail'


@pytest.mark.parametrize('bad, message', [
    (dict(today=None), 'today is required'),
    (dict(today=''), 'today is required'),
    (dict(today='tomorrow'), 'today'),
    (dict(environment=['prod']), 'environment must be a name'),
    (dict(missing='8613800138001'), 'missing must be the list'),
])
def test_bad_call_arguments_raise_a_clear_error(bad, message):
    arguments = dict(phones=[healthy()], today=TODAY)
    arguments.update(bad)
    with pytest.raises(ComplianceInputError) as error:
        compliance.evaluate(**arguments)
    assert message in str(error.value)


def test_phones_that_are_not_a_list_raise_a_clear_error():
    with pytest.raises(ComplianceInputError) as error:
        run('8613800138000')
    assert 'phones must be the list returned by phone_info' in str(error.value)


# ---------------------------------------------------------------------------------------------
# errored environments


def test_failed_phone_info_result_marks_the_environment_errored():
    result = run({'failed': True, 'msg': 'NxCloud result code 1003: invalid signature; check the access secret'})
    assert result['status'] == 'errored'
    assert result['error'].startswith('NxCloud result code 1003')
    assert [(item['check'], item['status']) for item in result['results']] == [('phone_info', 'errored')]
    assert result['counts']['errored'] == 1


def test_phone_info_result_without_phones_is_errored_not_passed():
    # failed_when: false keeps "failed" false on a module failure: the absent phones list still counts
    result = run({'failed': False, 'failed_when_result': False, 'msg': 'could not reach https://127.0.0.1:1'})
    assert (result['status'], result['error']) == ('errored', 'could not reach https://127.0.0.1:1')


def test_skipped_phone_info_result_is_errored():
    assert run({'skipped': True, 'changed': False})['error'] == 'phone_info was skipped, so no number was read'


def test_explicit_error_overrides_the_phones():
    result = run([healthy(status='BANNED')], error='timed out')
    assert [item['check'] for item in result['results']] == ['phone_info']


def test_errored_environment_still_reports_expired_waivers_of_its_required_numbers():
    waivers = [waiver(expires='2026-01-01'), waiver(number=OTHER, expires='2026-01-01')]
    result = run({'failed': True, 'msg': 'boom'}, waivers=waivers, policy={'required_numbers': [NUMBER]})
    assert [(item['check'], item['number']) for item in result['results']] == [('phone_info', None), ('waiver', NUMBER)]


def test_long_api_error_is_shown_in_full_in_the_failure_message():
    message = 'NxCloud getPhone failed with result code 9006: ' + 'x' * 400 + ' END'
    assert message in compliance.failure_message(run({'failed': True, 'msg': message}))


# ---------------------------------------------------------------------------------------------
# verdict and message


def mixed_result():
    phones = [healthy(status='FLAGGED'), healthy(number=OTHER, quality_rating='YELLOW'), healthy(number='8613800138002', status='BANNED')]
    return run(phones, waivers=[waiver(number='8613800138002', reason='being appealed')])


@pytest.mark.parametrize('fail_on, fails', [('fail', True), ('warn', True), ('never', False)])
def test_failed_result_fails_under_fail_and_warn(fail_on, fails):
    assert compliance.run_fails(run([healthy(status='FLAGGED')]), fail_on) is fails


@pytest.mark.parametrize('fail_on, fails', [('fail', False), ('warn', True), ('never', False)])
def test_warned_result_fails_only_under_warn(fail_on, fails):
    assert compliance.run_fails(run([healthy(quality_rating='YELLOW')]), fail_on) is fails


@pytest.mark.parametrize('fail_on', ['fail', 'warn', 'never'])
def test_passed_and_waived_results_never_fail(fail_on):
    assert compliance.run_fails(run([healthy()]), fail_on) is False
    assert compliance.run_fails(run([healthy(status='FLAGGED')], waivers=[waiver()]), fail_on) is False


@pytest.mark.parametrize('fail_on', ['fail', 'warn', 'never'])
def test_errored_environment_fails_unless_told_otherwise(fail_on):
    result = run({'failed': True, 'msg': 'boom'})
    assert compliance.run_fails(result, fail_on) is True
    assert compliance.run_fails(result, fail_on, fail_on_error=False) is False


def test_unknown_fail_on_is_rejected():
    with pytest.raises(ComplianceInputError) as error:
        compliance.run_fails(run([healthy()]), 'sometimes')
    assert 'fail_on must be one of fail, warn, never' in str(error.value)


def test_failure_message_lists_every_violation_with_its_details():
    message = compliance.failure_message(mixed_result(), 'fail')
    lines = message.splitlines()
    assert lines[0] == 'phone compliance: 0 errored, 1 failed, 1 warned, 1 waived, 6 passed (fail_on=fail)'
    assert lines[1] == 'environment prod (failed):'
    assert lines[2].startswith('  [FAIL] 8613800138000 status: expected CONNECTED, observed FLAGGED (severity fail, failed)')
    assert lines[3].startswith('  [note] 8613800138001 quality_rating: expected not RED or YELLOW, observed YELLOW (severity warn, warned)')
    assert lines[4].startswith('  [note] 8613800138002 status: expected CONNECTED, observed BANNED (severity fail, waived)')
    assert 'being appealed' in lines[4]
    assert len(lines) == 5


def test_failure_message_marks_warnings_as_failing_under_warn():
    lines = compliance.failure_message(mixed_result(), 'warn').splitlines()
    assert lines[3].startswith('  [FAIL] 8613800138001 quality_rating')


def test_failure_message_of_a_clean_result_says_so():
    assert compliance.failure_message(run([healthy()])).endswith('; no violations')


def test_failure_message_shows_absent_values_as_nothing_and_empty_ones_quoted():
    message = compliance.failure_message(run([without('status', current_limit='')], policy={'checks': ['status', 'current_limit']}))
    assert 'status: expected CONNECTED, observed nothing' in message
    assert 'current_limit: expected TIER_1K or higher, observed ""' in message


def test_violations_are_sorted_worst_first():
    result = run([healthy(quality_rating='YELLOW'), healthy(number=OTHER, status='FLAGGED'), 'junk'])
    assert [item['status'] for item in compliance.violations(result)] == ['errored', 'failed', 'warned']


def test_summary_holds_counts_and_violations_only():
    summary = compliance.summary(mixed_result())
    assert summary['counts']['failed'] == 1
    assert [item['status'] for item in summary['violations']] == ['failed', 'warned', 'waived']
    assert 'waiver' not in summary['violations'][0]


# ---------------------------------------------------------------------------------------------
# combined results


def test_combined_result_sums_the_environments():
    combined = compliance.combine_results([run([healthy()], environment='dev'), run([healthy(status='FLAGGED')], environment='prod')])
    assert combined['status'] == 'failed'
    assert combined['counts']['environments'] == 2
    assert combined['counts']['failed'] == 1 and combined['counts']['passed'] == 5
    assert [item['environment'] for item in combined['environments']] == ['dev', 'prod']
    assert compliance.run_fails(combined, 'fail') is True


def test_summary_of_a_combined_result_summarises_each_environment():
    combined = compliance.combine_results([run([healthy()], environment='dev'), run([healthy(status='FLAGGED')], environment='prod')])
    summary = compliance.summary(combined)
    assert sorted(summary) == ['counts', 'environments', 'status']
    assert (summary['status'], summary['counts']['environments']) == ('failed', 2)
    assert [(item['environment'], item['status'], len(item['violations'])) for item in summary['environments']] == [
        ('dev', 'passed', 0), ('prod', 'failed', 1)]
    assert 'results' not in summary['environments'][1]


def test_summary_rejects_what_is_not_a_result():
    with pytest.raises(ComplianceInputError):
        compliance.summary({'phones': []})


def test_host_without_result_becomes_an_errored_environment():
    combined = compliance.combine_results([run([healthy()], environment='dev'), None], hosts=['dev', 'staging'], today=TODAY)
    staging = combined['environments'][1]
    assert (staging['environment'], staging['status']) == ('staging', 'errored')
    assert 'failed before' in staging['error']
    assert combined['status'] == 'errored'


def registered_check(result, **verdict):
    """A registered phone_compliance_check result: the result plus the task's own keys."""
    registered = dict(result, changed=False, compliant=True, message='', summary=compliance.summary(result), reports=[])
    registered.update(verdict)
    return registered


def test_combined_result_keeps_only_the_result_keys_of_a_registered_check():
    combined = compliance.combine_results([registered_check(run([healthy()], environment='dev'), failed=False)])
    assert sorted(combined['environments'][0]) == sorted(compliance.RESULT_KEYS)


def test_a_check_that_failed_without_judging_is_an_errored_environment_with_its_message():
    failed = {'failed': True, 'msg': 'Unsupported parameters for (phone_compliance_check) module: colour'}
    combined = compliance.combine_results([failed], hosts=['dev'], today=TODAY)
    assert combined['environments'][0]['status'] == 'errored'
    assert 'Unsupported parameters' in combined['environments'][0]['error']


def test_combined_summaries_equal_the_summary_of_the_combined_result():
    prod = run([healthy(status='FLAGGED'), healthy(number=OTHER, quality_rating='YELLOW')], environment='prod')
    results = [run([healthy()], environment='dev'), prod]
    entries = [registered_check(results[0]), compliance.summary(results[1]), None, {'failed': True, 'msg': 'bad option'}]
    hosts = ['dev', 'prod', 'staging', 'qa']
    full = [results[0], results[1], None, {'failed': True, 'msg': 'bad option'}]
    expected = compliance.summary(compliance.combine_results(full, hosts=hosts, today=TODAY))
    assert compliance.combine_summaries(entries, hosts=hosts, today=TODAY) == expected
    assert expected['counts']['environments'] == 4 and expected['status'] == 'errored'


def test_combined_summaries_read_no_passed_result():
    registered = registered_check(run([healthy()], environment='dev'))
    registered['results'] = 'never read'  # a summary is enough
    assert compliance.combine_summaries([registered])['counts']['passed'] == 3


def test_combined_summaries_refuse_two_results_of_one_environment():
    dev = registered_check(run([healthy()], environment='dev'))
    with pytest.raises(ComplianceInputError) as error:
        compliance.combine_summaries([dev, dev], hosts=['a', 'b'])
    assert 'named by two results (a and b)' in str(error.value)


@pytest.mark.parametrize('results, hosts, message', [
    ({'a': 1}, None, 'must be a list'),
    ([{'counts': {}}], None, 'results[0] is not a compliance result'),
    ([None], ['a', 'b'], 'as long as the results'),
    ([None], ['a'], 'today is required'),
])
def test_bad_combine_input_is_rejected(results, hosts, message):
    with pytest.raises(ComplianceInputError) as error:
        compliance.combine_results(results, hosts=hosts)
    assert message in str(error.value)


def test_failure_message_of_a_combined_result_groups_by_environment():
    combined = compliance.combine_results([run([healthy(status='FLAGGED')], environment='dev'), run([healthy()], environment='staging'),
                                           run({'failed': True, 'msg': 'HTTP 503'}, environment='prod')])
    lines = compliance.failure_message(combined, 'fail').splitlines()
    assert lines[0].startswith('phone compliance: 1 errored, 1 failed')
    assert 'environment dev (failed):' in lines
    assert 'environment prod (errored):' in lines
    assert 'environment staging (passed):' not in lines
    assert any(line.startswith('  [FAIL] - phone_info: expected a readable answer from the NxCloud API, observed HTTP 503') for line in lines)


# ---------------------------------------------------------------------------------------------
# scale: linear, one pass


def test_ten_thousand_numbers_are_evaluated_in_one_pass():
    phones = [healthy(number=str(8613800000000 + index), status='FLAGGED' if index % 100 == 0 else 'CONNECTED') for index in range(10000)]
    waivers = [waiver(number=str(8613800000000 + index)) for index in range(0, 10000, 200)]
    result = run(phones, waivers=waivers, policy={'required_numbers': [str(8613800000000 + index) for index in range(0, 10000, 10)]})
    assert result['counts']['numbers'] == 10000
    assert result['counts']['failed'] == 50 and result['counts']['waived'] == 50
    assert result['counts']['results'] == 31000


def test_combining_two_results_of_one_environment_name_is_refused():
    first = compliance.evaluate([], today='2026-06-01', environment='prod')
    second = compliance.evaluate([], today='2026-06-01', environment='prod')
    with pytest.raises(compliance.ComplianceInputError, match=r'environment prod is named by two results \(host-a and host-b\)'):
        compliance.combine_results([first, second], hosts=['host-a', 'host-b'], today='2026-06-01')
