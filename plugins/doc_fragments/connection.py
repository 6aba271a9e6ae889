# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Network options of every NxCloud module (argument spec in module_utils/_arguments.py).
    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - Base URL of the NxCloud API; the module appends the call's path (C(/api/wa/getPhone)).
      - Only C(https://api2.nxcloud.com) is documented by the provider for the WhatsApp calls; set another
        URL for a proxying gateway or for the simulator bundled in the collection's tests.
      - If not set, the environment variable E(NXCLOUD_API_URL) is used.
    type: str
    default: https://api2.nxcloud.com
  sign_algorithm:
    description:
      - Hash used for the request signature.
      - V(md5) is the provider's documented default.
      - V(sha256) sends the C(algorithm) header; the provider mentions it only on its newest help page
        without spelling out the signed string, so the module hashes the same string with SHA-256.
        This reading is unconfirmed; use it only if your account is known to accept it.
      - If not set, the environment variable E(NXCLOUD_SIGN_ALGORITHM) is used.
    type: str
    choices: [md5, sha256]
    default: md5
  timeout:
    description:
      - Seconds to wait for the connection and for the answer of each attempt.
      - If not set, the environment variable E(NXCLOUD_TIMEOUT) is used.
    type: int
    default: 30
  retries:
    description:
      - How many times a transient failure is retried after the first attempt (connection errors,
        timeouts, HTTP 408, 429, 500, 502, 503 and 504), with exponential backoff and jitter.
        A C(Retry-After) header is honoured, up to 120 seconds. Each retry is signed anew and
        reported as a warning.
      - Result codes of the API (for example 1003 or 9006) are answers, never retried.
      - V(0) disables retries.
      - If not set, the environment variable E(NXCLOUD_RETRIES) is used.
    type: int
    default: 3
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
      - Only set this to V(false) for tests against a local service.
      - If not set, the environment variable E(NXCLOUD_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path of a PEM file with the CA certificates that may sign the service's certificate, for
        a gateway or proxy with a private CA. Without it the system's or C(certifi)'s CAs are used.
      - If not set, the environment variable E(NXCLOUD_CA_PATH) is used.
    type: path
  proxy_url:
    description:
      - URL of an HTTP(S) proxy for the requests, for example V(http://proxy.example.com:3128).
      - Without it the usual E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables apply.
      - If not set, the environment variable E(NXCLOUD_PROXY_URL) is used.
    type: str
requirements:
  - requests >= 2.25 (Python library on the host that runs the module, usually the controller)
'''

    # The same options for plugins (the inventory plugin), which read the same environment variables
    # through Ansible's configuration: use it together with the fragment above.
    PLUGINS = r'''
options:
  api_url:
    env:
      - name: NXCLOUD_API_URL
  sign_algorithm:
    env:
      - name: NXCLOUD_SIGN_ALGORITHM
  timeout:
    env:
      - name: NXCLOUD_TIMEOUT
  retries:
    env:
      - name: NXCLOUD_RETRIES
  validate_certs:
    env:
      - name: NXCLOUD_VALIDATE_CERTS
  ca_path:
    env:
      - name: NXCLOUD_CA_PATH
  proxy_url:
    env:
      - name: NXCLOUD_PROXY_URL
'''
