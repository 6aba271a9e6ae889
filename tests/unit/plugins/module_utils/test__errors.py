# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._errors import (
    RESULT_CODES,
    NxCloudAPIError,
    NxCloudHTTPError,
    describe_result_code,
)


@pytest.mark.parametrize('code, words', [
    (-1, 'support'),
    (1000, 'access_key and access_secret'),
    (1001, 'bug in nxcloud.whatsapp'),
    (1002, 'check the module parameters'),
    (1003, 'access_secret'),
    (1004, 'NTP'),
    (1005, 'WhatsApp permission'),
    (9000, 'appkey'),
    (9001, 'support'),
    (9002, 'business_phones'),
    (9006, 'bind the number to the app'),
])
def test_each_result_code_tells_the_user_what_to_do(code, words):
    error = NxCloudAPIError(code, 'service text', 'getPhone')
    assert 'result code %s' % code in error.message
    assert words in error.message
    assert "'service text'" in error.message
    assert error.result_fields() == {'result_code': code, 'service_message': 'service text'}


def test_every_documented_code_has_a_message():
    assert set(RESULT_CODES) == {-1, 1000, 1001, 1002, 1003, 1004, 1005, 9000, 9001, 9002, 9006}


def test_clock_message_names_the_machine_running_the_module():
    assert 'clock of the machine running the module' in NxCloudAPIError(1004, 'ts expired', 'getPhone').message


def test_undocumented_code_in_the_authentication_range_gets_auth_advice():
    assert describe_result_code(1007) == RESULT_CODES[1000]


def test_unknown_code_is_described_not_crashed_on():
    meaning, remedy = describe_result_code(4242)
    assert 'undocumented' in meaning
    assert 'support' in remedy


def test_context_is_appended_to_the_message():
    error = NxCloudHTTPError('HTTP 503', url='u', status=503, body_excerpt='')
    error.add_context('gave up after 4 attempts')
    assert str(error) == 'HTTP 503 (gave up after 4 attempts)'
    assert error.result_fields() == {'http_status': 503}
