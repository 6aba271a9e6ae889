# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A certificate authority made for one simulator run, and the server's TLS context.

Clients are meant to trust the CA through `ca_path`, which exercises certificate
validation for real; nothing here is trusted by the system.
"""

from __future__ import annotations

import ssl

SERVER_NAMES = ('127.0.0.1', 'localhost', '::1')


class RunCertificates:
    """A fresh CA and a server certificate it issued for the loopback names."""

    def __init__(self, extra_names=()):
        # Imported here so that a plain-HTTP simulator runs without trustme installed.
        import trustme  # pylint: disable=import-outside-toplevel

        self.ca = trustme.CA(organization_name='nxcloud.whatsapp simulator (test only)')
        names = list(SERVER_NAMES) + [name for name in extra_names if name not in SERVER_NAMES]
        self.server_cert = self.ca.issue_cert(*names)

    def ca_pem(self):
        """Return the CA certificate in PEM form (what a client passes as ca_path)."""
        return self.ca.cert_pem.bytes()

    def write_ca(self, path):
        """Write the CA certificate to `path`."""
        with open(path, 'wb') as ca_file:
            ca_file.write(self.ca_pem())

    def server_context(self):
        """Return an SSLContext serving the issued certificate, TLS 1.2 or newer."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        self.server_cert.configure_cert(context)
        return context
