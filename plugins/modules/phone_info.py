#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: phone_info
short_description: Get the state of WhatsApp Business numbers from NxCloud
version_added: 0.1.0
description:
  - Calls NxCloud's signed C(getPhone) API once for an app and returns the state of each of its
    WhatsApp Business numbers, or of the numbers asked for, with connection status, quality rating,
    display name and its approval, code verification and messaging limit.
  - One request per task, whatever the number of phones.
  - Values are returned exactly as the service sends them, including values not documented yet
    (such as the provider's spelling V(UNKNOW)) and fields added later.
  - The provider documents two shapes for the answer (an object keyed by number, and a
    C(business_phones) array); both are accepted.
author:
  - nxcloud.whatsapp maintainers (@nxcloud-whatsapp)
extends_documentation_fragment:
  - nxcloud.whatsapp.auth
  - nxcloud.whatsapp.connection
  - nxcloud.whatsapp.attributes
  - nxcloud.whatsapp.attributes.action_group
options:
  business_phones:
    description:
      - The business numbers to ask for, with country code.
      - Written as people write them; V(+86 138-0013-8000), V(8613800138000), a YAML integer or a
        comma-separated string all work. They are normalised to digits; spaces, V(+), V(-), V(.)
        and brackets are dropped, anything else (letters) is an error naming the entry.
      - The numbers are sent joined by a bare comma, as in the provider's example request.
      - When empty or not given, every number of the app is returned.
    type: list
    elements: raw
    default: []
notes:
  - The request carries a millisecond timestamp that the service rejects when it is more than
    60 seconds away from its own clock (result code 1004); keep the clock of the machine running
    the module in sync (NTP).
  - A success (result code 0) whose C(data) is null is reported as a failure, since the state
    of the numbers is then unknown.
  - The role C(nxcloud.whatsapp.phone_compliance) builds on this module to assert the state of every
    number, with waivers, and to write JSON, JUnit and Markdown reports.
  - When the task's connection is C(local), without C(become), C(async) or the C(environment)
    keyword, the request is made in the controller's own process (an action plugin), with the
    Python that runs Ansible, which needs C(requests); no module process is started. Anywhere else
    the module runs on the task's host, whose Python needs C(requests); for localhost tasks run
    that way, set C(ansible_python_interpreter) to C({{ ansible_playbook_python }}).
seealso:
  - name: NxCloud getPhone API
    description: The provider's page for the call this module makes.
    link: https://github.com/nxtele/nxcloud-doc-en/wiki/WhatsApp-API-getPhone
'''

EXAMPLES = r'''
- name: Get every number of an app, credentials from the environment
  # NXCLOUD_ACCESS_KEY, NXCLOUD_ACCESS_SECRET and NXCLOUD_APPKEY are set
  nxcloud.whatsapp.phone_info:
  register: whatsapp

- name: Set the credentials once for every module of the collection
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/nxcloud.whatsapp.nxcloud:
      access_key: "{{ vault_nxcloud_access_key }}"
      access_secret: "{{ vault_nxcloud_access_secret }}"
  tasks:
    - name: Get two numbers of the production app
      nxcloud.whatsapp.phone_info:
        appkey: "{{ vault_nxcloud_appkey_prod }}"
        business_phones:
          - "+86 138-0013-8000"
          - 14155550123
      register: prod

    - name: Every number must be connected and verified
      ansible.builtin.assert:
        that:
          - prod.missing | length == 0
          - prod.phones | rejectattr('status', 'eq', 'CONNECTED') | list | length == 0
          - prod.phones | rejectattr('code_verification_status', 'eq', 'VERIFIED') | list | length == 0
        fail_msg: "Not compliant: {{ prod.phones | rejectattr('status', 'eq', 'CONNECTED') | map(attribute='number') | list }}"

- name: Read one number's quality rating without a loop
  ansible.builtin.debug:
    msg: "{{ prod.phones_by_number['8613800138000'].quality_rating | default('not in the answer') }}"

- name: Gather the numbers of every environment
  nxcloud.whatsapp.phone_info:
    access_key: "{{ vault_nxcloud_access_key }}"
    access_secret: "{{ vault_nxcloud_access_secret }}"
    appkey: "{{ item.appkey }}"
  loop:
    - {name: dev, appkey: "{{ vault_appkey_dev }}"}
    - {name: staging, appkey: "{{ vault_appkey_staging }}"}
    - {name: prod, appkey: "{{ vault_appkey_prod }}"}
  loop_control:
    label: "{{ item.name }}"
  register: environments

- name: Through a proxy with a private CA, failing fast
  nxcloud.whatsapp.phone_info:
    api_url: https://nxcloud-gateway.internal.example.com
    ca_path: /etc/pki/tls/certs/internal-ca.pem
    proxy_url: http://proxy.internal.example.com:3128
    timeout: 10
    retries: 1
  register: whatsapp
'''

RETURN = r'''
phones:
  description:
    - One entry per number the service returned, in the order it sent them.
    - Besides the fields below, any other field the service sends is returned unchanged.
  returned: success
  type: list
  elements: dict
  contains:
    number:
      description: The number as the service keys it, digits only, with country code.
      type: str
      sample: "8613800138000"
    display_phone_number:
      description: The number as displayed.
      type: str
      sample: "+86 138 0013 8000"
    verified_name:
      description: The display name of the number.
      type: str
      sample: Example Shop
    quality_rating:
      description:
        - Meta's quality rating of the number over recent days.
        - V(GREEN), V(YELLOW), V(RED); V(NA), V(UNKNOWN) or V(UNKNOW) when not rated yet.
      type: str
      sample: GREEN
    name_status:
      description:
        - Approval of the display name, such as V(APPROVED), V(AVAILABLE_WITHOUT_REVIEW),
          V(PENDING_REVIEW), V(NONE), V(DECLINED) or V(EXPIRED).
      type: str
      sample: APPROVED
    status:
      description:
        - State of the number, such as V(CONNECTED), V(FLAGGED), V(RESTRICTED), V(RATE_LIMITED),
          V(PENDING), V(UNVERIFIED), V(MIGRATED), V(DISCONNECTED), V(DELETED), V(BANNED) or V(UNKNOWN).
      type: str
      sample: CONNECTED
    current_limit:
      description:
        - Business-initiated conversations allowed per 24 hours, such as V(TIER_1K) or
          V(TIER_UNLIMITED). Often empty, since Meta moved this limit to the business portfolio.
      type: str
      sample: TIER_1K
    code_verification_status:
      description: Verification of the number, such as V(VERIFIED), V(NOT_VERIFIED) or V(EXPIRED).
      type: str
      sample: VERIFIED
  sample:
    - number: "8613800138000"
      display_phone_number: "+86 138 0013 8000"
      verified_name: Example Shop
      quality_rating: GREEN
      name_status: APPROVED
      status: CONNECTED
      current_limit: TIER_1K
      code_verification_status: VERIFIED
phones_by_number:
  description:
    - The entries of RV(phones) keyed by their C(number) (digits), so that a playbook reaches one number
      without a loop, for example C(prod.phones_by_number['8613800138000'].quality_rating).
    - Should the service list a number twice, the last entry is kept here (RV(phones) keeps both).
  returned: success
  type: dict
  sample:
    "8613800138000":
      number: "8613800138000"
      display_phone_number: "+86 138 0013 8000"
      verified_name: Example Shop
      quality_rating: GREEN
      name_status: APPROVED
      status: CONNECTED
      current_limit: TIER_1K
      code_verification_status: VERIFIED
api_url:
  description:
    - The base URL of the API that was asked (O(api_url) or its environment variable), with any password
      written in it hidden. Reports use it to say which service they describe.
  returned: always
  type: str
  sample: https://api2.nxcloud.com
missing:
  description: The requested numbers (digits) that the answer did not hold. Empty when O(business_phones) is empty.
  returned: success
  type: list
  elements: str
  sample: ["14155550123"]
result_code:
  description: The service's result code, when it answered with one other than 0.
  returned: failure
  type: int
  sample: 9006
service_message:
  description: The service's message that came with RV(result_code).
  returned: failure
  type: str
  sample: WhatsApp number not bound to the application
http_status:
  description: The HTTP status, when the service answered with one other than 2xx.
  returned: failure
  type: int
  sample: 503
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._phone_info import phone_info_argument_spec, run_module


def main():
    # The body is shared with the call made in the controller's process (module_utils/_phone_info.py).
    run_module(AnsibleModule(argument_spec=phone_info_argument_spec(), supports_check_mode=True))


if __name__ == '__main__':
    main()
