# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one cell (a simulator set-up x a target) and judge how it ended; shared by the matrix and clock tests.

Judging is strict and says why: a cell is OK only when it ended the one acceptable way, without
a traceback, within its time budget, with no more requests than the retry budget allows, with
the injected fault actually met, and with no secret in any output.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import shutil
import subprocess

from reliability_harness import REPO_ROOT, SECRETS, record_cell, run_inventory, run_playbook, running_simulator, scan_outputs
from fault_catalog import INVENTORY_TARGET, MODULE_TARGETS, RETRIES, TIMEOUT
from reliability_world import ACCESS_KEY, ACCESS_SECRET, APPKEY, NUMBERS, healthy_phone

JUNIT_SCHEMA = os.path.join(REPO_ROOT, 'tests', 'schemas', 'junit-10.xsd')
# Allowed on top of a cell's time budget: ansible-playbook's start-up and wind-down. The budget
# check is there to catch hangs, not a slow start: CI runs the matrix beside other test sessions
# on a small runner, so the allowance is generous.
ALLOWANCE_SECONDS = float(os.environ.get('NXCLOUD_RELIABILITY_ALLOWANCE', '30'))
# 'module' is phone_info on a local connection, made in the controller's process; 'module-process'
# the same task with the environment keyword, which makes it run as a module process (the path of
# a remote host, become or async).
PLAYBOOKS = {'module': 'module_cell.yml', 'module-process': 'module_cell.yml', 'role': 'role_cell.yml'}
REMEDY = re.compile(r'\b(check|contact|set|try again|retry later|bind|report|fix)\b', re.IGNORECASE)
RETRY_WARNING = re.compile(r'attempt \d+ of %d failed' % (RETRIES + 1))


def cell_variables(url, target, overrides=None):
    """Return the cell_* variables of the cell playbooks, with a row's ``overrides`` (a function of the URL) applied."""
    variables = {
        'cell_run_as_module': target == 'module-process',
        'cell_access_key': ACCESS_KEY,
        'cell_access_secret': ACCESS_SECRET,
        'cell_appkey': APPKEY,
        'cell_api_url': url,
        'cell_business_phones': list(NUMBERS),
        'cell_timeout': TIMEOUT,
        'cell_retries': RETRIES,
    }
    if overrides is not None:
        variables.update(overrides(url))
    return variables


def inventory_config(variables):
    """Return the inventory source of the inventory column: the cell's app, numbers, timeout and retries, with a row's overrides.

    The credentials go in NXCLOUD_* environment variables (run_inventory), except an access_secret
    that is not a string (a row's bad value), which no environment variable can carry: it goes in
    the source, as a user would write it there.
    """
    config = {
        'api_url': variables['cell_api_url'],
        'apps': [{'appkey': variables['cell_appkey'], 'environment': 'reliability',
                  'business_phones': variables.get('cell_phone_filter', variables['cell_business_phones'])}],
        'timeout': variables['cell_timeout'],
        'retries': variables['cell_retries'],
    }
    if not isinstance(variables['cell_access_secret'], str):
        config['access_secret'] = variables['cell_access_secret']
    return config


class CellRun(object):
    """A finished cell: the playbook result, what the simulator saw, and the judgement."""

    def __init__(self, target, result, requests, fired):
        self.target = target
        self.result = result
        self.requests = requests
        self.fired = fired
        self.problems = []
        self.message = ''

    def problem(self, text):
        self.problems.append(text)


def run_cell(target, cell_dir, rules=None, data_shape='object', clock_offset=0.0, verbosity=0, budget=None, variables=None, secrets=None):
    """Start a simulator, run the target's playbook against it, stop the simulator; return a CellRun.

    ``variables`` and ``secrets`` are a row's functions of the simulator's URL: cell variables to
    set, and more values (credentials in a URL) that no output may hold.
    """
    budget = budget if budget is not None else (RETRIES + 1) * TIMEOUT
    with running_simulator(rules, data_shape=data_shape, clock_offset=clock_offset,
                           log_path=os.path.join(cell_dir, 'simulator-requests.jsonl')) as simulator:
        for secret in (secrets(simulator.url) if secrets else ()):
            SECRETS.add_secret(secret)
        cell_vars = cell_variables(simulator.url, target, variables)
        if target == INVENTORY_TARGET:
            result = run_inventory(inventory_config(cell_vars), cell_vars, cell_dir, hard_limit=budget + ALLOWANCE_SECONDS + 60, verbosity=verbosity)
        else:
            result = run_playbook(PLAYBOOKS[target], cell_vars, cell_dir, hard_limit=budget + ALLOWANCE_SECONDS + 60, verbosity=verbosity)
        requests, fired = simulator.requests_seen, sum(simulator.faults.fired)
    return CellRun(target, result, requests, fired)


