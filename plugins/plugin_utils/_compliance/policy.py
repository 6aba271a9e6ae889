# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The user's compliance policy and waivers, validated into complete, normalised values.

Two steps, the same for the check module and for callers that hand over a plain dict: the argument
spec (options.py, read from doc_fragments/policy.py) checks types, list elements, choices,
required and unknown keys, and fills in the defaults; then check_beyond_the_spec applies the few
rules a spec cannot express. A bad value raises ComplianceInputError saying what is wrong.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import NoLogError, UnsupportedError

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import misfit_option_types
from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phones import type_name, with_article
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.options import ARGUMENT_SPEC, POLICY_SPEC
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import (
    CHECKS,
    ComplianceInputError,
    display_value,
    is_list,
    normalise_number,
    parse_date,
)

# The lists of accepted values: empty, nothing would pass their check.
_ALLOWLISTS = ('expected_status', 'expected_code_verification_status', 'allowed_name_status')
# The lists of plain strings, whose entries are compared after trimming blanks.
_STRING_LISTS = tuple(key for key, spec in POLICY_SPEC.items() if spec['type'] == 'list' and spec.get('elements') == 'str')


def _prepared(value, option, path):
    """Return a copy of the value of an option with nested options, keys set to null left out (so they take their default).

    Every mapping is copied: the validator fills defaults into the mappings it is given, and the
    caller's values must stay as they were. A value that is not a mapping where one is expected is
    refused here, and so is a key that is not a string: ansible-core's validator fails with a
    TypeError on some of them (a boolean, a number, a numeric key).
    """
    suboptions = option.get('options')
    if not suboptions:
        return value
    if option.get('type') == 'list':
        if not is_list(value):
            raise ComplianceInputError('%s must be a list of mappings, not %s' % (path, with_article(type_name(value))))
        return [_prepared_mapping(item, suboptions, '%s[%d]' % (path, index)) for index, item in enumerate(value)]
    return _prepared_mapping(value, suboptions, path)


def _prepared_mapping(value, suboptions, path):
    if not isinstance(value, Mapping):
        raise ComplianceInputError('%s must be a mapping, not %s' % (path, with_article(type_name(value))))
    odd_keys = [key for key in value if not isinstance(key, str)]
    if odd_keys:  # ansible-core's validator cannot name them in its message, and fails
        raise ComplianceInputError('%s has keys that are not option names: %s; it takes %s' % (path, display_value(odd_keys), ', '.join(suboptions)))
    return dict((key, _prepared(item, suboptions.get(key, {}), '%s.%s' % (path, key))) for key, item in value.items() if item is not None)


def _spec_error_message(errors):
    """Return one message from the argument spec's errors, each naming its option path (``found in 'policy'``)."""
    messages = []
    for error in errors:
        if isinstance(error, NoLogError) and len(errors) > 1:
            continue  # a by-product of a value that is not a mapping; the type error says it better
        message = error.args[0] if error.args else str(error)
        if isinstance(error, UnsupportedError):
            message = 'unsupported parameters: %s' % message
        if message not in messages:
            messages.append(message)
    return '; '.join(messages)


def validated_options(params, argument_spec=None, names=None):
    """Return ``params`` validated against ``argument_spec`` (the policy and waivers options by default), defaults filled in.

    ``policy`` and ``waivers`` among them, when the spec has them, come out complete and
    normalised by check_beyond_the_spec. Raises ComplianceInputError naming what is wrong; an option
    given a value of the wrong type is named as ``names`` says (see misfit_option_types).
    """
    argument_spec = ARGUMENT_SPEC if argument_spec is None else argument_spec
    params = dict(params)
    misfits = misfit_option_types(argument_spec, params, names)
    if misfits:
        raise ComplianceInputError('; '.join(misfits))
    for name in ('policy', 'waivers'):
        if name in argument_spec and name in params:
            if params[name] is None:
                del params[name]
            else:
                params[name] = _prepared(params[name], argument_spec[name], name)
    result = ArgumentSpecValidator(argument_spec).validate(params)
    if result.error_messages:
        message = _spec_error_message(result.errors.errors)
        # The spec's messages say "found in waivers"; with many waivers, say which ones.
        if 'waivers' in argument_spec and is_list(params.get('waivers')):
            waiver_spec = {'waivers': argument_spec['waivers']}
            bad = ['waivers[%d]' % index for index, waiver in enumerate(params['waivers'])
                   if ArgumentSpecValidator(waiver_spec).validate({'waivers': [waiver]}).error_messages]
            if bad:
                message += ' (in %s)' % ', '.join(bad)
        raise ComplianceInputError(message)
    validated = result.validated_parameters
    if 'policy' in argument_spec or 'waivers' in argument_spec:
        validated['policy'], validated['waivers'] = check_beyond_the_spec(validated.get('policy'), validated.get('waivers'))
    return validated


