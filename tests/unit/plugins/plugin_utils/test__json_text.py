# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""compact_json writes the same text with orjson as with the standard library, and falls back to it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import dataclasses
import datetime
import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _json_text
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._json_text import compact_json
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils.test__core_compat import container_as_a_plugin_gets_it, trust_as_template

needs_orjson = pytest.mark.skipif(_json_text.orjson is None, reason='orjson is not installed')


def standard(value, sort_keys=False, values_as_repr=False):
    """What the standard library alone writes."""
    return json.dumps(value, sort_keys=sort_keys, ensure_ascii=False, separators=(',', ':'),
                      default=repr if values_as_repr else None).encode('utf-8')


# The state's numbers: {number: [values..., quality strip]}, in the order read (not sorted).
STATE_NUMBERS = collections.OrderedDict([
    ('8613800138001', ['CONNECTED', 'GREEN', None, u'牛小信 "q" \\ \x00\x1f\x7f\u2028', 'GGY']),
    ('8613800138000', ['FLAGGED', 'RED', 'VERIFIED', '', 'R']),
])


@needs_orjson
@pytest.mark.parametrize('sort_keys', [False, True])
def test_orjson_writes_what_the_standard_library_writes(sort_keys):
    value = {'numbers': STATE_NUMBERS, 'b': [True, False, None, 0, -7, 2 ** 63 - 1, -2 ** 63, 2 ** 64 - 1, 1.5, 0.1, 1e16, -0.0],
             'a': {u'': [u'', [], {}], 'z': 'x'}}
    assert compact_json(value, sort_keys=sort_keys) == standard(value, sort_keys=sort_keys)
    assert list(json.loads(compact_json(value))) == ['numbers', 'b', 'a']  # unsorted: in the order given


@needs_orjson
@pytest.mark.parametrize('value', [
    {'set': set([1]), 'bytes': b'x', 'date': datetime.date(2026, 12, 2), 'when': datetime.datetime(2026, 12, 2, 1, 2, 3)},
    {'tagged float': type('TaggedFloat', (float,), {})(1.5), 'pair': collections.namedtuple('Pair', 'a b')(1, 'x')},
    {'tuple': (1, 'a'), 'str subclass': type('Unsafe', (str,), {})('text'), 'int subclass': type('Tagged', (int,), {})(3)},
])
def test_values_json_cannot_hold_are_written_as_repr_as_the_standard_library_does(value):
    assert compact_json(value, sort_keys=True, values_as_repr=True) == standard(value, sort_keys=True, values_as_repr=True)


@pytest.mark.parametrize('value', [{1: 'a key that is not a string'}, [2 ** 64], [-2 ** 63 - 1]], ids=['int key', 'big int', 'small int'])
def test_what_orjson_refuses_the_standard_library_writes(value):
    assert compact_json(value, sort_keys=True) == standard(value, sort_keys=True)


def test_nesting_orjson_refuses_is_written_by_the_standard_library():
    value = 'deep'
    for _level in range(300):  # orjson writes 254 levels at most
        value = [value]
    assert compact_json(value) == standard(value)


def test_a_lone_surrogate_is_written_as_an_escape():
    value = {'reason': u'a lone \ud800 surrogate', 'name': u'牛'}
    written = compact_json(value, sort_keys=True)
    assert written == b'{"name":"\\u725b","reason":"a lone \\ud800 surrogate"}'
    assert json.loads(written) == value


def test_without_values_as_repr_a_value_json_cannot_hold_raises_type_error_as_json_dumps():
    with pytest.raises(TypeError):
        compact_json({'set': set([1])})


@needs_orjson
def test_a_negative_exponent_may_be_spelled_otherwise_but_reads_as_the_same_number():
    value = [1e-07, 2.5e-05, 1e+22]
    assert json.loads(compact_json(value)) == value


@pytest.mark.parametrize('sort_keys', [False, True])
def test_the_standard_library_alone_writes_the_same(monkeypatch, sort_keys):
    value = {'numbers': STATE_NUMBERS, 'z': [1, 'x', None]}
    with_orjson = compact_json(value, sort_keys=sort_keys)
    monkeypatch.setattr(_json_text, 'orjson', None)
    assert compact_json(value, sort_keys=sort_keys) == with_orjson == standard(value, sort_keys=sort_keys)


@dataclasses.dataclass(frozen=True)
class _Wrapped(object):
    value: object


class _UnwrappingDict(dict):
    """A dict that stores its items wrapped and hands them out unwrapped, as ansible-core 2.19's lazy dict does."""

    def items(self):
        return [(key, item.value) for key, item in dict.items(self)]


class _UnwrappingList(list):
    """The list counterpart of _UnwrappingDict."""

    def __iter__(self):
        return iter([item.value for item in list.__iter__(self)])


@pytest.mark.parametrize('values_as_repr', [False, True])
def test_a_container_is_written_with_the_items_it_hands_out_not_what_it_stores(values_as_repr):
    value = {'result': _UnwrappingDict(status=_Wrapped('CONNECTED'), numbers=_Wrapped(_UnwrappingList([_Wrapped('8613800138000')])))}
    assert compact_json(value, sort_keys=True, values_as_repr=values_as_repr) == b'{"result":{"numbers":["8613800138000"],"status":"CONNECTED"}}'


def test_a_lazy_container_of_the_ansible_core_running_the_tests_is_written_as_the_standard_library_writes_it():
    # Real lazy containers on 2.19+ (items wrapped until read, templates rendered on reading); plain ones before.
    stored = {'note': trust_as_template('{{ 40 + 2 }}'), 'phones': [{'number': '8613800138000'}, trust_as_template('{{ "x" }}')]}
    written = compact_json({'stored': container_as_a_plugin_gets_it(stored)}, sort_keys=True, values_as_repr=True)
    assert json.loads(written)['stored']['phones'][0] == {'number': '8613800138000'}
    assert json.loads(written)['stored']['note'] in (42, '42')  # rendered: 2.16 renders it as text before
    assert written == standard({'stored': container_as_a_plugin_gets_it(stored)}, sort_keys=True, values_as_repr=True)


@needs_orjson
def test_nan_and_infinities_are_what_orjson_writes_otherwise():
    # The one documented difference that is not the same number: callers hand strict JSON (json_safe, plain).
    value = [float('nan'), float('inf'), -float('inf')]
    assert compact_json(value) == b'[null,null,null]'
    assert standard(value) == b'[NaN,Infinity,-Infinity]'


@pytest.mark.parametrize('version, used', [
    ('3.11.6', False), ('3.9.0', False), ('2.6.8', False), ('3.11.7', True), ('3.12.0', True), ('3.13.0', True), ('4.0.0rc1', True),
    ('', False), (None, False), ('3.x', False),
])
def test_an_orjson_that_spells_exponents_otherwise_is_not_used(version, used):
    # orjson 3.11.6 writes [1e16,1.5e300]; from 3.11.7 on [1e+16,1.5e+300], as the standard library.
    assert _json_text.orjson_writes_the_same(version) is used


@needs_orjson
def test_a_positive_exponent_is_written_with_its_sign_as_the_standard_library_writes_it():
    value = [1e16, 1.5e300, 1e22, -2.5e+20]
    assert compact_json(value) == standard(value) == b'[1e+16,1.5e+300,1e+22,-2.5e+20]'
