# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Ansible task results turned into the plain inputs of the compliance rules, here and nowhere else.

A registered result carries Ansible's keys (failed, unreachable, skipped, msg) next to what the
module returned; the rules (plugin_utils/_compliance/) know nothing of them. The front ends (the
action plugins, and the deprecated filters) pass what they get through these functions first.

phone_compliance_check returns only the results that are not passed (unless asked with
return_passed) and writes every result to its JSON report, whose path it returns as result_file:
with_every_result puts a registered result back together from that file, and check_results
refuses a result that still lacks its passed results, so that no report ever shows fewer results
than were judged.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError, NoResult, display_value, is_list

# The identity of a result: a file whose result differs in these is not the registered one's.
_IDENTITY_KEYS = ('environment', 'today', 'counts')


def _phone_info_error(registered):
    """Return why a phone_info task result holds no usable answer, or None when it does.

    A task run with ``failed_when: false`` keeps ``failed`` false, so the absence of a phones
    list counts as a failure too: an environment whose numbers were not read is never passed.
    """
    if registered.get('failed') or registered.get('unreachable') or not is_list(registered.get('phones')):
        if registered.get('skipped'):
            return 'phone_info was skipped, so no number was read'
        return display_value(registered.get('msg') or 'phone_info returned no phones list', limit=2000)
    return None


def phone_info_answer(registered):
    """Return ``(phones, missing, error)`` of a phone_info task result: its lists, or why it has none (then two empty lists)."""
    error = _phone_info_error(registered)
    if error:
        return [], [], error
    return registered.get('phones'), registered.get('missing'), None


def _missing_check_result(registered):
    """Return a NoResult when a phone_compliance_check task result holds no compliance result, else None."""
    if registered is None or registered == '':
        return NoResult('no compliance result: the host failed before its numbers were evaluated')
    if isinstance(registered, Mapping) and registered.get('failed') and 'results' not in registered:
        # The result of a check that could not judge: its options were unusable (marked so by the
        # check itself, plugin_utils/_compliance_actions.option_failure), or it failed otherwise.
        return NoResult('no compliance result: %s' % display_value(registered.get('msg') or 'the check failed', limit=2000),
                        configuration=registered.get('configuration_error') is True)
    return None


def passed_left_out(registered):
    """Return True when a phone_compliance_check task result holds fewer results than it counts: its passed ones were left out."""
    if not isinstance(registered, Mapping) or not is_list(registered.get('results')) or not isinstance(registered.get('counts'), Mapping):
        return False
    counted = registered['counts'].get('results')
    return isinstance(counted, int) and len(registered['results']) < counted


def phones_left_out(registered):
    """Return True when a phone_compliance_check task result read numbers but holds no ``phones`` (left out with its passed results)."""
    if not isinstance(registered, Mapping) or 'phones' in registered or not isinstance(registered.get('counts'), Mapping):
        return False
    numbers = registered['counts'].get('numbers')
    return isinstance(numbers, int) and numbers > 0


def with_every_result(registered, where, read_result):
    """Return a phone_compliance_check task result with every result in it, and its phones when they can be had.

    A result that holds them all is returned as it is; one whose passed results were left out is
    replaced by the full result read with ``read_result(path)`` (which raises OSError or
    ComplianceInputError) from its ``result_file``. One that holds every result but not its phones
    is replaced the same way when it has a result_file, and returned as it is when not (its
    numbers are then not known: no changes can be told for it). ``where`` names the result in messages (such
    as ``host prod``). Raises ComplianceInputError saying what to do when the full result cannot
    be had, or the file holds another result (rewritten by another run).
    """
    if not passed_left_out(registered):
        if not phones_left_out(registered) or not isinstance(registered.get('result_file'), str):
            return registered
    path = registered.get('result_file')
    if not path or not isinstance(path, str):
        raise ComplianceInputError(
            'the result of %s holds %d of its %d results (those not passed), and no result_file to read the passed ones from. '
            'To fix: give its nxcloud.whatsapp.phone_compliance_check a report_dir with json among its report_formats (the role '
            'does when it writes combined reports), or set return_passed: true there'
            % (where, len(registered['results']), registered['counts']['results']))
    try:
        full = read_result(path)
    except (IOError, OSError, ComplianceInputError) as error:
        problem = getattr(error, 'strerror', None) or error
        raise ComplianceInputError('cannot read the full result of %s from %s: %s. To fix: leave the JSON reports that '
                                   'nxcloud.whatsapp.phone_compliance_check writes in place, unchanged, until the combined report is written'
                                   % (where, path, problem))
    differing = [key for key in _IDENTITY_KEYS if full.get(key) != registered.get(key)]
    if differing:
        raise ComplianceInputError('%s does not hold the result %s registered (not the same %s): another run may have rewritten it. '
                                   'To fix: give each run its own report directory' % (path, where, ' and '.join(differing)))
    return full


def check_results(registered):
    """Return phone_compliance_check task results (a list; None where a host has none) as combine_results takes them.

    Each becomes its compliance result, or a NoResult saying why there is none. What is not a list
    is returned as it is, for the rules to refuse with their message. A result whose passed
    results were left out (see with_every_result) is refused: combined as it is, it would be
    reported with fewer results than it counts.
    """
    if isinstance(registered, str) or not is_list(registered):
        return registered
    for index, result in enumerate(registered):
        if passed_left_out(result):
            raise ComplianceInputError('results[%d] holds only the results that are not passed; combine it with '
                                       'nxcloud.whatsapp.phone_compliance_report, which reads the others from its result_file, '
                                       'or set return_passed: true on its nxcloud.whatsapp.phone_compliance_check' % index)
    return [_missing_check_result(result) or result for result in registered]


def check_summaries(registered):
    """Return phone_compliance_check task results as combine_summaries takes them: the summary of each that has one.

    The others as check_results returns them.
    """
    if isinstance(registered, str) or not is_list(registered):
        return registered
    entries = []
    for result in registered:
        if isinstance(result, Mapping) and isinstance(result.get('summary'), Mapping):
            entries.append(result['summary'])
        else:
            entries.append(_missing_check_result(result) or result)
    return entries
