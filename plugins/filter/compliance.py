# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that expose the compliance rules and reports to playbooks and the phone_compliance role.

Thin shells: the rules live in module_utils/_compliance.py and the reports in
module_utils/_reports.py. Each filter is documented in the YAML file named after it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Sequence

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_native
from ansible.module_utils.parsing.convert_bool import boolean

try:
    # ansible-core < 2.19 without jinja2_native turns a template's text result back into data when it
    # looks like a list or a dict: a JSON report would be parsed again (slowly) and rewritten.
    # Text marked this way is left alone. ansible-core 2.19 keeps native types and has no such mark.
    from ansible.utils.native_jinja import NativeJinjaText as _KeepAsText
except ImportError:
    _KeepAsText = str

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _compliance as compliance
from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _reports as reports
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_data as _stored
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_summary


def _user_errors_as_filter_errors(function):
    """Turn the rules' ComplianceInputError into AnsibleFilterError with the filter's name."""
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except compliance.ComplianceInputError as error:
            raise AnsibleFilterError('nxcloud.whatsapp.%s: %s' % (function.__name__, to_native(error))) from error
    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def _flag(value):
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise compliance.ComplianceInputError('fail_on_error must be a boolean, not %r' % (value,)) from None


@_user_errors_as_filter_errors
def compliance_evaluate(phone_info, policy=None, waivers=None, today=None, environment='', missing=None, error=None):
    """Evaluate a phone_info result (or its phones list) against a policy and waivers."""
    return compliance.evaluate(_stored(phone_info), policy=policy, waivers=waivers, today=today, environment=environment,
                               missing=_stored(missing), error=error)


@_user_errors_as_filter_errors
def compliance_combine(results, hosts=None, today=None):
    """Combine the results of several environments into one."""
    return compliance.combine_results(_stored(results), hosts=hosts, today=today)


@_user_errors_as_filter_errors
def compliance_combine_summaries(results, hosts=None, today=None):
    """Combine the summaries of several environments' results, reading nothing else of them."""
    if isinstance(results, Sequence) and not isinstance(results, str):
        # Take only each entry's summary (or what it has when it has none): the lazy containers
        # of ansible-core 2.19 are never walked through their thousands of passed results.
        results = [stored_summary(result) for result in results]
    return compliance.combine_summaries(results, hosts=hosts, today=today)


@_user_errors_as_filter_errors
def compliance_summary(result):
    """Return the counts and violations of one environment's result."""
    return compliance.summary(_stored(result))


@_user_errors_as_filter_errors
def compliance_fails(result, fail_on='fail', fail_on_error=True):
    """Return whether the result must fail the run under fail_on."""
    return compliance.run_fails(_stored(result), fail_on=fail_on, fail_on_error=_flag(fail_on_error))


@_user_errors_as_filter_errors
def compliance_failure_message(result, fail_on='fail', fail_on_error=True):
    """Return the one message listing every violation."""
    return compliance.failure_message(_stored(result), fail_on=fail_on, fail_on_error=_flag(fail_on_error))


@_user_errors_as_filter_errors
def compliance_report(result, report_format='json', fail_on='fail', fail_on_error=True):
    """Render a result as json, junit or markdown."""
    return _KeepAsText(reports.render(_stored(result), report_format, fail_on=fail_on, fail_on_error=_flag(fail_on_error)))


class FilterModule(object):
    """nxcloud.whatsapp compliance filters."""

    def filters(self):
        return {
            'compliance_evaluate': compliance_evaluate,
            'compliance_combine': compliance_combine,
            'compliance_combine_summaries': compliance_combine_summaries,
            'compliance_summary': compliance_summary,
            'compliance_fails': compliance_fails,
            'compliance_failure_message': compliance_failure_message,
            'compliance_report': compliance_report,
        }
