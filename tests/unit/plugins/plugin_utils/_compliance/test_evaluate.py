# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One environment evaluated: which checks run, required numbers, waivers applied, errored environments, scale."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import evaluate, model
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import NUMBER, OTHER, TODAY, healthy, only, run, waiver


def test_healthy_number_passes_every_default_check():
    result = run([healthy()])
    assert result['status'] == 'passed'
    assert [item['check'] for item in result['results']] == ['status', 'code_verification_status', 'quality_rating']
    assert all(item['status'] == 'passed' for item in result['results'])
    assert result['counts'] == {'errored': 0, 'failed': 0, 'warned': 0, 'waived': 0, 'passed': 3, 'results': 3, 'numbers': 1,
                                'expired_waivers': 0}


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


def test_opt_in_checks_do_not_run_by_default():
    checks = set(item['check'] for item in run([healthy(name_status='DECLINED', current_limit='')])['results'])
    assert 'name_status' not in checks and 'current_limit' not in checks and 'verified_name' not in checks


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


def test_required_number_check_can_be_switched_off():
    result = run([healthy()], policy={'checks': ['status']}, missing=[OTHER])
    assert [item['check'] for item in result['results']] == ['status']


def test_default_checks_can_be_narrowed():
    result = run([healthy(status='BANNED', quality_rating='RED')], policy={'checks': ['quality_rating']})
    assert [item['check'] for item in result['results']] == ['quality_rating']


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


@pytest.mark.parametrize('today', ['2026-05-01', datetime.date(2026, 5, 1), datetime.datetime(2026, 5, 1, 23, 59)])
def test_today_accepts_strings_dates_and_datetimes(today):
    assert run([healthy()], today=today)['today'] == '2026-05-01'


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
    with pytest.raises(model.ComplianceInputError) as error:
        evaluate.evaluate(**arguments)
    assert message in str(error.value)


def test_phones_that_are_not_a_list_raise_a_clear_error():
    with pytest.raises(model.ComplianceInputError) as error:
        run('8613800138000')
    assert 'phones must be the list returned by phone_info' in str(error.value)


def test_explicit_error_overrides_the_phones():
    result = run([healthy(status='BANNED')], error='timed out')
    assert [item['check'] for item in result['results']] == ['phone_info']


def test_errored_environment_still_reports_expired_waivers_of_its_required_numbers():
    waivers = [waiver(expires='2026-01-01'), waiver(number=OTHER, expires='2026-01-01')]
    result = run([], error='boom', waivers=waivers, policy={'required_numbers': [NUMBER]})
    assert [(item['check'], item['number']) for item in result['results']] == [('phone_info', None), ('waiver', NUMBER)]


def test_ten_thousand_numbers_are_evaluated_in_one_pass():
    phones = [healthy(number=str(8613800000000 + index), status='FLAGGED' if index % 100 == 0 else 'CONNECTED') for index in range(10000)]
    waivers = [waiver(number=str(8613800000000 + index)) for index in range(0, 10000, 200)]
    result = run(phones, waivers=waivers, policy={'required_numbers': [str(8613800000000 + index) for index in range(0, 10000, 10)]})
    assert result['counts']['numbers'] == 10000
    assert result['counts']['failed'] == 50 and result['counts']['waived'] == 50
    assert result['counts']['results'] == 31000


def test_the_result_carries_the_numbers_as_read_without_entries_that_are_not_objects():
    result = run([healthy(), 'not a phone', healthy(number=OTHER, extra=float('nan'))])
    assert result['phones'] == [healthy(), dict(healthy(number=OTHER), extra='nan')]


def test_an_errored_environment_has_no_numbers_as_read():
    assert run([healthy()], error='HTTP 503')['phones'] == []


def test_every_record_of_a_number_carries_its_display_number_and_display_name():
    result = run([healthy(status='FLAGGED', display_phone_number='+86 138 0013 8000', verified_name='Acme Retail')],
                 policy={'required_numbers': ['14155550123']})
    listed = [item for item in result['results'] if item['number'] == NUMBER]
    assert listed and all((item['display_number'], item['display_name']) == ('+86 138 0013 8000', 'Acme Retail') for item in listed)
    # A number the answer does not hold has nothing to show but its digits.
    absent = [item for item in result['results'] if item['number'] == '14155550123']
    assert absent and all((item['display_number'], item['display_name']) == (None, None) for item in absent)
