# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compact JSON in UTF-8: written by orjson when it is installed, else by the standard library, the same text.

The JSON reports (_reports/json.py) and the state a fact cache keeps (_state/history.py) are encoded
here. orjson (optional, meta/ee-requirements.txt; 3.11.7 or later) writes the 10 MB report of an app of 10,000
numbers in about 0.01 s, where the standard library takes 0.07 s.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import dataclasses
import json
import re

try:
    import orjson
except ImportError:
    orjson = None

# orjson before 3.11.7 writes a positive exponent without its sign (1e16, where the standard library
# writes 1e+16): not the same text, so such an orjson is not used.
ORJSON_SINCE = (3, 11, 7)


def orjson_writes_the_same(version):
    """Tell whether the orjson of ``version`` (its __version__) writes the text the standard library writes."""
    found = re.match(r'([0-9]+)[.]([0-9]+)[.]([0-9]+)', version or '')
    return found is not None and tuple(int(part) for part in found.groups()) >= ORJSON_SINCE


if orjson is not None and not orjson_writes_the_same(getattr(orjson, '__version__', None)):
    orjson = None

# Dates and dataclasses handed to ``default``, as the standard library does.
_PASSTHROUGH = (orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS) if orjson else 0


def _standard_library_writes(value):
    """orjson's ``default`` for values_as_repr=False: what orjson does not write itself, the standard library does (or refuses)."""
    raise TypeError('written by the standard library')


def _repr_unless_standard(value):
    """orjson's ``default`` for values_as_repr=True: repr(), but a float or tuple subclass or a dataclass is the standard library's.

    The standard library writes the first two as a number and an array (ansible-core 2.19 tags floats
    with a subclass), where orjson would hand them to ``default``. A dataclass may be what a dict or
    list subclass stores in place of its items: orjson reads the storage, the standard library the
    items the subclass hands out (ansible-core 2.19 and 2.21's lazy containers keep each item wrapped
    in a dataclass until it is read, templated, through items() or iteration).
    """
    if isinstance(value, (float, tuple)) or dataclasses.is_dataclass(value):
        raise TypeError('written by the standard library')
    return repr(value)


def compact_json(value, sort_keys=False, values_as_repr=False):
    """Return ``value`` as compact JSON in UTF-8 (bytes), UTF-8 kept as is.

    ``values_as_repr``: a value JSON cannot hold is written as its repr() (json.dumps' default=repr);
    without it, such a value raises TypeError, as json.dumps does. What orjson refuses (keys that are
    not strings, integers beyond 64 bits, a lone surrogate, nesting deeper than 254, a subclass of
    float or tuple) the standard library writes. Both write the same text for what playbooks and the
    service hold, but for the spelling of a float's negative exponent (1e-7, 1e-07): the same number
    to every JSON reader. Not the same: NaN and the infinities, which orjson writes as null and the
    standard library as NaN and Infinity (not JSON: callers hand strict JSON data, as json_safe and
    plain in _compliance/model.py make it); objects of Python's own, such as an Enum or a UUID, which
    orjson writes as their value, not their repr; and a dict or list subclass that hands out other
    items than it stores (orjson writes the stored ones), but for ansible-core's lazy containers (see
    _repr_unless_standard). A lone surrogate has no UTF-8 form: the text is then written with every
    non-ASCII character as a JSON escape (``\\ud800``).
    """
    if orjson is not None:
        try:
            return orjson.dumps(value, default=_repr_unless_standard if values_as_repr else _standard_library_writes,
                                option=(orjson.OPT_SORT_KEYS | _PASSTHROUGH) if sort_keys else _PASSTHROUGH)
        except TypeError:  # orjson.JSONEncodeError
            pass
    default = repr if values_as_repr else None
    text = json.dumps(value, sort_keys=sort_keys, ensure_ascii=False, separators=(',', ':'), default=default)
    try:
        return text.encode('utf-8')
    except UnicodeEncodeError:
        return json.dumps(value, sort_keys=sort_keys, separators=(',', ':'), default=default).encode('ascii')
