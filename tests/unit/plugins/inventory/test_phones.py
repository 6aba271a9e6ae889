# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory plugin nxcloud.whatsapp.phones over a scripted HTTP exchange, one script per app.

The plugin is loaded by Ansible's own plugin loader and parses a real configuration file into a
real InventoryData, so options, environment fallbacks, doc fragments, constructed features and
the cache are Ansible's own; only the HTTP answers are scripted.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import yaml

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.template import Templar
from ansible.utils.unsafe_proxy import AnsibleUnsafe

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 templates every string it is given
    trust_as_template = None

from ansible_collections.nxcloud.whatsapp.plugins.inventory import phones as phones_plugin
from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _transport
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse, ScriptedSessionsByApp, ok_answer

SECRET = 'SK-inventory-unit-secret-0815'


def phone(display, **fields):
    result = {'display_phone_number': display, 'verified_name': 'Acme', 'quality_rating': 'GREEN', 'name_status': 'APPROVED',
              'status': 'CONNECTED', 'current_limit': 'TIER_1K', 'code_verification_status': 'VERIFIED'}
    result.update(fields)
    return result


PROD = {'8613800138000': [phone('+86 138 0013 8000')], '61491570156': [phone('+61 491 570 156', quality_rating='RED', status='FLAGGED')]}
STAGING = {'12025550143': [phone('+1 202-555-0143', quality_rating='YELLOW')]}
TWO_APPS = [{'appkey': 'appkey-prod', 'environment': 'prod'}, {'appkey': 'appkey-staging', 'environment': 'staging'}]


class Warnings(object):
    def __init__(self):
        self.texts = []

    def warning(self, text, *args, **kwargs):
        self.texts.append(text)

    def vvv(self, text, *args, **kwargs):
        pass


@pytest.fixture
def service(monkeypatch):
    """Script the answers per app; returns a function taking {appkey: [answers]}; checks every script was used up."""
    for name in list(_ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('NXCLOUD_ACCESS_KEY', 'AK-INV-1')
    monkeypatch.setenv('NXCLOUD_ACCESS_SECRET', SECRET)
    monkeypatch.setattr(_transport.time, 'sleep', lambda seconds: None)
    holder = {}

    def script(scripts):
        holder['session'] = ScriptedSessionsByApp(scripts)
        monkeypatch.setattr(_transport, 'watched_session', lambda watch: holder['session'])
        return holder['session']

    yield script
    if 'session' in holder:
        holder['session'].assert_finished()


_ENVIRONMENT = ('NXCLOUD_ACCESS_KEY', 'NXCLOUD_ACCESS_SECRET', 'NXCLOUD_APPKEY', 'NXCLOUD_API_URL', 'NXCLOUD_RETRIES', 'NXCLOUD_TIMEOUT',
                'NXCLOUD_PROXY_URL', 'NXCLOUD_CA_PATH', 'NXCLOUD_VALIDATE_CERTS', 'NXCLOUD_SIGN_ALGORITHM')


@pytest.fixture
def display(monkeypatch):
    shown = Warnings()
    monkeypatch.setattr(phones_plugin, 'display', shown)
    return shown


def parse(tmp_path, name='numbers.nxcloud.yml', **config):
    """Parse a configuration file with the plugin; return the InventoryData."""
    config = dict({'plugin': 'nxcloud.whatsapp.phones', 'api_url': 'https://nx.test'}, **config)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(config))
    inventory = InventoryData()
    plugin = inventory_loader.get('nxcloud.whatsapp.phones')
    assert plugin.verify_file(str(path))
    plugin.parse(inventory, DataLoader(), str(path), cache=True)
    # As Ansible's InventoryManager does after a parse: a plugin without a cache has nothing to update.
    try:
        plugin.update_cache_if_changed()
    except AttributeError:
        pass
    return inventory


def playbook_template(text):
    """Return ``text`` as a template written in a playbook: trusted on ansible-core >= 2.19, plain text before."""
    return trust_as_template(text) if trust_as_template else text


def host_names(inventory, group):
    return sorted(host.name for host in inventory.groups[group].get_hosts())


def test_file_names_it_reads(tmp_path):
    plugin = inventory_loader.get('nxcloud.whatsapp.phones')
    for name, wanted in (('numbers.nxcloud.yml', True), ('x.nxcloud.yaml', True), ('numbers.yml', False), ('nxcloud.yml.bak', False)):
        path = tmp_path / name
        path.write_text('plugin: nxcloud.whatsapp.phones\n')
        assert plugin.verify_file(str(path)) is wanted, name


