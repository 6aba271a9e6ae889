# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import os

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import (
    ENVIRONMENT_FALLBACKS,
    check_common_params,
    common_argument_spec,
    explain_missing_options,
    misfit_option_types,
    url_passwords,
)
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._version import COLLECTION_VERSION

COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))


def valid_params(**changes):
    params = dict(access_key='ak', access_secret='sk', appkey='app', api_url='https://api2.nxcloud.com', sign_algorithm='md5',
                  timeout=30, retries=3, validate_certs=True, ca_path=None, proxy_url=None, max_response_mb=64)
    params.update(changes)
    return params


def test_every_option_has_an_environment_fallback_named_in_the_table():
    spec = common_argument_spec()
    assert set(spec) == set(ENVIRONMENT_FALLBACKS)
    for name, option in spec.items():
        assert option['fallback'][1] == [ENVIRONMENT_FALLBACKS[name]]


def test_only_the_secret_is_no_log():
    spec = common_argument_spec()
    assert [name for name, option in spec.items() if option.get('no_log')] == ['access_secret']


def test_valid_params_pass():
    check_common_params(valid_params())


@pytest.mark.parametrize('changes, words', [
    (dict(api_url='api2.nxcloud.com'), "api_url 'api2.nxcloud.com' is not an http(s) URL"),
    (dict(api_url='ftp://host'), 'is not an http(s) URL'),
    (dict(api_url='https://user:pw@'), "api_url 'https://***@' is not"),
    (dict(timeout=0), 'timeout must be a number of seconds from 1 to 600'),
    (dict(timeout=10 ** 12), 'timeout must be a number of seconds from 1 to 600'),
    (dict(retries=-1), 'retries must be from 0 to 10, not -1'),
    (dict(retries=10 ** 30), 'retries must be from 0 to 10'),
    (dict(max_response_mb=0), 'max_response_mb must be a number of MiB from 1 to 4096'),
    (dict(api_url='https://api2.nxcloud.com/?x=1'), 'has a query or a fragment'),
    (dict(api_url='https://api2.nxcloud.com#top'), 'has a query or a fragment'),
    (dict(api_url='https://api2.nxcloud.com?'), 'has a query or a fragment'),
    (dict(api_url='puser:pass@host:3128'), "api_url '***@host:3128' is not an http(s) URL"),
    (dict(proxy_url='puser:pass@host:3128'), "proxy_url '***@host:3128' is not a proxy URL"),
    (dict(ca_path='/nonexistent/ca.pem'), 'ca_path /nonexistent/ca.pem is not a file'),
    (dict(appkey='  '), 'appkey is empty; set it, or the environment variable NXCLOUD_APPKEY'),
    (dict(access_key=u'AK\u2019s'), 'access_key has characters other than printable ASCII'),
    (dict(access_key='AK 1'), 'access_key has characters other than printable ASCII'),
    (dict(proxy_url='proxy:3128'), "proxy_url 'proxy:3128' is not a proxy URL"),
    (dict(proxy_url='http://user:pw@'), "proxy_url 'http://***@' is not a proxy URL"),
])
def test_unusable_values_are_explained(changes, words):
    with pytest.raises(ValueError) as info:
        check_common_params(valid_params(**changes))
    assert words in str(info.value)


def test_passwords_in_urls_are_collected_for_masking():
    params = valid_params(api_url='https://gw:apipass@gw.example', proxy_url='http://me:proxypass@proxy:3128')
    forms = url_passwords(params)
    assert {'apipass', 'proxypass', 'gw:apipass', 'me:proxypass'} <= set(forms)
    assert url_passwords(valid_params()) == []


def test_basic_auth_forms_of_url_credentials_are_collected_for_masking():
    # requests sends URL userinfo as HTTP Basic auth; an echoed Authorization header shows this base64 text.
    forms = url_passwords(valid_params(proxy_url='puser:p%40ss@proxy:3128'))
    assert base64.b64encode(b'puser:p@ss').decode('ascii') in forms
    assert 'p@ss' in forms and 'p%40ss' in forms
    assert 'puser' not in forms


@pytest.mark.parametrize('args, expected', [
    (dict(access_secret=['s', 'k']), ['access_secret must be a string, not a list']),
    (dict(api_url={'a': 1}), ['api_url must be a string, not a mapping']),
    (dict(ca_path=123), ['ca_path must be a path (a string), not an integer']),
    (dict(appkey=12345, access_key='ak', timeout='7'), []),
    (dict(access_key=True), ['access_key must be a string, not a boolean']),
])
def test_values_ansible_would_turn_into_text_are_refused_by_type_without_showing_them(args, expected):
    assert misfit_option_types(common_argument_spec(), args) == expected


def test_user_agent_version_matches_galaxy_yml():
    with open(os.path.join(COLLECTION_ROOT, 'galaxy.yml')) as handle:
        versions = [line.split(':', 1)[1].strip() for line in handle if line.startswith('version:')]
    assert versions == [COLLECTION_VERSION]


def test_missing_credentials_name_their_environment_variables_and_the_action_group():
    message = explain_missing_options('missing required arguments: access_key, access_secret')
    assert message.startswith('missing required arguments: access_key, access_secret. To fix:')
    assert 'NXCLOUD_ACCESS_KEY, NXCLOUD_ACCESS_SECRET' in message
    assert 'module_defaults for the action group group/nxcloud.whatsapp.nxcloud' in message


@pytest.mark.parametrize('message', [
    'missing required arguments: something_else',
    'timeout must be a positive number of seconds, not 0',
    '',
])
def test_other_messages_are_left_as_they_are(message):
    assert explain_missing_options(message) == message
