# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one file of the collection that reaches into ansible-core's private names.

Each hook is a small function saying which ansible-core versions (2.16, 2.19, 2.21 are supported)
need what, and what it falls back to when the private name is gone, so that a new ansible-core
release breaks at most a fallback here, never a plugin. Where a public API does the job on a
version, the hook uses it. scripts/check_consistency.py fails the build when a private
ansible-core name appears in any other file; tests/unit/plugins/plugin_utils/test__core_compat.py
runs every hook against the real objects of the ansible-core it runs on.

Controller-only: the action plugins, plugin_utils and the unit tests import this, never a module.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib

try:
    from ansible.template import is_trusted_as_template as _is_trusted_as_template
except ImportError:  # ansible-core < 2.19
    _is_trusted_as_template = None


# Stored data: registered results and filter input, read without templating each value.

def unwrap_lazy_value(item):
    """Return an item read raw from a container (raw_dict_items, raw_list_items) without its lazy wrapper.

    ansible-core 2.19 and 2.21 store the items of a lazy container wrapped in ``_LazyValue`` (the
    stored item is its ``value``) until they are first read, then template them. The wrapper is
    recognised by its class name, so no private module is imported and its place in ansible-core
    does not matter. 2.16 has no wrapper: the item is returned as it is. Public fallback: none reads
    an item without templating it; should the wrapper change, items come back still wrapped, and
    plugin_utils/_stored_data.py, which only accepts plain data, then reads the container the
    ordinary (templating) way.
    """
    if type(item).__name__ == '_LazyValue':  # pylint: disable=unidiomatic-typecheck
        return getattr(item, 'value', item)
    return item


def raw_dict_items(mapping):
    """Return the (key, stored item) pairs of a dict, bypassing the templating of a lazy dict.

    On ansible-core 2.19 and 2.21 a lazy dict overrides ``items()`` to template every value it
    hands out; ``dict``'s own method gives what is stored (unwrap each item with unwrap_lazy_value).
    On 2.16 containers are plain, and this is ``items()``. Public fallback: ``mapping.items()``.
    """
    return dict.items(mapping)


def raw_list_items(sequence):
    """Return an iterator over the stored items of a list, bypassing the templating of a lazy list.

    As raw_dict_items, for ``list.__iter__`` (overridden by 2.19 and 2.21's lazy list).
    Public fallback: ``iter(sequence)``.
    """
    return list.__iter__(sequence)


def is_trusted_template(value):
    """Return True when ``value`` is a template written in a playbook (so it must be rendered).

    Public API: ``ansible.template.is_trusted_as_template`` on ansible-core 2.19 and 2.21. 2.16
    templates values before plugins see them, so a value there is never a pending template.
    """
    if _is_trusted_as_template is None:
        return False
    return _is_trusted_as_template(value)


# Options checked in an action plugin as AnsibleModule checks them in a module.

def _spec_no_log_values(argument_spec, params):
    """Return the values of the no_log options (nested ``options`` included) found in ``params``."""
    values = set()
    for name, spec in argument_spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None:
            continue
        if spec.get('no_log'):
            values.update(_leaf_texts(value))
        if spec.get('options'):
            for entry in (value if isinstance(value, list) else [value]):
                values.update(_spec_no_log_values(spec['options'], entry))
    return values


def _leaf_texts(value):
    if isinstance(value, dict):
        return set(text for item in value.values() for text in _leaf_texts(item))
    if isinstance(value, (list, tuple, set)):
        return set(text for item in value for text in _leaf_texts(item))
    return set([str(value)]) if str(value) else set()


def validation_no_log_values(validation, argument_spec):
    """Return the values to mask that an ArgumentSpecValidator's result found (no_log options).

    ansible-core 2.16, 2.19 and 2.21 keep them in ``ValidationResult._no_log_values`` and have no
    public accessor; AnsibleModule masks exactly these. Public fallback: the values of the options
    that the argument spec marks ``no_log``, read from the validated parameters.
    """
    found = getattr(validation, '_no_log_values', None)
    if found is None:
        return _spec_no_log_values(argument_spec, validation.validated_parameters)
    return set(found)


# The task an action plugin runs.

def task_sets_environment(action):
    """Return True when the task's ``environment`` keyword sets any variable (or holds something odd).

    Every supported ansible-core (2.16, 2.19, 2.21) merges that keyword inside the private
    ``ActionBase._compute_environment_string``, which also builds the shell's command prefix. The
    answer comes from public pieces on all of them, so that is what this uses: the task's
    ``environment`` (one mapping or a list of them, block and play ones first) rendered by the
    action's templar. An entry that renders to something other than a mapping also counts: the
    caller then runs the module, whose start reports the bad keyword as ansible-core always does.
    """
    environments = action._task.environment
    if environments is None:
        return False
    if not isinstance(environments, list):
        environments = [environments]
    for environment in environments:
        if environment and action._templar.template(environment):
            return True
    return False


def shell_tmpdir(connection):
    """Return the remote temporary directory that the task's connection holds, or None.

    ansible-core 2.16, 2.19 and 2.21 keep it in ``connection._shell.tmpdir`` (their own action
    plugins read it there to remove it after a module run); there is no public accessor. Fallback:
    None, which ``ActionBase._remove_tmp_path`` on these versions takes as "the shell's tmpdir".
    """
    shell = getattr(connection, '_shell', None)
    return getattr(shell, 'tmpdir', None)


# For the unit tests, which run a module's main() inside the test's own process.

@contextlib.contextmanager
def module_args_for_main(args):
    """Hand ``args`` to every AnsibleModule created inside the ``with`` block.

    Public API on ansible-core 2.19 and 2.21: ``ansible.module_utils.testing.patch_module_args``.
    2.16 has none; its modules read the module-level ``basic._ANSIBLE_ARGS`` (JSON bytes) first.
    """
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core 2.16
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    import json
    from ansible.module_utils import basic
    saved = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = saved


def forget_module_warnings():
    """Forget the warnings that earlier module runs in this process recorded.

    ansible-core 2.16, 2.19 and 2.21 collect a module's warnings in the module-level
    ``ansible.module_utils.common.warnings._global_warnings`` (a list on 2.16, a dict on 2.19 and
    2.21), which a module process starts empty; there is no public reset. Fallback: nothing to
    forget when it is gone.
    """
    from ansible.module_utils.common import warnings as module_warnings
    stored = getattr(module_warnings, '_global_warnings', None)
    if stored is not None:
        stored.clear()


@contextlib.contextmanager
def as_module_process():
    """Make ansible-core treat this process as a module's, not the controller's, inside the block.

    ansible-core 2.19 and 2.21 send a module's warnings to the controller's display, instead of
    into its result, once controller code has been imported in the process (the flag
    ``ansible.module_utils._internal.is_controller``); a test process imports both. 2.16 has no
    such flag: nothing to do.
    """
    try:
        from ansible.module_utils import _internal
    except ImportError:  # ansible-core 2.16
        _internal = None
    if _internal is None or not hasattr(_internal, 'is_controller'):
        yield
        return
    saved = _internal.is_controller
    _internal.is_controller = False
    try:
        yield
    finally:
        _internal.is_controller = saved
