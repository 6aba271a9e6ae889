# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: the collection measured against its baselines on the simulator, in one invocation.

Figures (benchmarks/README.md says how to read them):

a. requests per compliance run, from the simulator's request log: must equal the number of apps;
b. one phone_info task against one ansible.builtin.ping task on localhost, no latency: <= 1.3x;
c. the phone_compliance role over ENVIRONMENTS hosts (forks, LATENCY_MS per request) against the
   floor (same hosts, one no-op task) and the hand-written playbook: role <= 1.5x floor at the
   small size, >= 5x faster than hand-written at the large size, own growth < 10% small->large;
d. one app of BIG numbers fetched, checked and reported, against the floor of one host (one ping)
   run in the same invocation: <= 2.0x the floor, peak memory < 200 MB; on each ansible-core of
   VERSIONS, each against its own floor.
e. the inventory plugin nxcloud.whatsapp.phones over ENVIRONMENTS apps of the large size with
   LATENCY_MS per request, against ansible-inventory of a static YAML inventory of the same hosts
   and variables: <= 2.0x, requests = apps; the same apps read one at a time, for context; and
   WIDE apps of a few numbers (500 x 20, same latency) against their static YAML: <= 2.0x,
   requests = apps.

Every run is checked before it counts: exit status, and the exact set of numbers reported as
failing (a fast run that misses a violation is not a measurement). Settings come from BENCH_*
environment variables (run.sh lists them) or the equivalent options.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

import generate_data
import report
from runner import BenchError, PlaybookRunner, SimulatorProcess, ansible_core_version, ansible_version, collections_dir, python_description

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)
FIGURES = ('a', 'b', 'c', 'd', 'e')
# What the big run of figure d writes (BENCH_BIG_FORMATS, e.g. json,junit,markdown to leave the HTML out); json always.
BIG_REPORT_FORMATS = tuple(name.strip() for name in (os.environ.get('BENCH_BIG_FORMATS') or 'json,junit,markdown,html').split(',') if name.strip())
BIG_REPORT_EXTENSIONS = tuple(extension for name, extension in (('junit', '.junit.xml'), ('markdown', '.md'), ('html', '.html'))
                              if name in BIG_REPORT_FORMATS)

B_REPEAT_FACTOR = 3
TARGET_TASK_RATIO = 1.3
TARGET_FLOOR_RATIO = 1.5
TARGET_SPEEDUP = 5.0
TARGET_GROWTH = 1.10
TARGET_BIG_FLOOR_RATIO = 2.0
TARGET_BIG_MEGABYTES = 200.0
TARGET_INVENTORY_RATIO = 2.0


def _env_int(name, default):
    value = os.environ.get(name, '')
    return int(value) if value.strip() else default


def parse_args(argv):
    """Return the settings: options first, then BENCH_* variables, then defaults."""
    parser = argparse.ArgumentParser(description='nxcloud.whatsapp benchmarks (see benchmarks/README.md)')
    parser.add_argument('--repeat', type=int, default=_env_int('BENCH_REPEAT', 5), help='runs per measurement (median taken)')
    parser.add_argument('--latency-ms', type=int, default=_env_int('BENCH_LATENCY_MS', 100), help='added latency per request in figure c')
    parser.add_argument('--environments', type=int, default=_env_int('BENCH_ENVIRONMENTS', 20))
    parser.add_argument('--forks', type=int, default=_env_int('BENCH_FORKS', 20))
    parser.add_argument('--sizes', default=os.environ.get('BENCH_SIZES') or '50,250', help='numbers per environment: small,large')
    parser.add_argument('--big', type=int, default=_env_int('BENCH_BIG', 10000), help='numbers of the one big app of figure d')
    parser.add_argument('--wide', default=os.environ.get('BENCH_WIDE') or '500,20', help='apps,numbers of the many small apps of figure e')
    parser.add_argument('--figures', default=os.environ.get('BENCH_FIGURES') or ','.join(FIGURES), help='which figures: a,b,c,d,e')
    parser.add_argument('--ansible-bin', default=os.environ.get('BENCH_ANSIBLE_BIN') or os.path.dirname(sys.executable),
                        help='directory holding ansible-playbook (default: next to this Python)')
    parser.add_argument('--versions', default=os.environ.get('BENCH_VERSIONS') or '',
                        help='ansible-core versions of figure d, e.g. 2.16,2.19,2.21 (each X.Y from the project\'s .venv-X.Y or .venv), '
                             'or X.Y=/path/to/bin/python; default: the environment of --ansible-bin only')
    parser.add_argument('--results', default=os.environ.get('BENCH_RESULTS') or os.path.join(HERE, 'results.json'))
    parser.add_argument('--keep', action='store_true', default=os.environ.get('BENCH_KEEP_WORKDIR') == '1',
                        help='keep the work directory (outputs of every run)')
    parser.add_argument('--strict', action='store_true', default=os.environ.get('BENCH_STRICT') == '1',
                        help='exit 3 when a target is missed')
    args = parser.parse_args(argv)
    sizes = [int(item) for item in args.sizes.split(',') if item.strip()]
    if len(sizes) != 2 or sizes[0] >= sizes[1] or sizes[0] <= generate_data.VIOLATION_INDEX:
        parser.error('--sizes takes two sizes, small,large, each above %d (e.g. 50,250)' % generate_data.VIOLATION_INDEX)
    args.sizes = sizes
    args.figures = [item.strip() for item in args.figures.split(',') if item.strip()]
    if not args.figures or set(args.figures) - set(FIGURES):
        parser.error('--figures takes a subset of a,b,c,d,e')
    wide = [int(item) for item in args.wide.split(',') if item.strip()]
    if len(wide) != 2 or min(wide) < 1 or wide[0] > 999:
        parser.error('--wide takes apps,numbers, e.g. 500,20 (at most 999 apps)')
    args.wide = wide
    if args.repeat < 1 or args.environments < 1 or args.forks < 1 or args.latency_ms < 0 or args.big < 0:
        parser.error('repeat, environments and forks must be positive; latency and big may be 0')
    if 'd' in args.figures and args.big == 0:
        parser.error('figure d needs --big above 0')
    try:
        args.versions = resolve_versions(args.versions, args.ansible_bin)
    except BenchError as error:
        parser.error(str(error))
    return args


