# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The policy's argument spec, read from its documentation, and the vocabulary derived from it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import yaml

from ansible_collections.nxcloud.whatsapp.plugins.doc_fragments.policy import ModuleDocFragment
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import checks, model, options

DOCUMENTED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']


def test_documented_options_become_an_argument_spec():
    documented = yaml.safe_load('''
        flavour:
          description: Which one.
          type: str
          choices: [plain, salted]
          default: plain
          version_added: 0.2.0
        items:
          description: The items.
          type: list
          elements: dict
          required: true
          suboptions:
            name:
              description: The name.
              type: str
              required: true
            secret:
              description: Never shown.
              type: str
              no_log: true
    ''')
    assert options.argument_spec_from_docs(documented) == {
        'flavour': {'type': 'str', 'choices': ['plain', 'salted'], 'default': 'plain'},
        'items': {'type': 'list', 'elements': 'dict', 'required': True, 'options': {
            'name': {'type': 'str', 'required': True},
            'secret': {'type': 'str', 'no_log': True},
        }},
    }


def test_the_spec_is_the_documented_one():
    assert sorted(options.ARGUMENT_SPEC) == ['policy', 'waivers']
    assert sorted(options.POLICY_SPEC) == sorted(DOCUMENTED['policy']['suboptions'])
    assert options.POLICY_SPEC['minimum_tier'] == {'type': 'str', 'default': 'TIER_1K', 'choices': list(model.TIER_ORDER)}
    assert options.ARGUMENT_SPEC['waivers']['options']['number'] == {'type': 'raw', 'required': True}


def test_the_check_names_are_the_documented_choices_in_listing_order():
    assert model.CHECKS == tuple(DOCUMENTED['policy']['suboptions']['checks']['choices'])
    assert model.CHECKS[:3] == ('status', 'code_verification_status', 'quality_rating')
    assert model.DEFAULT_CHECKS == ('status', 'code_verification_status', 'quality_rating', 'required_number')
    # A waiver names a check of the same list.
    assert DOCUMENTED['waivers']['suboptions']['check']['choices'] == list(model.CHECKS)


def test_every_documented_check_is_implemented_and_has_a_severity():
    field_checks = [name for name, _function in checks.FIELD_CHECKS]
    # verified_name and required_number look at the policy's own lists of numbers, number_removed at the previous run, the others at one field.
    assert field_checks + ['verified_name', 'required_number', 'number_removed'] == list(model.CHECKS)
    severities = sorted(options.POLICY_SPEC['severity']['options'])
    # quality_rating takes its severity from quality_fail_values / quality_warn_values.
    assert severities == sorted(set(model.CHECKS) - set(['quality_rating']) | set([model.WAIVER_CHECK]))
