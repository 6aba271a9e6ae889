# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Copyright: (c) 2026, nxcloud.whatsapp maintainers
"""Run every test of the collection and end with one line: ``N passed, N failed``.

Called by the Makefile (``make test``, ``make sanity``, ...) once the virtual environments exist.
For each ansible-core of the matrix it stages a real copy of the collection outside the work tree
(scripts/stage_collection.py) and runs ``ansible-test sanity``, ``units`` and ``integration --local``
there with that environment's Python; then the simulator's own pytest suite, ``ansible-lint`` and
``antsibull-changelog lint``. Every step runs even when an earlier one failed; each step's output
goes to tests/output/make-test/<step>.log and the tail of a failing step's log is printed.

Counts come from the tools' own reports (JUnit XML of ansible-test sanity/units and pytest, the
target list of ansible-test integration). A step that fails without a countable test failure
counts as one failure, and tests that exist but were not run (ansible-test skipping them
silently) count as failures too, so a broken run can never look green. Exit status: 0 only when
nothing failed and at least one test passed.

Standard library only: it runs before and outside the environments it drives.
"""

import argparse
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback
from xml.etree import ElementTree

REPO = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
LOG_DIR = os.path.join(REPO, 'tests', 'output', 'make-test')
STAGE_SCRIPT = os.path.join(REPO, 'scripts', 'stage_collection.py')
GET_PIP_STANDIN = os.path.join(REPO, 'scripts', 'get_pip_standin.py')
GET_PIP_CACHE = os.path.expanduser('~/.ansible/test/cache')
STANDIN_MARKER = 'Local stand-in for the get-pip.py'

# The ansible-core matrix: label, venv directory (relative to the repo), Python version.
# The first entry is the main development environment, which also runs the global steps.
MATRIX = (
    ('2.19', '.venv', '3.11'),
    ('2.16', '.venv-2.16', '3.11'),
    ('2.21', '.venv-2.21', '3.12'),
)
PER_ENVIRONMENT_STEPS = ('sanity', 'units', 'integration')
# Run once, in the main environment: plain pytest suites of tests/ (one step each), molecule
# scenarios (one step each), and the collection-wide gates.
GLOBAL_STEPS = ('pytest', 'molecule', 'consistency', 'ansible-lint', 'changelog-lint', 'galaxy-build', 'galaxy-importer',
                'docs', 'ee')
ALL_STEPS = PER_ENVIRONMENT_STEPS + GLOBAL_STEPS

# Aliases that keep an integration target out of a plain `ansible-test integration` run.
NOT_RUN_ALIASES = ('disabled', 'unsupported', 'hidden', 'unstable')
# Lines of pip/ansible-test output that carry no information on this machine.
NOISE = re.compile(r"^WARNING: Location 'file://|^WARNING: Using locale ")
TAIL_LINES = 60
OUTPUT_LOCK = threading.Lock()
DETAIL_LINES = 30


class StepResult:
    """What one step ran and found."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []   # (one-line reason, details or None) of what failed
        self.notes = []      # skipped items and other facts worth a line
        self.log = None
        self.seconds = 0.0

    def fail(self, reason, details=None):
        """Count one failure; details are the tool's own words, when it gave some."""
        self.failed += 1
        self.failures.append((reason, details))


