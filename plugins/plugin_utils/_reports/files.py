# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The compliance reports by format name, and the functions that write them to files (atomically) and read a result back.

Each renderer (json.py, junit.py, markdown.py, html.py) takes one environment's result or a combined
result, never re-evaluates a rule and returns a string; write_reports and read_json_result are
the only code of the reports that touches the file system.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import io
import os
import re
import tempfile

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError, display_value
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import html, json, junit, markdown
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import prometheus

FORMATS = ('json', 'junit', 'markdown', 'prometheus', 'html')
# What is written when no format is named: the formats that need no optional library (html is asked for by name).
DEFAULT_FORMATS = ('json', 'junit', 'markdown')
# The file name ending of each format.
EXTENSIONS = {'json': 'json', 'junit': 'junit.xml', 'markdown': 'md'}
EXTENSIONS['prometheus'] = 'prom'
EXTENSIONS['html'] = 'html'
# The formats that carry something over from the file they replace (prometheus: the last successful
# read of an environment that could not be read this time).
CARRY_OVER = ('prometheus',)
_UNSAFE_IN_FILE_NAME = re.compile(r'[^A-Za-z0-9_.-]')


def render(report, report_format, fail_on='fail', fail_on_error=True, previous=None):
    """Return the report in ``report_format`` (one of FORMATS).

    ``previous``: the text of the file it replaces, for CARRY_OVER formats. (write_reports writes
    the JSON report from json.json_report_bytes, which copies the environments' texts read.)
    """
    if report_format == 'json':
        return json.json_report(report)
    if report_format == 'junit':
        return junit.junit_report(report, fail_on, fail_on_error)
    if report_format == 'markdown':
        return markdown.markdown_report(report, fail_on, fail_on_error)
    if report_format == 'prometheus':
        return prometheus.prometheus_report(report, previous=previous)
    if report_format == 'html':
        return html.html_report(report, fail_on, fail_on_error)
    raise ComplianceInputError('unknown report format %s; choose one of %s' % (display_value(report_format), ', '.join(FORMATS)))


def file_stem(environment):
    """Return the environment name with every character unsafe in a file name replaced by ``_``."""
    return _UNSAFE_IN_FILE_NAME.sub('_', str(environment)) or '_'


def report_path(directory, stem, report_format):
    """Return the path of the report in ``report_format`` named ``stem`` in ``directory``."""
    return os.path.join(directory, '%s.%s' % (stem, EXTENSIONS[report_format]))


def write_reports(report, directory, stem, formats=DEFAULT_FORMATS, fail_on='fail', fail_on_error=True, read_reports=None):
    """Write the report in each format as ``directory/stem.<extension>``; return the paths written.

    Every format is rendered before the first file is replaced, so bad input leaves no partial set
    behind; each file is replaced atomically (written beside it, then renamed), so a reader never
    sees half a report. Each format is written to its temporary file as soon as it is rendered: the
    texts of an app of 10,000 numbers are some 20 MB, and are never held all at once. With
    ``read_reports`` (a json.ReadReports: the environments' JSON reports the combined one copies)
    JSON comes first, and the texts read are let go once it is written.
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ComplianceInputError('unknown report format %s; choose among %s' % (display_value(unknown[0]), ', '.join(FORMATS)))
    formats = list(dict.fromkeys(formats))  # a format named twice is written once
    # Hosts of one play write to one directory side by side: whoever comes second finds it made.
    made_directory = False
    temporaries = []
    order = sorted(formats, key=lambda name: name != 'json') if read_reports is not None else formats
    if read_reports is not None and 'json' not in formats:
        read_reports.forget()  # no JSON report to copy them into
    try:
        for name in order:
            if name == 'json':
                # As the bytes to write: the JSON of an app of 10,000 numbers is 10 MB, never decoded and encoded again.
                text = json.json_report_bytes(report, read_reports)
                if read_reports is not None:
                    read_reports.forget()
            else:
                text = render(report, name, fail_on, fail_on_error, _previous_text(directory, stem, name))
            if not made_directory:
                os.makedirs(directory, exist_ok=True)
                made_directory = True
            handle, temporary = tempfile.mkstemp(dir=directory, prefix='.%s.' % stem)
            temporaries.append((temporary, report_path(directory, stem, name), name))
            with (io.open(handle, 'wb') if isinstance(text, bytes) else io.open(handle, 'w', encoding='utf-8')) as output:
                output.write(text)
            del text
            os.chmod(temporary, 0o644)
        # Replaced, and returned, in the order asked.
        temporaries.sort(key=lambda pair: list(formats).index(pair[2]))
        paths = []
        while temporaries:
            temporary, path, _name = temporaries[0]
            os.replace(temporary, path)
            del temporaries[0]
            paths.append(path)
    finally:
        for temporary, _path, _name in temporaries:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return paths


def _previous_text(directory, stem, report_format):
    """Return the text of the report file ``report_format`` replaces, for CARRY_OVER formats; None when there is none to read."""
    if report_format not in CARRY_OVER:
        return None
    try:
        with io.open(report_path(directory, stem, report_format), encoding='utf-8', errors='replace') as handle:
            return handle.read()
    except (IOError, OSError):
        return None


def read_json_result(path, read_reports=None):
    """Return the result of one environment held by the JSON report at ``path``.

    ``read_reports`` (a json.ReadReports) keeps the text too, for the combined JSON report.
    Raises OSError when the file cannot be read, ComplianceInputError when it holds no such result.
    """
    with io.open(path, 'rb') as handle:
        data = handle.read()
    if read_reports is not None:
        return read_reports.read(data)
    return json.result_from_json_report(data)
