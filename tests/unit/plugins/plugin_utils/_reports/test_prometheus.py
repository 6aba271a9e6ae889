# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Prometheus metrics of a compliance result: the series, their labels as the service sent them, and the push to a stub Pushgateway."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import math
import threading

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prometheus_client.parser import text_string_to_metric_families

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import errored_result, evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import ComplianceInputError
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import prometheus
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import DEFAULT_FORMATS, write_reports
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.prometheus import (
    MetricsError,
    MissingLibraryError,
    Pushgateway,
    masked_url,
    prometheus_report,
)

TODAY = '2026-05-01'
NOW = 1764633600.0
PASSWORD = 'pushgateway-Passw0rd'


def phone(number, **fields):
    entry = {'number': number, 'display_phone_number': '+86 138 0013 8000', 'verified_name': 'Acme', 'quality_rating': 'GREEN',
             'name_status': 'APPROVED', 'status': 'CONNECTED', 'current_limit': 'TIER_1K', 'code_verification_status': 'VERIFIED'}
    entry.update(fields)
    return entry


def combined(*results):
    return combine_results(list(results), today=TODAY)


def samples(text):
    """Return {(series name, sorted label items): value} of an exposition text, as Prometheus' parser reads it."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            assert key not in found, 'duplicate series %s' % (key,)
            found[key] = sample.value
    return found


def value(found, name, **labels):
    return found[(name, tuple(sorted(labels.items())))]


def series_named(found, name):
    return [dict(labels) for series, labels in found if series == name]


def test_each_number_has_an_info_series_with_its_state_as_labels():
    text = prometheus_report(combined(evaluate([phone('8613800138000', quality_rating='RED')], today=TODAY, environment='prod')), now=NOW)
    found = samples(text)
    assert series_named(found, 'nxcloud_whatsapp_phone_info') == [{
        'environment': 'prod', 'number': '8613800138000', 'display_phone_number': '+86 138 0013 8000', 'verified_name': 'Acme',
        'status': 'CONNECTED', 'quality_rating': 'RED', 'code_verification_status': 'VERIFIED', 'name_status': 'APPROVED',
        'current_limit': 'TIER_1K'}]
    assert value(found, 'nxcloud_whatsapp_phone_info', **series_named(found, 'nxcloud_whatsapp_phone_info')[0]) == 1
    assert '# TYPE nxcloud_whatsapp_phone_info gauge' in text


@pytest.mark.parametrize('rating, expected', [('GREEN', 2), ('YELLOW', 1), ('RED', 0), ('NA', -1), ('UNKNOWN', -1), ('UNKNOW', -1),
                                              ('', -1), ('PURPLE', -1), (None, -1), (3, -1)])
def test_quality_is_an_ordered_value_and_anything_unrated_is_minus_one(rating, expected):
    found = samples(prometheus_report(evaluate([phone('1', quality_rating=rating)], today=TODAY, environment='prod'), now=NOW))
    assert value(found, 'nxcloud_whatsapp_phone_quality_rating', environment='prod', number='1') == expected


def test_an_absent_field_is_an_empty_label_and_an_unrated_quality():
    entry = phone('1')
    del entry['quality_rating']
    del entry['display_phone_number']
    found = samples(prometheus_report(evaluate([entry], today=TODAY, environment='prod'), now=NOW))
    info = series_named(found, 'nxcloud_whatsapp_phone_info')[0]
    assert 'display_phone_number' not in info or info['display_phone_number'] == ''  # the parser drops empty labels
    assert value(found, 'nxcloud_whatsapp_phone_quality_rating', environment='prod', number='1') == -1


@pytest.mark.parametrize('tier, expected', [('TIER_50', 50), ('TIER_250', 250), ('TIER_1K', 1000), ('TIER_2K', 2000),
                                            ('TIER_10K', 10000), ('TIER_100K', 100000), ('TIER_UNLIMITED', float('inf'))])
def test_a_messaging_tier_is_its_number_of_conversations(tier, expected):
    found = samples(prometheus_report(evaluate([phone('1', current_limit=tier)], today=TODAY, environment='prod'), now=NOW))
    assert value(found, 'nxcloud_whatsapp_phone_conversation_limit', environment='prod', number='1') == expected


@pytest.mark.parametrize('tier', ['TIER_NOT_SET', 'UNTIERED', '', None, 'TIER_5M', 1000])
def test_a_limit_that_is_no_tier_of_conversations_has_no_sample_but_keeps_its_label(tier):
    found = samples(prometheus_report(evaluate([phone('1', current_limit=tier)], today=TODAY, environment='prod'), now=NOW))
    assert series_named(found, 'nxcloud_whatsapp_phone_conversation_limit') == []
    assert len(series_named(found, 'nxcloud_whatsapp_phone_info')) == 1


@pytest.mark.parametrize('text', ['say "hi"', 'back\\slash', 'two\nlines', 'Äcme 株式会社 🙂', 'trailing\\', '\\n literally', '} , ="'])
def test_odd_service_text_in_a_label_is_escaped_and_reads_back_unchanged(text):
    result = evaluate([phone('1', verified_name=text, status=text)], today=TODAY, environment=text)
    exposition = prometheus_report(result, now=NOW)
    info = series_named(samples(exposition), 'nxcloud_whatsapp_phone_info')[0]
    assert (info['verified_name'], info['status'], info['environment']) == (text, text, text)
    assert all(line.startswith(('#', 'nxcloud_whatsapp_')) for line in exposition.splitlines() if line)  # no line broken by the text


def test_a_value_that_is_not_text_becomes_json_text_in_its_label():
    found = samples(prometheus_report(evaluate([phone('1', name_status={'odd': [1]})], today=TODAY, environment='prod'), now=NOW))
    assert series_named(found, 'nxcloud_whatsapp_phone_info')[0]['name_status'] == '{"odd": [1]}'


def test_results_are_counted_per_environment_and_status():
    prod = evaluate([phone('1'), phone('2', status='FLAGGED')], today=TODAY, environment='prod')
    found = samples(prometheus_report(combined(prod, errored_result('staging', 'unreachable', TODAY)), now=NOW))
    assert value(found, 'nxcloud_whatsapp_compliance_results', environment='prod', status='failed') == prod['counts']['failed'] == 1
    assert value(found, 'nxcloud_whatsapp_compliance_results', environment='prod', status='passed') == prod['counts']['passed']
    assert value(found, 'nxcloud_whatsapp_compliance_results', environment='staging', status='errored') == 1
    assert len(series_named(found, 'nxcloud_whatsapp_compliance_results')) == 10  # every status of both, zeros included
    assert value(found, 'nxcloud_whatsapp_environment_numbers', environment='prod') == 2


def test_an_environment_read_is_up_with_its_read_time_and_one_not_read_is_down_without_it():
    found = samples(prometheus_report(combined(evaluate([phone('1')], today=TODAY, environment='prod'),
                                               errored_result('staging', 'code 1001', TODAY)), now=NOW))
    assert value(found, 'nxcloud_whatsapp_environment_up', environment='prod') == 1
    assert value(found, 'nxcloud_whatsapp_environment_up', environment='staging') == 0
    assert series_named(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds') == [{'environment': 'prod'}]
    assert value(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='prod') == NOW
    assert [labels['environment'] for labels in series_named(found, 'nxcloud_whatsapp_phone_info')] == ['prod']


def test_a_number_listed_twice_gives_one_series_and_an_entry_without_number_none():
    entries = [phone('8613800138000'), phone('+86 138-0013-8000', status='FLAGGED'), {'status': 'CONNECTED'}]
    found = samples(prometheus_report(evaluate(entries, today=TODAY, environment='prod'), now=NOW))
    infos = series_named(found, 'nxcloud_whatsapp_phone_info')
    assert [(info['number'], info['status']) for info in infos] == [('8613800138000', 'CONNECTED')]


def test_the_read_time_defaults_to_now(monkeypatch):
    monkeypatch.setattr(prometheus.time, 'time', lambda: 1234.5)
    found = samples(prometheus_report(evaluate([phone('1')], today=TODAY, environment='prod')))
    assert value(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='prod') == 1234.5


@pytest.mark.parametrize('report', ['text', None, {'environments': 'prod'}, {'environments': ['prod']}, {'counts': {}}])
def test_what_is_no_result_is_refused_clearly(report):
    with pytest.raises(ComplianceInputError, match='expected a compliance result|every environment of the result'):
        prometheus_report(report)


def test_without_prometheus_client_the_error_names_the_package(monkeypatch):
    monkeypatch.setattr(prometheus, 'HAS_PROMETHEUS_CLIENT', False)
    with pytest.raises(MissingLibraryError, match='prometheus_client is not installed.*pip install prometheus-client'):
        prometheus_report(evaluate([phone('1')], today=TODAY, environment='prod'))


def test_the_prom_file_is_written_beside_the_others_and_only_when_asked(tmp_path):
    report = combined(evaluate([phone('1', quality_rating='RED')], today=TODAY, environment='prod'))
    assert 'prometheus' not in DEFAULT_FORMATS
    assert [path.rsplit('.', 1)[-1] for path in write_reports(report, str(tmp_path), 'phone-compliance')] == ['json', 'xml', 'md']
    paths = write_reports(report, str(tmp_path), 'phone-compliance', ['json', 'prometheus'])
    assert paths == [str(tmp_path / 'phone-compliance.json'), str(tmp_path / 'phone-compliance.prom')]
    found = samples((tmp_path / 'phone-compliance.prom').read_text(encoding='utf-8'))
    assert value(found, 'nxcloud_whatsapp_phone_quality_rating', environment='prod', number='1') == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ['phone-compliance.json', 'phone-compliance.junit.xml', 'phone-compliance.md', 'phone-compliance.prom']


def test_without_the_library_no_report_file_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(prometheus, 'HAS_PROMETHEUS_CLIENT', False)
    with pytest.raises(MissingLibraryError):
        write_reports(evaluate([phone('1')], today=TODAY, environment='prod'), str(tmp_path), 'x', ['json', 'prometheus'])
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------------
# the push


class StubGateway(object):
    """A loopback HTTP server that records each request and answers with ``status`` (and ``body``)."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.body = b''
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get('Content-Length') or 0)
                stub.requests.append({'method': self.command, 'path': self.path, 'headers': dict(self.headers),
                                      'body': self.rfile.read(length).decode('utf-8')})
                self.send_response(stub.status)
                self.send_header('Content-Length', str(len(stub.body)))
                self.end_headers()
                self.wfile.write(stub.body)

            do_PUT = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    stub = StubGateway()
    yield stub
    stub.stop()


