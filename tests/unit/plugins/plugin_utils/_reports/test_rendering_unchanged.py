# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The JUnit and Markdown reports stay byte for byte what they were before their renderers were made faster.

The expected texts at the end of this file were written by the renderers as they were before that
change, from results holding every kind of value a service or a hand-made result may carry:
quotes, &, <, >, pipes, backslashes, line breaks, tabs, CR, NUL and other control characters, lone
surrogates, numbers, None, lists and objects, waivers applied and expired, several environments,
errored and empty ones, each fail_on. The renderers make a part of a row once and give it again
(per number, per check, per row tail): the other tests check that such a part is never given to a
row that should differ, and that escaping stays what a parser or a reader expects.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import display_value
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import junit, markdown

EXAMPLES = int(os.environ.get('NXCLOUD_PROPERTY_EXAMPLES', '200'))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
LINE_BREAK = '\n'


class TaggedText(str):  # pylint: disable=too-few-public-methods
    """A text of a subclass of str, as ansible-core hands templated or unsafe values over."""


def odd_result(number, check, status, expected, observed, reason='', severity='fail', waiver=None, labels=(None, None), environment='prod'):
    return {'environment': environment, 'number': number, 'check': check, 'expected': expected, 'observed': observed, 'severity': severity,
            'status': status, 'reason': reason, 'waiver': waiver, 'display_number': labels[0], 'display_name': labels[1]}


