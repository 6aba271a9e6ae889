# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The world the reliability suite's simulator serves: one account, one app, three healthy numbers.

Every number is healthy, so any violation the role reports comes from an injected fault.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ACCESS_KEY = 'AK-RELIABILITY-01'
ACCESS_SECRET = 'SK-reliability-Secret-7f3a9c'
APPKEY = 'appkey-reliability'
NUMBERS = ('8613800138100', '12025550199', '447700900199')


def healthy_phone(number):
    """Return the phone object the simulator holds for one of NUMBERS."""
    return {
        'display_phone_number': '+' + number,
        'verified_name': 'Reliability %s' % number[-3:],
        'quality_rating': 'GREEN',
        'name_status': 'APPROVED',
        'status': 'CONNECTED',
        'current_limit': 'TIER_1K',
        'code_verification_status': 'VERIFIED',
    }


def data_mapping():
    """Return the simulator data (tests/simulator/README.md, "Data file")."""
    return {
        'accounts': [{'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET}],
        'apps': [{'appkey': APPKEY, 'phones': [dict(healthy_phone(number), number=number) for number in NUMBERS]}],
    }
