# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Unit tests of the deprecated compliance filters: names, delegation, user errors as AnsibleFilterError, their deprecation."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import xml.etree.ElementTree as ET

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.nxcloud.whatsapp.plugins.filter.compliance import FilterModule

FILTERS = FilterModule().filters()
TODAY = '2026-05-01'
PHONE_INFO = {
    'changed': False,
    'phones': [
        {'number': '8613800138000', 'status': 'FLAGGED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'GREEN'},
        {'number': '8613800138001', 'status': 'CONNECTED', 'code_verification_status': 'VERIFIED', 'quality_rating': 'YELLOW'},
    ],
    'missing': [],
}


def evaluate(**kwargs):
    arguments = dict(today=TODAY, environment='prod')
    arguments.update(kwargs)
    return FILTERS['compliance_evaluate'](PHONE_INFO, **arguments)


def test_the_documented_filters_are_exposed():
    assert sorted(FILTERS) == ['compliance_combine', 'compliance_combine_summaries', 'compliance_evaluate', 'compliance_fails',
                               'compliance_failure_message', 'compliance_report', 'compliance_summary']


def test_combine_summaries_reads_the_summary_of_each_registered_check():
    result = evaluate()
    registered = dict(result, summary=FILTERS['compliance_summary'](result), changed=False)
    combined = FILTERS['compliance_combine_summaries']([registered, None], hosts=['prod', 'dev'], today=TODAY)
    assert combined == FILTERS['compliance_summary'](FILTERS['compliance_combine']([result, None], hosts=['prod', 'dev'], today=TODAY))


def test_evaluate_reads_a_registered_phone_info_result():
    result = evaluate()
    assert (result['environment'], result['status']) == ('prod', 'failed')
    assert result['counts']['failed'] == 1 and result['counts']['warned'] == 1


def test_policy_error_becomes_an_ansible_filter_error_naming_the_filter():
    with pytest.raises(AnsibleFilterError) as error:
        evaluate(policy={'checks': ['stat']})
    assert "nxcloud.whatsapp.compliance_evaluate: value of checks must be one or more of" in str(error.value)
    assert 'Got no match for: stat found in policy' in str(error.value)


def test_waiver_error_becomes_an_ansible_filter_error():
    with pytest.raises(AnsibleFilterError) as error:
        evaluate(waivers=[{'number': '8613800138000', 'check': 'status', 'reason': 'r'}])
    assert 'missing required arguments: expires found in waivers' in str(error.value)


@pytest.mark.parametrize('fail_on, expected', [('fail', True), ('warn', True), ('never', False)])
def test_fails_filter(fail_on, expected):
    assert FILTERS['compliance_fails'](evaluate(), fail_on) is expected


@pytest.mark.parametrize('flag, expected', [(True, True), ('yes', True), ('false', False), (False, False)])
def test_fail_on_error_accepts_ansible_booleans(flag, expected):
    errored = FILTERS['compliance_evaluate']({'failed': True, 'msg': 'boom'}, today=TODAY)
    assert FILTERS['compliance_fails'](errored, 'never', flag) is expected


def test_fail_on_error_rejects_what_is_not_a_boolean():
    with pytest.raises(AnsibleFilterError) as error:
        FILTERS['compliance_fails'](evaluate(), 'fail', 'perhaps')
    assert 'fail_on_error must be a boolean' in str(error.value)


def test_unknown_fail_on_becomes_an_ansible_filter_error():
    with pytest.raises(AnsibleFilterError) as error:
        FILTERS['compliance_failure_message'](evaluate(), 'always')
    assert 'nxcloud.whatsapp.compliance_failure_message: fail_on must be one of fail, warn, never' in str(error.value)


def test_failure_message_filter_lists_the_violations():
    message = FILTERS['compliance_failure_message'](evaluate(), 'warn')
    assert '[FAIL] 8613800138000 status: expected CONNECTED, observed FLAGGED' in message
    assert '[FAIL] 8613800138001 quality_rating' in message


def test_summary_filter_keeps_only_violations():
    summary = FILTERS['compliance_summary'](evaluate())
    assert [item['check'] for item in summary['violations']] == ['status', 'quality_rating']


def test_summary_filter_rejects_what_is_not_a_result():
    with pytest.raises(AnsibleFilterError):
        FILTERS['compliance_summary']('prod')


def test_combine_filter_turns_a_missing_host_result_into_an_errored_environment():
    combined = FILTERS['compliance_combine']([evaluate(), None], hosts=['prod', 'dev'], today=TODAY)
    assert [item['status'] for item in combined['environments']] == ['failed', 'errored']


@pytest.mark.parametrize('report_format', ['json', 'junit', 'markdown'])
def test_report_filter_renders_each_format(report_format):
    text = FILTERS['compliance_report'](evaluate(), report_format, fail_on='warn')
    if report_format == 'json':
        assert json.loads(text)['environment'] == 'prod'
    elif report_format == 'junit':
        assert ET.fromstring(text.encode('utf-8')).get('failures') == '2'
    else:
        assert text.startswith('# Phone compliance: FAILED')


def test_report_filter_rejects_an_unknown_format():
    with pytest.raises(AnsibleFilterError) as error:
        FILTERS['compliance_report'](evaluate(), 'pdf')
    assert 'unknown report format pdf' in str(error.value)


# ---------------------------------------------------------------------------------------------
# reading Ansible's containers


class _LazyValue(object):
    """Stands in for ansible-core 2.19's wrapper of a stored value that is templated on access."""

    def __init__(self, value):
        self.value = value


class _LazyDict(dict):
    """A dict whose ordinary access templates (here: counts) each value, as 2.19's lazy dict does."""

    accesses = 0

    def items(self):
        for key, value in dict.items(self):
            _LazyDict.accesses += 1
            yield key, value.value if isinstance(value, _LazyValue) else value

    def __getitem__(self, key):
        _LazyDict.accesses += 1
        value = dict.__getitem__(self, key)
        return value.value if isinstance(value, _LazyValue) else value

    def get(self, key, default=None):
        return self[key] if key in self else default


def test_phones_are_read_as_stored_without_per_value_templating():
    phone = _LazyDict((key, _LazyValue(value)) for key, value in PHONE_INFO['phones'][0].items())
    registered = _LazyDict(phones=_LazyValue([phone]), missing=_LazyValue([]), changed=_LazyValue(False))
    _LazyDict.accesses = 0
    result = FILTERS['compliance_evaluate'](registered, today=TODAY, environment='prod')
    assert _LazyDict.accesses == 0
    assert [(item['check'], item['status']) for item in result['results']] == [
        ('status', 'failed'), ('code_verification_status', 'passed'), ('quality_rating', 'passed')]


class _Unexpected(object):
    """Something a future ansible-core might store that is neither data nor the known wrapper."""

    def __init__(self, value):
        self.payload = value


class _OtherLazyDict(dict):
    def items(self):
        for key, value in dict.items(self):
            yield key, value.payload if isinstance(value, _Unexpected) else value


def test_unknown_stored_objects_fall_back_to_ordinary_access():
    registered = _OtherLazyDict(phones=_Unexpected(PHONE_INFO['phones']), missing=_Unexpected([]))
    result = FILTERS['compliance_evaluate'](registered, today=TODAY, environment='prod')
    assert result['counts']['numbers'] == 2


def test_report_text_is_a_string():
    text = FILTERS['compliance_report'](evaluate(), 'json')
    assert isinstance(text, str)
    assert json.loads(text)['environment'] == 'prod'


# ---------------------------------------------------------------------------------------------
# deprecation


COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def test_every_filter_is_deprecated_for_removal_in_1_0_0_with_its_replacement_named():
    with open(os.path.join(COLLECTION_ROOT, 'meta', 'runtime.yml')) as handle:
        routing = yaml.safe_load(handle)['plugin_routing']['filter']
    assert sorted(routing) == sorted(FILTERS)
    for name, entry in routing.items():
        assert entry['deprecation']['removal_version'] == '1.0.0', name
        assert 'nxcloud.whatsapp.phone_compliance_' in entry['deprecation']['warning_text'], name


@pytest.mark.parametrize('name', sorted(FILTERS))
def test_the_documentation_of_each_filter_says_it_is_deprecated(name):
    with open(os.path.join(COLLECTION_ROOT, 'plugins', 'filter', '%s.yml' % name)) as handle:
        deprecated = yaml.safe_load(handle)['DOCUMENTATION']['deprecated']
    assert (deprecated['removed_in'], deprecated['removed_from_collection']) == ('1.0.0', 'nxcloud.whatsapp')
    assert 'nxcloud.whatsapp.phone_compliance_' in deprecated['alternative']


@pytest.mark.parametrize('combined', [False, True])
def test_report_filter_refuses_a_result_whose_passed_results_were_left_out(combined):
    # What phone_compliance_check registers by default: the counts of every result, the results not passed.
    result = evaluate()
    result['results'] = [item for item in result['results'] if item['status'] != 'passed']
    assert len(result['results']) < result['counts']['results']
    given = {'status': result['status'], 'counts': result['counts'], 'environments': [result]} if combined else result
    with pytest.raises(AnsibleFilterError, match='holds only the results that are not passed.*return_passed: true'):
        FILTERS['compliance_report'](given, 'json')
