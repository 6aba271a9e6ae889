# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Several environments' compliance results combined into one: summed counts, the worst status, every environment.

An environment without a result is given as a NoResult (model.py) saying why, and becomes an
errored environment named after its host: a host that failed before its evaluation is never
counted as passing, nor left out.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import errored_result
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    ComplianceInputError,
    NoResult,
    display_value,
    is_list,
    overall_status,
    result_fields,
    sum_counts,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import summary


def _refuse_duplicate_environments(environments, hosts):
    """Raise when two results carry one environment name: summaries keyed by name would drop one."""
    seen = {}
    for index, environment in enumerate(environments):
        name = environment.get('environment')
        where = str(hosts[index]) if hosts is not None else 'results[%d]' % index
        if name in seen:
            raise ComplianceInputError('environment %s is named by two results (%s and %s); give each host its own '
                                       'phone_compliance_environment' % (display_value(name), seen[name], where))
        seen[name] = where


def _check_combine_input(results, hosts):
    """Raise unless ``results`` is a list and ``hosts``, when given, a list of the same length."""
    if isinstance(results, (str, Mapping)) or not is_list(results):
        raise ComplianceInputError('the results to combine must be a list of compliance results, not %s' % with_article(type_name(results)))
    if hosts is not None and (isinstance(hosts, str) or not is_list(hosts) or len(hosts) != len(results)):
        raise ComplianceInputError('hosts must be a list as long as the results (one host per result)')


def _combined(environments):
    counts = sum_counts(environments)
    counts['environments'] = len(environments)
    combined = {'status': overall_status(counts), 'counts': counts, 'environments': environments}
    if any('changes' in environment for environment in environments):
        # Every environment's changes since its previous run, in one list (each entry names its environment).
        combined['changes'] = [change for environment in environments for change in environment.get('changes') or ()]
        notes = ['%s: %s' % (environment.get('environment'), environment['changes_note'])
                 for environment in environments if environment.get('changes_note')]
        combined['changes_note'] = '; '.join(notes)
    return combined


def combine_results(results, hosts=None, today=None):
    """Return one result over several environments.

    ``results`` is a list of environment results and NoResult entries; with ``hosts`` (a list of
    the same length, as given by the role), a NoResult becomes an errored environment named after
    its host (else ``result <index>``). ``today`` is required when there is a NoResult.
    """
    _check_combine_input(results, hosts)
    environments = []
    for index, result in enumerate(results):
        if isinstance(result, NoResult):
            name = str(hosts[index]) if hosts is not None else 'result %d' % index
            if today is None:
                raise ComplianceInputError('today is required to report the missing result of %s' % name)
            result = errored_result(name, result.reason, today, configuration=result.configuration)
        if not isinstance(result, Mapping) or not isinstance(result.get('counts'), Mapping) or not is_list(result.get('results')):
            raise ComplianceInputError('results[%d] is not a compliance result (a mapping with counts and results)' % index)
        environments.append(result_fields(result))
    _refuse_duplicate_environments(environments, hosts)
    return _combined(environments)


def combine_summaries(results, hosts=None, today=None):
    """Return what ``summary(combine_results(results, hosts, today))`` returns, reading only summaries.

    An entry may be a summary, a full result or a NoResult. Only the violations of a summary are
    read, so summarising thousands of numbers costs no more than their violations.
    """
    _check_combine_input(results, hosts)
    environments = []
    for index, result in enumerate(results):
        if isinstance(result, Mapping) and isinstance(result.get('counts'), Mapping) and is_list(result.get('violations')):
            environments.append(result)
        else:
            # A full result or none: summarised from the combined result of that one entry.
            combined = combine_results([result], hosts=[hosts[index]] if hosts is not None else None, today=today)
            environments.append(summary(combined['environments'][0]))
    _refuse_duplicate_environments(environments, hosts)
    return _combined(environments)
