# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each check of scripts/check_consistency.py passes a consistent collection and fails a broken one."""

import os
import subprocess
import sys

import pytest

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'scripts', 'check_consistency.py')


def all_findings(checker, collection):
    return [finding for dummy, findings in checker.run_checks(collection.root) for finding in findings]


def test_a_consistent_collection_has_no_finding(checker, collection):
    assert all_findings(checker, collection) == []
    assert checker.main(['--root', collection.root]) == 0


def break_fragment_without_env_name(collection):
    collection.replace('plugins/doc_fragments/auth.py', '- If not set, the environment variable E(NXCLOUD_API_URL) is used.', '- Any URL.')


def break_env_name_in_another_option(collection):
    # The name is still in the module docs, but not where a reader of api_url looks.
    collection.replace('plugins/doc_fragments/auth.py', 'E(NXCLOUD_API_URL)', 'NXCLOUD_API_URL')
    collection.replace('plugins/doc_fragments/auth.py', 'The secret.', 'The secret; see also E(NXCLOUD_API_URL).')


def break_fallback_without_option_doc(collection):
    collection.replace('plugins/module_utils/_arguments.py', "'api_url': 'NXCLOUD_API_URL',",
                       "'api_url': 'NXCLOUD_API_URL',\n    'timeout': 'NXCLOUD_TIMEOUT',")
    collection.replace('docs/docsite/rst/environment.rst', 'NXCLOUD_API_URL', 'NXCLOUD_API_URL, NXCLOUD_TIMEOUT')


def break_env_missing_from_docs_dir(collection):
    collection.replace('docs/docsite/rst/environment.rst', 'NXCLOUD_API_URL', 'the URL variable')


def break_undocumented_name_in_module_code(collection):
    collection.replace('plugins/modules/thing_info.py', "DEPTH_VARIABLE = 'NXCLOUD_DEPTH'",
                       "DEPTH_VARIABLE = 'NXCLOUD_DEPTH'\nMODE_VARIABLE = \"NXCLOUD_MODE\"")


def break_fallbacks_not_literal(collection):
    collection.replace('plugins/module_utils/_arguments.py', "'api_url': 'NXCLOUD_API_URL',", "'api_url': 'NXCLOUD_' + 'API_URL',")


