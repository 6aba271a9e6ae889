# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every kind of injected fault, its selectors, and the checks on fault files."""

from __future__ import annotations

import email.utils
import http.client
import json
import socket
import threading
import time

import pytest

from conftest import compact, post, signed_headers
from nxcloud_sim.faults import FaultFileError, load_rules, parse_rules

DEV_BODY = {'appkey': 'appkey-dev', 'messaging_product': 'whatsapp'}


def codes_of(simulator, count, body=None):
    """Return, per request, the result code or HTTP status of `count` requests in a row."""
    results = []
    for dummy in range(count):
        answer = post(simulator, body=body)
        results.append(answer.json()['code'] if answer.status == 200 else answer.status)
    return results


def test_latency_delays_a_normal_answer(start_simulator):
    simulator = start_simulator(faults=[{'delay': 0.4}])
    started = time.monotonic()
    assert post(simulator).json()['code'] == 0
    assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize('status', [500, 502, 503, 504, 408])
def test_http_status_is_sent_with_a_text_body(start_simulator, status):
    answer = post(start_simulator(faults=[{'fault': 'http_status', 'status': status}]))
    assert answer.status == status
    assert b'simulated HTTP %d' % status in answer.body


def test_429_carries_retry_after_in_seconds(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'http_status', 'status': 429, 'retry_after': 2}]))
    assert (answer.status, answer.headers['Retry-After']) == (429, '2')


def test_429_carries_retry_after_as_an_http_date(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'http_status', 'status': 429, 'retry_after': 'http-date+3'}]))
    when = email.utils.parsedate_to_datetime(answer.headers['Retry-After'])
    assert 1 <= when.timestamp() - time.time() <= 4


def test_retry_after_literal_is_sent_verbatim(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'http_status', 'status': 503, 'retry_after': 'soon'}]))
    assert answer.headers['Retry-After'] == 'soon'


def test_first_n_requests_fail_then_answers_come(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'http_status', 'status': 503, 'times': 2}])
    assert codes_of(simulator, 4) == [503, 503, 0, 0]


def test_requests_selector_picks_ordinals_and_ranges(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'http_status', 'status': 500, 'requests': [2, '4-5', '7-']}])
    assert codes_of(simulator, 8) == [0, 500, 0, 500, 500, 0, 500, 500]


def test_appkey_selector_matches_glob_and_leaves_other_apps_alone(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'result_code', 'code': 9001, 'appkey': 'appkey-d*'}])
    assert codes_of(simulator, 1, body=DEV_BODY) == [9001]
    assert codes_of(simulator, 1, body={'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'}) == [0]


def test_phone_selector_matches_a_requested_number(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'result_code', 'code': -1, 'phone': '12025550144'}])
    body = dict(DEV_BODY, business_phones='8613800138002, 12025550144')
    assert codes_of(simulator, 1, body=body) == [-1]
    assert codes_of(simulator, 1, body=DEV_BODY) == [0]


def test_first_matching_rule_wins(start_simulator):
    simulator = start_simulator(faults=[
        {'fault': 'result_code', 'code': 1000, 'times': 1},
        {'fault': 'result_code', 'code': 9001},
    ])
    assert codes_of(simulator, 3) == [1000, 9001, 9001]


def test_forced_result_code_replaces_the_answer(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'result_code', 'code': 1001, 'message': 'custom'}]))
    assert answer.json() == {'code': 1001, 'message': 'custom', 'data': None}


def test_forced_unknown_result_code_gets_a_generic_message(start_simulator):
    assert post(start_simulator(faults=[{'fault': 'result_code', 'code': 4242}])).json()['message'] == 'Simulated failure'


def test_dropped_connection_gets_no_answer(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'drop', 'times': 1}])
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        post(simulator)
    assert post(simulator).json()['code'] == 0


def test_hang_outlasts_the_client_timeout_and_stop_still_ends_it(start_simulator, tmp_path):
    log_path = tmp_path / 'log.jsonl'
    simulator = start_simulator(faults=[{'fault': 'hang', 'seconds': 60}], log_path=str(log_path))
    with pytest.raises(socket.timeout):
        post(simulator, timeout=0.5)
    assert json.loads(log_path.read_text())['fault'] == 'hang#1'
    started = time.monotonic()
    simulator.stop()
    assert time.monotonic() - started < 5


def test_stop_returns_while_a_client_is_still_waiting_on_a_hang(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'hang', 'seconds': 60}])
    outcome = {}

    def client():
        try:
            post(simulator, timeout=30)
        except (http.client.HTTPException, OSError) as error:
            outcome['error'] = error

    thread = threading.Thread(target=client)
    thread.start()
    time.sleep(0.3)
    simulator.stop()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert 'error' in outcome


def test_html_body_is_served_as_html(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'html'}]))
    assert answer.status == 200
    assert answer.headers['Content-Type'].startswith('text/html')
    assert answer.body.startswith(b'<!DOCTYPE html>')


def test_truncated_json_is_not_json(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'truncated_json'}]))
    with pytest.raises(ValueError):
        answer.json()
    assert answer.body.startswith(b'{"code":0')
    assert int(answer.headers['Content-Length']) == len(answer.body)


