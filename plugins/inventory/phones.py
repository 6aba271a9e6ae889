# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: phones
short_description: Every WhatsApp Business number of NxCloud apps as a host
version_added: 0.2.0
description:
  - Reads the WhatsApp Business numbers of one or more NxCloud apps (one app per environment,
    usually) with the signed C(getPhone) API and makes each number a host, named by the number in
    digits, with the state that M(nxcloud.whatsapp.phone_info) returns as host variables prefixed
    C(nxcloud_) (C(nxcloud_status), C(nxcloud_quality_rating), C(nxcloud_verified_name), ...), plus
    C(nxcloud_environment), C(nxcloud_appkey) and C(nxcloud_environments).
  - One request per app, never one per number. The apps are read at the same time, at most
    O(max_concurrent_apps) at once; each keeps its own retries, timeout and errors.
  - Every number is in a group named after its app's environment (characters not allowed in a
    group name become V(_)). Further groups and variables come from O(keyed_groups), O(groups)
    and O(compose).
  - A number is not a machine to log in to, so every host gets C(ansible_connection=local), unless
    O(compose) sets another value.
  - Values the service sends are never templated. A display name such as C(Acme {{ 6 * 7 }})
    stays that text in every template, on every supported ansible-core; on ansible-core before
    2.19 every text with a brace is marked unsafe for this, the others (which no template can
    hide in) stay plain, so that AWX imports them as plain values.
  - "Reads files whose names end in C(nxcloud.yml) or C(nxcloud.yaml), with C(plugin: nxcloud.whatsapp.phones)."
author:
  - nxcloud.whatsapp maintainers (@nxcloud-whatsapp)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - nxcloud.whatsapp.auth
  - nxcloud.whatsapp.auth.plugins
  - nxcloud.whatsapp.connection
  - nxcloud.whatsapp.connection.plugins
options:
  plugin:
    description: The name of this plugin; it makes the file an inventory source of this plugin.
    type: str
    required: true
    choices: [nxcloud.whatsapp.phones]
  apps:
    description:
      - The NxCloud apps to read, one getPhone request each.
      - Each is a mapping with C(appkey) (required), C(environment) (the name of the group of its
        numbers; defaults to the appkey) and C(business_phones) (optional, a list of numbers that
        narrows the app to them, written as for M(nxcloud.whatsapp.phone_info)).
      - When empty, the single app of O(appkey) (E(NXCLOUD_APPKEY)) is read, with its appkey as
        the environment.
    type: list
    elements: dict
    default: []
  appkey:
    description:
      - The app read when O(apps) is empty. Ignored when O(apps) lists apps.
    type: str
    required: false
  max_concurrent_apps:
    description:
      - How many apps are read at the same time. Each app's request keeps its own O(timeout) and
        O(retries), so a slow or failing app holds up only its own place in the pool.
      - V(1) reads the apps one after the other.
    type: int
    default: 10
  fail_on_app_error:
    description:
      - What an app that cannot be read (credentials, network, result code, an answer that cannot
        be used) does to the inventory source.
      - V(true) fails the whole source with the error of that app, as M(nxcloud.whatsapp.phone_info)
        gives it, naming the app's environment; nothing is loaded.
      - V(false) warns with that error and skips the app, and the other apps load; the environments
        not read are listed in the variable C(nxcloud_unread_environments) of the C(all) group.
        When no app at all can be read, the source fails even so (an AWX sync that overwrites
        would otherwise delete every host).
      - A source that has skipped an app is not written to the inventory cache.
    type: bool
    default: true
notes:
  - A source that fails makes C(ansible-inventory) and C(ansible-playbook) warn and go on without
    it; set E(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) (AWX does this for inventory syncs) to make
    them stop instead.
  - The inventory cache keeps what the service answered for the apps; a change to O(apps) makes the
    next run read the service again.
  - The access key and the app keys are not secret and show in messages; O(access_secret) and
    signatures never do.
seealso:
  - module: nxcloud.whatsapp.phone_info
  - name: Inventory of numbers in AWX
    description: The collection's guide to this plugin as an AWX inventory source.
    link: https://github.com/nxcloud-whatsapp/nxcloud.whatsapp/blob/main/docs/docsite/rst/inventory.rst
