# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Changes between two reads of an app: added, removed, changed field by field, quality drops."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state import changes


def phone(number, **fields):
    record = {'number': number, 'status': 'CONNECTED', 'quality_rating': 'GREEN'}
    record.update(fields)
    return record


def test_nothing_changed_gives_no_entries():
    assert changes.number_changes([phone('1'), phone('2')], [phone('2'), phone('1')]) == []


def test_first_read_against_nothing_lists_every_number_as_added():
    entries = changes.number_changes([], [phone('1'), phone('2')])
    assert [(entry['number'], entry['kind'], entry['changes']) for entry in entries] == [('1', 'added', []), ('2', 'added', [])]


def test_a_number_no_longer_returned_is_removed_with_its_last_known_state():
    entries = changes.number_changes([phone('1'), phone('2', status='FLAGGED')], [phone('1')])
    assert entries == [{'number': '2', 'kind': 'removed', 'changes': [], 'phone': phone('2', status='FLAGGED')}]


def test_changed_fields_are_listed_in_name_order_with_before_and_after():
    entries = changes.number_changes([phone('1')], [phone('1', quality_rating='RED', status='FLAGGED')])
    assert entries == [{'number': '1', 'kind': 'changed', 'phone': phone('1', quality_rating='RED', status='FLAGGED'), 'changes': [
        {'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED'},
        {'field': 'status', 'before': 'CONNECTED', 'after': 'FLAGGED'},
    ]}]


def test_a_field_that_appears_or_disappears_is_compared_with_none():
    entries = changes.number_changes([phone('1', extra='x')], [phone('1', current_limit='TIER_1K')])
    assert entries[0]['changes'] == [
        {'field': 'current_limit', 'before': None, 'after': 'TIER_1K'},
        {'field': 'extra', 'before': 'x', 'after': None},
    ]


def test_a_value_of_another_type_is_a_change_even_when_equal_in_python():
    assert changes.field_changes({'flag': 1}, {'flag': True}) == [{'field': 'flag', 'before': 1, 'after': True}]


def test_current_numbers_come_first_then_removed_ones():
    entries = changes.number_changes([phone('3'), phone('1')], [phone('2'), phone('1', status='FLAGGED')])
    assert [(entry['number'], entry['kind']) for entry in entries] == [('2', 'added'), ('1', 'changed'), ('3', 'removed')]


def test_records_without_a_number_are_left_out_and_duplicates_count_once():
    assert changes.phones_by_number([{'status': 'CONNECTED'}, 'junk', phone('1'), phone('1', status='FLAGGED')]) == {'1': phone('1')}


def test_a_mapping_by_number_is_accepted_as_it_is():
    assert changes.number_changes({'1': phone('1')}, [phone('1', status='FLAGGED')])[0]['kind'] == 'changed'


@pytest.mark.parametrize('before, after, dropped', [
    ('GREEN', 'YELLOW', True), ('YELLOW', 'RED', True), ('GREEN', 'RED', True),
    ('RED', 'YELLOW', False), ('GREEN', 'GREEN', False),
    ('GREEN', 'NA', False), ('UNKNOWN', 'RED', False), (None, 'RED', False),
])
def test_quality_drop_is_a_move_to_a_worse_rated_value(before, after, dropped):
    assert changes.quality_dropped(before, after) is dropped
