# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The vocabulary of the compliance rules: checks, statuses, the result record and what is done with records.

Every result has the same keys (RECORD_KEYS) and is built by result_record; counts of several
results are summed by sum_counts and problems are ordered by worst_first, here and nowhere else.
Pure functions, no I/O, no clock.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import math
import operator
import re

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _phones as phone_numbers
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.options import POLICY_SPEC

# The checks, in the order their results are listed for a number, and the default ones: the choices
# and the default of the documented policy.checks option (doc_fragments/policy.py).
CHECKS = tuple(POLICY_SPEC['checks']['choices'])
DEFAULT_CHECKS = tuple(POLICY_SPEC['checks']['default'])
# Expired waivers are reported under this pseudo-check; it cannot be switched off or waived.
WAIVER_CHECK = 'waiver'
# A phone entry that is not an object at all (cannot be judged field by field).
RECORD_CHECK = 'record'
# The environment could not be evaluated (the API could not be read).
API_CHECK = 'phone_info'
# The environment was not evaluated because its check's options (policy, waivers, today) are unusable.
CONFIGURATION_CHECK = 'configuration'

# The severities a check can have: the choices of the documented policy.quality_unknown_severity.
SEVERITIES = tuple(POLICY_SPEC['quality_unknown_severity']['choices'])
FAIL_ON = ('fail', 'warn', 'never')
# Worst first: the order of problems in messages and reports.
STATUSES = ('errored', 'failed', 'warned', 'waived', 'passed')
STATUS_OF_SEVERITY = {'fail': 'failed', 'warn': 'warned'}

# Messaging limit tiers from lowest to highest: the choices of the documented policy.minimum_tier.
# Anything else ("", TIER_NOT_SET, UNTIERED, a value nobody has seen) is "not known": it never
# passes a minimum-tier check silently.
TIER_ORDER = tuple(POLICY_SPEC['minimum_tier']['choices'])
TIER_RANK = dict((tier, rank) for rank, tier in enumerate(TIER_ORDER))

# Quality ratings the provider and Meta document. NA / UNKNOWN / UNKNOW (sic) mean "not rated yet"
# and pass the default "not RED" rule; a value outside this list is reported as not documented.
DOCUMENTED_QUALITY_RATINGS = ('GREEN', 'YELLOW', 'RED', 'NA', 'UNKNOWN', 'UNKNOW')
UNRATED_QUALITY_RATINGS = ('NA', 'UNKNOWN', 'UNKNOW')

# The keys of every result record, in this order. display_number and display_name are what the
# answer showed for the number (None when it did not list the number): people know a number by them.
RECORD_KEYS = ('environment', 'number', 'check', 'expected', 'observed', 'severity', 'status', 'reason', 'waiver',
               'display_number', 'display_name')

# The keys of an environment's result (what evaluate returns); anything else a registered task
# result carries next to them (changed, failed, the verdict of phone_compliance_check) is not
# part of the result and stays out of combined results and reports.
# ``run`` (time, collection version, API URL) is added by the front end that read the app.
RESULT_KEYS = ('environment', 'status', 'today', 'error', 'checks', 'counts', 'results', 'waivers', 'phones', 'run',
               'changes', 'previous_run', 'changes_note', 'trend')

# What sum_counts adds up besides the statuses.
_SUMMED_COUNTS = ('results', 'numbers', 'expired_waivers')

_ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


class ComplianceInputError(ValueError):
    """The policy, the waivers or the data handed to the rules is not usable; the message says why."""


class NoResult(object):
    """Stands where an environment has no compliance result to combine; ``reason`` says why.

    The front ends put it in for a host whose check never ran or failed before judging, so that
    the environment is reported as errored instead of being left out. ``configuration`` is True when
    the check refused its own options (a bad waiver date, say): a configuration error, reported as
    one, never as an API that could not be read.
    """

    __slots__ = ('reason', 'configuration')

    def __init__(self, reason, configuration=False):
        self.reason = reason
        self.configuration = configuration

    def __eq__(self, other):
        return isinstance(other, NoResult) and (other.reason, other.configuration) == (self.reason, self.configuration)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((self.reason, self.configuration))

    def __repr__(self):
        return 'NoResult(%r%s)' % (self.reason, ', configuration=True' if self.configuration else '')


def is_list(value):
    return isinstance(value, (list, tuple))


# Exact types plain() and json_safe() give back as they are (subclasses, such as AnsibleUnsafeText, go the long way).
_AS_IS = frozenset((str, int, bool))