'''

EXAMPLES = r'''
# inventory/numbers.nxcloud.yml: two apps, groups by quality rating and status, a cache.
# One YAML document, as an inventory file is; the smallest file is just
#   plugin: nxcloud.whatsapp.phones
# which reads the app of NXCLOUD_APPKEY.
#
# The credentials come from NXCLOUD_ACCESS_KEY and NXCLOUD_ACCESS_SECRET (and NXCLOUD_API_URL).
# In AWX: an inventory source "Sourced from a Project" pointing at this file, with a credential of
# the type in extensions/awx/credential_type_nxcloud.yml attached (it injects those variables),
# synced on a schedule; a smart inventory with the host filter groups__name=quality_RED, or a
# constructed inventory grouping on nxcloud_quality_rating == "RED", lists the numbers at risk.
plugin: nxcloud.whatsapp.phones
apps:
  - appkey: appkey-prod
    environment: prod
  - appkey: appkey-staging
    environment: staging
    # Only these numbers of the staging app.
    business_phones:
      - "+86 138-0013-8001"
      - "+1 202-555-0143"

# Groups quality_GREEN, quality_YELLOW, quality_RED, ... and status_CONNECTED, status_FLAGGED, ...
keyed_groups:
  - key: nxcloud_quality_rating
    prefix: quality
  - key: nxcloud_status
    prefix: status
groups:
  # Numbers Meta may restrict soon, whatever their environment.
  at_risk: nxcloud_quality_rating in ['RED', 'YELLOW'] or nxcloud_status != 'CONNECTED'
compose:
  # A label for messages and notifications: "prod +61 491 570 156".
  nxcloud_label: nxcloud_environment ~ ' ' ~ nxcloud_display_phone_number

# Keep the answers for an hour: runs within that time make no request.
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/nxcloud-inventory
cache_timeout: 3600

