# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Callback used by `make bench`: the wall time of every task, written as JSON for the harness.

Enabled only by the harness (ANSIBLE_CALLBACK_PLUGINS=benchmarks/callback_plugins,
ANSIBLE_CALLBACKS_ENABLED=bench_task_times); writes to the file named by BENCH_TASK_TIMES_FILE.
A task's time runs from its start on the controller to the last host's result, which is what a
user waits for; the per-host times say how much of it each host took.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    """Record task start and per-host end times; dump them when the playbook ends."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_task_times'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.tasks = []
        self.current = None
        self.started = time.monotonic()

    def _start(self, task):
        self.current = {'name': task.get_name(), 'start': time.monotonic() - self.started, 'hosts': {}}
        self.tasks.append(self.current)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._start(task)

    def v2_playbook_on_handler_task_start(self, task):
        self._start(task)

    def _end(self, result, **kwargs):  # pylint: disable=unused-argument
        if self.current is not None:
            host = result._host.get_name()  # pylint: disable=protected-access
            self.current['hosts'][host] = time.monotonic() - self.started - self.current['start']

    v2_runner_on_ok = v2_runner_on_failed = v2_runner_on_skipped = v2_runner_on_unreachable = _end

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get('BENCH_TASK_TIMES_FILE')
        if not path:
            return
        total = time.monotonic() - self.started
        for index, task in enumerate(self.tasks):
            following = self.tasks[index + 1]['start'] if index + 1 < len(self.tasks) else total
            task['seconds'] = following - task['start']
        with open(path, 'w') as out:
            json.dump({'total': total, 'tasks': self.tasks}, out)
