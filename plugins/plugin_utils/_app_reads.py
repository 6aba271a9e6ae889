# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Many NxCloud apps read at once, and their numbers turned into hosts: the body of the inventory plugin.

One getPhone request per app (never one per number), made by a bounded pool of threads. Each app
has a client of its own (its own session, retries, timeout and warnings), so one slow or failing
app changes nothing for the others, and results come back in the order the apps were given,
whatever order the requests finished in. Plain Python and plain data: the plugin
(plugins/inventory/phones.py) turns them into Ansible's hosts, groups and warnings.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import client_from_params
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudError
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import normalise_business_phones

APP_KEYS = ('appkey', 'environment', 'business_phones')
VARIABLE_PREFIX = 'nxcloud_'


class AppSpec(object):
    """One app to read: its key, the environment it stands for, the numbers asked for (empty: all)."""

    def __init__(self, appkey, environment, numbers):
        self.appkey = appkey
        self.environment = environment
        self.numbers = numbers

    def as_data(self):
        return {'appkey': self.appkey, 'environment': self.environment, 'business_phones': list(self.numbers)}


class AppRead(object):
    """What reading one app gave: its phones and missing numbers, or the error; the warnings either way."""

    def __init__(self, spec, phones=None, missing=None, warnings=None, error=None):
        self.spec = spec
        self.phones = phones or []
        self.missing = missing or []
        self.warnings = warnings or []
        self.error = error

    def as_data(self):
        """Return the read as JSON-ready data (what the inventory cache keeps); only for a read that succeeded."""
        return {'app': self.spec.as_data(), 'phones': self.phones, 'missing': self.missing}

    @classmethod
    def from_data(cls, data):
        app = data['app']
        return cls(AppSpec(app['appkey'], app['environment'], app['business_phones']), phones=data['phones'], missing=data['missing'])


def app_specs(apps, default_appkey):
    """Return the AppSpecs of the ``apps`` option, or of ``default_appkey`` when there are none.

    Raises ValueError with a message that names the entry and says what to write instead.
    """
    if apps is None or apps == []:
        if not default_appkey or not default_appkey.strip():
            raise ValueError('no app to read: list the apps in the apps option ({appkey: ..., environment: ...} each), '
                             'or set appkey or the environment variable NXCLOUD_APPKEY for a single app')
        return [AppSpec(default_appkey, default_appkey, [])]
    if not isinstance(apps, list):
        raise ValueError('apps must be a list of {appkey: ..., environment: ...} entries, not %s' % type(apps).__name__)
    specs = []
    for index, entry in enumerate(apps):
        where = 'apps[%d]' % index
        if not isinstance(entry, Mapping):
            raise ValueError('%s is %r; each app is a mapping such as {appkey: appkey-prod, environment: prod}' % (where, entry))
        unknown = sorted(str(key) for key in entry if key not in APP_KEYS)
        if unknown:
            raise ValueError('%s has unknown keys %s; an app takes %s' % (where, ', '.join(unknown), ', '.join(APP_KEYS)))
        appkey = entry.get('appkey')
        if not isinstance(appkey, str) or not appkey.strip():
            raise ValueError('%s has no appkey (a non-empty string); give the key of the WhatsApp app in NxCloud' % where)
        environment = entry.get('environment')
        if environment is None:
            environment = appkey
        if not isinstance(environment, str) or not environment.strip():
            raise ValueError('%s has environment %r; give a non-empty name such as prod, or leave it out to use the appkey' % (where, environment))
        try:
            numbers = normalise_business_phones(entry.get('business_phones'))
        except ValueError as exc:
            raise ValueError('%s: %s' % (where, exc))
        specs.append(AppSpec(appkey, environment, numbers))
    seen = {}
    for spec in specs:
        if spec.appkey in seen:
            raise ValueError('appkey %s is listed twice in apps (environments %s and %s); list each app once, with business_phones '
                             'to narrow it' % (spec.appkey, seen[spec.appkey], spec.environment))
        seen[spec.appkey] = spec.environment
    return specs


def read_app(params, spec, client_factory=client_from_params):
    """Read one app with a client of its own; return an AppRead (never raises for a failed call)."""
    warnings = []
    client = None
    try:
        client = client_factory(dict(params, appkey=spec.appkey), warn=warnings.append)
        phones, missing, notes = client.get_phones(spec.appkey, spec.numbers)
    except NxCloudError as exc:
        return AppRead(spec, warnings=warnings, error=exc)
    finally:
        _close_connections(client)
    return AppRead(spec, phones=phones, missing=missing, warnings=warnings + list(notes))


def _close_connections(client):
    # Each app has its own session: close it once read, or hundreds of apps leave hundreds of sockets
    # for the garbage collector (and a ResourceWarning each).
    close = getattr(getattr(getattr(client, 'transport', None), 'session', None), 'close', None)
    if close is not None:
        close()


def read_apps(params, specs, width, client_factory=client_from_params):
    """Read every app, at most ``width`` at a time; return their AppReads in the order of ``specs``."""
    if len(specs) == 1 or width == 1:
        return [read_app(params, spec, client_factory) for spec in specs]
    with ThreadPoolExecutor(max_workers=min(width, len(specs)), thread_name_prefix='nxcloud-app') as pool:
        return list(pool.map(lambda spec: read_app(params, spec, client_factory), specs))


def failure_message(read):
    """Return the message of a failed read: the module's own message, naming the app's environment."""
    return 'could not read the numbers of environment %s (appkey %s): %s' % (read.spec.environment, read.spec.appkey, read.error.message)


def host_variables(phone, spec):
    """Return the variables of a number's host: every field phone_info returns, prefixed, and where it was read."""
    variables = dict((VARIABLE_PREFIX + key, value) for key, value in phone.items())
    variables[VARIABLE_PREFIX + 'environment'] = spec.environment
    variables[VARIABLE_PREFIX + 'appkey'] = spec.appkey
    return variables


class NumberHost(object):
    """A number as a host: its variables (from the first app that holds it) and every app and environment that holds it."""

    def __init__(self, number, variables, spec):
        self.number = number
        self.variables = variables
        self.environments = [spec.environment]
        self.appkeys = [spec.appkey]


def hosts_from_reads(reads):
    """Return ``(hosts, notes)``: the NumberHosts of the successful reads, by number in reading order, and warnings.

    A number in several apps is one host in each of their environments; its variables are those
    of the first app listed, and a note says so.
    """
    hosts = {}
    notes = []
    for read in reads:
        if read.error is not None:
            continue
        for number in read.missing:
            notes.append('environment %s: the service did not return the requested number %s; it is not in the inventory'
                         % (read.spec.environment, number))
        for phone in read.phones:
            host = hosts.get(phone['number'])
            if host is None:
                hosts[phone['number']] = NumberHost(phone['number'], host_variables(phone, read.spec), read.spec)
                continue
            host.appkeys.append(read.spec.appkey)
            if read.spec.environment not in host.environments:
                host.environments.append(read.spec.environment)
    for host in hosts.values():
        if len(host.appkeys) > 1:
            notes.append('number %s is in %d apps (environments %s): it is one host in each of their groups, with the '
                         'variables read from environment %s' % (host.number, len(host.appkeys), ', '.join(host.environments),
                                                                 host.environments[0]))
    return hosts, notes
