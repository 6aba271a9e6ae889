# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the JSON of `ansible-inventory --list` for one scenario of this target; exit 1 naming every difference.

    python check_inventory.py SCENARIO LIST.json

LIST.json is the output of `ansible-inventory --list --export`: group variables stay with their groups.

The expectations are written from the simulator data (tests/simulator/data/sample.yml, changed by
make_data.py), independently of the plugin's code.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import sys

PROD = ['8613800138000', '12025550142', '447700900123', '61491570156']
STAGING = ['8613800138001', '12025550143', '447700900124', '61491570157']
DEV_OWN = ['8613800138002', '12025550144', '447700900125', '61491570158', '8613800138003']


def plain(value):
    """Return the value without the markers ansible-core 2.19+ writes for unsafe text with --output."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def hosts_of(listing, group):
    return sorted(listing.get(group, {}).get('hosts', []))


def check_two_apps(listing, problems):
    hostvars = listing['_meta']['hostvars']
    expect(problems, 'prod hosts', hosts_of(listing, 'prod'), sorted(PROD))
    expect(problems, 'staging hosts', hosts_of(listing, 'staging'), sorted(STAGING))
    expect(problems, 'every host', sorted(hostvars), sorted(PROD + STAGING))
    expect(problems, 'quality_RED hosts', hosts_of(listing, 'quality_RED'), ['61491570156'])
    expect(problems, 'quality_YELLOW hosts', hosts_of(listing, 'quality_YELLOW'), ['12025550143'])
    expect(problems, 'quality_UNKNOW hosts', hosts_of(listing, 'quality_UNKNOW'), ['61491570157'])
    expect(problems, 'status_FLAGGED hosts', hosts_of(listing, 'status_FLAGGED'), ['61491570156'])
    expect(problems, 'at_risk hosts', hosts_of(listing, 'at_risk'), sorted(['61491570156', '12025550143', '61491570157']))
    au = hostvars.get('61491570156', {})
    expect(problems, 'AU number variables', au, {
        'ansible_connection': 'local',
        'nxcloud_number': '61491570156',
        'nxcloud_display_phone_number': '+61 491 570 156',
        'nxcloud_verified_name': 'Acme {{ 6 * 7 }}',
        'nxcloud_quality_rating': 'RED',
        'nxcloud_name_status': 'APPROVED',
        'nxcloud_status': 'FLAGGED',
        'nxcloud_current_limit': 'TIER_1K',
        'nxcloud_code_verification_status': 'VERIFIED',
        'nxcloud_environment': 'prod',
        'nxcloud_environments': ['prod'],
        'nxcloud_appkey': 'appkey-prod',
    })


def check_failed_app_lenient(listing, problems):
    expect(problems, 'prod hosts', hosts_of(listing, 'prod'), sorted(PROD))
    expect(problems, 'every host', sorted(listing['_meta']['hostvars']), sorted(PROD))
    expect(problems, 'unread environments', listing.get('all', {}).get('vars', {}).get('nxcloud_unread_environments'), ['lost'])


def check_duplicate(listing, problems):
    expect(problems, 'prod hosts', hosts_of(listing, 'prod'), sorted(PROD))
    expect(problems, 'dev hosts', hosts_of(listing, 'dev'), sorted(DEV_OWN + ['8613800138000']))
    shared = listing['_meta']['hostvars'].get('8613800138000', {})
    expect(problems, 'shared number environments', shared.get('nxcloud_environments'), ['prod', 'dev'])
    expect(problems, 'shared number environment', shared.get('nxcloud_environment'), 'prod')


CHECKS = {'two_apps': check_two_apps, 'failed_app_lenient': check_failed_app_lenient, 'duplicate': check_duplicate}


def expect(problems, what, found, wanted):
    if found != wanted:
        problems.append('%s: found %r, expected %r' % (what, found, wanted))


def main(scenario, path):
    with open(path, encoding='utf-8') as handle:
        listing = plain(json.load(handle))
    problems = []
    CHECKS[scenario](listing, problems)
    for problem in problems:
        print('%s: %s' % (scenario, problem))
    if problems:
        return 1
    print('%s: the inventory is as expected' % scenario)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
