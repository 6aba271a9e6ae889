# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""nxcloud.whatsapp.phone_state: an Event-Driven Ansible source that watches an app's numbers.

It polls getPhone through the collection's own client (signing, transport, parsing, errors) and
turns the difference between two reads into events with the one comparison of
plugins/plugin_utils/_state/changes.py. ansible-rulebook runs this file by its path, where
``ansible_collections`` is not importable: the file puts the collections tree that holds it on
sys.path first (see _make_collection_importable).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import logging
import math
import os
import sys

DOCUMENTATION = r'''
---
short_description: Events when the WhatsApp Business numbers of an NxCloud app change
description:
  - An ansible-rulebook event source that reads the numbers of one NxCloud app (one environment) every O(interval) seconds
    through NxCloud's getPhone API and sends an event per number that was added, removed or changed.
  - On its first successful poll it sends one event per number with C(kind=snapshot), so that rules can act on the current state.
    After that it sends nothing while nothing changes.
  - A failed poll (network, TLS, credentials, result code, malformed answer) sends one event with C(kind=error) and the
    message saying what to do; the source then backs off and keeps polling. The secret never appears in an event or a log.
  - Every event has the key C(nxcloud_phone) holding C(environment), C(number), C(kind)
    (C(snapshot), C(added), C(removed), C(changed) or C(error)), C(changes) (a list of C({field, before, after}))
    and C(phone) (the number's whole current state, the last known one for a removed number).
  - An error event has C(number=null), C(changes=[]), C(phone=null), and also C(message), C(failures) (consecutive failed polls),
    C(retry_in) (seconds until the next poll), and C(result_code) / C(http_status) when the service answered with one.
  - After a failed poll the next one waits O(interval), then twice that, four times ... up to 15 minutes (or O(interval) if that
    is longer). After a recovery the changes since the last successful read are sent, not a new snapshot.
  - ansible-rulebook logs source arguments at C(-vv), so give the secret through the E(NXCLOUD_ACCESS_SECRET) environment
    variable or EDA controller's credential injection, never in the rulebook's text.
  - Needs the C(requests) Python library and ansible-core (ansible-rulebook needs ansible-galaxy to find collections anyway).
options:
  access_key:
    description: The NxCloud access key. Falls back to E(NXCLOUD_ACCESS_KEY).
    type: str
    required: true
  access_secret:
    description:
      - The secret of O(access_key). Falls back to E(NXCLOUD_ACCESS_SECRET); prefer the variable, as ansible-rulebook logs
        source arguments at C(-vv).
    type: str
    required: true
  appkey:
    description: The app (environment) whose numbers are watched. Falls back to E(NXCLOUD_APPKEY).
    type: str
    required: true
  api_url:
    description: Base URL of the API. Falls back to E(NXCLOUD_API_URL).
    type: str
    default: https://api2.nxcloud.com
  sign_algorithm:
    description: Digest of the request signature. Falls back to E(NXCLOUD_SIGN_ALGORITHM).
    type: str
    choices: [md5, sha256]
    default: md5
  timeout:
    description:
      - Seconds one HTTP attempt may take as a whole (connection, headers and body), from 1 to 600. Falls back to E(NXCLOUD_TIMEOUT).
    type: int
    default: 15
  retries:
    description:
      - Retries of a transient fault within one poll, before the poll counts as failed, from 0 to 10. Falls back to E(NXCLOUD_RETRIES).
    type: int
    default: 2
  max_response_mb:
    description:
      - The largest answer read, in MiB once decompressed, from 1 to 4096; a larger one fails the poll saying so.
        Falls back to E(NXCLOUD_MAX_RESPONSE_MB).
    type: int
    default: 64
  validate_certs:
    description: Verify the TLS certificate of the API. Falls back to E(NXCLOUD_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description: PEM file of CA certificates to verify the API with. Falls back to E(NXCLOUD_CA_PATH).
    type: path
  proxy_url:
    description: Proxy for the API calls. Falls back to E(NXCLOUD_PROXY_URL); without it HTTPS_PROXY / NO_PROXY apply.
    type: str
  environment:
    description: Name of the environment, copied into every event. Defaults to O(appkey).
    type: str
  business_phones:
    description:
      - Watch only these numbers (any notation; normalised to digits). Default is every number of the app.
      - A number the service leaves out of its answer is absent for the source (no snapshot; C(removed) if it was there before).
    type: list
    elements: raw
    default: []
  interval:
    description: Seconds between two polls.
    type: float
    default: 300
'''

