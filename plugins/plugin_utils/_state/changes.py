# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What changed between two reads of one app's numbers: the one comparison every front end uses.

The compliance reports (changes since the previous run) and the event source (changes since the
previous poll) both call number_changes, so a change means the same thing everywhere. Pure
functions over phone records as phone_info returns them (a dict with `number`); no I/O, no
Ansible imports, so the event source can use it outside a playbook.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

ADDED = 'added'
REMOVED = 'removed'
CHANGED = 'changed'
KINDS = (ADDED, REMOVED, CHANGED)

# Quality from best to worst; a move to the right is a drop. Other values (NA, UNKNOWN, ...) are
# "not rated": a move to or from them is a change but neither a drop nor a rise.
QUALITY_ORDER = ('GREEN', 'YELLOW', 'RED')
_QUALITY_RANK = dict((quality, rank) for rank, quality in enumerate(QUALITY_ORDER))


def phones_by_number(phones):
    """Return {number: phone} for a list of phone records (or such a mapping, unchanged).

    Records without a string `number` cannot be told apart between two reads and are left out.
    """
    if isinstance(phones, Mapping):
        return dict(phones)
    keyed = {}
    for phone in phones or ():
        if isinstance(phone, Mapping) and isinstance(phone.get('number'), str):
            keyed.setdefault(phone['number'], phone)
    return keyed


def field_changes(before, after):
    """Return [{field, before, after}] for every field whose value differs, fields in name order.

    A field present on one side only is compared with None on the other; `number` is the key,
    never a change.
    """
    changes = []
    for field in sorted(set(before) | set(after)):
        if field == 'number':
            continue
        old, new = before.get(field), after.get(field)
        if old != new or type(old) is not type(new):
            changes.append({'field': field, 'before': old, 'after': new})
    return changes


def number_changes(previous, current):
    """Return one entry per number that was added, removed or changed between two reads.

    previous, current: phone records (lists as phone_info returns, or {number: phone}).
    Each entry: {number, kind, changes: [{field, before, after}], phone}; `phone` is the current
    record (the last known one for a removed number), `changes` is empty unless kind is changed.
    Current numbers come first in their order, then removed numbers in their previous order.
    """
    before = phones_by_number(previous)
    after = phones_by_number(current)
    entries = []
    for number, phone in after.items():
        if number not in before:
            entries.append({'number': number, 'kind': ADDED, 'changes': [], 'phone': phone})
            continue
        changes = field_changes(before[number], phone)
        if changes:
            entries.append({'number': number, 'kind': CHANGED, 'changes': changes, 'phone': phone})
    for number, phone in before.items():
        if number not in after:
            entries.append({'number': number, 'kind': REMOVED, 'changes': [], 'phone': phone})
    return entries


def quality_dropped(before, after):
    """Tell whether a quality rating moved to a worse rated value (GREEN -> YELLOW -> RED)."""
    if before not in _QUALITY_RANK or after not in _QUALITY_RANK:
        return False
    return _QUALITY_RANK[after] > _QUALITY_RANK[before]
