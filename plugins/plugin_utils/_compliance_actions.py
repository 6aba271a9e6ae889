# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the compliance action plugins (phone_compliance_check, phone_compliance_report) say alike.

The messages of their failures, the job statistics they hand to Ansible's set_stats handling, and
how they hold off the garbage collector while a large result is built.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import datetime
import gc

from ansible.errors import AnsibleActionFail

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._version import COLLECTION_VERSION

TO_FIX_OPTION = 'To fix: correct the option in the task (or the phone_compliance_* variable).'


def option_failure(problem):
    """Return the failure for an unusable option; ``problem`` says what is wrong with it.

    The result carries ``configuration_error: true``, so that a report combining it says a
    configuration error, not an unreadable API (plugin_utils/_task_results.py).
    """
    return AnsibleActionFail('%s. %s' % (problem, TO_FIX_OPTION), result={'configuration_error': True})


def run_record():
    """Return what a report says about its run: the time (UTC, to the second) and the collection version.

    phone_compliance_check adds the API URL it asked (each environment may ask its own).
    """
    return {
        'time': datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'collection_version': COLLECTION_VERSION,
    }


def write_failure(report_dir, error):
    """Return the failure for reports that could not be written to ``report_dir``."""
    return AnsibleActionFail('cannot write the reports to %s: %s. To fix: give a report_dir the controller user can '
                             'create and write.' % (report_dir, error.strerror or error))


def job_statistics(summaries):
    """Return the ``ansible_stats`` of a result: each environment's summary under phone_compliance.<environment>.

    As ansible.builtin.set_stats with aggregate=true and per_host=false would keep it; AWX and
    Automation Controller keep it as a job artifact.
    """
    return {
        'data': {'phone_compliance': dict((summary['environment'], summary) for summary in summaries)},
        'per_host': False,
        'aggregate': True,
    }


@contextlib.contextmanager
def without_collection_pauses():
    """Hold off Python's cyclic garbage collector inside the block, then restore it as it was.

    Judging, reading back or rendering an app of thousands of numbers makes tens of thousands of
    small dicts and strings at once, and every few hundred new objects the collector walks them
    all again, to find cycles that these results never hold. Reference counting still frees
    everything as usual; only the walks are saved.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
