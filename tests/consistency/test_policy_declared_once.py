# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role phone_compliance declares the policy as the check module does.

The options ``policy`` and ``waivers`` are written once, in plugins/doc_fragments/policy.py, which
is also their argument spec (plugins/plugin_utils/_compliance/options.py). The role repeats them
as variables phone_compliance_<key> in meta/argument_specs.yml (for ansible-doc and the role's own
argument validation) and defaults/main.yml, and vars/main.yml hands every role option that is not
an option of the role's own tasks to the policy (__phone_compliance_policy, written out), and every connection option to
phone_compliance_check as module_defaults (__phone_compliance_connection_args, written out, for the variables
__phone_compliance_connection_set finds set). These tests tie the three to the doc fragments:
same options, same type, elements, choices, required and default, nested options included; the
tests that break a copy show that a disagreement is caught.
"""

import ast
import os
import re
import shutil

import jinja2
import pytest
import yaml

from jinja2 import nodes

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAGMENT = 'plugins/doc_fragments/policy.py'
# The doc fragments of the connection options, which the role's variables phone_compliance_<option> set too.
CONNECTION_FRAGMENTS = ('plugins/doc_fragments/auth.py', 'plugins/doc_fragments/connection.py')
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


def fragment_options(root, fragment=FRAGMENT):
    """Return the documented options of the doc fragment (its DOCUMENTATION string, read without importing it)."""
    with open(os.path.join(root, fragment), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and [getattr(target, 'id', None) for target in node.targets] == ['DOCUMENTATION']:
            return yaml.safe_load(ast.literal_eval(node.value))['options']
    raise AssertionError('%s has no DOCUMENTATION' % fragment)


def connection_term(option):
    """The module default of one connection option: a (key, value) pair when its role variable is set and not null, else none.

    Set, not "is defined": a variable set to a template of an undefined variable must fail the task, not be left out.
    """
    name = PREFIX + option
    return "([('%s', %s)] if '%s' in __phone_compliance_connection_set and %s is not none else [])" % (option, name, name, name)


def varnames_pattern(template):
    """Return the pattern of a template that is only ``{{ query('ansible.builtin.varnames', 'pattern') }}``; None otherwise."""
    call = template_expression(template)
    if not (isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and call.node.name == 'query' and not call.kwargs
            and [type(arg) for arg in call.args] == [nodes.Const, nodes.Const] and call.args[0].value == 'ansible.builtin.varnames'):
        return None
    return call.args[1].value


def connection_set_problems(role_vars, connection_options):
    """Return how __phone_compliance_connection_set fails to name exactly the role variables of the connection options."""
    pattern = varnames_pattern(role_vars.get('__phone_compliance_connection_set'))
    if pattern is None:
        return ["%s: __phone_compliance_connection_set is not {{ query('ansible.builtin.varnames', 'pattern') }}" % ROLE_VARS]
    problems = ['%s: __phone_compliance_connection_set does not name %s%s' % (ROLE_VARS, PREFIX, option)
                for option in sorted(connection_options) if not re.search(pattern, PREFIX + option)]
    for other in ('phone_compliance_report_dir', PREFIX + 'timeout_x', 'x' + PREFIX + 'timeout', PREFIX + 'ca_path_'):
        if re.search(pattern, other):
            problems.append('%s: __phone_compliance_connection_set names %s, no connection option' % (ROLE_VARS, other))
    return problems


def template_expression(template):
    """Return the one expression node of a template that is only ``{{ expression }}``; None otherwise."""
    if not isinstance(template, str):
        return None
    try:
        body = jinja2.Environment().parse(template).body
    except jinja2.TemplateSyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        return None
    return body[0].nodes[0]


def dict_of_terms(template):
    """Return {key: term node} of ``{{ dict(term + term + ...) }}``, each term ``([('key', value)] if test else [])``; None otherwise."""
    call = template_expression(template)
    if not (isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and call.node.name == 'dict' and len(call.args) == 1
            and not call.kwargs):
        return None
    terms, pending = [], [call.args[0]]
    while pending:
        node = pending.pop()
        if isinstance(node, nodes.Add):
            pending.extend((node.right, node.left))
        else:
            terms.append(node)
    found = {}
    for term in terms:
        pair = term.expr1 if isinstance(term, nodes.CondExpr) else None
        if not (isinstance(pair, nodes.List) and len(pair.items) == 1 and isinstance(pair.items[0], nodes.Tuple)
                and pair.items[0].items and isinstance(pair.items[0].items[0], nodes.Const)):
            return None
        found[pair.items[0].items[0].value] = term
    return found


def template_dict(template):
    """Return {key: expression node} of a template that is one dict literal, ``{{ {'key': expression, ...} }}``; None otherwise."""
    literal = template_expression(template)
    if not isinstance(literal, nodes.Dict):
        return None
    if not all(isinstance(pair.key, nodes.Const) and isinstance(pair.key.value, str) for pair in literal.items):
        return None
    return dict((pair.key.value, pair.value) for pair in literal.items)


def expression_node(expression):
    """Return the parsed node of one Jinja expression."""
    return jinja2.Environment().parse('{{ %s }}' % expression).body[0].nodes[0]


def dict_problems(role_vars, var_name, wanted, read=template_dict, form='one template of a dict literal, {{ {...} }}'):
    """Return how the one-template dict ``var_name`` of vars/main.yml differs from ``wanted`` ({key: expression})."""
    handed = read(role_vars.get(var_name))
    if handed is None:
        return ['%s: %s is not %s' % (ROLE_VARS, var_name, form)]
    problems = []
    for key in sorted(set(wanted) - set(handed)):
        problems.append('%s: %s does not hand over %s (add %s)' % (ROLE_VARS, var_name, key, wanted[key]))
    for key in sorted(set(handed) - set(wanted)):
        problems.append('%s: %s hands over %s, which is no option it hands over' % (ROLE_VARS, var_name, key))
    for key in sorted(set(handed) & set(wanted)):
        if handed[key] != expression_node(wanted[key]):
            problems.append('%s: %s hands over %s otherwise than as %s' % (ROLE_VARS, var_name, key, wanted[key]))
    return problems


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
    connection_args = dict_of_terms(role_vars.get('__phone_compliance_connection_args')) or {}
    not_policy = set(connection_args) | set(role_vars['__phone_compliance_task_options'])
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
    problems.extend(dict_problems(role_vars, '__phone_compliance_policy',
                                  dict((name[len(PREFIX):], name) for name in declared if name != PREFIX + 'waivers')))
    # The connection options it hands over as module_defaults: every one, each from its own role variable.
    connection_options = set()
    for fragment in CONNECTION_FRAGMENTS:
        connection_options.update(fragment_options(root, fragment))
    problems.extend(dict_problems(role_vars, '__phone_compliance_connection_args',
                                  dict((option, connection_term(option)) for option in connection_options),
                                  read=dict_of_terms, form="one template, {{ dict(([('option', value)] if test else []) + ...) }}"))
    problems.extend(connection_set_problems(role_vars, connection_options))
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
    """A copy of the files the check reads; ``copy(path, change)`` rewrites one with ``change(data)``."""
    for relative_path in (FRAGMENT, ROLE_SPECS, ROLE_DEFAULTS, ROLE_VARS) + CONNECTION_FRAGMENTS:
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


def edit_template(var_name, *replacements):
    """Return an edit of vars/main.yml data that replaces text in the template of ``var_name`` (pairs: old, new)."""
    def edit(data):
        text = data[var_name]
        for old, new in zip(replacements[::2], replacements[1::2]):
            assert old in text, old
            text = text.replace(old, new, 1)
        data[var_name] = text
    return edit


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
    (ROLE_VARS, edit_template('__phone_compliance_policy', "'minimum_tier': phone_compliance_minimum_tier,", ''),
     '__phone_compliance_policy does not hand over minimum_tier'),
    (ROLE_VARS, edit_template('__phone_compliance_policy', "'severity': phone_compliance_severity", "'severity': phone_compliance_checks"),
     '__phone_compliance_policy hands over severity otherwise than as phone_compliance_severity'),
    (ROLE_VARS, edit_template('__phone_compliance_policy', "{'checks'", "{'colour': phone_compliance_colour, 'checks'"),
     '__phone_compliance_policy hands over colour, which is no option it hands over'),
    (ROLE_VARS, edit_template('__phone_compliance_policy', '{{ {', '{{ [{', '} }}', '}] }}'),
     '__phone_compliance_policy is not one template of a dict literal'),
    (ROLE_VARS, edit_template('__phone_compliance_connection_args', "[('proxy_url', phone_compliance_proxy_url)]", "[('proxy', phone_compliance_proxy_url)]"),
     '__phone_compliance_connection_args does not hand over proxy_url'),
    (ROLE_VARS, edit_template('__phone_compliance_connection_args', 'phone_compliance_timeout is not none else []', 'true else []'),
     "__phone_compliance_connection_args hands over timeout otherwise than as ([('timeout', phone_compliance_timeout)] if"),
    (ROLE_VARS, edit_template('__phone_compliance_connection_args', "[('proxy_url', phone_compliance_proxy_url)]", "[('colour', phone_compliance_proxy_url)]"),
     '__phone_compliance_connection_args hands over colour, which is no option it hands over'),
    (ROLE_VARS, edit_template('__phone_compliance_connection_args', '{{ dict(', '{{ (', ') }}', ') }}'),
     '__phone_compliance_connection_args is not one template, {{ dict('),
    (ROLE_VARS, edit_template('__phone_compliance_connection_args', "'phone_compliance_appkey' in __phone_compliance_connection_set",
                              'phone_compliance_appkey is defined'),
     "__phone_compliance_connection_args hands over appkey otherwise than as ([('appkey', phone_compliance_appkey)] if"),
    (ROLE_VARS, edit_template('__phone_compliance_connection_set', '|proxy_url', ''),
     '__phone_compliance_connection_set does not name phone_compliance_proxy_url'),
    (ROLE_VARS, edit_template('__phone_compliance_connection_set', ')$', ')'),
     '__phone_compliance_connection_set names phone_compliance_timeout_x, no connection option'),
    (ROLE_VARS, edit_template('__phone_compliance_connection_set', "query('ansible.builtin.varnames',", "query('ansible.builtin.vars',"),
     "__phone_compliance_connection_set is not {{ query('ansible.builtin.varnames', 'pattern') }}"),
    (FRAGMENT, lambda text: text.replace('      severity:\n',
                                         '      minimum_score:\n        description: x\n        type: int\n        default: 0\n      severity:\n', 1),
     'the option minimum_score of phone_compliance_check has no role variable phone_compliance_minimum_score'),
])
def test_a_disagreement_is_reported(copy, relative_path, edit, expected):
    problems = policy_mismatches(copy(relative_path, edit))
    assert any(expected in problem for problem in problems), problems