def resolve_versions(spec, default_bin):
    """Return [(label, ansible_bin)] for figure d: the ansible-core versions asked for, each checked.

    An item ``X.Y`` means the project's environment of that ansible-core (``.venv-X.Y``, else
    ``.venv``, as the Makefile builds them); ``X.Y=PATH`` names the Python (or its bin/) of another
    one. The ansible-playbook found must report ansible-core X.Y: a figure labelled with the wrong
    version would mislead. Without items, the environment of --ansible-bin is measured alone.
    """
    items = [item.strip() for item in spec.split(',') if item.strip()]
    if not items:
        return [(ansible_core_version(default_bin) or 'default', default_bin)]
    found = []
    for item in items:
        label, _sep, path = item.partition('=')
        label = label.strip()
        if not re.match(r'^\d+\.\d+$', label):
            raise BenchError('--versions: %r is not X.Y or X.Y=PATH (e.g. 2.16 or 2.16=/opt/venv-2.16/bin/python)' % item)
        if path:
            candidates = [path if os.path.isdir(path) else os.path.dirname(path)]
        else:
            candidates = [os.path.join(REPO_ROOT, '.venv-%s' % label, 'bin'), os.path.join(REPO_ROOT, '.venv', 'bin')]
        versions_seen = []
        for ansible_bin in candidates:
            version = ansible_core_version(ansible_bin)
            versions_seen.append('%s: %s' % (ansible_bin, version or 'no ansible-playbook'))
            if version == label or (version or '').startswith(label + '.'):
                if version in dict(found):
                    raise BenchError('--versions: ansible-core %s is named twice' % label)
                found.append((version, ansible_bin))
                break
        else:
            raise BenchError('--versions: no environment with ansible-core %s (%s); build it (make venvs) or pass %s=/path/to/bin/python'
                             % (label, '; '.join(versions_seen), label))
    return found


