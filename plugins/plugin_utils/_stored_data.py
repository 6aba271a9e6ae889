# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read results that Ansible holds (registered, or handed to a filter) as plain dicts and lists, cheaply.

ansible-core 2.19 hands plugins lazy containers that run each value through the templating engine
on access: for the tens of thousands of values of a large app, that per-value cost dominates the
whole run. The phones and results read through this are data (service answers, earlier results),
not templates, so their stored values are taken as they are. Should the storage hold anything else
than plain data (a future ansible-core), the ordinary, templating access is used instead. Older
ansible-core holds plain containers: this is then a plain copy. How a container is read without
templating depends on ansible-core's internals: plugin_utils/_core_compat.py holds those hooks.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import (
    is_trusted_template,
    raw_dict_items,
    raw_list_items,
    unwrap_lazy_value,
)


class _NotStoredData(Exception):
    """Something other than plain data was found where stored data was expected."""


def _read_stored(value):
    if type(value) is str or value is None:  # pylint: disable=unidiomatic-typecheck
        return value  # an untagged str cannot be a template: only tagged copies (a subclass) are trusted
    if isinstance(value, dict):
        return dict((key, _read_stored(unwrap_lazy_value(item))) for key, item in raw_dict_items(value))
    if isinstance(value, list):
        return [_read_stored(unwrap_lazy_value(item)) for item in raw_list_items(value)]
    if isinstance(value, str) and is_trusted_template(value):
        # A template written in the playbook (not a value the service sent): it must be rendered.
        raise _NotStoredData()
    if isinstance(value, (str, bool, int, float)):
        return value
    raise _NotStoredData()


def _read_templated(value):
    if isinstance(value, Mapping):
        return dict((key, _read_templated(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_read_templated(item) for item in value]
    return value


def stored_data(value):
    """Return ``value`` as plain dicts and lists, read as stored where that is safe and cheap."""
    try:
        return _read_stored(value)
    except _NotStoredData:
        return _read_templated(value)


def stored_summary(result):
    """Return what combining summaries reads of an entry: its summary when it has one, else all of it.

    A registered phone_compliance_check result is never walked through its passed results then.
    """
    if isinstance(result, Mapping) and 'summary' in result:
        result = {'summary': result['summary']}
    return stored_data(result)
