# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hypothesis strategies for what the NxCloud service may send, shared by the property tests.

Used by the parsing properties (tests/unit/plugins/module_utils/test__parsing_properties.py) and
the compliance properties (tests/reliability/test_compliance_properties.py); each suite picks
its own sizes.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hypothesis import strategies as st

# A number as digits, the way the service and people write it once decorations are gone.
digits = st.text(alphabet='0123456789', min_size=1, max_size=15)


def json_values(max_size, key_size, max_leaves):
    """Any JSON value: null, booleans, integers, floats, text, and lists and objects of them.

    Floats include infinities (Python's json module reads Infinity from a service); NaN is left out
    only because it is never equal to itself, which would make equality checks meaningless.
    """
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda children: st.lists(children, max_size=max_size) | st.dictionaries(st.text(max_size=key_size), children, max_size=max_size),
        max_leaves=max_leaves,
    )


def phone_objects(fields, unknown_values, max_unknown):
    """Phone objects holding any of ``fields`` (name -> strategy of its value) plus up to ``max_unknown`` unknown fields.

    The known fields win a name clash with an unknown one.
    """
    def with_unknown_fields(known):
        def merge(extra):
            merged = dict(extra)
            merged.update(known)
            return merged
        return st.dictionaries(st.text(max_size=8), unknown_values, max_size=max_unknown).map(merge)
    return st.fixed_dictionaries({}, optional=fields).flatmap(with_unknown_fields)