class Bench(object):
    """One invocation: the data, the simulator, the runs and their checks."""

    def __init__(self, args, work_dir):
        self.args = args
        self.work_dir = work_dir
        self.runs = []
        self.data = generate_data.build_dataset(args.environments, args.sizes, args.big if 'd' in args.figures else 0,
                                                args.wide if 'e' in args.figures else (0, 0))
        data_file = os.path.join(work_dir, 'bench-data.json')
        with open(data_file, 'w') as out:
            json.dump(self.data, out)
        fault_file = None
        if args.latency_ms:
            fault_file = os.path.join(work_dir, 'latency.json')
            with open(fault_file, 'w') as out:
                json.dump([{'name': 'bench-latency', 'appkey': 'bench-n*', 'fault': 'latency', 'delay': args.latency_ms / 1000.0}], out)
        python = os.path.join(args.ansible_bin, 'python')
        self.simulator = SimulatorProcess(python if os.path.exists(python) else sys.executable, REPO_ROOT, work_dir, data_file, fault_file)
        environment = dict(os.environ)
        for name in ('PYTHONPATH', 'ANSIBLE_COLLECTIONS_PATHS', 'ANSIBLE_CONFIG'):
            environment.pop(name, None)
        environment.update({
            'ANSIBLE_COLLECTIONS_PATH': collections_dir(work_dir, REPO_ROOT),
            'NXCLOUD_API_URL': self.simulator.url,
            'NXCLOUD_ACCESS_KEY': generate_data.ACCESS_KEY,
            'NXCLOUD_ACCESS_SECRET': generate_data.ACCESS_SECRET,
        })
        callback_dir = os.path.join(HERE, 'callback_plugins')
        self.runner = PlaybookRunner(args.ansible_bin, work_dir, environment, callback_dir)
        # Figure d runs once per ansible-core; the runners share the work directory, so run numbers stay unique.
        self.version_runners = [(label, PlaybookRunner(ansible_bin, work_dir, environment, callback_dir, counter=self.runner.counter))
                                for label, ansible_bin in args.versions]
        self.apps = dict((app['appkey'], app) for app in self.data['apps'])

    # -- inventories --------------------------------------------------------------------------

    def inventory(self, name, hosts):
        path = os.path.join(self.work_dir, 'inventory-%s.json' % name)
        inventory = {'all': {'hosts': hosts, 'vars': {'ansible_connection': 'local',
                                                      'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}}
        with open(path, 'w') as out:
            json.dump(inventory, out, indent=1)
        return path

    def environments_inventory(self, size):
        """One host per environment app of that size (both the role's and the hand-written variable)."""
        hosts = {}
        for index in range(1, self.args.environments + 1):
            appkey = generate_data.environment_appkey(size, index)
            hosts['env%02d' % index] = {'phone_compliance_appkey': appkey, 'nxcloud_appkey': appkey}
        return self.inventory('environments-%d' % size, hosts)

    def expected_failing(self, appkeys, big=False):
        """Return the set of numbers that must be reported as failing for these apps."""
        expected = set()
        for appkey in appkeys:
            numbers = [phone['number'] for phone in self.apps[appkey]['phones']]
            expected.update(generate_data.violating_numbers(numbers, big=big))
        return expected

    # -- runs ---------------------------------------------------------------------------------

    def run(self, label, playbook, inventory, forks, expect_rc, failing=None, kind=None, requests=None, sample_memory=False, runner=None,
            extra_environment=None):
        """Run a playbook (with the main environment's runner unless another is given), check it did the job, record and return the run."""
        before = len(self.simulator.requests_logged())
        result = (runner or self.runner).run(label, os.path.join(HERE, playbook), inventory, forks=forks, sample_memory=sample_memory,
                                             extra_environment=extra_environment)
        result['requests'] = len(self.simulator.requests_logged()) - before
        problems = []
        if result['rc'] != expect_rc:
            problems.append('exit status %s, expected %s' % (result['rc'], expect_rc))
        if failing is not None:
            found = reported_failing(result['output'], kind)
            if found != failing:
                problems.append('numbers reported failing differ from the data: missed %s, extra %s'
                                % (sorted(failing - found)[:5], sorted(found - failing)[:5]))
        if requests is not None and result['requests'] != requests:
            problems.append('%d requests reached the simulator, expected %d' % (result['requests'], requests))
        if problems:
            raise BenchError('%s did not do its job (%s); output in %s' % (label, '; '.join(problems), result['output_file']))
        del result['output']
        self.runs.append(result)
        return result


def reported_failing(output, kind):
    """Return the numbers a run's output reports as failing.

    role: the lines ``[FAIL] <number> <check>`` of its one failure message; hand-written: the
    ``+<number>: status ...`` entries of its final ``fail`` (lines starting with ``fatal:``).
    """
    if kind == 'role':
        return set(re.findall(r'\[FAIL\] (\d+) ', output))
    found = set()
    for line in output.splitlines():
        if line.startswith('fatal: ['):
            found.update(re.findall(r'\+(\d+): status', line))
    return found


def figure_b(bench, repeat):
    """phone_info task against ping task on localhost, same playbook shape, no latency."""
    inventory = bench.inventory('localhost', {'localhost': {'bench_appkey': generate_data.TASK_APPKEY}})
    bench.run('warmup-ping', 'task_ping.yml', inventory, 1, 0)
    ping, phone_info = [], []
    # A single task is short and noisy, and cheap: three times the runs of the other figures.
    for rep in range(repeat * B_REPEAT_FACTOR):
        order = [('ping', 'task_ping.yml', ping), ('phone_info', 'task_phone_info.yml', phone_info)]
        for name, playbook, bucket in (order if rep % 2 == 0 else order[::-1]):
            bucket.append(bench.run('b-%s-%d' % (name, rep), playbook, inventory, 1, 0, requests=1 if name == 'phone_info' else 0))

    def task(runs):
        return [run['task_times']['tasks'][-1]['seconds'] for run in runs]

    figures = [
        report.ratio_figure('b. phone_info task / ping task (task time)', task(phone_info), task(ping), TARGET_TASK_RATIO, '<=',
                            'the task alone, from its start to its result'),
        report.ratio_figure('b. phone_info / ping playbook (whole run)', [run['wall'] for run in phone_info], [run['wall'] for run in ping],
                            note='ansible-playbook start-up included; for context'),
    ]
    return figures, {'phone_info task': phone_info, 'ping task': ping}


def figure_c(bench, repeat):
    """The role over many environments against the floor and the hand-written playbook."""
    args = bench.args
    small, large = args.sizes
    inventories = dict((size, bench.environments_inventory(size)) for size in args.sizes)
    appkeys = dict((size, [generate_data.environment_appkey(size, index) for index in range(1, args.environments + 1)])
                   for size in args.sizes)
    failing = dict((size, bench.expected_failing(appkeys[size])) for size in args.sizes)
    bench.run('warmup-floor', 'floor.yml', inventories[small], args.forks, 0)
    runs = dict((key, []) for key in ('floor', 'role-%d' % small, 'role-%d' % large, 'hand-%d' % small, 'hand-%d' % large))
    plan = [('floor', 'floor.yml', small, 0, None)]
    for size in args.sizes:
        plan.append(('role-%d' % size, 'role_compliance.yml', size, 2, 'role'))
        plan.append(('hand-%d' % size, 'handwritten_compliance.yml', size, 2, 'hand'))
    for rep in range(repeat):
        shift = rep % len(plan)
        for key, playbook, size, rc, kind in plan[shift:] + plan[:shift]:
            runs[key].append(bench.run('c-%s-%d' % (key, rep), playbook, inventories[size], args.forks, rc,
                                       failing=failing[size] if kind else None, kind=kind,
                                       requests=args.environments if kind else 0))

    def wall(key):
        return [run['wall'] for run in runs[key]]

    def cpu(key):
        return [run['cpu'] for run in runs[key]]

    hand_small, hand_large = wall('hand-%d' % small), wall('hand-%d' % large)
    extra_numbers = (large - small) * args.environments
    per_number_ms = [(top - bottom) * 1000.0 / extra_numbers for top, bottom in zip(hand_large, hand_small)]
    figures = [
        report.ratio_figure('c. role / floor, %d numbers x %d envs' % (small, args.environments), wall('role-%d' % small), wall('floor'),
                            TARGET_FLOOR_RATIO, '<=', 'forks %d, %d ms latency per request' % (args.forks, args.latency_ms)),
        report.ratio_figure('c. hand-written / role, %d numbers x %d envs' % (large, args.environments), hand_large, wall('role-%d' % large),
                            TARGET_SPEEDUP, '>=', 'how many times faster the role is'),
        report.ratio_figure('c. role growth %d -> %d numbers' % (small, large), wall('role-%d' % large), wall('role-%d' % small),
                            TARGET_GROWTH, '<', 'role time at %d / role time at %d' % (large, small)),
        report.ratio_figure('c. hand-written / role, %d numbers x %d envs' % (small, args.environments), hand_small, wall('role-%d' % small),
                            note='for context'),
        report.ratio_figure('c. hand-written growth %d -> %d numbers' % (small, large), hand_large, hand_small, note='for context'),
        report.ratio_figure('c. role / floor CPU time, %d numbers' % small, cpu('role-%d' % small), cpu('floor'),
                            note='user + system time of the whole run, for context'),
        report.ratio_figure('c. role growth CPU time %d -> %d numbers' % (small, large), cpu('role-%d' % large), cpu('role-%d' % small),
                            note='user + system of the whole run; less sensitive to the machine\'s load, for context'),
        report.ratio_figure('c. hand-written / role CPU time, %d numbers' % large, cpu('hand-%d' % large), cpu('role-%d' % large),
                            note='for context'),
        report.value_figure('c. hand-written cost per extra number', per_number_ms, ' ms', note='(large - small) / extra numbers'),
    ]
    return figures, runs


def figure_d(bench, repeat):
    """One app of many numbers, fetched, checked and reported, against one host's ping, on each ansible-core asked for.

    Each version's big run is judged against that version's floor (the same one-host inventory,
    one ``ping``), measured in the same repetitions: both share the start-up of ansible-playbook
    and the machine's load of the moment. Versions and the two playbooks are interleaved, the
    order rotating each repetition.
    """
    failing = bench.expected_failing([generate_data.BIG_APPKEY], big=True)
    runs = dict((label, {'big': [], 'floor': []}) for label, _runner in bench.version_runners)
    requests = []
    # The state between runs is measured too: each version keeps the fact phone_compliance_state in a jsonfile
    # fact cache of its own, primed by one run that is not measured, so every measured run reads the previous
    # state of 10,000 numbers, compares with it and writes the next one. The floor runs with the same cache.
    caches = dict((label, {'ANSIBLE_CACHE_PLUGIN': 'jsonfile', 'ANSIBLE_CACHE_PLUGIN_TIMEOUT': '0',
                           'ANSIBLE_CACHE_PLUGIN_CONNECTION': os.path.join(bench.work_dir, 'fact-cache-d-%s' % label)})
                  for label, _runner in bench.version_runners)

    def big_run(label, runner, run_label, report_dir):
        big_host = {'phone_compliance_appkey': generate_data.BIG_APPKEY, 'phone_compliance_report_dir': report_dir,
                    'phone_compliance_report_formats': list(BIG_REPORT_FORMATS)}
        inventory = bench.inventory(run_label, {'big': big_host})
        run = bench.run(run_label, 'role_compliance.yml', inventory, 1, 2, failing=failing, kind='role', requests=1,
                        sample_memory=True, runner=runner, extra_environment=caches[label])
        return run

    for label, runner in bench.version_runners:
        report_dir = os.path.join(bench.work_dir, 'reports-big-%s-prime' % label)
        big_run(label, runner, 'd-prime-%s' % label, report_dir)
        check_big_report(report_dir, bench.args.big, failing)
    plan = [(label, runner, kind) for label, runner in bench.version_runners for kind in ('floor', 'big')]
    for rep in range(repeat):
        shift = rep % len(plan)
        for label, runner, kind in plan[shift:] + plan[:shift]:
            report_dir = os.path.join(bench.work_dir, 'reports-big-%s-%d' % (label, rep))
            if kind == 'floor':
                inventory = bench.inventory('big-%s-%d' % (label, rep), {'big': {'phone_compliance_appkey': generate_data.BIG_APPKEY}})
                runs[label]['floor'].append(bench.run('d-floor-%s-%d' % (label, rep), 'floor.yml', inventory, 1, 0, sample_memory=True, runner=runner,
                                                      extra_environment=caches[label]))
                continue
            run = big_run(label, runner, 'd-big-%s-%d' % (label, rep), report_dir)
            check_big_report(report_dir, bench.args.big, failing, runs_before=rep + 1)
            run['state_bytes'] = fact_cache_bytes(caches[label]['ANSIBLE_CACHE_PLUGIN_CONNECTION'], 'big')
            runs[label]['big'].append(run)
            requests.append(run['requests'])
    figures = []
    for label, _runner in bench.version_runners:
        big, floor = runs[label]['big'], runs[label]['floor']
        name = 'd. %d numbers, ansible-core %s' % (bench.args.big, label)
        figures += [
            report.ratio_figure('%s: run / floor' % name, [run['wall'] for run in big], [run['wall'] for run in floor],
                                TARGET_BIG_FLOOR_RATIO, '<=', 'fetched, checked, compared with the previous run (fact cache), '
                                'JSON/JUnit/Markdown/HTML written; floor: the same host, one ping'),
            report.value_figure('%s: peak RSS, whole tree' % name, [run['peak_rss_mb'] for run in big], ' MB', TARGET_BIG_MEGABYTES, '<',
                                'RSS summed over ansible-playbook and every child (shared pages counted per process)'),
            report.ratio_figure('%s: run / floor, CPU time' % name, [run['cpu'] for run in big], [run['cpu'] for run in floor],
                                note='user + system of the whole tree; less sensitive to the machine\'s load, for context'),
            report.value_figure('%s: wall time' % name, [run['wall'] for run in big], ' s',
                                note='depends on the machine; the floor took %.2f s' % report.describe([run['wall'] for run in floor])['median']),
            report.value_figure('%s: CPU time, whole tree' % name, [run['cpu'] for run in big], ' s',
                                note='user + system of ansible-playbook and its children: what the load of the machine does not inflate'),
            report.value_figure('%s: peak PSS, whole tree' % name, [run['peak_pss_mb'] for run in big], ' MB',
                                note='shared pages divided among the processes: the fairer sum'),
            report.value_figure('%s: floor peak RSS' % name, [run['peak_rss_mb'] for run in floor], ' MB',
                                note='ansible-playbook itself, for context'),
            report.value_figure('%s: state (fact phone_compliance_state)' % name, [run['state_bytes'] / 1e6 for run in big], ' MB',
                                note='the host\'s file in the jsonfile fact cache, after up to %d runs' % (repeat + 1)),
        ]
    return figures, runs, requests


def inventory_sources(bench, name, appkeys, width=None):
    """Write the two sources of one inventory measurement: the plugin's file and a static YAML of the same hosts.

    The static inventory holds what the plugin makes of the simulator's data (the same host names,
    the same nxcloud_* variables, the same environment groups), so the two runs differ only in where
    the data comes from.
    """
    plugin_source = os.path.join(bench.work_dir, 'inventory-%s.nxcloud.yml' % name)
    config = {'plugin': 'nxcloud.whatsapp.phones', 'apps': [{'appkey': appkey, 'environment': appkey} for appkey in appkeys]}
    if width:
        config['max_concurrent_apps'] = width
    with open(plugin_source, 'w') as out:
        yaml.safe_dump(config, out)
    groups = {}
    for appkey in appkeys:
        hosts = {}
        for phone in bench.apps[appkey]['phones']:
            variables = dict(('nxcloud_%s' % key, value) for key, value in phone.items())
            variables.update(nxcloud_environment=appkey, nxcloud_environments=[appkey], nxcloud_appkey=appkey, ansible_connection='local')
            hosts[phone['number']] = variables
        groups[appkey.replace('-', '_')] = {'hosts': hosts}
    static_source = os.path.join(bench.work_dir, 'inventory-%s-static.yml' % name)
    with open(static_source, 'w') as out:
        yaml.safe_dump({'all': {'children': groups}}, out)
    return plugin_source, static_source, sum(len(bench.apps[appkey]['phones']) for appkey in appkeys)


def run_inventory(bench, label, source, hosts, requests=None):
    """Run ansible-inventory --list on a source, check it listed every host (and made the requests expected); return the run."""
    listing_file = os.path.join(bench.work_dir, '%s.listing.json' % label)
    before = len(bench.simulator.requests_logged())
    result = bench.runner.run_inventory(label, source, listing_file)
    result['requests'] = len(bench.simulator.requests_logged()) - before
    problems = []
    if result['rc'] != 0:
        problems.append('exit status %s' % result['rc'])
    listed = 0
    if os.path.exists(listing_file):
        with open(listing_file) as listing:
            listed = len(json.load(listing).get('_meta', {}).get('hostvars', {}))
    if listed != hosts:
        problems.append('%d hosts listed, expected %d' % (listed, hosts))
    if requests is not None and result['requests'] != requests:
        problems.append('%d requests reached the simulator, expected %d' % (result['requests'], requests))
    if problems:
        raise BenchError('%s did not do its job (%s); output in %s' % (label, '; '.join(problems), result['output_file']))
    del result['output']
    bench.runs.append(result)
    return result


def figure_e(bench, repeat):
    """The inventory plugin against ansible-inventory of a static YAML inventory of the same hosts, runs interleaved."""
    args = bench.args
    large = args.sizes[1]
    environment_apps = [generate_data.environment_appkey(large, index) for index in range(1, args.environments + 1)]
    wide_apps = [generate_data.wide_appkey(args.wide[1], index) for index in range(1, args.wide[0] + 1)]
    plugin, static, hosts = inventory_sources(bench, 'e-%dx%d' % (args.environments, large), environment_apps)
    one_at_a_time, _static, _hosts = inventory_sources(bench, 'e-%dx%d-sequential' % (args.environments, large), environment_apps, width=1)
    wide_plugin, wide_static, wide_hosts = inventory_sources(bench, 'e-%dx%d' % tuple(args.wide), wide_apps)
    runs = dict((key, []) for key in ('plugin', 'static', 'sequential', 'wide plugin', 'wide static'))
    plan = [('plugin', plugin, hosts, len(environment_apps)), ('static', static, hosts, 0),
            ('sequential', one_at_a_time, hosts, len(environment_apps)),
            ('wide plugin', wide_plugin, wide_hosts, len(wide_apps)), ('wide static', wide_static, wide_hosts, 0)]
    run_inventory(bench, 'e-warmup', static, hosts)
    for rep in range(repeat):
        shift = rep % len(plan)
        for key, source, count, requests in plan[shift:] + plan[:shift]:
            runs[key].append(run_inventory(bench, 'e-%s-%d' % (key.replace(' ', '-'), rep), source, count, requests=requests))

    def wall(key):
        return [run['wall'] for run in runs[key]]

    figures = [
        report.ratio_figure('e. inventory plugin / static YAML, %d apps x %d numbers' % (args.environments, large), wall('plugin'), wall('static'),
                            TARGET_INVENTORY_RATIO, '<=', '%d ms per request; ansible-inventory --list of the same %d hosts' % (args.latency_ms, hosts)),
        report.ratio_figure('e. one app at a time / the pool, %d apps' % args.environments, wall('sequential'), wall('plugin'),
                            note='max_concurrent_apps 1 against the default 10, for context'),
        report.ratio_figure('e. inventory plugin / static YAML, %d apps x %d numbers' % tuple(args.wide), wall('wide plugin'), wall('wide static'),
                            TARGET_INVENTORY_RATIO, '<=', '%d ms per request; %d apps, 10 at a time' % (args.latency_ms, len(wide_apps))),
        report.ratio_figure('e. inventory plugin / static YAML CPU time, %d apps x %d numbers' % (args.environments, large),
                            [run['cpu'] for run in runs['plugin']], [run['cpu'] for run in runs['static']],
                            note='user + system: what the load of the machine does not inflate, for context'),
        report.value_figure('e. inventory plugin wall time, %d apps x %d numbers' % tuple(args.wide), wall('wide plugin'), ' s',
                            note='the static YAML took %.2f s' % report.describe(wall('wide static'))['median']),
        report.exact_figure('e. requests per inventory run (%d apps)' % args.environments, [run['requests'] for run in runs['plugin']],
                            args.environments, 'counted in the simulator log; never one per number'),
        report.exact_figure('e. requests per inventory run (%d apps)' % args.wide[0], [run['requests'] for run in runs['wide plugin']],
                            args.wide[0]),
    ]
    return figures, runs


def check_big_report(report_dir, count, failing, runs_before=0):
    """Check the big run's reports: every number judged, exactly the violating ones failed, all formats written.

    The environment's entry in the combined report is read. With ``runs_before``, its trend must hold that many runs
    before this one, and no change (the data does not change between runs).
    """
    stem = os.path.join(report_dir, 'phone-compliance')
    try:
        with open(stem + '.json') as report_file:
            result = json.load(report_file)
    except (OSError, ValueError) as error:
        raise BenchError('the big run\'s JSON report %s is not readable: %s' % (stem + '.json', error))
    environment = next((item for item in result.get('environments', ()) if item.get('environment') == 'big'), result)
    found = set(item['number'] for item in environment['results'] if item['status'] == 'failed')
    if environment['counts']['numbers'] != count or found != failing:
        raise BenchError('the big run\'s report judged %s numbers (expected %d) and failed %d numbers (expected %d)'
                         % (environment['counts']['numbers'], count, len(found), len(failing)))
    for extension in BIG_REPORT_EXTENSIONS:
        if not os.path.exists(stem + extension) or not os.path.getsize(stem + extension):
            raise BenchError('the big run wrote no %s report next to %s.json' % (extension, stem))
    runs = len(environment['trend']['runs'])
    if runs != runs_before + 1 or result['changes'] or (runs_before and result['changes_note']):
        raise BenchError('the big run did not compare with its previous state: %d runs in its trend (expected %d), %d changes, note %r'
                         % (runs, runs_before + 1, len(result['changes']), result['changes_note']))


def fact_cache_bytes(directory, host):
    """Return the size of the host's file in a jsonfile fact cache (named <host>, or s<n>_<host> from ansible-core 2.19 on)."""
    names = [name for name in os.listdir(directory) if name == host or re.match(r'^s[0-9]+_%s$' % re.escape(host), name)]
    if len(names) != 1:
        raise BenchError('the fact cache %s holds no single file for host %s: %s' % (directory, host, sorted(os.listdir(directory))))
    return os.path.getsize(os.path.join(directory, names[0]))


def code_state():
    """Return the git trees of the measured code (plugins/, roles/) and a digest of its uncommitted changes, or None outside git."""
    try:
        trees = subprocess.check_output(['git', '-C', REPO_ROOT, 'rev-parse', 'HEAD:plugins', 'HEAD:roles'],
                                        stderr=subprocess.DEVNULL).decode().split()
        changes = subprocess.check_output(['git', '-C', REPO_ROOT, 'status', '--porcelain', '--', 'plugins', 'roles'],
                                          stderr=subprocess.DEVNULL).decode()
        digest = hashlib.sha256()
        for line in sorted(changes.splitlines()):
            path = os.path.join(REPO_ROOT, line[3:])
            digest.update(line.encode())
            if os.path.isfile(path):
                with open(path, 'rb') as changed:
                    digest.update(changed.read())
    except (OSError, subprocess.CalledProcessError):
        return None
    return {'plugins_tree': trees[0][:12], 'roles_tree': trees[1][:12], 'uncommitted_files': len(changes.splitlines()),
            'uncommitted_digest': digest.hexdigest()[:12]}


def _loadavg():
    try:
        with open('/proc/loadavg') as load:
            return load.read().split()[:3]
    except OSError:
        return None


def main(argv=None):
    """Run the figures asked for, print the table, write results.json; exit 1 on an invalid run."""
    args = parse_args(argv)
    work_dir = tempfile.mkdtemp(prefix='nxcloud-bench-')
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = _loadavg()
    code_before = code_state()
    print('nxcloud.whatsapp bench: figures %s, %d run(s) each, %d environments x %s numbers, forks %d, %d ms latency, big app %d'
          % (','.join(args.figures), args.repeat, args.environments, '/'.join(map(str, args.sizes)), args.forks, args.latency_ms, args.big))
    print('ansible-core: %s%s' % (ansible_core_version(args.ansible_bin), '; figure d on %s' % ', '.join(label for label, _bin in args.versions)
                                  if 'd' in args.figures else ''))
    print('work directory: %s' % work_dir, flush=True)
    figures, breakdowns, role_requests = [], {}, []
    bench = None
    try:
        bench = Bench(args, work_dir)
        if 'b' in args.figures:
            found, runs = figure_b(bench, args.repeat)
            figures += found
            breakdowns.update(runs)
        if 'c' in args.figures or 'a' in args.figures:
            found, runs = figure_c(bench, args.repeat)
            figures += found if 'c' in args.figures else []
            breakdowns.update(('%s (%s)' % (key, 'c'), value) for key, value in runs.items() if key != 'floor')
            breakdowns['floor (c)'] = runs['floor']
            role_requests += [run['requests'] for key, value in runs.items() if key.startswith('role') for run in value]
        if 'd' in args.figures:
            found, runs, requests = figure_d(bench, args.repeat)
            figures += found
            for label, version_runs in runs.items():
                breakdowns['big app (d, ansible-core %s)' % label] = version_runs['big']
                breakdowns['floor 1 host (d, ansible-core %s)' % label] = version_runs['floor']
        if 'e' in args.figures:
            found, _runs = figure_e(bench, args.repeat)
            figures += found
        if 'a' in args.figures:
            figures.insert(0, report.exact_figure('a. requests per compliance run (%d apps)' % args.environments, role_requests,
                                                  args.environments, 'counted in the simulator log; never one per number'))
            if 'd' in args.figures:
                figures.insert(1, report.exact_figure('a. requests per compliance run (1 app, %d numbers)' % args.big, requests, 1))
    except BenchError as error:
        print('ERROR: %s' % error, file=sys.stderr)
        args.keep = True
        return 1
    finally:
        if bench is not None:
            bench.simulator.stop()
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            print('kept the work directory %s' % work_dir)
    print()
    print(report.table(figures))
    print()
    print('Where the time goes (median seconds per task):')
    for name, runs in breakdowns.items():
        if runs:
            print('  %s' % name)
            for line in report.task_breakdown(runs):
                print(line)
    code_after = code_state()
    results = {
        'started': started.isoformat(timespec='seconds'),
        'code': {'before': code_before, 'after': code_after},
        'settings': dict((key, value) for key, value in vars(args).items() if key not in ('keep', 'results')),
        'machine': {'cpus': os.cpu_count(), 'loadavg_before': load_before, 'loadavg_after': _loadavg(),
                    'python': python_description(), 'ansible': ansible_version(args.ansible_bin),
                    'ansible_d': dict((label, ansible_version(ansible_bin)) for label, ansible_bin in args.versions)},
        'figures': figures,
        'runs': bench.runs,
    }
    with open(args.results, 'w') as out:
        json.dump(results, out, indent=1, sort_keys=True)
    print('\nresults written to %s (load average before %s, after %s)' % (args.results, load_before, results['machine']['loadavg_after']))
    if code_before != code_after:
        print('WARNING: the measured code (plugins/, roles/) changed during the run (%s -> %s): the runs mix versions; measure again'
              % (code_before, code_after))
    missed = [figure['name'] for figure in figures if figure['verdict'] == 'MISS']
    if missed:
        print('MISSED: %s' % '; '.join(missed))
    return 3 if missed and args.strict else 0


if __name__ == '__main__':
    sys.exit(main())
