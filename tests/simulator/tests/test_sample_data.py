# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bundled sample data holds the shared credentials and the problems it promises."""

from __future__ import annotations

import pytest

HEALTHY = {'quality_rating': 'GREEN', 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED'}


def phones_of(dataset, appkey):
    return [fields for dummy, fields in dataset.apps[appkey]['phones']]


def problems(fields):
    """Return what a compliance job would flag on one number."""
    found = [name for name, value in HEALTHY.items() if fields.get(name) != value]
    if fields.get('name_status') not in ('APPROVED', 'AVAILABLE_WITHOUT_REVIEW'):
        found.append('name_status')
    return found


def test_shared_contract_credentials_and_apps(sample_dataset):
    assert sample_dataset.accounts['AK-DEMO-0001']['access_secret'] == 'SK-demo-secret-do-not-use'
    assert sorted(sample_dataset.apps) == ['appkey-dev', 'appkey-prod', 'appkey-staging']
    assert {app['environment'] for app in sample_dataset.apps.values()} == {'dev', 'staging', 'prod'}


@pytest.mark.parametrize('field, value', [
    ('quality_rating', 'RED'), ('status', 'FLAGGED'), ('code_verification_status', 'NOT_VERIFIED'),
    ('name_status', 'DECLINED'), ('current_limit', ''), ('quality_rating', 'UNKNOW'),
])
def test_every_promised_problem_is_present(sample_dataset, field, value):
    everything = [fields for appkey in sample_dataset.apps for fields in phones_of(sample_dataset, appkey)]
    assert any(fields.get(field) == value for fields in everything)


def test_prod_is_mostly_healthy_staging_has_several_problems_dev_is_a_mess(sample_dataset):
    def with_problems(appkey):
        return sum(1 for fields in phones_of(sample_dataset, appkey) if problems(fields))

    assert 1 <= with_problems('appkey-prod') <= 2 < len(phones_of(sample_dataset, 'appkey-prod'))
    assert with_problems('appkey-staging') >= 3
    assert with_problems('appkey-dev') >= 4


def test_displayed_number_has_the_digits_of_the_number(sample_dataset):
    for app in sample_dataset.apps.values():
        for number, fields in app['phones']:
            assert ''.join(ch for ch in fields['display_phone_number'] if ch.isdigit()) == number


def test_every_phone_has_every_documented_field_as_a_string(sample_dataset):
    documented = ('display_phone_number', 'verified_name', 'quality_rating', 'name_status', 'status', 'current_limit', 'code_verification_status')
    for app in sample_dataset.apps.values():
        for dummy, fields in app['phones']:
            assert all(isinstance(fields.get(name), str) for name in documented)
