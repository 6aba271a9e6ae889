# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reports by format name, and their files: written whole, named safely, nothing written on bad input."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance import model
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import files, junit, markdown
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import json as json_format
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, parse_junit, phone, prod_result


@pytest.mark.parametrize('report_format, start', [('json', '{'), ('junit', '<?xml'), ('markdown', '# Phone compliance')])
def test_render_dispatches_by_format(report_format, start):
    assert files.render(prod_result(), report_format).startswith(start)


def test_render_rejects_an_unknown_format():
    with pytest.raises(model.ComplianceInputError) as error:
        files.render(prod_result(), 'pdf')
    assert 'unknown report format pdf; choose one of json, junit, markdown, prometheus, html' in str(error.value)


@pytest.mark.parametrize('function', [json_format.json_report, junit.junit_report, markdown.markdown_report])
def test_reports_reject_what_is_not_a_result(function):
    with pytest.raises(model.ComplianceInputError):
        function({'phones': []})


def test_reports_of_ten_thousand_numbers_are_produced():
    phones = [phone(str(8613800000000 + index), status='FLAGGED' if index % 100 == 0 else 'CONNECTED') for index in range(10000)]
    result = evaluate(phones, today=TODAY, environment='big')
    root = parse_junit(junit.junit_report(result))
    assert root.get('tests') == '30000' and root.get('failures') == '100'
    assert '<summary>29900 passed checks</summary>' in markdown.markdown_report(result)
    assert json.loads(json_format.json_report(result))['counts']['numbers'] == 10000


@pytest.mark.parametrize('environment, stem', [('prod', 'prod'), ('prod/eu west', 'prod_eu_west'), ('', '_'), ('..', '..')])
def test_file_stem_keeps_names_safe(environment, stem):
    assert files.file_stem(environment) == stem


def test_write_reports_writes_each_format_whole(tmp_path):
    directory = tmp_path / 'new' / 'environments'
    paths = files.write_reports(prod_result(), str(directory), 'prod', ['json', 'junit', 'markdown'])
    assert [path.rsplit('/', 1)[1] for path in paths] == ['prod.json', 'prod.junit.xml', 'prod.md']
    assert sorted(item.name for item in directory.iterdir()) == ['prod.json', 'prod.junit.xml', 'prod.md']
    assert (directory / 'prod.json').read_text(encoding='utf-8') == json_format.json_report(prod_result())
    assert (directory / 'prod.md').read_text(encoding='utf-8') == markdown.markdown_report(prod_result())
    assert oct((directory / 'prod.json').stat().st_mode & 0o777) == oct(0o644)


def test_write_reports_refuses_an_unknown_format_before_writing(tmp_path):
    with pytest.raises(model.ComplianceInputError) as error:
        files.write_reports(prod_result(), str(tmp_path), 'prod', ['json', 'pdf'])
    assert 'pdf' in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_the_json_report_written_reads_back_as_its_result(tmp_path):
    paths = files.write_reports(prod_result(), str(tmp_path), 'prod', ['junit', 'json'])
    assert files.report_path(str(tmp_path), 'prod', 'json') == paths[1]
    assert files.read_json_result(paths[1]) == prod_result()


def test_reading_a_result_that_is_not_there_raises_os_error(tmp_path):
    with pytest.raises(OSError):
        files.read_json_result(str(tmp_path / 'gone.json'))


def test_reading_a_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / 'prod.json'
    path.write_bytes(b'{"environment": "\xff"}')
    with pytest.raises(model.ComplianceInputError) as caught:
        files.read_json_result(str(path))
    assert 'not UTF-8' in str(caught.value)


def test_with_read_reports_json_is_written_first_and_the_paths_come_in_the_order_asked(tmp_path):
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.json import ReadReports, json_report

    read_reports = ReadReports()
    environment = read_reports.read(json_report(prod_result()))
    combined = combine_results([environment])
    paths = files.write_reports(combined, str(tmp_path), 'all', ['markdown', 'json', 'junit'], read_reports=read_reports)
    assert [path.rsplit('/', 1)[1] for path in paths] == ['all.md', 'all.json', 'all.junit.xml']
    assert read_reports.text_of(combined['environments'][0]) is None  # let go once the JSON was written
    assert (tmp_path / 'all.json').read_text(encoding='utf-8') == json_report(combine_results([json.loads(json_report(prod_result()))]))


def test_with_read_reports_and_no_json_report_the_texts_are_let_go_before_the_first_format(tmp_path):
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.json import ReadReports, json_report

    read_reports = ReadReports()
    combined = combine_results([read_reports.read(json_report(prod_result()))])
    assert read_reports.text_of(combined['environments'][0]) is not None
    paths = files.write_reports(combined, str(tmp_path), 'all', ['markdown', 'junit'], read_reports=read_reports)
    assert [path.rsplit('/', 1)[1] for path in paths] == ['all.md', 'all.junit.xml']
    assert read_reports.text_of(combined['environments'][0]) is None  # nothing to copy them into: not kept for the other formats