def role_failure_lines(output):
    """Return the lines of the role's one failure message (the assert's fail_msg list)."""
    return [line.strip().strip('",') for line in output.splitlines() if '[FAIL]' in line or 'phone compliance:' in line]


def role_report(cell_dir):
    """Return (combined JSON report or None, JUnit text or None) written by the role."""
    base = os.path.join(cell_dir, 'reports', 'phone-compliance')
    report = junit = None
    if os.path.exists(base + '.json'):
        with open(base + '.json', encoding='utf-8') as handle:
            report = json.load(handle)
    if os.path.exists(base + '.junit.xml'):
        with open(base + '.junit.xml', encoding='utf-8') as handle:
            junit = handle.read()
    return report, junit


def judge_common(cell, budget):
    """Checks every cell must pass whatever its outcome; ``budget`` None: no wall-time check (the cell counts attempts instead)."""
    result = cell.result
    for marker in result.tracebacks():
        cell.problem('traceback in the output (%r)' % marker)
    if budget is not None and result.elapsed > budget + ALLOWANCE_SECONDS:
        cell.problem('took %.1f s, more than the budget %.1f s + %.0f s start-up allowance (a hang)' % (result.elapsed, budget, ALLOWANCE_SECONDS))
    if cell.requests > RETRIES + 1:
        cell.problem('%d requests reached the simulator; the retry budget allows %d' % (cell.requests, RETRIES + 1))


def judge(cell, expect, cell_dir):
    """Judge a cell of any target against its expectation."""
    if cell.target in MODULE_TARGETS:
        judge_module(cell, expect)
    elif cell.target == INVENTORY_TARGET:
        judge_inventory(cell, expect)
    elif expect.outcome == 'refused':
        judge_role_refusal(cell, expect, cell_dir)
    else:
        judge_role(cell, expect, cell_dir)
    judge_output(cell, expect)


def judge_texts(cell, expect, texts, what):
    """What none of ``texts`` (name -> text) may show raw (the row's absent needles), and how large they may grow together."""
    for needle in expect.absent:
        for name, text in texts.items():
            if needle in text:
                cell.problem('%r reached %s raw' % (needle, name))
    if expect.max_output_bytes is not None:
        size = sum(len(text) for text in texts.values())
        if size > expect.max_output_bytes:
            cell.problem('%s hold %d characters, more than %d: service text was passed through whole' % (what, size, expect.max_output_bytes))


def judge_output(cell, expect):
    """What no output may show raw (terminal escapes), how large it may grow, which warning it must hold."""
    result = cell.result
    texts = {'stdout': result.stdout, 'stderr': result.stderr}
    answer_path = os.path.join(result.work_dir, 'result.json')
    if os.path.exists(answer_path):
        with open(answer_path, encoding='utf-8', errors='replace') as handle:
            texts['result.json'] = handle.read()
    judge_texts(cell, expect, texts, 'the outputs')
    if expect.warned and not re.search(expect.warned, result.output):
        cell.problem('the output does not show the warning %r' % expect.warned)


def judge_role_refusal(cell, expect, cell_dir):
    """A role variable of the wrong type is refused by the role's first task: a failure naming it, no request, no report."""
    result = cell.result
    cell.message = next((line.strip() for line in result.stdout.splitlines() if re.search(expect.says, line)), '')
    if result.rc == 0:
        cell.problem('the role passed; expected it to refuse a role variable')
    judge_message(cell, cell.message or result.output, expect, need_remedy=True)
    if cell.requests:
        cell.problem('%d requests were made; the role must refuse the variable before any' % cell.requests)


