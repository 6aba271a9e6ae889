# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Deprecated filters over the compliance rules and reports; removed in 1.0.0 (meta/runtime.yml says so when they are used).

The modules nxcloud.whatsapp.phone_compliance_check and phone_compliance_report are the one way to
judge. These are thin shims kept for the playbooks written against 0.1.0: the rules are in
plugin_utils/_compliance/, the reports in plugin_utils/_reports/, and the task results these
filters accepted are read through plugin_utils/_task_results.py as the modules read them. Each
filter is documented in the YAML file named after it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping, Sequence

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

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import combine, evaluate, verdict
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import render
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_data as _stored
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_summary
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._task_results import check_results, check_summaries, passed_left_out, phone_info_answer


def _user_errors_as_filter_errors(function):
    """Turn the rules' ComplianceInputError into AnsibleFilterError with the filter's name."""
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ComplianceInputError as error:
            raise AnsibleFilterError('nxcloud.whatsapp.%s: %s' % (function.__name__, to_native(error))) from error
    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def _flag(value):
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise ComplianceInputError('fail_on_error must be a boolean, not %r' % (value,)) from None


@_user_errors_as_filter_errors
def compliance_evaluate(phone_info, policy=None, waivers=None, today=None, environment='', missing=None, error=None):
    """Evaluate a phone_info result (or its phones list) against a policy and waivers."""
    phones = _stored(phone_info)
    missing = _stored(missing)
    if isinstance(phones, Mapping):
        # A registered phone_info result: the lists it holds, or why it holds none.
        phones, found_missing, found_error = phone_info_answer(phones)
        error = error or found_error
        if missing is None:
            missing = found_missing
    return evaluate.evaluate(phones, policy=policy, waivers=waivers, today=today, environment=environment, missing=missing, error=error)


@_user_errors_as_filter_errors
def compliance_combine(results, hosts=None, today=None):
    """Combine the results of several environments into one."""
    return combine.combine_results(check_results(_stored(results)), hosts=hosts, today=today)


@_user_errors_as_filter_errors
def compliance_combine_summaries(results, hosts=None, today=None):
    """Combine the summaries of several environments' results, reading nothing else of them."""
    if isinstance(results, Sequence) and not isinstance(results, str):
        # Take only each entry's summary (or what it has when it has none): the lazy containers
        # of ansible-core 2.19 are never walked through their thousands of passed results.
        results = [stored_summary(result) for result in results]
    return combine.combine_summaries(check_summaries(results), hosts=hosts, today=today)


@_user_errors_as_filter_errors
def compliance_summary(result):
    """Return the counts and violations of one environment's result."""
    return verdict.summary(_stored(result))


@_user_errors_as_filter_errors
def compliance_fails(result, fail_on='fail', fail_on_error=True):
    """Return whether the result must fail the run under fail_on."""
    return verdict.run_fails(_stored(result), fail_on=fail_on, fail_on_error=_flag(fail_on_error))


@_user_errors_as_filter_errors
def compliance_failure_message(result, fail_on='fail', fail_on_error=True):
    """Return the one message listing every violation."""
    return verdict.failure_message(_stored(result), fail_on=fail_on, fail_on_error=_flag(fail_on_error))


@_user_errors_as_filter_errors
def compliance_report(result, report_format='json', fail_on='fail', fail_on_error=True):
    """Render a result as json, junit or markdown."""
    result = _stored(result)
    environments = result.get('environments') if isinstance(result, Mapping) else None
    for environment in (environments if isinstance(environments, list) else [result]):
        if passed_left_out(environment):
            # Rendered as it is, the report would show fewer results than were judged.
            raise ComplianceInputError('the result of environment %s holds only the results that are not passed; write its reports with '
                                       'the report_dir of nxcloud.whatsapp.phone_compliance_check or phone_compliance_report, or set '
                                       'return_passed: true on the check' % environment.get('environment'))
    return _KeepAsText(render(result, report_format, fail_on=fail_on, fail_on_error=_flag(fail_on_error)))


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
