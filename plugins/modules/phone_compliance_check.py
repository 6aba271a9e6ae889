#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# The work is done by the action plugin of the same name (plugins/action/phone_compliance_check.py);
# this file holds its documentation.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: phone_compliance_check
short_description: Check every WhatsApp Business number of an NxCloud app against the state you require
version_added: 0.2.0
description:
  - Reads the numbers of one app as M(nxcloud.whatsapp.phone_info) does (one request, made where the
    task runs), judges every number against a policy and waivers, and fails once, listing every
    violation of every number, when the app does not comply.
  - Judging and reporting run on the controller, in Python, so an app of thousands of numbers is
    checked in about the time it takes to read it.
  - By default, C(status) must be V(CONNECTED), C(code_verification_status) V(VERIFIED) and
    C(quality_rating) not V(RED) (V(YELLOW) is a warning), and every number asked for in
    O(business_phones) or O(policy.required_numbers) must be present. Opt in to the approval of the display
    name, a minimum messaging limit tier and the expected display name per number.
  - Values the service spells oddly (V(UNKNOW)) or that are not documented are reported as what
    they are, never passed silently and never a crash.
  - This is the engine of the role C(nxcloud.whatsapp.phone_compliance), which adds combined reports
    over many environments and AWX job statistics; use the module directly to check one app in a
    play of your own.
requirements:
  - orjson >= 3.11.7 (optional; with it the JSON reports are written several times faster, the same JSON; an older orjson is not used)
author:
  - nxcloud.whatsapp maintainers (@nxcloud-whatsapp)
extends_documentation_fragment:
  - nxcloud.whatsapp.auth
  - nxcloud.whatsapp.connection
  - nxcloud.whatsapp.attributes
  - nxcloud.whatsapp.attributes.action_group
  - nxcloud.whatsapp.attributes.controller_action
  - nxcloud.whatsapp.reports
  - nxcloud.whatsapp.policy
options:
  business_phones:
    description:
      - The business numbers to check, with country code, written as for M(nxcloud.whatsapp.phone_info).
      - When empty, every number of the app is checked. A listed number that the app does not hold is
        a violation of the C(required_number) check.
    type: list
    elements: raw
    default: []
  environment:
    description:
      - The name of the environment (app) in the results and the reports, such as V(prod).
      - Defaults to the task's C(inventory_hostname).
    type: str
  today:
    description:
      - The date (YYYY-MM-DD) the waivers are judged by.
      - Defaults to the controller's date in UTC.
    type: str
  fail_on:
    description:
      - What fails the task. V(fail) a violation of severity fail; V(warn) a warning too;
        V(never) nothing (audit only, read RV(compliant)).
    type: str
    choices: [fail, warn, never]
    default: fail
  fail_on_error:
    description:
      - Whether an app that could not be read (an error from NxCloud, the network or the options)
        fails the task, whatever O(fail_on) says. An audit that could not look is not a passing audit.
    type: bool
    default: true
  report_dir:
    description:
      - A directory on the controller to write the reports to, as C(<environment>.json),
        C(<environment>.junit.xml) and C(<environment>.md). Created when missing.
      - Characters of the environment name that are unsafe in a file name become V(_).
      - The reports are written in check mode too, since they describe what was read, and reading changes nothing.
      - The JSON report holds every result, passed ones included; its path is returned as RV(result_file), where
        M(nxcloud.whatsapp.phone_compliance_report) reads the passed results that the task does not return.
    type: path
  return_passed:
    description:
      - Whether RV(results) holds the passed results too, and not only the results that are not passed,
        and whether RV(phones) is returned.
      - This is costly for large apps. Ansible copies a registered value several times (and
        ansible-core 2.16 wraps and templates all of it), so an app of thousands of numbers then takes
        noticeably longer and more memory. The reports hold every result whatever this says.
    type: bool
    default: false
  keep_state:
    description:
      - Whether to compare this run with the previous one and keep this run's state for the next, as the fact
        C(phone_compliance_state) of the task's host (RV(ansible_facts.phone_compliance_state)).
      - The previous state is read from that fact, so it is known only when a fact cache keeps facts between
        runs (for example C(ANSIBLE_CACHE_PLUGIN=jsonfile) with C(ANSIBLE_CACHE_PLUGIN_CONNECTION), or redis; in
        AWX, B(Enable Fact Storage) on the job template). Without one, every run is a first run, RV(changes) is
        empty and RV(changes_note) says so.
      - The state is bounded. It keeps the tracked fields of each number of the last run, one quality mark per run and
        the counts of at most 30 runs (about 1 MB for an app of 10,000 numbers).
    type: bool
    default: true
