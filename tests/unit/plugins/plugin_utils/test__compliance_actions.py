# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the compliance action plugins share: failures that say what to fix, job statistics, the collector held off."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import errno
import gc

import pytest

from ansible.errors import AnsibleActionFail

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils import _compliance_actions as actions


def test_an_unusable_option_says_what_to_fix():
    failure = actions.option_failure("policy.checks has 'colour', which is not a check")
    assert isinstance(failure, AnsibleActionFail)
    assert str(failure).startswith("policy.checks has 'colour', which is not a check. To fix: correct the option")


def test_a_write_failure_names_the_directory_and_the_system_error():
    failure = actions.write_failure('/srv/reports', OSError(errno.EACCES, 'Permission denied'))
    assert str(failure).startswith('cannot write the reports to /srv/reports: Permission denied. To fix: give a report_dir')
    assert 'Permission denied' in str(actions.write_failure('/x', OSError('Permission denied')))


def test_job_statistics_key_each_summary_by_environment():
    summaries = [{'environment': 'prod', 'status': 'failed'}, {'environment': 'dev', 'status': 'passed'}]
    assert actions.job_statistics(summaries) == {
        'data': {'phone_compliance': {'prod': summaries[0], 'dev': summaries[1]}},
        'per_host': False,
        'aggregate': True,
    }


def test_the_collector_is_off_inside_the_block_and_on_again_after():
    assert gc.isenabled()
    with actions.without_collection_pauses():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_restored_when_the_block_raises():
    with pytest.raises(ValueError):
        with actions.without_collection_pauses():
            raise ValueError('a bad policy')
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with actions.without_collection_pauses():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
