# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A scripted HTTP conversation for unit tests of the transport, the client and the modules.

The scripted session fails a test on any request it was not told to expect, and (through the
``scripted_session`` fixture) on any expected request that never came.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json


class FakeResponse(object):
    """The parts of a requests.Response the transport reads."""

    def __init__(self, status_code=200, content=b'', headers=None, reason='OK'):
        self.status_code = status_code
        self.content = content if isinstance(content, bytes) else json.dumps(content).encode('utf-8')
        self.headers = headers or {}
        self.reason = reason
        self.closed = False

    def iter_content(self, chunk_size=1):
        """Yield the body in chunks, as requests does for a streamed answer."""
        for start in range(0, len(self.content), chunk_size):
            yield self.content[start:start + chunk_size]

    def close(self):
        self.closed = True


class ScriptedSession(object):
    """A requests.Session stand-in that answers POSTs from a script, in order."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []

    def post(self, url, data=None, headers=None, **kwargs):
        self.requests.append(dict(kwargs, url=url, data=data, headers=dict(headers or {})))
        if not self.script:
            raise AssertionError('unexpected request #%d to %s: the script has no more answers' % (len(self.requests), url))
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    def assert_finished(self):
        assert not self.script, '%d scripted answer(s) were never requested' % len(self.script)


def ok_answer(data, code=0, message='Request successful'):
    """Return a 200 answer carrying the service's JSON envelope."""
    return FakeResponse(200, {'code': code, 'message': message, 'data': data})


class ScriptedSessionsByApp(object):
    """A requests.Session stand-in for clients that run at once: each app (the body's appkey) has its own script.

    Apps read in parallel ask in no fixed order, so one script per app keeps each conversation
    exact: any request an app's script does not expect fails the test, as does (through
    ``assert_finished``) any expected request that never came.
    """

    def __init__(self, scripts):
        self.sessions = dict((appkey, ScriptedSession(script)) for appkey, script in scripts.items())
        self.requests = []

    def post(self, url, data=None, headers=None, **kwargs):
        appkey = json.loads(data.decode('utf-8')).get('appkey')
        self.requests.append(dict(kwargs, url=url, data=data, headers=dict(headers or {}), appkey=appkey))
        if appkey not in self.sessions:
            raise AssertionError('unexpected request for app %r: no script for it' % (appkey,))
        return self.sessions[appkey].post(url, data=data, headers=headers, **kwargs)

    def assert_finished(self):
        for session in self.sessions.values():
            session.assert_finished()
