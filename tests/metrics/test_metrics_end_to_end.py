# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The metrics end to end: the role writes phone-compliance.prom (checked by promtool) and pushes to a real Pushgateway.

The tests run in file order and build on each other (one simulator, one Pushgateway for the
module): a first run of every environment, then runs of one environment while the service's
data changes. See README.md.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest
import yaml

from prometheus_client.parser import text_string_to_metric_families

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SIMULATOR_DIR = os.path.join(REPO_ROOT, 'tests', 'simulator')
OUTPUT_DIR = os.path.join(REPO_ROOT, 'tests', 'output', 'metrics')
if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)

from nxcloud_sim.data import load_dataset  # noqa: E402  pylint: disable=wrong-import-position
from nxcloud_sim.server import Simulator  # noqa: E402  pylint: disable=wrong-import-position

ANSIBLE_BIN = os.path.dirname(sys.executable)
ACCESS_KEY = 'AK-METRICS-01'
ACCESS_SECRET = 'SK-metrics-Secret-91c2e7'
USERNAME = 'ansible'
PASSWORD = 'PG-metrics-Secret-4b1d'
# bcrypt of PASSWORD (cost 10), for the Pushgateway's web config: the suite needs no bcrypt library.
PASSWORD_BCRYPT = '$2b$10$Sm3U/.7ANNgLbbBt..ZoduCC1vlcJ9ri1668og3J77Yd9LELnMEWW'
TOKEN = base64.b64encode(('%s:%s' % (USERNAME, PASSWORD)).encode()).decode()
JOB = 'nxcloud_whatsapp_phone_compliance'
PROD_A, PROD_B, STAGING_A = '8613800138200', '12025550177', '447700900177'


def phone(number, **fields):
    entry = {'number': number, 'display_phone_number': '+' + number, 'verified_name': 'Metrics "%s"\\ Ltd' % number[-3:],
             'quality_rating': 'GREEN', 'name_status': 'APPROVED', 'status': 'CONNECTED', 'current_limit': 'TIER_1K',
             'code_verification_status': 'VERIFIED'}
    entry.update(fields)
    return entry


