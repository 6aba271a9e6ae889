# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run nxcloud.whatsapp.phone_info for an action plugin, in this process when that is the same thing.

A module task on a host whose connection is local, without become, async or an environment
keyword, is this machine starting Python again, as this user, with this environment, to run code
the controller already holds. For an API call that start is most of the task's cost (the module
process imports requests anew each time; the strategy has imported it here once before forking
the workers). So the call is made right here then; in every other case the module runs on the
task's host, as before. Both paths check the options and answer alike (module_utils/_phone_info.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import url_passwords
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phone_info import (
    check_phone_info_params,
    phone_info_argument_spec,
    read_phones,
)
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import HAS_REQUESTS

PHONE_INFO = 'nxcloud.whatsapp.phone_info'


def runs_in_this_process(action):
    """Return True when running phone_info as a module would only start this machine's Python again."""
    if getattr(action._connection, 'transport', None) != 'local':
        return False  # another machine: ssh, or delegate_to a host that is not the controller
    if action._play_context.become or getattr(action._connection, 'become', None) is not None:
        return False  # another user
    if action._task.async_val:
        return False  # async needs a process of its own
    environment = {}
    action._compute_environment_string(environment)
    if environment:
        return False  # the environment keyword (NXCLOUD_*, HTTPS_PROXY) applies to a process that is started
    return HAS_REQUESTS  # without requests here, the module says what is missing where it runs


def _validation_message(errors):
    """Return the message AnsibleModule gives for these validation errors (its first one)."""
    if isinstance(errors[0], UnsupportedError):
        return 'Unsupported parameters for (%s) module: %s' % (PHONE_INFO, errors.msg)
    return errors.msg


def phone_info_in_this_process(module_args):
    """Return phone_info's result for ``module_args``, as the module would, without starting it.

    The options are validated as AnsibleModule validates them (types, NXCLOUD_* fallbacks,
    required ones), and the no_log values (access_secret, a password in a URL) are masked in all
    that is returned, as AnsibleModule masks them.
    """
    validation = ArgumentSpecValidator(phone_info_argument_spec()).validate(module_args)
    hidden = set(validation._no_log_values)
    params = validation.validated_parameters
    warnings = []
    if validation.error_messages:
        result = dict(failed=True, msg=_validation_message(validation.errors))
    else:
        hidden.update(url_passwords(params))
        try:
            numbers = check_phone_info_params(params)
            result = dict(changed=False, **read_phones(params, numbers, warn=warnings.append))
        except ValueError as exc:
            result = dict(failed=True, msg=str(exc))
        except NxCloudError as exc:
            result = dict(failed=True, msg=exc.message, **exc.result_fields())
    if warnings:
        result['warnings'] = warnings
    return remove_values(result, hidden)


def run_phone_info(action, module_args, task_vars, wrap_async=False):
    """Return phone_info's result for ``module_args``: made here when that is the same, else by the module."""
    if runs_in_this_process(action):
        return phone_info_in_this_process(module_args)
    return action._execute_module(module_name=PHONE_INFO, module_args=module_args, task_vars=task_vars, wrap_async=wrap_async)
