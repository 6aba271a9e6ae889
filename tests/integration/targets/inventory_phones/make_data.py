# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the simulator data of this target: the bundled sample with two changes.

- the AU number of prod gets the display name "Acme {{ 6 * 7 }}" (it must stay that text);
- the first prod number is bound to the dev app too (one host in two environments).

    python make_data.py SAMPLE.yml OUT.yml
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import sys

import yaml

UNSAFE_NAME = 'Acme {{ 6 * 7 }}'


def main(sample_path, out_path):
    with open(sample_path, encoding='utf-8') as handle:
        data = yaml.safe_load(handle)
    apps = dict((app['appkey'], app) for app in data['apps'])
    prod_phones = apps['appkey-prod']['phones']
    for phone in prod_phones:
        if phone['number'] == '61491570156':
            phone['verified_name'] = UNSAFE_NAME
    apps['appkey-dev']['phones'].append(copy.deepcopy(prod_phones[0]))
    with open(out_path, 'w', encoding='utf-8') as handle:
        yaml.safe_dump(data, handle, sort_keys=False)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
