# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator over real HTTP: envelopes, both data shapes, the request log, the clock offset."""

from __future__ import annotations

import json

import pytest

from conftest import ACCESS_SECRET, compact, post, signed_headers

PROD_NUMBERS = ['8613800138000', '12025550142', '447700900123', '61491570156']


def test_success_answer_in_object_shape_is_keyed_by_number(start_simulator):
    answer = post(start_simulator())
    assert answer.status == 200
    assert answer.headers['Content-Type'].startswith('application/json')
    envelope = answer.json()
    assert (envelope['code'], envelope['message']) == (0, 'Request successful')
    assert list(envelope['data']) == PROD_NUMBERS
    first = envelope['data']['8613800138000']
    assert isinstance(first, list) and len(first) == 1
    assert first[0]['display_phone_number'] == '+86 138 0013 8000'
    assert 'number' not in first[0]


def test_success_answer_in_array_shape_lists_business_phones(start_simulator):
    envelope = post(start_simulator(data_shape='array')).json()
    assert list(envelope['data']) == ['business_phones']
    displayed = [phone['display_phone_number'] for phone in envelope['data']['business_phones']]
    assert [''.join(ch for ch in text if ch.isdigit()) for text in displayed] == PROD_NUMBERS


def test_answer_is_compact_utf8_json(start_simulator):
    answer = post(start_simulator())
    assert b'": ' not in answer.body and b', "' not in answer.body


def test_chosen_numbers_come_back_in_the_order_asked(start_simulator):
    body = {'appkey': 'appkey-prod', 'messaging_product': 'whatsapp', 'business_phones': '61491570156, 8613800138000'}
    assert list(post(start_simulator(), body=body).json()['data']) == ['61491570156', '8613800138000']


def test_failure_is_http_200_with_code_message_and_null_data(start_simulator):
    body_bytes = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    answer = post(start_simulator(), raw_body=body_bytes, headers=signed_headers(body_bytes, secret='wrong'))
    assert answer.status == 200
    assert answer.json() == {'code': 1003, 'message': 'Signature verification failed', 'data': None}


def test_clock_offset_makes_a_correct_client_look_expired(start_simulator):
    assert post(start_simulator(clock_offset=120)).json()['code'] == 1004
    assert post(start_simulator(clock_offset=30)).json()['code'] == 0


@pytest.mark.parametrize('method, status', [('GET', 405), ('PUT', 405)])
def test_other_methods_are_refused(start_simulator, method, status):
    assert post(start_simulator(), method=method).status == status


def test_other_paths_are_not_found(start_simulator):
    assert post(start_simulator(), path='/api/wa/sendMessage').status == 404


def test_log_has_one_line_per_request_and_never_the_secret_or_signature(start_simulator, tmp_path):
    log_path = tmp_path / 'requests.jsonl'
    simulator = start_simulator(log_path=str(log_path))
    sent_signs = []
    for secret in (ACCESS_SECRET, 'wrong'):
        body_bytes = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp', 'note': ACCESS_SECRET})
        headers = signed_headers(body_bytes, secret=secret)
        sent_signs.append(headers['sign'])
        post(simulator, raw_body=body_bytes, headers=headers)
    text = log_path.read_text(encoding='utf-8')
    records = [json.loads(line) for line in text.splitlines()]
    assert [record['n'] for record in records] == [1, 2]
    assert [record['code'] for record in records] == [0, 1003]
    assert [record['sign_valid'] for record in records] == [True, False]
    assert records[0]['appkey'] == 'appkey-prod'
    assert ACCESS_SECRET not in text
    for sign in sent_signs:
        assert sign not in text
    assert records[0]['sign_fingerprint'] != records[1]['sign_fingerprint']


def test_a_secret_sent_in_the_clear_is_redacted_from_the_log(start_simulator, tmp_path):
    log_path = tmp_path / 'requests.jsonl'
    simulator = start_simulator(log_path=str(log_path))
    body_bytes = compact({'appkey': ACCESS_SECRET, 'messaging_product': 'whatsapp'})
    post(simulator, raw_body=body_bytes, headers=signed_headers(body_bytes, access_key=ACCESS_SECRET))
    text = log_path.read_text(encoding='utf-8')
    assert ACCESS_SECRET not in text
    assert '[REDACTED]' in text


def test_keep_alive_connection_serves_several_requests(start_simulator):
    import http.client
    simulator = start_simulator()
    connection = http.client.HTTPConnection('127.0.0.1', simulator.port, timeout=5)
    try:
        for dummy in range(3):
            body_bytes = compact({'appkey': 'appkey-dev', 'messaging_product': 'whatsapp'})
            connection.request('POST', '/api/wa/getPhone', body=body_bytes, headers=signed_headers(body_bytes))
            response = connection.getresponse()
            assert json.loads(response.read())['code'] == 0
    finally:
        connection.close()
    assert simulator.requests_seen == 3