notes:
  - The module never changes anything at NxCloud; RV(ignore:changed) is always false.
  - The state of the run is returned as the fact C(phone_compliance_state) of the task's host, also with
    C(delegate_to) (unless C(delegate_facts) is set); a fact cache keeps it for the next run.
  - The request is made where the task runs (mind C(delegate_to)), as
    M(nxcloud.whatsapp.phone_info) makes it; the rules run and the reports are written on the
    controller.
  - Group C(module_defaults) for C(group/nxcloud.whatsapp.nxcloud) apply to this module; the
    connection options are handed to M(nxcloud.whatsapp.phone_info), whose NXCLOUD_* environment
    fallbacks are read where the request is made.
  - When the task's connection is C(local), without C(become) or the C(environment) keyword, the
    request is made in the controller's own process, with the Python that runs Ansible, which
    needs C(requests). Anywhere else M(nxcloud.whatsapp.phone_info) runs as a module on the task's
    host, whose Python needs C(requests); for localhost tasks run that way, set
    C(ansible_python_interpreter) to C({{ ansible_playbook_python }}).
  - A text or path option given a value of another type (a list for O(access_secret), a number for
    O(report_dir)) is refused before any request, since Ansible would silently sign or use its Python
    text. Run by the role C(nxcloud.whatsapp.phone_compliance), the message names the role variable the
    value came from (C(phone_compliance_access_secret), C(phone_compliance_report_dir)); a null
    C(phone_compliance_report_dir) is refused too.
seealso:
  - module: nxcloud.whatsapp.phone_info
  - name: The phone_compliance role
    description: Runs this check over an inventory of environments, with combined reports.
    link: https://github.com/nxcloud-whatsapp/nxcloud.whatsapp/blob/main/roles/phone_compliance/README.md
'''

EXAMPLES = r'''
- name: Fail when a production number is not connected, verified and out of the red
  nxcloud.whatsapp.phone_compliance_check:
    appkey: "{{ vault_appkey_prod }}"
    environment: prod

- name: Audit staging with stricter checks and a waiver, keeping the reports for CI
  nxcloud.whatsapp.phone_compliance_check:
    appkey: "{{ vault_appkey_staging }}"
    environment: staging
    policy:
      checks: [status, code_verification_status, quality_rating, name_status, current_limit]
      minimum_tier: TIER_10K
      severity:
        current_limit: warn
    waivers:
      - number: "8613800138000"
        check: status
        reason: FLAGGED after a template change; appeal filed
        expires: "2026-12-31"
        ticket: WA-1234
    fail_on: never
    report_dir: "{{ playbook_dir }}/reports"
  register: staging

- name: Show the violations of an audit-only run
  ansible.builtin.debug:
    msg: "{{ staging.message }}"
  when: not staging.compliant
'''

RETURN = r'''
compliant:
  description: Whether the app complies, as O(fail_on) and O(fail_on_error) judge it. The task fails when it is false.
  returned: always
  type: bool
  sample: false
message:
  description: The verdict as text; one line per violation (number, check, expected, observed, severity, status), failing ones marked V(FAIL).
  returned: always
  type: str
  sample: "phone compliance: 0 errored, 1 failed, 0 warned, 0 waived, 5 passed (fail_on=fail)\nenvironment prod (failed):\n
    \  [FAIL] 8613800138001 status: expected CONNECTED, observed FLAGGED (severity fail, failed)"
