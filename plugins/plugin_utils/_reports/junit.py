# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as JUnit XML, the test report that CI systems show.

One <testsuite> per environment, one <testcase> per number and check, classname = environment.
- failed  -> <failure>: GitLab, GitHub test reporters and Jenkins all show it as a failed test.
- errored -> <error>: the environment could not be read; shown as an error, never as a pass.
- waived  -> <skipped message="waived until ...: reason"> with the details as its text: all
  three count skipped tests apart from passed ones and show that text (GitLab as the test's
  details), so a tolerated violation stays visible with its reason and expiry, without turning
  the report red for something the team decided to accept.
- warned  -> <failure type="warn"> when fail_on is "warn", so that the file fails exactly what
  failed the run. Otherwise a passed test carrying the warning in <system-out>: Jenkins shows it
  on the test's page, GitLab and GitHub reporters show nothing for a passed test, which is why
  the Markdown summary lists warnings among the problems. A warning is not a failure there,
  and a CI system must not mark the job unstable for it.
- failed is a <failure> whatever fail_on says: with fail_on=never (audit only) the run does not
  stop, but what the audit found is still a failed test in the report.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import xml.etree.ElementTree as ET

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import STATUSES, WAIVER_CHECK, display_value, environments_of, number_label
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failing_statuses

# Characters XML 1.0 cannot carry at all, even escaped; a service value holding one would make
# the whole JUnit file unreadable, so they are replaced.
_XML_INVALID = re.compile(u'[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _xml_text(value):
    return _XML_INVALID.sub(u'\ufffd', value if isinstance(value, str) else display_value(value, limit=2000))


def _case_name(result):
    check = result.get('check')
    waiver = result.get('waiver')
    if check == WAIVER_CHECK and isinstance(waiver, dict) and waiver.get('check'):
        # One number may have several expired waivers: name each by the check it waived.
        check = '%s of %s' % (check, waiver['check'])
    # The number as people know it too (display number, display name), in every test's name: for a
    # passed test the name is all a CI system shows.
    return '%s %s' % (number_label(result), check) if result.get('number') not in (None, '') else str(check)


def _short_message(result):
    observed = result.get('observed')
    return 'expected %s, observed %s' % (result.get('expected'), display_value(observed) if observed is not None else 'nothing')


def _long_text(result):
    lines = [
        'environment: %s' % result.get('environment'),
        'number: %s' % number_label(result),
        'check: %s' % result.get('check'),
        'expected: %s' % result.get('expected'),
        'observed: %s' % display_value(result.get('observed'), limit=2000),
        'severity: %s' % result.get('severity'),
        'status: %s' % result.get('status'),
    ]
    if result.get('reason'):
        lines.append('reason: %s' % result['reason'])
    waiver = result.get('waiver')
    if waiver:
        lines.append('waiver: %s (expires %s%s)' % (waiver.get('reason'), waiver.get('expires'), ', expired' if waiver.get('expired') else ''))
    return '\n'.join(lines)


def _testcase(parent, result, classname, warn_fails):
    """Add the testcase of one result to ``parent``; ``classname`` is already XML-safe. Return the count it falls in, or None."""
    case = ET.SubElement(parent, 'testcase', {'classname': classname, 'name': _xml_text(_case_name(result)), 'time': '0'})
    status = result.get('status')
    kind = None
    if status == 'failed' or (status == 'warned' and warn_fails):
        element = ET.SubElement(case, 'failure', {'message': _xml_text(_short_message(result)), 'type': _xml_text(result.get('severity'))})
        element.text = _xml_text(_long_text(result))
        kind = 'failures'
    elif status == 'errored' or status not in STATUSES:
        element = ET.SubElement(case, 'error', {'message': _xml_text(_short_message(result)), 'type': _xml_text(status or 'unknown')})
        element.text = _xml_text(_long_text(result))
        kind = 'errors'
    elif status == 'waived':
        element = ET.SubElement(case, 'skipped', {'message': _xml_text(result.get('reason') or 'waived')})
        element.text = _xml_text(_long_text(result))
        kind = 'skipped'
    elif status == 'warned':
        out = ET.SubElement(case, 'system-out')
        out.text = _xml_text('WARNING: %s\n%s' % (_short_message(result), _long_text(result)))
    return kind


def _change_properties(properties, environment):
    """Add the changes since the previous run of an environment: their count, and each quality drop (its own flag)."""
    changes = environment.get('changes')
    if not isinstance(changes, list):
        return
    ET.SubElement(properties, 'property', {'name': 'changes_since_last_run', 'value': str(len(changes))})
    drops = ['%s %s -> %s' % (change.get('number'), change.get('before'), change.get('after'))
             for change in changes if isinstance(change, dict) and change.get('quality_dropped')]
    if drops:
        ET.SubElement(properties, 'property', {'name': 'quality_dropped', 'value': _xml_text(', '.join(drops))})


def junit_report(report, fail_on='fail', fail_on_error=True):
    """Return a JUnit XML document (``<testsuites>``) for a single or combined result."""
    warn_fails = 'warned' in failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    root = ET.Element('testsuites', {'name': 'phone compliance'})
    grand = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    for environment in environments:
        name = str(environment.get('environment') or '-')
        suite = ET.SubElement(root, 'testsuite', {'name': _xml_text(name)})
        properties = ET.SubElement(suite, 'properties')
        for key in ('status', 'today', 'error'):
            if environment.get(key) is not None:
                ET.SubElement(properties, 'property', {'name': key, 'value': _xml_text(environment[key])})
        ET.SubElement(properties, 'property', {'name': 'fail_on', 'value': _xml_text(fail_on)})
        _change_properties(properties, environment)
        tally = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
        classname = _xml_text(name)  # the same for every test of the environment: made XML-safe once
        for result in environment.get('results') or ():
            kind = _testcase(suite, result, classname, warn_fails)
            tally['tests'] += 1
            if kind:
                tally[kind] += 1
        for key, value in tally.items():
            suite.set(key, str(value))
            grand[key] += value
        suite.set('time', '0')
    # Jenkins' xunit schema (junit-10.xsd, tests/schemas/) allows no skipped count on <testsuites>:
    # a job validating against it rejects the whole file. Each <testsuite> carries its own.
    for key, value in grand.items():
        if key != 'skipped':
            root.set(key, str(value))
    root.set('time', '0')
    if hasattr(ET, 'indent'):  # Python >= 3.9: one element per line, for people who open the file
        ET.indent(root)
    body = ET.tostring(root, encoding='unicode')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + '\n'
