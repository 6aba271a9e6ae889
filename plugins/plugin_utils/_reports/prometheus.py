# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The compliance result as Prometheus metrics: a registry per result, its text exposition, and the push to a Pushgateway.

The series (documented with example alerts in docs/docsite/rst/metrics.rst):

- ``nxcloud_whatsapp_phone_info`` (gauge, always 1): one per number read, labelled environment,
  number, display_phone_number, verified_name, status, quality_rating, code_verification_status,
  name_status, current_limit, each as the service sent it ("" when absent).
- ``nxcloud_whatsapp_phone_quality_rating`` (gauge): environment, number; GREEN 2, YELLOW 1,
  RED 0, anything else (NA, UNKNOWN, UNKNOW, absent, unknown text) -1.
- ``nxcloud_whatsapp_phone_conversation_limit`` (gauge): environment, number; the
  business-initiated conversations per 24 hours of current_limit (TIER_1K 1000, TIER_UNLIMITED
  +Inf); no sample when the limit is not a tier of conversations.
- ``nxcloud_whatsapp_compliance_results`` (gauge): environment, status; the results of each status.
- ``nxcloud_whatsapp_environment_numbers`` (gauge): environment; the numbers read.
- ``nxcloud_whatsapp_environment_up`` (gauge): environment; 1 when it was read, 0 when not.
- ``nxcloud_whatsapp_environment_last_success_timestamp_seconds`` (gauge): environment; when it
  was last read, in Unix seconds: the time the metrics were made, for an environment that was read;
  for one that was not, the value of the file the report replaces (a Pushgateway keeps it itself).

prometheus_client is an optional dependency: it is imported here only, and a format or a push that
needs it says which package to install.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import importlib.util
import math
import ssl
import time

from collections.abc import Mapping

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._transport import credential_forms, redact_url
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    STATUSES,
    ComplianceInputError,
    display_value,
    environments_of,
    is_list,
)

from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPSHandler, Request, build_opener

# prometheus_client is imported by the functions that use it, not here: with what it imports (http.server,
# email) it costs some 10 ms that a run writing no metrics need not pay. require_library imports it.
HAS_PROMETHEUS_CLIENT = importlib.util.find_spec('prometheus_client') is not None

PREFIX = 'nxcloud_whatsapp_'
# The labels of the info series besides environment and number, in this order.
PHONE_INFO_FIELDS = ('display_phone_number', 'verified_name', 'status', 'quality_rating', 'code_verification_status',
                     'name_status', 'current_limit')
# Quality as an ordered value: higher is better; -1 where Meta has not rated the number (or the value is not known).
QUALITY_VALUES = {'GREEN': 2, 'YELLOW': 1, 'RED': 0}
UNRATED_QUALITY_VALUE = -1
# Business-initiated conversations per 24 hours of each messaging tier.
TIER_CONVERSATIONS = {
    'TIER_50': 50, 'TIER_250': 250, 'TIER_1K': 1000, 'TIER_2K': 2000, 'TIER_10K': 10000, 'TIER_100K': 100000,
    'TIER_UNLIMITED': float('inf'),
}
DEFAULT_JOB = 'nxcloud_whatsapp_phone_compliance'
MISSING_LIBRARY = ('the Python library prometheus_client is not installed on the controller, and %s needs it: install it '
                   '(pip install prometheus-client) in the Python that runs ansible, or use an execution environment built '
                   'with this collection, which lists it')


class MetricsError(Exception):
    """A push failed; the message says what to do and holds no secret."""


class MissingLibraryError(ComplianceInputError):
    """prometheus_client cannot be imported; the message names the package to install."""


def require_library(what):
    """Raise MissingLibraryError naming the package when prometheus_client cannot be imported."""
    if HAS_PROMETHEUS_CLIENT:
        try:
            import prometheus_client  # pylint: disable=unused-import  # found, but it may still fail to import
            return
        except ImportError:
            pass
    raise MissingLibraryError(MISSING_LIBRARY % what)


def label_text(value):
    """Return a label value: service text as sent, "" when absent, anything else as short JSON text."""
    if value is None:
        return ''
    if isinstance(value, str):
        return value
    return display_value(value)


def quality_value(rating):
    """Return the ordered value of a quality rating (GREEN 2, YELLOW 1, RED 0, else -1)."""
    return QUALITY_VALUES.get(rating, UNRATED_QUALITY_VALUE) if isinstance(rating, str) else UNRATED_QUALITY_VALUE


def _environments(report):
    """Return the environment results of a combined result, or the one result given alone."""
    environments = environments_of(report)
    if not all(isinstance(entry, Mapping) for entry in environments):
        raise ComplianceInputError('every environment of the result must be an environment result (a mapping)')
    return environments


