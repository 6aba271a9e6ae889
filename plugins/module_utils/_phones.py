# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Business numbers in and phone states out: normalising what people type, parsing getPhone.

Pure functions, no I/O. The service's answer is untrusted input: its structure is checked and a
wrong type raises NxCloudResponseError saying what was wrong, while field values (known or not,
of any type) are carried through unchanged for the compliance rules to judge.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudResponseError, printable_text

# The fields the provider documents for a phone object; others are carried through as sent.
PHONE_FIELDS = (
    'display_phone_number',
    'verified_name',
    'quality_rating',
    'name_status',
    'status',
    'current_limit',
    'code_verification_status',
)

# What may stand in a typed number besides digits: "+86 (138) 0013-8000", "86.138.0013.8000".
_NUMBER_DECORATION = re.compile(r'[\s+\-().]')
_NON_DIGIT = re.compile(r'[^0-9]')
_EXPONENT = re.compile(r'[0-9][eE][+-]?[0-9]')


def type_name(value):
    """Return the JSON name of a value's type ("object", "array", "null"...), for messages."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'boolean'
    if isinstance(value, int):
        return 'integer'
    if isinstance(value, float):
        return 'number'
    if isinstance(value, str):
        return 'string'
    if isinstance(value, Mapping):
        return 'object'
    if isinstance(value, (list, tuple)):
        return 'array'
    return type(value).__name__


def with_article(name):
    """Return a type name with its indefinite article: "an integer", "a boolean"."""
    return ('an %s' if name[:1] in 'aeiou' else 'a %s') % name


def _a_value_of_type(value):
    return 'null' if value is None else with_article(type_name(value))


def digits_of(text):
    """Return the ASCII digits of a text ("+86 138-0013" -> "86138 0013" without separators)."""
    return _NON_DIGIT.sub('', text)


def service_number(text, where):
    """Return the digits of a number the service wrote (a data key, a display_phone_number), or raise NxCloudResponseError.

    "8.6138001380E12" is a number in exponent notation: its digits are another number, so it is
    refused rather than read as 8613800138012.
    """
    if _EXPONENT.search(text):
        raise NxCloudResponseError('the getPhone answer has %s at %s, a number in exponent notation: its digits are not the phone '
                                   'number, so it cannot be matched' % (printable_text(repr(text)[:120]), where))
    return digits_of(text)


def normalise_number(entry):
    """Return the digits of one typed number, or raise ValueError naming the entry."""
    if isinstance(entry, bool) or not isinstance(entry, (str, int)):
        raise ValueError('%r is %s; give each number as a string such as "+86 138-0013-8000"' % (entry, _a_value_of_type(entry)))
    text = str(entry).strip()
    if not any(ch.isdigit() for ch in text):
        raise ValueError('%r holds no digits; give the number with its country code, e.g. "8613800138000"' % (entry,))
    stray = _NUMBER_DECORATION.sub('', text)
    if not stray.isdigit() or not stray.isascii():
        raise ValueError('%r has characters that are not part of a phone number (only digits, spaces, '
                         '"+", "-", "(", ")" and "." are allowed)' % (entry,))
    return stray


def normalise_business_phones(value):
    """Return the requested numbers as a list of unique digit strings, in the order given.

    Accepts None (every number of the app), a comma-separated string, or a list whose entries
    are strings (themselves possibly comma-separated) or YAML integers.
    """
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise ValueError('business_phones must be a list of numbers or a comma-separated string, not %s' % _a_value_of_type(value))
    numbers = []
    for entry in value:
        pieces = entry.split(',') if isinstance(entry, str) else [entry]
        for piece in pieces:
            if isinstance(piece, str) and not piece.strip():
                # A blank entry (often an empty variable) must not widen the request to every number of the app.
                raise ValueError('business_phones has a blank entry (%r in %r). To fix: remove it, or leave business_phones empty '
                                 'to read every number of the app' % (piece, entry))
            try:
                number = normalise_number(piece)
            except ValueError as exc:
                raise ValueError('business_phones entry %s' % exc)
            if number not in numbers:
                numbers.append(number)
    return numbers


def _phone_record(number, phone, where):
    if not isinstance(phone, dict):
        raise NxCloudResponseError('the getPhone answer has %s at %s where a phone object was expected' % (_a_value_of_type(phone), where))
    record = {'number': number}
    for key, field_value in phone.items():
        if key != 'number':
            record[key] = field_value
    return record


def _phones_from_keyed_object(data):
    """Shape of the provider's example: ``{"8613800138000": [ {phone} ], ...}``."""
    phones, notes = [], []
    for key, entries in data.items():
        where = 'data[%s]' % printable_text(repr(key)[:120])
        number = service_number(key, 'a key of data')
        if not number:
            raise NxCloudResponseError('the getPhone answer has a key %s in data that is not a phone number' % printable_text(repr(key)[:120]))
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            raise NxCloudResponseError('the getPhone answer has %s at %s where a list of phone objects was expected'
                                       % (_a_value_of_type(entries), where))
        if not entries:
            notes.append('the service listed number %s with no phone object; it is reported as missing' % number)
            continue
        if len(entries) > 1:
            notes.append('the service sent %d phone objects for number %s; the first is used' % (len(entries), number))
        phones.append(_phone_record(number, entries[0], where + '[0]'))
    return phones, notes


def _phones_from_array(entries):
    """Shape of the provider's field table: ``{"business_phones": [ {phone}, ... ]}``."""
    if not isinstance(entries, list):
        raise NxCloudResponseError('the getPhone answer has %s at data.business_phones where an array was expected' % _a_value_of_type(entries))
    phones = []
    for index, phone in enumerate(entries):
        where = 'data.business_phones[%d]' % index
        if not isinstance(phone, dict):
            raise NxCloudResponseError('the getPhone answer has %s at %s where a phone object was expected' % (_a_value_of_type(phone), where))
        displayed = phone.get('display_phone_number')
        number = service_number(displayed, where + '.display_phone_number') if isinstance(displayed, str) else ''
        if not number:
            raise NxCloudResponseError('the getPhone answer has a phone object at %s without a usable display_phone_number (%s), '
                                       'so it cannot be matched to a number' % (where, printable_text(repr(displayed)[:120])))
        phones.append(_phone_record(number, phone, where))
    return phones, []


def phones_from_data(data):
    """Return ``(phones, notes)`` from the ``data`` of a successful getPhone answer.

    Both documented shapes are accepted; ``notes`` are things worth a warning that do not make
    the answer unusable.
    """
    if data is None:
        raise NxCloudResponseError('the getPhone answer reports success (code 0) but its data is null, so the state of the numbers '
                                   'is unknown')
    if not isinstance(data, dict):
        raise NxCloudResponseError('the getPhone answer has %s as data where an object was expected' % _a_value_of_type(data))
    if 'business_phones' in data:
        return _phones_from_array(data['business_phones'])
    return _phones_from_keyed_object(data)


def missing_numbers(requested, phones):
    """Return the requested numbers that the answer did not hold, in the order requested."""
    returned = set(phone['number'] for phone in phones)
    return [number for number in requested if number not in returned]