def world(prod_phones, staging_phones):
    return {'accounts': [{'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET}],
            'apps': [{'appkey': 'appkey-metrics-prod', 'access_key': ACCESS_KEY, 'phones': prod_phones},
                     {'appkey': 'appkey-metrics-staging', 'access_key': ACCESS_KEY, 'phones': staging_phones}]}


def tool(name, package):
    path = shutil.which(name)
    if not path:
        pytest.fail('%s is not installed: apt-get install %s (make test installs it, DEBIAN_TOOLS in the Makefile)' % (name, package))
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class Gateway(object):
    """A real Pushgateway on a free loopback port, with basic auth."""

    def __init__(self, work_dir):
        binary = tool('prometheus-pushgateway', 'prometheus-pushgateway')
        self.url = 'http://127.0.0.1:%d' % free_port()
        config = os.path.join(work_dir, 'pushgateway-web.yml')
        with open(config, 'w', encoding='utf-8') as handle:
            yaml.safe_dump({'basic_auth_users': {USERNAME: PASSWORD_BCRYPT}}, handle)
        self.log = open(os.path.join(work_dir, 'pushgateway.log'), 'wb')
        self.process = subprocess.Popen([binary, '--web.listen-address=' + self.url[len('http://'):], '--web.config.file=' + config,
                                         '--persistence.file=' + os.path.join(work_dir, 'pushgateway.data')],
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.get('/-/ready')
                break
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail('the Pushgateway did not start; see %s' % self.log.name)
                time.sleep(0.2)

    def get(self, path):
        request = urllib.request.Request(self.url + path, headers={'Authorization': 'Basic ' + TOKEN})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode('utf-8')

    def groups(self):
        """Return {environment: {(series, number or status or ''): value, 'push_time': seconds}} of our job, from /metrics."""
        found = {}
        for family in text_string_to_metric_families(self.get('/metrics')):
            for sample in family.samples:
                if sample.labels.get('job') != JOB:
                    continue
                group = found.setdefault(sample.labels['environment'], {})
                detail = sample.labels.get('number') or sample.labels.get('status') or ''
                group[(sample.name, detail)] = sample.value
                if sample.name == 'nxcloud_whatsapp_phone_info':
                    group[('quality_label', detail)] = sample.labels['quality_rating']
                    group[('verified_name', detail)] = sample.labels['verified_name']
        return found

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


class World(object):
    """The simulator (data file changed between runs), the Pushgateway, and the playbook runs."""

    def __init__(self):
        shutil.rmtree(OUTPUT_DIR, ignore_errors=True)
        os.makedirs(OUTPUT_DIR)
        self.collections = tempfile.mkdtemp(prefix='nxcloud-metrics-collections-')
        os.makedirs(os.path.join(self.collections, 'ansible_collections', 'nxcloud'))
        os.symlink(REPO_ROOT, os.path.join(self.collections, 'ansible_collections', 'nxcloud', 'whatsapp'))
        self.data_path = os.path.join(OUTPUT_DIR, 'simulator-data.json')
        self.set_data(world([phone(PROD_A), phone(PROD_B, quality_rating='YELLOW')], [phone(STAGING_A, current_limit='TIER_UNLIMITED')]))
        self.simulator = Simulator(load_dataset(self.data_path), data_path=self.data_path, load_data=load_dataset).start()
        self.gateway = Gateway(OUTPUT_DIR)
        self.runs = 0

    def set_data(self, mapping):
        temporary = self.data_path + '.new'
        with open(temporary, 'w', encoding='utf-8') as handle:
            json.dump(mapping, handle)
        os.replace(temporary, self.data_path)  # the simulator reads a changed file before its next answer
        time.sleep(0.01)

    def run(self, limit=None, pushgateway_url=None, on_error='fail', verbosity=0, reports_of_their_own=False):
        """Run the role; return (exit status, stdout + stderr, work directory).

        The reports go to one directory for every run, as a scheduled job's do (the .prom file
        replaced each time), unless ``reports_of_their_own``: then to the run's work directory.
        """
        self.runs += 1
        work_dir = os.path.join(OUTPUT_DIR, 'run-%d' % self.runs)
        os.makedirs(work_dir)
        self.reports_dir = os.path.join(work_dir if reports_of_their_own else OUTPUT_DIR, 'reports')
        inventory = os.path.join(work_dir, 'inventory.yml')
        with open(inventory, 'w', encoding='utf-8') as handle:
            yaml.safe_dump({'all': {'hosts': {'prod': {'phone_compliance_appkey': 'appkey-metrics-prod'},
                                              'staging': {'phone_compliance_appkey': 'appkey-metrics-staging'}}}}, handle)
        variables = work_dir + '.vars.json'  # beside the work directory: it holds the secrets, which no output may
        with open(variables, 'w', encoding='utf-8') as handle:
            json.dump({'metrics_access_key': ACCESS_KEY, 'metrics_access_secret': ACCESS_SECRET, 'metrics_api_url': self.simulator.url,
                       'metrics_reports_dir': self.reports_dir, 'metrics_pushgateway_url': pushgateway_url or self.gateway.url,
                       'metrics_pushgateway_username': USERNAME, 'metrics_pushgateway_password': PASSWORD,
                       'metrics_pushgateway_on_error': on_error}, handle)
        command = [os.path.join(ANSIBLE_BIN, 'ansible-playbook'), '-i', inventory, '-e', '@' + variables,
                   os.path.join(HERE, 'playbooks', 'report.yml')]
        if limit:
            command += ['--limit', limit]
        if verbosity:
            command.append('-' + 'v' * verbosity)
        environment = dict((name, value) for name, value in os.environ.items() if not name.startswith(('NXCLOUD_', 'ANSIBLE_')))
        environment.update(ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='0',
                           PATH=ANSIBLE_BIN + os.pathsep + os.environ.get('PATH', ''))
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment,
                                   cwd=work_dir, timeout=300, check=False)
        output = completed.stdout.decode('utf-8', 'replace')
        with open(os.path.join(work_dir, 'output.txt'), 'w', encoding='utf-8') as handle:
            handle.write(output)
        return completed.returncode, output, work_dir

    def close(self):
        self.gateway.stop()
        self.simulator.stop()
        shutil.rmtree(self.collections, ignore_errors=True)


@pytest.fixture(scope='module')
def metrics_world():
    created = World()
    yield created
    created.close()


def prom_file(metrics_world):
    """Return the path of the .prom file of the last run."""
    return os.path.join(metrics_world.reports_dir, 'phone-compliance.prom')


def assert_no_secret(texts):
    for text in texts:
        for secret in (PASSWORD, TOKEN, ACCESS_SECRET):
            assert secret not in text


def test_every_environment_is_written_checked_by_promtool_and_pushed_in_its_own_group(metrics_world):
    promtool = tool('promtool', 'prometheus')
    rc, output, _work_dir = metrics_world.run()
    assert rc == 0, output
    with open(prom_file(metrics_world), encoding='utf-8') as handle:
        exposition = handle.read()
    check = subprocess.run([promtool, 'check', 'metrics'], input=exposition.encode(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           check=False)
    assert check.returncode == 0, check.stdout.decode()
    assert check.stdout.decode().strip() == '', 'promtool found lint problems: %s' % check.stdout.decode()
    assert 'nxcloud_whatsapp_phone_quality_rating{environment="prod",number="%s"} 1.0' % PROD_B in exposition

    groups = metrics_world.gateway.groups()
    assert sorted(groups) == ['prod', 'staging']
    prod, staging = groups['prod'], groups['staging']
    assert prod[('nxcloud_whatsapp_phone_quality_rating', PROD_A)] == 2
    assert prod[('nxcloud_whatsapp_phone_quality_rating', PROD_B)] == 1
    assert prod[('verified_name', PROD_A)] == 'Metrics "200"\\ Ltd'
    assert staging[('nxcloud_whatsapp_phone_conversation_limit', STAGING_A)] == float('inf')
    assert ('nxcloud_whatsapp_phone_info', PROD_A) not in staging
    assert prod[('nxcloud_whatsapp_environment_up', '')] == staging[('nxcloud_whatsapp_environment_up', '')] == 1
    assert abs(prod[('nxcloud_whatsapp_environment_last_success_timestamp_seconds', '')] - time.time()) < 300
    assert_no_secret([output, exposition])


def test_one_environments_push_replaces_only_its_own_series(metrics_world):
    before = metrics_world.gateway.groups()
    metrics_world.set_data(world([phone(PROD_A, quality_rating='RED')], [phone(STAGING_A, quality_rating='RED')]))
    rc, output, _work_dir = metrics_world.run(limit='prod', reports_of_their_own=True)
    assert rc == 0, output
    after = metrics_world.gateway.groups()
    prod = after['prod']
    assert prod[('nxcloud_whatsapp_phone_quality_rating', PROD_A)] == 0
    assert prod[('quality_label', PROD_A)] == 'RED'
    assert ('nxcloud_whatsapp_phone_info', PROD_B) not in prod  # the number the service no longer lists is gone
    assert prod[('push_time_seconds', '')] > before['prod'][('push_time_seconds', '')]
    assert after['staging'] == before['staging']  # untouched: not pushed, not replaced, still GREEN
    assert tool('promtool', 'prometheus') and subprocess.run(['promtool', 'check', 'metrics'], stdin=open(prom_file(metrics_world), 'rb'),
                                                             check=False).returncode == 0


def test_an_unreadable_environment_pushes_up_0_and_keeps_its_last_successful_read(metrics_world):
    before = metrics_world.gateway.groups()['staging']
    with open(os.path.join(OUTPUT_DIR, 'reports', 'phone-compliance.prom'), encoding='utf-8') as handle:
        first_file = handle.read()  # the first run's (the second wrote to its own directory): both environments read
    metrics_world.set_data({'accounts': [{'access_key': ACCESS_KEY, 'access_secret': ACCESS_SECRET}],
                            'apps': [{'appkey': 'appkey-metrics-prod', 'access_key': ACCESS_KEY, 'phones': [phone(PROD_A)]}]})
    rc, output, _work_dir = metrics_world.run(limit='staging')
    assert rc == 0, output
    staging = metrics_world.gateway.groups()['staging']
    assert staging[('nxcloud_whatsapp_environment_up', '')] == 0
    assert staging[('nxcloud_whatsapp_compliance_results', 'errored')] == 1
    assert (staging[('nxcloud_whatsapp_environment_last_success_timestamp_seconds', '')]
            == before[('nxcloud_whatsapp_environment_last_success_timestamp_seconds', '')])
    assert staging[('nxcloud_whatsapp_phone_info', STAGING_A)] == 1  # its last known state stays with up 0 beside it
    with open(prom_file(metrics_world), encoding='utf-8') as handle:
        exposition = handle.read()
    assert 'nxcloud_whatsapp_environment_up{environment="staging"} 0.0' in exposition
    # The file it replaced gives the last successful read, as the Pushgateway keeps it.
    last_read = [line for line in first_file.splitlines()
                 if line.startswith('nxcloud_whatsapp_environment_last_success_timestamp_seconds{environment="staging"}')]
    assert len(last_read) == 1 and last_read[0] in exposition.splitlines()
    assert 'nxcloud_whatsapp_phone_info{' not in exposition  # the file holds what this run read: no number


def test_no_secret_in_any_output_at_the_highest_verbosity(metrics_world):
    metrics_world.set_data(world([phone(PROD_A)], [phone(STAGING_A)]))
    rc, output, work_dir = metrics_world.run(verbosity=4)
    assert rc == 0, output
    texts = [output]
    for directory, _dirs, files in list(os.walk(work_dir)) + list(os.walk(metrics_world.reports_dir)):
        for name in files:
            with open(os.path.join(directory, name), encoding='utf-8', errors='replace') as handle:
                texts.append(handle.read())
    assert_no_secret(texts)
    assert sorted(metrics_world.gateway.groups()) == ['prod', 'staging']


@pytest.mark.parametrize('on_error', ['fail', 'warn'])
def test_an_unreachable_gateway_fails_the_run_or_warns_naming_it_without_the_password(metrics_world, on_error):
    url = 'http://%s:%s@127.0.0.1:%d' % (USERNAME, PASSWORD, free_port())  # nothing listens there
    rc, output, _work_dir = metrics_world.run(pushgateway_url=url, on_error=on_error, verbosity=4 if on_error == 'warn' else 0)
    assert 'could not be pushed to the Pushgateway http://***@127.0.0.1:' in output
    assert_no_secret([output])
    assert os.path.exists(prom_file(metrics_world))  # the reports are written first
    if on_error == 'fail':
        assert rc != 0 and 'pushgateway_on_error=warn' in output
    else:
        assert rc == 0, output
        assert '[WARNING]' in output


def test_the_alerting_rules_of_the_docs_are_valid_prometheus_rules(tmp_path):
    promtool = tool('promtool', 'prometheus')
    with open(os.path.join(REPO_ROOT, 'docs', 'docsite', 'rst', 'metrics.rst'), encoding='utf-8') as handle:
        page = handle.read()
    block = page.split('.. code-block:: yaml\n\n    groups:', 1)[1]
    lines = ['groups:']
    for line in block.splitlines()[1:]:
        if line.strip() and not line.startswith('    '):
            break
        lines.append(line[4:])
    rules = yaml.safe_load('\n'.join(lines))
    expressions = [rule['expr'] for group in rules['groups'] for rule in group['rules']]
    assert 'nxcloud_whatsapp_phone_quality_rating == 0' in expressions
    assert any('nxcloud_whatsapp_environment_last_success_timestamp_seconds' in expression for expression in expressions)
    path = tmp_path / 'rules.yml'
    path.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    check = subprocess.run([promtool, 'check', 'rules', str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    assert check.returncode == 0, check.stdout.decode()
    assert 'SUCCESS: 4 rules found' in check.stdout.decode()
