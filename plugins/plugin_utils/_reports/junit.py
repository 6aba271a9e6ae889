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

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    WAIVER_CHECK,
    display_value,
    environments_of,
    number_label,
    values_reader,
)
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
# Escaped only when a character needs it (most values need nothing), with str.replace: str.translate
# with a mapping costs about a microsecond a character on Python 3.12. '&' goes first, so that the
# '&' of the other entities is not escaped again.
_TEXT_SPECIAL = re.compile(u'[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_ATTRIBUTE_SPECIAL = re.compile(u'[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _escape_text(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def _escape_attribute(text):
    return _escape_text(text).replace('"', '&quot;').replace('\n', '&#10;').replace('\r', '&#13;').replace('\t', '&#09;')


def _text(value):
    """Return ``value`` as XML-safe element text, escaped."""
    # A plain str without a special character is its own text (a subclass goes the long way: re.sub makes it a plain str).
    if type(value) is str and not _TEXT_SPECIAL.search(value):  # pylint: disable=unidiomatic-typecheck
        return value
    return _escape_text(_xml_text(value))


def _attribute(value):
    """Return ``value`` as an XML-safe attribute value, escaped."""
    if type(value) is str and not _ATTRIBUTE_SPECIAL.search(value):  # pylint: disable=unidiomatic-typecheck
        return value
    return _escape_attribute(_xml_text(value))


def _attributes(pairs):
    """Return ``pairs`` (name, value) as the attributes of a start tag, values made XML-safe and escaped."""
    return ''.join(' %s="%s"' % (name, _attribute(value)) for name, value in pairs)


def _leaf(indent, tag, pairs, text=None):
    """Return one element without children on its own line: empty as ``<tag ... />``, else with its text made XML-safe and escaped."""
    if text is None:
        return '%s<%s%s />' % (indent, tag, _attributes(pairs))
    return '%s<%s%s>%s</%s>' % (indent, tag, _attributes(pairs), _text(text), tag)


def _testcase(result, start, warn_fails):
    """Return the text of one result's testcase and the count it falls in, or None; ``start`` is its start tag up to ``time="0"``."""
    status = result.get('status')
    kind = None
    child = None
    if status == 'failed' or (status == 'warned' and warn_fails):
        child = _leaf('      ', 'failure', (('message', _short_message(result)), ('type', result.get('severity'))), _long_text(result))
        kind = 'failures'
    elif status == 'errored' or status not in STATUSES:
        child = _leaf('      ', 'error', (('message', _short_message(result)), ('type', status or 'unknown')), _long_text(result))
        kind = 'errors'
    elif status == 'waived':
        child = _leaf('      ', 'skipped', (('message', result.get('reason') or 'waived'),), _long_text(result))
        kind = 'skipped'
    elif status == 'warned':
        child = _leaf('      ', 'system-out', (), 'WARNING: %s\n%s' % (_short_message(result), _long_text(result)))
    if child is None:
        return start + ' />', kind
    return '%s>\n%s\n    </testcase>' % (start, child), kind


def _label(number, display_number, display_name):
    """Return number_label's text for a number that is a text, not empty, and a display number and name that are texts or None."""
    # Made here without number_label's checks: a report makes one per number.
    if display_number and display_name:
        return number + ' (' + display_number + ', ' + display_name + ')'
    if display_number or display_name:
        return number + ' (' + (display_number or display_name) + ')'
    return number


# What names a result's testcase, and its status.
_case_values = values_reader('number', 'display_number', 'display_name', 'check', 'status')


# The number of no testcase yet: equal to no text.
_NO_NUMBER = object()


def _testcases(pieces, results, case_start, warn_fails):
    """Add the testcases of an environment's results to ``pieces``, each after a line break; return the counts.

    ``case_start`` is their start tag up to the name. A passed result, nearly all of them, is two
    pieces made once and listed, not joined, until the whole text is: the start tag up to its number's
    label (the results of one number come together: the last one is kept) and the rest from its
    check (a handful of them).
    """
    tally = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    add = pieces.append
    last_number = last_display_number = last_display_name = _NO_NUMBER
    label_start = None  # a line break and the start tag up to the check, for the last number
    check_ends = {}  # check -> (end of the start tag, whole empty tag from the check on)
    tests = 0
    for result in results:
        tests += 1
        number, display_number, display_name, check, status = _case_values(result)
        # Texts only (1, 1.0 and True are equal, but not alike in a name; a subclass of str may show
        # itself otherwise); "waiver" is named after the waived check; a result without a number is
        # named by its check alone: the long way.
        if (type(number) is str and number and type(check) is str and check != WAIVER_CHECK  # pylint: disable=unidiomatic-typecheck
                and (type(display_number) is str or display_number is None)  # pylint: disable=unidiomatic-typecheck
                and (type(display_name) is str or display_name is None)):  # pylint: disable=unidiomatic-typecheck
            if number != last_number or display_number != last_display_number or display_name != last_display_name:
                # The name escaped in two parts is the whole name escaped: each character is escaped alone.
                label_start = '\n%s name="%s ' % (case_start, _attribute(_label(number, display_number, display_name)))
                last_number, last_display_number, last_display_name = number, display_number, display_name
            ends = check_ends.get(check)
            if ends is None:
                if len(check_ends) > 1000:
                    check_ends.clear()  # many different checks (hand-made input): bounded all the same
                ends = check_ends[check] = ('%s" time="0"' % _attribute(check), '%s" time="0" />' % _attribute(check))
            if status == 'passed' and type(status) is str:  # pylint: disable=unidiomatic-typecheck
                add(label_start)
                add(ends[1])
                continue
            start = label_start + ends[0]
        else:
            start = '\n%s name="%s" time="0"' % (case_start, _attribute(_case_name(result)))
        text, kind = _testcase(result, start, warn_fails)
        add(text)
        if kind:
            tally[kind] += 1
    tally['tests'] = tests
    return tally


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


def _suite(lines, environment, fail_on, warn_fails):
    """Append the lines of one environment's testsuite; return its counts (tests, failures, errors, skipped)."""
    name = str(environment.get('environment') or '-')
    properties = []
    for key in ('status', 'today', 'error'):
        if environment.get(key) is not None:
            properties.append((key, _xml_text(environment[key])))
    properties.append(('fail_on', _xml_text(fail_on)))
    _change_properties(properties, environment)
    # The start tag carries the counts: its place is kept and filled once the testcases are counted.
    start_index = len(lines)
    lines.append(None)
    lines.append('    <properties>')
    lines.extend(_leaf('      ', 'property', (('name', key), ('value', value))) for key, value in properties)
    # The same for every test of the environment: made XML-safe once.
    case_start = '    <testcase classname="%s"' % _attribute(name)
    # The end of the properties and the testcases as one text, joined once from their pieces.
    pieces = ['    </properties>']
    tally = _testcases(pieces, environment.get('results') or (), case_start, warn_fails)
    lines.append(''.join(pieces))
    suite_attributes = [('name', _xml_text(name))] + [(key, str(value)) for key, value in tally.items()] + [('time', '0')]
    lines[start_index] = '  <testsuite%s>' % _attributes(suite_attributes)
    lines.append('  </testsuite>')
    return tally


def junit_report(report, fail_on='fail', fail_on_error=True):
    """Return a JUnit XML document (``<testsuites>``) for a single or combined result.

    Written as text, one element per line and indented by two spaces a level, as ElementTree's
    indent() and tostring() wrote it: 30,000 tests are built as strings without a tree of elements.
    """
    warn_fails = 'warned' in failing_statuses(fail_on, fail_on_error)
    environments = environments_of(report)
    grand = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    # One list of lines for the whole file; the root's start tag, which carries the totals, is filled in last.
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', None]
    for environment in environments:
        tally = _suite(lines, environment, fail_on, warn_fails)
        for key, value in tally.items():
            grand[key] += value
    # Jenkins' xunit schema (junit-10.xsd, tests/schemas/) allows no skipped count on <testsuites>:
    # a job validating against it rejects the whole file. Each <testsuite> carries its own.
    root_attributes = [('name', 'phone compliance')] + [(key, str(value)) for key, value in grand.items() if key != 'skipped'] + [('time', '0')]
    if not environments:
        return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites%s />\n' % _attributes(root_attributes)
    lines[1] = '<testsuites%s>' % _attributes(root_attributes)
    lines.extend(('</testsuites>', ''))  # the empty last line: the file ends with a line break
    return '\n'.join(lines)
