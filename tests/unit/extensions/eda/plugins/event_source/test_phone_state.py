# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The event source nxcloud.whatsapp.phone_state: its events, its back-off, its arguments.

HTTP is scripted (tests/unit/plugins/http_script.py) and time is virtual: the watch's sleep
records the waits and never sleeps, so a day of polling takes milliseconds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import threading

import pytest
import yaml
from requests.exceptions import ConnectionError as RequestsConnectionError

from ansible_collections.nxcloud.whatsapp.extensions.eda.plugins.event_source import phone_state
from ansible_collections.nxcloud.whatsapp.plugins.module_utils import _transport
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.http_script import FakeResponse, ScriptedSession, ok_answer

SECRET = 'SK-eda-unit-secret'
ARGS = {'access_key': 'AK-EDA', 'access_secret': SECRET, 'appkey': 'appkey-prod', 'environment': 'prod', 'interval': 60, 'retries': 0}


def phone(number, **fields):
    record = {'display_phone_number': '+' + number, 'quality_rating': 'GREEN', 'status': 'CONNECTED', 'name_status': 'APPROVED'}
    record.update(fields)
    return number, record


def answer(*phones):
    """A getPhone answer (the keyed-object shape) holding the given numbers."""
    return ok_answer(dict(phones))


class Recorder(object):
    """The queue ansible-rulebook hands to a source, and the virtual clock's sleep."""

    def __init__(self):
        self.events = []
        self.waits = []

    async def put(self, event):
        self.events.append(event)

    async def sleep(self, seconds):
        self.waits.append(seconds)

    def take(self):
        events, self.events = self.events, []
        return [event['nxcloud_phone'] for event in events]


def watch_with(*script, **args):
    session = ScriptedSession(script)
    options = phone_state.source_options(dict(ARGS, **args))
    client = phone_state.client_from_params(options, warn=lambda message: None)
    client.transport.session = session
    recorder = Recorder()
    watch = phone_state.PhoneStateWatch(options, client, secrets=[SECRET], sleep=recorder.sleep)
    return watch, recorder, session


def run(watch, recorder, polls):
    asyncio.run(watch.run(recorder, polls=polls))


def test_first_poll_sends_one_snapshot_per_number_with_its_whole_state():
    watch, recorder, session = watch_with(answer(phone('8613800138000'), phone('12025550142', quality_rating='YELLOW')))
    run(watch, recorder, 1)
    assert recorder.take() == [
        {'environment': 'prod', 'number': '8613800138000', 'kind': 'snapshot', 'changes': [],
         'phone': dict(phone('8613800138000')[1], number='8613800138000')},
        {'environment': 'prod', 'number': '12025550142', 'kind': 'snapshot', 'changes': [],
         'phone': dict(phone('12025550142', quality_rating='YELLOW')[1], number='12025550142')},
    ]
    session.assert_finished()


def test_nothing_is_sent_while_nothing_changes_and_polls_are_an_interval_apart():
    same = answer(phone('8613800138000'))
    watch, recorder, session = watch_with(*[same] * 5)
    run(watch, recorder, 5)
    assert len(recorder.take()) == 1
    assert recorder.waits == [60.0] * 4
    session.assert_finished()


def test_a_number_turning_red_sends_one_changed_event_with_the_fields_that_moved():
    watch, recorder, session = watch_with(answer(phone('1'), phone('2')),
                                          answer(phone('1', quality_rating='RED'), phone('2')))
    run(watch, recorder, 2)
    events = recorder.take()[2:]
    assert events == [{'environment': 'prod', 'number': '1', 'kind': 'changed',
                       'changes': [{'field': 'quality_rating', 'before': 'GREEN', 'after': 'RED'}],
                       'phone': dict(phone('1', quality_rating='RED')[1], number='1')}]


def test_added_and_removed_numbers_send_one_event_each():
    watch, recorder, session = watch_with(answer(phone('1'), phone('2')), answer(phone('2'), phone('3')))
    run(watch, recorder, 2)
    assert [(event['number'], event['kind']) for event in recorder.take()[2:]] == [('3', 'added'), ('1', 'removed')]


def test_a_rejected_poll_sends_one_error_event_with_the_remedy_and_no_secret():
    watch, recorder, session = watch_with(ok_answer(None, code=1003, message='invalid sign'))
    run(watch, recorder, 1)
    [event] = recorder.take()
    assert event['kind'] == 'error'
    assert event['number'] is None and event['phone'] is None and event['changes'] == []
    assert event['environment'] == 'prod'
    assert event['result_code'] == 1003
    assert 'check access_secret' in event['message']
    assert event['failures'] == 1 and event['retry_in'] == 60.0
    assert SECRET not in repr(event)


