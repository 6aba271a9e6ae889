# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""nxcloud.whatsapp.phone_state under a real ansible-rulebook, against the simulator while its data changes.

The collection is built and installed by ansible-galaxy into a temporary collections path, and
ansible-rulebook runs with no PYTHONPATH: the source must import the collection's client from
the tree it was installed in. Every run is at -vv (source arguments logged) and its whole output
is scanned for the access secrets and the signatures the simulator received
(tests/integration/targets/setup_nxcloud_simulator/scan_for_secrets.py).

Needs ansible-rulebook, ansible-core and a Java 17 runtime (`nox -s eda-rulebook`, `make eda`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

COLLECTION = Path(__file__).resolve().parents[2]
SIMULATOR = COLLECTION / 'tests' / 'simulator' / 'nxcloud_simulator.py'
SAMPLE = COLLECTION / 'tests' / 'simulator' / 'data' / 'sample.yml'
SCAN = COLLECTION / 'tests' / 'integration' / 'targets' / 'setup_nxcloud_simulator' / 'scan_for_secrets.py'
BIN = Path(sys.executable).parent
ACCESS_KEY = 'AK-DEMO-0001'
SECRET = 'SK-demo-secret-do-not-use'
ROTATED_SECRET = 'SK-rotated-secret-do-not-use'
PROD_NUMBERS = ['8613800138000', '12025550142', '447700900123', '61491570156']
EVENT_LINE = re.compile(r'NXEVENT (\{".*\})\s*$')
# What ansible-rulebook logs at -vv when the example's rule fires, and when a playbook run ends.
RULE_FIRED = 'callback calling A number turned RED or left CONNECTED'
JOB_DONE = 'Ansible runner rc:'

# Every event, one line of JSON each (Jinja's tojson is a builtin filter of ansible-rulebook's templates).
RECORDING_RULEBOOK = '''
- name: Record the events of nxcloud.whatsapp.phone_state
  hosts: all
  sources:
    - nxcloud.whatsapp.phone_state:
%(args)s
  rules:
    - name: Record
      condition: event.nxcloud_phone is defined
      action:
        debug:
          msg: "NXEVENT {{ event.nxcloud_phone | tojson }}"
'''


@pytest.fixture(autouse=True)
def java_installed():
    """make test installs Java (DEBIAN_TOOLS in the Makefile): its absence is a failure, not a skip."""
    if shutil.which('java') is None:
        pytest.fail('java is not installed, and ansible-rulebook needs a Java 17 runtime: apt-get install openjdk-17-jre-headless '
                    '(make test installs it, DEBIAN_TOOLS in the Makefile)')


def wait_for(predicate, timeout, what):
    """Poll ``predicate`` until it is true; fail the test with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError('timed out after %s s waiting for %s' % (timeout, what))


def write_data(path, data):
    """Replace the simulator's data file atomically (it reloads a file that changed on disk)."""
    partial = path.with_suffix('.partial')
    partial.write_text(yaml.safe_dump(data, sort_keys=False), encoding='utf-8')
    os.replace(partial, path)


def sample_data():
    return yaml.safe_load(SAMPLE.read_text(encoding='utf-8'))


def prod_phone(data, number):
    app = next(app for app in data['apps'] if app['appkey'] == 'appkey-prod')
    return next(phone for phone in app['phones'] if phone['number'] == number)


@pytest.fixture(scope='module')
def collections_path(tmp_path_factory):
    """The collection as users get it: built to a tarball and installed by ansible-galaxy."""
    work = tmp_path_factory.mktemp('galaxy')
    env = dict(os.environ, ANSIBLE_GALAXY_SERVER_LIST='none', ANSIBLE_GALAXY_SERVER_NONE_URL='http://127.0.0.1:9/')
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'build', '--output-path', str(work / 'dist'), str(COLLECTION)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    tarball = next((work / 'dist').glob('nxcloud-whatsapp-*.tar.gz'))
    installed = work / 'collections'
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'install', '--no-deps', '-p', str(installed), str(tarball)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    assert (installed / 'ansible_collections/nxcloud/whatsapp/extensions/eda/plugins/event_source/phone_state.py').is_file()
    return installed


class Simulator:
    """The NxCloud simulator on a free loopback port, with its own data file and request log."""

    def __init__(self, work, data):
        self.work = work
        self.data_file = work / 'data.yml'
        self.log = work / 'requests.jsonl'
        self.data_files = []
        self.write(data)
        port_file = work / 'port'
        self.process = subprocess.Popen([sys.executable, str(SIMULATOR), '--port', '0', '--port-file', str(port_file),
                                         '--data', str(self.data_file), '--log', str(self.log), '--max-lifetime', '600'],
                                        stdout=open(work / 'simulator.out', 'wb'), stderr=subprocess.STDOUT)
        wait_for(lambda: port_file.is_file() and port_file.read_text().strip(), 30, 'the simulator to listen')
        self.url = 'http://127.0.0.1:%s' % port_file.read_text().strip()

    def write(self, data):
        """Give the simulator new data; every version is kept for the secrets scan."""
        write_data(self.data_file, data)
        kept = self.work / ('data-%d.yml' % len(self.data_files))
        shutil.copy(self.data_file, kept)
        self.data_files.append(kept)

    def requests(self):
        if not self.log.is_file():
            return 0
        return len(self.log.read_text(encoding='utf-8').splitlines())

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


@pytest.fixture
def simulator(tmp_path):
    started = []

    def start(data):
        started.append(Simulator(tmp_path, data))
        return started[-1]

    yield start
    for sim in started:
        sim.stop()


class Rulebook:
    """ansible-rulebook in the background, at -vv, its whole output in one file."""

    def __init__(self, work, collections_path, rulebook, env=None, extra_args=()):
        self.output = work / 'ansible-rulebook.out'
        child_env = dict((name, value) for name, value in os.environ.items()
                         if name != 'PYTHONPATH' and not name.startswith('NXCLOUD_'))
        child_env.update(ANSIBLE_COLLECTIONS_PATH=str(collections_path), PATH='%s:%s' % (BIN, os.environ.get('PATH', '')),
                         NO_PROXY='127.0.0.1,localhost', NO_COLOR='1', ANSIBLE_NOCOLOR='1', ANSIBLE_LOCAL_TEMP=str(work / 'tmp'))
        child_env.update(env or {})
        inventory = work / 'inventory.yml'
        inventory.write_text('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
                             '      ansible_python_interpreter: %s\n' % sys.executable)
        command = [str(BIN / 'ansible-rulebook'), '-vv', '-i', str(inventory)]
        command += ['--rulebook', str(rulebook)] if isinstance(rulebook, Path) else ['--rulebook', rulebook]
        command += list(extra_args)
        self.process = subprocess.Popen(command, cwd=str(work), env=child_env, stdout=open(self.output, 'wb'),
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def text(self):
        return self.output.read_text(encoding='utf-8', errors='replace')

    def events(self):
        return [json.loads(match.group(1)) for match in map(EVENT_LINE.search, self.text().splitlines()) if match]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(30)


@pytest.fixture
def rulebook(tmp_path, collections_path):
    started = []

    def start(source_args=None, rulebook_ref=None, env=None, extra_args=()):
        if rulebook_ref is None:
            args = '\n'.join('        %s: %s' % (name, json.dumps(value)) for name, value in (source_args or {}).items())
            rulebook_ref = tmp_path / 'rulebook.yml'
            rulebook_ref.write_text(RECORDING_RULEBOOK % {'args': args or '        {}'})
        started.append(Rulebook(tmp_path, collections_path, rulebook_ref,
                                env=dict({'NXCLOUD_ACCESS_KEY': ACCESS_KEY, 'NXCLOUD_ACCESS_SECRET': SECRET}, **(env or {})),
                                extra_args=extra_args))
        return started[-1]

    yield start
    for run in started:
        run.stop()


def assert_no_secret(sim, *outputs):
    """Fail if an access secret or a signature the simulator received shows in the outputs; prove the scan first."""
    command = [sys.executable, str(SCAN)] + sum((['--data', str(path)] for path in sim.data_files), []) + ['--log', str(sim.log)]
    planted = sim.work / 'planted.txt'
    planted.write_text('access_secret=%s\n' % SECRET)
    assert subprocess.run(command + [str(planted)], stdout=subprocess.DEVNULL, check=False).returncode != 0, 'the scan misses a planted secret'
    scan = subprocess.run(command + [str(path) for path in outputs], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert scan.returncode == 0, scan.stdout


def test_snapshot_then_one_event_per_change_and_silence_in_between(simulator, rulebook):
    data = sample_data()
    sim = simulator(data)
    run = rulebook({'appkey': 'appkey-prod', 'environment': 'prod', 'api_url': sim.url, 'interval': 1})

    wait_for(lambda: len(run.events()) >= 4 or run.process.poll() is not None, 120, 'the snapshot events\n' + run.text()[-3000:])
    snapshot = run.events()
    assert sorted(event['number'] for event in snapshot) == sorted(PROD_NUMBERS), run.text()[-3000:]
    assert {(event['kind'], event['environment']) for event in snapshot} == {('snapshot', 'prod')}
    au = next(event for event in snapshot if event['number'] == '61491570156')
    assert au['phone']['quality_rating'] == 'RED' and au['changes'] == []

    # No storm: several polls reach the service, no event comes of them.
    polled = sim.requests()
    wait_for(lambda: sim.requests() >= polled + 4, 30, 'four more polls')
    assert len(run.events()) == 4

    prod_phone(data, '8613800138000')['quality_rating'] = 'RED'
    prod_phone(data, '12025550142')['status'] = 'FLAGGED'
    sim.write(data)
    wait_for(lambda: len(run.events()) >= 6, 30, 'the changed events\n' + run.text()[-3000:])
    changed = dict((event['number'], event) for event in run.events()[4:])
    assert changed['8613800138000']['kind'] == 'changed'
    assert changed['8613800138000']['changes'] == [{'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED'}]
    assert changed['12025550142']['changes'] == [{'field': 'status', 'before': 'CONNECTED', 'after': 'FLAGGED'}]
    assert changed['12025550142']['phone']['status'] == 'FLAGGED'

    polled = sim.requests()
    wait_for(lambda: sim.requests() >= polled + 4, 30, 'four more polls after the change')
    assert len(run.events()) == 6, 'events after the change settled: %s' % run.events()[6:]
    assert run.process.poll() is None, 'ansible-rulebook ended on its own'
    run.stop()
    assert 'appkey-prod' in run.text()  # the arguments were logged (-vv) ...
    assert_no_secret(sim, run.output)  # ... and the secret, which came from the environment, was not


def test_a_rejected_secret_gives_error_events_with_back_off_and_the_source_recovers(simulator, rulebook):
    data = sample_data()
    data['accounts'][0]['access_secret'] = ROTATED_SECRET
    sim = simulator(data)
    run = rulebook({'appkey': 'appkey-prod', 'api_url': sim.url, 'interval': 1, 'retries': 0})

    wait_for(lambda: len(run.events()) >= 2 or run.process.poll() is not None, 120, 'two error events\n' + run.text()[-3000:])
    first, second = run.events()[:2]
    assert (first['kind'], first['number'], first['phone'], first['result_code']) == ('error', None, None, 1003)
    assert first['environment'] == 'appkey-prod'
    assert 'check access_secret' in first['message']
    assert (first['failures'], first['retry_in'], second['failures'], second['retry_in']) == (1, 1.0, 2, 2.0)

    sim.write(sample_data())  # the secret the source has is the account's again
    wait_for(lambda: any(event['kind'] == 'snapshot' for event in run.events()), 60, 'the snapshot after the recovery')
    kinds = [event['kind'] for event in run.events()]
    assert set(kinds[:kinds.index('snapshot')]) == {'error'}
    assert run.process.poll() is None, 'ansible-rulebook ended on its own'
    run.stop()
    assert_no_secret(sim, run.output)


def test_an_unreachable_service_is_an_error_event_not_an_end(tmp_path, rulebook):
    run = rulebook({'appkey': 'appkey-prod', 'api_url': 'http://127.0.0.1:9', 'interval': 1, 'retries': 0})
    wait_for(lambda: len(run.events()) >= 2 or run.process.poll() is not None, 120, 'two error events\n' + run.text()[-3000:])
    event = run.events()[0]
    assert event['kind'] == 'error' and 'api_url' in event['message'] and '127.0.0.1:9' in event['message']
    assert run.process.poll() is None
    run.stop()
    assert SECRET not in run.text()


def test_a_missing_argument_ends_the_rulebook_with_a_message_naming_it(tmp_path, rulebook):
    run = rulebook({'api_url': 'http://127.0.0.1:9', 'interval': 1})
    wait_for(lambda: run.process.poll() is not None, 120, 'ansible-rulebook to end')
    assert run.process.returncode != 0
    assert 'missing required arguments: appkey' in run.text()
    assert SECRET not in run.text()


def results_in(value):
    """Yield every result ({number, check, status ...}) anywhere in a JSON report."""
    if isinstance(value, dict):
        if {'number', 'check', 'status'} <= set(value):
            yield value
        for item in value.values():
            yield from results_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from results_in(item)


def test_the_example_rulebook_rechecks_a_number_that_turns_red_with_the_compliance_role(simulator, rulebook, tmp_path):
    data = sample_data()
    sim = simulator(data)
    reports = tmp_path / 'reports'
    (tmp_path / 'vars.yml').write_text('nxcloud_environment: prod\nnxcloud_phone_state_interval: 1\n')
    run = rulebook(rulebook_ref='nxcloud.whatsapp.phone_state_alerts',
                   env={'NXCLOUD_APPKEY': 'appkey-prod', 'NXCLOUD_API_URL': sim.url, 'NXCLOUD_REPORT_DIR': str(reports)},
                   extra_args=['--vars', str(tmp_path / 'vars.yml')])
    # The snapshot (the AU number is RED already) starts no job: only a change does.
    wait_for(lambda: sim.requests() >= 3 or run.process.poll() is not None, 120, 'three polls\n' + run.text()[-3000:])
    assert run.text().count(RULE_FIRED) == 0 and not reports.exists()

    prod_phone(data, '8613800138000')['quality_rating'] = 'RED'
    sim.write(data)
    report = reports / 'phone-compliance.json'
    wait_for(lambda: report.is_file() and JOB_DONE in run.text(), 180, 'the recheck job and its report\n' + run.text()[-3000:])
    results = list(results_in(json.loads(report.read_text())))
    assert {result['number'] for result in results} == {'8613800138000'}
    assert any(result['check'] == 'quality_rating' and result['status'] == 'failed' for result in results), results

    # A number leaving CONNECTED starts a job too; a change of its display name alone does not.
    prod_phone(data, '12025550142')['status'] = 'FLAGGED'
    prod_phone(data, '447700900123')['verified_name'] = 'Acme Retail United Kingdom'
    sim.write(data)
    wait_for(lambda: run.text().count(JOB_DONE) >= 2, 180, 'the second recheck job\n' + run.text()[-3000:])
    polled = sim.requests()
    wait_for(lambda: sim.requests() >= polled + 3, 60, 'three more polls')
    assert run.text().count(RULE_FIRED) == 2
    results = list(results_in(json.loads(report.read_text())))
    assert {result['number'] for result in results} == {'12025550142'}
    assert any(result['check'] == 'status' and result['status'] == 'failed' for result in results), results
    assert run.process.poll() is None, 'ansible-rulebook ended with the job'
    run.stop()
    assert_no_secret(sim, run.output)


def test_the_source_file_alone_says_to_install_the_collection(tmp_path, collections_path):
    """Outside an ansible_collections tree nothing can be imported: the message says what to do."""
    installed = collections_path / 'ansible_collections/nxcloud/whatsapp/extensions/eda/plugins/event_source/phone_state.py'
    alone = tmp_path / 'phone_state.py'
    shutil.copy(installed, alone)
    env = dict((name, value) for name, value in os.environ.items() if name != 'PYTHONPATH')
    run = subprocess.run([sys.executable, '-c', 'import runpy, sys; runpy.run_path(sys.argv[1])', str(alone)], cwd=str(tmp_path), env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert run.returncode != 0
    assert 'ansible-galaxy collection install' in run.stdout and "No module named 'ansible_collections'" not in run.stdout.splitlines()[-1]
    # The same file where ansible-galaxy installed it imports the collection's client.
    run = subprocess.run([sys.executable, '-c', 'import runpy, sys; print(sorted(runpy.run_path(sys.argv[1])["PhoneStateWatch"].__dict__)[:1])',
                          str(installed)], cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert run.returncode == 0, run.stdout
