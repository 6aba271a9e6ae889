# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guides quote shipped files (credential type, EE metadata and example): the quotes must not drift.

The docs site is built from RST only, so the guides hold copies rather than includes; each copy
must parse to the same data as the file it quotes.
"""

import os
import re

import pytest
import yaml

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDES = os.path.join(REPOSITORY_ROOT, 'docs', 'docsite', 'rst')
CODE_BLOCK = re.compile(r'^(?P<indent> *)\.\. code-block:: *(?P<language>\S+)\n(?: +:.*\n)*\n(?P<body>(?:(?P=indent) {3}.*\n|\n)+)', re.MULTILINE)


def code_blocks(guide):
    """Return [(language, text)] of the code blocks of a guide, dedented."""
    with open(os.path.join(GUIDES, guide), encoding='utf-8') as handle:
        text = handle.read()
    blocks = []
    for match in CODE_BLOCK.finditer(text):
        width = len(match.group('indent')) + 3
        body = '\n'.join(line[width:] for line in match.group('body').splitlines())
        blocks.append((match.group('language'), body.strip('\n') + '\n'))
    return blocks


def yaml_blocks(guide):
    found = []
    for language, body in code_blocks(guide):
        if language.startswith('yaml'):
            try:
                found.append(yaml.safe_load(body))
            except yaml.YAMLError:
                continue  # a fragment with templating that is not plain YAML
    return found


def shipped_yaml(relative_path):
    with open(os.path.join(REPOSITORY_ROOT, relative_path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


@pytest.mark.parametrize('guide, relative_path', [
    ('awx.rst', 'extensions/awx/credential_type_nxcloud.yml'),
    ('execution_environments.rst', 'meta/execution-environment.yml'),
    ('execution_environments.rst', 'examples/execution-environment/execution-environment.yml'),
    ('execution_environments.rst', 'examples/execution-environment/requirements.yml'),
])
def test_the_guide_quotes_the_file_as_it_is(guide, relative_path):
    assert shipped_yaml(relative_path) in yaml_blocks(guide), '%s does not quote %s as it is' % (guide, relative_path)


def test_the_ee_guide_quotes_the_requirements_as_they_are():
    with open(os.path.join(REPOSITORY_ROOT, 'meta', 'ee-requirements.txt'), encoding='utf-8') as handle:
        requirements = [line for line in handle.read().splitlines() if line and not line.startswith('#')]
    quoted = [body.splitlines() for language, body in code_blocks('execution_environments.rst') if language == 'text']
    assert any([line for line in lines if not line.startswith('#')] == requirements for lines in quoted)


def test_a_changed_file_is_noticed():
    """The comparison itself can fail: a block that differs in one value is not a quote."""
    data = shipped_yaml('extensions/awx/credential_type_nxcloud.yml')
    data['injectors']['env']['NXCLOUD_API_URL'] = '{{ api_url }}'
    assert data not in yaml_blocks('awx.rst')
