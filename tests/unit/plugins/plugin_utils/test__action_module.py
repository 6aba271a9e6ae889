# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AnsibleModule look-alike: options checked, secrets masked, and a body's exit turned into its result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime

import pytest

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._action_module import masked, run_module_body

NAME = 'nxcloud.whatsapp.thing_info'
SPEC = {
    'token': dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['THING_TOKEN'])),
    'count': dict(type='int', default=1),
    'mode': dict(type='str', default='fast', choices=['fast', 'slow']),
}


def echo(module):
    module.warn('token %s used %d times' % (module.params['token'], module.params['count']))
    module.exit_json(changed=False, token=module.params['token'], count=module.params['count'], mode=module.params['mode'])


def test_validated_params_reach_the_body_and_no_log_values_are_masked_everywhere():
    result = run_module_body(echo, SPEC, {'token': 'TK-secret-1', 'count': '3'}, NAME)
    # As AnsibleModule masks: a whole value is named as hidden, a value inside a text is starred.
    assert result == {'changed': False, 'token': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'count': 3, 'mode': 'fast',
                      'warnings': ['token ******** used 3 times']}


def test_fallbacks_fill_options_and_their_values_are_masked(monkeypatch):
    monkeypatch.setenv('THING_TOKEN', 'TK-from-env')
    result = run_module_body(echo, SPEC, {}, NAME)
    assert result['token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'TK-from-env' not in repr(result)


@pytest.mark.parametrize('module_args, message', [
    ({}, 'missing required arguments: token'),
    ({'token': 'TK-long-token', 'count': 'many'}, "argument 'count' is of type"),
    ({'token': 'TK-long-token', 'mode': 'slowest'}, 'value of mode must be one of: fast, slow, got: slowest'),
    ({'token': 'TK-long-token', 'surprise': 1}, 'Unsupported parameters for (nxcloud.whatsapp.thing_info) module: surprise'),
], ids=['required', 'type', 'choices', 'unsupported'])
def test_unusable_options_fail_before_the_body_runs(module_args, message):
    def body(module):
        raise AssertionError('the body must not run')

    result = run_module_body(body, SPEC, module_args, NAME)
    assert result['failed'] is True
    assert message in result['msg']


def test_fail_json_carries_extra_fields_and_masks_values_added_by_the_body():
    def body(module):
        module.no_log_values.add('PW-in-url')
        module.fail_json(msg='refused by http://me:PW-in-url@proxy', http_status=407)

    assert run_module_body(body, SPEC, {'token': 't0ken'}, NAME) == {
        'failed': True, 'msg': 'refused by http://me:********@proxy', 'http_status': 407}


def test_a_body_cannot_swallow_its_own_exit():
    def body(module):
        try:
            module.exit_json(changed=False, reached='exit')
        except Exception:  # pylint: disable=broad-except
            module.fail_json(msg='the exit was caught as an error')

    assert run_module_body(body, SPEC, {'token': 'TK-long-token'}, NAME) == {'changed': False, 'reached': 'exit'}


def test_a_body_that_ends_without_an_exit_is_a_bug_that_says_so():
    with pytest.raises(RuntimeError, match='ended without exit_json or fail_json'):
        run_module_body(lambda module: None, SPEC, {'token': 'TK-long-token'}, NAME)


def test_warnings_must_be_text():
    def body(module):
        module.warn(42)

    with pytest.raises(TypeError):
        run_module_body(body, SPEC, {'token': 'TK-long-token'}, NAME)


_SHARED_PHONE = {'number': '8613800138000', 'note': 'TK-secret-1 echoed'}
MASKING_CASES = [
    {'phones': [{'number': '8613800138000', 'name': 'Acme'}], 'count': 3, 'ratio': 1.5, 'ok': True, 'none': None},
    {'phones': [{'number': '8613800138000', 'note': 'key TK-secret-1 leaked'}]},
    {'deep': [[['TK-secret-1']]], 'other': 'fine'},
    {'number_is_secret': 4242},
    {'float_holds_secret': 4242.5},
    {'tuple': ('a', 'b')},
    {'date': datetime.date(2026, 12, 2)},
    {'across': ['TK-sec', 'ret-1']},
    {'phones_by_number': {'TK-secret-1': {'status': 'CONNECTED'}}},
    {4242: 'a number as key'},
    # One dict held twice, as phones_by_number holds the dicts of phones: looked at once, masked in both places.
    {'phones': [_SHARED_PHONE], 'phones_by_number': {'8613800138000': _SHARED_PHONE}},
    'TK-secret-1',
    ['plain', 'list'],
]


@pytest.mark.parametrize('value', MASKING_CASES)
@pytest.mark.parametrize('secrets', [{'TK-secret-1'}, {'4242'}, {'TK-secret-1', '42'}, set()])
def test_masked_gives_what_remove_values_gives(value, secrets):
    assert masked(copy.deepcopy(value), secrets) == remove_values(copy.deepcopy(value), secrets)


def test_masked_hands_back_plain_data_without_a_no_log_value_as_it_is():
    value = {'phones': [{'number': '8613800138000', 'name': 'Acme'}], 'count': 3}
    assert masked(value, {'TK-secret-1'}) is value
    assert masked({'note': 'key TK-secret-1'}, {'TK-secret-1'}) == {'note': 'key ********'}