def test_two_apps_one_request_each_numbers_as_hosts_in_environment_groups(tmp_path, service, display):
    session = service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(STAGING)]})
    inventory = parse(tmp_path, apps=TWO_APPS)
    assert host_names(inventory, 'prod') == ['61491570156', '8613800138000']
    assert host_names(inventory, 'staging') == ['12025550143']
    assert sorted(request['appkey'] for request in session.requests) == ['appkey-prod', 'appkey-staging']
    # One request per app, never one per number: no business_phones asked for.
    assert all(b'business_phones' not in request['data'] for request in session.requests)
    host = inventory.get_host('61491570156').get_vars()
    assert host['nxcloud_number'] == '61491570156'
    assert host['nxcloud_quality_rating'] == 'RED'
    assert host['nxcloud_status'] == 'FLAGGED'
    assert host['nxcloud_display_phone_number'] == '+61 491 570 156'
    assert host['nxcloud_environment'] == 'prod'
    assert host['nxcloud_appkey'] == 'appkey-prod'
    assert host['nxcloud_environments'] == ['prod']
    assert host['ansible_connection'] == 'local'
    assert inventory.groups['all'].get_vars()['nxcloud_unread_environments'] == []
    assert display.texts == []


def test_environment_defaults_to_the_appkey_and_is_made_a_valid_group_name(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(STAGING)]})
    inventory = parse(tmp_path, apps=[{'appkey': 'appkey-prod'}, {'appkey': 'appkey-staging', 'environment': 'eu west/2'}])
    assert host_names(inventory, 'appkey_prod') == ['61491570156', '8613800138000']
    assert host_names(inventory, 'eu_west_2') == ['12025550143']
    assert inventory.get_host('12025550143').get_vars()['nxcloud_environment'] == 'eu west/2'


def test_without_apps_the_app_of_nxcloud_appkey_is_read(tmp_path, service, display, monkeypatch):
    monkeypatch.setenv('NXCLOUD_APPKEY', 'appkey-staging')
    service({'appkey-staging': [ok_answer(STAGING)]})
    inventory = parse(tmp_path)
    assert host_names(inventory, 'appkey_staging') == ['12025550143']


def test_business_phones_narrow_an_app_and_missing_ones_are_warned(tmp_path, service, display):
    session = service({'appkey-prod': [ok_answer({'8613800138000': PROD['8613800138000']})]})
    inventory = parse(tmp_path, apps=[{'appkey': 'appkey-prod', 'environment': 'prod', 'business_phones': ['+86 138-0013-8000', 14155550123]}])
    assert json.loads(session.requests[0]['data'].decode())['business_phones'] == '8613800138000,14155550123'
    assert host_names(inventory, 'prod') == ['8613800138000']
    assert any('did not return the requested number 14155550123' in text for text in display.texts)


def test_keyed_groups_compose_and_groups(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(STAGING)]})
    inventory = parse(tmp_path, apps=TWO_APPS,
                      keyed_groups=[{'key': 'nxcloud_quality_rating', 'prefix': 'quality'}, {'key': 'nxcloud_status', 'prefix': 'status'}],
                      groups={'at_risk': "nxcloud_quality_rating != 'GREEN'"},
                      compose={'ansible_connection': "'ssh'", 'label': "nxcloud_environment ~ '-' ~ nxcloud_number"})
    assert host_names(inventory, 'quality_RED') == ['61491570156']
    assert host_names(inventory, 'quality_YELLOW') == ['12025550143']
    assert host_names(inventory, 'status_FLAGGED') == ['61491570156']
    assert host_names(inventory, 'at_risk') == ['12025550143', '61491570156']
    host = inventory.get_host('61491570156').get_vars()
    assert host['ansible_connection'] == 'ssh'
    assert host['label'] == 'prod-61491570156'


def test_a_number_in_two_apps_is_one_host_in_both_groups_with_a_warning(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(dict(STAGING, **{'8613800138000': [phone('+86 138 0013 8000')]}))]})
    inventory = parse(tmp_path, apps=TWO_APPS)
    assert '8613800138000' in host_names(inventory, 'prod') and '8613800138000' in host_names(inventory, 'staging')
    host = inventory.get_host('8613800138000').get_vars()
    assert host['nxcloud_environment'] == 'prod'
    assert host['nxcloud_environments'] == ['prod', 'staging']
    assert [text for text in display.texts if '8613800138000 is in 2 apps (environments prod, staging)' in text]


def test_a_failed_app_fails_the_source_with_the_modules_message_naming_its_environment(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(None, code=1003, message='Signature error')]})
    with pytest.raises(AnsibleParserError) as failure:
        parse(tmp_path, apps=TWO_APPS)
    message = str(failure.value)
    assert 'environment staging (appkey appkey-staging)' in message
    assert 'result code 1003 (the signature is invalid)' in message and 'To fix: check access_secret' in message
    assert SECRET not in message