def test_a_read_environment_replaces_its_whole_group(gateway):
    Pushgateway(gateway.url).push(evaluate([phone('1', quality_rating='RED')], today=TODAY, environment='prod'), now=NOW)
    request = gateway.requests[0]
    assert (request['method'], request['path']) == ('PUT', '/metrics/job/nxcloud_whatsapp_phone_compliance/environment/prod')
    found = samples(request['body'])
    assert value(found, 'nxcloud_whatsapp_phone_quality_rating', environment='prod', number='1') == 0
    assert value(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='prod') == NOW
    assert 'Authorization' not in request['headers']


def test_an_unread_environment_adds_only_up_and_its_results_so_its_last_read_stays(gateway):
    Pushgateway(gateway.url, job='compliance').push(errored_result('staging', 'code 1001', TODAY), now=NOW)
    request = gateway.requests[0]
    assert (request['method'], request['path']) == ('POST', '/metrics/job/compliance/environment/staging')
    names = set(name for name, labels in samples(request['body']))
    assert names == {'nxcloud_whatsapp_environment_up', 'nxcloud_whatsapp_compliance_results'}
    assert value(samples(request['body']), 'nxcloud_whatsapp_environment_up', environment='staging') == 0


def test_an_environment_name_with_a_slash_stays_one_group(gateway):
    Pushgateway(gateway.url).push(evaluate([phone('1')], today=TODAY, environment='eu/prod'), now=NOW)
    path = gateway.requests[0]['path']
    assert path.startswith('/metrics/job/nxcloud_whatsapp_phone_compliance/environment@base64/')
    assert base64.urlsafe_b64decode(path.rsplit('/', 1)[1] + '==').decode('utf-8') == 'eu/prod'


