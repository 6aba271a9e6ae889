# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading many apps at once: the pool is bounded, results keep the apps' order, one app's failure stays its own."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudAPIError
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._app_reads import AppRead, AppSpec, app_specs, hosts_from_reads, read_apps

PARAMS = {'access_key': 'AK', 'access_secret': 'SK-never-shown'}


class RecordingClients(object):
    """A client factory whose clients answer after a short wait and record how many run at once."""

    def __init__(self, answers, delay=0.02):
        self.answers = answers
        self.delay = delay
        self.lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0
        self.calls = []

    def __call__(self, params, warn):
        assert params['appkey'] and params['access_secret'] == 'SK-never-shown'
        factory = self

        class Client(object):
            def get_phones(self, appkey, numbers):
                with factory.lock:
                    factory.running += 1
                    factory.most_at_once = max(factory.most_at_once, factory.running)
                    factory.calls.append(appkey)
                try:
                    time.sleep(factory.delay)
                    answer = factory.answers[appkey]
                    if isinstance(answer, Exception):
                        raise answer
                    warn('a warning of %s' % appkey)
                    return answer, [], []
                finally:
                    with factory.lock:
                        factory.running -= 1
        return Client()


def specs(count):
    return [AppSpec('app-%02d' % index, 'env-%02d' % index, []) for index in range(count)]


def test_the_pool_is_bounded_by_its_width_and_every_app_is_read_once():
    clients = RecordingClients(dict(('app-%02d' % index, [{'number': str(index)}]) for index in range(12)))
    reads = read_apps(PARAMS, specs(12), 3, client_factory=clients)
    assert sorted(clients.calls) == ['app-%02d' % index for index in range(12)]
    assert clients.most_at_once == 3


def test_apps_are_read_at_the_same_time():
    clients = RecordingClients(dict(('app-%02d' % index, []) for index in range(6)), delay=0.1)
    read_apps(PARAMS, specs(6), 6, client_factory=clients)
    assert clients.most_at_once == 6


def test_width_one_reads_one_after_the_other():
    clients = RecordingClients(dict(('app-%02d' % index, []) for index in range(4)))
    read_apps(PARAMS, specs(4), 1, client_factory=clients)
    assert clients.most_at_once == 1


def test_results_keep_the_order_of_the_apps_and_a_failure_stays_with_its_app():
    answers = dict(('app-%02d' % index, [{'number': str(index)}]) for index in range(5))
    answers['app-02'] = NxCloudAPIError(1003, 'Signature error', 'getPhone')
    reads = read_apps(PARAMS, specs(5), 4, client_factory=RecordingClients(answers))
    assert [read.spec.appkey for read in reads] == ['app-%02d' % index for index in range(5)]
    assert [read.error is not None for read in reads] == [False, False, True, False, False]
    assert reads[2].phones == [] and 'result code 1003' in reads[2].error.message
    assert reads[3].phones == [{'number': '3'}] and reads[3].warnings == ['a warning of app-03']


def test_hosts_from_reads_one_host_per_number_first_app_wins_and_a_duplicate_is_noted():
    prod = AppRead(AppSpec('k-prod', 'prod', []), phones=[{'number': '1', 'status': 'CONNECTED'}, {'number': '2'}])
    staging = AppRead(AppSpec('k-staging', 'staging', []), phones=[{'number': '2', 'status': 'FLAGGED'}])
    broken = AppRead(AppSpec('k-dev', 'dev', []), error=NxCloudAPIError(1000, 'no', 'getPhone'))
    hosts, notes = hosts_from_reads([prod, broken, staging])
    assert list(hosts) == ['1', '2']
    assert hosts['1'].variables == {'nxcloud_number': '1', 'nxcloud_status': 'CONNECTED', 'nxcloud_environment': 'prod', 'nxcloud_appkey': 'k-prod'}
    assert hosts['2'].environments == ['prod', 'staging']
    assert hosts['2'].variables['nxcloud_appkey'] == 'k-prod'
    assert notes == ['number 2 is in 2 apps (environments prod, staging): it is one host in each of their groups, '
                     'with the variables read from environment prod']


def test_a_read_survives_the_cache_round_trip():
    read = AppRead(AppSpec('k', 'prod', ['1']), phones=[{'number': '1', 'x': [1]}], missing=[])
    again = AppRead.from_data(read.as_data())
    assert (again.spec.as_data(), again.phones, again.missing) == (read.spec.as_data(), read.phones, read.missing)


def test_no_apps_means_the_default_appkey():
    assert [spec.as_data() for spec in app_specs([], 'appkey-x')] == [{'appkey': 'appkey-x', 'environment': 'appkey-x', 'business_phones': []}]
    with pytest.raises(ValueError, match='NXCLOUD_APPKEY'):
        app_specs(None, ' ')
