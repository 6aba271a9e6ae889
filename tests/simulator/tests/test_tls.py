# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTPS with a CA generated per run: trusted through that CA only."""

from __future__ import annotations

import ssl

import pytest
import trustme

from conftest import post


def test_https_answer_with_the_run_ca(start_simulator):
    simulator = start_simulator(tls=True)
    assert simulator.url.startswith('https://127.0.0.1:')
    assert post(simulator).json()['code'] == 0


def test_https_refused_with_another_ca(start_simulator):
    simulator = start_simulator(tls=True)
    with pytest.raises(ssl.SSLCertVerificationError):
        post(simulator, ca_pem=trustme.CA().cert_pem.bytes())


def test_each_run_has_its_own_ca(start_simulator):
    first, second = start_simulator(tls=True), start_simulator(tls=True)
    assert first.certificates.ca_pem() != second.certificates.ca_pem()
    with pytest.raises(ssl.SSLCertVerificationError):
        post(second, ca_pem=first.certificates.ca_pem())


def test_certificate_names_localhost_too(start_simulator):
    import http.client
    simulator = start_simulator(tls=True)
    context = ssl.create_default_context(cadata=simulator.certificates.ca_pem().decode('ascii'))
    connection = http.client.HTTPSConnection('localhost', simulator.port, timeout=5, context=context)
    try:
        connection.request('GET', '/api/wa/getPhone')
        assert connection.getresponse().status == 405
    finally:
        connection.close()


def test_failed_handshake_is_logged_and_the_server_goes_on(start_simulator, tmp_path):
    log_path = tmp_path / 'log.jsonl'
    simulator = start_simulator(tls=True, log_path=str(log_path))
    with pytest.raises(ssl.SSLCertVerificationError):
        post(simulator, ca_pem=trustme.CA().cert_pem.bytes())
    assert post(simulator).json()['code'] == 0
    assert 'tls_handshake_failed' in log_path.read_text()