# A failing app is reported and skipped while the other loads (the default fails the source).
fail_on_app_error: false
max_concurrent_apps: 4
timeout: 15
retries: 2
'''

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.module_utils.basic import missing_required_lib
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import check_common_params, misfit_option_types, url_passwords
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import masked
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._app_reads import (
    AppRead,
    app_specs,
    failure_message,
    hosts_from_reads,
    read_apps,
)

display = Display()

CONNECTION_OPTIONS = ('access_key', 'access_secret', 'api_url', 'sign_algorithm', 'timeout', 'retries', 'max_response_mb', 'validate_certs', 'ca_path',
                      'proxy_url')
# Options whose value can hold a secret (the secret itself, passwords in URLs), with their environment variables.
SECRET_BEARING_OPTIONS = {'access_secret': 'NXCLOUD_ACCESS_SECRET', 'api_url': 'NXCLOUD_API_URL', 'proxy_url': 'NXCLOUD_PROXY_URL'}
# Bumped when the cached data changes shape, so an old cache entry is read as a miss.
CACHE_FORMAT = 1


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """The numbers of NxCloud apps as hosts, grouped by environment."""

    NAME = 'nxcloud.whatsapp.phones'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('nxcloud.yml', 'nxcloud.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        try:
            self._read_config_data(path)
        except AnsibleError as exc:
            raise AnsibleParserError(self._config_error(path, exc))
        if not HAS_REQUESTS:
            raise AnsibleParserError('%s: %s' % (self.NAME, missing_required_lib('requests')), orig_exc=REQUESTS_IMPORT_ERROR)

        params = dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS)
        width = self.get_option('max_concurrent_apps')
        try:
            specs = app_specs(self.get_option('apps'), self.get_option('appkey'))
            check_common_params(dict(params, appkey=specs[0].appkey))
            if width < 1:
                raise ValueError('max_concurrent_apps must be 1 or more, not %s' % width)
        except ValueError as exc:
            raise AnsibleParserError('%s: %s (in %s)' % (self.NAME, exc, path))

        reads = self._cached_reads(path, specs, cache)
        if reads is None:
            reads = read_apps(params, specs, width)
            self._report(reads, params)
            if self.get_option('cache') and not any(read.error for read in reads):
                self._cache[self.get_cache_key(path)] = {'format': CACHE_FORMAT, 'apps': [spec.as_data() for spec in specs],
                                                         'reads': [read.as_data() for read in reads]}
        self._populate(reads)

    def _config_error(self, path, exc):
        """Return the message of an option that Ansible's configuration refused, without the value of a secret-bearing option.

        Ansible names the value it could not convert (e.g. an access_secret written as a list), which
        would show the secret; such an option is named with the type it was given instead.
        """
        try:
            written = self.loader.load_from_file(path)
        except Exception:  # pylint: disable=broad-except
            written = None
        written = written if isinstance(written, dict) else {}
        for name in sorted(SECRET_BEARING_OPTIONS):
            misfits = misfit_option_types({name: {'type': 'str'}}, {name: written.get(name)})
            if misfits:
                return '%s: %s; set it to one text value, or leave it out and set %s (in %s)' % (self.NAME, misfits[0], SECRET_BEARING_OPTIONS[name], path)
        hide = url_passwords(written) + ([written['access_secret']] if written.get('access_secret') else [])
        return _masked('%s: %s' % (self.NAME, exc), hide)

    def _cached_reads(self, path, specs, cache):
        """Return the AppReads kept in the inventory cache for these very apps, or None on a miss."""
        if not (cache and self.get_option('cache')):
            return None
        try:
            kept = self._cache[self.get_cache_key(path)]
        except KeyError:
            return None
        if not isinstance(kept, dict) or kept.get('format') != CACHE_FORMAT or kept.get('apps') != [spec.as_data() for spec in specs]:
            return None
        try:
            reads = [AppRead.from_data(data) for data in kept['reads']]
        except (KeyError, TypeError, ValueError, AttributeError):  # a truncated or foreign cache entry: read the apps anew
            return None
        display.vvv('%s: the numbers of %d app(s) come from the inventory cache, no request made' % (self.NAME, len(specs)))
        return reads

    def _report(self, reads, params):
        """Show each app's warnings; fail the source, or warn and skip, for each app that could not be read."""
        # The secret too: a service that echoes it must not show it in a warning or the source's failure.
        hide = url_passwords(params) + ([params['access_secret']] if isinstance(params.get('access_secret'), str) else [])
        for read in reads:
            for warning in read.warnings:
                display.warning(_masked('%s: environment %s: %s' % (self.NAME, read.spec.environment, warning), hide))
        failed = [read for read in reads if read.error is not None]
        if not failed:
            return
        messages = [_masked(failure_message(read), hide) for read in failed]
        if self.get_option('fail_on_app_error'):
            raise AnsibleParserError('%s: %s' % (self.NAME, '; '.join(messages)))
        if len(failed) == len(reads):
            raise AnsibleParserError('%s: no app could be read, so the source fails even with fail_on_app_error false: %s'
                                     % (self.NAME, '; '.join(messages)))
        for message in messages:
            display.warning('%s: skipping an app (fail_on_app_error is false): %s' % (self.NAME, message))

    def _populate(self, reads):
        hosts, notes = hosts_from_reads(reads)
        for note in notes:
            display.warning('%s: %s' % (self.NAME, note))
        self.inventory.set_variable('all', 'nxcloud_unread_environments', [read.spec.environment for read in reads if read.error is not None])
        strict = self.get_option('strict')
        for number, host in hosts.items():
            self.inventory.add_host(number)
            for environment in host.environments:
                group = self.inventory.add_group(to_safe_group_name(environment, force=True, silent=True))
                self.inventory.add_child(group, number)
            variables = service_data(host.variables)
            variables['nxcloud_environments'] = list(host.environments)
            variables['ansible_connection'] = 'local'
            for name, value in variables.items():
                self.inventory.set_variable(number, name, value)
            self._set_composite_vars(self.get_option('compose'), variables, number, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, number, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, number, strict=strict)


def service_data(value):
    """Return the service's data with every text that Jinja could read as a template marked unsafe.

    Only texts holding a brace can be templates ({{ }}, {% %}, {# #}); the others stay plain, so
    that ansible-inventory writes them as plain values (ansible-core before 2.19 writes every unsafe
    value as {"__ansible_unsafe": ...}, which AWX imports as it is). Field names are marked too.
    """
    if isinstance(value, dict):
        return dict((service_data(key), service_data(item)) for key, item in value.items())
    if isinstance(value, list):
        return [service_data(item) for item in value]
    if isinstance(value, str) and ('{' in value or '}' in value):
        return wrap_var(value)
    return value


def _masked(text, hide):
    # Longest first (a secret that holds another is never half shown), as every front end masks.
    return masked(text, [value for value in hide if isinstance(value, str)])