def relative(path):
    """Return path relative to the repository when it lies inside it (shorter messages)."""
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def run_logged(command, log_path, cwd, env=None):
    """Run command with its output (stdout and stderr) in log_path; return its exit status."""
    with open(log_path, 'a', encoding='utf-8') as log:
        log.write('$ (cd %s && %s)\n' % (cwd, ' '.join(command)))
        log.flush()
        try:
            return subprocess.call(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        except OSError as error:
            log.write('cannot run %s: %s\n' % (command[0], error))
            return 127


def log_tail(log_path):
    """Return the last meaningful lines of a log, framed."""
    try:
        with open(log_path, encoding='utf-8', errors='replace') as log:
            lines = [line.rstrip('\n') for line in log if not NOISE.search(line)]
    except OSError:
        return []
    return (['----- last %d lines of %s -----' % (min(TAIL_LINES, len(lines)), relative(log_path))]
            + ['    ' + line for line in lines[-TAIL_LINES:]]
            + ['----- end of %s -----' % relative(log_path)])


def venv_environment(venv):
    """Return os.environ with venv first on PATH and nothing that would redirect imports."""
    env = dict(os.environ)
    for name in ('PYTHONPATH', 'PYTHONHOME', 'ANSIBLE_COLLECTIONS_PATH', 'ANSIBLE_COLLECTIONS_PATHS'):
        env.pop(name, None)
    env['VIRTUAL_ENV'] = venv
    env['PATH'] = os.path.join(venv, 'bin') + os.pathsep + env.get('PATH', '')
    return env


def venv_output(venv, code):
    """Return what a snippet of Python prints in venv, or None when it fails."""
    try:
        return subprocess.check_output([os.path.join(venv, 'bin', 'python'), '-c', code],
                                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def install_get_pip_standin(venv, result):
    """Put the get-pip stand-in where this ansible-test looks for its pip bootstrap script."""
    pip_version = venv_output(venv, (
        'import sys, types\n'
        'from ansible_test._internal.python_requirements import get_venv_packages\n'
        'print(get_venv_packages(types.SimpleNamespace(version="%d.%d" % sys.version_info[:2]))["pip"])'))
    if not pip_version or not re.match(r'^[0-9][0-9.]*$', pip_version):
        result.notes.append('could not read the pip version ansible-test bootstraps; if it tries to download '
                            'get-pip.py, copy scripts/get_pip_standin.py to %s/get_pip_<version>.py' % GET_PIP_CACHE)
        return
    target = os.path.join(GET_PIP_CACHE, 'get_pip_%s.py' % pip_version.replace('.', '_'))
    if os.path.exists(target):
        with open(target, encoding='utf-8', errors='replace') as existing:
            if STANDIN_MARKER not in existing.read():
                return  # a real get-pip.py someone cached: leave it
    os.makedirs(GET_PIP_CACHE, exist_ok=True)
    shutil.copyfile(GET_PIP_STANDIN, target)


def requirement_names(path):
    """Return the distribution names listed in a pip requirements file."""
    names = []
    if not os.path.isfile(path):
        return names
    with open(path, encoding='utf-8') as requirements:
        for line in requirements:
            line = line.split('#', 1)[0].strip()
            match = re.match(r'^([A-Za-z0-9][A-Za-z0-9._-]*)', line)
            if match and not line.startswith('-'):
                names.append(match.group(1))
    return names


def check_requirements_installed(venv, requirements_file, result):
    """Fail the step when venv lacks a package the collection's test requirements list."""
    names = requirement_names(os.path.join(REPO, requirements_file))
    if not names:
        return True
    missing = venv_output(venv, (
        'import importlib.metadata as m\n'
        'missing = []\n'
        'for name in %r:\n'
        '    try:\n'
        '        m.distribution(name)\n'
        '    except m.PackageNotFoundError:\n'
        '        missing.append(name)\n'
        'print(" ".join(missing))' % (names,)))
    if missing is None:
        result.fail('cannot inspect %s' % venv)
        return False
    if missing:
        result.fail('%s lists %s, which %s lacks: add it to the requirements/*.in of that environment and run '
                    '`make requirements`' % (requirements_file, missing, relative(venv)))
        return False
    return True


def junit_cases(paths):
    """Yield (name, outcome, message) for every test case in JUnit XML files."""
    for path in paths:
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as error:
            yield (os.path.basename(path), 'failed', 'unreadable JUnit report: %s' % error)
            continue
        for case in root.iter('testcase'):
            name = case.get('name', '?')
            if case.get('classname') and case.get('classname') != 'sanity':
                name = '%s::%s' % (case.get('classname'), name)
            outcome, message = 'passed', ''
            for child in case:
                if child.tag in ('failure', 'error'):
                    outcome = 'failed'
                    message = '\n'.join(part.strip() for part in (child.get('message'), child.text) if part and part.strip())
                    break
                if child.tag == 'skipped':
                    outcome, message = 'skipped', (child.get('message') or child.text or '').strip()
            yield (name, outcome, message)


def count_junit(paths, result):
    """Add the cases of JUnit reports to result; return how many cases there were."""
    total = 0
    for name, outcome, message in junit_cases(paths):
        total += 1
        if outcome == 'passed':
            result.passed += 1
        elif outcome == 'failed':
            lines = message.splitlines() or ['failed']
            result.fail('%s: %s' % (name, lines[0][:200]), '\n'.join(lines[1:]) or None)
        else:
            result.skipped += 1
            result.notes.append('skipped %s: %s' % (name, message or 'no reason given'))
    return total


def read_log(path):
    """Return a log's text ('' when it cannot be read)."""
    try:
        with open(path, encoding='utf-8', errors='replace') as log:
            return log.read()
    except OSError:
        return ''


class Environment:
    """One ansible-core of the matrix: its venv, its Python and its staged copy of the collection."""

    def __init__(self, label, venv_name, python_version, stage_root, stage_name=None):
        self.label = label
        self.venv_name = venv_name
        self.venv = os.path.join(REPO, venv_name)
        self.python_version = python_version
        # Each environment gets its own copy: steps running side by side never share tests/output.
        self.stage_root = os.path.join(stage_root, stage_name or venv_name.lstrip('.'))
        self.collection = None
        self.core_version = None

    def title(self):
        """Return a label such as 'ansible-core 2.19.14 / Python 3.11'."""
        return 'ansible-core %s / Python %s' % (self.core_version or self.label, self.python_version)

    def prepare(self, result):
        """Stage the collection and the pip bootstrap stand-in; return False when that failed."""
        if not os.path.isfile(os.path.join(self.venv, 'bin', 'ansible-test')):
            result.fail('%s has no ansible-test: run `make venvs` first' % relative(self.venv))
            return False
        self.core_version = venv_output(self.venv, 'import ansible.release; print(ansible.release.__version__)')
        install_get_pip_standin(self.venv, result)
        try:
            output = subprocess.check_output([sys.executable, STAGE_SCRIPT, self.stage_root], stdin=subprocess.DEVNULL,
                                             stderr=subprocess.STDOUT)
        except subprocess.CalledProcessError as error:
            result.fail('staging the collection to %s failed' % self.stage_root, error.output.decode(errors='replace'))
            return False
        self.collection = output.decode().strip().splitlines()[-1]
        return True

    def ansible_test(self, arguments, log_path):
        """Run ansible-test in the staged collection; return its exit status."""
        output_dir = os.path.join(self.collection, 'tests', 'output')
        shutil.rmtree(output_dir, ignore_errors=True)
        command = [os.path.join(self.venv, 'bin', 'ansible-test')] + arguments + [
            '--python', self.python_version, '--color', 'no']
        return run_logged(command, log_path, self.collection, venv_environment(self.venv))

    def keep_junit(self, step):
        """Copy the staged run's JUnit reports next to the logs; return the copies."""
        source_dir = os.path.join(self.collection, 'tests', 'output', 'junit')
        target_dir = os.path.join(LOG_DIR, '%s-%s-junit' % (self.label, step))
        shutil.rmtree(target_dir, ignore_errors=True)
        if not os.path.isdir(source_dir):
            return []
        shutil.copytree(source_dir, target_dir)
        return sorted(glob.glob(os.path.join(target_dir, '*.xml')))


def run_sanity(environment, result, _argument=None):
    """ansible-test sanity (no ignore file): one counted test per sanity test."""
    ignore_files = glob.glob(os.path.join(environment.collection, 'tests', 'sanity', 'ignore-*.txt'))
    if ignore_files:
        result.fail('ignore files are not allowed (fix the findings instead): %s'
                    % ', '.join(os.path.relpath(path, environment.collection) for path in ignore_files))
    status = environment.ansible_test(['sanity', '--junit'], result.log)
    reports = environment.keep_junit('sanity')
    count_junit(reports, result)
    log_text = read_log(result.log)
    for program in sorted(set(re.findall(r'Required program "([^"]+)" not found', log_text))):
        result.fail('a sanity test could not run: program "%s" not found (make installs shellcheck; '
                    'install %s)' % (program, program))
    if result.passed == 0:
        result.fail('no sanity test passed: ansible-test ran nothing (staging problem?)')
    if status != 0 and result.failed == 0:
        result.fail('ansible-test sanity exited %d without a failing test in its report' % status)


def unit_test_files(collection):
    """Return the unit test modules ansible-test units would collect."""
    found = []
    for directory, _subdirs, files in os.walk(os.path.join(collection, 'tests', 'unit')):
        found.extend(os.path.join(directory, name) for name in files if name.startswith('test_') and name.endswith('.py'))
    return found


def run_units(environment, result, _argument=None):
    """ansible-test units: every pytest case counts."""
    test_files = unit_test_files(environment.collection)
    if not test_files:
        result.notes.append('no unit test files (tests/unit/**/test_*.py): nothing to run')
        return
    if not check_requirements_installed(environment.venv, 'tests/unit/requirements.txt', result):
        return
    status = environment.ansible_test(['units'], result.log)
    cases = count_junit(environment.keep_junit('units'), result)
    if cases == 0:
        result.fail('%d unit test files exist but ansible-test ran no test case' % len(test_files))
    if status != 0 and result.failed == 0:
        result.fail('ansible-test units exited %d without a failing test in its report' % status)


def expected_integration_targets(collection):
    """Return the integration targets a plain run should execute, and those it should not."""
    expected, excluded = [], []
    targets_dir = os.path.join(collection, 'tests', 'integration', 'targets')
    if not os.path.isdir(targets_dir):
        return expected, excluded
    for name in sorted(os.listdir(targets_dir)):
        if not os.path.isdir(os.path.join(targets_dir, name)):
            continue
        aliases = read_log(os.path.join(targets_dir, name, 'aliases')).split()
        if name.startswith(('setup_', 'prepare_')) or any(alias in NOT_RUN_ALIASES for alias in aliases):
            excluded.append(name)
        else:
            expected.append(name)
    return expected, excluded


def run_integration(environment, result, _argument=None):
    """ansible-test integration --local: one counted test per target."""
    expected, excluded = expected_integration_targets(environment.collection)
    if excluded:
        result.notes.append('targets not run by design (setup_/prepare_ or aliases %s): %s'
                            % ('/'.join(NOT_RUN_ALIASES), ', '.join(excluded)))
    if not expected:
        result.notes.append('no integration targets: nothing to run')
        return
    if not check_requirements_installed(environment.venv, 'tests/integration/requirements.txt', result):
        return
    status = environment.ansible_test(['integration', '--local', '--continue-on-error'], result.log)
    environment.keep_junit('integration')
    log_text = read_log(result.log)
    ran = re.findall(r'^Running (\S+) integration test (?:role|script)$', log_text, re.MULTILINE)
    failed = set()
    listing = re.search(r'The \d+ integration test\(s\) listed below \(out of \d+\) failed\. '
                        r'See error output above for details:\n((?:\S+\n?)+)', log_text)
    if listing:
        failed = set(listing.group(1).split())
    for name in ran:
        if name in failed:
            result.fail('target %s' % name)
        else:
            result.passed += 1
    for name in sorted(failed - set(ran)):
        result.fail('target %s (reported failed before it ran)' % name)
    # e.g. 'WARNING: Excluding controller tests marked "destructive" which require ...: name1, name2'
    excluded_by_ansible_test = set()
    for warning, names in re.findall(r'^WARNING: (Excluding .*tests marked .*?): (\S+(?:, \S+)*)$', log_text, re.MULTILINE):
        excluded_by_ansible_test.update(names.split(', '))
        result.skipped += len(names.split(', '))
        result.notes.append('skipped %s (%s)' % (names, warning))
    for name in expected:
        if name not in ran and name not in failed and name not in excluded_by_ansible_test:
            result.fail('target %s exists but ansible-test did not run it' % name)
    if status != 0 and result.failed == 0:
        result.fail('ansible-test integration exited %d without a failing target' % status)


# Directories under tests/ that are not plain pytest suites.
NOT_PYTEST_SUITES = ('unit', 'integration', 'sanity', 'output')
# Plugin directories that hold no user-facing plugin documented by ansible-doc.
UNDOCUMENTED_PLUGIN_DIRS = ('module_utils', 'doc_fragments', 'plugin_utils', 'action')


def pytest_suites(collection):
    """Return tests/<name> directories holding test_*.py files that ansible-test does not run."""
    suites = []
    tests_dir = os.path.join(collection, 'tests')
    for name in sorted(os.listdir(tests_dir)) if os.path.isdir(tests_dir) else []:
        suite = os.path.join(tests_dir, name)
        if name in NOT_PYTEST_SUITES or not os.path.isdir(suite):
            continue
        for _directory, _subdirs, files in os.walk(suite):
            if any(file_name.startswith('test_') and file_name.endswith('.py') for file_name in files):
                suites.append('tests/%s' % name)
                break
    return suites


def molecule_scenarios(collection):
    """Return the molecule scenarios (directories with a molecule.yml) of extensions/molecule."""
    return sorted(os.path.basename(os.path.dirname(path))
                  for path in glob.glob(os.path.join(collection, 'extensions', 'molecule', '*', 'molecule.yml')))


def run_pytest_suite(environment, result, suite):
    """A plain pytest suite of tests/ (simulator, consistency, ...): every case counts."""
    report = result.log[:-len('.log')] + '-junit.xml'
    if os.path.exists(report):
        os.unlink(report)
    env = venv_environment(environment.venv)
    env['PYTHONPATH'] = environment.stage_root  # ansible_collections.nxcloud.whatsapp is importable
    env['ANSIBLE_COLLECTIONS_PATH'] = environment.stage_root
    status = run_logged([os.path.join(environment.venv, 'bin', 'python'), '-m', 'pytest', '-p', 'no:cacheprovider',
                         '-q', '--junitxml', report, suite],
                        result.log, environment.collection, env)
    cases = count_junit([report] if os.path.isfile(report) else [], result)
    if cases == 0:
        result.fail('pytest collected no test in %s (exit %d)' % (suite, status))
    elif status != 0 and result.failed == 0:
        result.fail('pytest exited %d without a failing test in its report' % status)


def run_molecule_scenario(environment, result, scenario):
    """One molecule scenario of extensions/molecule (full test sequence): one counted test."""
    env = venv_environment(environment.venv)
    env['ANSIBLE_COLLECTIONS_PATH'] = environment.stage_root
    env.update(NO_COLOR='1', PY_COLORS='0', ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')
    status = run_logged([os.path.join(environment.venv, 'bin', 'molecule'), 'test', '--scenario-name', scenario],
                        result.log, environment.collection, env)
    if status == 0:
        result.passed += 1
    else:
        result.fail('molecule test -s %s exited %d' % (scenario, status))


def run_single_command(environment, result, command, env=None, what=None, cwd=None):
    """Run one checking command (in the staged collection unless cwd is given): one counted test."""
    status = run_logged(command, result.log, cwd or environment.collection, env or venv_environment(environment.venv))
    if status == 0:
        result.passed += 1
    else:
        result.fail('%s exited %d' % (what or ' '.join(os.path.basename(part) for part in command[:2]), status))
    return status


def run_ansible_lint(environment, result, _argument=None):
    """ansible-lint, production profile (.ansible-lint), over the staged collection: one counted test."""
    env = venv_environment(environment.venv)
    env['ANSIBLE_LINT_SKIP_SCHEMA_UPDATE'] = '1'
    env['ANSIBLE_LINT_NODEPS'] = '1'  # no ansible-galaxy installs (offline)
    env['ANSIBLE_COLLECTIONS_PATH'] = environment.stage_root  # the playbooks' nxcloud.whatsapp.* resolve to this copy
    status = run_single_command(environment, result, [os.path.join(environment.venv, 'bin', 'ansible-lint'),
                                                      '--offline', '--nocolor'], env, 'ansible-lint')
    summary = re.findall(r'^(?:Passed|Failed): .*$', read_log(result.log), re.MULTILINE)
    if summary:
        result.notes.append(summary[-1])
    if status != 0:
        violations = re.findall(r'^([a-z-]+\[[^\]]+\]|[a-z-]+): .*\n(\S+:\d+)', read_log(result.log), re.MULTILINE)
        result.failures[-1] = (result.failures[-1][0],
                               '\n'.join('%s %s' % (location, rule) for rule, location in violations) or None)


def run_changelog_lint(environment, result, _argument=None):
    """antsibull-changelog lint over changelogs/: one counted test."""
    run_single_command(environment, result, [os.path.join(environment.venv, 'bin', 'antsibull-changelog'), 'lint'],
                       what='antsibull-changelog lint')


def run_consistency(environment, result, _argument=None):
    """scripts/check_consistency.py over the staged collection: one counted test."""
    script = os.path.join(environment.collection, 'scripts', 'check_consistency.py')
    if not os.path.isfile(script):
        result.notes.append('scripts/check_consistency.py does not exist: nothing to run')
        return
    run_single_command(environment, result, [os.path.join(environment.venv, 'bin', 'python'), script,
                                             '--root', environment.collection], what='check_consistency.py')


def docs_venv_ready(result, docs_venv):
    """Return True when the docs/platform venv exists; count a failure otherwise."""
    if os.path.isfile(os.path.join(docs_venv, 'bin', 'python')):
        return True
    result.fail('%s does not exist: run `make venv-docs`' % relative(docs_venv))
    return False


def run_docs_venv_script(environment, result, docs_venv, name, arguments):
    """Run scripts/NAME with the docs/platform venv as one counted test; return True when it ran.

    These scripts stage the collection themselves (they need the git work tree), so they run from
    the repository.
    """
    script = os.path.join(REPO, 'scripts', name)
    if not os.path.isfile(script):
        result.notes.append('scripts/%s does not exist: nothing to run' % name)
        return False
    if not docs_venv_ready(result, docs_venv):
        return False
    run_single_command(environment, result, ['bash', script] + arguments, what=name, cwd=REPO)
    return True


def run_docs(environment, result, docs_venv):
    """scripts/build_docs.sh: docs lint and the Sphinx site, warnings as errors: one counted test."""
    site = os.path.join(REPO, 'tests', 'output', 'docs-site')
    if run_docs_venv_script(environment, result, docs_venv, 'build_docs.sh', [site, docs_venv]) and not result.failed:
        result.notes.append('site: %s/index.html' % relative(site))


def run_ee(environment, result, docs_venv):
    """scripts/check_ee.sh: execution-environment metadata and example, without containers: one counted test."""
    run_docs_venv_script(environment, result, docs_venv, 'check_ee.sh', [docs_venv])


def plugin_types(collection):
    """Return the ansible-doc plugin types the collection ships (modules -> module)."""
    plugins_dir = os.path.join(collection, 'plugins')
    types = []
    for name in sorted(os.listdir(plugins_dir)) if os.path.isdir(plugins_dir) else []:
        if name in UNDOCUMENTED_PLUGIN_DIRS or name.startswith(('.', '_')):
            continue
        if glob.glob(os.path.join(plugins_dir, name, '*.py')):
            types.append('module' if name == 'modules' else name)
    return types


def galaxy_environment(environment, collections_path):
    """Return the environment of ansible-galaxy/ansible-doc runs that see only collections_path, offline."""
    env = venv_environment(environment.venv)
    env.update(ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
               # offline: a local tarball needs no Galaxy server, and none may be asked
               ANSIBLE_GALAXY_SERVER_LIST='none', ANSIBLE_GALAXY_SERVER_NONE_URL='http://127.0.0.1:9/')
    return env


def build_tarball(environment, result, work):
    """Build the collection tarball into work/dist; return its path, or None after counting a failure."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    status = run_logged([os.path.join(environment.venv, 'bin', 'ansible-galaxy'), 'collection', 'build',
                         '--output-path', os.path.join(work, 'dist'), environment.collection],
                        result.log, work, galaxy_environment(environment, os.path.join(work, 'none')))
    tarballs = glob.glob(os.path.join(work, 'dist', 'nxcloud-whatsapp-*.tar.gz'))
    if status or len(tarballs) != 1:
        result.fail('ansible-galaxy collection build failed')
        return None
    result.notes.append('built %s' % os.path.basename(tarballs[0]))
    return tarballs[0]


def run_galaxy_build(environment, result, _argument=None):
    """Build the tarball, install it alone, and ansible-doc every plugin and role from that copy."""
    work = os.path.join(LOG_DIR, 'galaxy-build')
    installed = os.path.join(work, 'installed')
    env = galaxy_environment(environment, installed)
    bin_dir = os.path.join(environment.venv, 'bin')
    tarball = build_tarball(environment, result, work)
    if not tarball:
        return
    if run_logged([os.path.join(bin_dir, 'ansible-galaxy'), 'collection', 'install', '--no-deps',
                   '-p', installed, tarball], result.log, work, env):
        result.fail('installing the built tarball failed')
        return
    names = []
    for plugin_type in plugin_types(environment.collection):
        listing = os.path.join(work, 'list-%s.json' % plugin_type)
        with open(listing, 'w', encoding='utf-8') as listing_file:
            status = subprocess.call([os.path.join(bin_dir, 'ansible-doc'), '-t', plugin_type, '--list', '--json',
                                      'nxcloud.whatsapp'], stdout=listing_file, stderr=subprocess.DEVNULL,
                                     stdin=subprocess.DEVNULL, env=env, cwd=work)
        listed = re.findall(r'"(nxcloud\.whatsapp\.[A-Za-z0-9_.]+)"', read_log(listing)) if status == 0 else []
        if not listed:
            result.fail('ansible-doc -t %s --list finds no plugin of the installed collection' % plugin_type)
        if plugin_type == 'module':
            for path in glob.glob(os.path.join(environment.collection, 'plugins', 'modules', '*.py')):
                module = 'nxcloud.whatsapp.' + os.path.splitext(os.path.basename(path))[0]
                if not os.path.basename(path).startswith('_') and module not in listed:
                    result.fail('module %s is not in the installed collection' % module)
        names.extend((plugin_type, name) for name in sorted(set(listed)))
    for path in sorted(glob.glob(os.path.join(environment.collection, 'roles', '*', 'meta', 'argument_specs.yml'))):
        names.append(('role', 'nxcloud.whatsapp.' + path.split(os.sep)[-3]))
    for plugin_type, name in names:
        if run_logged([os.path.join(bin_dir, 'ansible-doc'), '-t', plugin_type, name], result.log, work, env) == 0:
            result.passed += 1
        else:
            result.fail('ansible-doc -t %s %s (from the installed tarball)' % (plugin_type, name))
    shutil.rmtree(installed, ignore_errors=True)


def run_galaxy_importer(environment, result, _argument=None):
    """galaxy-importer on the built tarball, required tags checked: one counted test.

    Its own ansible-test step needs containers and stays off. It exits 0 even when its
    ansible-lint run finds something, so any WARNING or ERROR line it prints fails the step.
    """
    work = os.path.join(LOG_DIR, 'galaxy-importer')
    tarball = build_tarball(environment, result, work)
    if not tarball:
        return
    env = galaxy_environment(environment, os.path.join(work, 'none'))
    env.update(GALAXY_IMPORTER_CHECK_REQUIRED_TAGS='true', GALAXY_IMPORTER_RUN_ANSIBLE_TEST='false',
               GALAXY_IMPORTER_OFFLINE_ANSIBLE_LINT='true', GALAXY_IMPORTER_TMP_ROOT_DIR=work,
               GALAXY_IMPORTER_CONFIG=os.path.join(work, 'no-config-file.cfg'))
    output = os.path.join(work, 'importer.log')
    with open(output, 'w', encoding='utf-8') as importer_log:
        status = subprocess.call([os.path.join(environment.venv, 'bin', 'python'), '-m', 'galaxy_importer.main', tarball],
                                 stdout=importer_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=work)
    text = read_log(output)
    with open(result.log, 'a', encoding='utf-8') as log:
        log.write(text)
    findings = re.findall(r'^(?:WARNING|ERROR)\b.*$', text, re.MULTILINE)
    if status != 0 or findings:
        result.fail('galaxy-importer exited %d with %d finding(s)' % (status, len(findings)), '\n'.join(findings) or None)
    else:
        result.passed += 1


STEP_FUNCTIONS = {
    'sanity': run_sanity,
    'units': run_units,
    'integration': run_integration,
    'pytest': run_pytest_suite,
    'molecule': run_molecule_scenario,
    'consistency': run_consistency,
    'ansible-lint': run_ansible_lint,
    'changelog-lint': run_changelog_lint,
    'galaxy-build': run_galaxy_build,
    'galaxy-importer': run_galaxy_importer,
    'docs': run_docs,
    'ee': run_ee,
}


def expand_step(environment, step, docs_venv):
    """Return the runs of one step in environment: (argument, title, log name) each."""
    if step in PER_ENVIRONMENT_STEPS:
        return [(None, '%s %s' % (step, environment.title()), '%s-%s' % (environment.label, step))]
    if step == 'pytest':
        return [(suite, 'pytest %s' % suite, 'pytest-%s' % suite.replace('/', '-'))
                for suite in pytest_suites(environment.collection)]
    if step == 'molecule':
        return [(scenario, 'molecule %s' % scenario, 'molecule-%s' % scenario)
                for scenario in molecule_scenarios(environment.collection)]
    if step in ('docs', 'ee'):
        return [(docs_venv, step, step)]
    return [(None, step, step)]


def say(text):
    """Print a block of lines at once (steps of two lanes may finish side by side)."""
    with OUTPUT_LOCK:
        print(text, flush=True)


def run_step(environment, step, argument, title, log_name):
    """Run one step with its log and timing; print its outcome; return its result."""
    result = StepResult(title)
    result.log = os.path.join(LOG_DIR, log_name + '.log')
    say('==> %s: started' % title)
    started = time.time()
    try:
        STEP_FUNCTIONS[step](environment, result, argument)
    except Exception as error:  # pylint: disable=broad-exception-caught
        # the runner must still reach its summary; the traceback goes to the step's log
        with open(result.log, 'a', encoding='utf-8') as log:
            log.write(traceback.format_exc())
        result.fail('the test runner itself failed: %r' % error)
    result.seconds = time.time() - started
    lines = ['==> %s: %d passed, %d failed, %d skipped in %s'
             % (title, result.passed, result.failed, result.skipped, duration(result.seconds))]
    for reason, details in result.failures[:40]:
        lines.append('    FAILED: %s' % reason)
        detail_lines = details.splitlines() if details else []
        lines.extend('        %s' % line for line in detail_lines[:DETAIL_LINES])
        if len(detail_lines) > DETAIL_LINES:
            lines.append('        ... %d more lines in %s' % (len(detail_lines) - DETAIL_LINES, relative(result.log)))
    if any(details is None for _reason, details in result.failures) and os.path.isfile(result.log):
        lines.extend(log_tail(result.log))
    say('\n'.join(lines))
    return result


def duration(seconds):
    """Return seconds as '1m05s'."""
    return '%dm%02ds' % divmod(int(round(seconds)), 60)


def parse_arguments():
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--steps', default=','.join(ALL_STEPS),
                        help='comma-separated steps among %s (default: all)' % ', '.join(ALL_STEPS))
    parser.add_argument('--versions', default=','.join(label for label, _venv, _python in MATRIX),
                        help='comma-separated ansible-core versions of the matrix to run (default: all)')
    parser.add_argument('--skip', action='append', default=[], metavar='VERSION=REASON',
                        help='a matrix version that cannot run here, and why (printed in the summary)')
    parser.add_argument('--stage-root', default=None, help='where to stage the collection (default: under TMPDIR)')
    parser.add_argument('--docs-venv', default=os.path.join(REPO, '.venv-docs'),
                        help='virtualenv of the docs and execution-environment gates (requirements/docs.txt)')
    parser.add_argument('--print-stage-root', action='store_true', help='print the staging root and exit (make clean)')
    parser.add_argument('--jobs', type=int, default=1,
                        help='2 runs the ansible-test matrix and the collection-wide steps side by side (default: 1)')
    arguments = parser.parse_args()
    arguments.steps = [step for step in arguments.steps.split(',') if step]
    arguments.versions = [version for version in arguments.versions.split(',') if version]
    arguments.skip = dict(item.split('=', 1) if '=' in item else (item, 'no reason given') for item in arguments.skip)
    arguments.docs_venv = os.path.abspath(arguments.docs_venv)
    unknown = [step for step in arguments.steps if step not in ALL_STEPS]
    if unknown:
        parser.error('unknown step(s): %s' % ', '.join(unknown))
    return arguments


def default_stage_root():
    """Return a staging root outside the work tree, distinct for each clone of the repository."""
    base = os.path.realpath(os.environ.get('TMPDIR') or '/tmp')
    clone_id = '%s-%s' % (os.path.basename(REPO), hashlib.sha256(REPO.encode('utf-8')).hexdigest()[:8])
    return os.path.join(base, 'nxcloud-whatsapp-test', clone_id)


def run_matrix_lane(arguments, stage_root, skipped_lines):
    """ansible-test steps on each ansible-core of the matrix, one after the other; return the results."""
    results = []
    steps = [step for step in arguments.steps if step in PER_ENVIRONMENT_STEPS]
    for label, venv, python in MATRIX:
        if not steps or label not in arguments.versions:
            continue
        if label in arguments.skip:
            line = 'SKIPPED ansible-core %s (Python %s): %s' % (label, python, arguments.skip[label])
            say(line)
            skipped_lines.append(line)
            continue
        environment = Environment(label, venv, python, stage_root)
        preparation = StepResult('prepare ansible-core %s' % label)
        if not environment.prepare(preparation):
            results.append(preparation)
            continue
        for note in preparation.notes:
            say('NOTE: ' + note)
        for step in steps:
            for argument, title, log_name in expand_step(environment, step, arguments.docs_venv):
                results.append(run_step(environment, step, argument, title, log_name))
    return results


def run_global_lane(arguments, stage_root, skipped_lines):
    """The collection-wide steps, in the main environment with a copy of their own; return the results."""
    results = []
    steps = [step for step in arguments.steps if step in GLOBAL_STEPS]
    if not steps:
        return results
    label, venv, python = MATRIX[0]
    environment = Environment(label, venv, python, stage_root, stage_name='global')
    preparation = StepResult('prepare the collection-wide steps')
    if not environment.prepare(preparation):
        return [preparation]
    for step in steps:
        runs = expand_step(environment, step, arguments.docs_venv)
        if not runs:
            what = 'pytest suite under tests/' if step == 'pytest' else 'scenario under extensions/molecule'
            line = 'no %s found: nothing to run' % what
            say('==> %s: %s' % (step, line))
            skipped_lines.append(line)
        for argument, title, log_name in runs:
            results.append(run_step(environment, step, argument, title, log_name))
    return results


def print_summary(results, skipped_lines, seconds):
    """Print the table of steps and the closing line; return the exit status."""
    passed = sum(result.passed for result in results)
    failed = sum(result.failed for result in results)
    skipped = sum(result.skipped for result in results)
    print('')
    print('=' * 78)
    print('Summary (logs in %s, total %s)' % (relative(LOG_DIR), duration(seconds)))
    for result in results:
        print('  %-52s %4d passed %3d failed %3d skipped %7s'
              % (result.name[:52], result.passed, result.failed, result.skipped, duration(result.seconds)))
        for note in result.notes:
            print('      - %s' % note)
        for reason, _details in result.failures[:10]:
            print('      FAILED %s' % reason)
    for line in skipped_lines:
        print('  ' + line)
    print('  (%d skipped tests not counted)' % skipped)
    if passed == 0:
        print('  No test passed at all: treating the run as failed.')
    print('=' * 78)
    print('%d passed, %d failed' % (passed, failed))
    sys.stdout.flush()
    return 0 if failed == 0 and passed > 0 else 1


def main():
    """Run the requested steps over the matrix and print the summary."""
    arguments = parse_arguments()
    stage_root = arguments.stage_root or default_stage_root()
    if arguments.print_stage_root:
        print(stage_root)
        return 0
    os.makedirs(LOG_DIR, exist_ok=True)
    for old_log in glob.glob(os.path.join(LOG_DIR, '*.log')):
        os.unlink(old_log)

    started = time.time()
    matrix_skips, global_skips = [], []
    if arguments.jobs > 1:
        # Two lanes side by side: ansible-test over the matrix, and the collection-wide steps.
        global_results = []
        lane = threading.Thread(target=lambda: global_results.extend(run_global_lane(arguments, stage_root, global_skips)))
        lane.start()
        matrix_results = run_matrix_lane(arguments, stage_root, matrix_skips)
        lane.join()
    else:
        matrix_results = run_matrix_lane(arguments, stage_root, matrix_skips)
        global_results = run_global_lane(arguments, stage_root, global_skips)
    return print_summary(matrix_results + global_results, matrix_skips + global_skips, time.time() - started)


if __name__ == '__main__':
    sys.exit(main())
