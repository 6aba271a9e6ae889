#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Parse a JUnit XML report and print what it holds as JSON, for the Molecule verify playbooks.

    python junit_summary.py REPORT.junit.xml

Prints {"tests", "failures", "errors", "skipped", "suites": [{"name", "tests", "failures", "errors",
"skipped", "cases": [{"classname", "name", "status", "message"}]}]}, where a case's status is
failure, error, skipped or passed and the counts are the root's and each suite's attributes.
Exits 1 with the parser's message when the file is not well-formed XML.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import sys
import xml.etree.ElementTree as ET

COUNTS = ('tests', 'failures', 'errors', 'skipped')


def case_summary(case):
    """Return the classname, name, status and message of one <testcase>."""
    for status in ('failure', 'error', 'skipped'):
        element = case.find(status)
        if element is not None:
            return {'classname': case.get('classname'), 'name': case.get('name'), 'status': status,
                    'message': element.get('message'), 'type': element.get('type')}
    out = case.find('system-out')
    return {'classname': case.get('classname'), 'name': case.get('name'), 'status': 'passed',
            'message': out.text if out is not None else None, 'type': None}


def summary(path):
    """Return the summary of the JUnit file at ``path``."""
    root = ET.parse(path).getroot()
    result = dict((key, int(root.get(key, -1))) for key in COUNTS)
    result['root'] = root.tag
    result['suites'] = []
    for suite in root.findall('testsuite'):
        entry = dict((key, int(suite.get(key, -1))) for key in COUNTS)
        entry['name'] = suite.get('name')
        entry['properties'] = dict((item.get('name'), item.get('value')) for item in suite.findall('properties/property'))
        entry['cases'] = [case_summary(case) for case in suite.findall('testcase')]
        result['suites'].append(entry)
    return result


def main(argv):
    """Print the summary of the file named in ``argv``; return the exit status."""
    if len(argv) != 2:
        sys.stderr.write('usage: junit_summary.py REPORT.junit.xml\n')
        return 2
    try:
        print(json.dumps(summary(argv[1]), sort_keys=True))
    except ET.ParseError as error:
        sys.stderr.write('%s is not well-formed XML: %s\n' % (argv[1], error))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
