# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator as a program: port file, CA file, banner, clean stop on SIGTERM, bad input."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import SIMULATOR_SCRIPT, compact, signed_headers


def wait_for_file(path, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path):
            return
        time.sleep(0.05)
    raise AssertionError('%s did not appear' % path)


@pytest.fixture
def run_program():
    """Start the simulator program; make sure it is gone after the test."""
    processes = []

    def run(*arguments):
        process = subprocess.Popen([sys.executable, SIMULATOR_SCRIPT] + list(arguments), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        processes.append(process)
        return process

    yield run
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def signed_request(url, body):
    body_bytes = compact(body)
    return urllib.request.Request(url + '/api/wa/getPhone', data=body_bytes, headers=signed_headers(body_bytes), method='POST')


def test_program_serves_https_and_stops_cleanly_on_sigterm(run_program, tmp_path):
    port_file, ca_file, log_file = tmp_path / 'port', tmp_path / 'ca.pem', tmp_path / 'log.jsonl'
    process = run_program('--port', '0', '--port-file', str(port_file), '--tls', '--ca-file', str(ca_file),
                          '--log', str(log_file), '--print-credentials', '--data-shape', 'array')
    wait_for_file(str(port_file))
    port = int(port_file.read_text())
    context = ssl.create_default_context(cafile=str(ca_file))
    request = signed_request('https://127.0.0.1:%d' % port, {'appkey': 'appkey-staging', 'messaging_product': 'whatsapp'})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        envelope = json.loads(response.read())
    assert len(envelope['data']['business_phones']) == 4
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert 'listening on https://127.0.0.1:%d' % port in stdout
    assert 'NXCLOUD_ACCESS_KEY=AK-DEMO-0001' in stdout
    assert 'stopped after 1 requests' in stdout
    assert len(log_file.read_text().splitlines()) == 1


def test_program_stops_by_itself_after_max_lifetime(run_program):
    process = run_program('--max-lifetime', '0.5')
    stdout, dummy = process.communicate(timeout=15)
    assert process.returncode == 0
    assert 'listening on http://127.0.0.1:' in stdout


def test_sample_credentials_are_printed_for_the_bundled_sample(run_program):
    process = run_program('--max-lifetime', '0.2')
    stdout, dummy = process.communicate(timeout=15)
    assert 'NXCLOUD_ACCESS_SECRET=SK-demo-secret-do-not-use' in stdout
    assert 'appkey appkey-prod (prod): 4 numbers' in stdout


def test_credentials_of_other_data_files_are_only_printed_when_asked(run_program, tmp_path):
    data = tmp_path / 'data.json'
    data.write_text(json.dumps({'accounts': [{'access_key': 'AK-X', 'access_secret': 'SK-private-x'}], 'apps': [{'appkey': 'a'}]}))
    stdout, dummy = run_program('--max-lifetime', '0.2', '--data', str(data)).communicate(timeout=15)
    assert 'SK-private-x' not in stdout
    stdout, dummy = run_program('--max-lifetime', '0.2', '--data', str(data), '--print-credentials').communicate(timeout=15)
    assert 'NXCLOUD_ACCESS_SECRET=SK-private-x' in stdout


@pytest.mark.parametrize('option, content, message', [
    ('--data', 'accounts: []\napps: []\n', '"accounts" must be a non-empty list'),
    ('--data', 'accounts: [{access_key: a, access_secret: b}]\napps: [{appkey: x, phones: [{number: "+1 555"}]}]\n', 'digits only'),
    ('--faults', '- fault: teleport\n', 'fault must be one of'),
])
def test_unusable_files_exit_2_with_the_reason(run_program, tmp_path, option, content, message):
    path = tmp_path / 'file.yml'
    path.write_text(content)
    process = run_program(option, str(path))
    dummy, stderr = process.communicate(timeout=15)
    assert process.returncode == 2
    assert message in stderr


def test_ca_file_without_tls_is_a_usage_error(run_program, tmp_path):
    process = run_program('--ca-file', str(tmp_path / 'ca.pem'))
    dummy, stderr = process.communicate(timeout=15)
    assert process.returncode == 2
    assert '--ca-file needs --tls' in stderr
