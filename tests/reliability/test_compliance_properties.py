# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests of the rule evaluation and the reports: whatever the service sends, nothing crashes,
nothing that is not understood passes, and every report of it can be read back.

NXCLOUD_PROPERTY_EXAMPLES sets the number of examples per property (default 150 here; the larger
run, tests/reliability/run_property_large.sh, uses 10,000).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import math
import os
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings, strategies as st

# Imported for its side effect: it makes this checkout importable as ansible_collections.nxcloud.whatsapp.
import reliability_harness  # noqa: F401  pylint: disable=unused-import
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _task_results as task_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import checks, combine, evaluate, model, policy as policy_rules, verdict
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import render
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins import strategies

EXAMPLES = int(os.environ.get('NXCLOUD_PROPERTY_EXAMPLES', '150'))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
TODAY = '2026-03-01'
# Written here, not imported from model.RECORD_KEYS, so that a key added or lost there is noticed.
RESULT_KEYS = {'environment', 'number', 'check', 'expected', 'observed', 'severity', 'status', 'reason', 'waiver', 'display_number', 'display_name'}
FIELD_CHECKS = ('status', 'code_verification_status', 'quality_rating', 'name_status', 'current_limit')

KNOWN_VALUES = {
    'status': ['CONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED', 'PENDING', 'UNVERIFIED', 'MIGRATED', 'DISCONNECTED',
               'DELETED', 'BANNED', 'UNKNOWN', 'connected', ''],
    'code_verification_status': ['VERIFIED', 'NOT_VERIFIED', 'UNVERIFIED', 'EXPIRED', 'verified', ''],
    'quality_rating': ['GREEN', 'YELLOW', 'RED', 'NA', 'UNKNOWN', 'UNKNOW', 'green', ''],
    'name_status': ['APPROVED', 'AVAILABLE_WITHOUT_REVIEW', 'PENDING_REVIEW', 'NONE', 'DECLINED', 'EXPIRED', ''],
    'current_limit': list(model.TIER_ORDER) + ['TIER_NOT_SET', 'UNTIERED', '', 'TIER_5K'],
    'verified_name': ['Acme', 'acme', ''],
}

json_values = strategies.json_values(max_size=3, key_size=6, max_leaves=12)
digits = strategies.digits


def field_value(field):
    """Known values, arbitrary strings (control characters and all) and arbitrary JSON."""
    return st.sampled_from(KNOWN_VALUES[field]) | st.text() | json_values


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()


def phone_objects_with(numbers):
    """Phone objects: every documented field (or not), a ``number`` drawn from ``numbers``, unknown extras."""
    return strategies.phone_objects(dict([(field, field_value(field)) for field in KNOWN_VALUES] + [('number', numbers)]), json_values, max_unknown=2)


# The number of an entry as the service could send it in a hand-made phones list: anything at all.
any_phone_objects = phone_objects_with(digits | json_values)
# The same with a scalar number, so that the other properties are explored past the known crash on
# a list or object as number (test_any_number_value_is_judged_without_crashing pins that one).
phone_objects = phone_objects_with(digits | scalars)
phone_entries = phone_objects | json_values.filter(lambda value: not (isinstance(value, dict) and isinstance(value.get('number'), (list, dict))))

policies = st.fixed_dictionaries({
    'checks': st.lists(st.sampled_from(model.CHECKS), unique=True),
    'minimum_tier': st.sampled_from(model.TIER_ORDER),
    'quality_unknown_severity': st.sampled_from(model.SEVERITIES),
    'unknown_tier_severity': st.sampled_from(model.SEVERITIES),
    'required_numbers': st.lists(digits, max_size=3),
    'display_names': st.dictionaries(digits, st.text(min_size=1), max_size=2),
})
waivers = st.lists(st.fixed_dictionaries({
    'number': digits,
    'check': st.sampled_from(model.CHECKS),
    'reason': st.text(min_size=1).filter(lambda text: text.strip()),
    'expires': st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2032, 12, 31)).map(lambda day: day.isoformat()),
}), max_size=3)


def _check_result_shape(result):
    assert result['status'] in model.STATUSES
    counts = result['counts']
    assert counts['results'] == len(result['results'])
    assert sum(counts[status] for status in model.STATUSES) == len(result['results'])
    for item in result['results']:
        assert set(item) == RESULT_KEYS
        assert item['status'] in model.STATUSES
        assert item['severity'] in model.SEVERITIES
    json.dumps(result)  # plain data only: it goes into facts, set_stats and reports


@SETTINGS
@given(st.lists(phone_entries, max_size=6), st.lists(digits | st.text(), max_size=3), policies, waivers, st.text(max_size=12))
def test_any_answer_is_evaluated_completely_without_crashing(phones, missing, policy, waiver_list, environment):
    result = evaluate.evaluate(phones, policy=policy, waivers=waiver_list, today=TODAY, environment=environment, missing=missing)
    _check_result_shape(result)
    if any(not isinstance(phone, dict) for phone in phones):
        assert result['status'] == 'errored'


@SETTINGS
@given(st.lists(any_phone_objects, min_size=1, max_size=4))
def test_any_number_value_is_judged_without_crashing(phones):
    result = evaluate.evaluate(phones, today=TODAY, environment='env')
    _check_result_shape(result)


