# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each documented check answers its result code, and the checks run in the documented order."""

from __future__ import annotations

import time

import pytest

from conftest import compact, independent_sign, signed_headers
from nxcloud_sim.api import evaluate_request, split_business_phones

PROD_BODY = {'appkey': 'app-one', 'messaging_product': 'whatsapp'}


def now_ms():
    return int(time.time() * 1000)


def evaluate(dataset, body=None, headers=None, raw_body=None, drop=(), **header_changes):
    """Evaluate a request that is valid except for what the arguments change."""
    body_bytes = raw_body if raw_body is not None else compact(body if body is not None else PROD_BODY)
    headers = headers if headers is not None else signed_headers(body_bytes)
    headers = dict((name, value) for name, value in headers.items() if name not in drop)
    headers.update(header_changes)
    return evaluate_request(headers, body_bytes, now_ms(), dataset)


def test_valid_request_succeeds_with_every_number_of_the_app(small_dataset):
    outcome = evaluate(small_dataset)
    assert (outcome.code, outcome.message) == (0, 'Request successful')
    assert [number for number, dummy in outcome.phones] == ['8613800138000', '12025550142']


@pytest.mark.parametrize('header', ['accessKey', 'ts', 'bizType', 'action', 'sign'])
def test_missing_header_answers_1001(small_dataset, header):
    outcome = evaluate(small_dataset, drop=(header,))
    assert outcome.code == 1001
    assert header in outcome.message


def test_empty_header_counts_as_missing(small_dataset):
    assert evaluate(small_dataset, sign='').code == 1001


def test_header_names_are_case_insensitive(small_dataset):
    body_bytes = compact(PROD_BODY)
    headers = dict((name.lower(), value) for name, value in signed_headers(body_bytes).items())
    assert evaluate(small_dataset, headers=headers).code == 0


@pytest.mark.parametrize('header, value', [('bizType', '1'), ('bizType', '02'), ('action', 'getphone'), ('action', 'send')])
def test_wrong_biz_type_or_action_answers_1002(small_dataset, header, value):
    outcome = evaluate(small_dataset, **{header: value})
    assert outcome.code == 1002
    assert header in outcome.message


@pytest.mark.parametrize('offset_ms', [60001, -60001, 3600 * 1000])
def test_timestamp_more_than_60_s_away_answers_1004(small_dataset, offset_ms):
    body_bytes = compact(PROD_BODY)
    outcome = evaluate(small_dataset, headers=signed_headers(body_bytes, ts=str(now_ms() + offset_ms)))
    assert outcome.code == 1004


def test_timestamp_within_60_s_is_accepted(small_dataset):
    body_bytes = compact(PROD_BODY)
    assert evaluate(small_dataset, headers=signed_headers(body_bytes, ts=str(now_ms() - 55000))).code == 0


@pytest.mark.parametrize('ts', ['1655710885', '16557108854310', '1655710885.43', 'abcdefghijklm'])
def test_timestamp_not_in_13_digit_ms_answers_1004(small_dataset, ts):
    body_bytes = compact(PROD_BODY)
    outcome = evaluate(small_dataset, headers=signed_headers(body_bytes, ts=ts))
    assert outcome.code == 1004
    assert 'milliseconds' in outcome.message


def test_unknown_access_key_answers_1005(small_dataset):
    body_bytes = compact(PROD_BODY)
    assert evaluate(small_dataset, headers=signed_headers(body_bytes, access_key='AK-NOBODY')).code == 1005


def test_account_without_whatsapp_answers_1005(sample_dataset):
    body_bytes = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    headers = signed_headers(body_bytes, access_key='AK-DEMO-SMS-ONLY', secret='SK-demo-sms-only-do-not-use')
    assert evaluate_request(headers, body_bytes, now_ms(), sample_dataset).code == 1005


def test_wrong_secret_answers_1003(small_dataset):
    body_bytes = compact(PROD_BODY)
    assert evaluate(small_dataset, headers=signed_headers(body_bytes, secret='not-the-secret')).code == 1003


def test_body_sent_differs_from_body_signed_answers_1003(small_dataset):
    signed = compact(PROD_BODY)
    sent = b'{"appkey": "app-one", "messaging_product": "whatsapp"}'
    assert evaluate(small_dataset, raw_body=sent, headers=signed_headers(signed)).code == 1003


@pytest.mark.parametrize('content_type', ['text/plain', 'application/x-www-form-urlencoded'])
def test_wrong_content_type_answers_1003(small_dataset, content_type):
    outcome = evaluate(small_dataset, **{'Content-Type': content_type})
    assert outcome.code == 1003
    assert 'Content-Type' in outcome.message


def test_content_type_with_charset_is_accepted(small_dataset):
    assert evaluate(small_dataset, **{'Content-Type': 'application/json; charset=utf-8'}).code == 0


def test_sha256_signature_with_algorithm_header_is_accepted(small_dataset):
    body_bytes = compact(PROD_BODY)
    assert evaluate(small_dataset, headers=signed_headers(body_bytes, algorithm='sha256')).code == 0


def test_md5_signature_under_sha256_header_answers_1003(small_dataset):
    body_bytes = compact(PROD_BODY)
    headers = signed_headers(body_bytes)
    headers['algorithm'] = 'sha256'
    assert evaluate(small_dataset, headers=headers).code == 1003


