# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Load the simulator's world (accounts, apps, their numbers) from a YAML or JSON file.

The file format is described in tests/simulator/README.md. Loading checks the shape and
says exactly what is wrong, so that a typo in a test's data file is not mistaken for a
bug in the client.
"""

from __future__ import annotations

import json
import os

import yaml


class DataFileError(Exception):
    """The data file cannot be used; the message says where and why."""


class Dataset:
    """Accounts, apps and numbers, indexed the way the request checks need them."""

    def __init__(self, accounts, apps, not_whatsapp_numbers):
        self.accounts = accounts          # access_key -> {'access_secret', 'whatsapp_enabled'}
        self.apps = apps                  # appkey -> {'access_key', 'environment', 'phones': [(number, fields)]}
        self.not_whatsapp_numbers = not_whatsapp_numbers

    def secrets(self):
        """Return every access secret, so that logs can be scrubbed of them."""
        return [account['access_secret'] for account in self.accounts.values()]


def _require(condition, message):
    if not condition:
        raise DataFileError(message)


def _digits_string(value, where):
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    _require(isinstance(text, str) and text.isdigit(), '%s: a number must be digits only (country code first, no "+"), got %r' % (where, value))
    return text


def _parse_accounts(raw_accounts):
    _require(isinstance(raw_accounts, list) and raw_accounts, '"accounts" must be a non-empty list')
    accounts = {}
    for index, raw in enumerate(raw_accounts):
        where = 'accounts[%d]' % index
        _require(isinstance(raw, dict), '%s must be a mapping' % where)
        key, secret = raw.get('access_key'), raw.get('access_secret')
        _require(isinstance(key, str) and key, '%s.access_key must be a non-empty string' % where)
        _require(isinstance(secret, str) and secret, '%s.access_secret must be a non-empty string' % where)
        _require(key not in accounts, '%s: access_key %r is listed twice' % (where, key))
        enabled = raw.get('whatsapp_enabled', True)
        _require(isinstance(enabled, bool), '%s.whatsapp_enabled must be true or false' % where)
        accounts[key] = {'access_secret': secret, 'whatsapp_enabled': enabled}
    return accounts


def _parse_phones(raw_phones, where):
    _require(isinstance(raw_phones, list), '%s.phones must be a list' % where)
    phones = []
    seen = set()
    for index, raw in enumerate(raw_phones):
        phone_where = '%s.phones[%d]' % (where, index)
        _require(isinstance(raw, dict), '%s must be a mapping' % phone_where)
        _require('number' in raw, '%s needs "number"' % phone_where)
        number = _digits_string(raw['number'], phone_where + '.number')
        _require(number not in seen, '%s: number %s is listed twice' % (phone_where, number))
        seen.add(number)
        fields = dict((name, value) for name, value in raw.items() if name != 'number')
        phones.append((number, fields))
    return phones


def _parse_apps(raw_apps, accounts):
    _require(isinstance(raw_apps, list) and raw_apps, '"apps" must be a non-empty list')
    apps = {}
    for index, raw in enumerate(raw_apps):
        where = 'apps[%d]' % index
        _require(isinstance(raw, dict), '%s must be a mapping' % where)
        appkey = raw.get('appkey')
        _require(isinstance(appkey, str) and appkey, '%s.appkey must be a non-empty string' % where)
        _require(appkey not in apps, '%s: appkey %r is listed twice' % (where, appkey))
        owner = raw.get('access_key')
        if owner is None and len(accounts) == 1:
            owner = next(iter(accounts))
        _require(owner in accounts, '%s.access_key must name one of the accounts (needed when there are several)' % where)
        apps[appkey] = {
            'access_key': owner,
            'environment': raw.get('environment', ''),
            'phones': _parse_phones(raw.get('phones', []), where),
        }
    return apps


def dataset_from_mapping(raw):
    """Return a Dataset built from an already parsed mapping."""
    _require(isinstance(raw, dict), 'the data file must hold a mapping with "accounts" and "apps"')
    unknown = sorted(set(raw) - {'accounts', 'apps', 'not_whatsapp_numbers', 'description'})
    _require(not unknown, 'unknown top-level keys in the data file: %s' % ', '.join(unknown))
    accounts = _parse_accounts(raw.get('accounts'))
    apps = _parse_apps(raw.get('apps'), accounts)
    raw_not_whatsapp = raw.get('not_whatsapp_numbers', [])
    _require(isinstance(raw_not_whatsapp, list), '"not_whatsapp_numbers" must be a list')
    not_whatsapp = set(_digits_string(value, 'not_whatsapp_numbers[%d]' % index) for index, value in enumerate(raw_not_whatsapp))
    return Dataset(accounts, apps, not_whatsapp)


def load_dataset(path):
    """Return the Dataset held in the YAML or JSON file at `path`."""
    try:
        with open(path, 'rb') as data_file:
            text = data_file.read().decode('utf-8')
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError('cannot read data file %s: %s' % (path, error))
    try:
        raw = json.loads(text) if os.path.splitext(path)[1].lower() == '.json' else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise DataFileError('data file %s is not valid YAML/JSON: %s' % (path, error))
    try:
        return dataset_from_mapping(raw)
    except DataFileError as error:
        raise DataFileError('data file %s: %s' % (path, error))