def test_an_unreachable_service_is_an_error_event_and_the_source_keeps_polling():
    refused = RequestsConnectionError('Connection refused')
    watch, recorder, session = watch_with(refused, answer(phone('1')))
    run(watch, recorder, 2)
    error, snapshot = recorder.take()
    assert error['kind'] == 'error' and 'Connection refused' in error['message'] and 'api_url' in error['message']
    assert (snapshot['kind'], snapshot['number']) == ('snapshot', '1')


def test_failed_polls_back_off_doubling_up_to_the_ceiling_then_return_to_the_interval():
    down = FakeResponse(503, b'busy', reason='Service Unavailable')
    watch, recorder, session = watch_with(*([down] * 6 + [answer(phone('1'))] * 2), interval=120)
    run(watch, recorder, 8)
    assert recorder.waits == [120.0, 240.0, 480.0, 900.0, 900.0, 900.0, 120.0]
    assert [event['failures'] for event in recorder.take()[:6]] == [1, 2, 3, 4, 5, 6]


def test_an_interval_longer_than_the_ceiling_is_never_shortened_by_a_failure():
    assert phone_state.backoff_seconds(3600, 1) == 3600
    assert phone_state.backoff_seconds(3600, 5) == 3600
    assert phone_state.backoff_seconds(10, 1000) == 900


def test_after_a_recovery_the_changes_since_the_last_good_read_are_sent_not_a_new_snapshot():
    watch, recorder, session = watch_with(answer(phone('1')), ok_answer(None, code=-1, message='busy'),
                                          answer(phone('1', status='FLAGGED')))
    run(watch, recorder, 3)
    assert [(event['kind'], event['number']) for event in recorder.take()] == [('snapshot', '1'), ('error', None), ('changed', '1')]


def test_when_the_first_polls_fail_the_first_good_one_is_the_snapshot():
    watch, recorder, session = watch_with(ok_answer(None, code=1000, message='auth'), answer(phone('1')))
    run(watch, recorder, 2)
    assert [event['kind'] for event in recorder.take()] == ['error', 'snapshot']


def test_an_unforeseen_failure_is_an_error_event_with_the_secret_masked():
    watch, recorder, session = watch_with()

    def broken(appkey, numbers):
        raise RuntimeError('library bug printing %s' % SECRET)

    watch.client.get_phones = broken
    run(watch, recorder, 2)
    events = recorder.take()
    assert [event['kind'] for event in events] == ['error', 'error']
    assert 'RuntimeError' in events[0]['message'] and 'report this as a bug' in events[0]['message']
    assert SECRET not in repr(events)


def test_a_malformed_answer_is_an_error_event():
    watch, recorder, session = watch_with(FakeResponse(200, b'<html>portal</html>'))
    run(watch, recorder, 1)
    [event] = recorder.take()
    assert event['kind'] == 'error' and 'not JSON' in event['message']


def test_chosen_numbers_are_requested_as_digits_and_one_no_longer_answered_is_removed():
    watch, recorder, session = watch_with(answer(phone('8613800138000')), answer(), business_phones=['+86 138 0013 8000'])
    run(watch, recorder, 2)
    assert b'"business_phones":"8613800138000"' in session.requests[0]['data']
    assert [(event['kind'], event['number']) for event in recorder.take()] == [('snapshot', '8613800138000'), ('removed', '8613800138000')]


def test_the_blocking_read_runs_in_a_thread_so_the_event_loop_stays_free():
    released = threading.Event()

    class BlockingSession(ScriptedSession):
        def post(self, url, data=None, headers=None, **kwargs):
            # Only a coroutine running on the loop meanwhile can release this read.
            assert released.wait(10), 'the event loop was blocked by the read'
            return ScriptedSession.post(self, url, data=data, headers=headers, **kwargs)

    watch, recorder, session = watch_with()
    watch.client.transport.session = BlockingSession([answer(phone('1'))])

    async def scenario():
        polling = asyncio.ensure_future(watch.run(recorder, polls=1))
        await asyncio.sleep(0.01)
        released.set()
        await polling

    asyncio.run(scenario())
    assert [event['kind'] for event in recorder.take()] == ['snapshot']


