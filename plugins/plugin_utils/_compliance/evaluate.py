# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The compliance result of one environment: its phones judged against the policy, with the waivers applied.

Plain inputs only: the ``phones`` and ``missing`` lists of phone_info's answer, or the error that
kept them from being read (the front ends take them out of a registered task result with
plugin_utils/_task_results.py). ``today`` is always passed in: the rules never read the clock.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import digits_of, type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import (
    FIELD_CHECKS,
    absent_display_name_outcome,
    check_verified_name,
    number_of_phone,
    passing_severity,
    removed_number_outcome,
    required_number_outcome,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    API_CHECK,
    CONFIGURATION_CHECK,
    RECORD_CHECK,
    STATUS_OF_SEVERITY,
    STATUSES,
    WAIVER_CHECK,
    ComplianceInputError,
    display_value,
    is_list,
    json_safe,
    overall_status,
    parse_date,
    phone_labels,
    result_record,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.policy import validate_policy, validate_waivers


class _Evaluation(object):
    """Collects results for one environment and applies the waivers as it goes."""

    def __init__(self, environment, waivers, today):
        self.environment = environment
        self.today = today
        self.results = []
        self.waivers = waivers
        self.waiver_state = ['unused'] * len(waivers)
        self.waivers_by_subject = {}
        # number -> (display number, display name) as the answer showed them, for every record of it.
        self.labels = {}
        for index, waiver in enumerate(waivers):
            self.waivers_by_subject.setdefault((waiver['number'], waiver['check']), []).append(index)

    def _waiver_for(self, number, check):
        """Return (index of the valid waiver with the latest expiry or None, index of an expired one or None)."""
        valid, expired = None, None
        for index in self.waivers_by_subject.get((number, check), ()):
            expires = self.waivers[index]['expires']
            if expires >= self.today:
                if valid is None or expires > self.waivers[valid]['expires']:
                    valid = index
            elif expired is None or expires > self.waivers[expired]['expires']:
                expired = index
        return valid, expired

    def _waiver_info(self, index, expired):
        waiver = self.waivers[index]
        info = {'check': waiver['check'], 'reason': waiver['reason'], 'expires': waiver['expires'], 'expired': expired}
        for key in ('owner', 'ticket'):
            if key in waiver:
                info[key] = waiver[key]
        return info

    def add(self, number, check, outcome, passing):
        """Record one check's outcome ``(severity or None, expected, observed, reason)``; ``passing`` is the severity shown when it passed."""
        severity, expected, observed, reason = outcome
        waiver = None
        if severity is None:
            status = 'passed'
            severity = passing
        else:
            status = STATUS_OF_SEVERITY[severity]
            valid, expired = self._waiver_for(number, check) if self.waivers_by_subject else (None, None)
            if valid is not None:
                status = 'waived'
                self.waiver_state[valid] = 'applied'
                waiver = self._waiver_info(valid, False)
                reason = 'waived until %s: %s (%s)' % (waiver['expires'], waiver['reason'], reason) if reason else \
                    'waived until %s: %s' % (waiver['expires'], waiver['reason'])
            elif expired is not None:
                waiver = self._waiver_info(expired, True)
                reason = '%s; its waiver expired on %s' % (reason, waiver['expires']) if reason else \
                    'its waiver expired on %s' % waiver['expires']
        self.results.append(result_record(self.environment, number, check, expected, observed, severity, status, reason, waiver,
                                          self.labels.get(number, (None, None))))

    def add_error(self, message):
        self.results.append(result_record(
            self.environment, None, API_CHECK, 'a readable answer from the NxCloud API', message, 'fail', 'errored',
            'the numbers of this environment could not be read, so none of them was checked'))

    def add_unreadable_entry(self, index, entry):
        self.results.append(result_record(
            self.environment, None, RECORD_CHECK, 'a phone object', entry, 'fail', 'errored',
            'phones[%d] is %s, so none of its fields could be checked' % (index, with_article(type_name(entry)))))

    def report_waivers(self, severity, numbers):
        """Return the waivers of this environment's ``numbers`` with their state; add a result per expired one.

        Waivers of numbers the environment does not have are left out: the same waiver list is
        usually given to every environment, and each number lives in one of them.
        """
        listed = []
        today = self.today
        for index, waiver in enumerate(self.waivers):
            if waiver['number'] not in numbers:
                continue
            entry = dict(waiver)
            entry['display_number'], entry['display_name'] = self.labels.get(waiver['number'], (None, None))
            if waiver['expires'] < today:
                entry['state'] = 'expired'
                self.results.append(result_record(
                    self.environment, waiver['number'], WAIVER_CHECK, 'a waiver still valid on %s' % today, 'expired on %s' % waiver['expires'],
                    severity, STATUS_OF_SEVERITY[severity],
                    'the waiver of %s for %s expired on %s and no longer applies; renew or remove it (%s)'
                    % (waiver['check'], waiver['number'], waiver['expires'], waiver['reason']),
                    self._waiver_info(index, True), self.labels.get(waiver['number'], (None, None))))
            else:
                entry['state'] = self.waiver_state[index]
            listed.append(entry)
        return listed


def _check_inputs(phones, missing, today, environment):
    """Return (phones, missing, today as YYYY-MM-DD, environment as text); raise ComplianceInputError on unusable ones."""
    if today is None or today == '':
        raise ComplianceInputError('today is required (YYYY-MM-DD): the rules never read the clock themselves')
    today = parse_date(today, 'today').isoformat()
    if environment is None:
        environment = ''
    if not isinstance(environment, (str, int)) or isinstance(environment, bool):
        raise ComplianceInputError('environment must be a name (string), not %s' % with_article(type_name(environment)))
    if phones is None:
        phones = []
    if isinstance(phones, str) or not is_list(phones):
        raise ComplianceInputError('phones must be the list returned by phone_info, not %s' % with_article(type_name(phones)))
    if missing is None:
        missing = []
    if isinstance(missing, str) or not is_list(missing):
        raise ComplianceInputError('missing must be the list returned by phone_info, not %s' % with_article(type_name(missing)))
    return phones, missing, today, str(environment)


def evaluate(phones, policy=None, waivers=None, today=None, environment='', missing=None, error=None, previous_numbers=None):
    """Return the compliance result of one environment.

    ``phones`` and ``missing`` are the lists phone_info returns. ``error`` (a message) marks the
    environment as errored: its numbers could not be read, so the lists are not looked at.
    ``today`` (a date or YYYY-MM-DD) decides which waivers are still valid; it is required.
    ``previous_numbers``: the numbers of the previous run (plugin_utils/_state/history.py), for the
    number_removed check; None when no previous run is known (the check then has nothing to judge).
    """
    policy = validate_policy(policy)
    waivers = validate_waivers(waivers)
    if error:
        phones, missing = [], []
    phones, missing, today, environment = _check_inputs(phones, missing, today, environment)

    run = _Evaluation(environment, waivers, today)
    checks = policy['checks']
    field_checks = [(name, function) for name, function in FIELD_CHECKS if name in checks]
    passing = dict((check, passing_severity(check, policy)) for check in checks)
    check_names = 'verified_name' in checks and policy['display_names']
    seen = set()

    if error:
        run.add_error(display_value(error, limit=2000))

    for index, phone in enumerate(phones):
        if not isinstance(phone, Mapping):
            run.add_unreadable_entry(index, phone)
            continue
        number = number_of_phone(phone)
        seen.add(number)
        run.labels[number] = phone_labels(phone)
        for name, function in field_checks:
            run.add(number, name, function(phone, policy), passing[name])
        if check_names and number in policy['display_names']:
            run.add(number, 'verified_name', check_verified_name(phone, policy, number), passing['verified_name'])

    if not error:
        if 'required_number' in checks:
            # A number the user asked phone_info for is required too: its absence is never silent.
            required = list(policy['required_numbers'])
            for entry in missing:
                number = digits_of(entry) if isinstance(entry, str) else str(entry)
                if number not in required:
                    required.append(number)
            for number in required:
                run.add(number, 'required_number', required_number_outcome(number in seen, policy), passing['required_number'])
        if check_names:
            for number, name in policy['display_names'].items():
                if number not in seen:
                    run.add(number, 'verified_name', absent_display_name_outcome(name, policy), passing['verified_name'])
        if 'number_removed' in checks and previous_numbers:
            # One result per number gone since the previous run: a passed result per number kept would double the results.
            for number in previous_numbers:
                if number not in seen:
                    run.add(number, 'number_removed', removed_number_outcome(policy), passing['number_removed'])

    known = set(seen)
    known.update(result['number'] for result in run.results if result['number'] is not None)
    if 'required_number' in checks:
        known.update(policy['required_numbers'])
    if check_names:
        known.update(policy['display_names'])
    listed_waivers = run.report_waivers(policy['severity'][WAIVER_CHECK], known)
    counts = dict((status, 0) for status in STATUSES)
    for result in run.results:
        counts[result['status']] += 1
    counts['results'] = len(run.results)
    counts['numbers'] = len(seen)
    counts['expired_waivers'] = sum(1 for waiver in listed_waivers if waiver['state'] == 'expired')
    return {
        'environment': environment,
        'status': overall_status(counts),
        'today': today,
        'error': display_value(error, limit=2000) if error else None,
        'checks': list(checks),
        'counts': counts,
        'results': run.results,
        'waivers': listed_waivers,
        # The numbers as read, for what compares runs or shows every state (changes, HTML, metrics).
        'phones': [json_safe(phone) for phone in phones if isinstance(phone, Mapping)],
    }


def errored_result(environment, message, today, configuration=False):
    """Return the result of an environment that could not be evaluated at all.

    ``configuration``: it was not evaluated because its check's options were unusable; its one
    result then names that (check ``configuration``), not the API.
    """
    result = evaluate([], today=today, environment=environment, error=message, policy={'checks': []})
    if configuration:
        result['results'] = [result_record(
            result['environment'], None, CONFIGURATION_CHECK, 'usable options for the check (policy, waivers, today, ...)',
            result['error'], 'fail', 'errored',
            'the check of this environment refused its options, so none of its numbers was checked; correct them and run again')]
    return result
