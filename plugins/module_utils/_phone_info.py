# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What nxcloud.whatsapp.phone_info does, once: its options, its one call, and its body.

run_module() is the whole module: the module's main() runs it with AnsibleModule where the task
runs; the action plugins run it in the controller's own process, with the AnsibleModule look-alike
of plugins/plugin_utils/_action_module.py, when the task's host is the controller
(plugins/plugin_utils/_phone_info_runner.py), which saves a Python start per host. Both paths
therefore check, call and answer alike.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import (
    check_common_params,
    client_from_params,
    common_argument_spec,
    url_passwords,
)
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import normalise_business_phones
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, redact_url


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
    # The same records keyed by number, so a playbook reaches one without a loop.
    phones_by_number = dict((phone['number'], phone) for phone in phones)
    return dict(phones=phones, phones_by_number=phones_by_number, missing=missing)


def run_module(module):
    """Run phone_info with ``module``: an AnsibleModule, or the action plugins' look-alike of one.

    Ends, as a module does, with ``module.exit_json`` or ``module.fail_json``.
    """
    # A password written into a URL is masked everywhere, like access_secret.
    module.no_log_values.update(url_passwords(module.params))

    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)

    # Failures are reported outside the except blocks: the message says all there is to say, and
    # fail_json would otherwise attach a Python traceback to the result.
    error = None
    try:
        numbers = check_phone_info_params(module.params)
    except ValueError as exc:
        error = str(exc)
    if error:
        module.fail_json(msg=error)

    # Which service was asked, without any password written in the URL: reports say it.
    api_url = redact_url(module.params['api_url'])
    failure = None
    try:
        result = read_phones(module.params, numbers, warn=module.warn)
    except NxCloudError as exc:
        failure = exc
    if failure is not None:
        module.fail_json(msg=failure.message, api_url=api_url, **failure.result_fields())
    module.exit_json(changed=False, api_url=api_url, **result)
