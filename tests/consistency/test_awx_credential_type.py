# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped AWX credential type renders, as AWX renders it, into what the modules expect.

AWX renders each env injector with a Jinja2 immutable sandbox over the credential's inputs,
leaving out inputs that are empty; when it saves a credential type it renders the injectors
with every input set and undefined names as errors. Both are reproduced here.
"""

import ast
import os

import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDENTIAL_TYPE = os.path.join(REPOSITORY_ROOT, 'extensions', 'awx', 'credential_type_nxcloud.yml')


def module_level_literal(relative_path, name):
    with open(os.path.join(REPOSITORY_ROOT, relative_path), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == name for target in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError('%s has no %s' % (relative_path, name))


@pytest.fixture(scope='module')
def credential_type():
    with open(CREDENTIAL_TYPE, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def render_like_a_job(credential_type, inputs):
    """Return the environment AWX gives a job run with a credential holding ``inputs``."""
    namespace = dict((name, value) for name, value in inputs.items() if len(value))
    sandbox = ImmutableSandboxedEnvironment()
    return dict((variable, sandbox.from_string(template).render(**namespace))
                for variable, template in credential_type['injectors']['env'].items())


def test_injectors_set_the_modules_fallbacks_to_the_inputs(credential_type):
    fallbacks = module_level_literal('plugins/module_utils/_arguments.py', 'ENVIRONMENT_FALLBACKS')
    inputs = {'access_key': 'AK-1', 'access_secret': 'S3cret {{ not a template }}', 'api_url': 'https://gateway.example.com'}
    environment = render_like_a_job(credential_type, inputs)
    assert environment == dict((fallbacks[name], value) for name, value in inputs.items())


@pytest.mark.parametrize('inputs', [
    {'access_key': 'AK-1', 'access_secret': 'secret'},
    {'access_key': 'AK-1', 'access_secret': 'secret', 'api_url': ''},
], ids=['api_url absent', 'api_url empty'])
def test_an_empty_api_url_gives_the_modules_default(credential_type, inputs):
    default_url = module_level_literal('plugins/module_utils/_client.py', 'DEFAULT_API_URL')
    assert render_like_a_job(credential_type, inputs)['NXCLOUD_API_URL'] == default_url


def test_awx_accepts_the_injectors_when_saving(credential_type):
    every_input = dict((field['id'], 'value-of-%s' % field['id']) for field in credential_type['inputs']['fields'])
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for template in credential_type['injectors']['env'].values():
        strict.from_string(template).render(**every_input)


def test_only_the_secret_is_secret_and_the_url_is_optional(credential_type):
    fields = credential_type['inputs']['fields']
    assert [field['id'] for field in fields if field.get('secret') is True] == ['access_secret']
    assert sorted(credential_type['inputs']['required']) == ['access_key', 'access_secret']
    assert all(field['type'] == 'string' and field.get('label') for field in fields)
    assert credential_type['kind'] == 'cloud'
