# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""find_private_core_names: ansible-core's private names only in plugins/plugin_utils/_core_compat.py."""

import os
import textwrap

import pytest

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ACTION = 'plugins/action/thing_info.py'

# What every action plugin does, and what the collection's own private modules are: never a finding.
CONVENTIONAL_ACTION = '''
    from ansible.plugins.action import ActionBase
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _phones
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import shell_tmpdir


    class LazyLike(dict):
        def items(self):
            return dict.items(self)


    class ActionModule(ActionBase):
        """Mentions of ansible.module_utils._internal or _LazyValue in a docstring are prose."""

        def run(self, tmp=None, task_vars=None):
            result = super(ActionModule, self).run(tmp, task_vars)
            # ansible._internal in a comment is prose too
            if self._connection.transport == 'local' and not self._play_context.become:
                result.update(self._execute_module(module_name='x', module_args=self._task.args, task_vars=task_vars))
            self._templar.template(self._task.environment)
            self._remove_tmp_path(shell_tmpdir(self._connection))
            return dict(result, numbers=_phones.normalise_business_phones([]), version=ArgumentSpecValidator.__name__)
    '''

VIOLATIONS = [
    ('from ansible.module_utils import _internal\n', 'imports _internal from ansible.module_utils'),
    ('from ansible._internal._templating._lazy_containers import _LazyValue\n', 'imports _LazyValue from ansible._internal'),
    ('import ansible_test._internal.util\n', 'imports ansible_test._internal.util'),
    ('from ansible.module_utils import basic\nbasic._ANSIBLE_ARGS = b"{}"\n', 'reads _ANSIBLE_ARGS'),
    ('from ansible.module_utils.common import arg_spec\nx = arg_spec._validate_sub_spec\n',
     'reads arg_spec._validate_sub_spec of ansible-core'),
    ('import ansible.module_utils.basic\nx = ansible.module_utils.basic._load_params()\n',
     'reads ansible.module_utils.basic._load_params of ansible-core'),
    ('def f(validation):\n    return set(validation._no_log_values)\n', 'reads _no_log_values'),
    ('def f(action):\n    return action._compute_environment_string({})\n', 'reads _compute_environment_string'),
    ('def f(self):\n    return self._connection._shell.tmpdir\n', 'reads _shell'),
    ('def f(item):\n    return type(item).__name__ == "_LazyValue"\n', "names '_LazyValue'"),
    ('def f(connection):\n    return getattr(connection, "_shell", None)\n', "names '_shell'"),
    ('import pytest\ntags = pytest.importorskip("ansible._internal._datatag._tags")\n', 'names ansible._i'),
    ('COMMAND = "from ansible_test._internal.python_requirements import x"\n', 'names ansible_test._i'),
    ('def f(value):\n    return dict.items(value)\n', 'calls dict.items on another object'),
    ('def f(value):\n    return list(list.__iter__(value))\n', 'calls list.__iter__ on another object'),
]


def findings_for(checker, collection, relative_path, source):
    collection.write(relative_path, textwrap.dedent(source))
    return checker.find_private_core_names(collection.root)


def test_what_every_action_plugin_does_is_no_finding(checker, collection):
    assert findings_for(checker, collection, ACTION, CONVENTIONAL_ACTION) == []


@pytest.mark.parametrize('source, expected', VIOLATIONS, ids=[expected for dummy, expected in VIOLATIONS])
def test_a_private_ansible_core_name_outside_the_compat_file_is_a_finding(checker, collection, source, expected):
    findings = findings_for(checker, collection, ACTION, source)
    assert len(findings) >= 1 and all(finding.startswith(ACTION + ':') for finding in findings), findings
    assert any(expected in finding for finding in findings), findings
    assert checker.main(['--root', collection.root]) == 1


@pytest.mark.parametrize('relative_path', ['plugins/filter/thing.py', 'tests/unit/plugins/conftest.py',
                                           'tests/integration/targets/t/files/helper.py', 'extensions/eda/source.py',
                                           'scripts/helper.py'])
def test_every_scanned_folder_is_checked(checker, collection, relative_path):
    findings = findings_for(checker, collection, relative_path, 'from ansible.module_utils import _internal\n')
    assert [finding.split(':')[0] for finding in findings] == [relative_path]


def test_shell_and_yaml_lines_are_checked_but_not_their_comments(checker, collection):
    collection.write('tests/integration/targets/t/runme.sh',
                     '#!/bin/sh\n# ansible_test._internal is not used here\npython -c "import ansible_test._internal"\n')
    collection.write('extensions/molecule/x/molecule.yml', 'x: "{{ lookup(\'pipe\', \'python -m ansible._internal\') }}"\n')
    findings = checker.find_private_core_names(collection.root)
    assert sorted(finding.split(': ')[0] for finding in findings) == ['extensions/molecule/x/molecule.yml:1',
                                                                      'tests/integration/targets/t/runme.sh:3']


def test_the_compat_file_may_use_them_and_nothing_else_is_exempt(checker, collection):
    source = 'from ansible.module_utils import _internal\ndef f(connection):\n    return connection._shell.tmpdir\n'
    assert findings_for(checker, collection, 'plugins/plugin_utils/_core_compat.py', source) == []
    assert findings_for(checker, collection, 'plugins/plugin_utils/_core_compat_extra.py', source) != []


def test_scripts_are_scanned_and_generated_output_is_not(checker, collection):
    source = 'COMMAND = "from ansible_test._internal.python_requirements import x"\n'
    collection.write('scripts/run_tests.py', source)
    collection.write('tests/unit/output/copied.py', source)
    collection.write('plugins/module_utils/__pycache__/copied.py', source)
    assert [finding.split(': ')[0] for finding in checker.find_private_core_names(collection.root)] == ['scripts/run_tests.py:1']


def test_the_collection_itself_keeps_them_in_the_compat_file(checker):
    assert checker.find_private_core_names(REPOSITORY_ROOT) == []
