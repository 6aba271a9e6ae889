# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The result vocabulary of the compliance rules: one record shape, one counts summer, one worst-first ordering."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._compliance.sample_phones import healthy, run


def test_every_result_has_the_same_keys_and_names_its_environment():
    result = run([healthy(status='FLAGGED')])
    for item in result['results']:
        assert sorted(item) == ['check', 'display_name', 'display_number', 'environment', 'expected', 'number', 'observed', 'reason',
                                'severity', 'status', 'waiver']
        assert item['environment'] == 'prod'


def test_a_record_holds_its_observed_value_as_plain_data():
    record = model.result_record('prod', '1', 'status', 'CONNECTED', {'since': datetime.date(2026, 5, 1), 'rate': float('inf')}, 'fail', 'failed', 'odd')
    assert tuple(record) == model.RECORD_KEYS
    assert record['observed'] == {'since': '2026-05-01', 'rate': 'inf'}
    assert record['waiver'] is None


def test_counts_are_summed_over_environments_and_what_is_not_a_count_adds_nothing():
    environments = [
        {'counts': {'errored': 0, 'failed': 2, 'warned': 1, 'waived': 0, 'passed': 7, 'results': 10, 'numbers': 3, 'expired_waivers': 1}},
        {'counts': {'failed': 'many', 'passed': 3, 'results': 3}},
        {'counts': None},
    ]
    assert model.sum_counts(environments) == {'errored': 0, 'failed': 2, 'warned': 1, 'waived': 0, 'passed': 10, 'results': 13, 'numbers': 3,
                                              'expired_waivers': 1}


@pytest.mark.parametrize('counts, status', [
    ({'errored': 1, 'failed': 1}, 'errored'), ({'failed': 1, 'warned': 2}, 'failed'), ({'warned': 1, 'waived': 4}, 'warned'),
    ({'waived': 1, 'passed': 3}, 'passed'), ({}, 'passed'),
])
def test_overall_status_is_the_worst_one_present(counts, status):
    assert model.overall_status(counts) == status


def test_worst_first_drops_passed_results_and_keeps_the_order_within_a_status():
    results = [{'status': 'waived', 'n': 1}, {'status': 'passed'}, {'status': 'warned', 'n': 2}, {'status': 'errored', 'n': 3},
               {'status': 'warned', 'n': 4}, {'status': 'failed', 'n': 5}, {'status': 'odd', 'n': 6}]
    assert [item['n'] for item in model.worst_first(results)] == [6, 3, 5, 2, 4, 1]


@pytest.mark.parametrize('value', ['prod', {'counts': {}}, {'environments': 'prod'}])
def test_what_is_not_a_result_is_refused(value):
    with pytest.raises(model.ComplianceInputError, match='expected a compliance result or a combined result'):
        model.environments_of(value)