def _families():
    from prometheus_client.core import GaugeMetricFamily
    return {
        'info': GaugeMetricFamily(PREFIX + 'phone_info', 'The state of a WhatsApp Business number as read (always 1).',
                                  labels=('environment', 'number') + PHONE_INFO_FIELDS),
        'quality': GaugeMetricFamily(PREFIX + 'phone_quality_rating', "Meta's quality rating: GREEN 2, YELLOW 1, RED 0, not rated -1.",
                                     labels=('environment', 'number')),
        'limit': GaugeMetricFamily(PREFIX + 'phone_conversation_limit',
                                   'Business-initiated conversations per 24 hours allowed by the messaging tier.',
                                   labels=('environment', 'number')),
        'results': GaugeMetricFamily(PREFIX + 'compliance_results', 'Compliance results of the last run, by status.',
                                     labels=('environment', 'status')),
        'numbers': GaugeMetricFamily(PREFIX + 'environment_numbers', 'Numbers read from the environment.', labels=('environment',)),
        'up': GaugeMetricFamily(PREFIX + 'environment_up', 'Whether the environment could be read (1) or not (0).', labels=('environment',)),
        'last_success': GaugeMetricFamily(PREFIX + 'environment_last_success_timestamp_seconds',
                                          'When the environment was last read, in seconds since the Unix epoch.',
                                          labels=('environment',)),
    }


def _count(counts, key):
    value = counts.get(key, 0) if isinstance(counts, Mapping) else 0
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _add_environment(families, environment, now, numbers=True, earlier_successes=None):
    name = label_text(environment.get('environment'))
    read = not environment.get('error')
    counts = environment.get('counts')
    for status in STATUSES:
        families['results'].add_metric([name, status], _count(counts, status))
    families['up'].add_metric([name], 1 if read else 0)
    if not numbers:
        return
    families['numbers'].add_metric([name], _count(counts, 'numbers'))
    if read:
        families['last_success'].add_metric([name], now)
    elif earlier_successes and name in earlier_successes:
        families['last_success'].add_metric([name], earlier_successes[name])
    seen = set()
    phones = environment.get('phones')
    for phone in phones if is_list(phones) else ():
        number = number_of_phone(phone) if isinstance(phone, Mapping) else None
        if number is None or number in seen:
            continue  # a series needs a number, and one number gives one series
        seen.add(number)
        families['info'].add_metric([name, number] + [label_text(phone.get(field)) for field in PHONE_INFO_FIELDS], 1)
        families['quality'].add_metric([name, number], quality_value(phone.get('quality_rating')))
        limit = phone.get('current_limit')
        if isinstance(limit, str) and limit in TIER_CONVERSATIONS:
            families['limit'].add_metric([name, number], TIER_CONVERSATIONS[limit])


class _Families(object):
    """A collector that gives metric families made beforehand (the registry asks for them when it renders).

    A family without samples is left out: no HELP and TYPE lines for a series nothing has.
    """

    def __init__(self, families):
        self._families = [family for family in families if family.samples]

    def collect(self):
        return list(self._families)


def registry_of(environments, now=None, numbers=True, earlier_successes=None):
    """Return a CollectorRegistry holding the series of ``environments`` (environment results).

    ``now`` (Unix seconds, default the current time) is the last successful read of each
    environment that was read; ``earlier_successes`` ({environment: seconds}) gives it for those
    that were not. With ``numbers`` false, only the results and up series are held: what replaces
    an unreadable environment's series on a Pushgateway.
    """
    require_library('the prometheus report format and the Pushgateway')
    now = time.time() if now is None else now
    families = _families()
    for environment in environments:
        _add_environment(families, environment, now, numbers, earlier_successes)
    from prometheus_client import CollectorRegistry
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Families(families.values()))
    return registry


def last_successes(exposition):
    """Return {environment: seconds} of the last-success series in an exposition text; {} when there is none or it does not parse.

    What the file a report replaces says, so that an environment not read this time keeps the
    time of its last successful read, as on a Pushgateway.
    """
    found = {}
    if not exposition or not HAS_PROMETHEUS_CLIENT:
        return found
    name = PREFIX + 'environment_last_success_timestamp_seconds'
    # Only that series' lines are parsed: the file holds every number besides.
    wanted = '\n'.join(line for line in exposition.splitlines() if line.startswith((name + '{', '# TYPE %s ' % name)))
    try:
        from prometheus_client.parser import text_string_to_metric_families
        for family in text_string_to_metric_families(wanted + '\n'):
            for sample in family.samples:
                if sample.name == name and 'environment' in sample.labels and math.isfinite(sample.value):
                    found[sample.labels['environment']] = sample.value
    except Exception:  # pylint: disable=broad-except  # a damaged or foreign file: nothing to carry over
        return {}
    return found


def prometheus_report(report, now=None, previous=None):
    """Return the result (one environment's or a combined one) in Prometheus' text exposition format.

    ``previous`` is the text of the file this report replaces, if any: an environment not read
    now keeps the last successful read it gives.
    """
    environments = _environments(report)
    require_library('the prometheus report format')
    unread = any(environment.get('error') for environment in environments)
    earlier_successes = last_successes(previous) if unread else None
    from prometheus_client import generate_latest
    return generate_latest(registry_of(environments, now, earlier_successes=earlier_successes)).decode('utf-8')


