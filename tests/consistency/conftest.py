# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small, consistent collection on disk for the tests of scripts/check_consistency.py.

Each test breaks one thing in a fresh copy and expects the check to say so; the copy is
synthetic (not this repository) so that the tests pin the checker's logic, whatever state the
real collection is in. The real collection is checked by running the script itself.
"""

import importlib.util
import os
import textwrap

import pytest

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPOSITORY_ROOT, 'scripts', 'check_consistency.py')

CONSISTENT_COLLECTION = {
    'galaxy.yml': '''
        namespace: nxcloud
        name: whatsapp
        version: 0.1.0
        build_ignore:
          - tests/output
          - '*.tar.gz'
        ''',
    'meta/runtime.yml': '''
        requires_ansible: ">=2.16.0"
        action_groups:
          nxcloud:
            - thing_info
            - nxcloud.whatsapp.other_info
        ''',
    'meta/execution-environment.yml': '''
        version: 1
        dependencies:
          python: meta/ee-requirements.txt
        ''',
    'meta/ee-requirements.txt': '''
        # runtime libraries
        requests>=2.25
        PyYAML >= 5.1, != 6.0.0  # comment after a requirement
        ''',
    'plugins/module_utils/_arguments.py': '''
        ENVIRONMENT_FALLBACKS = {
            'access_key': 'NXCLOUD_ACCESS_KEY',
            'access_secret': 'NXCLOUD_ACCESS_SECRET',
            'api_url': 'NXCLOUD_API_URL',
        }


        def _option(name, **spec):
            return spec


        def common_argument_spec():
            return {
                'access_key': _option('access_key', type='str', no_log=False),
                'access_secret': _option('access_secret', type='str', no_log=True),
                'api_url': _option('api_url', type='str'),
            }
        ''',
    'plugins/doc_fragments/auth.py': """
        class ModuleDocFragment(object):
            DOCUMENTATION = r'''
        options:
          access_key:
            description:
              - The key. If not set, the environment variable E(NXCLOUD_ACCESS_KEY) is used.
          access_secret:
            description: The secret. If not set, E(NXCLOUD_ACCESS_SECRET) is used.
          api_url:
            description:
              - The URL.
              - If not set, the environment variable E(NXCLOUD_API_URL) is used.
        requirements:
          - requests >= 2.25 (on the controller)
        '''
        """,
    'plugins/doc_fragments/attributes.py': """
        class ModuleDocFragment(object):
            DOCUMENTATION = r'''
        attributes:
          check_mode:
            support: full
        '''
            ACTION_GROUP = r'''
        attributes:
          action_group:
            support: full
            membership: [nxcloud.whatsapp.nxcloud]
        '''
        """,
    'plugins/modules/thing_info.py': """
        DOCUMENTATION = r'''
        module: thing_info
        extends_documentation_fragment:
          - nxcloud.whatsapp.auth
          - nxcloud.whatsapp.attributes
          - nxcloud.whatsapp.attributes.action_group
        options:
          depth:
            description: How deep. If not set, E(NXCLOUD_DEPTH) is used.
        '''
        from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import common_argument_spec
        DEPTH_VARIABLE = 'NXCLOUD_DEPTH'
        """,
    'plugins/modules/other_info.py': """
        DOCUMENTATION = r'''
        module: other_info
        extends_documentation_fragment: [nxcloud.whatsapp.attributes.action_group]
        '''
        """,
    'docs/docsite/rst/environment.rst': '''
        Environment
        ===========

        NXCLOUD_ACCESS_KEY, NXCLOUD_ACCESS_SECRET and NXCLOUD_API_URL are read by the modules.
        ''',
    'extensions/awx/credential_type_nxcloud.yml': '''
        name: NxCloud WhatsApp
        kind: cloud
        inputs:
          fields:
            - {id: access_key, type: string, label: Access key}
            - {id: access_secret, type: string, label: Access secret, secret: true}
            - {id: api_url, type: string, label: API URL}
          required: [access_key, access_secret]
        injectors:
          env:
            NXCLOUD_ACCESS_KEY: "{{ access_key }}"
            NXCLOUD_ACCESS_SECRET: "{{access_secret}}"
            NXCLOUD_API_URL: "{{ api_url | default('https://api2.nxcloud.com', true) }}"
        ''',
}


def load_checker():
    """Import scripts/check_consistency.py as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location('check_consistency', SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CollectionCopy(object):
    """A consistent collection in a temporary directory, with helpers to break it."""

    def __init__(self, root):
        self.root = str(root)
        for relative_path, text in CONSISTENT_COLLECTION.items():
            self.write(relative_path, textwrap.dedent(text).lstrip('\n'))

    def path(self, relative_path):
        return os.path.join(self.root, relative_path)

    def read(self, relative_path):
        with open(self.path(relative_path), encoding='utf-8') as handle:
            return handle.read()

    def write(self, relative_path, text):
        os.makedirs(os.path.dirname(self.path(relative_path)), exist_ok=True)
        with open(self.path(relative_path), 'w', encoding='utf-8') as handle:
            handle.write(text)

    def replace(self, relative_path, old, new):
        """Replace text that must be there (so that a typo in a test cannot make it pass)."""
        text = self.read(relative_path)
        assert old in text, '%r not in %s' % (old, relative_path)
        self.write(relative_path, text.replace(old, new))

    def remove(self, relative_path):
        os.remove(self.path(relative_path))


@pytest.fixture(scope='session')
def checker():
    return load_checker()


@pytest.fixture
def collection(tmp_path):
    return CollectionCopy(tmp_path / 'ansible_collections' / 'nxcloud' / 'whatsapp')
