# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role phone_compliance declares the policy as the check module does.

The options ``policy`` and ``waivers`` are written once, in plugins/doc_fragments/policy.py, which
is also their argument spec (plugins/plugin_utils/_compliance/options.py). The role repeats them
as variables phone_compliance_<key> in meta/argument_specs.yml (for ansible-doc and the role's own
argument validation) and defaults/main.yml, and vars/main.yml hands every role option that is not
an option of the role's own tasks to the policy (__phone_compliance_policy, written out). These tests tie the three to the doc fragment:
same options, same type, elements, choices, required and default, nested options included; the
tests that break a copy show that a disagreement is caught.
"""

import ast
import os
import shutil

import pytest
import yaml

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAGMENT = 'plugins/doc_fragments/policy.py'
ROLE_SPECS = 'roles/phone_compliance/meta/argument_specs.yml'
ROLE_DEFAULTS = 'roles/phone_compliance/defaults/main.yml'
ROLE_VARS = 'roles/phone_compliance/vars/main.yml'
PREFIX = 'phone_compliance_'
# What an option's spec is compared on (descriptions may say things differently for a role).
COMPARED = ('type', 'elements', 'choices', 'required', 'default')
ABSENT = '(not set)'


def load_yaml(root, relative_path):
    with open(os.path.join(root, relative_path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def fragment_options(root):
    """Return the documented options of the doc fragment (its DOCUMENTATION string, read without importing it)."""
    with open(os.path.join(root, FRAGMENT), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and [getattr(target, 'id', None) for target in node.targets] == ['DOCUMENTATION']:
            return yaml.safe_load(ast.literal_eval(node.value))['options']
    raise AssertionError('%s has no DOCUMENTATION' % FRAGMENT)


def spec_of(options, nested_key):
    """Return the compared keys of each option, and of its nested options (under ``nested_key``)."""
    spec = {}
    for name, option in options.items():
        spec[name] = dict((key, option[key]) for key in COMPARED if key in option)
        if nested_key in option:
            spec[name]['options'] = spec_of(option[nested_key], nested_key)
    return spec


def differences(expected, declared, path):
    """Return a line for each key where the role's spec of an option (``declared``) differs from the module's (``expected``)."""
    lines = []
    for key in sorted(set(expected) | set(declared)):
        want, have = expected.get(key, ABSENT), declared.get(key, ABSENT)
        if key == 'options' and isinstance(want, dict) and isinstance(have, dict):
            for name in sorted(set(want) | set(have)):
                if name in want and name in have:
                    lines.extend(differences(want[name], have[name], '%s.options.%s' % (path, name)))
                else:
                    lines.append('%s.options.%s: the module says %r, %s says %r'
                                 % (path, name, want.get(name, ABSENT), ROLE_SPECS, have.get(name, ABSENT)))
        elif want != have:
            lines.append('%s.%s: the module says %r, %s says %r' % (path, key, want, ROLE_SPECS, have))
    return lines


def policy_mismatches(root):
    """Return every way the role's variables disagree with the policy and waivers options; empty when they agree."""
    documented = fragment_options(root)
    expected = dict((PREFIX + key, spec) for key, spec in spec_of(documented['policy']['suboptions'], 'suboptions').items())
    expected[PREFIX + 'waivers'] = spec_of({'waivers': documented['waivers']}, 'suboptions')['waivers']

    role_vars = load_yaml(root, ROLE_VARS)
    not_policy = set(role_vars['__phone_compliance_connection_options']) | set(role_vars['__phone_compliance_task_options'])
    role_options = spec_of(load_yaml(root, ROLE_SPECS)['argument_specs']['main']['options'], 'options')
    declared = dict((name, spec) for name, spec in role_options.items()
                    if name == PREFIX + 'waivers' or name[len(PREFIX):] not in not_policy)
    defaults = load_yaml(root, ROLE_DEFAULTS) or {}

    problems = []
    for name in sorted(set(expected) - set(declared)):
        problems.append('%s: the option %s of phone_compliance_check has no role variable %s' % (ROLE_SPECS, name[len(PREFIX):], name))
    for name in sorted(set(declared) - set(expected)):
        problems.append('%s: %s is no option of the policy, and not listed in __phone_compliance_task_options of %s, so the role would '
                        'hand it to the policy' % (ROLE_SPECS, name, ROLE_VARS))
    # The policy the role hands over: each policy option under its key, from its own role variable.
    handed = role_vars.get('__phone_compliance_policy') or {}
    wanted = dict((name[len(PREFIX):], '{{ %s }}' % name) for name in declared if name != PREFIX + 'waivers')
    for key in sorted(set(wanted) - set(handed)):
        problems.append('%s: __phone_compliance_policy does not hand over %s (add %s: "%s")' % (ROLE_VARS, key, key, wanted[key]))
    for key in sorted(set(handed) - set(wanted)):
        problems.append('%s: __phone_compliance_policy hands over %s, which is no policy option of the role' % (ROLE_VARS, key))
    for key in sorted(set(handed) & set(wanted)):
        if handed[key] != wanted[key]:
            problems.append('%s: __phone_compliance_policy.%s is %r, not %r' % (ROLE_VARS, key, handed[key], wanted[key]))
    for name in sorted(set(expected) & set(declared)):
        problems.extend(differences(expected[name], declared[name], name))
        if defaults.get(name, ABSENT) != expected[name].get('default', ABSENT):
            problems.append('%s: %s is %r, the default of the option is %r' % (ROLE_DEFAULTS, name, defaults.get(name, ABSENT),
                                                                               expected[name].get('default', ABSENT)))
    return problems