EXAMPLES = r'''
# NXCLOUD_ACCESS_KEY and NXCLOUD_ACCESS_SECRET are set in the environment of ansible-rulebook.
- name: Watch the production numbers
  hosts: localhost
  sources:
    - nxcloud.whatsapp.phone_state:
        appkey: appkey-prod
        environment: prod
        interval: 300
  rules:
    - name: A number turned RED
      condition: >-
        event.nxcloud_phone.kind in ["changed", "snapshot"]
        and event.nxcloud_phone.phone.quality_rating == "RED"
      action:
        debug:
          msg: "{{ event.nxcloud_phone.number }} is RED"
'''

# Consecutive failed polls double the wait, up to this ceiling (or the interval if longer).
MAX_BACKOFF_SECONDS = 900.0
MASK = '********'

logger = logging.getLogger('nxcloud.whatsapp.phone_state')


def _make_collection_importable():
    """Put the ansible_collections tree that holds this file at the front of sys.path.

    ansible-rulebook runs a source with runpy.run_path, so ``__name__`` is not a package name and
    ``ansible_collections`` is importable only if someone put its parent on sys.path. The
    collection's own tree goes first, so the source always runs with the client it shipped with.
    Imported as a package (unit tests, ansible-test), nothing needs doing.
    """
    if __name__.startswith('ansible_collections.'):
        return
    here = os.path.dirname(os.path.realpath(__file__))
    tree = os.path.normpath(os.path.join(here, *(['..'] * 6)))
    if os.path.basename(tree) == 'ansible_collections' and os.path.isdir(os.path.join(tree, 'nxcloud', 'whatsapp')):
        parent = os.path.dirname(tree)
        if parent not in sys.path:
            sys.path.insert(0, parent)


_make_collection_importable()

try:
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import (
        ENVIRONMENT_FALLBACKS,
        check_common_params,
        client_from_params,
        common_argument_spec,
        misfit_option_types,
        url_passwords,
    )
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import NxCloudError
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import normalise_business_phones
    from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import HAS_REQUESTS
    from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.changes import number_changes
except ImportError as exc:
    raise ImportError('nxcloud.whatsapp.phone_state cannot import %s: run it from the collection installed by ansible-galaxy collection install '
                      '(its files under .../ansible_collections/nxcloud/whatsapp), in an environment with ansible-core and requests'
                      % (exc.name or exc))

SNAPSHOT = 'snapshot'
ERROR = 'error'


class SourceConfigError(ValueError):
    """The source's arguments cannot work; the message says which and how to fix it."""


def source_argument_spec():
    """Return the source's arguments: the modules' connection options, environment, business_phones and interval."""
    spec = common_argument_spec()
    spec['environment'] = dict(type='str')
    spec['business_phones'] = dict(type='list', elements='raw', default=[])
    spec['interval'] = dict(type='float', default=300.0)
    return spec


def secrets_in(args):
    """Return the secret values the source may hold: access_secret (argument or variable) and URL passwords."""
    secrets = [args.get('access_secret'), os.environ.get(ENVIRONMENT_FALLBACKS['access_secret'])]
    urls = dict((name, args.get(name) or os.environ.get(ENVIRONMENT_FALLBACKS[name])) for name in ('api_url', 'proxy_url'))
    # A URL of another type is refused by source_options, without its value; it holds no text to look in here.
    secrets.extend(url_passwords(dict((name, url if isinstance(url, str) else None) for name, url in urls.items())))
    return [secret for secret in secrets if isinstance(secret, str) and secret]


