# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compliance results shared by the unit tests of the reports, and readers of what the reports hold."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import xml.etree.ElementTree as ET

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate

TODAY = '2026-05-01'


def phone(number, **fields):
    entry = {'number': number, 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN', 'verified_name': 'Acme'}
    entry.update(fields)
    return entry


def prod_result():
    """One failed, one warned, one waived, one expired waiver, the rest passed."""
    phones = [
        phone('8613800138000', status='FLAGGED'),
        phone('8613800138001', quality_rating='YELLOW'),
        phone('8613800138002', status='BANNED'),
        phone('8613800138003'),
    ]
    waivers = [
        {'number': '8613800138002', 'check': 'status', 'reason': 'appeal filed, WA-7', 'expires': '2026-06-30'},
        {'number': '8613800138003', 'check': 'quality_rating', 'reason': 'old incident', 'expires': '2026-01-31'},
    ]
    return evaluate(phones, waivers=waivers, today=TODAY, environment='prod')


def errored_result():
    return evaluate([], error='could not connect to https://127.0.0.1:9/api/wa/getPhone: refused', today=TODAY, environment='staging')


def clean_result():
    return evaluate([phone('8613800138009')], today=TODAY, environment='dev')


def parse_junit(text):
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode('utf-8'))


def cases_by_name(suite):
    return dict((case.get('name'), case) for case in suite.findall('testcase'))
