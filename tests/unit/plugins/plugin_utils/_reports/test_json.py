# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The JSON report: the whole result, strict JSON, nothing but the result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _json_text
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import json as json_format
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, clean_result, phone, prod_result


def test_json_report_round_trips_to_the_same_result():
    result = prod_result()
    assert json.loads(json_format.json_report(result)) == result


def test_json_report_keeps_unicode_and_odd_observed_values():
    result = evaluate([phone('8613800138000', status=['A', 1], verified_name=u'牛小信')],
                      policy={'checks': ['status', 'verified_name'], 'display_names': {'8613800138000': u'牛小信'}},
                      today=TODAY)
    text = json_format.json_report(result)
    assert u'牛小信' in text
    assert json.loads(text)['results'][0]['observed'] == ['A', 1]


def test_json_report_is_strict_json_even_for_nan_and_infinity():
    result = evaluate([phone('8613800138000', status=float('nan'), quality_rating=float('inf'))], today=TODAY)
    parsed = json.loads(json_format.json_report(result), parse_constant=lambda name: pytest.fail('non-JSON constant %s' % name))
    assert [item['observed'] for item in parsed['results'][:3]] == ['nan', 'VERIFIED', 'inf']
    assert (parsed['phones'][0]['status'], parsed['phones'][0]['quality_rating']) == ('nan', 'inf')


def test_json_report_of_a_combined_result_lists_every_environment():
    combined = combine_results([clean_result(), prod_result()])
    parsed = json.loads(json_format.json_report(combined))
    assert [item['environment'] for item in parsed['environments']] == ['dev', 'prod']


def test_json_report_of_a_registered_check_holds_only_the_result():
    registered = dict(prod_result(), changed=False, compliant=False, message='text', summary={}, reports=[], failed=True)
    assert json.loads(json_format.json_report(registered)) == json.loads(json_format.json_report(prod_result()))


def test_a_json_report_reads_back_as_the_result_it_was_made_of():
    result = prod_result()
    assert json_format.result_from_json_report(json_format.json_report(result)) == result


@pytest.mark.parametrize('text, words', [
    ('{"counts": ', 'it is not JSON'),
    ('[]', 'does not hold the compliance result of one environment'),
    ('{"status": "passed", "counts": {}, "environments": []}', 'does not hold the compliance result of one environment'),
])
def test_what_is_not_one_environments_json_report_is_refused(text, words):
    with pytest.raises(ComplianceInputError) as caught:
        json_format.result_from_json_report(text)
    assert words in str(caught.value)


def _read_back(result, read_reports):
    return read_reports.read(json_format.json_report(result))


def test_a_combined_json_report_copies_the_environments_read_and_is_the_same_text_as_encoded():
    # The texts are what json_report wrote: unicode, odd observed values, NaN turned to text.
    odd = evaluate([phone('8613800138000', status=['A', 1], quality_rating=float('nan'), verified_name=u'牛小信 "q" \\ <&>')],
                   policy={'checks': ['status', 'verified_name']}, today=TODAY, environment='odd')
    read_reports = json_format.ReadReports()
    read = [_read_back(result, read_reports) for result in (clean_result(), prod_result(), odd)]
    combined = combine_results(read)
    copied = json_format.json_report(combined, read_reports)
    assert copied == json_format.json_report(combine_results([json.loads(json_format.json_report(item)) for item in read]))
    assert [item['environment'] for item in json.loads(copied)['environments']] == ['dev', 'prod', 'odd']


def test_an_environment_changed_after_it_was_read_is_encoded_not_copied():
    read_reports = json_format.ReadReports()
    prod = _read_back(prod_result(), read_reports)
    combined = combine_results([prod, clean_result()])  # dev was not read from a report
    combined['environments'][0]['status'] = 'changed after reading'
    parsed = json.loads(json_format.json_report(combined, read_reports))
    assert [item['status'] for item in parsed['environments']] == ['changed after reading', 'passed']
    assert parsed['environments'][0]['results'] == prod['results']


