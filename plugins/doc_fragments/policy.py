# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The compliance policy and the waivers, for every module that judges numbers.
    # This text is also the argument spec: plugins/plugin_utils/_compliance/options.py reads it, so
    # a type, a default or a choice written here is the one that is enforced (see CONTRIBUTING.md).
    # The choices of policy.checks are the checks, in the order their results are listed.
    DOCUMENTATION = r'''
options:
  policy:
    description:
      - The states you require. Every key is optional; what is not set, or set to null, keeps the default shown.
    type: dict
    default: {}
    suboptions:
      checks:
        description:
          - The checks to run. Their results are listed for a number in the order of the choices below, whatever
            the order given.
          - C(quality_rating) is judged by O(policy.quality_fail_values) and O(policy.quality_warn_values); every
            other check has a severity in O(policy.severity).
          - C(number_removed) (not run by default) reports each number the previous run of the environment read and
            this one did not. It needs the previous run's state, the fact C(phone_compliance_state) kept by a fact
            cache; without one it has nothing to compare and reports nothing.
        type: list
        elements: str
        choices: [status, code_verification_status, quality_rating, name_status, current_limit, verified_name, required_number, number_removed]
        default: [status, code_verification_status, quality_rating, required_number]
      expected_status:
        description: The values of C(status) that pass. Must not be empty.
        type: list
        elements: str
        default: [CONNECTED]
      expected_code_verification_status:
        description: The values of C(code_verification_status) that pass. Must not be empty.
        type: list
        elements: str
        default: [VERIFIED]
      quality_fail_values:
        description:
          - The quality ratings that fail the C(quality_rating) check.
          - V(NA), V(UNKNOWN) and V(UNKNOW) (not rated yet) pass unless listed here or in O(policy.quality_warn_values).
          - A rating cannot be listed both here and in O(policy.quality_warn_values).
        type: list
        elements: str
        default: [RED]
      quality_warn_values:
        description: The quality ratings that are a warning.
        type: list
        elements: str
        default: [YELLOW]
      quality_unknown_severity:
        description: The severity of a quality rating that is absent, not a string or not a documented value.
        type: str
        choices: [fail, warn]
        default: warn
      allowed_name_status:
        description: The values of C(name_status) that pass the C(name_status) check. Must not be empty.
        type: list
        elements: str
        default: [APPROVED, AVAILABLE_WITHOUT_REVIEW]
      minimum_tier:
        description:
          - The lowest messaging limit that passes the C(current_limit) check; the choices are in increasing order.
        type: str
        choices: [TIER_50, TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED]
        default: TIER_1K
      unknown_tier_severity:
        description:
          - The severity of a messaging limit that is not known (V(""), V(TIER_NOT_SET), V(UNTIERED), anything
            else). It never passes. Meta moved the limit to the business portfolio, so an empty value is common.
        type: str
        choices: [fail, warn]
        default: warn
      required_numbers:
        description:
          - Numbers the app must hold (C(required_number) check), besides O(business_phones), as people write them.
        type: list
        elements: raw
        default: []
      display_names:
        description:
          - The expected display name (C(verified_name)) of each number, keyed by number; compared exactly.
          - Two spellings of one number must not give two different names.
        type: dict
        default: {}
      severity:
        description:
          - The severity of a violation of each check, V(fail) or V(warn); what is not set keeps the default shown.
        type: dict
        default: {}
        suboptions:
          status:
            description: The severity of the C(status) check.
            type: str
            choices: [fail, warn]
            default: fail
          code_verification_status:
            description: The severity of the C(code_verification_status) check.
            type: str
            choices: [fail, warn]
            default: fail
          name_status:
            description: The severity of the C(name_status) check.
            type: str
            choices: [fail, warn]
            default: fail
          current_limit:
            description: The severity of a known messaging limit below O(policy.minimum_tier).
            type: str
            choices: [fail, warn]
            default: fail
          verified_name:
            description: The severity of the C(verified_name) check.
            type: str
            choices: [fail, warn]
            default: warn
          required_number:
            description: The severity of the C(required_number) check.
            type: str
            choices: [fail, warn]
            default: fail
          number_removed:
            description: The severity of the C(number_removed) check.
            type: str
            choices: [fail, warn]
            default: fail
          waiver:
            description: The severity of an expired waiver, reported under the check C(waiver).
            type: str
            choices: [fail, warn]
            default: warn
  waivers:
    description:
      - Violations a team accepts for a while. A waived violation is reported as waived with its reason; from
        the day after its O(waivers[].expires) date it counts again and the expired waiver is reported itself
        (check C(waiver)). When several waivers cover a violation, the one that lasts longest applies.
    type: list
    elements: dict
    default: []
    suboptions:
      number:
        description: The number, as people write it.
        type: raw
        required: true
      check:
        description: The check waived for this number.
        type: str
        required: true
        choices: [status, code_verification_status, quality_rating, name_status, current_limit, verified_name, required_number, number_removed]
      reason:
        description: Why the violation is tolerated; shown in every report.
        type: str
        required: true
      expires:
        description: The last day the waiver applies, V(YYYY-MM-DD) (a quoted string or a YAML date).
        type: raw
        required: true
      owner:
        description: Who answers for the waiver.
        type: str
      ticket:
        description: Where the fix is tracked.
        type: str
'''
