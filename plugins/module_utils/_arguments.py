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
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import DEFAULT_MAX_RESPONSE_MB, Transport, credential_forms, redact_url

# Bounds of the numeric options: past them a value is a typo, and would overflow a timer.
TIMEOUT_MAX_SECONDS = 600
RETRIES_MAX = 10
MAX_RESPONSE_MB_MAX = 4096

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
    'max_response_mb': 'NXCLOUD_MAX_RESPONSE_MB',
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
        'timeout': _option('timeout', type='int', default=15),
        'retries': _option('retries', type='int', default=2),
        'max_response_mb': _option('max_response_mb', type='int', default=DEFAULT_MAX_RESPONSE_MB),
        'validate_certs': _option('validate_certs', type='bool', default=True),
        'ca_path': _option('ca_path', type='path'),
        'proxy_url': _option('proxy_url', type='str'),
    }


def misfit_option_types(spec, args, names=None):
    """Return a message for each option of ``args`` given a value of a type its ``spec`` would silently turn into text.

    Ansible converts anything to a ``str`` option, so a secret given as a list would be signed as
    its Python text and a directory given as 123 would become "123". Text options take strings
    (and integers, whose text is the same digits); path options take strings only. Values are never
    quoted: they may be secrets. ``names`` maps an option to the name its message gives (the role
    variable it was set from), else the option's own name is given.
    """
    messages = []
    for name in sorted(args):
        value = args[name]
        wanted = (spec.get(name) or {}).get('type')
        if value is None or isinstance(value, str) or wanted not in ('str', 'path'):
            continue
        if wanted == 'str' and isinstance(value, int) and not isinstance(value, bool):
            continue
        messages.append('%s must be %s, not %s' % ((names or {}).get(name, name), 'a string' if wanted == 'str' else 'a path (a string)', _json_type(value)))
    return messages


def _json_type(value):
    if isinstance(value, bool):
        return 'a boolean'
    if isinstance(value, int):
        return 'an integer'
    if isinstance(value, float):
        return 'a number'
    if isinstance(value, dict):
        return 'a mapping'
    if isinstance(value, (list, tuple, set)):
        return 'a list'
    return 'a %s' % type(value).__name__


def check_common_params(params):
    """Raise ValueError with a user's message when a shared option has an unusable value."""
    url = urlsplit(params['api_url'] or '')
    if url.scheme not in ('http', 'https') or not url.hostname:
        raise ValueError('api_url %r is not an http(s) URL; set it to the base URL of the API, e.g. %s'
                         % (redact_url(params['api_url']), DEFAULT_API_URL))
    if url.query or url.fragment or '?' in params['api_url'] or '#' in params['api_url']:
        raise ValueError('api_url %r has a query or a fragment ("?..." or "#..."); set it to the base URL of the API only, e.g. %s '
                         '(the module appends /api/wa/<action>)' % (redact_url(params['api_url']), DEFAULT_API_URL))
    if params['proxy_url']:
        proxy = urlsplit(params['proxy_url'])
        if proxy.scheme not in ('http', 'https', 'socks5', 'socks5h') or not proxy.hostname:
            raise ValueError('proxy_url %r is not a proxy URL; set it as http://host:port (or https://, socks5://)'
                             % redact_url(params['proxy_url']))
    if not 0 < params['timeout'] <= TIMEOUT_MAX_SECONDS:
        raise ValueError('timeout must be a number of seconds from 1 to %d (it bounds each whole attempt), not %s; set it in that range'
                         % (TIMEOUT_MAX_SECONDS, params['timeout']))
    if not 0 <= params['retries'] <= RETRIES_MAX:
        raise ValueError('retries must be from 0 to %d, not %s; set it in that range' % (RETRIES_MAX, params['retries']))
    if not 0 < params['max_response_mb'] <= MAX_RESPONSE_MB_MAX:
        raise ValueError('max_response_mb must be a number of MiB from 1 to %d, not %s; set it in that range'
                         % (MAX_RESPONSE_MB_MAX, params['max_response_mb']))
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
    """Return the credentials written in api_url or proxy_url, which must be masked like secrets.

    Every form counts: the password as written and decoded, ``user:password``, and the base64 of
    the HTTP Basic auth header requests makes of it, which a server or proxy may echo. A URL
    written without a scheme (``user:pass@host:3128``) counts too.
    """
    forms = []
    for name in ('api_url', 'proxy_url'):
        forms.extend(credential_forms(params.get(name)))
    return sorted(set(forms))


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
        max_response_bytes=params['max_response_mb'] * 1024 * 1024,
    )
    return NxCloudClient(transport, params['access_key'], params['access_secret'],
                         api_url=params['api_url'], sign_algorithm=params['sign_algorithm'])
