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
      - Seconds one attempt may take as a whole, from 1 to 600; connecting, the status line, the headers
        and the whole body must all arrive within it. A service that sends its answer slowly, even one
        byte at a time, is cut off at this bound and the attempt counts as timed out.
      - "The worst case of a task is known in advance: (O(retries) + 1) x O(timeout) for the attempts plus
        at most 60 seconds of waiting between them in total (backoff and C(Retry-After) together). With the
        defaults that is 3 x 15 + 60 = 105 seconds; a service that does not answer at all costs
        3 x 15 s plus about 3 s of backoff. Name resolution by the system's resolver comes on top."
      - If not set, the environment variable E(NXCLOUD_TIMEOUT) is used.
    type: int
    default: 15
  retries:
    description:
      - How many times a transient failure is retried after the first attempt (connection errors,
        timeouts, HTTP 408, 429, 500, 502, 503 and 504), from 0 to 10, with exponential backoff and jitter.
      - A C(Retry-After) header is honoured up to 30 seconds a wait; all the waits of a task together stop
        at 60 seconds, after which the task gives up and says so. Each retry is signed anew and reported
        as a warning before its wait; when the call is made in the controller's process (a local
        connection) each retry is also shown as it happens.
      - Result codes of the API (for example 1003 or 9006) are answers, never retried.
      - V(0) disables retries.
      - If not set, the environment variable E(NXCLOUD_RETRIES) is used.
    type: int
    default: 2
  max_response_mb:
    description:
      - The largest answer read, in MiB once decompressed, from 1 to 4096. Reading stops as soon as an
        answer passes it (a compressed answer is decompressed chunk by chunk), and the task fails saying so.
      - An app of 100,000 numbers answers about 25 MiB, so the default leaves room; raise it only for a
        larger app.
      - If not set, the environment variable E(NXCLOUD_MAX_RESPONSE_MB) is used.
    type: int
    default: 64
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
      - Credentials written in it (V(http://user:password@proxy:3128)) are masked in every output, also in
        the Basic authentication form in which they travel.
      - Without it the usual E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables apply.
      - If not set, the environment variable E(NXCLOUD_PROXY_URL) is used.
    type: str
notes:
  - A module process that Ansible kills (the task keyword C(timeout), a cancelled AWX job) cannot clean up its
    files; with E(ANSIBLE_KEEP_REMOTE_FILES) on, none is cleaned up. The module file then stays under the remote
    temporary directory (C(~/.ansible/tmp)) with the task's options in it. To keep the secret out of it, give the
    credentials as E(NXCLOUD_ACCESS_KEY) / E(NXCLOUD_ACCESS_SECRET) in the environment of the run (an AWX
    credential of the collection's type does this), leave E(ANSIBLE_KEEP_REMOTE_FILES) off, and run the task on
    the controller (a local connection without C(become) or C(environment)), where the call is made in the
    controller's process and no module file is written. O(timeout) and O(retries) bound the call itself, so a
    task timeout longer than the worst case above never has to kill it.
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
  max_response_mb:
    env:
      - name: NXCLOUD_MAX_RESPONSE_MB
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
