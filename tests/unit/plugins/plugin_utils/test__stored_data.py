# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Stored results are read as plain data; anything that may be a template is read the ordinary way."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.parsing.dataloader import DataLoader

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _stored_data
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils.test__core_compat import (
    container_as_a_plugin_gets_it,
    trust_as_template,
)

RESULT = {'counts': {'passed': 1}, 'results': [{'number': '8613800138000', 'status': 'passed', 'waiver': None, 'ok': True, 'n': 1.5}]}


def test_plain_data_is_copied_as_is():
    copied = _stored_data.stored_data(RESULT)
    assert copied == RESULT
    assert copied is not RESULT and copied['results'] is not RESULT['results']


def test_templates_written_in_the_playbook_are_not_read_as_stored_data():
    template = pytest.importorskip('ansible.template')
    if not hasattr(template, 'trust_as_template'):
        pytest.skip('ansible-core < 2.19 templates values before plugins see them')
    written = template.trust_as_template('{{ status_var }}')
    with pytest.raises(_stored_data._NotStoredData):  # pylint: disable=protected-access
        _stored_data._read_stored({'phones': [{'status': written}]})  # pylint: disable=protected-access


def test_tagged_strings_that_are_not_templates_are_read_as_stored():
    # What ansible-core loads from a file is a str subclass: tagged with its origin on 2.19 and later,
    # AnsibleUnicode on 2.16.
    tagged = DataLoader().load('status: FLAGGED\n', file_name='/tmp/answer.yml')['status']
    if type(tagged) is str:  # pylint: disable=unidiomatic-typecheck
        pytest.skip('this ansible-core loads plain strings')
    assert _stored_data._read_stored({'status': tagged}) == {'status': 'FLAGGED'}  # pylint: disable=protected-access


class _Unexpected(object):
    """A stored object of a kind plain data never holds."""


class _TemplatingDict(dict):
    """Reads through .items() give what the ordinary (templating) access gives."""

    def items(self):
        for key, value in dict.items(self):
            yield key, 'rendered' if isinstance(value, _Unexpected) else value


def test_unknown_stored_objects_fall_back_to_ordinary_access():
    assert _stored_data.stored_data(_TemplatingDict(status=_Unexpected(), number='1')) == {'status': 'rendered', 'number': '1'}


def test_a_summary_is_all_that_is_read_of_a_result_that_has_one():
    registered = dict(RESULT, summary={'environment': 'prod', 'counts': {'passed': 1}, 'violations': []})
    assert _stored_data.stored_summary(registered) == {'summary': registered['summary']}
    assert _stored_data.stored_summary(RESULT) == RESULT
    assert _stored_data.stored_summary(None) is None


def test_a_real_container_as_plugins_get_it_reads_as_plain_data():
    # Lazy on ansible-core >= 2.19, plain before: either way the same plain copy comes out.
    container = container_as_a_plugin_gets_it(RESULT)
    copied = _stored_data.stored_data(container)
    assert copied == RESULT
    assert type(copied) is dict and type(copied['results'][0]) is dict  # pylint: disable=unidiomatic-typecheck


def test_a_real_container_holding_a_template_is_read_the_ordinary_way():
    written = dict(RESULT, note=trust_as_template('{{ 40 + 2 }}'))
    copied = _stored_data.stored_data(container_as_a_plugin_gets_it(written))
    assert copied['note'] in (42, '42')  # rendered, never the template text
    assert copied['results'] == RESULT['results']
