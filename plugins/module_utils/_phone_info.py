# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What nxcloud.whatsapp.phone_info does, once: its options and its one call.

The module runs it where the task runs; the action plugins run it in the controller's own process
when the task's host is the controller (plugins/plugin_utils/_phone_info_runner.py), which saves a
Python start per host. Both paths therefore check, call and answer alike.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import (
    check_common_params,
    client_from_params,
    common_argument_spec,
)
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import normalise_business_phones


def phone_info_argument_spec():
    """Return the argument spec of phone_info: the shared options and business_phones."""
    spec = common_argument_spec()
    spec['business_phones'] = dict(type='list', elements='raw', default=[])
    return spec


def check_phone_info_params(params):
    """Return the requested numbers as digits; raise ValueError with a user's message for an unusable option."""
    check_common_params(params)
    return normalise_business_phones(params['business_phones'])


def read_phones(params, numbers, warn):
    """Make the one getPhone request and return phone_info's result fields: ``phones`` and ``missing``.

    ``params`` are validated options, ``numbers`` what check_phone_info_params returned. Retries and
    odd answers are told to ``warn``; a failed call raises an NxCloudError.
    """
    client = client_from_params(params, warn=warn)
    phones, missing, notes = client.get_phones(params['appkey'], numbers)
    for note in notes:
        warn(note)
    return dict(phones=phones, missing=missing)