def plain(value):
    """Return a value made of plain dict/list/str/int/float/bool/None, for results and reports."""
    if value is None or type(value) in _AS_IS:  # pylint: disable=unidiomatic-typecheck
        return value  # the usual observed value, told apart without the abstract-class checks below (30,000 per app)
    if isinstance(value, Mapping):
        return dict((str(key), plain(item)) for key, item in value.items())
    if is_list(value):
        return [plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # NaN and infinities are not JSON: shown as text
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        # Kept as is, subclass included: ansible-core < 2.19 marks service data as unsafe
        # (AnsibleUnsafeText), and that mark must survive so no one ever templates it.
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return repr(value)


def display_value(value, limit=200):
    """Return a value as short text for messages and reports: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        text = value if value else '""'
    else:
        try:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
        except (TypeError, ValueError):
            text = repr(value)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    return text


def json_safe(value):
    """Return ``value`` with what strict JSON cannot hold made text: NaN and infinities, keys that are not strings, other types.

    Values the service sent are carried as sent; this keeps every report strict JSON all the same.
    """
    if value is None or type(value) in _AS_IS:  # pylint: disable=unidiomatic-typecheck
        return value
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, Mapping):
        if all(isinstance(key, str) and (item is None or isinstance(item, str)) for key, item in value.items()):
            return value  # the usual phone record: nothing to convert, no copy
        return dict((key if isinstance(key, str) else display_value(key), json_safe(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return display_value(value)


def normalise_number(entry, what):
    """Return the digits of a number the user typed, or raise ComplianceInputError naming ``what``."""
    try:
        return phone_numbers.normalise_number(entry)
    except ValueError as error:
        raise ComplianceInputError('%s: %s' % (what, error))


def parse_date(value, what):
    """Return a datetime.date from an ISO date string, a date or a datetime; raise ComplianceInputError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.match(text):
            try:
                return datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
            except ValueError:
                pass
    raise ComplianceInputError('%s: %r is not a date; write it as YYYY-MM-DD, e.g. "2026-06-30"' % (what, value))


def result_record(environment, number, check, expected, observed, severity, status, reason, waiver=None, labels=(None, None)):
    """Return one result: what ``check`` expected of ``number`` in ``environment``, what it observed, and the outcome.

    ``labels`` is (display number, display name) of the number as the answer showed them (phone_labels).
    """
    return {
        'environment': environment,
        'number': number,
        'check': check,
        'expected': expected,
        'observed': plain(observed),
        'severity': severity,
        'status': status,
        'reason': reason,
        'waiver': waiver,
        'display_number': labels[0],
        'display_name': labels[1],
    }


def phone_labels(phone):
    """Return (display number, display name) of a phone entry of phone_info's answer, as text (None where absent)."""
    labels = []
    for key in ('display_phone_number', 'verified_name'):
        value = phone.get(key)
        labels.append(None if value in (None, '') else value if isinstance(value, str) else display_value(value, limit=100))
    return tuple(labels)


def number_label(result):
    """Return how reports name the number of a result: its digits, then its display number and display name when known.

    ``8613800138000 (+86 138 0013 8000, Acme Support)``; ``-`` for a result about no number.
    """
    number = result.get('number')
    if number in (None, ''):
        return '-'
    key = (number, result.get('display_number'), result.get('display_name'))
    # The results of one number come one after the other (three or more per number): the last label is reused
    # when the same texts name the same number (texts only: 1 and True are equal, but not alike in a label).
    if key == _LAST_LABEL[0] and all(type(part) is str or part is None for part in key):  # pylint: disable=unidiomatic-typecheck
        return _LAST_LABEL[1]
    known = [str(label) for label in key[1:] if label not in (None, '')]
    label = '%s (%s)' % (number, ', '.join(known)) if known else str(number)
    _LAST_LABEL[:] = [key, label]
    return label


_LAST_LABEL = [None, None]


def sum_counts(environments):
    """Return the counts of several environments (or summaries) added up: each status, results, numbers, expired_waivers.

    A count that is not an integer (hand-made input) adds nothing.
    """
    totals = dict((status, 0) for status in STATUSES)
    for key in _SUMMED_COUNTS:
        totals[key] = 0
    for environment in environments:
        counts = environment.get('counts') or {}
        for key in totals:
            value = counts.get(key, 0)
            totals[key] += value if isinstance(value, int) else 0
    return totals


def overall_status(counts):
    """Return the status of an environment (or of several) from its counts: the worst one present."""
    for status in ('errored', 'failed', 'warned'):
        if counts.get(status):
            return status
    return 'passed'


def worst_first(results):
    """Return the results that are not passed, worst first (errored, failed, warned, waived), in their order within a status."""
    rank = dict((status, index) for index, status in enumerate(STATUSES))
    problems = [result for result in results if result.get('status') != 'passed']
    problems.sort(key=lambda result: rank.get(result.get('status'), -1))  # stable: keeps the order within a status
    return problems


def values_reader(*keys):
    """Return a function giving the values of ``keys`` of a result as a tuple, None for a key it lacks.

    The reports read a few keys of tens of thousands of results: a plain dict holding them all is
    read in one step (itemgetter), a third of the cost of a get per key; anything else (a subclass
    of dict might answer subscripts otherwise, say a defaultdict; a result lacking a key) with get.
    """
    getter = operator.itemgetter(*keys)

    def values(result):
        if type(result) is dict:  # pylint: disable=unidiomatic-typecheck
            try:
                return getter(result)
            except KeyError:
                pass
        get = result.get
        return tuple(get(key) for key in keys)
    return values


def result_fields(result):
    """Return the environment result held by ``result``, without the keys that are not part of it."""
    return dict((key, result.get(key)) for key in RESULT_KEYS if key in result)


def environments_of(report):
    """Return the list of environment results in a single result or a combined one."""
    if isinstance(report, Mapping) and is_list(report.get('environments')):
        return list(report['environments'])
    if isinstance(report, Mapping) and is_list(report.get('results')):
        return [report]
    raise ComplianceInputError('expected a compliance result or a combined result, not %s' % with_article(type_name(report)))