def break_secret_not_secret(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', 'label: Access secret, secret: true', 'label: Access secret')


def break_injector_extra_variable(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', '    NXCLOUD_ACCESS_KEY: "{{ access_key }}"',
                       '    NXCLOUD_ACCESS_KEY: "{{ access_key }}"\n    NXCLOUD_KEY: "{{ access_key }}"')


def break_injector_misspelt(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', 'NXCLOUD_API_URL:', 'NXCLOUD_APIURL:')


def break_injector_wrong_input(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', 'NXCLOUD_ACCESS_KEY: "{{ access_key }}"',
                       'NXCLOUD_ACCESS_KEY: "{{ access_secret }}"')


def break_injector_extra_vars(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', 'injectors:\n',
                       'injectors:\n  extra_vars:\n    nxcloud_secret: "{{ access_secret }}"\n')


def break_credential_without_api_url(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', '    - {id: api_url, type: string, label: API URL}\n', '')
    collection.replace('extensions/awx/credential_type_nxcloud.yml',
                       '''    NXCLOUD_API_URL: "{{ api_url | default('https://api2.nxcloud.com', true) }}"\n''', '')


def break_credential_input_not_an_option(collection):
    collection.replace('extensions/awx/credential_type_nxcloud.yml', '    - {id: api_url, type: string, label: API URL}\n',
                       '    - {id: api_url, type: string, label: API URL}\n    - {id: region, type: string, label: Region}\n')


def break_credential_type_missing(collection):
    collection.remove('extensions/awx/credential_type_nxcloud.yml')


def break_ee_unbounded(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25', 'requests')


def break_ee_upper_bound_only(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25', 'requests<3')


def break_ee_pinned(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25', 'requests>=2.25,==2.31.0')


def break_ee_ansible_core(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25', 'requests>=2.25\nansible_core>=2.16')


def break_ee_file_not_shipped(collection):
    collection.replace('galaxy.yml', "  - '*.tar.gz'", "  - '*.tar.gz'\n  - meta/ee-requirements.txt")


def break_ee_file_missing(collection):
    collection.remove('meta/ee-requirements.txt')


def break_ee_absolute_path(collection):
    collection.replace('meta/execution-environment.yml', 'python: meta/ee-requirements.txt', 'python: /meta/ee-requirements.txt')


def break_ee_without_documented_library(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25\n', '')


def break_ee_include_line(collection):
    collection.replace('meta/ee-requirements.txt', 'requests>=2.25', 'requests>=2.25\n-r other.txt')


BREAKAGES = [
    (break_fragment_without_env_name, 'option api_url falls back to environment variable NXCLOUD_API_URL, but its description does not say'),
    (break_env_name_in_another_option, 'option api_url falls back to environment variable NXCLOUD_API_URL'),
    (break_fallback_without_option_doc, 'reads NXCLOUD_TIMEOUT for option timeout, but its docs have no option timeout'),
    (break_env_missing_from_docs_dir, 'environment variable NXCLOUD_API_URL (read by the modules) is not named anywhere under docs/'),
    (break_undocumented_name_in_module_code, 'code names environment variable NXCLOUD_MODE'),
    (break_fallbacks_not_literal, 'ENVIRONMENT_FALLBACKS is not a literal'),
    (break_secret_not_secret, 'input access_secret is a no_log option and must be "secret: true"'),
    (break_injector_extra_variable, 'injects NXCLOUD_KEY, which is not the fallback of any of its inputs'),
    (break_injector_misspelt, 'injects NXCLOUD_APIURL'),
    (break_injector_wrong_input, 'NXCLOUD_ACCESS_KEY is rendered from access_secret'),
    (break_injector_extra_vars, 'injector kind extra_vars'),
    (break_credential_without_api_url, 'has no input api_url'),
    (break_credential_input_not_an_option, 'input region is no module option with an environment fallback'),
    (break_credential_type_missing, 'credential_type_nxcloud.yml: missing'),
    (break_ee_unbounded, 'requests has no lower bound'),
    (break_ee_upper_bound_only, 'requests has no lower bound'),
    (break_ee_pinned, 'requests is pinned'),
    (break_ee_ansible_core, 'ansible-core must not be an execution environment requirement'),
    (break_ee_file_not_shipped, 'meta/ee-requirements.txt is in build_ignore'),
    (break_ee_file_missing, 'meta/ee-requirements.txt: missing'),
    (break_ee_absolute_path, 'must be relative to the collection root'),
    (break_ee_without_documented_library, 'names Python library requests in its requirements'),
    (break_ee_include_line, 'is not a plain requirement'),
]


@pytest.mark.parametrize('breakage, expected', BREAKAGES, ids=[breakage.__name__[len('break_'):] for breakage, dummy in BREAKAGES])
def test_a_broken_collection_is_reported(checker, collection, breakage, expected):
    breakage(collection)
    findings = all_findings(checker, collection)
    assert any(expected in finding for finding in findings), findings
    assert checker.main(['--root', collection.root]) == 1


def test_the_script_runs_standalone_and_lists_findings(collection):
    break_ee_unbounded(collection)
    break_secret_not_secret(collection)
    process = subprocess.run([sys.executable, SCRIPT, '--root', collection.root], capture_output=True, text=True, check=False)
    assert process.returncode == 1
    assert 'FAIL AWX credential type' in process.stdout
    assert 'FAIL execution environment requirements' in process.stdout
    assert 'check_consistency: 2 finding(s)' in process.stdout
    assert process.stderr == ''


def test_the_script_passes_a_consistent_collection_standalone(collection):
    process = subprocess.run([sys.executable, SCRIPT, '--root', collection.root], capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stdout
    assert 'check_consistency: 4 checks passed' in process.stdout
