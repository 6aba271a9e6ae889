# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Phones, waivers and a shorthand evaluation shared by the unit tests of the compliance rules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import summary

TODAY = '2026-05-01'
NUMBER = '8613800138000'
OTHER = '8613800138001'


def healthy(number=NUMBER, **fields):
    phone = {
        'number': number,
        'display_phone_number': '+86 138 0013 8000',
        'verified_name': 'Acme',
        'quality_rating': 'GREEN',
        'name_status': 'APPROVED',
        'status': 'CONNECTED',
        'current_limit': 'TIER_1K',
        'code_verification_status': 'VERIFIED',
    }
    phone.update(fields)
    return phone


def without(field, **fields):
    phone = healthy(**fields)
    del phone[field]
    return phone


def run(phones, policy=None, waivers=None, today=TODAY, environment='prod', missing=None, error=None):
    return evaluate(phones, policy=policy, waivers=waivers, today=today, environment=environment, missing=missing, error=error)


def only(result, check, number=NUMBER):
    found = [item for item in result['results'] if item['check'] == check and item['number'] == number]
    assert len(found) == 1, found
    return found[0]


def waiver(check='status', number=NUMBER, expires='2026-06-30', reason='fixing it, WA-42', **extra):
    entry = {'number': number, 'check': check, 'reason': reason, 'expires': expires}
    entry.update(extra)
    return entry


def registered_check(result, **task_keys):
    """A registered phone_compliance_check result: the result plus the task's own keys."""
    registered = dict(result, changed=False, compliant=True, message='', summary=summary(result), reports=[])
    registered.update(task_keys)
    return registered