def test_main_reads_the_credentials_from_the_environment_and_keeps_them_out_of_events(monkeypatch):
    session = ScriptedSession([answer(phone('1')), ok_answer(None, code=1003, message='invalid sign')])
    monkeypatch.setattr(_transport, 'watched_session', lambda watch: session)
    monkeypatch.setenv('NXCLOUD_ACCESS_KEY', 'AK-ENV')
    monkeypatch.setenv('NXCLOUD_ACCESS_SECRET', SECRET)
    monkeypatch.setenv('NXCLOUD_APPKEY', 'appkey-env')
    recorder = Recorder()

    class Stop(Exception):
        pass

    async def sleep(seconds):
        recorder.waits.append(seconds)
        if len(recorder.waits) == 2:
            raise Stop()

    monkeypatch.setattr(phone_state.asyncio, 'sleep', sleep)
    with pytest.raises(Stop):
        asyncio.run(phone_state.main(recorder, {'interval': 5, 'retries': 0, 'eda_feedback_queue': None}))
    events = recorder.take()
    assert [(event['environment'], event['kind']) for event in events] == [('appkey-env', 'snapshot'), ('appkey-env', 'error')]
    assert session.requests[0]['headers']['accessKey'] == 'AK-ENV'
    assert SECRET not in repr(events)
    session.assert_finished()


@pytest.mark.parametrize('args, expected', [
    ({'access_secret': None}, 'missing required arguments: access_secret'),
    ({'interval': 0}, 'interval must be a positive number of seconds'),
    ({'interval': float('nan')}, 'interval must be a positive number of seconds, not nan'),
    ({'interval': float('inf')}, 'interval must be a positive number of seconds, not inf'),
    ({'interval': 'often'}, 'interval'),
    ({'api_url': 'ftp://example.com'}, 'api_url'),
    ({'colour': 'red'}, 'colour'),
    ({'business_phones': ['not a number']}, 'business_phones'),
    ({'sign_algorithm': 'sha1'}, 'sign_algorithm'),
])
def test_unusable_arguments_stop_the_source_with_a_message_naming_them(monkeypatch, args, expected):
    monkeypatch.delenv('NXCLOUD_ACCESS_SECRET', raising=False)
    merged = dict(ARGS, **args)
    merged = dict((name, value) for name, value in merged.items() if value is not None)
    with pytest.raises(phone_state.SourceConfigError, match=expected):
        phone_state.source_options(merged)


def test_a_password_in_api_url_never_shows_in_a_configuration_error():
    with pytest.raises(phone_state.SourceConfigError) as caught:
        phone_state.source_options(dict(ARGS, api_url='https://user:hunter2@example.com', timeout=0))
    assert 'hunter2' not in str(caught.value)


@pytest.mark.parametrize('name, value, says', [
    ('access_secret', [SECRET, 'second'], 'access_secret must be a string, not a list'),
    ('api_url', {'url': 'https://user:%s@example.com' % SECRET}, 'api_url must be a string, not a mapping'),
])
def test_a_list_or_mapping_for_a_text_argument_is_refused_not_turned_into_text(name, value, says):
    # ArgumentSpecValidator would make "['SK...', 'second']" of the list and sign with that.
    with pytest.raises(phone_state.SourceConfigError, match=says) as caught:
        phone_state.source_options(dict(ARGS, **{name: value}))
    assert SECRET not in str(caught.value)


def test_environment_defaults_to_the_appkey():
    options = phone_state.source_options(dict(ARGS, environment=None))
    assert options['environment'] == 'appkey-prod'


def test_the_documented_options_are_the_arguments_the_source_accepts():
    documented = yaml.safe_load(phone_state.DOCUMENTATION)['options']
    spec = phone_state.source_argument_spec()
    assert sorted(documented) == sorted(spec)
    for name, option in documented.items():
        assert option['type'] == spec[name]['type'], name
        assert option.get('default') == spec[name].get('default'), name
        assert option.get('choices') == spec[name].get('choices'), name
        assert option.get('required', False) == spec[name].get('required', False), name


def test_the_example_rulebook_in_the_docs_is_valid_yaml_using_the_source():
    [ruleset] = yaml.safe_load(phone_state.EXAMPLES)
    assert 'nxcloud.whatsapp.phone_state' in ruleset['sources'][0]
    assert 'access_secret' not in ruleset['sources'][0]['nxcloud.whatsapp.phone_state']
