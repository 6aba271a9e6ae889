# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run nxcloud.whatsapp.phone_info for an action plugin, in this process when that is the same thing.

A module task on a host whose connection is local, without become, async or an environment
keyword, is this machine starting Python again, as this user, with this environment, to run code
the controller already holds. For an API call that start is most of the task's cost (the module
process imports requests anew each time; the strategy has imported it here once before forking
the workers). So the call is made right here then, by the module's own body
(module_utils/_phone_info.run_module) with the AnsibleModule look-alike of _action_module.py; in
every other case the module runs on the task's host, as before.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible import constants as C
from ansible.utils.display import Display

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import explain_missing_options
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phone_info import phone_info_argument_spec, run_module
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import HAS_REQUESTS
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._action_module import run_module_body
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import task_sets_environment

PHONE_INFO = 'nxcloud.whatsapp.phone_info'

display = Display()


def runs_in_this_process(action):
    """Return True when running phone_info as a module would only start this machine's Python again."""
    if getattr(action._connection, 'transport', None) != 'local':
        return False  # another machine: ssh, or delegate_to a host that is not the controller
    if action._play_context.become or getattr(action._connection, 'become', None) is not None:
        return False  # another user
    if action._task.async_val:
        return False  # async needs a process of its own
    if task_sets_environment(action):
        return False  # the environment keyword (NXCLOUD_*, HTTPS_PROXY) applies to a process that is started
    return HAS_REQUESTS  # without requests here, the module says what is missing where it runs


def phone_info_in_this_process(module_args, on_warning=None):
    """Return phone_info's result for ``module_args``, as the module would, without starting it.

    ``on_warning`` receives each warning as it is given (a retry, before its wait).
    """
    return run_module_body(run_module, phone_info_argument_spec(), module_args, PHONE_INFO, on_warning=on_warning)


def live_warning_display(host):
    """Return a callback that shows a warning of ``host``'s call at once, so that a retry's wait is never silent.

    A module process can only report at its end; in this process each retry shows as it happens
    (and again among the task's warnings at its end, where a registered result keeps it).
    """
    return lambda warning: display.display('[%s] nxcloud.whatsapp: %s' % (host, warning), color=C.COLOR_WARN)


def run_phone_info(action, module_args, task_vars, wrap_async=False):
    """Return phone_info's result for ``module_args``: made here when that is the same, else by the module."""
    if runs_in_this_process(action):
        host = (task_vars or {}).get('inventory_hostname') or getattr(action._play_context, 'remote_addr', None) or 'localhost'
        result = phone_info_in_this_process(module_args, on_warning=live_warning_display(host))
    else:
        result = action._execute_module(module_name=PHONE_INFO, module_args=module_args, task_vars=task_vars, wrap_async=wrap_async)
    if result.get('failed') and isinstance(result.get('msg'), str):
        # AnsibleModule's message for missing credentials names the options only: add where they come from.
        result['msg'] = explain_missing_options(result['msg'])
    return result
