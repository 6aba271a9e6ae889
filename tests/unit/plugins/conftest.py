# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared fixtures: a scripted HTTP conversation and a way to run a module in-process."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings

from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import ScriptedSession

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None


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
def run_module(capsys, monkeypatch):
    """Run a module's main() with the given args and return its parsed JSON result.

    ``_warnings`` holds the warning texts, whichever form this ansible-core reports them in.
    """

    # ansible-core >= 2.19 sends warnings to the controller's display once any controller code
    # (a filter plugin's test, say) is imported in this process; a module run is not the controller.
    try:
        from ansible.module_utils import _internal
        monkeypatch.setattr(_internal, 'is_controller', False)
    except ImportError:
        pass

    def runner(module, args):
        module_warnings._global_warnings.clear()
        if patch_module_args is not None:
            context = patch_module_args(args)
        else:
            context = _legacy_module_args(args)
        with context:
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


class _legacy_module_args(object):
    def __init__(self, args):
        self.args = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')

    def __enter__(self):
        self.saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = self.args

    def __exit__(self, *exc):
        basic._ANSIBLE_ARGS = self.saved
