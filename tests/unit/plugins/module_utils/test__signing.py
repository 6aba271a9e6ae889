# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._signing import canonical_bytes, sign

VECTOR = dict(access_key='fme2na3kdi3ki', action='send', biz_type='1', ts='1655710885431', access_secret='abciiiko2k3')


@pytest.mark.parametrize('body, expected', [
    (u'{"name":"牛小信","id":10001}', '87c3560d3331ae23f1021e2025722354'),
    (u'{"id":10001,"name":"牛小信"}', '7750759da06333f20d0640be09355e34'),
    (u'{"id": 10001, "name": "牛小信"}', 'd0c24a9886c629330d7f3f2056c65bc2'),
])
def test_published_vectors_sign_the_exact_body_bytes(body, expected):
    assert sign(body=body.encode('utf-8'), **VECTOR) == expected


def test_pre_hash_string_matches_the_published_one():
    expected = u'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&body={"name":"牛小信","id":10001}&accessSecret=abciiiko2k3'
    assert canonical_bytes(body=u'{"name":"牛小信","id":10001}'.encode('utf-8'), **VECTOR) == expected.encode('utf-8')


def test_empty_body_leaves_the_body_part_out():
    assert canonical_bytes(body=b'', **VECTOR) == b'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&accessSecret=abciiiko2k3'


def test_sha256_hashes_the_same_string():
    body = b'{"appkey":"k"}'
    expected = hashlib.sha256(canonical_bytes(body=body, **VECTOR)).hexdigest()
    result = sign(body=body, algorithm='sha256', **VECTOR)
    assert result == expected
    assert len(result) == 64


def test_unknown_algorithm_is_refused():
    with pytest.raises(ValueError, match='sha1'):
        sign(body=b'{}', algorithm='sha1', **VECTOR)
