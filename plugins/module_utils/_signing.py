# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""NxCloud request signing: the canonical pre-hash string and its digest.

The provider signs ``accessKey=..&action=..&bizType=..&ts=..&body=<bytes sent>&accessSecret=..``
with lower-case hex MD5. SHA-256 (selected by the ``algorithm`` header) is documented only by
name; hashing the same string with SHA-256 is the natural, unconfirmed reading.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

SIGN_ALGORITHMS = ('md5', 'sha256')


def _to_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode('utf-8')


def canonical_bytes(access_key, action, biz_type, ts, body, access_secret):
    """Return the exact bytes that are hashed.

    ``body`` must be the bytes that go on the wire (or empty, in which case ``&body=`` is left
    out, as the provider specifies for bodiless calls). The header part is sorted by name in
    ASCII order, which for these four names is always this fixed order.
    """
    headers = {
        'accessKey': access_key,
        'action': action,
        'bizType': biz_type,
        'ts': ts,
    }
    parts = [b'&'.join(_to_bytes(name) + b'=' + _to_bytes(headers[name]) for name in sorted(headers))]
    if body:
        parts.append(b'&body=' + _to_bytes(body))
    parts.append(b'&accessSecret=' + _to_bytes(access_secret))
    return b''.join(parts)


def sign(access_key, action, biz_type, ts, body, access_secret, algorithm='md5'):
    """Return the lower-case hex signature of one request."""
    if algorithm not in SIGN_ALGORITHMS:
        raise ValueError('unsupported signing algorithm %r; use one of %s' % (algorithm, ', '.join(SIGN_ALGORITHMS)))
    digest = hashlib.new(algorithm)
    digest.update(canonical_bytes(access_key, action, biz_type, ts, body, access_secret))
    return digest.hexdigest()
