# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's signature check, pinned to the provider's three published vectors."""

from __future__ import annotations

import hashlib

import pytest

from nxcloud_sim.signing import expected_signature, pre_hash_bytes, signature_matches

VECTOR_HEADERS = {'accessKey': 'fme2na3kdi3ki', 'ts': '1655710885431', 'bizType': '1', 'action': 'send'}
VECTOR_SECRET = 'abciiiko2k3'
PUBLISHED_VECTORS = [
    ('{"name":"牛小信","id":10001}', '87c3560d3331ae23f1021e2025722354'),
    ('{"id":10001,"name":"牛小信"}', '7750759da06333f20d0640be09355e34'),
    ('{"id": 10001, "name": "牛小信"}', 'd0c24a9886c629330d7f3f2056c65bc2'),
]


@pytest.mark.parametrize('body, sign', PUBLISHED_VECTORS)
def test_published_vector_gives_published_signature(body, sign):
    assert expected_signature(VECTOR_HEADERS, body.encode('utf-8'), VECTOR_SECRET) == sign


@pytest.mark.parametrize('body, sign', PUBLISHED_VECTORS)
def test_published_vector_is_accepted(body, sign):
    assert signature_matches(sign, VECTOR_HEADERS, body.encode('utf-8'), VECTOR_SECRET)


def test_pre_hash_string_is_the_published_one():
    expected = 'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&body={"name":"牛小信","id":10001}&accessSecret=abciiiko2k3'
    assert pre_hash_bytes(VECTOR_HEADERS, PUBLISHED_VECTORS[0][0].encode('utf-8'), VECTOR_SECRET) == expected.encode('utf-8')


def test_signature_of_one_vector_does_not_fit_the_same_body_spaced_differently():
    assert not signature_matches(PUBLISHED_VECTORS[1][1], VECTOR_HEADERS, PUBLISHED_VECTORS[2][0].encode('utf-8'), VECTOR_SECRET)


def test_empty_body_leaves_the_body_part_out():
    assert pre_hash_bytes(VECTOR_HEADERS, b'', 's') == b'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&accessSecret=s'


def test_sha256_hashes_the_same_string():
    body = PUBLISHED_VECTORS[0][0].encode('utf-8')
    digest = expected_signature(VECTOR_HEADERS, body, VECTOR_SECRET, 'sha256')
    assert digest == hashlib.sha256(pre_hash_bytes(VECTOR_HEADERS, body, VECTOR_SECRET)).hexdigest()
    assert len(digest) == 64


def test_md5_signature_does_not_pass_as_sha256():
    body = PUBLISHED_VECTORS[0][0].encode('utf-8')
    assert not signature_matches(PUBLISHED_VECTORS[0][1], VECTOR_HEADERS, body, VECTOR_SECRET, 'sha256')


def test_upper_case_signature_is_not_the_documented_form():
    body, sign = PUBLISHED_VECTORS[0]
    assert not signature_matches(sign.upper(), VECTOR_HEADERS, body.encode('utf-8'), VECTOR_SECRET)


def test_wrong_secret_does_not_match():
    body, sign = PUBLISHED_VECTORS[0]
    assert not signature_matches(sign, VECTOR_HEADERS, body.encode('utf-8'), VECTOR_SECRET + 'x')


def test_unknown_algorithm_is_refused():
    with pytest.raises(ValueError, match='unsupported signature algorithm'):
        expected_signature(VECTOR_HEADERS, b'{}', VECTOR_SECRET, 'sha1')