def judge_module(cell, expect):
    """Judge a phone_info cell against its expectation."""
    result = cell.result
    # Each module column must have taken its path: from -vvv on, the output names the module file
    # put for a module process, and only then.
    ran_as_module = 'AnsiballZ_phone_info.py' in result.output
    if result.verbosity >= 3 and ran_as_module != (cell.target == 'module-process'):
        how = 'as a module process' if ran_as_module else "in the controller's process"
        cell.problem('phone_info ran %s, not as the %s column says' % (how, cell.target))
    answer = result.json_file('result.json')
    if answer is None:
        cell.problem('the playbook wrote no result.json (exit status %s)' % result.rc)
        return
    cell.message = str(answer.get('msg', ''))
    if expect.outcome == 'refused' and cell.requests:
        cell.problem('%d requests were made; the option must be refused before any' % cell.requests)
    if expect.outcome == 'recovered':
        if result.rc != 0 or answer.get('failed'):
            cell.problem('failed instead of recovering: %s' % cell.message[:300])
            return
        phones = dict((phone['number'], dict((key, value) for key, value in phone.items() if key != 'number'))
                      for phone in answer.get('phones', []))
        healthy = dict((number, healthy_phone(number)) for number in NUMBERS)
        wanted = expect.phones(healthy) if expect.phones else healthy
        if phones != wanted:
            cell.problem('wrong answer: phones %s, expected %s' % (json.dumps(phones, sort_keys=True)[:400], json.dumps(wanted, sort_keys=True)[:400]))
        missing = [NUMBERS[index] for index in expect.missing]
        if answer.get('missing') != missing:
            cell.problem('wrong answer: missing %s, expected %s' % (answer.get('missing'), missing))
        if expect.retried and not RETRY_WARNING.search(result.output):
            cell.problem('recovered without the retry warning that shows the fault was met and retried')
        return
    if result.rc == 0 or not answer.get('failed'):
        cell.problem('did not fail (exit status %s); result %s' % (result.rc, json.dumps(answer)[:300]))
    if 'phones' in answer:
        cell.problem('a failed result still carries phones (a partial answer)')
    judge_message(cell, cell.message, expect, need_remedy=True)


