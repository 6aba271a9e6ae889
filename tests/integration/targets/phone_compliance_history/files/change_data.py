# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Change the simulator's data file between two runs, the way the service's numbers change.

Usage: change_data.py DATA_FILE STEP. Step "second": prod 8613800138000 drops to YELLOW, prod
12025550142 is gone, staging gains 447700900999. Written beside the file and renamed over it,
so the simulator (which reloads a changed file) never reads half of it.
"""

import os
import sys

import yaml


def main(path, step):
    with open(path, encoding='utf-8') as handle:
        data = yaml.safe_load(handle)
    apps = dict((app['environment'], app) for app in data['apps'])
    if step == 'second':
        prod = apps['prod']['phones']
        for phone in prod:
            if phone['number'] == '8613800138000':
                phone['quality_rating'] = 'YELLOW'
        apps['prod']['phones'] = [phone for phone in prod if phone['number'] != '12025550142']
        apps['staging']['phones'].append({
            'number': '447700900999', 'display_phone_number': '+44 7700 900999', 'verified_name': 'Acme Staging New',
            'quality_rating': 'GREEN', 'name_status': 'APPROVED', 'status': 'CONNECTED', 'current_limit': 'TIER_1K',
            'code_verification_status': 'VERIFIED'})
    else:
        raise SystemExit('unknown step %s' % step)
    temporary = path + '.new'
    with open(temporary, 'w', encoding='utf-8') as handle:
        yaml.safe_dump(data, handle, sort_keys=False)
    os.replace(temporary, path)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