def test_truncated_json_keeps_the_bytes_asked_for(start_simulator):
    assert post(start_simulator(faults=[{'fault': 'truncated_json', 'keep': 5}])).body == b'{"cod'


def test_null_data_reports_success_without_data(start_simulator):
    assert post(start_simulator(faults=[{'fault': 'null_data'}])).json() == {'code': 0, 'message': 'Request successful', 'data': None}


def test_mutate_puts_wrong_types_into_phone_fields(start_simulator):
    fields = {'quality_rating': 5, 'verified_name': ['a', 'b'], 'status': {'value': 'CONNECTED'}, 'current_limit': None}
    data = post(start_simulator(faults=[{'fault': 'mutate', 'phone_fields': fields}]), body=DEV_BODY).json()['data']
    for entries in data.values():
        assert all(entries[0][name] == value for name, value in fields.items())


def test_mutate_adds_unknown_fields_and_values(start_simulator):
    fields = {'throughput': {'level': 'HIGH'}, 'status': 'SOMETHING_NEW'}
    data = post(start_simulator(faults=[{'fault': 'mutate', 'phone_fields': fields}])).json()['data']
    phone = data['8613800138000'][0]
    assert phone['throughput'] == {'level': 'HIGH'} and phone['status'] == 'SOMETHING_NEW'
    assert phone['verified_name'] == 'Acme Retail'


def test_mutate_drops_fields_and_omits_numbers_in_both_shapes(start_simulator):
    rule = {'fault': 'mutate', 'drop_fields': ['status'], 'omit_numbers': ['12025550142']}
    keyed = post(start_simulator(faults=[rule])).json()['data']
    assert '12025550142' not in keyed and 'status' not in keyed['8613800138000'][0]
    listed = post(start_simulator(faults=[rule], data_shape='array')).json()['data']['business_phones']
    assert len(listed) == 3 and all('status' not in phone for phone in listed)


@pytest.mark.parametrize('rule, check', [
    ({'data': []}, lambda envelope: envelope['data'] == []),
    ({'data': 'oops'}, lambda envelope: envelope['data'] == 'oops'),
    ({'entries': {'status': 'CONNECTED'}}, lambda envelope: envelope['data']['8613800138000'] == {'status': 'CONNECTED'}),
    ({'entries': 'x'}, lambda envelope: envelope['data']['8613800138000'] == 'x'),
    ({'envelope': {'code': '0', 'extra': True}}, lambda envelope: envelope['code'] == '0' and envelope['extra'] is True),
])
def test_mutate_changes_the_structure(start_simulator, rule, check):
    assert check(post(start_simulator(faults=[dict(rule, fault='mutate')])).json())


def test_data_shape_fault_switches_the_shape_for_matching_requests(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'data_shape', 'shape': 'array', 'appkey': 'appkey-dev'}])
    assert 'business_phones' in post(simulator, body=DEV_BODY).json()['data']
    assert 'business_phones' not in post(simulator).json()['data']


def test_answer_level_faults_keep_the_checks(start_simulator):
    simulator = start_simulator(faults=[{'fault': 'mutate', 'phone_fields': {'x': 1}}])
    body_bytes = compact(DEV_BODY)
    assert post(simulator, raw_body=body_bytes, headers=signed_headers(body_bytes, secret='wrong')).json()['code'] == 1003


def test_fault_name_is_logged(start_simulator, tmp_path):
    log_path = tmp_path / 'log.jsonl'
    simulator = start_simulator(faults=[{'name': 'flaky-gateway', 'fault': 'http_status', 'status': 502, 'times': 1}], log_path=str(log_path))
    codes_of(simulator, 2)
    records = [json.loads(line) for line in log_path.read_text().splitlines()]
    assert [(record['fault'], record['http_status']) for record in records] == [('flaky-gateway', 502), (None, 200)]


@pytest.mark.parametrize('rules, message', [
    ([{'fault': 'explode'}], 'fault must be one of'),
    ([{'fault': 'http_status'}], 'status must be an HTTP status code'),
    ([{'fault': 'http_status', 'status': 503, 'retry_afterr': 1}], 'unknown keys for fault http_status: retry_afterr'),
    ([{'fault': 'hang', 'seconds': 1000}], 'seconds must be a number'),
    ([{'fault': 'drop', 'requests': 'x'}], 'requests'),
    ([{'fault': 'drop', 'times': 0}], 'times must be a positive integer'),
    ([{'fault': 'mutate'}], 'mutate needs at least one of'),
    ([{'fault': 'result_code', 'code': '9001'}], 'code must be an integer'),
    ([{'fault': 'data_shape', 'shape': 'list'}], 'shape must be'),
    ({'rules': []}, 'holds only "faults"'),
    ('drop', 'holds a list of rules'),
])
def test_unusable_fault_rules_are_refused_with_the_reason(rules, message):
    with pytest.raises(FaultFileError, match=message):
        parse_rules(rules)