def junit_schema_problem(path):
    """Return why the JUnit file at ``path`` is not valid against Jenkins xunit's schema (tests/schemas/junit-10.xsd), or None."""
    xmllint = shutil.which('xmllint')
    if not xmllint:
        return 'xmllint is not installed, so the JUnit report could not be validated (apt-get install libxml2-utils)'
    checked = subprocess.run([xmllint, '--noout', '--schema', JUNIT_SCHEMA, path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, check=False)
    return None if checked.returncode == 0 else 'the JUnit report is not valid against junit-10.xsd: %s' % checked.stdout.strip()[:400]


def _plain(value):
    # ansible-core 2.19+ writes unsafe text as {"__ansible_unsafe": text} in ansible-inventory --output.
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, _plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# Host variables the inventory plugin adds to the fields of a phone.
INVENTORY_OWN_VARIABLES = ('ansible_connection', 'nxcloud_number', 'nxcloud_environment', 'nxcloud_environments', 'nxcloud_appkey')


def judge_inventory(cell, expect):
    """Judge an inventory cell: the hosts and their variables are the simulator's phones, or the source failed saying why."""
    result = cell.result
    listing = result.json_file('inventory.json')
    output = ' '.join(result.output.split())
    failures = re.findall(r'nxcloud\.whatsapp\.phones: (could not read the numbers of environment .*?)'
                          r'(?: Failed to parse inventory| Origin:|\[WARNING\]|\[ERROR\]|ERROR!|$)', output)
    cell.message = failures[0] if failures else ''
    hostvars = _plain(listing['_meta']['hostvars']) if listing else {}
    if expect.outcome == 'refused':
        judge_inventory_refusal(cell, expect, output, hostvars)
        return
    if expect.outcome == 'recovered':
        if result.rc != 0 or listing is None:
            cell.problem('failed instead of recovering (exit status %s): %s' % (result.rc, cell.message[:300] or output[-400:]))
            return
        phones = dict((number, dict((key[len('nxcloud_'):], value) for key, value in variables.items() if key not in INVENTORY_OWN_VARIABLES))
                      for number, variables in hostvars.items())
        healthy = dict((number, healthy_phone(number)) for number in NUMBERS)
        wanted = expect.phones(healthy) if expect.phones else healthy
        if phones != wanted:
            cell.problem('wrong answer: hosts %s, expected %s' % (json.dumps(phones, sort_keys=True)[:400], json.dumps(wanted, sort_keys=True)[:400]))
        if sorted(listing.get('reliability', {}).get('hosts', [])) != sorted(wanted):
            cell.problem('the environment group holds %s, expected %s' % (listing.get('reliability', {}).get('hosts'), sorted(wanted)))
        if any(variables.get('ansible_connection') != 'local' for variables in hostvars.values()):
            cell.problem('a host is not ansible_connection local')
        for index in expect.missing:
            if 'did not return the requested number %s' % NUMBERS[index] not in output:
                cell.problem('no warning that the requested number %s is missing' % NUMBERS[index])
        if expect.retried and not RETRY_WARNING.search(output):
            cell.problem('recovered without the retry warning that shows the fault was met and retried')
        return
    if result.rc == 0:
        cell.problem('the inventory source did not fail (exit status 0)')
    if hostvars:
        cell.problem('a failed source still listed %d hosts (a partial inventory)' % len(hostvars))
    if not cell.message:
        cell.problem('no message naming the environment that could not be read: %r' % output[-400:])
    judge_message(cell, cell.message or output, expect, need_remedy=True)


def judge_inventory_refusal(cell, expect, output, hostvars):
    """A bad option of the source is refused before any request: AnsibleParserError naming the plugin and the source file, no host."""
    refusals = re.findall(r'nxcloud\.whatsapp\.phones: (.*?) \(in /', output)
    cell.message = refusals[0] if refusals else ''
    if cell.result.rc == 0:
        cell.problem('the inventory source did not fail (exit status 0); expected it to refuse an option')
    if hostvars:
        cell.problem('a refused source still listed %d hosts' % len(hostvars))
    if cell.requests:
        cell.problem('%d requests were made; the option must be refused before any' % cell.requests)
    if not cell.message:
        cell.problem('no message of the plugin naming the source file: %r' % output[-400:])
    judge_message(cell, cell.message or output, expect, need_remedy=True)


def judge_role(cell, expect, cell_dir):
    """Judge a phone_compliance cell against its expectation."""
    result = cell.result
    report, junit = role_report(cell_dir)
    if junit is not None:
        # Every JUnit file the role writes, whatever went wrong, must be one a Jenkins xunit job accepts.
        problem = junit_schema_problem(os.path.join(cell_dir, 'reports', 'phone-compliance.junit.xml'))
        if problem:
            cell.problem(problem)
    lines = role_failure_lines(result.stdout)
    cell.message = '\n'.join(lines)
    if expect.outcome == 'recovered':
        if result.rc != 0:
            cell.problem('failed instead of recovering (exit status %s): %s' % (result.rc, cell.message[:400] or result.output[-400:]))
            return
        if report is None:
            cell.problem('no JSON report was written')
            return
        environment = report['environments'][0] if report.get('environments') else {}
        passed_numbers = set(item['number'] for item in environment.get('results', ()) if item['status'] == 'passed')
        if report.get('status') != 'passed' or environment.get('counts', {}).get('numbers') != len(NUMBERS) or passed_numbers != set(NUMBERS):
            cell.problem('wrong answer: report status %s, %s numbers judged, passed %s'
                         % (report.get('status'), environment.get('counts', {}).get('numbers'), sorted(passed_numbers)))
        return
    if result.rc == 0:
        cell.problem('the role passed; expected it to fail')
    judge_message(cell, cell.message or result.output, expect, need_remedy=expect.report_status == 'errored')
    # In AWX's job output people read the verdict: each violation one line, shown once (not again in a
    # one-line Python list of the whole message, nor in the failure's JSON). From -v on, Ansible also
    # prints every task's result, which holds the message: judged without -v only.
    violation_lines = [line for line in lines if '[FAIL]' in line]
    if not violation_lines:
        cell.problem('the failure lists no violation on a line of its own')
    for line in sorted(set(violation_lines)) if result.verbosity == 0 else ():
        if result.stdout.count(line) > 1:
            cell.problem('the violation %r is printed %d times' % (line[:120], result.stdout.count(line)))
    if report is None or junit is None:
        cell.problem('the role failed without writing its JSON and JUnit reports')
        return
    if report.get('status') != expect.report_status:
        cell.problem('the report says %r, expected %r (a failed run must never look complete and passing)' % (report.get('status'), expect.report_status))
    if expect.report_status == 'errored':
        error = (report.get('environments') or [{}])[0].get('error') or ''
        if not re.search(expect.says, error, re.DOTALL):
            cell.problem('the report\'s error does not say %r: %r' % (expect.says, error[:300]))
    if '<failure' not in junit and '<error' not in junit:
        cell.problem('the JUnit report holds no failure or error')


def judge_message(cell, message, expect, need_remedy):
    """The failure message must say what happened and, for a failed call, what to do."""
    if not re.search(expect.says, message, re.DOTALL):
        cell.problem('the message does not say %r: %r' % (expect.says, message[:400]))
    elif need_remedy and not REMEDY.search(message):
        cell.problem('the message says what happened but not what to do: %r' % message[:400])


def finish_cell(cell, fault, expect, cell_dir, budget, label):
    """Scan the outputs for secrets, record the cell in the matrix, and return the problems."""
    hits = scan_outputs(label, {'stdout': cell.result.stdout, 'stderr': cell.result.stderr}, [cell_dir])
    for hit in hits:
        cell.problem('secret leaked: %s' % hit)
    record_cell({
        'fault': fault, 'target': cell.target, 'outcome': expect.outcome, 'verdict': 'OK' if not cell.problems else 'BAD',
        'elapsed': round(cell.result.elapsed, 2), 'budget': budget, 'requests': cell.requests, 'fired': cell.fired,
        'rc': cell.result.rc, 'message': cell.message[:500], 'problems': cell.problems,
    })
    return cell.problems