def masked(text, secrets):
    """Return ``text`` with every secret value replaced by a mask, longest first (a secret that holds another is never half shown)."""
    for secret in sorted((secret for secret in secrets if secret), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def source_options(args):
    """Return the validated options of the source from its rulebook arguments and the NXCLOUD_* variables.

    Raises SourceConfigError with a user's message for missing, unknown or unusable arguments.
    """
    secrets = secrets_in(args)
    # ansible-rulebook adds its own keys (e.g. eda_feedback_queue); only ours are checked.
    ours = dict((name, value) for name, value in args.items() if not name.startswith('eda_'))
    # The validator would turn a list given for a text option (a secret, a URL) into its Python text without a word.
    misfits = misfit_option_types(source_argument_spec(), ours)
    if misfits:
        raise SourceConfigError('nxcloud.whatsapp.phone_state: %s. To fix: give each of these arguments a single value.' % '; '.join(misfits))
    result = ArgumentSpecValidator(source_argument_spec()).validate(ours)
    if result.error_messages:
        raise SourceConfigError(masked('nxcloud.whatsapp.phone_state: %s' % '; '.join(result.error_messages), secrets))
    options = result.validated_parameters
    try:
        check_common_params(options)
        options['business_phones'] = normalise_business_phones(options['business_phones'])
    except ValueError as exc:
        raise SourceConfigError(masked('nxcloud.whatsapp.phone_state: %s' % exc, secrets))
    if not math.isfinite(options['interval']) or options['interval'] <= 0:
        raise SourceConfigError('nxcloud.whatsapp.phone_state: interval must be a positive number of seconds, not %s' % options['interval'])
    if not options['environment']:
        options['environment'] = options['appkey']
    return options


def backoff_seconds(interval, failures):
    """Return the wait after ``failures`` consecutive failed polls: interval, doubled per failure, capped."""
    ceiling = max(interval, MAX_BACKOFF_SECONDS)
    return min(ceiling, interval * (2 ** min(failures - 1, 32)))


def phone_event(environment, number, kind, changes, phone):
    """Return one event of the source: everything under the key ``nxcloud_phone``."""
    return {'nxcloud_phone': {'environment': environment, 'number': number, 'kind': kind, 'changes': changes, 'phone': phone}}


def error_event(environment, message, failures, retry_in, fields):
    """Return the event of a failed poll: the phone event's keys (no number) plus what went wrong and when the next try is."""
    event = phone_event(environment, None, ERROR, [], None)
    event['nxcloud_phone'].update(fields)
    event['nxcloud_phone'].update(message=message, failures=failures, retry_in=retry_in)
    return event


class PhoneStateWatch(object):
    """Polls one app through an NxCloudClient and puts events on a queue.

    ``sleep`` and ``to_thread`` are asyncio's by default; tests give a virtual clock. The client
    blocks (requests), so each read runs in a worker thread and the event loop stays free.
    """

    def __init__(self, options, client, secrets=(), sleep=None, to_thread=None):
        self.options = options
        self.client = client
        self.secrets = list(secrets)
        self.sleep = sleep or asyncio.sleep
        self.to_thread = to_thread or asyncio.to_thread
        self.previous = None
        self.failures = 0

    def read(self):
        """Return the numbers of the app now (blocking): the phone records phone_info returns."""
        phones, dummy, notes = self.client.get_phones(self.options['appkey'], self.options['business_phones'])
        for note in notes:
            logger.warning('%s: %s', self.options['environment'], masked(note, self.secrets))
        return phones

    async def poll(self):
        """Read once and return the events of this poll and the seconds to wait before the next one."""
        environment = self.options['environment']
        fields = {}
        try:
            phones = await self.to_thread(self.read)
        except NxCloudError as exc:
            message, fields = exc.message, exc.result_fields()
        except Exception as exc:  # pylint: disable=broad-except
            # Whatever else breaks in one poll (a library's bug, a surprise of the platform) must not end the rulebook.
            message = 'polling NxCloud failed unexpectedly (%s: %s); the source keeps polling. Please report this as a bug of nxcloud.whatsapp' % (
                type(exc).__name__, exc)
        else:
            self.failures = 0
            if self.previous is None:
                events = [phone_event(environment, phone['number'], SNAPSHOT, [], phone) for phone in phones]
            else:
                events = [phone_event(environment, entry['number'], entry['kind'], entry['changes'], entry['phone'])
                          for entry in number_changes(self.previous, phones)]
            self.previous = phones
            return events, self.options['interval']
        self.failures += 1
        delay = backoff_seconds(self.options['interval'], self.failures)
        message = masked(message, self.secrets)
        # The service's own text travels in the fields too (service_message): masked the same way.
        fields = dict((key, masked(value, self.secrets) if isinstance(value, str) else value) for key, value in fields.items())
        logger.error('%s: %s (failed polls in a row: %d; next poll in %.0f s)', environment, message, self.failures, delay)
        return [error_event(environment, message, self.failures, delay, fields)], delay

    async def run(self, queue, polls=None):
        """Poll forever (or ``polls`` times), putting each poll's events on ``queue``."""
        done = 0
        while polls is None or done < polls:
            events, delay = await self.poll()
            for event in events:
                await queue.put(event)
            done += 1
            if polls is None or done < polls:
                await self.sleep(delay)


async def main(queue, args):
    """ansible-rulebook's entry point: watch the app given by ``args`` until the rulebook ends."""
    if not HAS_REQUESTS:
        raise SourceConfigError('nxcloud.whatsapp.phone_state needs the Python library requests: install it where ansible-rulebook runs '
                                '(the decision environment)')
    options = source_options(args)
    secrets = secrets_in(args)

    def warn(message):
        logger.warning('%s: %s', options['environment'], masked(message, secrets))

    await PhoneStateWatch(options, client_from_params(options, warn=warn), secrets=secrets).run(queue)


if __name__ == '__main__':
    # Print events instead of queueing them: python phone_state.py, with the NXCLOUD_* variables set.
    class _PrintingQueue(object):
        async def put(self, event):
            print(event)

    asyncio.run(main(_PrintingQueue(), {'interval': 10}))