def test_fault_file_is_read_from_yaml_and_json(tmp_path):
    yaml_path = tmp_path / 'faults.yml'
    yaml_path.write_text('faults:\n  - fault: drop\n    times: 1\n')
    json_path = tmp_path / 'faults.json'
    json_path.write_text(json.dumps([{'fault': 'null_data'}]))
    assert [rule['fault'] for rule in load_rules(str(yaml_path)) + load_rules(str(json_path))] == ['drop', 'null_data']


def test_bundled_fault_files_parse(tmp_path):
    import glob
    import os
    from conftest import SIMULATOR_DIR
    paths = sorted(glob.glob(os.path.join(SIMULATOR_DIR, 'faults', '*.yml')))
    assert paths, 'tests/simulator/faults/ should hold example fault files'
    for path in paths:
        assert load_rules(path), path


def read_raw_answer(simulator, seconds):
    """Send a signed request on a raw socket and return (bytes received within `seconds`, whether the answer ended)."""
    body = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    request = 'POST /api/wa/getPhone HTTP/1.1\r\nHost: sim\r\nContent-Length: %d\r\n' % len(body)
    request += ''.join('%s: %s\r\n' % item for item in signed_headers(body).items()) + '\r\n'
    connection = socket.create_connection(simulator.httpd.server_address[:2], timeout=seconds)
    received = b''
    ended = False
    deadline = time.monotonic() + seconds
    try:
        connection.sendall(request.encode('latin-1') + body)
        while time.monotonic() < deadline:
            connection.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                ended = True
                break
            received += chunk
    finally:
        connection.close()
    return received, ended


@pytest.mark.parametrize('phase, before', [('status', 0), ('headers', len(b'HTTP/1.1 200 OK\r\n')), ('body', None)])
def test_drip_sends_the_answer_one_byte_at_a_time_from_its_phase(start_simulator, phase, before):
    simulator = start_simulator(faults=[{'fault': 'drip', 'phase': phase, 'interval': 0.2}])
    received, ended = read_raw_answer(simulator, 1.1)
    assert not ended
    head_length = received.find(b'\r\n\r\n') + 4 if phase == 'body' else before
    # what came at once, plus about one byte per interval (the timing is loose for a loaded machine)
    assert head_length <= len(received) <= head_length + 7
    assert received.startswith(b'HTTP/1.1 200'[:len(received)])


def test_padded_answer_is_valid_json_followed_by_spaces(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'padded', 'mb': 1}]))
    assert len(answer.body) > 1024 * 1024 and answer.json()['code'] == 0


def test_padded_gzip_answer_is_a_small_body_that_inflates_to_its_size(start_simulator):
    import gzip
    answer = post(start_simulator(faults=[{'fault': 'padded', 'mb': 8, 'gzip': True}]))
    assert answer.headers['Content-Encoding'] == 'gzip'
    assert len(answer.body) < 64 * 1024
    inflated = gzip.decompress(answer.body)
    assert len(inflated) > 8 * 1024 * 1024 and json.loads(inflated.decode('utf-8'))['code'] == 0


def test_echo_puts_the_received_headers_in_a_result_code_message(start_simulator):
    body = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    headers = signed_headers(body)
    headers['Authorization'] = 'Basic dXNlcjpwYXNz'
    answer = post(start_simulator(faults=[{'fault': 'echo'}]), raw_body=body, headers=headers)
    message = answer.json()['message']
    assert answer.json()['code'] == 1003
    assert headers['sign'] in message and 'Basic dXNlcjpwYXNz' in message


def test_echo_into_an_http_body(start_simulator):
    body = compact({'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    headers = signed_headers(body)
    answer = post(start_simulator(faults=[{'fault': 'echo', 'into': 'http_body'}]), raw_body=body, headers=headers)
    assert answer.status == 400 and headers['sign'].encode('ascii') in answer.body


def test_raw_sends_its_body_verbatim(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'raw', 'body': '{"code":0,"data":{"1":[{"verified_name":"\\ud800"}]}}'}]))
    assert answer.body == b'{"code":0,"data":{"1":[{"verified_name":"\\ud800"}]}}'


def test_raw_nesting_sends_deeply_nested_json(start_simulator):
    answer = post(start_simulator(faults=[{'fault': 'raw', 'nesting': 5000}]))
    assert answer.body.count(b'[') == 5000 and answer.body.endswith(b']' * 5000 + b'}')


@pytest.mark.parametrize('rule, words', [
    ({'fault': 'drip', 'phase': 'trailer'}, 'phase must be one of'),
    ({'fault': 'drip', 'interval': 0}, 'interval must be seconds'),
    ({'fault': 'padded'}, 'mb must be MiB'),
    ({'fault': 'padded', 'mb': 1, 'gzip': 'yes'}, 'gzip must be true or false'),
    ({'fault': 'echo', 'into': 'log'}, 'into must be'),
    ({'fault': 'raw'}, 'raw needs exactly one of body, nesting'),
    ({'fault': 'raw', 'nesting': 0}, 'nesting must be a depth'),
])
def test_new_fault_kinds_check_their_options(rule, words):
    with pytest.raises(FaultFileError) as info:
        parse_rules([rule])
    assert words in str(info.value)
