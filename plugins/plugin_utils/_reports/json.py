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


def _encoded(value):
    # Compact: it is for programs (people read the Markdown), and without indentation the standard
    # library's C encoder does the work, about five times faster on an app of 10,000 numbers.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(',', ':'), default=repr)


class ReadReports(object):
    """Environment results read from their JSON reports, each kept with the text it was read from.

    A combined JSON report holds every environment's result whole, so an environment read from the
    report its check task wrote is copied into it as that text instead of being encoded again: for
    an app of 10,000 numbers that is 10 MB of JSON and about a tenth of a second. The text is the
    same as the encoding would be (json_report wrote it, and decoding then encoding again gives the
    same text back).
    """

    def __init__(self):
        self._read = []

    def read(self, text):
        """Return the result of one environment that ``text`` holds (see result_from_json_report), and keep the text."""
        result = result_from_json_report(text)
        self._read.append((result, text))
        return result

    def text_of(self, environment):
        """Return the JSON text ``environment`` was read from (no final newline); None when it was not read, or was changed since.

        An environment result of a combined result is a copy of the result read (result_fields):
        it is still that result when it has the same keys, each holding the very value read.
        """
        for result, text in self._read:
            if environment is result or (len(environment) == len(result) and all(environment.get(key, self) is value for key, value in result.items())):
                # read_json_result leaves out the final newline; a copy of 10 MB only for other trailing space.
                return text.rstrip() if text[-1:].isspace() else text
        return None

    def forget(self):
        """Let the texts go once they are no longer needed (they are as large as the reports)."""
        del self._read[:]


def json_report(report, read_reports=None):
    """Return the full result as JSON (keys sorted, UTF-8 kept as is), ending with a newline.

    ``read_reports`` (a ReadReports): the environments of a combined result read from their own JSON
    reports are copied from those texts rather than encoded again.
    """
    environments_of(report)  # rejects what is not a result
    if not isinstance(report.get('environments'), list):
        return _encoded(result_fields(report)) + '\n'
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
                texts['"%s"' % placeholder] = text
                environments.append(placeholder)
        report = dict(report, environments=environments)
    # The newline joins the small skeleton, so that the texts of 10 MB are copied once, into the report.
    encoded = _encoded(report) + '\n'
    if texts:
        encoded = re.sub('"%s-[0-9]+"' % marker, lambda match: texts[match.group(0)], encoded)
    return encoded


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
