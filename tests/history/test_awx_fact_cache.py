# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role run as AWX runs a job template with "Enable Fact Storage": through ansible-runner, three jobs in a row.

ansible-runner points Ansible's jsonfile fact cache at <private_data_dir>/artifacts/<ident>/fact_cache
(fact_cache_type='jsonfile', its default). AWX fills that directory with the hosts' stored facts before a
job and stores the files the job changed afterwards; here each job's fact_cache files are carried into the
next job's artifacts directory, so the promise "AWX keeps phone_compliance_state between jobs" is tested
with the same layout, not assumed. The simulator's data changes between the jobs.
"""

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

ansible_runner = pytest.importorskip('ansible_runner')

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIMULATOR = os.path.join(COLLECTION_ROOT, 'tests', 'simulator', 'nxcloud_simulator.py')
SAMPLE = os.path.join(COLLECTION_ROOT, 'tests', 'simulator', 'data', 'sample.yml')
CHANGE_DATA = os.path.join(COLLECTION_ROOT, 'tests', 'integration', 'targets', 'phone_compliance_history', 'files', 'change_data.py')

PLAYBOOK = '''
- name: Scheduled compliance job
  hosts: prod:staging
  gather_facts: false
  roles:
    - role: nxcloud.whatsapp.phone_compliance
      vars:
        phone_compliance_checks: [status, code_verification_status, quality_rating, required_number, number_removed]
        phone_compliance_fail_on: never
        phone_compliance_report_dir: "{{ report_dir }}"
        phone_compliance_report_formats: [json, html]
'''


@pytest.fixture()
def simulator(tmp_path):
    data = str(tmp_path / 'data.yml')
    shutil.copy(SAMPLE, data)
    port_file = str(tmp_path / 'port')
    process = subprocess.Popen([sys.executable, SIMULATOR, '--port', '0', '--port-file', port_file, '--data', data, '--max-lifetime', '900'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _attempt in range(300):
            if os.path.exists(port_file) and os.path.getsize(port_file):
                break
            assert process.poll() is None, 'the simulator stopped'
            time.sleep(0.1)
        with open(port_file) as handle:
            yield 'http://127.0.0.1:%s' % handle.read().strip(), data
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def job(private_data_dir, ident, url, carried_facts):
    """Run one job as AWX would; return (its combined JSON report, its fact_cache directory)."""
    fact_cache = os.path.join(private_data_dir, 'artifacts', ident, 'fact_cache')
    os.makedirs(fact_cache)
    for path in carried_facts:  # AWX's start_fact_cache: the stored facts, one file per host, before the job
        shutil.copy(path, fact_cache)
    report_dir = os.path.join(private_data_dir, 'reports', ident)
    result = ansible_runner.run(
        private_data_dir=private_data_dir, ident=ident, playbook='job.yml', inventory=os.path.join(private_data_dir, 'inventory', 'hosts.yml'),
        fact_cache_type='jsonfile', quiet=True,
        extravars={'report_dir': report_dir},
        envvars={'NXCLOUD_API_URL': url, 'NXCLOUD_ACCESS_KEY': 'AK-DEMO-0001', 'NXCLOUD_ACCESS_SECRET': 'SK-demo-secret-do-not-use',
                 'ANSIBLE_COLLECTIONS_PATH': os.environ.get('ANSIBLE_COLLECTIONS_PATH', ''), 'NO_PROXY': '127.0.0.1,localhost'},
    )
    stdout = result.stdout.read()
    assert result.rc == 0, stdout[-4000:]
    assert 'SK-demo-secret-do-not-use' not in stdout
    with open(os.path.join(report_dir, 'phone-compliance.json'), encoding='utf-8') as handle:
        return json.load(handle), fact_cache


def test_phone_compliance_state_is_carried_from_job_to_job_as_awx_does(tmp_path, simulator):
    url, data = simulator
    private = str(tmp_path / 'private')
    os.makedirs(os.path.join(private, 'project'))
    os.makedirs(os.path.join(private, 'inventory'))
    with open(os.path.join(private, 'project', 'job.yml'), 'w') as handle:
        handle.write(PLAYBOOK)
    with open(os.path.join(private, 'inventory', 'hosts.yml'), 'w') as handle:
        yaml.safe_dump({'all': {'hosts': {'localhost': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable},
                                          'prod': {'phone_compliance_appkey': 'appkey-prod'},
                                          'staging': {'phone_compliance_appkey': 'appkey-staging'}}}}, handle)

    first, cache = job(private, 'job-1', url, [])
    assert first['changes'] == [] and 'no previous run' in first['changes_note']
    files = sorted(glob.glob(os.path.join(cache, '*')))
    assert [os.path.basename(path).rsplit('_', 1)[-1] for path in files] == ['prod', 'staging'], files

    subprocess.check_call([sys.executable, CHANGE_DATA, data, 'second'])
    second, cache = job(private, 'job-2', url, files)
    assert second['changes_note'] == ''
    assert [(change['environment'], change['number'], change['kind'], change.get('field'), change['quality_dropped'])
            for change in second['changes']] == [
        ('prod', '8613800138000', 'changed', 'quality_rating', True),
        ('prod', '12025550142', 'removed', None, False),
        ('staging', '447700900999', 'added', None, False)]
    removed = [result for result in second['environments'][0]['results'] if result['check'] == 'number_removed']
    assert [(result['number'], result['status']) for result in removed] == [('12025550142', 'failed')]

    third, _cache = job(private, 'job-3', url, sorted(glob.glob(os.path.join(cache, '*'))))
    assert third['changes'] == []
    prod = third['environments'][0]
    assert len(prod['trend']['runs']) == 3 and prod['trend']['quality']['8613800138000'] == 'GYY'
    with open(os.path.join(private, 'reports', 'job-3', 'phone-compliance.html'), encoding='utf-8') as handle:
        assert 'Last 3 runs' in handle.read()
