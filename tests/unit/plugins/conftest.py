# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared fixtures: a scripted HTTP conversation and a way to run a module in-process."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._core_compat import (
    as_module_process,
    forget_module_warnings,
    module_args_for_main,
)
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import ScriptedSession


@pytest.fixture
def scripted_session():
    """Return a factory of ScriptedSessions; every one must be used up by the end of the test."""
    sessions = []

    def factory(*script):
        session = ScriptedSession(script)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.assert_finished()


@pytest.fixture
def run_module(capsys):
    """Run a module's main() with the given args and return its parsed JSON result.

    ``_warnings`` holds the warning texts, whichever form this ansible-core reports them in.
    """

    def runner(module, args):
        # A module process starts with no warnings recorded, and is not the controller (ansible-core
        # >= 2.19 sends warnings to the controller's display once any controller code is imported).
        forget_module_warnings()
        with as_module_process(), module_args_for_main(args):
            with pytest.raises(SystemExit) as exit_info:
                module.main()
        out = capsys.readouterr().out
        result = json.loads(out)
        result['_exit_code'] = exit_info.value.code
        result['_raw_output'] = out
        result['_warnings'] = [_warning_text(item) for item in result.get('warnings', [])]
        return result

    return runner


def _warning_text(item):
    # ansible-core >= 2.19 reports structured warnings, older ones plain strings.
    if isinstance(item, dict):
        return item['event']['msg']
    return item
