# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's own check of NxCloud request signatures.

Written independently of the collection's client on purpose: the two implementations
are each pinned to the provider's published vectors, so a mistake in one is caught by
the other instead of being copied into both.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNED_HEADER_NAMES = ('accessKey', 'action', 'bizType', 'ts')
HASHES_BY_ALGORITHM = {
    'md5': hashlib.md5,
    'sha256': hashlib.sha256,
}


def pre_hash_bytes(signed_headers, body_bytes, access_secret):
    """Return the exact bytes that are hashed: sorted headers, the raw body, the secret.

    `signed_headers` maps header name to its string value; `body_bytes` is the body as
    received on the wire (bytes), left out of the string when empty.
    """
    names = sorted(signed_headers)
    header_part = '&'.join('%s=%s' % (name, signed_headers[name]) for name in names).encode('utf-8')
    parts = [header_part]
    if body_bytes:
        parts.append(b'&body=' + body_bytes)
    parts.append(b'&accessSecret=' + access_secret.encode('utf-8'))
    return b''.join(parts)


def expected_signature(signed_headers, body_bytes, access_secret, algorithm='md5'):
    """Return the lower-case hex digest the provider expects for this request."""
    try:
        hash_factory = HASHES_BY_ALGORITHM[algorithm]
    except KeyError:
        raise ValueError('unsupported signature algorithm %r (expected one of: %s)' % (algorithm, ', '.join(sorted(HASHES_BY_ALGORITHM))))
    return hash_factory(pre_hash_bytes(signed_headers, body_bytes, access_secret)).hexdigest()


def signature_matches(received_sign, signed_headers, body_bytes, access_secret, algorithm='md5'):
    """Tell whether `received_sign` is the right signature; compared in constant time.

    The provider documents a lower-case hex digest, so that is the only form accepted:
    a client that sends anything else is off the documented path and should hear so.
    """
    expected = expected_signature(signed_headers, body_bytes, access_secret, algorithm)
    return hmac.compare_digest(expected.encode('ascii'), (received_sign or '').encode('utf-8', 'replace'))
