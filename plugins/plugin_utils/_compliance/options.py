# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The policy and waivers options as an argument spec, read from their documentation (doc_fragments/policy.py).

The doc fragment is the one place where the policy's keys, types, choices and defaults are
written: the spec enforced by policy.py and the vocabulary of model.py (the check names, the
default checks, the tiers) are derived from it at import time, so the documentation cannot drift
from what is enforced.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import yaml

from ansible_collections.nxcloud.whatsapp.plugins.doc_fragments.policy import ModuleDocFragment

# The keys of a documented option that are also keys of its argument spec.
_SPEC_KEYS = ('type', 'elements', 'default', 'choices', 'required', 'no_log')


def argument_spec_from_docs(options):
    """Return the argument spec of documented ``options`` (a DOCUMENTATION ``options`` mapping), suboptions included."""
    spec = {}
    for name, documented in options.items():
        option = dict((key, documented[key]) for key in _SPEC_KEYS if key in documented)
        if 'suboptions' in documented:
            option['options'] = argument_spec_from_docs(documented['suboptions'])
        spec[name] = option
    return spec


# The argument spec of the options ``policy`` and ``waivers``. Read on every import of the check, the
# report and the filters: with libyaml's loader (same result) where PyYAML has it, ten times faster.
ARGUMENT_SPEC = argument_spec_from_docs(yaml.load(ModuleDocFragment.DOCUMENTATION, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))['options'])
# The keys of the policy, with their spec.
POLICY_SPEC = ARGUMENT_SPEC['policy']['options']
