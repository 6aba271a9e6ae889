# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Data that changes while the simulator runs: the data file is read again when it changes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import yaml

from conftest import SIMULATOR_SCRIPT, post
from nxcloud_sim.data import load_dataset

ACCESS_KEY = 'AK-DEMO-0001'


def world(quality, numbers=('8613800138000',), secret='SK-demo-secret-do-not-use'):
    """A one-app world whose numbers all have `quality`."""
    return {
        'accounts': [{'access_key': ACCESS_KEY, 'access_secret': secret}],
        'apps': [{'appkey': 'appkey-prod', 'access_key': ACCESS_KEY, 'environment': 'prod', 'phones': [
            {'number': number, 'display_phone_number': '+%s' % number, 'quality_rating': quality, 'status': 'CONNECTED'}
            for number in numbers]}],
    }


def replace_file(path, mapping):
    """Write `mapping` as YAML to `path` the way the docs ask: a temporary file renamed over it."""
    temporary = '%s.tmp' % path
    with open(temporary, 'w', encoding='utf-8') as output:
        yaml.safe_dump(mapping, output)
    os.replace(temporary, path)


def qualities(answer):
    return dict((number, items[0]['quality_rating']) for number, items in answer.json()['data'].items())


def test_a_changed_data_file_is_answered_from_the_next_request(start_simulator, tmp_path):
    path = str(tmp_path / 'world.yml')
    replace_file(path, world('GREEN'))
    simulator = start_simulator(dataset=load_dataset(path), data_path=path, load_data=load_dataset)
    assert qualities(post(simulator)) == {'8613800138000': 'GREEN'}
    replace_file(path, world('RED', numbers=('8613800138000', '12025550142')))
    assert qualities(post(simulator)) == {'8613800138000': 'RED', '12025550142': 'RED'}
    assert simulator.data_reloads == 1


def test_an_unchanged_file_is_not_read_again(start_simulator, tmp_path):
    path = str(tmp_path / 'world.yml')
    replace_file(path, world('GREEN'))
    calls = []

    def counting_load(file_path):
        calls.append(file_path)
        return load_dataset(file_path)

    simulator = start_simulator(dataset=load_dataset(path), data_path=path, load_data=counting_load)
    for dummy in range(3):
        assert post(simulator).json()['code'] == 0
    assert calls == [] and simulator.data_reloads == 0


def test_a_broken_data_file_keeps_the_last_good_data(start_simulator, tmp_path, capsys):
    path = str(tmp_path / 'world.yml')
    replace_file(path, world('YELLOW'))
    simulator = start_simulator(dataset=load_dataset(path), data_path=path, load_data=load_dataset)
    with open(path, 'w', encoding='utf-8') as broken:
        broken.write('apps: [unterminated\n')
    assert qualities(post(simulator)) == {'8613800138000': 'YELLOW'}
    assert 'keeping the previous data' in capsys.readouterr().err


def test_a_secret_from_reloaded_data_is_scrubbed_from_the_log(start_simulator, tmp_path):
    path = str(tmp_path / 'world.yml')
    log_path = str(tmp_path / 'requests.jsonl')
    replace_file(path, world('GREEN'))
    simulator = start_simulator(dataset=load_dataset(path), data_path=path, load_data=load_dataset, log_path=log_path)
    replace_file(path, world('GREEN', secret='SK-rotated-secret'))
    post(simulator)  # signed with the old secret: refused, and its line written
    with open(log_path, encoding='utf-8') as log_file:
        assert 'SK-rotated-secret' not in log_file.read()
    assert 'SK-rotated-secret' in simulator.log.secrets


def test_the_command_line_simulator_follows_its_data_file(tmp_path):
    path = str(tmp_path / 'world.yml')
    port_file = str(tmp_path / 'port')
    replace_file(path, world('GREEN'))
    process = subprocess.Popen([sys.executable, SIMULATOR_SCRIPT, '--data', path, '--port-file', port_file, '--max-lifetime', '60'],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file) and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(port_file, encoding='ascii') as port_text:
            port = int(port_text.read())

        class Target:  # what `post` needs of a simulator
            httpd = type('Server', (), {'server_address': ('127.0.0.1', port)})
            certificates = None

        assert qualities(post(Target)) == {'8613800138000': 'GREEN'}
        replace_file(path, world('RED'))
        assert qualities(post(Target)) == {'8613800138000': 'RED'}
    finally:
        process.terminate()
        process.wait(timeout=30)