def as_json_can_hold(value):
    """Return a value with every non-finite float replaced by its text, as reports must show it."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return dict((key, as_json_can_hold(item)) for key, item in value.items())
    if isinstance(value, list):
        return [as_json_can_hold(item) for item in value]
    return value


def _passes(field, value, policy):
    """The specification of a passing value, written independently of the rules."""
    if not isinstance(value, str):
        return False
    if field == 'status':
        return value in policy['expected_status']
    if field == 'code_verification_status':
        return value in policy['expected_code_verification_status']
    if field == 'name_status':
        return value in policy['allowed_name_status']
    if field == 'quality_rating':
        return value in model.DOCUMENTED_QUALITY_RATINGS and value not in ('RED', 'YELLOW')
    order = list(model.TIER_ORDER)
    return value in order and order.index(value) >= order.index(policy['minimum_tier'])


@SETTINGS
@given(phone_objects, policies)
def test_a_value_passes_only_when_it_is_understood_and_allowed(phone, policy):
    policy = dict(policy, checks=list(FIELD_CHECKS))
    full_policy = policy_rules.validate_policy(policy)
    result = evaluate.evaluate([phone], policy=policy, today=TODAY)
    by_check = dict((item['check'], item) for item in result['results'] if item['check'] in FIELD_CHECKS)
    assert set(by_check) == set(FIELD_CHECKS)
    for field in FIELD_CHECKS:
        item = by_check[field]
        value = phone.get(field)
        assert (item['status'] == 'passed') == (field in phone and _passes(field, value, full_policy)), (field, value, item)
        # What was observed is carried as it was sent, never replaced; only what JSON cannot hold
        # (NaN, infinities: Python's json module reads them) is carried as text.
        assert item['observed'] == as_json_can_hold(value)


@SETTINGS
@given(st.lists(phone_objects, max_size=4), st.lists(digits, min_size=1, max_size=3))
def test_a_required_number_absent_from_the_answer_never_passes(phones, required):
    result = evaluate.evaluate(phones, policy={'checks': ['required_number'], 'required_numbers': required}, today=TODAY)
    present = set(checks.number_of_phone(phone) for phone in phones)
    for number in required:
        items = [item for item in result['results'] if item['check'] == 'required_number' and item['number'] == number]
        assert len(items) == 1
        assert (items[0]['status'] == 'passed') == (number in present)


@SETTINGS
@given(st.dictionaries(st.sampled_from(['phones', 'missing', 'failed', 'msg', 'skipped', 'changed']), json_values))
def test_any_registered_result_is_judged_or_refused_with_a_message(registered):
    phones, missing, read_error = task_results.phone_info_answer(registered)
    try:
        result = evaluate.evaluate(phones, today=TODAY, environment='env', missing=missing, error=read_error)
    except model.ComplianceInputError as error:
        assert str(error)
        return
    _check_result_shape(result)
    if not isinstance(registered.get('phones'), list) or registered.get('failed'):
        # An environment whose numbers were not read is never reported as passing.
        assert result['status'] == 'errored' and result['error']


@SETTINGS
@given(json_values, json_values)
def test_any_policy_or_waiver_list_is_accepted_or_refused_with_a_message(policy, waiver_list):
    for function, value in ((policy_rules.validate_policy, policy), (policy_rules.validate_waivers, waiver_list)):
        try:
            function(value)
        except model.ComplianceInputError as error:
            assert str(error)


@SETTINGS
@given(st.lists(phone_entries, max_size=5), policies, waivers, st.sampled_from(model.FAIL_ON), st.booleans())
def test_every_report_of_any_result_can_be_read_back(phones, policy, waiver_list, fail_on, fail_on_error):
    result = evaluate.evaluate(phones, policy=policy, waivers=waiver_list, today=TODAY, environment='env')
    other = evaluate.evaluate(phones, policy=policy, waivers=waiver_list, today=TODAY, environment='env-b')
    combined = combine.combine_results([result, other], hosts=['a', 'b'], today=TODAY)
    for report in (result, combined):
        assert json.loads(render(report, 'json', fail_on=fail_on, fail_on_error=fail_on_error)) == json.loads(json.dumps(report))
        root = ElementTree.fromstring(render(report, 'junit', fail_on=fail_on, fail_on_error=fail_on_error).encode('utf-8'))
        cases = root.iter('testcase')
        assert sum(1 for dummy in cases) == sum(len(environment['results']) for environment in model.environments_of(report))
        markdown = render(report, 'markdown', fail_on=fail_on, fail_on_error=fail_on_error)
        assert isinstance(markdown, str) and markdown


@SETTINGS
@given(st.lists(phone_entries, max_size=5), policies, waivers, st.sampled_from(model.FAIL_ON), st.booleans())
def test_the_verdict_and_its_message_agree_with_the_counts(phones, policy, waiver_list, fail_on, fail_on_error):
    result = evaluate.evaluate(phones, policy=policy, waivers=waiver_list, today=TODAY, environment='env')
    counts = result['counts']
    failing = {'fail': ['failed'], 'warn': ['failed', 'warned'], 'never': []}[fail_on] + (['errored'] if fail_on_error else [])
    assert verdict.run_fails(result, fail_on=fail_on, fail_on_error=fail_on_error) == any(counts[status] for status in failing)
    message = verdict.failure_message(result, fail_on=fail_on, fail_on_error=fail_on_error)
    marked = message.count('[FAIL]')
    assert marked == sum(counts[status] for status in failing)
    summary = verdict.summary(result)
    assert len(summary['violations']) == len(result['results']) - counts['passed']