def test_with_fail_on_app_error_false_a_failed_app_is_skipped_and_reported(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [FakeResponse(404, b'not here', reason='Not Found')]})
    inventory = parse(tmp_path, apps=TWO_APPS, fail_on_app_error=False, retries=0)
    assert host_names(inventory, 'prod') == ['61491570156', '8613800138000']
    assert 'staging' not in inventory.groups
    assert inventory.groups['all'].get_vars()['nxcloud_unread_environments'] == ['staging']
    skipped = [text for text in display.texts if 'skipping an app' in text]
    assert len(skipped) == 1 and 'environment staging' in skipped[0] and 'HTTP 404' in skipped[0]


def test_with_fail_on_app_error_false_no_app_read_at_all_still_fails(tmp_path, service, display):
    service({'appkey-prod': [ok_answer(None, code=1000)], 'appkey-staging': [ok_answer(None, code=1000)]})
    with pytest.raises(AnsibleParserError, match='no app could be read'):
        parse(tmp_path, apps=TWO_APPS, fail_on_app_error=False)


def test_each_app_keeps_its_own_retries_and_their_warnings_name_it(tmp_path, service, display):
    service({'appkey-prod': [FakeResponse(503, b''), ok_answer(PROD)], 'appkey-staging': [ok_answer(STAGING)]})
    inventory = parse(tmp_path, apps=TWO_APPS, retries=1)
    assert host_names(inventory, 'prod') == ['61491570156', '8613800138000']
    assert [text for text in display.texts if 'environment prod: NxCloud getPhone attempt 1 of 2 failed (HTTP 503)' in text]


def test_service_values_stay_text_in_templates(tmp_path, service, display):
    service({'appkey-prod': [ok_answer({'8613800138000': [phone('+86 138 0013 8000', verified_name='Acme {{ 6 * 7 }}')]})]})
    inventory = parse(tmp_path, apps=TWO_APPS[:1])
    variables = inventory.get_host('8613800138000').get_vars()
    rendered = Templar(loader=DataLoader(), variables=variables).template(playbook_template('{{ nxcloud_verified_name }}'))
    assert rendered == 'Acme {{ 6 * 7 }}'


def test_values_without_braces_stay_plain_text_for_awx(tmp_path, service, display):
    # ansible-core < 2.19 writes each unsafe value as {"__ansible_unsafe": ...} in ansible-inventory's
    # JSON, which AWX imports as it is: only what could be a template is marked.
    service({'appkey-prod': [ok_answer({'8613800138000': [phone('+86 138 0013 8000', verified_name='Acme {{ 6 * 7 }}')]})]})
    variables = parse(tmp_path, apps=TWO_APPS[:1]).get_host('8613800138000').get_vars()
    assert not isinstance(variables['nxcloud_status'], AnsibleUnsafe)
    assert not isinstance(variables['nxcloud_display_phone_number'], AnsibleUnsafe)
    # ansible-core 2.19 and later need no marker (inventory values are never templates there).
    assert isinstance(variables['nxcloud_verified_name'], AnsibleUnsafe) or trust_as_template is not None


