#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check that the collection's declarations agree with each other; exit 1 with a list of findings.

What is checked (each check is one function below, named for what it finds):

- every environment variable a module reads (ENVIRONMENT_FALLBACKS of
  plugins/module_utils/_arguments.py for the modules built on common_argument_spec, plus any
  NXCLOUD_* name in the module's own code) is documented as E(NAME) in that module's option
  docs, and is named somewhere in docs/;
- the AWX credential type (extensions/awx/credential_type_nxcloud.yml) injects, through
  environment variables only, exactly the fallbacks of the options its inputs are named after,
  covers the access key, secret and API URL, and marks every no_log option ``secret: true``;
- meta/execution-environment.yml points to a Python requirements file that ships, whose every
  entry is lower-bounded (>=), not pinned, and never ansible-core; it holds every Python library
  the plugin docs name in ``requirements``;
- no file but plugins/plugin_utils/_core_compat.py uses a private ansible-core name (the rule is in
  find_private_core_names).

The collection's Python files are parsed, never imported, so this runs with only Python and
PyYAML. Usage: python scripts/check_consistency.py [--root COLLECTION_ROOT]

The action group (every module in it, every module's docs extending its fragment) is checked by
antsibull-nox's extra-checks session, and the ban on sanity ignore files by the no-sanity-ignores
session (noxfile.py): not here.
"""

from __future__ import absolute_import, division, print_function

import argparse
import ast
import fnmatch
import glob
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - the message is the point
    sys.exit('ERROR: scripts/check_consistency.py needs PyYAML; run it with the project venv (.venv/bin/python)')

COLLECTION = 'nxcloud.whatsapp'
# The doc fragments of the options every NxCloud module shares (module_utils/_arguments.py).
SHARED_OPTION_FRAGMENTS = frozenset((COLLECTION + '.auth', COLLECTION + '.connection'))
ARGUMENTS_FILE = os.path.join('plugins', 'module_utils', '_arguments.py')
CREDENTIAL_TYPE_FILE = os.path.join('extensions', 'awx', 'credential_type_nxcloud.yml')
EE_META_FILE = os.path.join('meta', 'execution-environment.yml')
# The options an AWX credential of this collection must carry (the others are per job or per host).
CREDENTIAL_OPTIONS = ('access_key', 'access_secret', 'api_url')
# Names an execution environment already provides from its base image or ansible-builder itself.
ANSIBLE_PACKAGES = ('ansible', 'ansible-core', 'ansible-base')
ENV_NAME_IN_CODE = re.compile(r'''['"](NXCLOUD_[A-Z0-9_]+)['"]''')
TEMPLATE_NAME = re.compile(r'\{\{\s*([A-Za-z_][A-Za-z0-9_]*)')
REQUIREMENT_LINE = re.compile(r'^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*(;.*)?$')
DOC_TEXT_FILES = ('*.rst', '*.md', '*.txt', '*.yml', '*.yaml')


class Finding(Exception):
    """A problem in one file that stops the check reading it any further."""


def read_text(root, relative_path):
    """Return the text of a file of the collection, or raise Finding naming the missing file."""
    path = os.path.join(root, relative_path)
    if not os.path.isfile(path):
        raise Finding('%s: missing' % relative_path)
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def load_yaml(root, relative_path):
    """Return the parsed YAML of a file of the collection, or raise Finding."""
    try:
        return yaml.safe_load(read_text(root, relative_path))
    except yaml.YAMLError as error:
        raise Finding('%s: not valid YAML: %s' % (relative_path, error)) from None


def module_files(root):
    """Return {module name: relative path} for every module under plugins/modules (subdirs dotted)."""
    modules = {}
    base = os.path.join(root, 'plugins', 'modules')
    for directory, dummy, files in os.walk(base):
        for filename in files:
            if not filename.endswith('.py') or filename == '__init__.py':
                continue
            relative = os.path.relpath(os.path.join(directory, filename), base)
            name = relative[:-len('.py')].replace(os.sep, '.')
            modules[name] = os.path.join('plugins', 'modules', relative)
    return modules


def top_level_assignments(source, relative_path):
    """Return {name: value node} of the module-level assignments of a Python source."""
    try:
        tree = ast.parse(source, filename=relative_path)
    except SyntaxError as error:
        raise Finding('%s: does not parse as Python: %s' % (relative_path, error)) from None
    assignments = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assignments[target.id] = node.value
    return tree, assignments


def literal(node, what, relative_path):
    """Return the Python literal a node spells, or raise Finding naming what is not a literal."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Finding('%s: %s is not a literal; this check reads it without importing the file' % (relative_path, what)) from None


def doc_yaml(text, what, relative_path):
    """Return the mapping a documentation string holds, or raise Finding."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise Finding('%s: %s is not valid YAML: %s' % (relative_path, what, error)) from None
    if not isinstance(data, dict):
        raise Finding('%s: %s is not a YAML mapping' % (relative_path, what))
    return data


def module_documentation(root, relative_path):
    """Return (DOCUMENTATION mapping, module source) of a module file."""
    source = read_text(root, relative_path)
    dummy, assignments = top_level_assignments(source, relative_path)
    if 'DOCUMENTATION' not in assignments:
        raise Finding('%s: has no DOCUMENTATION' % relative_path)
    text = literal(assignments['DOCUMENTATION'], 'DOCUMENTATION', relative_path)
    return doc_yaml(text, 'DOCUMENTATION', relative_path), source


def fragment_documentation(root, fragment):
    """Return the mapping of one of this collection's doc fragments, e.g. nxcloud.whatsapp.attributes.action_group."""
    parts = fragment[len(COLLECTION) + 1:].split('.')
    relative_path = os.path.join('plugins', 'doc_fragments', parts[0] + '.py')
    attribute = parts[1].upper() if len(parts) > 1 else 'DOCUMENTATION'
    source = read_text(root, relative_path)
    tree, dummy = top_level_assignments(source, relative_path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == 'ModuleDocFragment':
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                        isinstance(target, ast.Name) and target.id == attribute for target in statement.targets):
                    text = literal(statement.value, 'ModuleDocFragment.%s' % attribute, relative_path)
                    return doc_yaml(text, 'ModuleDocFragment.%s' % attribute, relative_path)
    raise Finding('%s: has no ModuleDocFragment.%s (used as %s)' % (relative_path, attribute, fragment))


def merged_options(root, documentation):
    """Return {option: description text} of a module, its own options over its fragments' options."""
    options = {}
    fragments = documentation.get('extends_documentation_fragment') or []
    if isinstance(fragments, str):
        fragments = [fragments]
    for fragment in fragments:
        if fragment.startswith(COLLECTION + '.'):
            options.update((fragment_documentation(root, fragment).get('options') or {}))
    options.update(documentation.get('options') or {})
    texts = {}
    for name, spec in options.items():
        description = (spec or {}).get('description') or []
        if isinstance(description, str):
            description = [description]
        texts[name] = '\n'.join(str(line) for line in description)
    return texts


def environment_fallbacks(root):
    """Return ENVIRONMENT_FALLBACKS of plugins/module_utils/_arguments.py, as {option: variable}."""
    source = read_text(root, ARGUMENTS_FILE)
    dummy, assignments = top_level_assignments(source, ARGUMENTS_FILE)
    if 'ENVIRONMENT_FALLBACKS' not in assignments:
        raise Finding('%s: has no ENVIRONMENT_FALLBACKS' % ARGUMENTS_FILE)
    fallbacks = literal(assignments['ENVIRONMENT_FALLBACKS'], 'ENVIRONMENT_FALLBACKS', ARGUMENTS_FILE)
    if not isinstance(fallbacks, dict) or not all(isinstance(value, str) for value in fallbacks.values()):
        raise Finding('%s: ENVIRONMENT_FALLBACKS must map option names to variable names' % ARGUMENTS_FILE)
    return fallbacks


def no_log_options(root):
    """Return the option names that _arguments.py declares with no_log=True."""
    source = read_text(root, ARGUMENTS_FILE)
    tree, dummy = top_level_assignments(source, ARGUMENTS_FILE)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            for keyword in node.keywords:
                if keyword.arg == 'no_log' and isinstance(keyword.value, ast.Constant) and keyword.value.value is True:
                    names.add(node.args[0].value)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and isinstance(value, ast.Call) and any(
                        keyword.arg == 'no_log' and isinstance(keyword.value, ast.Constant) and keyword.value.value is True
                        for keyword in value.keywords):
                    names.add(key.value)
    return names


def docs_text(root):
    """Return the text of every documentation file under docs/, joined."""
    chunks = []
    for directory, dummy, files in os.walk(os.path.join(root, 'docs')):
        for filename in sorted(files):
            if any(fnmatch.fnmatch(filename, pattern) for pattern in DOC_TEXT_FILES):
                with open(os.path.join(directory, filename), encoding='utf-8') as handle:
                    chunks.append(handle.read())
    return '\n'.join(chunks)


def find_undocumented_environment_variables(root):
    """Environment variables a module reads that its option docs or docs/ do not name."""
    findings = []
    fallbacks = environment_fallbacks(root)
    all_docs = docs_text(root)
    for variable in sorted(set(fallbacks.values())):
        if not re.search(r'\b%s\b' % re.escape(variable), all_docs):
            findings.append('docs/: environment variable %s (read by the modules) is not named anywhere under docs/' % variable)
    for name, relative_path in sorted(module_files(root).items()):
        try:
            documentation, source = module_documentation(root, relative_path)
            options = merged_options(root, documentation)
        except Finding as finding:
            findings.append(str(finding))
            continue
        fragments = documentation.get('extends_documentation_fragment') or []
        if isinstance(fragments, str):
            fragments = [fragments]
        # A module documented with the shared option fragments takes the shared options, whose fallbacks these are.
        read_by_option = dict(fallbacks) if SHARED_OPTION_FRAGMENTS.intersection(fragments) or 'common_argument_spec' in source else {}
        for option, variable in sorted(read_by_option.items()):
            if option not in options:
                findings.append('%s: reads %s for option %s, but its docs have no option %s' % (relative_path, variable, option, option))
            elif 'E(%s)' % variable not in options[option]:
                findings.append('%s: option %s falls back to environment variable %s, but its description does not say '
                                'E(%s)' % (relative_path, option, variable, variable))
        documented = '\n'.join(options.values()) + '\n' + yaml.safe_dump(documentation)
        for variable in sorted(set(ENV_NAME_IN_CODE.findall(source)) - set(read_by_option.values())):
            if 'E(%s)' % variable not in documented:
                findings.append('%s: code names environment variable %s, but the module docs never say E(%s)'
                                % (relative_path, variable, variable))
    return findings


def find_credential_type_mismatches(root):
    """Differences between the AWX credential type's injectors and the modules' environment fallbacks."""
    credential_type = load_yaml(root, CREDENTIAL_TYPE_FILE)
    if not isinstance(credential_type, dict):
        return ['%s: is not a mapping with inputs and injectors' % CREDENTIAL_TYPE_FILE]
    fallbacks = environment_fallbacks(root)
    secret_options = no_log_options(root)
    findings = []
    fields = ((credential_type.get('inputs') or {}).get('fields')) or []
    injectors = credential_type.get('injectors') or {}
    field_ids = [field.get('id') for field in fields if isinstance(field, dict)]
    for option in CREDENTIAL_OPTIONS:
        if option not in field_ids:
            findings.append('%s: has no input %s; a credential must carry %s' % (CREDENTIAL_TYPE_FILE, option, ', '.join(CREDENTIAL_OPTIONS)))
    for field in fields:
        if not isinstance(field, dict):
            continue
        field_id = field.get('id')
        if field_id not in fallbacks:
            findings.append('%s: input %s is no module option with an environment fallback (%s)'
                            % (CREDENTIAL_TYPE_FILE, field_id, ', '.join(sorted(fallbacks))))
        if field_id in secret_options and field.get('secret') is not True:
            findings.append('%s: input %s is a no_log option and must be "secret: true"' % (CREDENTIAL_TYPE_FILE, field_id))
    for kind in sorted(set(injectors) - {'env'}):
        findings.append('%s: injector kind %s; the modules read environment variables only, inject with env' % (CREDENTIAL_TYPE_FILE, kind))
    environment = injectors.get('env') or {}
    expected = dict((fallbacks[field_id], field_id) for field_id in field_ids if field_id in fallbacks)
    for variable in sorted(set(environment) - set(expected)):
        findings.append('%s: injects %s, which is not the fallback of any of its inputs (expected exactly: %s)'
                        % (CREDENTIAL_TYPE_FILE, variable, ', '.join(sorted(expected)) or 'none'))
    for variable in sorted(set(expected) - set(environment)):
        findings.append('%s: input %s is not injected; add env %s: "{{ %s }}"' % (CREDENTIAL_TYPE_FILE, expected[variable], variable, expected[variable]))
    for variable in sorted(set(expected) & set(environment)):
        used = set(TEMPLATE_NAME.findall(str(environment[variable])))
        if used != {expected[variable]}:
            findings.append('%s: %s is rendered from %s; it must be rendered from input %s alone'
                            % (CREDENTIAL_TYPE_FILE, variable, ', '.join(sorted(used)) or 'no input', expected[variable]))
    return findings


def build_ignored(root, relative_path):
    """Return True when galaxy.yml's build_ignore leaves relative_path out of the built collection."""
    galaxy = load_yaml(root, 'galaxy.yml') or {}
    for pattern in galaxy.get('build_ignore') or []:
        if fnmatch.fnmatch(relative_path, pattern) or relative_path.startswith(pattern.rstrip('/') + '/'):
            return True
    return False


def documented_python_requirements(root):
    """Return {library name: where} for the Python libraries named in the plugin docs' requirements."""
    names = {}
    documents = []
    for relative_path in sorted(glob.glob(os.path.join(root, 'plugins', 'doc_fragments', '*.py'))):
        relative_path = os.path.relpath(relative_path, root)
        source = read_text(root, relative_path)
        tree, dummy = top_level_assignments(source, relative_path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                documents.append((relative_path, doc_yaml(node.value.value, 'a doc fragment', relative_path)))
    for name, relative_path in sorted(module_files(root).items()):
        documents.append((relative_path, module_documentation(root, relative_path)[0]))
    for relative_path, documentation in documents:
        for requirement in documentation.get('requirements') or []:
            match = REQUIREMENT_LINE.match(str(requirement))
            if match and match.group(1).lower() not in ('python',) + ANSIBLE_PACKAGES:
                names.setdefault(match.group(1).lower().replace('_', '-'), relative_path)
    return names


def find_execution_environment_problems(root):
    """meta/execution-environment.yml problems: missing file, unbounded or pinned entries, ansible-core."""
    meta = load_yaml(root, EE_META_FILE)
    if not isinstance(meta, dict):
        return ['%s: is not a mapping' % EE_META_FILE]
    python_file = (meta.get('dependencies') or {}).get('python')
    if not isinstance(python_file, str):
        return ['%s: dependencies.python must name the Python requirements file (relative to the collection root)' % EE_META_FILE]
    if os.path.isabs(python_file):
        return ['%s: dependencies.python %s must be relative to the collection root' % (EE_META_FILE, python_file)]
    findings = []
    if build_ignored(root, python_file):
        findings.append('%s: %s is in build_ignore of galaxy.yml, so it would not ship and ansible-builder would not see it'
                        % (EE_META_FILE, python_file))
    requirements = {}
    for number, line in enumerate(read_text(root, python_file).splitlines(), start=1):
        line = line.split(' #')[0].strip()
        if not line or line.startswith('#'):
            continue
        where = '%s:%d' % (python_file, number)
        match = REQUIREMENT_LINE.match(line)
        if line.startswith('-') or not match:
            findings.append('%s: %r is not a plain requirement (name and version specifiers)' % (where, line))
            continue
        name = match.group(1).lower().replace('_', '-')
        specifiers = [part.strip() for part in match.group(3).split(',') if part.strip()]
        requirements[name] = where
        if name in ANSIBLE_PACKAGES:
            findings.append('%s: %s must not be an execution environment requirement: the EE base image chooses it' % (where, name))
            continue
        if not any(part.startswith('>=') for part in specifiers):
            findings.append('%s: %s has no lower bound; write %s>=<oldest version that works>' % (where, name, name))
        if any(part.startswith('==') or part.startswith('~=') for part in specifiers):
            findings.append('%s: %s is pinned (%s); a collection only sets lower bounds, so that EEs can combine collections'
                            % (where, name, ', '.join(specifiers)))
    for name, where in sorted(documented_python_requirements(root).items()):
        if name not in requirements:
            findings.append('%s: %s names Python library %s in its requirements, but %s does not' % (python_file, where, name, python_file))
    return findings


CORE_COMPAT_FILE = os.path.join('plugins', 'plugin_utils', '_core_compat.py')
# Where the collection's code lives; nothing in it is allow-listed but the compat file.
PRIVATE_NAME_SCAN = ('plugins', os.path.join('tests', 'unit'), os.path.join('tests', 'integration'), 'extensions', 'scripts')
PRIVATE_NAME_NOT_SCANNED = (CORE_COMPAT_FILE,)
PRIVATE_NAME_TEXT_FILES = ('*.sh', '*.bash', '*.yml', '*.yaml', '*.j2', '*.cfg', '*.ini', '*.toml')
# Private state of ansible-core objects that the collection has needed: flagged on any receiver.
CORE_PRIVATE_HOOKS = frozenset((
    '_LazyValue', '_AnsibleLazyTemplateDict', '_AnsibleLazyTemplateList', '_AnsibleLazyTemplateMixin',
    '_no_log_values', '_compute_environment_string', '_shell', '_ANSIBLE_ARGS', '_ANSIBLE_PROFILE',
    '_global_warnings', '_global_deprecations',
))
# Base-class reads that skip a lazy container's templating when called on another object.
RAW_CONTAINER_READS = frozenset(('dict.items', 'dict.values', 'dict.keys', 'dict.get', 'dict.__iter__', 'dict.__getitem__',
                                 'list.__iter__', 'list.__getitem__'))
CORE_PRIVATE_PATH = re.compile(r'\bansible(?:_test)?(?:\.[A-Za-z0-9_]+)*?\._[A-Za-z]')


def _is_private(name):
    return name.startswith('_') and not (name.startswith('__') and name.endswith('__'))


def _is_core_module(dotted):
    return dotted.split('.')[0] in ('ansible', 'ansible_test')


def _dotted(node):
    """Return ['root', 'attr', ...] for a chain of attributes on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id] + parts
    return None


def _private_core_names_in_python(source, relative_path):
    """Return [(line, what)] of the private ansible-core names a Python source uses (see find_private_core_names)."""
    try:
        tree = ast.parse(source, filename=relative_path)
    except SyntaxError as error:
        return [(error.lineno or 0, 'does not parse as Python, so it cannot be checked')]
    core_aliases = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_core_module(alias.name):
                    core_aliases.add(alias.asname or alias.name.split('.')[0])
                    if any(_is_private(part) for part in alias.name.split('.')):
                        found.append((node.lineno, 'imports %s' % alias.name))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level and _is_core_module(node.module):
            private_module = any(_is_private(part) for part in node.module.split('.'))
            for alias in node.names:
                core_aliases.add(alias.asname or alias.name)
                if private_module or _is_private(alias.name):
                    found.append((node.lineno, 'imports %s from %s' % (alias.name, node.module)))
    docstrings = set()
    # Strings that name an attribute for the code: getattr/setattr/patch arguments, comparison operands.
    operands = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
        elif isinstance(node, ast.Call):
            operands.update(id(argument) for argument in node.args)
        elif isinstance(node, ast.Compare):
            operands.update(id(operand) for operand in [node.left] + node.comparators)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            chain = _dotted(node.value)
            if node.attr in CORE_PRIVATE_HOOKS:
                found.append((node.lineno, 'reads %s, private state of an ansible-core object' % node.attr))
            elif _is_private(node.attr) and chain and chain[0] in core_aliases and not any(_is_private(part) for part in chain[1:]):
                found.append((node.lineno, 'reads %s.%s of ansible-core' % ('.'.join(chain), node.attr)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value in CORE_PRIVATE_HOOKS and id(node) in operands:
                found.append((node.lineno, 'names %r, private state of an ansible-core object' % node.value))
            elif CORE_PRIVATE_PATH.search(node.value):
                found.append((node.lineno, 'names %s of ansible-core in a string' % CORE_PRIVATE_PATH.search(node.value).group(0)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            chain = _dotted(node.func)
            if chain and '.'.join(chain) in RAW_CONTAINER_READS and node.args:
                receiver = node.args[0]
                if not (isinstance(receiver, ast.Name) and receiver.id == 'self'):
                    found.append((node.lineno, 'calls %s on another object, reading a lazy container without templating'
                                  % '.'.join(chain)))
    return found


def find_private_core_names(root):
    """Uses of private ansible-core names outside plugins/plugin_utils/_core_compat.py.

    A private ansible-core name is a name that starts with an underscore (dunders aside) in the
    packages ``ansible`` and ``ansible_test`` (not ``ansible_collections``): any release may
    change it, so the collection reaches it in one version-aware file only. In every Python file
    under plugins/, tests/unit/, tests/integration/, extensions/ and scripts/, a finding is:

    - an import of a private module or name of ansible-core (``from ansible.module_utils import
      _internal``, ``import ansible._internal...``, ``from ansible_test._internal ...``);
    - a private attribute of an ansible-core module or object the file imported
      (``basic._ANSIBLE_ARGS``, ``warnings._global_warnings``);
    - on any receiver, an attribute naming private state of ansible-core objects that the
      collection has needed (CORE_PRIVATE_HOOKS: ``._no_log_values``, ``._shell.``,
      ``._compute_environment_string``, ...), or such a name as a whole string given to a call or
      compared (``getattr(connection, '_shell')``, ``type(item).__name__ == '_LazyValue'``);
    - a private ansible-core module path in a string that is not a docstring
      (``'ansible.module_utils._internal._datatag'``, ``ansible_test._internal`` in a command);
    - a container read through the base class on another object (``dict.items(value)``,
      ``list.__iter__(value)``): that skips a lazy container's templating. On ``self`` it is a
      subclass calling its base, and allowed.

    In shell, YAML and the other text files there, every line that is not a comment is searched
    for a private ansible-core module path. Not findings: the members of ActionBase that every
    action plugin uses (``self._task``, ``self._connection``, ``self._play_context``,
    ``self._templar``, ``self._execute_module``, ``self._remove_tmp_path``, ...), on ``self`` or on
    an action object; the collection's own private modules (``ansible_collections...._phones``);
    names only mentioned in comments or docstrings. tests/output and __pycache__ are never scanned.
    """
    findings = []
    for top in PRIVATE_NAME_SCAN:
        for directory, subdirectories, files in os.walk(os.path.join(root, top)):
            subdirectories[:] = sorted(name for name in subdirectories if name not in ('__pycache__', 'output', '.git'))
            for filename in sorted(files):
                relative_path = os.path.relpath(os.path.join(directory, filename), root)
                if relative_path in PRIVATE_NAME_NOT_SCANNED:
                    continue
                if filename.endswith('.py'):
                    uses = _private_core_names_in_python(read_text(root, relative_path), relative_path)
                elif any(fnmatch.fnmatch(filename, pattern) for pattern in PRIVATE_NAME_TEXT_FILES):
                    uses = [(number, 'names %s of ansible-core' % CORE_PRIVATE_PATH.search(line).group(0))
                            for number, line in enumerate(read_text(root, relative_path).splitlines(), 1)
                            if not line.lstrip().startswith('#') and CORE_PRIVATE_PATH.search(line)]
                else:
                    continue
                for line, what in sorted(set(uses)):
                    findings.append('%s:%d: %s; ansible-core internals are reached only in %s: add or use a named, '
                                    'tested hook there' % (relative_path, line, what, CORE_COMPAT_FILE))
    return findings


CHECKS = (
    ('environment variables are documented', find_undocumented_environment_variables),
    ('AWX credential type injects the modules\' fallbacks', find_credential_type_mismatches),
    ('execution environment requirements are lower-bounded', find_execution_environment_problems),
    ('ansible-core private names only in plugin_utils/_core_compat.py', find_private_core_names),
)


def run_checks(root):
    """Return [(description, findings)] of every check on the collection at root."""
    results = []
    for description, check in CHECKS:
        try:
            findings = check(root)
        except Finding as finding:
            findings = [str(finding)]
        results.append((description, findings))
    return results


def default_root():
    """Return the collection root: the parent of this script's folder."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv=None):
    """Run every check, print each outcome and every finding; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--root', default=default_root(), help='collection root (default: this repository)')
    arguments = parser.parse_args(argv)
    total = 0
    for description, findings in run_checks(arguments.root):
        print('%s %s' % ('FAIL' if findings else 'ok  ', description))
        for finding in findings:
            print('     - %s' % finding)
        total += len(findings)
    if total:
        print('check_consistency: %d finding(s) in %s' % (total, arguments.root))
        return 1
    print('check_consistency: %d checks passed in %s' % (len(CHECKS), arguments.root))
    return 0


if __name__ == '__main__':
    sys.exit(main())
