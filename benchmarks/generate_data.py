# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate the simulator data of the benchmarks: many environments, many numbers, known violations.

One data file holds every app the benchmarks use, so that one simulator serves them all:

* ``bench-task``: a small app for the single-task comparison (phone_info against ping);
* ``bench-nSIZE-eNN``: ENVIRONMENTS apps of SIZE numbers each, for every SIZE asked for;
* ``bench-big``: one app of BIG numbers;
* ``bench-nNUMBERS-wNNN``: many apps of a few numbers, for the inventory plugin's figure.

Every number is healthy except the ones :func:`violating_numbers` lists, so that a benchmark can
check that both the role and the hand-written playbook found exactly the numbers they should
(a fast playbook that misses a violation is not a fast compliance check). Numbers are digits
only and ``display_phone_number`` is ``+`` and the same digits, so that both ways of naming a
number show the digits in their output.

Usage: python benchmarks/generate_data.py OUT.json [--environments 20] [--sizes 50,250] [--big 10000]
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json

ACCESS_KEY = 'AK-BENCH-0001'
ACCESS_SECRET = 'SK-bench-secret-do-not-use'
TASK_APPKEY = 'bench-task'
BIG_APPKEY = 'bench-big'
TASK_APP_NUMBERS = 5
# In every environment app, the number at this position is out of compliance (FLAGGED and RED).
VIOLATION_INDEX = 7
# In the big app, every BIG_VIOLATION_EVERY-th number has a problem, cycling through these.
BIG_VIOLATION_EVERY = 100
BIG_PROBLEMS = (
    {'status': 'FLAGGED', 'quality_rating': 'RED'},
    {'code_verification_status': 'NOT_VERIFIED'},
    {'status': 'DISCONNECTED'},
    {'quality_rating': 'RED'},
)
# Odd but compliant under the default checks: reported as notes or warnings, never failures.
BIG_ODDITIES = (
    {'quality_rating': 'UNKNOW'},
    {'current_limit': ''},
    {'quality_rating': 'YELLOW'},
)


def environment_appkey(size, index):
    """Return the appkey of environment ``index`` (1-based) in the group of ``size`` numbers."""
    return 'bench-n%d-e%02d' % (size, index)


def _healthy_phone(number, name):
    return {
        'number': number,
        'display_phone_number': '+' + number,
        'verified_name': name,
        'quality_rating': 'GREEN',
        'name_status': 'APPROVED',
        'status': 'CONNECTED',
        'current_limit': 'TIER_1K',
        'code_verification_status': 'VERIFIED',
    }


def environment_numbers(group, index, size):
    """Return the numbers of one environment app: unique across the data set, digits only."""
    return ['861%d%02d%06d' % (group, index, position) for position in range(size)]


def big_numbers(count):
    """Return the numbers of the big app."""
    return ['862%08d' % position for position in range(count)]


def violating_numbers(numbers, big=False):
    """Return the numbers of an app (from this module) that fail a default check, in order."""
    if not big:
        return [numbers[VIOLATION_INDEX]] if len(numbers) > VIOLATION_INDEX else []
    return [number for position, number in enumerate(numbers)
            if position % BIG_VIOLATION_EVERY == 0]


def _environment_app(group, index, size):
    numbers = environment_numbers(group, index, size)
    bad = set(violating_numbers(numbers))
    phones = []
    for position, number in enumerate(numbers):
        phone = _healthy_phone(number, 'Bench %d-%02d #%d' % (size, index, position))
        if number in bad:
            phone.update(status='FLAGGED', quality_rating='RED')
        phones.append(phone)
    return {'appkey': environment_appkey(size, index), 'access_key': ACCESS_KEY,
            'environment': 'bench %d numbers #%d' % (size, index), 'phones': phones}


def _big_app(count):
    phones = []
    for position, number in enumerate(big_numbers(count)):
        phone = _healthy_phone(number, 'Bench big #%d' % position)
        if position % BIG_VIOLATION_EVERY == 0:
            phone.update(BIG_PROBLEMS[(position // BIG_VIOLATION_EVERY) % len(BIG_PROBLEMS)])
        elif position % BIG_VIOLATION_EVERY == BIG_VIOLATION_EVERY // 2:
            phone.update(BIG_ODDITIES[(position // BIG_VIOLATION_EVERY) % len(BIG_ODDITIES)])
        phones.append(phone)
    return {'appkey': BIG_APPKEY, 'access_key': ACCESS_KEY, 'environment': 'bench big', 'phones': phones}


def wide_appkey(numbers, index):
    """Return the appkey of app ``index`` (1-based) of the many small apps of the inventory figure."""
    return 'bench-n%d-w%03d' % (numbers, index)


def _wide_app(numbers, index):
    phones = [_healthy_phone('864%03d%05d' % (index, position), 'Bench wide %03d #%d' % (index, position)) for position in range(numbers)]
    return {'appkey': wide_appkey(numbers, index), 'access_key': ACCESS_KEY, 'environment': 'bench wide #%d' % index, 'phones': phones}


def build_dataset(environments=20, sizes=(50, 250), big=10000, wide=(0, 0)):
    """Return the simulator data mapping (see tests/simulator/README.md, "Data file").

    ``wide`` is (apps, numbers): that many apps of that many numbers (``bench-nNUMBERS-wNNN``), for the inventory figure.
    """
    apps = [{'appkey': TASK_APPKEY, 'access_key': ACCESS_KEY, 'environment': 'bench task',
             'phones': [_healthy_phone('863%08d' % position, 'Bench task') for position in range(TASK_APP_NUMBERS)]}]
    for group, size in enumerate(sizes):
        apps.extend(_environment_app(group, index, size) for index in range(1, environments + 1))
    if big:
        apps.append(_big_app(big))
    apps.extend(_wide_app(wide[1], index) for index in range(1, wide[0] + 1))
    return {
        'description': 'nxcloud.whatsapp benchmark data (generated by benchmarks/generate_data.py; fake)',
        'accounts': [{'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET}],
        'apps': apps,
    }


def _sizes(text):
    sizes = [int(item) for item in text.split(',') if item.strip()]
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError('sizes must be positive integers separated by commas, e.g. 50,250')
    return sizes


def main(argv=None):
    """Write the data file named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out', help='the JSON file to write')
    parser.add_argument('--environments', type=int, default=20)
    parser.add_argument('--sizes', type=_sizes, default=[50, 250])
    parser.add_argument('--big', type=int, default=10000, help='numbers of the big app (0: none)')
    args = parser.parse_args(argv)
    dataset = build_dataset(args.environments, args.sizes, args.big)
    with open(args.out, 'w', encoding='utf-8') as out:
        json.dump(dataset, out, separators=(',', ':'))
    print('%s: %d apps, %d numbers' % (args.out, len(dataset['apps']), sum(len(app['phones']) for app in dataset['apps'])))


if __name__ == '__main__':
    main()