def test_basic_auth_is_sent_and_the_password_never_shown_in_an_error(gateway):
    gateway.status = 401
    gateway.body = b'unauthorized'
    with pytest.raises(MetricsError) as raised:
        Pushgateway(gateway.url, username='ansible', password=PASSWORD).push(evaluate([phone('1')], today=TODAY, environment='prod'))
    token = base64.b64encode(('ansible:%s' % PASSWORD).encode()).decode()
    assert gateway.requests[0]['headers']['Authorization'] == 'Basic ' + token
    message = str(raised.value)
    assert 'HTTP 401' in message and 'pushgateway_username and pushgateway_password' in message and 'environment prod' in message
    assert PASSWORD not in message and token not in message


def test_credentials_in_the_url_are_used_and_masked(gateway):
    url_with_credentials = gateway.url.replace('http://', 'http://ansible:%s@' % PASSWORD)
    gateway.status = 500
    gateway.body = ('echo %s' % PASSWORD).encode()
    pushgateway = Pushgateway(url_with_credentials)
    with pytest.raises(MetricsError) as raised:
        pushgateway.push(evaluate([phone('1')], today=TODAY, environment='prod'))
    assert gateway.requests[0]['headers']['Authorization'].startswith('Basic ')
    assert PASSWORD not in str(raised.value)
    assert 'http://***@127.0.0.1:' in str(raised.value)
    assert PASSWORD not in pushgateway.url


