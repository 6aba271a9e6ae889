# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A compliance result rendered as JSON: the whole result, for programs; and read back from it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import uuid

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError, environments_of, is_list, result_fields
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._json_text import compact_json


def _encoded(value):
    # Compact: it is for programs (people read the Markdown).
    return compact_json(value, sort_keys=True, values_as_repr=True)


class ReadReports(object):
    """Environment results read from their JSON reports, each kept with the UTF-8 text it was read from.

    A combined JSON report holds every environment's result whole, so an environment read from the
    report its check task wrote is copied into it as that text instead of being encoded again: for
    an app of 10,000 numbers that is 10 MB of JSON. The text is the same as the encoding would be
    (json_report wrote it, and decoding then encoding again gives the same text back).
    """

    def __init__(self):
        self._read = []

    def read(self, data):
        """Return the result of one environment that the JSON report ``data`` holds (see result_from_json_report), and keep its text.

        ``data``: the report's bytes (kept as they are: no copy of 10 MB), or its text.
        """
        result = result_from_json_report(data)
        self._read.append((result, data.encode('utf-8') if isinstance(data, str) else data))
        return result

    def text_of(self, environment):
        """Return the UTF-8 JSON text ``environment`` was read from, without trailing white space; None when it was not read, or was changed since.

        An environment result of a combined result is a copy of the result read (result_fields):
        it is still that result when it has the same keys, each holding the very value read.
        """
        for result, data in self._read:
            if environment is result or (len(environment) == len(result) and all(environment.get(key, self) is value for key, value in result.items())):
                end = len(data)
                while end and data[end - 1:end].isspace():
                    end -= 1
                return memoryview(data)[:end]  # a view: the final newline left out without a copy of the text
        return None

    def forget(self):
        """Let the texts go once they are no longer needed (they are as large as the reports)."""
        del self._read[:]


def json_report_bytes(report, read_reports=None):
    """Return the full result as JSON in UTF-8 (keys sorted), ending with a newline: what a JSON report file holds.

    ``read_reports`` (a ReadReports): the environments of a combined result read from their own JSON
    reports are copied from those texts rather than encoded again.
    """
    environments_of(report)  # rejects what is not a result
    if not isinstance(report.get('environments'), list):
        return _encoded(result_fields(report)) + b'\n'
    texts = {}
    if read_reports is not None:
        # Each environment found is encoded as a placeholder string, then replaced by its text.
        marker = uuid.uuid4().hex
        environments = []
        for index, environment in enumerate(report['environments']):
            text = read_reports.text_of(environment) if isinstance(environment, Mapping) else None
            if text is None:
                environments.append(environment)
            else:
                placeholder = '%s-%d' % (marker, index)
                texts[placeholder.encode('ascii')] = text
                environments.append(placeholder)
        report = dict(report, environments=environments)
    # The newline joins the small skeleton, so that the texts of 10 MB are copied once, into the report.
    encoded = _encoded(report) + b'\n'
    if not texts:
        return encoded
    # Split at each quoted placeholder (kept, as every other piece), then each placeholder becomes its text.
    pieces = re.split(b'"(%s-[0-9]+)"' % marker.encode('ascii'), encoded)
    pieces[1::2] = [texts[placeholder] for placeholder in pieces[1::2]]
    return b''.join(pieces)


def json_report(report, read_reports=None):
    """Return the full result as JSON text (keys sorted, UTF-8 kept as is), ending with a newline (see json_report_bytes)."""
    return json_report_bytes(report, read_reports).decode('utf-8')


def result_from_json_report(data):
    """Return the result of one environment that a JSON report (json_report) holds.

    ``data``: the report's text, or its bytes (UTF-8). Raises ComplianceInputError when it is not
    UTF-8 JSON, or holds a combined result or anything else than one environment's result.
    """
    if not isinstance(data, str):
        # Decoded here, strictly: json.loads would take UTF-16 too, which a UTF-8 report cannot copy.
        try:
            data = str(data, 'utf-8')
        except UnicodeDecodeError as error:
            raise ComplianceInputError('it is not UTF-8 text (%s)' % error)
    try:
        result = json.loads(data)
    except ValueError as error:
        raise ComplianceInputError('it is not JSON (%s)' % error)
    if not isinstance(result, Mapping) or not isinstance(result.get('counts'), Mapping) or not is_list(result.get('results')):
        raise ComplianceInputError('it does not hold the compliance result of one environment')
    return result