def tricky_environment():
    """Results with every kind of value a service or a hand-made result may hold, in every status."""
    acme = ('+86 138 0013 8000', 'Acme <Support> & "Sales" | #1')
    odd = ('+86\t138\r\n0013', 'nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe')
    results = [
        odd_result('8613800138000', 'status', 'failed', 'CONNECTED', 'FLAGGED', 'status is FLAGGED', labels=acme),
        odd_result('8613800138000', 'code_verification_status', 'passed', 'VERIFIED', 'VERIFIED', labels=acme),
        odd_result('8613800138000', 'quality_rating', 'warned', 'not RED or YELLOW', 'YELLOW', 'quality rating is YELLOW', 'warn', labels=acme),
        # the same number with other labels, then back: each row named by its own
        odd_result('8613800138000', 'name_status', 'passed', 'APPROVED', 'APPROVED', labels=('+86 138 0013 8000', None)),
        odd_result('8613800138000', 'messaging_limit_tier', 'passed', 'TIER_1K', 'TIER_10K', labels=acme),
        odd_result('8613800138001', 'status', 'passed', 'CONNECTED', 'CONNECTED', labels=odd),
        odd_result('8613800138001', 'quality_rating', 'waived', 'not RED', 'RED', 'waived until 2026-06-30: appeal <WA-7> & co',
                   waiver={'check': 'quality_rating', 'reason': 'appeal <WA-7> & co', 'expires': '2026-06-30', 'expired': False}, labels=odd),
        odd_result('8613800138001', 'waiver', 'warned', 'an unexpired waiver', 'expired on 2026-01-31', 'waiver expired',
                   'warn', waiver={'check': 'status', 'reason': 'old | incident', 'expires': '2026-01-31', 'expired': True}, labels=odd),
        odd_result('8613800138001', 'waiver', 'warned', 'an unexpired waiver', 'expired on 2026-01-31', 'waiver expired',
                   'warn', waiver={'check': 'quality_rating', 'reason': '', 'expires': '2026-01-31', 'expired': True}, labels=odd),
        # values that are not texts, as a service may send them
        odd_result('8613800138002', 'status', 'passed', 'CONNECTED', ['CONNECTED', 1, None, {'a': '<b>'}]),
        odd_result('8613800138002', 'quality_rating', 'failed', {'not': ['RED', 'YELLOW']}, {'rating': 'RED', 'score': 1.5}, None, None),
        odd_result('8613800138002', 'code_verification_status', 'passed', 'VERIFIED', None, None),
        odd_result('8613800138002', 'name_status', 'passed', 7, 7.25, 0),
        odd_result('8613800138002', 'messaging_limit_tier', 'passed', True, False, ''),
        # numbers equal to each other but not alike, one after the other, with the same labels
        odd_result(1, 'status', 'passed', 'CONNECTED', 'CONNECTED', labels=('one', None)),
        odd_result(True, 'status', 'passed', 'CONNECTED', 'CONNECTED', labels=('one', None)),
        odd_result(1.0, 'status', 'passed', 'CONNECTED', 'CONNECTED', labels=('one', None)),
        odd_result(TaggedText('8613800138003'), TaggedText('status'), TaggedText('passed'), TaggedText('CONNECTED'), TaggedText('CONNECTED'),
                   labels=(TaggedText('+86 138 0013 8003'), TaggedText('Tagged'))),
        odd_result('8613800138003', 'status', 'passed', 'CONNECTED', 'CONNECTED', labels=('+86 138 0013 8003', 'Tagged')),
        # a number seen again after another one
        odd_result('8613800138000', 'phone_info', 'passed', 'listed', 'listed', labels=acme),
        # results about no number, an unknown status, errors, a record that is not an object
        odd_result('', 'phone_info', 'errored', 'an answer', None, 'could not connect: <refused> & "reset"', labels=acme),
        odd_result(None, 'record', 'failed', 'an object', 'not an object', 'entry 3 is a string'),
        odd_result('8613800138004', 'status', 'bogus', 'CONNECTED', 'CONNECTED', 'status unknown'),
        odd_result('8613800138004', 'status', None, 'CONNECTED', 'CONNECTED'),
        odd_result('8613800138004', None, 'passed', None, None, None, labels=('', '')),
        odd_result('8613800138005', 'status|`*_[]<>~#\\', 'passed', 'back\\slash | pipe', 'line\nbreak\rcarriage\ttab',
                   'x' * 250, labels=('y' * 150, 'z' * 160)),
        odd_result('8613800138005', 'quality_rating', 'failed', 'w&' * 120, '<' * 210, 'r' * 310, labels=('y' * 150, 'z' * 160)),
        odd_result('12345', 'status', 'passed', '1234567', '²³', '٣'),
    ]
    return {
        'environment': 'prod & <"test">\t|\\#',
        'status': 'failed',
        'today': '2026-05-01',
        'error': None,
        'counts': {'numbers': 9, 'results': len(results), 'errored': 2, 'failed': 4, 'warned': 4, 'waived': 1, 'passed': 16},
        'results': results,
        'waivers': [
            {'number': '8613800138001', 'check': 'quality_rating', 'reason': 'appeal <WA-7> & co', 'expires': '2026-06-30', 'state': 'applied',
             'display_number': odd[0], 'display_name': odd[1]},
            {'number': '8613800138001', 'check': 'status', 'reason': 'old | incident', 'expires': '2026-01-31', 'state': 'expired'},
            {'number': 8613800138009, 'check': 'status', 'reason': None, 'expires': None, 'state': 'unused'},
        ],
        'changes': [
            {'number': '8613800138000', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED', 'quality_dropped': True},
            {'number': '8613800138006', 'kind': 'added', 'field': None, 'before': None, 'after': None},
            'not a change',
        ],
    }


def tricky_report():
    """Several environments: a tricky one, an errored one, an empty one, one without a name."""
    staging = {'environment': 'staging', 'status': 'errored', 'today': '2026-05-01',
               'error': 'could not connect to https://127.0.0.1:9/api/wa/getPhone: <refused> & "reset"\n\tretry later',
               'counts': {'numbers': 0, 'results': 1, 'errored': 1},
               'results': [odd_result('', 'phone_info', 'errored', 'an answer from the API', None, 'could not connect', environment='staging')]}
    empty = {'environment': 'dev', 'status': 'passed', 'today': '2026-05-02', 'counts': {}, 'results': []}
    nameless = {'environment': None, 'status': None, 'counts': {'numbers': 'x', 'passed': 1.5}, 'results': [
        odd_result('8613800138010', 'status', 'passed', 'CONNECTED', 'CONNECTED', environment=None)]}
    return {
        'environments': [tricky_environment(), staging, empty, nameless],
        'changes': [
            {'environment': 'prod', 'number': '8613800138000', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN', 'after': None,
             'quality_dropped': True},
            {'environment': 'prod', 'number': None, 'kind': 'removed'},
            {'environment': None, 'number': '8613800138007', 'kind': 'changed', 'field': 'status|x', 'before': None, 'after': ['a', '<b>']},
            42,
        ],
        'changes_note': 'compared with the run of 2026-04-30 <10:00> | *partial*',
    }


def test_junit_of_tricky_results_is_unchanged():
    assert junit.junit_report(tricky_report(), fail_on='warn', fail_on_error=True) == JUNIT_COMBINED_WARN
    assert junit.junit_report(tricky_environment(), fail_on='never', fail_on_error=False) == JUNIT_ENVIRONMENT_NEVER
    assert junit.junit_report({'environments': []}) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="phone compliance" tests="0" failures="0" errors="0" time="0" />\n')


def test_markdown_of_tricky_results_is_unchanged():
    assert markdown.markdown_report(tricky_report(), fail_on='fail', fail_on_error=True) == MARKDOWN_COMBINED_FAIL
    assert markdown.markdown_report(tricky_environment(), fail_on='never', fail_on_error=False) == MARKDOWN_ENVIRONMENT_NEVER


def test_reports_do_not_depend_on_what_was_rendered_before():
    for render in (junit.junit_report, markdown.markdown_report):
        first = render(tricky_report())
        render(tricky_environment(), 'never', False)
        render({'environments': [{'environment': 'x', 'results': [odd_result('8613800138000', 'status', 'passed', 1, True, labels=(1, True))]}]})
        assert render(tricky_report()) == first


def _testcases(text):
    """Return the testcase lines of a JUnit report of one environment."""
    lines = text.split('\n')
    return lines[lines.index('    </properties>') + 1:lines.index('  </testsuite>')]


def _environment(results):
    return {'environment': 'prod', 'status': 'failed', 'results': results}


def test_junit_testcases_of_many_checks_are_each_as_if_alone():
    # More checks than the renderer keeps the tag ends of: each testcase as it is when rendered alone.
    results = [odd_result('86138%08d' % (index // 3), 'check <%d> &' % index, ('passed', 'failed', 'warned', 'waived')[index % 4],
                          'expected %d' % (index % 7), 'observed "%d"' % (index % 5), labels=('+86 %d' % (index // 3), 'name %d' % (index % 2)))
               for index in range(1300)]
    alone = []
    for result in results:
        alone.extend(_testcases(junit.junit_report(_environment([result]), fail_on='warn')))
    assert _testcases(junit.junit_report(_environment(results), fail_on='warn')) == alone


def _passed_rows(text):
    """Return the rows of the passed checks' table of a Markdown report of one environment."""
    lines = text.split('\n')
    start = lines.index('| Number | Check | Expected | Observed | Note |') + 2
    return lines[start:lines.index('</details>') - 1]


def test_markdown_passed_rows_of_many_different_values_are_each_as_if_alone():
    # More different rows than the renderer keeps the tails of, numbers coming back after others, equal values of other types.
    values = ['text %d', '<%d>', 1, True, 1.0, None, ['a', '%d'], 'x|%d\n']
    results = []
    for index in range(4300):
        expected = values[index % len(values)]
        expected = expected % index if isinstance(expected, str) and '%d' in expected else expected
        results.append(odd_result('86138%08d' % (index % 17), 'status', 'passed', expected, 'CONNECTED',
                                  labels=(('+86 %d' % (index % 17), None), (None, 'Acme #%d' % (index % 3)), (1, True))[index % 3]))
    alone = []
    for result in results:
        alone.extend(_passed_rows(markdown.markdown_report(_environment([result]))))
    assert _passed_rows(markdown.markdown_report(_environment(results))) == alone


class _Status(object):
    """A status answering == and != with the same answer, as no text does: where it lands shows which was asked."""

    def __init__(self, answer):
        self.answer = answer

    def __eq__(self, other):
        return self.answer

    def __ne__(self, other):
        return self.answer

    def __hash__(self):
        return 0

    def __repr__(self):
        return 'status answering %s' % self.answer


def test_markdown_asks_problem_and_passed_as_before():
    # A problem is a status != "passed" (worst_first), a passed row one == "passed": one that answers
    # both is in both tables, one that answers neither in none.
    results = [odd_result('8613800138000', 'status', _Status(True), 'CONNECTED', 'CONNECTED'),
               odd_result('8613800138001', 'status', _Status(False), 'CONNECTED', 'CONNECTED'),
               odd_result('8613800138002', 'status', 'passed', 'CONNECTED', 'CONNECTED')]
    text = markdown.markdown_report(_environment(results))
    assert '| **"status answering True"** | 8613800138000 | status | CONNECTED | CONNECTED | fail |   |' in text
    assert _passed_rows(text) == ['| 8613800138000 | status | CONNECTED | CONNECTED |   |', '| 8613800138002 | status | CONNECTED | CONNECTED |   |']
    assert '8613800138001' not in text


# Texts with the characters both formats treat apart, and any other.
texts = st.text(alphabet=st.sampled_from(u'&<>"\'|\\`*_[]~#\n\r\t\x00\x01\x1f\x7f\ud800\udfff\ufffe\uffff \u00e9\u6f22a1') | st.characters(), max_size=12)
values = texts | st.none() | st.integers() | st.booleans() | st.lists(texts, max_size=2)
labels = st.tuples(texts | st.none(), texts | st.none())

_XML_INVALID = re.compile(u'[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _parsed_names(text):
    return [case.get('name') for case in ET.fromstring(text.encode('utf-8', 'surrogatepass')).iter('testcase')]


@SETTINGS
@given(st.lists(st.tuples(texts.filter(lambda number: number != ''), texts, labels, st.sampled_from(['passed', 'failed', 'warned'])), max_size=6))
def test_junit_names_read_back_by_an_xml_parser_as_written(rows):
    results = [odd_result(number, check, status, 'x', 'y', labels=numbers_labels) for number, check, numbers_labels, status in rows]
    # What a parser reads back: the name, characters XML cannot carry replaced (an attribute keeps line breaks and tabs escaped).
    expected = [_XML_INVALID.sub(u'\ufffd', u'%s %s' % (number if not (display_number or display_name) else u'%s (%s)' % (
        number, u', '.join(part for part in (display_number, display_name) if part)), check))
        for number, check, (display_number, display_name), status in rows]
    assert _parsed_names(junit.junit_report(_environment(results), fail_on='warn')) == expected


def _cell(text, limit):
    """A table cell as the Markdown report documents it: cut to ``limit``, line breaks as spaces, Markdown characters escaped."""
    text = text if len(text) <= limit else text[:limit - 3] + '...'
    text = text.replace('\r', ' ').replace('\n', ' ')
    return re.sub(r'([\\`*_\[\]<>|~#])', r'\\\1', text) if text else ' '


@SETTINGS
@given(st.lists(st.tuples(texts.filter(lambda number: number != ''), labels, texts, texts, values), max_size=6))
def test_markdown_passed_rows_are_escaped_as_documented(rows):
    results = [odd_result(number, check, 'passed', expected, observed, labels=numbers_labels) for number, numbers_labels, check, expected, observed in rows]
    expected_rows = []
    for number, (display_number, display_name), check, expected, observed in rows:
        known = [part for part in (display_number, display_name) if part]
        number_cell = _cell(u'%s (%s)' % (number, u', '.join(known)), 300) if known else (number if number.isdigit() else _cell(number, 200))
        cells = [number_cell] + [text if text.isdigit() else _cell(text, 200) for text in (check, expected)]
        if observed is None:
            cells.append('*(nothing)*')
        else:
            shown = observed if isinstance(observed, str) else display_value(observed)
            cells.append(shown if shown.isdigit() and len(shown) <= 200 else _cell(shown, 200))
        expected_rows.append('| %s | %s |' % (' | '.join(cells), ' '))
    text = markdown.markdown_report(_environment(results))
    assert (_passed_rows(text) if results else []) == expected_rows


# Written by the renderers before they were made faster (tricky_report and tricky_environment above).
JUNIT_COMBINED_WARN = LINE_BREAK.join([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="phone compliance" tests="30" failures="7" errors="4" time="0">',
    '  <testsuite name="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" tests="28" failures="7" errors="3" skipped="1" time="0">',
    '    <properties>',
    '      <property name="status" value="failed" />',
    '      <property name="today" value="2026-05-01" />',
    '      <property name="fail_on" value="warn" />',
    '      <property name="changes_since_last_run" value="3" />',
    '      <property name="quality_dropped" value="8613800138000 GREEN -&gt; RED" />',
    '    </properties>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) status" time="0">'),
    '      <failure message="expected CONNECTED, observed FLAGGED" type="fail">environment: prod',
    'number: 8613800138000 (+86 138 0013 8000, Acme &lt;Support&gt; &amp; "Sales" | #1)',
    'check: status',
    'expected: CONNECTED',
    'observed: FLAGGED',
    'severity: fail',
    'status: failed',
    'reason: status is FLAGGED</failure>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) code_verification_status" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) quality_rating" time="0">'),
    '      <failure message="expected not RED or YELLOW, observed YELLOW" type="warn">environment: prod',
    'number: 8613800138000 (+86 138 0013 8000, Acme &lt;Support&gt; &amp; "Sales" | #1)',
    'check: quality_rating',
    'expected: not RED or YELLOW',
    'observed: YELLOW',
    'severity: warn',
    'status: warned',
    'reason: quality rating is YELLOW</failure>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000) name_status" time'
     '="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) messaging_limit_tier" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) status" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) quality_rating" time="0">'),
    '      <skipped message="waived until 2026-06-30: appeal &lt;WA-7&gt; &amp; co">environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: quality_rating',
    'expected: not RED',
    'observed: RED',
    'severity: fail',
    'status: waived',
    'reason: waived until 2026-06-30: appeal &lt;WA-7&gt; &amp; co',
    'waiver: appeal &lt;WA-7&gt; &amp; co (expires 2026-06-30)</skipped>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) waiver of status" time="0">'),
    '      <failure message="expected an unexpired waiver, observed expired on 2026-01-31" type="warn">environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: waiver',
    'expected: an unexpired waiver',
    'observed: expired on 2026-01-31',
    'severity: warn',
    'status: warned',
    'reason: waiver expired',
    'waiver: old | incident (expires 2026-01-31, expired)</failure>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) waiver of quality_rating" time="0">'),
    '      <failure message="expected an unexpired waiver, observed expired on 2026-01-31" type="warn">environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: waiver',
    'expected: an unexpired waiver',
    'observed: expired on 2026-01-31',
    'severity: warn',
    'status: warned',
    'reason: waiver expired',
    'waiver:  (expires 2026-01-31, expired)</failure>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 quality_rating" time="0">',
    ('      <failure message="expected {\'not\': [\'RED\', \'YELLOW\']}, observed {&quot;rating&quot;: &quot;RED&quot;, &quot;score&qu'
     'ot;: 1.5}" type="null">environment: prod'),
    'number: 8613800138002',
    'check: quality_rating',
    "expected: {'not': ['RED', 'YELLOW']}",
    'observed: {"rating": "RED", "score": 1.5}',
    'severity: None',
    'status: failed</failure>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 code_verification_status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 name_status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 messaging_limit_tier" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="1 (one) status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="True (one) status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="1.0 (one) status" time="0" />',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138003 (+86 138 0013 8003, Tagged) status" t'
     'ime="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138003 (+86 138 0013 8003, Tagged) status" t'
     'ime="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) phone_info" time="0" />'),
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="phone_info" time="0">',
    '      <error message="expected an answer, observed nothing" type="errored">environment: prod',
    'number: -',
    'check: phone_info',
    'expected: an answer',
    'observed: null',
    'severity: fail',
    'status: errored',
    'reason: could not connect: &lt;refused&gt; &amp; "reset"</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="record" time="0">',
    '      <failure message="expected an object, observed not an object" type="fail">environment: prod',
    'number: -',
    'check: record',
    'expected: an object',
    'observed: not an object',
    'severity: fail',
    'status: failed',
    'reason: entry 3 is a string</failure>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 status" time="0">',
    '      <error message="expected CONNECTED, observed CONNECTED" type="bogus">environment: prod',
    'number: 8613800138004',
    'check: status',
    'expected: CONNECTED',
    'observed: CONNECTED',
    'severity: fail',
    'status: bogus',
    'reason: status unknown</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 status" time="0">',
    '      <error message="expected CONNECTED, observed CONNECTED" type="unknown">environment: prod',
    'number: 8613800138004',
    'check: status',
    'expected: CONNECTED',
    'observed: CONNECTED',
    'severity: fail',
    'status: None</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 None" time="0" />',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzz) status|`*_[]&lt;&gt;~#\\" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzz) quality_rating" time="0">'),
    ('      <failure message="expected w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp'
     ';w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w'
     '&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&a'
     'mp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp'
     ';w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w'
     '&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;, observed &lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;..." type="fail">environment: prod'),
    ('number: 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz)'),
    'check: quality_rating',
    ('expected: w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&am'
     'p;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'
     'w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&'
     'amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&am'
     'p;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'
     'w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'),
    ('observed: &lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'),
    'severity: fail',
    'status: failed',
    ('reason: rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr</failure>'),
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="12345 status" time="0" />',
    '  </testsuite>',
    '  <testsuite name="staging" tests="1" failures="0" errors="1" skipped="0" time="0">',
    '    <properties>',
    '      <property name="status" value="errored" />',
    '      <property name="today" value="2026-05-01" />',
    ('      <property name="error" value="could not connect to https://127.0.0.1:9/api/wa/getPhone: &lt;refused&gt; &amp; &quot;reset&'
     'quot;&#10;&#09;retry later" />'),
    '      <property name="fail_on" value="warn" />',
    '    </properties>',
    '    <testcase classname="staging" name="phone_info" time="0">',
    '      <error message="expected an answer from the API, observed nothing" type="errored">environment: staging',
    'number: -',
    'check: phone_info',
    'expected: an answer from the API',
    'observed: null',
    'severity: fail',
    'status: errored',
    'reason: could not connect</error>',
    '    </testcase>',
    '  </testsuite>',
    '  <testsuite name="dev" tests="0" failures="0" errors="0" skipped="0" time="0">',
    '    <properties>',
    '      <property name="status" value="passed" />',
    '      <property name="today" value="2026-05-02" />',
    '      <property name="fail_on" value="warn" />',
    '    </properties>',
    '  </testsuite>',
    '  <testsuite name="-" tests="1" failures="0" errors="0" skipped="0" time="0">',
    '    <properties>',
    '      <property name="fail_on" value="warn" />',
    '    </properties>',
    '    <testcase classname="-" name="8613800138010 status" time="0" />',
    '  </testsuite>',
    '</testsuites>',
    '',
])


JUNIT_ENVIRONMENT_NEVER = LINE_BREAK.join([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="phone compliance" tests="28" failures="4" errors="3" time="0">',
    '  <testsuite name="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" tests="28" failures="4" errors="3" skipped="1" time="0">',
    '    <properties>',
    '      <property name="status" value="failed" />',
    '      <property name="today" value="2026-05-01" />',
    '      <property name="fail_on" value="never" />',
    '      <property name="changes_since_last_run" value="3" />',
    '      <property name="quality_dropped" value="8613800138000 GREEN -&gt; RED" />',
    '    </properties>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) status" time="0">'),
    '      <failure message="expected CONNECTED, observed FLAGGED" type="fail">environment: prod',
    'number: 8613800138000 (+86 138 0013 8000, Acme &lt;Support&gt; &amp; "Sales" | #1)',
    'check: status',
    'expected: CONNECTED',
    'observed: FLAGGED',
    'severity: fail',
    'status: failed',
    'reason: status is FLAGGED</failure>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) code_verification_status" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) quality_rating" time="0">'),
    '      <system-out>WARNING: expected not RED or YELLOW, observed YELLOW',
    'environment: prod',
    'number: 8613800138000 (+86 138 0013 8000, Acme &lt;Support&gt; &amp; "Sales" | #1)',
    'check: quality_rating',
    'expected: not RED or YELLOW',
    'observed: YELLOW',
    'severity: warn',
    'status: warned',
    'reason: quality rating is YELLOW</system-out>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000) name_status" time'
     '="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) messaging_limit_tier" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) status" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) quality_rating" time="0">'),
    '      <skipped message="waived until 2026-06-30: appeal &lt;WA-7&gt; &amp; co">environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: quality_rating',
    'expected: not RED',
    'observed: RED',
    'severity: fail',
    'status: waived',
    'reason: waived until 2026-06-30: appeal &lt;WA-7&gt; &amp; co',
    'waiver: appeal &lt;WA-7&gt; &amp; co (expires 2026-06-30)</skipped>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) waiver of status" time="0">'),
    '      <system-out>WARNING: expected an unexpired waiver, observed expired on 2026-01-31',
    'environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: waiver',
    'expected: an unexpired waiver',
    'observed: expired on 2026-01-31',
    'severity: warn',
    'status: warned',
    'reason: waiver expired',
    'waiver: old | incident (expires 2026-01-31, expired)</system-out>',
    '    </testcase>',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138001 (+86&#09;138&#13;&#10;0013, nul\ufffd'
     ' bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd) waiver of quality_rating" time="0">'),
    '      <system-out>WARNING: expected an unexpired waiver, observed expired on 2026-01-31',
    'environment: prod',
    'number: 8613800138001 (+86\t138\r',
    '0013, nul\ufffd bell\ufffd esc\ufffd del\x7f lone \ufffd \ufffd \ufffd)',
    'check: waiver',
    'expected: an unexpired waiver',
    'observed: expired on 2026-01-31',
    'severity: warn',
    'status: warned',
    'reason: waiver expired',
    'waiver:  (expires 2026-01-31, expired)</system-out>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 quality_rating" time="0">',
    ('      <failure message="expected {\'not\': [\'RED\', \'YELLOW\']}, observed {&quot;rating&quot;: &quot;RED&quot;, &quot;score&qu'
     'ot;: 1.5}" type="null">environment: prod'),
    'number: 8613800138002',
    'check: quality_rating',
    "expected: {'not': ['RED', 'YELLOW']}",
    'observed: {"rating": "RED", "score": 1.5}',
    'severity: None',
    'status: failed</failure>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 code_verification_status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 name_status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138002 messaging_limit_tier" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="1 (one) status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="True (one) status" time="0" />',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="1.0 (one) status" time="0" />',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138003 (+86 138 0013 8003, Tagged) status" t'
     'ime="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138003 (+86 138 0013 8003, Tagged) status" t'
     'ime="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138000 (+86 138 0013 8000, Acme &lt;Support&'
     'gt; &amp; &quot;Sales&quot; | #1) phone_info" time="0" />'),
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="phone_info" time="0">',
    '      <error message="expected an answer, observed nothing" type="errored">environment: prod',
    'number: -',
    'check: phone_info',
    'expected: an answer',
    'observed: null',
    'severity: fail',
    'status: errored',
    'reason: could not connect: &lt;refused&gt; &amp; "reset"</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="record" time="0">',
    '      <failure message="expected an object, observed not an object" type="fail">environment: prod',
    'number: -',
    'check: record',
    'expected: an object',
    'observed: not an object',
    'severity: fail',
    'status: failed',
    'reason: entry 3 is a string</failure>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 status" time="0">',
    '      <error message="expected CONNECTED, observed CONNECTED" type="bogus">environment: prod',
    'number: 8613800138004',
    'check: status',
    'expected: CONNECTED',
    'observed: CONNECTED',
    'severity: fail',
    'status: bogus',
    'reason: status unknown</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 status" time="0">',
    '      <error message="expected CONNECTED, observed CONNECTED" type="unknown">environment: prod',
    'number: 8613800138004',
    'check: status',
    'expected: CONNECTED',
    'observed: CONNECTED',
    'severity: fail',
    'status: None</error>',
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138004 None" time="0" />',
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzz) status|`*_[]&lt;&gt;~#\\" time="0" />'),
    ('    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzz) quality_rating" time="0">'),
    ('      <failure message="expected w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp'
     ';w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w'
     '&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&a'
     'mp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp'
     ';w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w'
     '&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;, observed &lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'
     '&lt;&lt;&lt;&lt;..." type="fail">environment: prod'),
    ('number: 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz)'),
    'check: quality_rating',
    ('expected: w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&am'
     'p;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'
     'w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&'
     'amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&am'
     'p;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'
     'w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;w&amp;'),
    ('observed: &lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&l'
     't;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;'),
    'severity: fail',
    'status: failed',
    ('reason: rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr</failure>'),
    '    </testcase>',
    '    <testcase classname="prod &amp; &lt;&quot;test&quot;&gt;&#09;|\\#" name="12345 status" time="0" />',
    '  </testsuite>',
    '</testsuites>',
    '',
])