def test_a_refused_push_says_what_the_gateway_said(gateway):
    gateway.status = 400
    gateway.body = b'pushed metrics are invalid or inconsistent with existing metrics'
    with pytest.raises(MetricsError, match='HTTP 400 .*inconsistent with existing metrics.*pushgateway_job'):
        Pushgateway(gateway.url).push(evaluate([phone('1')], today=TODAY, environment='prod'))


def test_an_unreachable_gateway_is_a_clear_error():
    stub = StubGateway()
    url = stub.url
    stub.stop()  # nothing listens there any more
    with pytest.raises(MetricsError, match='could not be pushed to the Pushgateway http://127.0.0.1:.*refused.*pushgateway_url'):
        Pushgateway(url, timeout=5).push(evaluate([phone('1')], today=TODAY, environment='prod'))


@pytest.mark.parametrize('url, words', [
    ('', 'is empty'), ('   ', 'is empty'), ('ftp://gateway:21', 'must start with http'), ('gateway:9091', 'must start with http'),
    ('http://user:%s@[::1' % PASSWORD, 'is not a URL'),
])
def test_an_unusable_url_is_refused_without_showing_credentials(url, words):
    with pytest.raises(ComplianceInputError, match=words) as raised:
        Pushgateway(url)
    assert PASSWORD not in str(raised.value)


def test_a_user_name_without_password_is_refused():
    with pytest.raises(ComplianceInputError, match='both pushgateway_username and pushgateway_password'):
        Pushgateway('http://127.0.0.1:9091', username='ansible')


def test_masked_url_hides_user_information_only():
    assert masked_url('https://gw.example.com:9091/base') == 'https://gw.example.com:9091/base'
    assert masked_url('https://me:secret@gw.example.com:9091/base') == 'https://***@gw.example.com:9091/base'
    assert masked_url('https://me@gw.example.com') == 'https://***@gw.example.com'


def test_tls_settings_make_the_ssl_context(tmp_path):
    trustme = pytest.importorskip('trustme')
    authority = trustme.CA()
    ca_file = tmp_path / 'ca.pem'
    authority.cert_pem.write_to_path(str(ca_file))
    client = authority.issue_cert('ansible@example.com')
    client_file = tmp_path / 'client.pem'
    client.private_key_and_cert_chain_pem.write_to_path(str(client_file))
    strict = Pushgateway('https://127.0.0.1:9091', ca_path=str(ca_file), client_cert=str(client_file))._ssl_context()
    assert strict.check_hostname and strict.verify_mode.name == 'CERT_REQUIRED'
    lax = Pushgateway('https://127.0.0.1:9091', validate_certs=False)._ssl_context()
    assert not lax.check_hostname and lax.verify_mode.name == 'CERT_NONE'


def test_an_unverifiable_https_gateway_is_a_clear_error(tmp_path):
    trustme = pytest.importorskip('trustme')
    import ssl
    authority = trustme.CA()
    stub = StubGateway()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert('127.0.0.1').configure_cert(context)
    stub.server.socket = context.wrap_socket(stub.server.socket, server_side=True)
    url = stub.url.replace('http://', 'https://')
    try:
        with pytest.raises(MetricsError, match='CERTIFICATE_VERIFY_FAILED|certificate verify failed'):
            Pushgateway(url, timeout=5).push(evaluate([phone('1')], today=TODAY, environment='prod'))
        ca_file = tmp_path / 'ca.pem'
        authority.cert_pem.write_to_path(str(ca_file))
        Pushgateway(url, ca_path=str(ca_file), timeout=5).push(evaluate([phone('1')], today=TODAY, environment='prod'))
        Pushgateway(url, validate_certs=False, timeout=5).push(evaluate([phone('1')], today=TODAY, environment='prod'))
        assert [request['method'] for request in stub.requests] == ['PUT', 'PUT']
    finally:
        stub.stop()