def test_cache_hit_makes_no_request(tmp_path, service, display):
    cache = dict(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    service({'appkey-prod': [ok_answer(PROD)], 'appkey-staging': [ok_answer(STAGING)]})
    first = parse(tmp_path, apps=TWO_APPS, **cache)
    # The scripts are used up: any request now fails the test.
    second = parse(tmp_path, apps=TWO_APPS, **cache)
    assert sorted(second.hosts) == sorted(first.hosts) == ['12025550143', '61491570156', '8613800138000']
    assert second.get_host('61491570156').get_vars()['nxcloud_quality_rating'] == 'RED'


def cut_reads(value):
    """Remove the reads from a cache file's JSON, wherever the cache plugin's own format puts the entry; say whether it did."""
    if isinstance(value, dict):
        if 'reads' in value:
            del value['reads']
            return True
        for key, item in value.items():
            if isinstance(item, str) and item.startswith('{'):  # ansible-core 2.19 keeps the entry as JSON text in __payload__
                inner = json.loads(item)
                if cut_reads(inner):
                    value[key] = json.dumps(inner)
                    return True
            elif cut_reads(item):
                return True
        return False
    if isinstance(value, list):
        return any(cut_reads(item) for item in value)
    return False


def test_a_truncated_cache_entry_is_a_miss(tmp_path, service, display):
    cache = dict(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    service({'appkey-prod': [ok_answer(PROD)] * 2})
    parse(tmp_path, apps=TWO_APPS[:1], **cache)
    written = [path for path in (tmp_path / 'cache').iterdir() if path.is_file()]
    assert len(written) == 1
    entry = json.loads(written[0].read_text())
    assert cut_reads(entry), 'the cache entry holds no reads: %r' % sorted(entry)  # as a truncated or foreign writer leaves it
    written[0].write_text(json.dumps(entry))
    inventory = parse(tmp_path, apps=TWO_APPS[:1], **cache)
    assert '8613800138000' in inventory.hosts


def test_cache_is_not_used_for_other_apps_nor_written_for_a_partial_read(tmp_path, service, display):
    cache = dict(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    service({'appkey-prod': [ok_answer(PROD)] * 3, 'appkey-staging': [ok_answer(None, code=9006), ok_answer(STAGING)]})
    parse(tmp_path, apps=TWO_APPS[:1], **cache)
    # Other apps than the cached ones: read again; staging fails, so nothing is cached.
    parse(tmp_path, apps=TWO_APPS, fail_on_app_error=False, **cache)
    inventory = parse(tmp_path, apps=TWO_APPS, fail_on_app_error=False, **cache)
    assert host_names(inventory, 'staging') == ['12025550143']


@pytest.mark.parametrize('apps, says', [
    # Ansible's configuration makes a single string a list of one.
    ('appkey-prod', r"apps\[0\] is 'appkey-prod'; each app is a mapping"),
    ([['appkey-prod']], r'apps\[0\] is'),
    ([{'environment': 'prod'}], r'apps\[0\] has no appkey'),
    ([{'appkey': 'a', 'enviroment': 'prod'}], r'apps\[0\] has unknown keys enviroment'),
    ([{'appkey': 'a', 'environment': ''}], r'apps\[0\] has environment'),
    ([{'appkey': 'a', 'business_phones': ['call me']}], r'apps\[0\]: business_phones entry'),
    ([{'appkey': 'a'}, {'appkey': 'a', 'environment': 'b'}], 'appkey a is listed twice'),
    ([], 'no app to read'),
])
def test_unusable_apps_fail_with_a_message_and_no_request(tmp_path, service, display, apps, says):
    service({})
    with pytest.raises(AnsibleParserError, match=says):
        parse(tmp_path, apps=apps)


@pytest.mark.parametrize('option, value, says', [
    ('max_concurrent_apps', 0, 'max_concurrent_apps must be 1 or more'),
    ('timeout', 0, 'timeout must be a number of seconds from 1 to 600'),
    ('api_url', 'nx.test', 'is not an http'),
])
def test_unusable_options_fail_with_a_message_and_no_request(tmp_path, service, display, option, value, says):
    service({})
    with pytest.raises(AnsibleParserError, match=says):
        parse(tmp_path, apps=TWO_APPS, **{option: value})


def test_connection_options_come_from_the_nxcloud_environment_variables(tmp_path, service, display, monkeypatch):
    monkeypatch.setenv('NXCLOUD_API_URL', 'https://gateway.test/nx')
    monkeypatch.setenv('NXCLOUD_RETRIES', '0')
    session = service({'appkey-prod': [FakeResponse(503, b'')]})
    path = tmp_path / 'env.nxcloud.yml'
    path.write_text(yaml.safe_dump({'plugin': 'nxcloud.whatsapp.phones', 'apps': TWO_APPS[:1]}))
    plugin = inventory_loader.get('nxcloud.whatsapp.phones')
    with pytest.raises(AnsibleParserError, match='1 attempt'):
        plugin.parse(InventoryData(), DataLoader(), str(path))
    assert session.requests[0]['url'] == 'https://gateway.test/nx/api/wa/getPhone'
    assert session.requests[0]['headers']['accessKey'] == 'AK-INV-1'


def test_a_missing_access_key_is_refused_before_any_request(tmp_path, service, display, monkeypatch):
    monkeypatch.delenv('NXCLOUD_ACCESS_KEY')
    service({})
    with pytest.raises(AnsibleError, match='access_key'):
        parse(tmp_path, apps=TWO_APPS)


@pytest.mark.parametrize('option, value, says', [
    ('access_secret', [SECRET, 'second'], 'access_secret must be a string, not a list'),
    ('access_secret', {'secret': SECRET}, 'access_secret must be a string, not a mapping'),
    ('api_url', ['https://user:%s@nx.test' % SECRET], 'api_url must be a string, not a list'),
])
def test_a_secret_bearing_option_of_the_wrong_type_is_refused_without_its_value(tmp_path, service, display, option, value, says):
    # Ansible's own message for such a value names the value, which would show the secret.
    session = service({})
    with pytest.raises(AnsibleParserError, match=says) as failure:
        parse(tmp_path, apps=TWO_APPS, **{option: value})
    assert SECRET not in str(failure.value)
    assert 'NXCLOUD_' in str(failure.value)
    assert session.requests == []
