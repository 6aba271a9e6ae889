# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The machinery of the reliability suite: simulators that remember signatures, playbook runs, the secrets scan.

The simulator runs inside the test process (tests/simulator/nxcloud_sim), with its request log
wrapped so that the signature of every request it receives is kept in memory here, and only here:
the simulator's own log never holds one. Every output of every ansible-playbook run (stdout,
stderr, result files, reports) is scanned for the access secret and for every signature seen
so far; a final scan at the end of the session covers all outputs against all signatures.

Each matrix cell appends one JSON line to tests/output/reliability/matrix.jsonl; conftest.py prints
the matrix and its counts at the end of the session (also when the cells ran in pytest-xdist workers).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SIMULATOR_DIR = os.path.join(REPO_ROOT, 'tests', 'simulator')
PLAYBOOK_DIR = os.path.join(HERE, 'playbooks')
OUTPUT_DIR = os.environ.get('NXCLOUD_RELIABILITY_OUTPUT') or os.path.join(REPO_ROOT, 'tests', 'output', 'reliability')
MATRIX_FILE = os.path.join(OUTPUT_DIR, 'matrix.jsonl')
SCAN_FILE = os.path.join(OUTPUT_DIR, 'secrets-scan.jsonl')

# The collection, importable and found by ansible-playbook, whatever directory the checkout has.
COLLECTIONS_ROOT = tempfile.mkdtemp(prefix='nxcloud-reliability-collections-')
os.makedirs(os.path.join(COLLECTIONS_ROOT, 'ansible_collections', 'nxcloud'))
os.symlink(REPO_ROOT, os.path.join(COLLECTIONS_ROOT, 'ansible_collections', 'nxcloud', 'whatsapp'))
for path in (COLLECTIONS_ROOT, SIMULATOR_DIR, HERE):
    if path not in sys.path:
        sys.path.insert(0, path)

from nxcloud_sim.data import dataset_from_mapping  # noqa: E402  pylint: disable=wrong-import-position
from nxcloud_sim.faults import parse_rules  # noqa: E402  pylint: disable=wrong-import-position
from nxcloud_sim.server import RequestLog, Simulator  # noqa: E402  pylint: disable=wrong-import-position
from reliability_world import ACCESS_SECRET, data_mapping  # noqa: E402  pylint: disable=wrong-import-position

ANSIBLE_BIN = os.environ.get('NXCLOUD_RELIABILITY_ANSIBLE_BIN') or os.path.dirname(sys.executable)
TRACEBACK_MARKERS = ('Traceback (most recent call last)', 'MODULE FAILURE', 'The full traceback is', 'Unexpected Exception')


def dataset():
    """Return the simulator's Dataset of the suite (reliability_world)."""
    return dataset_from_mapping(data_mapping())


# ------------------------------------------------------------------------------------------------
# secrets


class SecretRegistry(object):
    """What must never appear in an output: the access secret and every signature received."""

    def __init__(self):
        self.signatures = set()
        self.others = set()
        self.lock = threading.Lock()

    def add_signature(self, value):
        if value:
            with self.lock:
                self.signatures.add(value)

    def add_secret(self, value):
        """Add a value of a row's own (a password written in a URL, its Basic auth form)."""
        if value:
            with self.lock:
                self.others.add(value)

    def needles(self):
        with self.lock:
            return ([('access secret', ACCESS_SECRET)] + [('signature', value) for value in sorted(self.signatures)]
                    + [('credential', value) for value in sorted(self.others)])


SECRETS = SecretRegistry()


class SignatureCapturingLog(RequestLog):
    """The simulator's request log, which also hands every received signature to SECRETS (in memory)."""

    def write(self, record, received_sign=None):
        SECRETS.add_signature(received_sign)
        super(SignatureCapturingLog, self).write(record, received_sign)


