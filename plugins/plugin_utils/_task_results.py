# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Ansible task results turned into the plain inputs of the compliance rules, here and nowhere else.

A registered result carries Ansible's keys (failed, unreachable, skipped, msg) next to what the
module returned; the rules (plugin_utils/_compliance/) know nothing of them. The front ends (the
action plugins, and the deprecated filters) pass what they get through these functions first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import NoResult, display_value, is_list


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
        # The result of a check that could not judge (its options were unusable, say).
        return NoResult('no compliance result: %s' % display_value(registered.get('msg') or 'the check failed', limit=2000))
    return None


def check_results(registered):
    """Return phone_compliance_check task results (a list; None where a host has none) as combine_results takes them.

    Each becomes its compliance result, or a NoResult saying why there is none. What is not a list
    is returned as it is, for the rules to refuse with their message.
    """
    if isinstance(registered, str) or not is_list(registered):
        return registered
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
