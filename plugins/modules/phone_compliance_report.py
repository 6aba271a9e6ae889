#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# The work is done by the action plugin of the same name (plugins/action/phone_compliance_report.py);
# this file holds its documentation.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: phone_compliance_report
short_description: Combine the compliance results of several NxCloud apps into one summary and report
version_added: 0.2.0
description:
  - Combines the results of several M(nxcloud.whatsapp.phone_compliance_check) tasks, one per
    environment (app), into one summary (counts and violations per environment), optionally kept
    as job statistics for AWX, and writes them as one JSON, JUnit XML and Markdown report on the
    controller, for people and CI systems to read.
  - By default it reads the result each host of the play registered as C(phone_compliance_result),
    as the role C(nxcloud.whatsapp.phone_compliance) does; or give the results in O(results).
  - A host without a result (it failed before its check judged anything) is reported as an
    errored environment, never left out, so a report never looks complete when it is not.
  - A check returns only its results that are not passed (unless
    O(nxcloud.whatsapp.phone_compliance_check#module:return_passed=true)); the reports, which list
    every result, read the others from the JSON report the check wrote, whose path it returns as
    RV(nxcloud.whatsapp.phone_compliance_check#module:result_file). So give each check a
    O(nxcloud.whatsapp.phone_compliance_check#module:report_dir) with V(json) among its
    O(nxcloud.whatsapp.phone_compliance_check#module:report_formats), as the role C(nxcloud.whatsapp.phone_compliance)
    does, and keep those files until the report is written. A result whose passed results can be
    found in neither place fails the task, saying which host and what to set. Without O(report_dir)
    only the summaries are read, and no file.
  - Makes no request to NxCloud; it runs on the controller, whatever the task's host.
  - With O(report_formats) holding V(prometheus), writes C(<file_stem>.prom), the state of every number
    and the counts as Prometheus metrics, for node_exporter's textfile collector; with O(pushgateway_url),
    pushes the same metrics to a Prometheus Pushgateway, one push per environment. The series and
    example alerting rules are in the collection's guide to metrics (docs/docsite/rst/metrics.rst).
requirements:
  - orjson >= 3.11.7 (optional; with it the JSON reports are written several times faster, the same JSON; an older orjson is not used)
  - prometheus_client >= 0.12.0 (only for the V(prometheus) report format and O(pushgateway_url))
author:
  - nxcloud.whatsapp maintainers (@nxcloud-whatsapp)
extends_documentation_fragment:
  - nxcloud.whatsapp.attributes
  - nxcloud.whatsapp.attributes.action_group
  - nxcloud.whatsapp.attributes.controller_action
  - nxcloud.whatsapp.reports
options:
  results:
    description:
      - The registered results of M(nxcloud.whatsapp.phone_compliance_check), one per environment.
      - When given, O(hosts) and O(result_var) are not used. Reading them from the hosts is much
        faster for large apps, since the results are then not templated as a task option.
    type: list
    elements: raw
  hosts:
    description:
      - The hosts whose registered result is combined, in the order they are listed in the reports.
      - Defaults to every host of the play (C(ansible_play_hosts_all)), failed ones included.
      - Mutually exclusive with O(results).
    type: list
    elements: str
  result_var:
    description: The name each host registered its M(nxcloud.whatsapp.phone_compliance_check) result under.
    type: str
    default: phone_compliance_result
  report_dir:
    description:
      - The directory on the controller to write the reports to, as C(<file_stem>.json),
        C(<file_stem>.junit.xml) and C(<file_stem>.md). Created when missing.
      - Each file is replaced atomically; every format is rendered before the first is written.
      - The reports are written in check mode too, since they describe what was read.
      - When not given, no file is written; the summary is returned all the same. Only the
        summary of each result is read then, however many numbers the apps hold.
    type: path
  file_stem:
    description: The name of the report files, without directory or extension.
    type: str
    default: phone-compliance
  fail_on:
    description:
      - What the reports mark as failing (JUnit failures, the Markdown verdict), as for
        M(nxcloud.whatsapp.phone_compliance_check). This module itself never fails on a violation.
    type: str
    choices: [fail, warn, never]
    default: fail
  fail_on_error:
    description: Whether an environment that could not be read is marked as failing in the reports.
    type: bool
    default: true
  today:
    description:
      - The date (YYYY-MM-DD) named in the report of a host without a result.
      - Defaults to the controller's date in UTC.
    type: str
  pushgateway_url:
    description:
      - The URL of a Prometheus Pushgateway to push the metrics of every environment to, such as
        C(https://pushgateway.example.com:9091); empty (the default) pushes nothing.
      - Each environment is pushed on its own, grouped by C(job) (O(pushgateway_job)) and
        C(environment), so that it replaces only its own series. An environment that was read
        replaces all of its group's series (HTTP PUT). One that could not be read replaces only
        C(nxcloud_whatsapp_environment_up) (now 0) and C(nxcloud_whatsapp_compliance_results)
        (HTTP POST), so its numbers and C(nxcloud_whatsapp_environment_last_success_timestamp_seconds)
        stay as its last successful push left them, and an alert on the time since the last
        successful read fires when it should.
      - The numbers as read come with each check's full result, so, as for O(report_dir), give each
        check a report_dir with V(json) among its report_formats (the role does when
        C(phone_compliance_report_dir) is set) or O(nxcloud.whatsapp.phone_compliance_check#module:return_passed=true).
      - A user name and password in the URL are used for basic auth (when O(pushgateway_username) is
        not given) and never shown; prefer O(pushgateway_username) and O(pushgateway_password).
      - The push goes through the proxy named by the C(https_proxy) / C(http_proxy) environment
        variables of the controller, if any (C(no_proxy) is honoured).
    type: str
    default: ''
  pushgateway_job:
    description: The C(job) label of the pushed series, the first part of their group on the Pushgateway.
    type: str
    default: nxcloud_whatsapp_phone_compliance
  pushgateway_username:
    description: The user name for HTTP basic auth at the Pushgateway (or at a proxy in front of it).
    type: str
  pushgateway_password:
    description: The password for HTTP basic auth at the Pushgateway; never shown in any output.
    type: str
  pushgateway_validate_certs:
    description:
      - Whether the Pushgateway's TLS certificate is checked (against O(pushgateway_ca_path), or the
        controller's trusted CAs). Turn it off only for a test gateway.
    type: bool
    default: true
  pushgateway_ca_path:
    description: A PEM file of the CA certificates that sign the Pushgateway's certificate.
    type: path
  pushgateway_client_cert:
    description: A PEM client certificate for a Pushgateway (or proxy) that asks for one (mutual TLS).
    type: path
  pushgateway_client_key:
    description: The private key of O(pushgateway_client_cert), when the certificate file does not hold it.
    type: path
  pushgateway_timeout:
    description: Seconds one push may take before it fails, from 1 to 600.
    type: int
    default: 30
  pushgateway_on_error:
    description:
      - What a push that fails (gateway unreachable, TLS, refused) does once the reports are written.
      - V(fail) (the default) fails the task, naming the gateway and why, so a CI run does not stay
        green while its alerts get no data; V(warn) warns and lets the run go on.
      - A missing C(prometheus_client) library fails the task either way.
    type: str
    choices: [fail, warn]
    default: fail
notes:
  - Module defaults for C(group/nxcloud.whatsapp.nxcloud) apply to every module of the collection;
    this one makes no request, so the connection options they give (O(nxcloud.whatsapp.phone_info#module:access_key),
    O(nxcloud.whatsapp.phone_info#module:access_secret) and the others of M(nxcloud.whatsapp.phone_info)) are
    accepted and ignored. One written on the task itself, not given by module defaults, has no effect either, and the
    task warns, naming it.
  - Run it once for the play (C(run_once=true)) after the checks; with O(hosts) left to its default
    it covers every host of the play.
  - The metrics' time of the last successful read is the time this module made them, for every
    environment that was read; for one that was not, the C(.prom) file keeps the time the file it
    replaces held, and the Pushgateway the time of the last successful push.
seealso:
  - module: nxcloud.whatsapp.phone_compliance_check
  - name: The phone_compliance role
    description: Checks an inventory of environments and writes these reports.
    link: https://github.com/nxcloud-whatsapp/nxcloud.whatsapp/blob/main/roles/phone_compliance/README.md
'''

EXAMPLES = r'''
- name: Check every environment of the inventory, then report once
  hosts: whatsapp_apps
  gather_facts: false
  tasks:
    - name: Check the numbers of this environment, keeping its JSON report for the combined one
      nxcloud.whatsapp.phone_compliance_check:
        appkey: "{{ nxcloud_appkey }}"
        fail_on: never
        report_dir: "{{ playbook_dir }}/reports/environments"
        report_formats: [json]
      delegate_to: localhost
      register: phone_compliance_result

    - name: Write one report over every environment
      nxcloud.whatsapp.phone_compliance_report:
        report_dir: "{{ playbook_dir }}/reports"
      run_once: true

- name: Check two apps from one host and report them together
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Check prod
      nxcloud.whatsapp.phone_compliance_check:
        appkey: "{{ vault_appkey_prod }}"
        environment: prod
        fail_on: never
        return_passed: true  # small apps: every result in the registered value, no file needed
      register: prod_check

    - name: Check staging
      nxcloud.whatsapp.phone_compliance_check:
        appkey: "{{ vault_appkey_staging }}"
        environment: staging
        fail_on: never
        return_passed: true
      register: staging_check

    - name: Write one JUnit report for the CI system
      nxcloud.whatsapp.phone_compliance_report:
        results:
          - "{{ prod_check }}"
          - "{{ staging_check }}"
        report_dir: "{{ playbook_dir }}/reports"
        file_stem: whatsapp-compliance
        report_formats: [junit]

- name: Check every environment, report once, and push the metrics to a Pushgateway
  hosts: whatsapp_apps
  gather_facts: false
  tasks:
    - name: Check the numbers of this environment
      nxcloud.whatsapp.phone_compliance_check:
        appkey: "{{ nxcloud_appkey }}"
        fail_on: never
        report_dir: "{{ playbook_dir }}/reports/environments"
        report_formats: [json]
      delegate_to: localhost
      register: phone_compliance_result

    - name: Report every environment, and push the metrics to a Pushgateway
      nxcloud.whatsapp.phone_compliance_report:
        report_dir: "{{ playbook_dir }}/reports"
        report_formats: [json, prometheus]
        pushgateway_url: https://pushgateway.example.com:9091
        pushgateway_username: ansible
        pushgateway_password: "{{ vault_pushgateway_password }}"
        pushgateway_ca_path: /etc/pki/tls/certs/monitoring-ca.pem
      run_once: true
'''

RETURN = r'''
status:
  description: The worst status over every environment, V(errored), V(failed), V(warned) or V(passed).
  returned: success
  type: str
  sample: failed
counts:
  description: How many results have each status, summed over the environments, and how many environments there are.
  returned: success
  type: dict
  sample: {errored: 0, failed: 2, warned: 1, waived: 0, passed: 57, results: 60, numbers: 20, expired_waivers: 0, environments: 3}
environments:
  description:
    - The summary of each environment, in order; a host without a result is an errored environment named after the host.
  returned: success
  type: list
  elements: dict
  contains:
    environment:
      description: The environment.
      type: str
    status:
      description: Its worst status.
      type: str
    today:
      description: The date its waivers were judged by.
      type: str
    error:
      description: Why it could not be read, or null.
      type: str
    counts:
      description: Its counts.
      type: dict
    violations:
      description:
        - Its results that are not passed, worst first, each with C(number), C(display_number), C(display_name), C(check),
          C(expected), C(observed), C(severity), C(status) and C(reason).
        - An environment whose check refused its own options has one, of check V(configuration).
      type: list
      elements: dict
    expired_waivers:
      description: Its waivers that have expired.
      type: list
      elements: dict
  sample:
    - environment: prod
      status: failed
      today: "2026-11-27"
      error: null
      counts: {errored: 0, failed: 1, warned: 0, waived: 0, passed: 5, results: 6, numbers: 2, expired_waivers: 0}
      violations:
        - {number: "8613800138001", display_number: "+86 138 0013 8001", display_name: Example Shop, check: status,
           expected: CONNECTED, observed: FLAGGED, severity: fail, status: failed, reason: null}
      expired_waivers: []
changes:
  description:
    - What changed since the previous run, over every environment (RV(nxcloud.whatsapp.phone_compliance_check#module:changes)
      of each, in order); each entry names its C(environment).
  returned: success
  type: list
  elements: dict
  sample:
    - {environment: prod, number: "8613800138000", kind: changed, field: quality_rating, before: GREEN, after: YELLOW, quality_dropped: true}
changes_note:
  description: The environments whose changes are not known, and why (no previous run, the app not read); empty when every one's are.
  returned: success
  type: str
  sample: "staging: no previous run of this environment is known, so no changes are shown. ..."
reports:
  description: The paths of the reports written, on the controller; empty without O(report_dir).
  returned: success
  type: list
  elements: str
  sample: [/srv/reports/phone-compliance.json, /srv/reports/phone-compliance.junit.xml, /srv/reports/phone-compliance.md]
pushed:
  description:
    - The environments whose metrics were pushed to O(pushgateway_url), in order; those whose push
      failed are named in the warnings (with O(pushgateway_on_error=warn)).
  returned: when O(pushgateway_url) is set
  type: list
  elements: str
  sample: [prod, staging]
'''
