# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of nxcloud.whatsapp.phone_info: the module's call, made in the controller's process
when the task's host is the controller itself (plugins/plugin_utils/_phone_info_runner.py), and
the module run on the task's host otherwise."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import misfit_option_types
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phone_info import phone_info_argument_spec
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import shell_tmpdir
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._phone_info_runner import run_phone_info


class ActionModule(ActionBase):
    """Get the state of an app's WhatsApp Business numbers (see plugins/modules/phone_info.py)."""

    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        # Checked here, on the controller, for both paths: the module would turn a list given for a
        # text option (a secret, a URL) into its Python text without a word.
        misfits = misfit_option_types(phone_info_argument_spec(), self._task.args)
        if misfits:
            result.update(failed=True, msg='%s. To fix: give each of these options a single value.' % '; '.join(misfits))
            return result
        wrap_async = bool(self._task.async_val) and not self._connection.has_native_async
        result = merge_hash(result, run_phone_info(self, self._task.args, task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(shell_tmpdir(self._connection))
        return result
