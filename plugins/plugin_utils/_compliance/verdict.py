# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a compliance result means for the run: whether it fails it, the one message listing every violation, its summary.

Each function takes one environment's result or a combined one (combine.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    FAIL_ON,
    ComplianceInputError,
    display_value,
    environments_of,
    is_list,
    number_label,
    sum_counts,
    worst_first,
)


def _check_fail_on(fail_on):
    if fail_on not in FAIL_ON:
        raise ComplianceInputError('fail_on must be one of %s, not %s' % (', '.join(FAIL_ON), display_value(fail_on)))
    return fail_on


def failing_statuses(fail_on, fail_on_error=True):
    """Return the result statuses that make the run fail under ``fail_on``."""
    statuses = {'fail': ('failed',), 'warn': ('failed', 'warned'), 'never': ()}[_check_fail_on(fail_on)]
    if fail_on_error:
        statuses = ('errored',) + statuses
    return statuses


def run_fails(report, fail_on='fail', fail_on_error=True):
    """Return True when the result (single or combined) must fail the run.

    fail_on ``fail``: a failed result fails it; ``warn``: a warned one too; ``never``: no
    violation does (audit only). An errored environment (the API could not be read) fails it
    unless ``fail_on_error`` is false, whatever fail_on says: an audit that could not look is not
    a passing audit.
    """
    statuses = failing_statuses(fail_on, fail_on_error)
    for environment in environments_of(report):
        counts = environment.get('counts') or {}
        if any(counts.get(status) for status in statuses):
            return True
    return False


def violations(report):
    """Return every result that is not passed, worst first (errored, failed, warned, waived)."""
    return worst_first(result for environment in environments_of(report) for result in environment.get('results') or ())


def describe_result(result):
    """Return one line naming a result: number (with its display number and name), check, expected, observed, severity, status."""
    observed = result.get('observed')
    # An API error is the whole story of its environment: shown in full, not cut like a field value.
    limit = 2000 if result.get('status') == 'errored' else 200
    line = '%s %s: expected %s, observed %s (severity %s, %s)' % (
        number_label(result), result.get('check'), result.get('expected'),
        display_value(observed, limit=limit) if observed is not None else 'nothing', result.get('severity'), result.get('status'))
    if result.get('reason'):
        line += ' - %s' % display_value(result['reason'], limit=300)
    return line


def failure_message(report, fail_on='fail', fail_on_error=True):
    """Return the one message that lists every violation of the result, grouped by environment.

    Failing violations (under ``fail_on``) come first; warnings and waived ones that do not fail
    the run are still listed so that one message shows the whole picture.
    """
    failing = failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    totals = sum_counts(environments)
    lines = []
    for environment in environments:
        problems = violations(environment)
        if not problems:
            continue
        lines.append('environment %s (%s):' % (environment.get('environment') or '-', environment.get('status')))
        for result in problems:
            marker = 'FAIL' if result.get('status') in failing else 'note'
            lines.append('  [%s] %s' % (marker, describe_result(result)))
    head = 'phone compliance: %d errored, %d failed, %d warned, %d waived, %d passed (fail_on=%s)' % (
        totals['errored'], totals['failed'], totals['warned'], totals['waived'], totals['passed'], fail_on)
    if not lines:
        return head + '; no violations'
    return '\n'.join([head] + lines)


def summary(result):
    """Return a compact view of a result for set_stats and notifications: counts and violations, no passed results.

    For a combined result: its status and counts, and the summary of each environment.
    """
    if isinstance(result, Mapping) and is_list(result.get('environments')):
        return {
            'status': result.get('status'),
            'counts': dict(result.get('counts') or {}),
            'environments': [summary(environment) for environment in result['environments']],
        }
    environments_of(result)
    keys = ('number', 'display_number', 'display_name', 'check', 'expected', 'observed', 'severity', 'status', 'reason')
    return {
        'environment': result.get('environment'),
        'status': result.get('status'),
        'today': result.get('today'),
        'error': result.get('error'),
        'counts': dict(result.get('counts') or {}),
        'violations': [dict((key, item.get(key)) for key in keys) for item in violations(result)],
        'expired_waivers': [waiver for waiver in result.get('waivers') or () if waiver.get('state') == 'expired'],
    }
