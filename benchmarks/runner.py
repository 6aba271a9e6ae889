# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Processes for `make bench`: the simulator, ansible-playbook runs, and the memory of a process tree.

Everything here starts a process and makes sure it ends: the simulator is stopped by SIGTERM
(and has a --max-lifetime as a safety net), a playbook run that outlives its time limit is
killed with its whole process group.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import itertools
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time

PAGE_SIZE = os.sysconf('SC_PAGE_SIZE')


class BenchError(Exception):
    """A run did not do what the benchmark needs; the message says what and shows the evidence."""


def collections_dir(work_dir, repo_root):
    """Return a collections path holding ansible_collections/nxcloud/whatsapp -> the repo root."""
    root = os.path.join(work_dir, 'collections')
    namespace = os.path.join(root, 'ansible_collections', 'nxcloud')
    os.makedirs(namespace, exist_ok=True)
    link = os.path.join(namespace, 'whatsapp')
    if not os.path.lexists(link):
        os.symlink(repo_root, link)
    return root


class SimulatorProcess(object):
    """The NxCloud simulator as a child process on a free loopback port."""

    def __init__(self, python, repo_root, work_dir, data_file, fault_file=None, max_lifetime=7200):
        self.log_path = os.path.join(work_dir, 'simulator-requests.jsonl')
        self.output_path = os.path.join(work_dir, 'simulator-output.txt')
        port_file = os.path.join(work_dir, 'simulator-port')
        command = [python, os.path.join(repo_root, 'tests', 'simulator', 'nxcloud_simulator.py'),
                   '--host', '127.0.0.1', '--port', '0', '--port-file', port_file, '--data', data_file,
                   '--log', self.log_path, '--max-lifetime', str(max_lifetime)]
        if fault_file:
            command += ['--faults', fault_file]
        with open(self.output_path, 'w') as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise BenchError('the simulator did not start: %s' % _tail(self.output_path))
            time.sleep(0.05)
        with open(port_file) as port:
            self.url = 'http://127.0.0.1:%s' % port.read().strip()

    def requests_logged(self):
        """Return the request lines of the simulator's log so far."""
        with open(self.log_path, encoding='utf-8') as log:
            return [json.loads(line) for line in log if line.strip()]

    def stop(self):
        """Stop the simulator (SIGTERM, then SIGKILL after 10 s) and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _tail(path, lines=30):
    try:
        with open(path, encoding='utf-8', errors='replace') as text:
            return ''.join(text.readlines()[-lines:])
    except OSError:
        return '(no output)'


def _children_by_parent():
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry, 'rb') as stat:
                fields = stat.read().rsplit(b')', 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _tree(root):
    children = _children_by_parent()
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def _memory_kb(pid):
    """Return (rss_kb, pss_kb) of one process, or (0, 0) when it is gone."""
    try:
        with open('/proc/%d/smaps_rollup' % pid) as rollup:
            values = dict((line.split(':')[0], int(line.split()[1])) for line in rollup if line.startswith(('Rss:', 'Pss:')))
        return values.get('Rss', 0), values.get('Pss', 0)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open('/proc/%d/statm' % pid) as statm:
            rss = int(statm.read().split()[1]) * PAGE_SIZE // 1024
        return rss, rss
    except (OSError, ValueError, IndexError):
        return 0, 0


class TreeMemorySampler(object):
    """Samples the summed RSS (and PSS) of a process and all its descendants until stopped.

    RSS summed over processes counts pages shared by forked workers once per process, so it is
    an upper bound of what the run holds; PSS shares them out and is the fairer figure. Both peaks
    are kept, with the largest number of processes seen at once.
    """

    def __init__(self, pid, interval=0.02):
        self.pid = pid
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name='tree-memory-sampler', daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            pids = _tree(self.pid)
            rss = pss = 0
            for pid in pids:
                process_rss, process_pss = _memory_kb(pid)
                rss += process_rss
                pss += process_pss
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self.samples += 1
            self._stop.wait(self.interval)

    def stop(self):
        """Stop sampling and return the peaks."""
        self._stop.set()
        self._thread.join()
        return {'peak_rss_mb': round(self.peak_rss_kb / 1024.0, 1), 'peak_pss_mb': round(self.peak_pss_kb / 1024.0, 1),
                'peak_processes': self.peak_processes, 'memory_samples': self.samples}


class PlaybookRunner(object):
    """Runs ansible-playbook with the benchmark's environment and measures each run."""

    def __init__(self, ansible_bin, work_dir, environment, callback_dir, time_limit=900, counter=None):
        self.ansible_playbook = os.path.join(ansible_bin, 'ansible-playbook')
        self.work_dir = work_dir
        self.environment = dict(environment)
        self.environment.update({
            'ANSIBLE_CALLBACK_PLUGINS': callback_dir,
            'ANSIBLE_CALLBACKS_ENABLED': 'bench_task_times',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_LOCAL_TEMP': os.path.join(work_dir, 'ansible-local-tmp'),
            'PYTHONUNBUFFERED': '1',
        })
        self.time_limit = time_limit
        # Numbers the runs' files; runners sharing a work directory share it.
        self.counter = counter or itertools.count(1)

    def run(self, label, playbook, inventory, forks=5, sample_memory=False, extra_args=(), extra_environment=None):
        """Run one playbook and return what was measured: wall seconds, exit status, task times, output."""
        command = [self.ansible_playbook, '-i', inventory, '-f', str(forks), playbook] + list(extra_args)
        return self._measure(label, command, sample_memory, extra_environment)

    def run_inventory(self, label, source, listing_file):
        """Run ``ansible-inventory --list`` on one source (the listing written to listing_file) and return what was measured."""
        command = [self.ansible_playbook[:-len('playbook')] + 'inventory', '-i', source, '--list', '--output', listing_file]
        return self._measure(label, command, sample_memory=False)

    def _measure(self, label, command, sample_memory, extra_environment=None):
        stem = os.path.join(self.work_dir, 'run-%03d-%s' % (next(self.counter), label))
        times_file = stem + '.task-times.json'
        output_file = stem + '.output.txt'
        environment = dict(self.environment, BENCH_TASK_TIMES_FILE=times_file)
        environment.update(extra_environment or {})
        with open(output_file, 'w') as output:
            usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            process = subprocess.Popen(command, cwd=self.work_dir, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
            sampler = TreeMemorySampler(process.pid) if sample_memory else None
            try:
                rc = process.wait(timeout=self.time_limit)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise BenchError('%s ran longer than %d s and was killed; output in %s' % (label, self.time_limit, output_file))
            finally:
                memory = sampler.stop() if sampler else {}
            wall = time.monotonic() - started
            usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Runs are sequential and the simulator is never waited for before the end, so the children's
        # CPU time gained during the run is this run's: a figure that the machine's load does not inflate.
        cpu = (usage_after.ru_utime - usage_before.ru_utime) + (usage_after.ru_stime - usage_before.ru_stime)
        with open(output_file, encoding='utf-8', errors='replace') as output:
            text = output.read()
        task_times = {}
        if os.path.exists(times_file):
            with open(times_file) as times:
                task_times = json.load(times)
        result = {'label': label, 'wall': wall, 'cpu': cpu, 'rc': rc, 'output': text, 'output_file': output_file, 'task_times': task_times}
        result.update(memory)
        return result


def ansible_version(ansible_bin):
    """Return the first line of ansible-playbook --version."""
    try:
        output = subprocess.check_output([os.path.join(ansible_bin, 'ansible-playbook'), '--version'], stderr=subprocess.STDOUT)
        return output.decode('utf-8', 'replace').splitlines()[0]
    except (OSError, subprocess.CalledProcessError) as error:
        return 'unknown (%s)' % error


def ansible_core_version(ansible_bin):
    """Return the ansible-core version (e.g. '2.16.19') of the ansible-playbook in ansible_bin, or None when there is none."""
    if not os.access(os.path.join(ansible_bin, 'ansible-playbook'), os.X_OK):
        return None
    match = re.search(r'\[core (\d+\.\d+\.\S+?)\]', ansible_version(ansible_bin))
    return match.group(1) if match else None


def python_description():
    """Return the harness's Python version."""
    return sys.version.split()[0]
