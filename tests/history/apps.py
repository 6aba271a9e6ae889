# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apps of any size over three runs, judged and compared with the collection's own code (rules, state): the data of the history suite.

On the last run a few numbers drop in quality, one number is removed and one added.
"""

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import next_state, previous_numbers, trend

POLICY = {'checks': ['status', 'code_verification_status', 'quality_rating', 'required_number', 'number_removed']}
REMOVED = '447700900001'


def phone(index, quality='GREEN', status='CONNECTED', verification='VERIFIED'):
    return {'number': '4477009%05d' % index, 'display_phone_number': '+44 7700 9%05d' % index, 'verified_name': 'Shop %d' % index,
            'quality_rating': quality, 'name_status': 'APPROVED', 'status': status, 'current_limit': 'TIER_1K',
            'code_verification_status': verification}


def app_of(size, run):
    """Return the numbers of an app of ``size`` on run 0, 1 or 2: some fail or warn throughout, some drop a step each run."""
    phones = []
    for index in range(size):
        quality = 'GREEN'
        if index % 97 == 0:
            quality = ('GREEN', 'YELLOW', 'RED')[run]  # drops a step each run
        elif index % 89 == 0:
            quality = 'YELLOW'
        status = 'FLAGGED' if index % 211 == 0 else 'CONNECTED'
        verification = 'NOT_VERIFIED' if index % 307 == 0 else 'VERIFIED'
        phones.append(phone(index, quality, status, verification))
    if run == 2:
        phones = [entry for entry in phones if entry['number'] != REMOVED]  # removed on the last run
        phones.append(phone(size + 1))  # added on the last run
    return phones


def runs_of(environments, times=('2026-11-30T06:00:00Z', '2026-12-01T06:00:00Z', '2026-12-02T06:00:00Z')):
    """Return the combined result of the last of three runs over ``environments`` ({name: size}), with its changes and trend."""
    states = dict((name, None) for name in environments)
    combined = None
    for run, time in enumerate(times):
        results = []
        for name, size in environments.items():
            result = evaluate(app_of(size, run), policy=POLICY, today=time[:10], environment=name,
                              previous_numbers=previous_numbers(states[name], name))
            changes, states[name], previous_run, note = next_state(states[name], result, time, number_of_phone)
            result.update(changes=changes, previous_run=previous_run, changes_note=note, trend=trend(states[name]))
            results.append(result)
        combined = combine_results(results)
    return combined, states
