# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as JSON: the whole result, for programs; and read back from it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError, environments_of, is_list, result_fields


def json_report(report):
    """Return the full result as JSON (keys sorted, UTF-8 kept as is), ending with a newline.

    Compact: it is for programs (people read the Markdown), and without indentation the standard
    library's C encoder does the work, about five times faster on an app of 10,000 numbers.
    """
    environments_of(report)  # rejects what is not a result
    if not isinstance(report.get('environments'), list):
        report = result_fields(report)
    return json.dumps(report, sort_keys=True, ensure_ascii=False, separators=(',', ':'), default=repr) + '\n'


def result_from_json_report(text):
    """Return the result of one environment that a JSON report (json_report) holds.

    Raises ComplianceInputError when ``text`` is not JSON, or holds a combined result or anything
    else than one environment's result.
    """
    try:
        result = json.loads(text)
    except ValueError as error:
        raise ComplianceInputError('it is not JSON (%s)' % error)
    if not isinstance(result, Mapping) or not isinstance(result.get('counts'), Mapping) or not is_list(result.get('results')):
        raise ComplianceInputError('it does not hold the compliance result of one environment')
    return result