environment:
  description: The name of the environment, O(environment).
  returned: always
  type: str
  sample: prod
status:
  description: The worst status among the results, V(errored), V(failed), V(warned) or V(passed).
  returned: always
  type: str
  sample: failed
today:
  description: The date the waivers were judged by.
  returned: always
  type: str
  sample: "2026-11-27"
error:
  description: Why the app could not be read (the message of M(nxcloud.whatsapp.phone_info)), or null.
  returned: always
  type: str
  sample: null
checks:
  description: The checks that ran.
  returned: always
  type: list
  elements: str
  sample: [status, code_verification_status, quality_rating, required_number]
counts:
  description: How many results have each status, and how many numbers were judged.
  returned: always
  type: dict
  sample: {errored: 0, failed: 1, warned: 0, waived: 0, passed: 5, results: 6, numbers: 2, expired_waivers: 0}
results:
  description:
    - One entry per number and check that is not passed (failed, warned, waived or errored), in the order the checks ran.
    - With O(return_passed=true), every entry, passed ones included.
    - The JSON report (RV(result_file)) holds every entry whatever O(return_passed) says.
  returned: always
  type: list
  elements: dict
  contains:
    environment:
      description: The environment.
      type: str
    number:
      description: The number, digits only; null for an error of the whole app.
      type: str
    display_number:
      description: The number as the answer displays it (its C(display_phone_number)); null when the answer did not hold the number.
      type: str
    display_name:
      description: The number's display name in the answer (its C(verified_name)); null when the answer did not hold the number.
      type: str
    check:
      description:
        - The check; V(phone_info) for an app that could not be read, V(waiver) for an expired waiver.
        - V(configuration) in a combined report (M(nxcloud.whatsapp.phone_compliance_report)) for an environment whose check
          refused its own options.
      type: str
    expected:
      description: What the policy requires.
      type: str
    observed:
      description: What the service answered, as it answered it.
      type: raw
    severity:
      description: V(fail) or V(warn).
      type: str
    status:
      description: V(passed), V(failed), V(warned), V(waived) or V(errored).
      type: str
    reason:
      description: Why the result is not passed, or null.
      type: str
    waiver:
      description: The waiver that applied (number, check, reason, expires, owner, ticket), or null.
      type: dict
  sample:
    - environment: prod
      number: "8613800138001"
      display_number: "+86 138 0013 8001"
      display_name: Example Shop
      check: status
      expected: CONNECTED
      observed: FLAGGED
      severity: fail
      status: failed
      reason: null
      waiver: null
phones:
  description:
    - The numbers as read, each as M(nxcloud.whatsapp.phone_info) returns it (values that strict JSON cannot hold, such as NaN, as text).
    - What compares one run with the next (changes since the last run) and what shows every number's state reads them.
    - The JSON report (RV(result_file)) holds them whatever O(return_passed) says.
  returned: when O(return_passed=true)
  type: list
  elements: dict
  sample:
    - number: "8613800138000"
      display_phone_number: "+86 138 0013 8000"
      verified_name: Acme Retail
      quality_rating: GREEN
      name_status: APPROVED
      status: CONNECTED
      current_limit: TIER_10K
      code_verification_status: VERIFIED
run:
  description:
    - What the reports say about this run, for whoever reads them later.
    - C(time), when the check ran (UTC, C(YYYY-MM-DDTHH:MM:SSZ)); C(collection_version); C(api_url), the API that was asked,
      with any password written in it hidden (null when the read failed before saying).
  returned: always
  type: dict
  sample: {time: "2026-11-27T02:30:05Z", collection_version: 0.1.0, api_url: "https://api2.nxcloud.com"}
