# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import REMEDY_MALFORMED_ANSWER, NxCloudResponseError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import (
    missing_numbers,
    normalise_business_phones,
    phones_from_data,
)

PHONE = {
    'display_phone_number': '+86 138 0013 8000',
    'quality_rating': 'GREEN',
    'name_status': 'APPROVED',
    'verified_name': 'GLORY JACK',
    'code_verification_status': 'VERIFIED',
    'current_limit': '',
    'status': 'CONNECTED',
}


@pytest.mark.parametrize('typed, expected', [
    (None, []),
    ([], []),
    (['+86 138-0013-8000'], ['8613800138000']),
    (['8613800138000'], ['8613800138000']),
    ([8613800138000], ['8613800138000']),
    ('8613800138000,14155550123', ['8613800138000', '14155550123']),
    (['8613800138000, 14155550123'], ['8613800138000', '14155550123']),
    (['+1 (415) 555.0123'], ['14155550123']),
    (['8613800138000', '+86 13800138000'], ['8613800138000']),
])
def test_numbers_are_normalised_to_unique_digits_in_order(typed, expected):
    assert normalise_business_phones(typed) == expected


@pytest.mark.parametrize('typed, words', [
    (['+ ---'], "'+ ---' holds no digits"),
    (['86138abc'], "'86138abc' has characters"),
    (['٨٦١٣٨'], 'has characters'),
    ([True], 'is a boolean'),
    ([{'number': 1}], 'is an object'),
    ([86.5], 'is a number'),
    ({'a': 1}, 'must be a list'),
    (['8613800138000', ''], 'business_phones has a blank entry'),
    (['', ' ', ','], 'business_phones has a blank entry'),
    ('8613800138000,', 'business_phones has a blank entry'),
    ('', 'business_phones has a blank entry'),
])
def test_bad_entries_are_rejected_naming_the_entry(typed, words):
    with pytest.raises(ValueError) as info:
        normalise_business_phones(typed)
    assert words in str(info.value)


def test_keyed_object_shape_from_the_provider_example():
    data = {'8613800138000': [PHONE], '14155550123': [dict(PHONE, display_phone_number='+1 415 555 0123')]}
    phones, notes = phones_from_data(data)
    assert [phone['number'] for phone in phones] == ['8613800138000', '14155550123']
    assert phones[0] == dict(PHONE, number='8613800138000')
    assert notes == []


def test_array_shape_from_the_provider_field_table():
    phones, notes = phones_from_data({'business_phones': [PHONE]})
    assert phones == [dict(PHONE, number='8613800138000')]
    assert notes == []


def test_unknown_fields_and_values_are_carried_through_unchanged():
    odd = dict(PHONE, quality_rating='UNKNOW', status='SOMETHING_NEW', throughput={'level': 'HIGH'}, current_limit=None)
    phones, dummy = phones_from_data({'8613800138000': [odd]})
    assert phones[0]['quality_rating'] == 'UNKNOW'
    assert phones[0]['status'] == 'SOMETHING_NEW'
    assert phones[0]['throughput'] == {'level': 'HIGH'}
    assert phones[0]['current_limit'] is None


def test_wrong_field_types_are_carried_for_the_rules_to_judge():
    phones, dummy = phones_from_data({'8613800138000': [dict(PHONE, status=7, quality_rating=['RED'])]})
    assert phones[0]['status'] == 7
    assert phones[0]['quality_rating'] == ['RED']


def test_a_keyed_phone_given_as_an_object_instead_of_a_list_is_accepted():
    phones, dummy = phones_from_data({'8613800138000': PHONE})
    assert phones[0]['number'] == '8613800138000'


def test_several_objects_for_one_number_use_the_first_and_say_so():
    phones, notes = phones_from_data({'8613800138000': [PHONE, dict(PHONE, status='BANNED')]})
    assert phones[0]['status'] == 'CONNECTED'
    assert notes == ['the service sent 2 phone objects for number 8613800138000; the first is used']


def test_a_number_with_an_empty_list_is_reported_missing():
    phones, notes = phones_from_data({'8613800138000': []})
    assert phones == []
    assert 'reported as missing' in notes[0]
    assert missing_numbers(['8613800138000'], phones) == ['8613800138000']


def test_empty_data_object_means_no_numbers():
    assert phones_from_data({}) == ([], [])


@pytest.mark.parametrize('data, words', [
    (None, 'data is null'),
    ([PHONE], 'has an array as data'),
    ('oops', 'has a string as data'),
    ({'8613800138000': 'CONNECTED'}, "has a string at data['8613800138000']"),
    ({'8613800138000': ['CONNECTED']}, "has a string at data['8613800138000'][0]"),
    ({'not-a-number': [PHONE]}, "key 'not-a-number'"),
    ({'business_phones': {'a': 1}}, 'has an object at data.business_phones'),
    ({'business_phones': [PHONE, 3]}, 'has an integer at data.business_phones[1]'),
    ({'business_phones': [dict(PHONE, display_phone_number=None)]}, 'without a usable display_phone_number'),
])
def test_wrong_shapes_raise_a_response_error_saying_what_was_wrong(data, words):
    with pytest.raises(NxCloudResponseError) as info:
        phones_from_data(data)
    assert words in str(info.value)
    assert str(info.value).endswith('. To fix: %s.' % REMEDY_MALFORMED_ANSWER)


def test_keys_with_non_ascii_digits_are_not_numbers():
    with pytest.raises(NxCloudResponseError, match='not a phone number'):
        phones_from_data({u'\U0001e140': [PHONE]})


def test_missing_keeps_the_requested_order():
    phones = [{'number': '2'}]
    assert missing_numbers(['3', '2', '1'], phones) == ['3', '1']


@pytest.mark.parametrize('data, words', [
    ({'8.6138001380E12': [{'status': 'CONNECTED'}]}, 'exponent notation'),
    ({'8613800138000e0': [{'status': 'CONNECTED'}]}, 'exponent notation'),
    ({'business_phones': [{'display_phone_number': '8.6138E+12'}]}, 'exponent notation'),
    ({'business_phones': [{'display_phone_number': 8.6138e12}]}, 'without a usable display_phone_number (8613800000000.0)'),
])
def test_numbers_in_exponent_notation_are_refused(data, words):
    with pytest.raises(NxCloudResponseError) as info:
        phones_from_data(data)
    assert words in str(info.value)
