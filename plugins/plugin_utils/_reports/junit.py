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


# What XML needs escaped, as ElementTree's serializer escapes it (the file stays byte for byte what
# ElementTree wrote before): text escapes & < >, attribute values also " and the line breaks and tabs.
_TEXT_ESCAPES = {ord('&'): '&amp;', ord('<'): '&lt;', ord('>'): '&gt;'}
_ATTRIBUTE_ESCAPES = dict(_TEXT_ESCAPES)
_ATTRIBUTE_ESCAPES.update({ord('"'): '&quot;', ord('\n'): '&#10;', ord('\r'): '&#13;', ord('\t'): '&#09;'})


def _attributes(pairs):
    """Return ``pairs`` (name, XML-safe value) as the attributes of a start tag, values escaped."""
    return ''.join(' %s="%s"' % (name, value.translate(_ATTRIBUTE_ESCAPES)) for name, value in pairs)


def _leaf(indent, tag, pairs, text=None):
    """Return one element without children on its own line: empty as ``<tag ... />``, else with its escaped text."""
    if text is None:
        return '%s<%s%s />' % (indent, tag, _attributes(pairs))
    return '%s<%s%s>%s</%s>' % (indent, tag, _attributes(pairs), text.translate(_TEXT_ESCAPES), tag)


def _testcase(lines, result, case_start, warn_fails):
    """Append the lines of one result's testcase; ``case_start`` is its start tag up to the name. Return the count it falls in, or None."""
    start = '%s name="%s" time="0"' % (case_start, _xml_text(_case_name(result)).translate(_ATTRIBUTE_ESCAPES))
    status = result.get('status')
    kind = None
    child = None
    if status == 'failed' or (status == 'warned' and warn_fails):
        child = _leaf('      ', 'failure', (('message', _xml_text(_short_message(result))), ('type', _xml_text(result.get('severity')))),
                      _xml_text(_long_text(result)))
        kind = 'failures'
    elif status == 'errored' or status not in STATUSES:
        child = _leaf('      ', 'error', (('message', _xml_text(_short_message(result))), ('type', _xml_text(status or 'unknown'))),
                      _xml_text(_long_text(result)))
        kind = 'errors'
    elif status == 'waived':
        child = _leaf('      ', 'skipped', (('message', _xml_text(result.get('reason') or 'waived')),), _xml_text(_long_text(result)))
        kind = 'skipped'
    elif status == 'warned':
        child = _leaf('      ', 'system-out', (), _xml_text('WARNING: %s\n%s' % (_short_message(result), _long_text(result))))
    if child is None:
        lines.append(start + ' />')
    else:
        lines.extend((start + '>', child, '    </testcase>'))
    return kind


def _change_properties(properties, environment):
    """Add the changes since the previous run of an environment: their count, and each quality drop (its own flag)."""
    changes = environment.get('changes')
    if not isinstance(changes, list):
        return
    properties.append(('changes_since_last_run', str(len(changes))))
    drops = ['%s %s -> %s' % (change.get('number'), change.get('before'), change.get('after'))
             for change in changes if isinstance(change, dict) and change.get('quality_dropped')]
    if drops:
        properties.append(('quality_dropped', _xml_text(', '.join(drops))))


def _suite(environment, fail_on, warn_fails):
    """Return the lines of one environment's testsuite and its counts (tests, failures, errors, skipped)."""
    name = str(environment.get('environment') or '-')
    properties = []
    for key in ('status', 'today', 'error'):
        if environment.get(key) is not None:
            properties.append((key, _xml_text(environment[key])))
    properties.append(('fail_on', _xml_text(fail_on)))
    _change_properties(properties, environment)
    tally = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    # The same for every test of the environment: made XML-safe once.
    case_start = '    <testcase classname="%s"' % _xml_text(name).translate(_ATTRIBUTE_ESCAPES)
    cases = []
    for result in environment.get('results') or ():
        kind = _testcase(cases, result, case_start, warn_fails)
        tally['tests'] += 1
        if kind:
            tally[kind] += 1
    suite_attributes = [('name', _xml_text(name))] + [(key, str(value)) for key, value in tally.items()] + [('time', '0')]
    lines = ['  <testsuite%s>' % _attributes(suite_attributes), '    <properties>']
    lines.extend(_leaf('      ', 'property', (('name', key), ('value', value))) for key, value in properties)
    lines.append('    </properties>')
    lines.extend(cases)
    lines.append('  </testsuite>')
    return lines, tally


def junit_report(report, fail_on='fail', fail_on_error=True):
    """Return a JUnit XML document (``<testsuites>``) for a single or combined result.

    Written as text, one element per line and indented by two spaces a level, as ElementTree's
    indent() and tostring() wrote it: 30,000 tests are built as strings without a tree of elements.
    """
    warn_fails = 'warned' in failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    grand = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    suites = []
    for environment in environments:
        lines, tally = _suite(environment, fail_on, warn_fails)
        suites.append(lines)
        for key, value in tally.items():
            grand[key] += value
    # Jenkins' xunit schema (junit-10.xsd, tests/schemas/) allows no skipped count on <testsuites>:
    # a job validating against it rejects the whole file. Each <testsuite> carries its own.
    root_attributes = [('name', 'phone compliance')] + [(key, str(value)) for key, value in grand.items() if key != 'skipped'] + [('time', '0')]
    if not suites:
        return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites%s />\n' % _attributes(root_attributes)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites%s>' % _attributes(root_attributes)]
    for lines in suites:
        parts.extend(lines)
    parts.append('</testsuites>')
    return '\n'.join(parts) + '\n'
