# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every hook of plugin_utils/_core_compat.py against the real objects of the ansible-core running the tests.

ansible-test units runs this file on each supported ansible-core (2.16, 2.19, 2.21): a hook that a
new release breaks fails here, on that release, not in a user's playbook.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins.action import ActionBase
from ansible.plugins.loader import connection_loader, shell_loader
from ansible.template import Templar

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phone_info import phone_info_argument_spec
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _core_compat as compat

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19: every string in a template's variables is rendered
    def trust_as_template(value):
        return value

# A stored result holding a template, as a play's variables may (2.19+ renders it on ordinary access).
STORED = {'phones': [{'number': '8613800138000', 'status': 'CONNECTED'}], 'note': trust_as_template('{{ 40 + 2 }}')}


def container_as_a_plugin_gets_it(value):
    """Return ``value`` as a template hands it to Python code (a filter or lookup): lazy on 2.19+."""
    received = []

    def capture(argument):
        received.append(argument)
        return ''

    Templar(loader=DataLoader(), variables={'stored': value, 'capture': capture}).template(trust_as_template('{{ capture(stored) }}'))
    return received[0]


LAZY_CONTAINERS = type(container_as_a_plugin_gets_it({})) is not dict  # pylint: disable=unidiomatic-typecheck


def test_raw_dict_items_give_what_is_stored_without_templating():
    lazy = container_as_a_plugin_gets_it(STORED)
    raw = dict((key, compat.unwrap_lazy_value(item)) for key, item in compat.raw_dict_items(lazy))
    assert sorted(raw) == ['note', 'phones']
    if LAZY_CONTAINERS:
        assert raw['note'] == '{{ 40 + 2 }}'  # stored, not rendered
        assert compat.is_trusted_template(raw['note'])
        assert dict(lazy.items())['note'] == 42  # what the ordinary access gives
    else:
        assert raw['note'] in ('42', 42)  # 2.16 renders before the plugin sees the value
        assert not compat.is_trusted_template(raw['note'])


def test_raw_list_items_give_what_is_stored_without_templating():
    lazy = container_as_a_plugin_gets_it([trust_as_template('{{ 40 + 2 }}'), {'number': '1'}])
    raw = [compat.unwrap_lazy_value(item) for item in compat.raw_list_items(lazy)]
    assert raw[1] == {'number': '1'}
    if LAZY_CONTAINERS:
        assert raw[0] == '{{ 40 + 2 }}' and compat.is_trusted_template(raw[0])
        assert list(lazy)[0] == 42
    else:
        assert raw[0] in ('42', 42)


def test_a_lazy_container_wraps_its_items_until_unwrapped():
    lazy = container_as_a_plugin_gets_it({'number': '8613800138000'})
    (key, item), = list(compat.raw_dict_items(lazy))
    assert key == 'number'
    if LAZY_CONTAINERS:
        assert item != '8613800138000', 'a 2.19+ lazy dict no longer wraps its items: the unwrap hook is dead'
    assert compat.unwrap_lazy_value(item) == '8613800138000'
    assert compat.unwrap_lazy_value('plain') == 'plain'


def test_plain_strings_are_no_templates():
    assert compat.is_trusted_template('{{ not_trusted }}') is False
    assert compat.is_trusted_template(DataLoader().load('status: FLAGGED\n', file_name='/tmp/answer.yml')['status']) is False


SPEC = dict(phone_info_argument_spec(), nested=dict(type='dict', options=dict(token=dict(type='str', no_log=True))))
ARGS = dict(access_key='AK-1', access_secret='SK-compat-secret', appkey='app', nested=dict(token='TK-nested'))


def test_no_log_values_are_those_ansible_module_masks():
    validation = ArgumentSpecValidator(SPEC).validate(dict(ARGS))
    found = compat.validation_no_log_values(validation, SPEC)
    assert {'SK-compat-secret', 'TK-nested'} <= found
    with compat.as_module_process(), compat.module_args_for_main(ARGS):
        module = AnsibleModule(argument_spec=SPEC)
    assert found == set(module.no_log_values)


def test_no_log_values_fall_back_to_the_spec_when_the_private_attribute_is_gone():
    validated = ArgumentSpecValidator(SPEC).validate(dict(ARGS)).validated_parameters

    class PublicOnlyResult(object):
        validated_parameters = validated

    assert compat.validation_no_log_values(PublicOnlyResult(), SPEC) == {'SK-compat-secret', 'TK-nested'}


class _Action(ActionBase):
    def run(self, tmp=None, task_vars=None):
        raise AssertionError('not run by these tests')


def real_action(environment, variables=None):
    task = Task()
    task.environment = environment
    loader = DataLoader()
    connection = connection_loader.get('local', PlayContext())
    return _Action(task, connection, PlayContext(), loader, Templar(loader=loader, variables=variables or {}), None)


@pytest.mark.parametrize('environment, variables, expected', [
    (None, None, False),
    ({}, None, False),
    ([{}, None], None, False),
    ({'HTTPS_PROXY': 'http://proxy:3128'}, None, True),
    ([{}, {'NXCLOUD_APPKEY': 'appkey-dev'}], None, True),
    (trust_as_template('{{ proxy_env }}'), {'proxy_env': {'HTTPS_PROXY': 'http://proxy:3128'}}, True),
    (trust_as_template('{{ proxy_env }}'), {'proxy_env': {}}, False),
], ids=['none', 'empty', 'empty-entries', 'set', 'set-by-the-task-after-an-empty-block', 'templated', 'templated-empty'])
def test_the_environment_keyword_is_seen_as_the_task_would_apply_it(environment, variables, expected):
    assert compat.task_sets_environment(real_action(environment, variables)) is expected


def test_the_shell_tmpdir_is_read_from_the_connection():
    shell = shell_loader.get('sh')
    shell.tmpdir = '/tmp/ansible-tmp-compat'
    assert compat.shell_tmpdir(connection_loader.get('local', PlayContext(), shell=shell)) == '/tmp/ansible-tmp-compat'
    assert compat.shell_tmpdir(connection_loader.get('local', PlayContext())) is None
    assert compat.shell_tmpdir(object()) is None


def _echo_main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='str')))
    module.warn('warned for %s' % module.params['name'])
    module.exit_json(name=module.params['name'])


def run_echo_main(capsys, name):
    compat.forget_module_warnings()
    with compat.as_module_process(), compat.module_args_for_main({'name': name}):
        with pytest.raises(SystemExit):
            _echo_main()
    return json.loads(capsys.readouterr().out)


def test_a_module_main_runs_in_this_process_with_its_args_and_only_its_warnings(capsys):
    for name in ('first', 'second'):
        result = run_echo_main(capsys, name)
        assert result['name'] == name
        texts = [item['event']['msg'] if isinstance(item, dict) else item for item in result['warnings']]
        assert texts == ['warned for %s' % name]
