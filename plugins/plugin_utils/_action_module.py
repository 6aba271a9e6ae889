# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""An AnsibleModule look-alike for action plugins, so that one module body serves both paths.

A module's body written against the small part of AnsibleModule it uses (``params``,
``no_log_values``, ``warn``, ``fail_json``, ``exit_json``) runs unchanged in the controller's
process through run_module_body(): the options are checked as AnsibleModule checks them (types,
choices, NXCLOUD_* fallbacks, required ones, unknown ones), and the no_log values are masked in
all that is returned. What the module process adds on top (``invocation``, structured warnings)
is Ansible's to add, not the body's.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import validation_no_log_values


class ModuleExit(BaseException):
    """The end of a body's run, carrying its result.

    A BaseException, as the SystemExit of AnsibleModule's exit_json and fail_json is: a body's
    ``except Exception`` must not catch its own exit.
    """

    def __init__(self, result):
        super(ModuleExit, self).__init__()
        self.result = result


class ActionModuleLookalike(object):
    """What a module body needs of AnsibleModule, for a body run in an action plugin's process."""

    def __init__(self, argument_spec, module_args, module_name, on_warning=None):
        self.argument_spec = argument_spec
        self.module_name = module_name
        self._warnings = []
        self._on_warning = on_warning
        validation = ArgumentSpecValidator(argument_spec).validate(dict(module_args))
        self.params = validation.validated_parameters
        self.no_log_values = validation_no_log_values(validation, argument_spec)
        if validation.error_messages:
            self.fail_json(msg=self._validation_message(validation.errors))

    def _validation_message(self, errors):
        """Return the message AnsibleModule gives for these validation errors (its first one)."""
        if isinstance(errors[0], UnsupportedError):
            return 'Unsupported parameters for (%s) module: %s' % (self.module_name, errors.msg)
        return errors.msg

    def warn(self, warning):
        """Record a warning for the result, as AnsibleModule.warn does."""
        if not isinstance(warning, str):
            raise TypeError('warn requires a string, not a %s' % type(warning))
        self._warnings.append(warning)
        if self._on_warning is not None:
            # Shown as it happens (a retry about to wait), masked as the result will be.
            self._on_warning(remove_values(warning, self.no_log_values))

    def exit_json(self, **kwargs):
        """End the run with this result."""
        self._finish(dict(kwargs))

    def fail_json(self, msg, **kwargs):
        """End the run with a failure saying ``msg``."""
        result = dict(kwargs)
        result.update(failed=True, msg=msg)
        self._finish(result)

    def _finish(self, result):
        if self._warnings:
            result['warnings'] = list(self._warnings)
        raise ModuleExit(masked(result, self.no_log_values))


def masked(value, no_log_values):
    """Return ``value`` with the no_log values masked, as remove_values returns it.

    remove_values copies every container and looks at every value (for ansible-core 2.19's data
    tags too): for the 10,000 phones of a large app that is most of the request's time. A result
    in which no text or number holds a no_log value comes out of it equal to itself, so such a
    result is given back as it is; one that might hold one (or anything but plain JSON data: a
    tuple, a date, a str subclass, which remove_values converts) goes through remove_values itself.
    """
    needles = list(no_log_values)
    if not all(type(needle) is str for needle in needles):  # pylint: disable=unidiomatic-typecheck
        return remove_values(value, no_log_values)
    texts = []
    append = texts.append
    pending = [value]
    pop, extend = pending.pop, pending.extend
    # A mapping held twice (phones_by_number holds the very dicts of phones) is looked at once.
    seen = set()
    while pending:
        item = pop()
        kind = type(item)
        if kind is str:
            append(item)
        elif kind is dict:
            if id(item) in seen:
                continue
            seen.add(id(item))
            # remove_values masks keys too: look at them like values.
            extend(item)
            extend(item.values())
        elif kind is list:
            extend(item)
        elif kind is int or kind is float:
            append(str(item))
        elif not (item is None or kind is bool):
            return remove_values(value, no_log_values)
    # Joined, so each no_log value is looked for once; a match across two texts only sends the result the long way.
    joined = '\x00'.join(texts)
    if any(needle in joined for needle in needles):
        return remove_values(value, no_log_values)
    return value


def run_module_body(body, argument_spec, module_args, module_name, on_warning=None):
    """Return the result of ``body(module)`` run with an ActionModuleLookalike, as the module would give it.

    ``module_name`` is the module's FQCN, named in the message for an unsupported option;
    ``on_warning``, if given, receives each warning (masked) as soon as the body gives it.
    """
    try:
        body(ActionModuleLookalike(argument_spec, module_args, module_name, on_warning=on_warning))
    except ModuleExit as module_exit:
        return module_exit.result
    # A body that returns without exit_json or fail_json is a bug of the collection, not of the task.
    raise RuntimeError('the body of %s ended without exit_json or fail_json' % module_name)
