# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin of phone_info: the call made here on a local connection, the module run otherwise.

(Named apart from modules/test_phone_info.py: pytest needs unique file names.)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins.loader import connection_loader, shell_loader
from ansible.template import Templar

from ansible_collections.nxcloud.whatsapp.plugins.action.phone_info import ActionModule
from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _transport
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import ok_answer

try:
    from unittest.mock import MagicMock
except ImportError:  # pragma: no cover
    from mock import MagicMock

PHONE = {'display_phone_number': '+86 138 0013 8000', 'quality_rating': 'GREEN', 'name_status': 'APPROVED',
         'verified_name': 'Shop', 'code_verification_status': 'VERIFIED', 'current_limit': '', 'status': 'CONNECTED'}
ARGS = {'access_key': 'AK-1', 'access_secret': 'SK-action-unit-secret', 'appkey': 'appkey-prod', 'api_url': 'https://nx.test'}


def make_action(transport, async_val=0, environment=None):
    task = Task()
    task.action = 'nxcloud.whatsapp.phone_info'
    task.args = dict(ARGS)
    task.async_val = async_val
    task.environment = environment
    # Real connection and shell plugins: the action reads the shell's tmpdir through _core_compat.
    shell = shell_loader.get('sh')
    shell.tmpdir = '/tmp/ansible-tmp-unit'
    connection = connection_loader.get(transport, PlayContext(), shell=shell)
    play_context = MagicMock(become=False, check_mode=False)
    loader = MagicMock()
    action = ActionModule(task, connection, play_context, loader, Templar(loader=loader), None)
    action._execute_module = MagicMock(return_value={'changed': False, 'phones': [], 'missing': [], 'from': 'module'})
    action._remove_tmp_path = MagicMock()
    return action


def test_on_a_local_connection_the_call_is_made_here(scripted_session, monkeypatch):
    session = scripted_session(ok_answer({'8613800138000': [PHONE]}))
    monkeypatch.setattr(_transport, 'watched_session', lambda watch: session)
    action = make_action('local')
    result = action.run(task_vars={})
    assert result['phones'][0]['number'] == '8613800138000'
    assert result['changed'] is False and 'failed' not in result
    assert action._execute_module.call_count == 0
    assert session.requests[0]['url'] == 'https://nx.test/api/wa/getPhone'


@pytest.mark.parametrize('transport, environment', [('ssh', None), ('local', {'NXCLOUD_APPKEY': 'appkey-dev'})],
                         ids=['another-host', 'environment-keyword'])
def test_otherwise_the_module_runs_once_with_the_task_args(transport, environment):
    action = make_action(transport, environment=environment)
    result = action.run(task_vars={'inventory_hostname': 'prod'})
    assert result['from'] == 'module'
    action._execute_module.assert_called_once_with(module_name='nxcloud.whatsapp.phone_info', module_args=ARGS,
                                                   task_vars={'inventory_hostname': 'prod'}, wrap_async=False)
    action._remove_tmp_path.assert_called_once_with('/tmp/ansible-tmp-unit')


def test_async_runs_the_module_wrapped_and_keeps_its_files():
    action = make_action('local', async_val=60)
    action.run(task_vars={})
    assert action._execute_module.call_args[1]['wrap_async'] is True
    assert action._remove_tmp_path.call_count == 0