changes:
  description:
    - What changed since the previous run of the environment, one entry per change; empty on a first run (see RV(changes_note)),
      and when the app could not be read on this run.
    - C(kind) is V(added), V(removed) (the app no longer returns the number) or V(changed); a V(changed) entry names the
      C(field) with its value C(before) and C(after). The fields compared are C(status), C(quality_rating),
      C(code_verification_status), C(name_status), C(current_limit) and C(verified_name).
    - C(quality_dropped) is true when C(quality_rating) moved to a worse rating (V(GREEN) to V(YELLOW) to V(RED)).
  returned: always
  type: list
  elements: dict
  sample:
    - {environment: prod, number: "8613800138000", kind: changed, field: quality_rating, before: GREEN, after: YELLOW, quality_dropped: true}
    - {environment: prod, number: "12025550142", kind: removed, quality_dropped: false}
changes_note:
  description: Why no changes could be told (no previous run known, the app not read on this run); empty when they were.
  returned: always
  type: str
  sample: "no previous run of this environment is known, so no changes are shown. To see what changed ..."
previous_run:
  description: The time, date and status of the previous run compared with; null on a first run.
  returned: always
  type: dict
  sample: {time: "2026-12-01T06:00:00Z", today: "2026-12-01", status: passed}
trend:
  description:
    - The runs kept (oldest first; each with C(time), C(today), C(status) and C(counts)) and each number's quality strip,
      one mark per run kept (V(G), V(Y), V(R), V(U) not rated, V(?) another value, V(-) not read), for the reports.
    - The JSON report (RV(result_file)) holds it whatever O(return_passed) says.
  returned: when O(return_passed=true) and O(keep_state=true)
  type: dict
  sample: {runs: [{time: "2026-12-01T06:00:00Z", today: "2026-12-01", status: passed,
                   counts: {numbers: 1, errored: 0, failed: 0, warned: 0, waived: 0, passed: 3}}], quality: {"8613800138000": "GGY"}}
ansible_facts:
  description: The fact the fact cache keeps for the next run.
  returned: when O(keep_state=true)
  type: dict
  contains:
    phone_compliance_state:
      description:
        - The state of the environment after this run. C(version) (1), C(environment), C(max_runs) (30), C(fields) (the
          tracked fields, in order), C(runs) (at most C(max_runs), oldest first, as in RV(trend)) and C(numbers).
        - C(numbers) is one JSON text (Ansible then copies one value per run, not 70,000) of an object that maps each number
          to the values of C(fields) on the last run followed by its quality strip.
        - A number no longer returned is dropped after the run that reports it removed.
      type: dict
      sample:
        version: 1
        environment: prod
        max_runs: 30
        fields: [status, quality_rating, code_verification_status, name_status, current_limit, verified_name]
        runs: [{time: "2026-12-01T06:00:00Z", today: "2026-12-01", status: passed,
                counts: {numbers: 1, errored: 0, failed: 0, warned: 0, waived: 0, passed: 3}}]
        numbers: '{"8613800138000":["CONNECTED","GREEN","VERIFIED","APPROVED","TIER_10K","Acme Retail","GGG"]}'
waivers:
  description: Every waiver given, with its C(state), V(applied) (it waived a violation), V(unused) (nothing to waive) or V(expired).
  returned: always
  type: list
  elements: dict
  sample: []
summary:
  description: A compact view for notifications and job statistics; the counts and the results that are not passed.
  returned: always
  type: dict
  sample: {environment: prod, status: failed, today: "2026-11-27", error: null, counts: {failed: 1, passed: 5},
           violations: [], expired_waivers: []}
reports:
  description: The paths of the reports written, on the controller.
  returned: always
  type: list
  elements: str
  sample: [/srv/reports/prod.json, /srv/reports/prod.junit.xml, /srv/reports/prod.md]
result_file:
  description:
    - The path, on the controller, of the JSON report written to O(report_dir), which holds every result, passed ones included;
      null when no JSON report was written.
    - M(nxcloud.whatsapp.phone_compliance_report) reads the passed results and the numbers as read (RV(phones)) from it.
  returned: always
  type: str
  sample: /srv/reports/prod.json
'''