def test_unknown_algorithm_answers_1003(small_dataset):
    outcome = evaluate(small_dataset, algorithm='sha1')
    assert outcome.code == 1003
    assert 'algorithm' in outcome.message


@pytest.mark.parametrize('raw_body, detail', [
    (b'not json', 'not JSON'),
    (b'["appkey"]', 'not a JSON object'),
    (b'\xff\xfe', 'not JSON'),
    (b'', 'not JSON'),
])
def test_body_that_is_not_a_json_object_answers_9000(small_dataset, raw_body, detail):
    outcome = evaluate(small_dataset, raw_body=raw_body)
    assert outcome.code == 9000
    assert detail in outcome.message


@pytest.mark.parametrize('body, detail', [
    ({'messaging_product': 'whatsapp'}, 'appkey'),
    ({'appkey': '', 'messaging_product': 'whatsapp'}, 'appkey'),
    ({'appkey': 12, 'messaging_product': 'whatsapp'}, 'appkey'),
    ({'appkey': 'app-one'}, 'messaging_product'),
    ({'appkey': 'app-one', 'messaging_product': 'sms'}, 'messaging_product'),
    ({'appkey': 'app-one', 'messaging_product': 'whatsapp', 'business_phones': ['8613800138000']}, 'business_phones'),
])
def test_body_without_appkey_or_wrong_fields_answers_9000(small_dataset, body, detail):
    outcome = evaluate(small_dataset, body=body)
    assert outcome.code == 9000
    assert detail in outcome.message


@pytest.mark.parametrize('appkey', ['app-unknown', 'app-other-account'])
def test_unknown_app_or_app_of_another_account_answers_9006(small_dataset, appkey):
    assert evaluate(small_dataset, body={'appkey': appkey, 'messaging_product': 'whatsapp'}).code == 9006


@pytest.mark.parametrize('number', ['447700900123', '8613800138009'])
def test_number_not_bound_to_the_app_answers_9006(small_dataset, number):
    outcome = evaluate(small_dataset, body={'appkey': 'app-one', 'messaging_product': 'whatsapp', 'business_phones': number})
    assert outcome.code == 9006
    assert number in outcome.message


@pytest.mark.parametrize('number', ['+8613800138000', '86 138 0013 8000', 'abc', '8613900139000'])
def test_number_that_is_not_a_whatsapp_number_answers_9002(small_dataset, number):
    outcome = evaluate(small_dataset, body={'appkey': 'app-one', 'messaging_product': 'whatsapp', 'business_phones': number})
    assert outcome.code == 9002


def test_first_bad_number_decides_the_code(small_dataset):
    body = {'appkey': 'app-one', 'messaging_product': 'whatsapp', 'business_phones': '447700900123,abc'}
    assert evaluate(small_dataset, body=body).code == 9006


@pytest.mark.parametrize('separator', [',', ', ', ' , '])
def test_both_documented_separators_select_numbers(small_dataset, separator):
    body = {'appkey': 'app-one', 'messaging_product': 'whatsapp', 'business_phones': separator.join(['12025550142', '8613800138000'])}
    outcome = evaluate(small_dataset, body=body)
    assert [number for number, dummy in outcome.phones] == ['12025550142', '8613800138000']


@pytest.mark.parametrize('business_phones', ['', '  ', None])
def test_empty_or_absent_business_phones_means_every_number(small_dataset, business_phones):
    body = {'appkey': 'app-one', 'messaging_product': 'whatsapp'}
    if business_phones is not None:
        body['business_phones'] = business_phones
    assert len(evaluate(small_dataset, body=body).phones) == 2


def test_split_business_phones_drops_blanks_and_duplicates():
    assert split_business_phones('1, 2,,2 ,3,') == ['1', '2', '3']


@pytest.mark.parametrize('changes, code', [
    ({'drop': ('sign',), 'bizType': '9'}, 1001),
    ({'bizType': '9', 'ts': '1'}, 1002),
    ({'ts': '1', 'accessKey': 'AK-NOBODY'}, 1004),
    ({'accessKey': 'AK-NOBODY', 'sign': 'x' * 32}, 1005),
    ({'sign': 'x' * 32, 'raw_body': b'not json'}, 1003),
])
def test_checks_run_in_the_documented_order(small_dataset, changes, code):
    changes = dict(changes)
    raw_body = changes.pop('raw_body', None)
    drop = changes.pop('drop', ())
    body_bytes = raw_body if raw_body is not None else compact(PROD_BODY)
    headers = signed_headers(body_bytes)
    assert evaluate(small_dataset, raw_body=body_bytes, headers=headers, drop=drop, **changes).code == code


def test_body_error_comes_before_app_error(small_dataset):
    assert evaluate(small_dataset, body={'appkey': 'app-unknown', 'messaging_product': 'sms'}).code == 9000


def test_independent_signer_agrees_with_a_published_vector():
    body = '{"name":"牛小信","id":10001}'.encode('utf-8')
    assert independent_sign('fme2na3kdi3ki', '1655710885431', body, 'abciiiko2k3', action='send', biz_type='1') == '87c3560d3331ae23f1021e2025722354'
