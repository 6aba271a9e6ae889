# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One check per field: every value a field can take, odd ones included, and what each check reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import NUMBER, OTHER, healthy, only, run, without


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
    assert model.TIER_ORDER == ('TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED')


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


def test_number_removed_reports_each_number_of_the_previous_run_no_longer_returned():
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate as judge
    phones = [{'number': '1', 'status': 'CONNECTED'}]
    policy = {'checks': ['status', 'number_removed'], 'severity': {'number_removed': 'warn'}}
    result = judge(phones, policy=policy, today='2026-12-02', previous_numbers=['1', '2'])
    removed = [item for item in result['results'] if item['check'] == 'number_removed']
    assert [(item['number'], item['status'], item['observed']) for item in removed] == [('2', 'warned', 'absent')]
    # Without a previous run, or when the check is not asked for, nothing is reported.
    assert not [item for item in judge(phones, policy=policy, today='2026-12-02')['results'] if item['check'] == 'number_removed']
    assert not [item for item in judge(phones, today='2026-12-02', previous_numbers=['2'])['results'] if item['check'] == 'number_removed']


def test_number_removed_can_be_waived():
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate as judge
    waivers = [{'number': '2', 'check': 'number_removed', 'reason': 'moved to prod-eu', 'expires': '2026-12-31'}]
    result = judge([], policy={'checks': ['number_removed']}, waivers=waivers, today='2026-12-02', previous_numbers=['2'])
    assert [item['status'] for item in result['results']] == ['waived']