MARKDOWN_COMBINED_FAIL = LINE_BREAK.join([
    '# Phone compliance: ERRORED',
    '',
    ('4 environment(s), 9 numbers, 29 results: 3 errored, 4 failed, 4 warned, 1 waived, 16 passed. Checked on 2026-05-01, 2026-05-02, '
     'fail_on=fail.'),
    '',
    '| Environment | Status | Numbers | Errored | Failed | Warned | Waived | Passed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    '| prod & \\<"test"\\>\t\\|\\\\\\# | \u2717 failed | 9 | 2 | 4 | 4 | 1 | 16 |',
    '| staging | \u203c errored | 0 | 1 | 0 | 0 | 0 | 0 |',
    '| dev | \u2713 passed | 0 | 0 | 0 | 0 | 0 | 0 |',
    '| - | null | x | 0 | 0 | 0 | 0 | 1.5 |',
    '',
    '## Changes since the last run',
    '',
    '*compared with the run of 2026-04-30 \\<10:00\\> \\| \\*partial\\**',
    '',
    '3 change(s), 1 quality drop(s).',
    '',
    '| Environment | Number | Change | Before | After |',
    '| --- | --- | --- | --- | --- |',
    '| prod | 8613800138000 | **quality\\_rating dropped** | GREEN | *(nothing)* |',
    '| prod | - | removed |   |   |',
    '| - | 8613800138007 | status\\|x | *(nothing)* | \\["a", "\\<b\\>"\\] |',
    '',
    '## prod & \\<"test"\\>\t\\|\\\\\\#: FAILED',
    '',
    '9 numbers, 28 results: 2 errored, 4 failed, 4 warned, 1 waived, 16 passed',
    '',
    '| Status | Number | Check | Expected | Observed | Severity | Note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| bogus | 8613800138004 | status | CONNECTED | CONNECTED | fail | status unknown |',
    '| null | 8613800138004 | status | CONNECTED | CONNECTED | fail |   |',
    '| **\u203c errored** | - | phone\\_info | an answer | *(nothing)* | fail | could not connect: \\<refused\\> & "reset" |',
    ('| **\u2717 failed** | 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | status | CONNECTED | FLAGGED | '
     'fail | status is FLAGGED |'),
    ('| **\u2717 failed** | 8613800138002 | quality\\_rating | {"not": \\["RED", "YELLOW"\\]} | {"rating": "RED", "score": 1.5} | null'
     ' |   |'),
    '| **\u2717 failed** | - | record | an object | not an object | fail | entry 3 is a string |',
    ('| **\u2717 failed** | 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz... | quality\\_rating | w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&'
     'w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&'
     'w&w&w&w&w&w&w&w&w&w&w&w&w&w&w... | \\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<'
     '\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\'
     '<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<'
     '\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\'
     '<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<... | fail | '
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr... |'),
    ('| \u26a0 warned | 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | quality\\_rating | not RED or YELLO'
     'W | YELLOW | warn | quality rating is YELLOW |'),
    ('| \u26a0 warned | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | waiver | an unexp'
     'ired waiver | expired on 2026-01-31 | warn | waiver expired |'),
    ('| \u26a0 warned | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | waiver | an unexp'
     'ired waiver | expired on 2026-01-31 | warn | waiver expired |'),
    ('| \u25cb waived | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | quality\\_rating '
     '| not RED | RED | fail | waived until 2026-06-30: appeal \\<WA-7\\> & co |'),
    '',
    '<details><summary>17 passed checks</summary>',
    '',
    '| Number | Check | Expected | Observed | Note |',
    '| --- | --- | --- | --- | --- |',
    ('| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | code\\_verification\\_status | VERIFIED | VERIFIED '
     '|   |'),
    '| 8613800138000 (+86 138 0013 8000) | name\\_status | APPROVED | APPROVED |   |',
    ('| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | messaging\\_limit\\_tier | TIER\\_1K | TIER\\_10K |'
     '   |'),
    ('| 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | status | CONNECTED | CONNECTED | '
     '  |'),
    '| 8613800138002 | status | CONNECTED | \\["CONNECTED", 1, null, {"a": "\\<b\\>"}\\] |   |',
    '| 8613800138002 | code\\_verification\\_status | VERIFIED | *(nothing)* |   |',
    '| 8613800138002 | name\\_status | 7 | 7.25 |   |',
    '| 8613800138002 | messaging\\_limit\\_tier | true | false |   |',
    '| 1 (one) | status | CONNECTED | CONNECTED |   |',
    '| True (one) | status | CONNECTED | CONNECTED |   |',
    '| 1.0 (one) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138003 (+86 138 0013 8003, Tagged) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138003 (+86 138 0013 8003, Tagged) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | phone\\_info | listed | listed |   |',
    '| 8613800138004 | null | null | *(nothing)* |   |',
    ('| 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz... | status\\|\\`\\*\\_\\[\\]\\<\\>\\~\\#\\\\ | back\\\\slash \\| pipe | line break '
     'carriage\ttab | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
     'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... |'),
    '| 12345 | status | 1234567 | \xb2\xb3 | \u0663 |',
    '',
    '</details>',
    '',
    '### Waivers',
    '',
    '| State | Number | Check | Expires | Reason |',
    '| --- | --- | --- | --- | --- |',
    ('| applied | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | quality\\_rating | 2026'
     '-06-30 | appeal \\<WA-7\\> & co |'),
    '| expired | 8613800138001 | status | 2026-01-31 | old \\| incident |',
    '| unused | 8613800138009 | status | null | null |',
    '',
    '## staging: ERRORED',
    '',
    '**Could not be checked:** could not connect to https://127.0.0.1:9/api/wa/getPhone: \\<refused\\> & "reset" \tretry later',
    '',
    '0 numbers, 1 results: 1 errored, 0 failed, 0 warned, 0 waived, 0 passed',
    '',
    '| Status | Number | Check | Expected | Observed | Severity | Note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| **\u203c errored** | - | phone\\_info | an answer from the API | *(nothing)* | fail | could not connect |',
    '',
    '## dev: PASSED',
    '',
    '0 numbers, 0 results: 0 errored, 0 failed, 0 warned, 0 waived, 0 passed',
    '',
    'No problems.',
    '',
    '## -: -',
    '',
    'x numbers, 0 results: 0 errored, 0 failed, 0 warned, 0 waived, 1.5 passed',
    '',
    'No problems.',
    '',
    '<details><summary>1 passed checks</summary>',
    '',
    '| Number | Check | Expected | Observed | Note |',
    '| --- | --- | --- | --- | --- |',
    '| 8613800138010 | status | CONNECTED | CONNECTED |   |',
    '',
    '</details>',
    '',
])


MARKDOWN_ENVIRONMENT_NEVER = LINE_BREAK.join([
    '# Phone compliance: ERRORED',
    '',
    ('1 environment(s), 9 numbers, 28 results: 2 errored, 4 failed, 4 warned, 1 waived, 16 passed. Checked on 2026-05-01, fail_on=neve'
     'r.'),
    '',
    '| Environment | Status | Numbers | Errored | Failed | Warned | Waived | Passed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    '| prod & \\<"test"\\>\t\\|\\\\\\# | \u2717 failed | 9 | 2 | 4 | 4 | 1 | 16 |',
    '',
    '## Changes since the last run',
    '',
    '2 change(s), 1 quality drop(s).',
    '',
    '| Environment | Number | Change | Before | After |',
    '| --- | --- | --- | --- | --- |',
    '| - | 8613800138000 | **quality\\_rating dropped** | GREEN | RED |',
    '| - | 8613800138006 | added |   |   |',
    '',
    '## prod & \\<"test"\\>\t\\|\\\\\\#: FAILED',
    '',
    '9 numbers, 28 results: 2 errored, 4 failed, 4 warned, 1 waived, 16 passed',
    '',
    '| Status | Number | Check | Expected | Observed | Severity | Note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| bogus | 8613800138004 | status | CONNECTED | CONNECTED | fail | status unknown |',
    '| null | 8613800138004 | status | CONNECTED | CONNECTED | fail |   |',
    '| \u203c errored | - | phone\\_info | an answer | *(nothing)* | fail | could not connect: \\<refused\\> & "reset" |',
    ('| \u2717 failed | 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | status | CONNECTED | FLAGGED | fail'
     ' | status is FLAGGED |'),
    ('| \u2717 failed | 8613800138002 | quality\\_rating | {"not": \\["RED", "YELLOW"\\]} | {"rating": "RED", "score": 1.5} | null |  '
     ' |'),
    '| \u2717 failed | - | record | an object | not an object | fail | entry 3 is a string |',
    ('| \u2717 failed | 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz... | quality\\_rating | w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&'
     'w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&w&'
     'w&w&w&w&w&w&w&w&w&w&w&w&w... | \\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<'
     '\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\'
     '<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<'
     '\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\'
     '<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<\\<... | fail | rrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'
     'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr... |'),
    ('| \u26a0 warned | 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | quality\\_rating | not RED or YELLO'
     'W | YELLOW | warn | quality rating is YELLOW |'),
    ('| \u26a0 warned | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | waiver | an unexp'
     'ired waiver | expired on 2026-01-31 | warn | waiver expired |'),
    ('| \u26a0 warned | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | waiver | an unexp'
     'ired waiver | expired on 2026-01-31 | warn | waiver expired |'),
    ('| \u25cb waived | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | quality\\_rating '
     '| not RED | RED | fail | waived until 2026-06-30: appeal \\<WA-7\\> & co |'),
    '',
    '<details><summary>17 passed checks</summary>',
    '',
    '| Number | Check | Expected | Observed | Note |',
    '| --- | --- | --- | --- | --- |',
    ('| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | code\\_verification\\_status | VERIFIED | VERIFIED '
     '|   |'),
    '| 8613800138000 (+86 138 0013 8000) | name\\_status | APPROVED | APPROVED |   |',
    ('| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | messaging\\_limit\\_tier | TIER\\_1K | TIER\\_10K |'
     '   |'),
    ('| 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | status | CONNECTED | CONNECTED | '
     '  |'),
    '| 8613800138002 | status | CONNECTED | \\["CONNECTED", 1, null, {"a": "\\<b\\>"}\\] |   |',
    '| 8613800138002 | code\\_verification\\_status | VERIFIED | *(nothing)* |   |',
    '| 8613800138002 | name\\_status | 7 | 7.25 |   |',
    '| 8613800138002 | messaging\\_limit\\_tier | true | false |   |',
    '| 1 (one) | status | CONNECTED | CONNECTED |   |',
    '| True (one) | status | CONNECTED | CONNECTED |   |',
    '| 1.0 (one) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138003 (+86 138 0013 8003, Tagged) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138003 (+86 138 0013 8003, Tagged) | status | CONNECTED | CONNECTED |   |',
    '| 8613800138000 (+86 138 0013 8000, Acme \\<Support\\> & "Sales" \\| \\#1) | phone\\_info | listed | listed |   |',
    '| 8613800138004 | null | null | *(nothing)* |   |',
    ('| 8613800138005 (yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
     'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
     'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz... | status\\|\\`\\*\\_\\[\\]\\<\\>\\~\\#\\\\ | back\\\\slash \\| pipe | line break '
     'carriage\ttab | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
     'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... |'),
    '| 12345 | status | 1234567 | \xb2\xb3 | \u0663 |',
    '',
    '</details>',
    '',
    '### Waivers',
    '',
    '| State | Number | Check | Expires | Reason |',
    '| --- | --- | --- | --- | --- |',
    ('| applied | 8613800138001 (+86\t138  0013, nul\x00 bell\x07 esc\x1b del\x7f lone \ud800 \udfff \ufffe) | quality\\_rating | 2026'
     '-06-30 | appeal \\<WA-7\\> & co |'),
    '| expired | 8613800138001 | status | 2026-01-31 | old \\| incident |',
    '| unused | 8613800138009 | status | null | null |',
    '',
])
