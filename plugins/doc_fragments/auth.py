# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The account and app credentials every NxCloud module takes (argument spec in module_utils/_arguments.py).
    DOCUMENTATION = r'''
options:
  access_key:
    description:
      - The NxCloud account's access key, sent in the C(accessKey) header of every request.
      - If not set, the environment variable E(NXCLOUD_ACCESS_KEY) is used.
    type: str
    required: true
  access_secret:
    description:
      - The secret that belongs to O(access_key). It is only ever an input to the request signature,
        never sent, and never shown in results, warnings, errors or logs.
      - If not set, the environment variable E(NXCLOUD_ACCESS_SECRET) is used.
    type: str
    required: true
  appkey:
    description:
      - The key of the WhatsApp application in NxCloud. One app holds one or more business numbers;
        teams usually have one app per environment (dev, staging, prod).
      - If not set, the environment variable E(NXCLOUD_APPKEY) is used.
    type: str
    required: true
'''

    # The same options for plugins (the inventory plugin), which read the same environment variables
    # through Ansible's configuration: use it together with the fragment above.
    PLUGINS = r'''
options:
  access_key:
    env:
      - name: NXCLOUD_ACCESS_KEY
  access_secret:
    env:
      - name: NXCLOUD_ACCESS_SECRET
  appkey:
    env:
      - name: NXCLOUD_APPKEY
'''