def check_beyond_the_spec(policy, waivers):
    """Return ``(policy, waivers)`` normalised, from values the spec validated; raise ComplianceInputError on what it cannot check.

    Those rules: a rating in one quality list only, allowlists not empty, entries not blank, numbers
    written as numbers (and one display name per number), waiver reasons and dates that say something.
    Either argument may be None (not given): it is returned as is.
    """
    if policy is not None:
        policy = dict(policy)
        for key in _STRING_LISTS:
            if any(not item.strip() for item in policy[key]):
                raise ComplianceInputError('policy %s holds an empty entry: %s' % (key, display_value(policy[key])))
            policy[key] = [item.strip() for item in policy[key]]
        policy['checks'] = [check for check in CHECKS if check in policy['checks']]
        for key in _ALLOWLISTS:
            if not policy[key]:
                raise ComplianceInputError('policy %s must not be empty: nothing would pass its check; leave it out for the default' % key)
        both = sorted(set(policy['quality_fail_values']) & set(policy['quality_warn_values']))
        if both:
            raise ComplianceInputError('policy quality_fail_values and quality_warn_values both list %s; a rating can only have one severity'
                                       % ', '.join(both))
        numbers = [normalise_number(entry, 'policy required_numbers[%d]' % index) for index, entry in enumerate(policy['required_numbers'])]
        policy['required_numbers'] = list(dict.fromkeys(numbers))  # each once, in the order given
        display_names = {}
        for key, name in policy['display_names'].items():
            number = normalise_number(key, 'policy display_names key')
            if not isinstance(name, str) or not name:
                raise ComplianceInputError('policy display_names[%r] must be the expected display name as a non-empty string, not %s'
                                           % (key, display_value(name)))
            if display_names.get(number, name) != name:
                raise ComplianceInputError('policy display_names gives number %s two different names (%r and %r)' % (number, display_names[number], name))
            display_names[number] = str(name)
        policy['display_names'] = display_names
    if waivers is not None:
        normalised = []
        for index, waiver in enumerate(waivers):
            where = 'waivers[%d]' % index
            if not waiver['reason'].strip():
                raise ComplianceInputError('%s: reason must be a non-empty string saying why the violation is tolerated' % where)
            entry = {
                'number': normalise_number(waiver['number'], '%s number' % where),
                'check': waiver['check'],
                'reason': waiver['reason'].strip(),
                'expires': parse_date(waiver['expires'], '%s expires' % where).isoformat(),
            }
            entry.update((key, waiver[key]) for key in ('owner', 'ticket') if waiver.get(key) not in (None, ''))
            normalised.append(entry)
        waivers = normalised
    return policy, waivers


def validate_policy(policy):
    """Return a complete, normalised policy from the user's (possibly partial) policy mapping; None is the default policy."""
    return validated_options({'policy': policy})['policy']


def validate_waivers(waivers):
    """Return the waivers as a list of normalised dicts; None is no waiver.

    A waiver: ``number``, ``check`` (one of CHECKS), ``reason``, ``expires`` (YYYY-MM-DD, the last
    day the waiver applies), optional ``owner`` and ``ticket``.
    """
    return validated_options({'waivers': waivers})['waivers']