def test_a_read_report_is_not_copied_once_forgotten():
    read_reports = json_format.ReadReports()
    prod = _read_back(prod_result(), read_reports)
    environment = combine_results([prod])['environments'][0]
    assert bytes(read_reports.text_of(environment)) == json_format.json_report_bytes(prod_result()).rstrip(b'\n')
    read_reports.forget()
    assert read_reports.text_of(environment) is None


def test_a_combined_json_report_holds_the_very_text_read():
    # The equality tests above would pass without any copy: a text laid out otherwise than json_report
    # lays it out shows that the environment's text is copied, whole and in its place.
    read_reports = json_format.ReadReports()
    text = json.dumps(json.loads(json_format.json_report(prod_result())), indent=1, sort_keys=True)
    combined = combine_results([clean_result(), read_reports.read(text + '\n \n')])
    copied = json_format.json_report(combined, read_reports)
    assert '[%s,%s]' % (json_format.json_report(clean_result()).rstrip('\n'), text) in copied
    assert json.loads(copied) == json.loads(json_format.json_report(combined))


def test_a_read_report_is_kept_as_the_very_bytes_read():
    # read_json_result hands the file's bytes over: kept as they are, the final newline left out by a view.
    data = json_format.json_report_bytes(prod_result())
    read_reports = json_format.ReadReports()
    environment = combine_results([read_reports.read(data)])['environments'][0]
    kept = read_reports.text_of(environment)
    assert isinstance(kept, memoryview) and kept.obj is data
    assert bytes(kept) == data[:-1]


@pytest.mark.parametrize('data, words', [
    (u'{"counts": {}, "results": []}'.encode('utf-16'), 'it is not UTF-8 text'),
    (b'{"counts": {}, "results": ["\xff"]}', 'it is not UTF-8 text'),
    (b'{"counts": ', 'it is not JSON'),
])
def test_report_bytes_that_are_not_utf8_json_are_refused(data, words):
    # json.loads alone would read UTF-16: a text that a UTF-8 combined report could not copy.
    with pytest.raises(ComplianceInputError) as caught:
        json_format.ReadReports().read(data)
    assert words in str(caught.value)


def test_json_report_is_the_text_of_json_report_bytes():
    combined = combine_results([clean_result(), prod_result()])
    assert json_format.json_report(combined).encode('utf-8') == json_format.json_report_bytes(combined)


def _standard_library_only(monkeypatch):
    monkeypatch.setattr(_json_text, 'orjson', None)


TRICKY_VALUES = [
    {u'z': 1, u'a': [True, False, None, 0, -7, 2 ** 63 - 1, -2 ** 63, 1.5, 0.1, 1e16, 123456789.25, -0.0]},
    {u'牛小信': u'"q" \\ </script> & \u2028 \x00 \x1f \x7f \U0001f600', u'': [u'', []]},
    {'tuple': (1, 'a'), 'nested': [[[{'b': {'a': 1}}]]], 'set': set([1]), 'bytes': b'x'},
    {'date': __import__('datetime').date(2026, 12, 2), 'when': __import__('datetime').datetime(2026, 12, 2, 1, 2, 3)},
]


@pytest.mark.parametrize('value', TRICKY_VALUES)
def test_orjson_and_the_standard_library_write_the_same_text(value, monkeypatch):
    if _json_text.orjson is None:
        pytest.skip('orjson is not installed')
    report = {'counts': {}, 'results': [{'observed': value}], 'environment': 'odd'}
    with_orjson = json_format.json_report_bytes(report)
    assert json.loads(with_orjson)['results'][0]['observed'] == json.loads(json.dumps(value, default=repr))  # written whole
    _standard_library_only(monkeypatch)
    assert with_orjson == json_format.json_report_bytes(report)
