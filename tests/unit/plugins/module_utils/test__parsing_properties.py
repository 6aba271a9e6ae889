# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property tests: whatever the service sends, parsing answers or raises a typed error.

NXCLOUD_PROPERTY_EXAMPLES sets the number of examples (the default keeps make test quick;
the reliability run uses 10,000).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._client import decode_answer
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudAPIError, NxCloudResponseError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import PHONE_FIELDS, normalise_business_phones, phones_from_data
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins import strategies

EXAMPLES = int(os.environ.get('NXCLOUD_PROPERTY_EXAMPLES', '200'))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

json_values = strategies.json_values(max_size=4, key_size=8, max_leaves=20)
phone_objects = strategies.phone_objects(dict((field, json_values) for field in PHONE_FIELDS), json_values, max_unknown=3)
numbers = strategies.digits
keyed_data = st.dictionaries(numbers, st.lists(phone_objects, max_size=2), max_size=5)
array_data = st.lists(phone_objects, max_size=5).map(lambda phones: {'business_phones': phones})


def _is_digits(value):
    return isinstance(value, str) and value.isdigit() and value.isascii()


@SETTINGS
@given(json_values)
def test_any_json_as_data_gives_phones_or_a_response_error(data):
    try:
        phones, notes = phones_from_data(data)
    except NxCloudResponseError as exc:
        assert str(exc)
        return
    assert all(_is_digits(phone['number']) for phone in phones)
    assert all(isinstance(note, str) for note in notes)


@SETTINGS
@given(keyed_data | array_data)
def test_well_shaped_data_keeps_every_field_value_unchanged(data):
    try:
        phones, dummy = phones_from_data(data)
    except NxCloudResponseError:
        # Only an array entry without a usable display_phone_number may be refused.
        assert 'business_phones' in data
        return
    sources = data['business_phones'] if 'business_phones' in data else [entries[0] for entries in data.values() if entries]
    assert len(phones) == len(sources)
    for phone, source in zip(phones, sources):
        assert dict((k, v) for k, v in phone.items() if k != 'number') == dict((k, v) for k, v in source.items() if k != 'number')


@SETTINGS
@given(st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode('utf-8')))
def test_any_body_decodes_or_raises_a_typed_error(raw):
    try:
        decode_answer(raw, 'getPhone')
    except (NxCloudResponseError, NxCloudAPIError) as exc:
        assert str(exc)


@SETTINGS
@given(st.none() | st.text() | st.integers() | st.lists(st.text() | st.integers() | json_values, max_size=5) | json_values)
def test_any_business_phones_value_normalises_or_is_refused(value):
    try:
        result = normalise_business_phones(value)
    except ValueError as exc:
        assert str(exc)
        return
    assert all(_is_digits(number) for number in result)
    assert len(result) == len(set(result))


@SETTINGS
@given(st.fixed_dictionaries({'code': json_values | st.from_regex(r'-*[0-9]+', fullmatch=True) | st.text(max_size=4),
                              'message': json_values, 'data': json_values}))
def test_any_envelope_decodes_or_raises_a_typed_error(envelope):
    try:
        decode_answer(json.dumps(envelope).encode('utf-8'), 'getPhone')
    except (NxCloudResponseError, NxCloudAPIError) as exc:
        assert str(exc)
