# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The options every NxCloud module shares, and the client they configure.

The argument spec here mirrors the doc fragments nxcloud.whatsapp.auth and
nxcloud.whatsapp.connection; sanity's validate-modules checks that the two agree.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.six.moves.urllib.parse import urlsplit

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._client import DEFAULT_API_URL, USER_AGENT, NxCloudClient
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import Transport, redact_url

# Every environment variable a module reads, by option (the docs and the AWX credential type use these names).
ENVIRONMENT_FALLBACKS = {
    'access_key': 'NXCLOUD_ACCESS_KEY',
    'access_secret': 'NXCLOUD_ACCESS_SECRET',
    'appkey': 'NXCLOUD_APPKEY',
    'api_url': 'NXCLOUD_API_URL',
    'sign_algorithm': 'NXCLOUD_SIGN_ALGORITHM',
    'timeout': 'NXCLOUD_TIMEOUT',
    'retries': 'NXCLOUD_RETRIES',
    'validate_certs': 'NXCLOUD_VALIDATE_CERTS',
    'ca_path': 'NXCLOUD_CA_PATH',
    'proxy_url': 'NXCLOUD_PROXY_URL',
}


def _option(name, **spec):
    spec['fallback'] = (env_fallback, [ENVIRONMENT_FALLBACKS[name]])
    return spec


def common_argument_spec():
    """Return the argument spec of the shared auth and connection options."""
    return {
        'access_key': _option('access_key', type='str', required=True, no_log=False),
        'access_secret': _option('access_secret', type='str', required=True, no_log=True),
        'appkey': _option('appkey', type='str', required=True, no_log=False),
        'api_url': _option('api_url', type='str', default=DEFAULT_API_URL),
        'sign_algorithm': _option('sign_algorithm', type='str', default='md5', choices=['md5', 'sha256']),
        'timeout': _option('timeout', type='int', default=30),
        'retries': _option('retries', type='int', default=3),
        'validate_certs': _option('validate_certs', type='bool', default=True),
        'ca_path': _option('ca_path', type='path'),
        'proxy_url': _option('proxy_url', type='str'),
    }


def check_common_params(params):
    """Raise ValueError with a user's message when a shared option has an unusable value."""
    url = urlsplit(params['api_url'] or '')
    if url.scheme not in ('http', 'https') or not url.hostname:
        raise ValueError('api_url %r is not an http(s) URL; give the base URL of the API, e.g. %s'
                         % (redact_url(params['api_url']), DEFAULT_API_URL))
    if params['proxy_url']:
        proxy = urlsplit(params['proxy_url'])
        if proxy.scheme not in ('http', 'https', 'socks5', 'socks5h') or not proxy.hostname:
            raise ValueError('proxy_url %r is not a proxy URL; give it as http://host:port (or https://, socks5://)'
                             % redact_url(params['proxy_url']))
    if params['timeout'] <= 0:
        raise ValueError('timeout must be a positive number of seconds, not %s' % params['timeout'])
    if params['retries'] < 0:
        raise ValueError('retries must be 0 or more, not %s' % params['retries'])
    if params['ca_path'] and not os.path.isfile(params['ca_path']):
        raise ValueError('ca_path %s is not a file; give the path of a PEM file with the CA certificates' % params['ca_path'])
    for name in ('access_key', 'access_secret', 'appkey'):
        if not params[name].strip():
            raise ValueError('%s is empty; set it, or the environment variable %s' % (name, ENVIRONMENT_FALLBACKS[name]))
    # The access key travels in an HTTP header, which only carries printable ASCII.
    if not re.match(r'^[\x21-\x7e]+$', params['access_key']):
        raise ValueError('access_key has characters other than printable ASCII (spaces, quotes typed by an editor, '
                         'non-Latin letters); copy it again from the NxCloud console')


# AnsibleModule's message for required options that are not set (ansible.module_utils.common.validation).
_MISSING_REQUIRED = re.compile(r'^missing required arguments: (?P<names>[a-z_, ]+)$')
ACTION_GROUP = 'group/nxcloud.whatsapp.nxcloud'


def explain_missing_options(message):
    """Return AnsibleModule's "missing required arguments" message with where each option can come from, or ``message`` as it is.

    The other failures say what to do; this one, written by AnsibleModule, named the options only.
    """
    match = _MISSING_REQUIRED.match(message or '')
    names = [name.strip() for name in match.group('names').split(',')] if match else []
    if not names or any(name not in ENVIRONMENT_FALLBACKS for name in names):
        return message
    return ('%s. To fix: set %s on the task, in module_defaults for the action group %s (one place for every task of a play), '
            'or in the environment variable%s %s of the machine the module runs on'
            % (message, ', '.join(names), ACTION_GROUP, 's' if len(names) > 1 else '', ', '.join(ENVIRONMENT_FALLBACKS[name] for name in names)))


def url_passwords(params):
    """Return the passwords written in api_url or proxy_url, which must be masked like secrets."""
    passwords = []
    for name in ('api_url', 'proxy_url'):
        if params.get(name):
            try:
                password = urlsplit(params[name]).password
            except ValueError:
                password = None
            if password:
                passwords.append(password)
    return passwords


def client_from_params(params, warn):
    """Return an NxCloudClient configured by the shared options; ``warn`` receives retry warnings."""
    transport = Transport(
        timeout=params['timeout'],
        validate_certs=params['validate_certs'],
        ca_path=params['ca_path'],
        proxy_url=params['proxy_url'],
        user_agent=USER_AGENT,
        retries=params['retries'],
        warn=warn,
    )
    return NxCloudClient(transport, params['access_key'], params['access_secret'],
                         api_url=params['api_url'], sign_algorithm=params['sign_algorithm'])