def test_quality_values_are_finite_numbers_prometheus_can_compare():
    assert all(not math.isinf(number) for number in prometheus.QUALITY_VALUES.values())
    assert prometheus.QUALITY_VALUES['GREEN'] > prometheus.QUALITY_VALUES['YELLOW'] > prometheus.QUALITY_VALUES['RED'] > prometheus.UNRATED_QUALITY_VALUE


def test_a_series_nothing_has_is_not_announced():
    text = prometheus_report(evaluate([phone('1', current_limit='')], today=TODAY, environment='prod'), now=NOW)
    assert 'nxcloud_whatsapp_phone_conversation_limit' not in text
    assert '# TYPE nxcloud_whatsapp_phone_info gauge' in text


def test_an_unread_environment_keeps_the_last_successful_read_of_the_file_replaced():
    first = prometheus_report(combined(evaluate([phone('1')], today=TODAY, environment='prod'),
                                       evaluate([phone('2')], today=TODAY, environment='staging')), now=NOW)
    later = NOW + 3600
    second = prometheus_report(combined(evaluate([phone('1')], today=TODAY, environment='prod'), errored_result('staging', 'code 1001', TODAY)),
                               now=later, previous=first)
    found = samples(second)
    assert value(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='staging') == NOW
    assert value(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='prod') == later
    assert value(found, 'nxcloud_whatsapp_environment_up', environment='staging') == 0
    assert [labels['environment'] for labels in series_named(found, 'nxcloud_whatsapp_phone_info')] == ['prod']  # numbers not carried
    third = prometheus_report(errored_result('staging', 'code 1001', TODAY), now=later + 60, previous=second)
    assert value(samples(third), 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='staging') == NOW


@pytest.mark.parametrize('previous', [
    '', 'not metrics at all {{{', '\xff\xfe garbage',
    'nxcloud_whatsapp_environment_last_success_timestamp_seconds{environment="staging"} NaN\n',
    '# TYPE nxcloud_whatsapp_environment_last_success_timestamp_seconds gauge\n'
    'nxcloud_whatsapp_environment_last_success_timestamp_seconds{environment="staging"} x\n',
])
def test_a_previous_file_that_gives_no_time_carries_nothing_over(previous):
    found = samples(prometheus_report(errored_result('staging', 'code 1001', TODAY), now=NOW, previous=previous))
    assert series_named(found, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds') == []


def test_write_reports_carries_the_last_successful_read_over_from_the_file_it_replaces(tmp_path):
    read = combined(evaluate([phone('1')], today=TODAY, environment='staging'))
    write_reports(read, str(tmp_path), 'phone-compliance', ['prometheus'])
    before = value(samples((tmp_path / 'phone-compliance.prom').read_text(encoding='utf-8')),
                   'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='staging')
    write_reports(combined(errored_result('staging', 'code 1001', TODAY)), str(tmp_path), 'phone-compliance', ['prometheus'])
    after = samples((tmp_path / 'phone-compliance.prom').read_text(encoding='utf-8'))
    assert value(after, 'nxcloud_whatsapp_environment_last_success_timestamp_seconds', environment='staging') == before
    assert value(after, 'nxcloud_whatsapp_environment_up', environment='staging') == 0


@pytest.mark.parametrize('url', ['gwuser:s3cr3t-pw@gw:9091', 'http://gwuser:s3/cr3t-pw@gw:9091'])
def test_a_pushgateway_password_is_hidden_however_the_url_is_written(url):
    try:
        gateway = Pushgateway(url)
    except ComplianceInputError as error:
        shown = str(error)
    else:
        shown = gateway.shown_url
        assert any('cr3t-pw' in secret for secret in gateway.secrets())
    assert 'cr3t-pw' not in shown and '***@' in shown
