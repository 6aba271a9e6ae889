# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compliance results rendered as JSON, JUnit XML and Markdown, and written to files.

Each renderer takes one environment's result or a combined result (see _compliance), never
re-evaluates a rule and returns a string; write_reports is the one function that touches the
file system. Standard library only.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._compliance import (
    STATUSES,
    WAIVER_CHECK,
    ComplianceInputError,
    display_value,
    environments_of,
    failing_statuses,
    overall_status,
    result_fields,
)

FORMATS = ('json', 'junit', 'markdown')
# The file name ending of each format.
EXTENSIONS = {'json': 'json', 'junit': 'junit.xml', 'markdown': 'md'}
_UNSAFE_IN_FILE_NAME = re.compile(r'[^A-Za-z0-9_.-]')

# Characters XML 1.0 cannot carry at all, even escaped; a service value holding one would make
# the whole JUnit file unreadable, so they are replaced.
_XML_INVALID = re.compile(u'[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
# Markdown characters that would end a table cell or start formatting inside one.
_MARKDOWN_SPECIAL = re.compile(r'([\\`*_\[\]<>|~#])')

_STATUS_LABEL = {
    'errored': ':boom: errored',
    'failed': ':x: failed',
    'warned': ':warning: warned',
    'waived': ':white_circle: waived',
    'passed': ':white_check_mark: passed',
}


def _totals(environments):
    totals = dict((status, 0) for status in STATUSES)
    totals['numbers'] = 0
    totals['results'] = 0
    for environment in environments:
        counts = environment.get('counts') or {}
        for key in totals:
            value = counts.get(key, 0)
            totals[key] += value if isinstance(value, int) and not isinstance(value, bool) else 0
    return totals


def json_report(report):
    """Return the full result as JSON (keys sorted, UTF-8 kept as is), ending with a newline.

    Compact: it is for programs (people read the Markdown), and without indentation the standard
    library's C encoder does the work, about five times faster on an app of 10,000 numbers.
    """
    environments_of(report)  # rejects what is not a result
    if not isinstance(report.get('environments'), list):
        report = result_fields(report)
    return json.dumps(report, sort_keys=True, ensure_ascii=False, separators=(',', ':'), default=repr) + '\n'


# ---------------------------------------------------------------------------------------------
# JUnit
#
# One <testsuite> per environment, one <testcase> per number and check, classname = environment.
# - failed  -> <failure>: GitLab, GitHub test reporters and Jenkins all show it as a failed test.
# - errored -> <error>: the environment could not be read; shown as an error, never as a pass.
# - waived  -> <skipped message="waived until ...: reason"> with the details as its text: all
#   three count skipped tests apart from passed ones and show that text (GitLab as the test's
#   details), so a tolerated violation stays visible with its reason and expiry, without turning
#   the report red for something the team decided to accept.
# - warned  -> <failure type="warn"> when fail_on is "warn", so that the file fails exactly what
#   failed the run. Otherwise a passed test carrying the warning in <system-out>: Jenkins shows it
#   on the test's page, GitLab and GitHub reporters show nothing for a passed test, which is why
#   the Markdown summary lists warnings among the problems. A warning is not a failure there,
#   and a CI system must not mark the job unstable for it.
# - failed is a <failure> whatever fail_on says: with fail_on=never (audit only) the run does not
#   stop, but what the audit found is still a failed test in the report.


def _xml_text(value):
    return _XML_INVALID.sub(u'\ufffd', value if isinstance(value, str) else display_value(value, limit=2000))


def _case_name(result):
    check = result.get('check')
    waiver = result.get('waiver')
    if check == WAIVER_CHECK and isinstance(waiver, dict) and waiver.get('check'):
        # One number may have several expired waivers: name each by the check it waived.
        check = '%s of %s' % (check, waiver['check'])
    number = result.get('number')
    return '%s %s' % (number, check) if number not in (None, '') else str(check)


def _short_message(result):
    observed = result.get('observed')
    return 'expected %s, observed %s' % (result.get('expected'), display_value(observed) if observed is not None else 'nothing')


def _long_text(result):
    lines = [
        'environment: %s' % result.get('environment'),
        'number: %s' % result.get('number'),
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
    case = ET.SubElement(parent, 'testcase', {'classname': _xml_text(classname), 'name': _xml_text(_case_name(result)), 'time': '0'})
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
        tally = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
        for result in environment.get('results') or ():
            kind = _testcase(suite, result, name, warn_fails)
            tally['tests'] += 1
            if kind:
                tally[kind] += 1
        for key, value in tally.items():
            suite.set(key, str(value))
            grand[key] += value
        suite.set('time', '0')
    for key, value in grand.items():
        root.set(key, str(value))
    root.set('time', '0')
    if hasattr(ET, 'indent'):  # Python >= 3.9: one element per line, for people who open the file
        ET.indent(root)
    body = ET.tostring(root, encoding='unicode')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + '\n'


# ---------------------------------------------------------------------------------------------
# Markdown


def _md(value, limit=200):
    text = value if isinstance(value, str) else display_value(value, limit=limit)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    text = text.replace('\r', ' ').replace('\n', ' ')
    return _MARKDOWN_SPECIAL.sub(r'\\\1', text) if text else ' '


def _observed_md(result):
    observed = result.get('observed')
    return '*(nothing)*' if observed is None else _md(observed)


def _row(cells):
    return '| ' + ' | '.join(cells) + ' |'


def _sorted_problems(environment):
    rank = dict((status, index) for index, status in enumerate(STATUSES))
    problems = [result for result in environment.get('results') or () if result.get('status') != 'passed']
    problems.sort(key=lambda result: rank.get(result.get('status'), -1))
    return problems


def _environment_section(environment, failing):
    name = environment.get('environment') or '-'
    counts = environment.get('counts') or {}
    lines = ['## %s: %s' % (_md(name), _md(str(environment.get('status') or '-').upper())), '']
    if environment.get('error'):
        lines += ['**Could not be checked:** %s' % _md(environment['error'], limit=2000), '']
    lines.append('%s numbers, %s results: %s' % (
        counts.get('numbers', 0), counts.get('results', 0),
        ', '.join('%s %s' % (counts.get(status, 0), status) for status in STATUSES)))
    lines.append('')
    problems = _sorted_problems(environment)
    if problems:
        lines.append(_row(['Status', 'Number', 'Check', 'Expected', 'Observed', 'Severity', 'Note']))
        lines.append(_row(['---'] * 7))
        for result in problems:
            status = result.get('status')
            label = _STATUS_LABEL.get(status, _md(status))
            if status in failing:
                label = '**%s**' % label
            lines.append(_row([label, _md(result.get('number') or '-'), _md(result.get('check')), _md(result.get('expected')),
                               _observed_md(result), _md(result.get('severity')), _md(result.get('reason') or '', limit=300)]))
        lines.append('')
    else:
        lines += ['No problems.', '']
    passed = [result for result in environment.get('results') or () if result.get('status') == 'passed']
    if passed:
        lines += ['<details><summary>%d passed checks</summary>' % len(passed), '']
        lines.append(_row(['Number', 'Check', 'Expected', 'Observed', 'Note']))
        lines.append(_row(['---'] * 5))
        for result in passed:
            lines.append(_row([_md(result.get('number') or '-'), _md(result.get('check')), _md(result.get('expected')),
                               _observed_md(result), _md(result.get('reason') or '')]))
        lines += ['', '</details>', '']
    waivers = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') in ('applied', 'expired')]
    unused = [waiver for waiver in environment.get('waivers') or () if waiver.get('state') not in ('applied', 'expired')]
    if waivers or unused:
        lines += ['### Waivers', '']
        lines.append(_row(['State', 'Number', 'Check', 'Expires', 'Reason']))
        lines.append(_row(['---'] * 5))
        for waiver in waivers + unused:
            lines.append(_row([_md(waiver.get('state')), _md(waiver.get('number')), _md(waiver.get('check')), _md(waiver.get('expires')),
                               _md(waiver.get('reason'), limit=300)]))
        lines.append('')
    return lines


def markdown_report(report, fail_on='fail', fail_on_error=True):
    """Return a Markdown summary: totals, a line per environment, then a table per environment, problems first."""
    failing = failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    totals = _totals(environments)
    status = overall_status(totals)
    todays = sorted(set(str(environment.get('today')) for environment in environments if environment.get('today')))
    lines = ['# Phone compliance: %s' % status.upper(), '']
    lines.append('%d environment(s), %d numbers, %d results: %s. Checked on %s, fail_on=%s.' % (
        len(environments), totals['numbers'], totals['results'],
        ', '.join('%d %s' % (totals[key], key) for key in STATUSES), ', '.join(todays) or 'an unknown date', _md(fail_on)))
    lines.append('')
    lines.append(_row(['Environment', 'Status', 'Numbers', 'Errored', 'Failed', 'Warned', 'Waived', 'Passed']))
    lines.append(_row(['---'] * 8))
    for environment in environments:
        counts = environment.get('counts') or {}
        lines.append(_row([_md(environment.get('environment') or '-'), _STATUS_LABEL.get(environment.get('status'), _md(environment.get('status')))]
                          + [str(counts.get(key, 0)) for key in ('numbers', 'errored', 'failed', 'warned', 'waived', 'passed')]))
    lines.append('')
    for environment in environments:
        lines += _environment_section(environment, failing)
    return '\n'.join(lines).rstrip('\n') + '\n'


def render(report, report_format, fail_on='fail', fail_on_error=True):
    """Return the report in ``report_format`` (json, junit or markdown)."""
    if report_format == 'json':
        return json_report(report)
    if report_format == 'junit':
        return junit_report(report, fail_on, fail_on_error)
    if report_format == 'markdown':
        return markdown_report(report, fail_on, fail_on_error)
    raise ComplianceInputError('unknown report format %s; choose one of %s' % (display_value(report_format), ', '.join(FORMATS)))


def file_stem(environment):
    """Return the environment name with every character unsafe in a file name replaced by ``_``."""
    return _UNSAFE_IN_FILE_NAME.sub('_', str(environment)) or '_'


def write_reports(report, directory, stem, formats=FORMATS, fail_on='fail', fail_on_error=True):
    """Write the report in each format as ``directory/stem.<extension>``; return the paths written.

    Every format is rendered before the first file is written, so bad input leaves no partial set
    behind; each file is replaced atomically (written beside it, then renamed), so a reader never
    sees half a report.
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ComplianceInputError('unknown report format %s; choose among %s' % (display_value(unknown[0]), ', '.join(FORMATS)))
    rendered = [(name, render(report, name, fail_on, fail_on_error)) for name in formats]
    if not os.path.isdir(directory):
        os.makedirs(directory)
    paths = []
    for name, text in rendered:
        path = os.path.join(directory, '%s.%s' % (stem, EXTENSIONS[name]))
        handle, temporary = tempfile.mkstemp(dir=directory, prefix='.%s.' % stem)
        try:
            with io.open(handle, 'w', encoding='utf-8') as output:
                output.write(text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        paths.append(path)
    return paths