def masked_url(url):
    """Return the URL with any user name and password in it replaced by ``***``, however the URL is written."""
    return redact_url(url)


def split_credentials(url):
    """Return (url without user information, user name or None, password or None)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ''
    if ':' in host:
        host = '[%s]' % host
    if parts.port is not None:
        host = '%s:%d' % (host, parts.port)
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment)), parts.username, parts.password


class Pushgateway(object):
    """Where and how to push: the URL and its TLS and basic-auth settings."""

    def __init__(self, url, job=DEFAULT_JOB, username=None, password=None, validate_certs=True, ca_path=None,
                 client_cert=None, client_key=None, timeout=30):
        if not isinstance(url, str) or not url.strip():
            raise ComplianceInputError('pushgateway_url is empty; give the URL of the Pushgateway, such as http://pushgateway:9091')
        try:
            bare_url, url_username, url_password = split_credentials(url.strip())
            scheme = urlsplit(bare_url).scheme
        except ValueError:
            raise ComplianceInputError('pushgateway_url %s is not a URL; give one such as http://pushgateway:9091' % masked_url(url))
        if scheme not in ('http', 'https'):
            raise ComplianceInputError('pushgateway_url %s must start with http:// or https://' % masked_url(url))
        self.url = bare_url
        self.given_url = url.strip()
        self.shown_url = masked_url(url.strip())
        self.job = job
        self.username = username if username is not None else url_username
        self.password = password if password is not None else url_password
        if (self.username is None) != (self.password is None):
            raise ComplianceInputError('give both pushgateway_username and pushgateway_password for basic auth, or neither')
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.client_cert = client_cert
        self.client_key = client_key
        self.timeout = timeout

    def secrets(self):
        """Return the texts that must never be shown: the password, the credentials as sent, the URL's user information."""
        found = list(credential_forms(self.given_url))
        if self.password:
            token = base64.b64encode(('%s:%s' % (self.username, self.password)).encode('utf-8')).decode('ascii')
            found.extend([self.password, token])
        return found

    def _ssl_context(self):
        context = ssl.create_default_context(cafile=self.ca_path)
        if not self.validate_certs:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        if self.client_cert:
            context.load_cert_chain(certfile=self.client_cert, keyfile=self.client_key)
        return context

    def handler(self, url, method, timeout, headers, data):
        """The request prometheus_client's push functions make, with this gateway's TLS settings and basic auth."""
        def send():
            request = Request(url, data=data, method=method)
            for name, value in headers:
                request.add_header(name, value)
            if self.password is not None:
                token = base64.b64encode(('%s:%s' % (self.username, self.password)).encode('utf-8')).decode('ascii')
                request.add_header('Authorization', 'Basic ' + token)
            opener = build_opener(HTTPSHandler(context=self._ssl_context())) if url.startswith('https:') else build_opener()
            with opener.open(request, timeout=timeout) as response:
                response.read()
        return send

    def _masked(self, text):
        for secret in self.secrets():
            text = text.replace(secret, '********')
        return text

    def push(self, environment, now=None):
        """Push one environment's series, grouped by environment; raise MetricsError saying what failed.

        A read environment replaces every series of its group (PUT). One that could not be read
        replaces only its results and up series (POST), so its numbers and last successful read
        stay as the last successful push left them.
        """
        name = label_text(environment.get('environment'))
        read = not environment.get('error')
        registry = registry_of([environment], now, numbers=read)
        from prometheus_client import push_to_gateway, pushadd_to_gateway
        push = push_to_gateway if read else pushadd_to_gateway
        try:
            push(self.url, job=self.job, registry=registry, grouping_key={'environment': name}, timeout=self.timeout,
                 handler=self.handler)
        except HTTPError as error:
            try:
                body = error.read().decode('utf-8', 'replace').strip()[:300]
            except Exception:  # pylint: disable=broad-except
                body = ''
            raise MetricsError(self._masked('the Pushgateway %s refused the metrics of environment %s: HTTP %s %s%s%s'
                                            % (self.shown_url, name, error.code, error.reason, ': ' if body else '', body)
                                            + self._remedy(error.code)))
        except (URLError, OSError, ssl.SSLError, ValueError) as error:
            reason = getattr(error, 'reason', None) or error
            raise MetricsError(self._masked('the metrics of environment %s could not be pushed to the Pushgateway %s: %s. Check that '
                                            'pushgateway_url names a running Pushgateway reachable from the controller, and its TLS '
                                            'options (pushgateway_validate_certs, pushgateway_ca_path)' % (name, self.shown_url, reason)))

    @staticmethod
    def _remedy(code):
        if code in (401, 403):
            return '. Check pushgateway_username and pushgateway_password'
        if code == 400:
            return '. The Pushgateway holds series of this job that conflict with these; delete the group or give another pushgateway_job'
        return ''