def scan_text(text, needles):
    """Return the (kind, needle) pairs found in a text."""
    return [(kind, needle) for kind, needle in needles if needle and needle in text]


def scan_outputs(label, texts, paths):
    """Scan texts and files for every secret; record the scan; return the hits as readable strings."""
    needles = SECRETS.needles()
    hits = []
    scanned = 0
    for name, text in texts.items():
        scanned += 1
        hits += ['%s in %s' % (kind, name) for kind, dummy in scan_text(text or '', needles)]
    for path in paths:
        for file_path in _files_under(path):
            scanned += 1
            with open(file_path, 'rb') as handle:
                content = handle.read().decode('utf-8', 'replace')
            hits += ['%s in %s' % (kind, file_path) for kind, dummy in scan_text(content, needles)]
    # Only digests of the signatures leave this process (for the final scan, which may run in another one).
    digests = sorted(_digest(needle) for kind, needle in needles if kind == 'signature')
    _append_jsonl(SCAN_FILE, {'label': label, 'outputs': scanned, 'secrets_looked_for': len(needles), 'hits': hits,
                              'signature_sha256': digests,
                              'files': sorted(set(file_path for path in paths for file_path in _files_under(path)))})
    return hits


def _digest(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


_HEX_RUN = re.compile(r'[0-9a-f]{32,}')


def find_signature_digests(text, digests):
    """Return the digests (of md5 or sha256 signatures) matched by some 32- or 64-hex-digit piece of the text."""
    found = set()
    for run in _HEX_RUN.findall(text):
        for length in (32, 64):
            for start in range(0, len(run) - length + 1):
                digest = _digest(run[start:start + length])
                if digest in digests:
                    found.add(digest)
    return found


def _files_under(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for root, dummy, files in os.walk(path):
        found += [os.path.join(root, name) for name in files]
    return found


def _append_jsonl(path, record):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'a', encoding='utf-8') as handle:
        handle.write(json.dumps(record, sort_keys=True) + '\n')


# ------------------------------------------------------------------------------------------------
# simulator


@contextlib.contextmanager
def running_simulator(rules=None, data_shape='object', clock_offset=0.0, log_path=None):
    """Run an in-process simulator on a free loopback port; yield it; always stop it."""
    simulator = Simulator(dataset(), fault_rules=parse_rules(rules or []), data_shape=data_shape,
                          clock_offset=clock_offset, log_path=log_path)
    simulator.log = SignatureCapturingLog(log_path, simulator.dataset.secrets())
    simulator.start()
    try:
        yield simulator
    finally:
        simulator.stop()


# ------------------------------------------------------------------------------------------------
# ansible-playbook


class PlaybookResult(object):
    """What one ansible-playbook run left: exit status, outputs, elapsed time, files it wrote."""

    def __init__(self, rc, stdout, stderr, elapsed, work_dir, verbosity=0):
        self.rc = rc
        self.verbosity = verbosity
        self.stdout = stdout
        self.stderr = stderr
        self.elapsed = elapsed
        self.work_dir = work_dir

    @property
    def output(self):
        return self.stdout + '\n' + self.stderr

    def json_file(self, name):
        """Return the parsed JSON file the playbook wrote in its work directory, or None."""
        path = os.path.join(self.work_dir, name)
        if not os.path.exists(path):
            return None
        with open(path, encoding='utf-8') as handle:
            return json.load(handle)

    def tracebacks(self):
        """Return the traceback markers present in the output."""
        return [marker for marker in TRACEBACK_MARKERS if marker in self.output]


def ansible_environment():
    """Return the environment of a playbook run: this checkout's collection, no stray NXCLOUD_* settings."""
    environment = dict((name, value) for name, value in os.environ.items()
                       if not name.startswith(('NXCLOUD_', 'ANSIBLE_')) and name not in ('PYTHONPATH',))
    environment.update({
        'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_ROOT,
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_SHOW_CUSTOM_STATS': '1',
        'ANSIBLE_RETRY_FILES_ENABLED': '0',
        'ANSIBLE_DEPRECATION_WARNINGS': '0',
        'PATH': ANSIBLE_BIN + os.pathsep + os.environ.get('PATH', ''),
    })
    return environment


def _write_cell_variables(variables, work_dir):
    """Write the cell's variables (the secret among them) next to, never inside, the scanned work directory."""
    os.makedirs(work_dir, exist_ok=True)
    vars_file = os.path.join(work_dir, '..', os.path.basename(work_dir) + '.vars.json')
    with open(vars_file, 'w', encoding='utf-8') as handle:
        json.dump(dict(variables, cell_work_dir=work_dir), handle)
    return vars_file


def _run_ansible(what, command, environment, work_dir, hard_limit, verbosity):
    """Run an ansible command line in work_dir; kill it (and say so) past hard_limit; keep its outputs."""
    if verbosity:
        command.append('-' + 'v' * verbosity)
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env=environment, cwd=work_dir, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=hard_limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail('%s was still running after %d s and was killed (a hang)' % (what, hard_limit))
    elapsed = time.monotonic() - started
    result = PlaybookResult(process.returncode, stdout.decode('utf-8', 'replace'), stderr.decode('utf-8', 'replace'), elapsed, work_dir,
                            verbosity)
    with open(os.path.join(work_dir, 'stdout.txt'), 'w', encoding='utf-8') as handle:
        handle.write(result.stdout)
    with open(os.path.join(work_dir, 'stderr.txt'), 'w', encoding='utf-8') as handle:
        handle.write(result.stderr)
    return result


def run_playbook(playbook, variables, work_dir, hard_limit, verbosity=0):
    """Run a playbook of tests/reliability/playbooks with a vars file; kill it (and say so) past hard_limit."""
    vars_file = _write_cell_variables(variables, work_dir)
    command = [os.path.join(ANSIBLE_BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
               '-e', '@' + vars_file, os.path.join(PLAYBOOK_DIR, playbook)]
    return _run_ansible('ansible-playbook %s' % playbook, command, ansible_environment(), work_dir, hard_limit, verbosity)


def run_inventory(config, variables, work_dir, hard_limit, verbosity=0):
    """Run ansible-inventory --list on an inventory file of nxcloud.whatsapp.phones made of ``config``.

    The credentials go in NXCLOUD_* environment variables, as an AWX credential injects them (a
    string secret only: a row's secret of another type is in ``config``). The source file is an
    input like the vars file, and may hold a row's credentials (in api_url), so it is written next
    to the scanned work_dir, never inside; unparsed sources are fatal, as in an AWX sync.
    The listing is written to work_dir/inventory.json.
    """
    vars_file = _write_cell_variables(variables, work_dir)
    source = vars_file[:-len('.vars.json')] + '.nxcloud.yml'
    with open(source, 'w', encoding='utf-8') as handle:
        json.dump(dict(config, plugin='nxcloud.whatsapp.phones'), handle)
    environment = ansible_environment()
    environment.update({
        'NXCLOUD_ACCESS_KEY': variables['cell_access_key'],
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true',
    })
    if isinstance(variables['cell_access_secret'], str):
        environment['NXCLOUD_ACCESS_SECRET'] = variables['cell_access_secret']
    command = [os.path.join(ANSIBLE_BIN, 'ansible-inventory'), '-i', source, '--list', '--export',
               '--output', os.path.join(work_dir, 'inventory.json')]
    return _run_ansible('ansible-inventory', command, environment, work_dir, hard_limit, verbosity)


def read_jsonl(path):
    """Return the records of a JSON-lines file (none when it does not exist)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as handle:
        return [json.loads(line) for line in handle if line.strip()]


def record_cell(record):
    """Append one matrix cell's outcome to matrix.jsonl."""
    _append_jsonl(MATRIX_FILE, record)
