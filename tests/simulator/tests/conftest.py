# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the simulator's own tests: servers on port 0 that always stop, and a client.

The client signs requests with its own few lines (not the simulator's signing module), so
that a request the simulator accepts was signed by an independent reading of the rules.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import ssl
import sys
import time

import pytest

SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)

from nxcloud_sim.data import dataset_from_mapping, load_dataset  # noqa: E402  pylint: disable=wrong-import-position
from nxcloud_sim.faults import parse_rules  # noqa: E402  pylint: disable=wrong-import-position
from nxcloud_sim.server import Simulator  # noqa: E402  pylint: disable=wrong-import-position

SAMPLE_DATA_PATH = os.path.join(SIMULATOR_DIR, 'data', 'sample.yml')
SIMULATOR_SCRIPT = os.path.join(SIMULATOR_DIR, 'nxcloud_simulator.py')
ACCESS_KEY = 'AK-DEMO-0001'
ACCESS_SECRET = 'SK-demo-secret-do-not-use'


def independent_sign(access_key, ts, body_bytes, secret, algorithm='md5', action='getPhone', biz_type='2'):
    """Sign as the provider documents, written out by hand for the tests."""
    text = ('accessKey=%s&action=%s&bizType=%s&ts=%s' % (access_key, action, biz_type, ts)).encode('utf-8')
    if body_bytes:
        text += b'&body=' + body_bytes
    text += ('&accessSecret=%s' % secret).encode('utf-8')
    return hashlib.new(algorithm, text).hexdigest()


def compact(body):
    """Return the body the way the collection's client sends it."""
    return json.dumps(body, separators=(',', ':'), ensure_ascii=False).encode('utf-8')


def signed_headers(body_bytes, access_key=ACCESS_KEY, secret=ACCESS_SECRET, ts=None, algorithm=None):
    """Return a complete, correctly signed header set for `body_bytes`."""
    ts = ts or str(int(time.time() * 1000))
    headers = {
        'Content-Type': 'application/json',
        'accessKey': access_key,
        'ts': ts,
        'bizType': '2',
        'action': 'getPhone',
        'sign': independent_sign(access_key, ts, body_bytes, secret, algorithm or 'md5'),
    }
    if algorithm:
        headers['algorithm'] = algorithm
    return headers


class Answer:
    """An HTTP answer as the tests look at it."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        """Return the body parsed as JSON."""
        return json.loads(self.body.decode('utf-8'))


def post(simulator, body=None, headers=None, raw_body=None, timeout=10, ca_pem=None, method='POST', path='/api/wa/getPhone'):
    """Send one request to `simulator` and return its Answer (signed correctly unless told otherwise)."""
    body_bytes = raw_body if raw_body is not None else compact(body if body is not None else {'appkey': 'appkey-prod', 'messaging_product': 'whatsapp'})
    headers = headers if headers is not None else signed_headers(body_bytes)
    host, port = simulator.httpd.server_address[:2]
    if simulator.certificates is not None:
        context = ssl.create_default_context()
        context.load_verify_locations(cadata=(ca_pem or simulator.certificates.ca_pem()).decode('ascii'))
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(method, path, body=body_bytes, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


@pytest.fixture(scope='session')
def sample_dataset():
    """The bundled sample data."""
    return load_dataset(SAMPLE_DATA_PATH)


@pytest.fixture
def small_dataset():
    """A tiny world: one account, one app with two numbers, one non-WhatsApp number."""
    return dataset_from_mapping({
        'accounts': [{'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET},
                     {'access_key': 'AK-OTHER', 'access_secret': 'SK-other'}],
        'not_whatsapp_numbers': ['8613900139000'],
        'apps': [
            {'appkey': 'app-one', 'access_key': ACCESS_KEY, 'phones': [
                {'number': '8613800138000', 'display_phone_number': '+86 138 0013 8000', 'status': 'CONNECTED'},
                {'number': '12025550142', 'display_phone_number': '+1 202-555-0142', 'status': 'FLAGGED'},
            ]},
            {'appkey': 'app-other-account', 'access_key': 'AK-OTHER', 'phones': [
                {'number': '447700900123', 'display_phone_number': '+44 7700 900123', 'status': 'CONNECTED'},
            ]},
        ],
    })


@pytest.fixture
def start_simulator(sample_dataset):
    """Return a function that starts a simulator (port 0) which is stopped after the test."""
    started = []

    def start(dataset=None, faults=None, **options):
        rules = parse_rules(faults) if faults is not None else None
        simulator = Simulator(dataset or sample_dataset, fault_rules=rules, **options)
        started.append(simulator)
        return simulator.start()

    yield start
    for simulator in started:
        simulator.stop()