def test_the_role_declares_the_policy_as_the_check_module_does():
    assert policy_mismatches(REPOSITORY_ROOT) == []


def test_every_policy_option_has_a_role_variable():
    # Not vacuous: the comparison above covers every key of the policy, and the waivers.
    documented = fragment_options(REPOSITORY_ROOT)
    assert len(documented['policy']['suboptions']) >= 12
    role_options = load_yaml(REPOSITORY_ROOT, ROLE_SPECS)['argument_specs']['main']['options']
    assert all(PREFIX + key in role_options for key in documented['policy']['suboptions'])


@pytest.fixture
def copy(tmp_path):
    """A copy of the four files the check reads; ``copy(path, change)`` rewrites one with ``change(data)``."""
    for relative_path in (FRAGMENT, ROLE_SPECS, ROLE_DEFAULTS, ROLE_VARS):
        target = tmp_path / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(os.path.join(REPOSITORY_ROOT, relative_path), str(target))

    def change(relative_path, edit):
        target = tmp_path / relative_path
        if relative_path == FRAGMENT:
            target.write_text(edit(target.read_text(encoding='utf-8')), encoding='utf-8')
        else:
            data = yaml.safe_load(target.read_text(encoding='utf-8'))
            edit(data)
            target.write_text(yaml.safe_dump(data), encoding='utf-8')
        return str(tmp_path)
    return change


def role_option(name):
    """Return an edit of argument_specs.yml data that hands the role option ``name`` to ``change``."""
    def edit_with(change):
        def edit(data):
            change(data['argument_specs']['main']['options'][name])
        return edit
    return edit_with


def test_an_unchanged_copy_agrees(copy):
    assert policy_mismatches(copy(ROLE_VARS, lambda data: None)) == []


@pytest.mark.parametrize('relative_path, edit, expected', [
    (ROLE_SPECS, role_option('phone_compliance_minimum_tier')(lambda option: option.update(default='TIER_2K')),
     "phone_compliance_minimum_tier.default: the module says 'TIER_1K', %s says 'TIER_2K'" % ROLE_SPECS),
    (ROLE_SPECS, role_option('phone_compliance_checks')(lambda option: option['choices'].remove('verified_name')),
     'phone_compliance_checks.choices: the module says'),
    (ROLE_SPECS, role_option('phone_compliance_required_numbers')(lambda option: option.update(elements='str')),
     "phone_compliance_required_numbers.elements: the module says 'raw'"),
    (ROLE_SPECS, role_option('phone_compliance_severity')(lambda option: option['options']['waiver'].update(default='fail')),
     "phone_compliance_severity.options.waiver.default: the module says 'warn'"),
    (ROLE_SPECS, role_option('phone_compliance_severity')(lambda option: option['options'].pop('current_limit')),
     'phone_compliance_severity.options.current_limit: the module says'),
    (ROLE_SPECS, role_option('phone_compliance_waivers')(lambda option: option['options']['reason'].pop('required')),
     'phone_compliance_waivers.options.reason.required: the module says True'),
    (ROLE_SPECS, lambda data: data['argument_specs']['main']['options'].pop('phone_compliance_display_names'),
     'the option display_names of phone_compliance_check has no role variable phone_compliance_display_names'),
    (ROLE_SPECS, lambda data: data['argument_specs']['main']['options'].update(phone_compliance_colour={'type': 'str'}),
     'phone_compliance_colour is no option of the policy'),
    (ROLE_DEFAULTS, lambda data: data.update(phone_compliance_quality_unknown_severity='fail'),
     "%s: phone_compliance_quality_unknown_severity is 'fail', the default of the option is 'warn'" % ROLE_DEFAULTS),
    (ROLE_DEFAULTS, lambda data: data.pop('phone_compliance_expected_status'),
     "%s: phone_compliance_expected_status is '(not set)'" % ROLE_DEFAULTS),
    (ROLE_VARS, lambda data: data['__phone_compliance_task_options'].remove('fail_on'),
     'phone_compliance_fail_on is no option of the policy'),
    (ROLE_VARS, lambda data: data['__phone_compliance_policy'].pop('minimum_tier'),
     '__phone_compliance_policy does not hand over minimum_tier'),
    (ROLE_VARS, lambda data: data['__phone_compliance_policy'].update(severity='{{ phone_compliance_checks }}'),
     "__phone_compliance_policy.severity is '{{ phone_compliance_checks }}'"),
    (ROLE_VARS, lambda data: data['__phone_compliance_policy'].update(colour='{{ phone_compliance_colour }}'),
     '__phone_compliance_policy hands over colour, which is no policy option'),
    (FRAGMENT, lambda text: text.replace('      severity:\n',
                                         '      minimum_score:\n        description: x\n        type: int\n        default: 0\n      severity:\n', 1),
     'the option minimum_score of phone_compliance_check has no role variable phone_compliance_minimum_score'),
])
def test_a_disagreement_is_reported(copy, relative_path, edit, expected):
    problems = policy_mismatches(copy(relative_path, edit))
    assert any(expected in problem for problem in problems), problems
