# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The HTML page, byte for byte: tricky inputs whose pages must not change when the renderer is made faster.

PAGE_HASHES are the SHA-256 of the pages the renderer wrote before its rows were written once per distinct
cells (html.py before 2026-12-02): a renderer change that alters any byte of them fails here. A deliberate
change of the page updates them (and says so in its changelog fragment). The fragments asserted beside them
say in words what the tricky parts of the page are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

import pytest

from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports import html
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import next_state, trend
from ansible_collections.nxcloud.whatsapp.tests.unit.plugins.plugin_utils._reports.sample_results import TODAY, errored_result, phone

ODD_TEXT = 'a "quoted" <b>&amp;</b> it\'s\nnext line\ttab\rcr\x00nul\x07bell \ud800 \U0001f600'


def _with_history(result, previous=None, time='2026-05-01T06:00:00Z'):
    changes, state, previous_run, note = next_state(previous, result, time, number_of_phone)
    result.update(changes=changes, previous_run=previous_run, changes_note=note, trend=trend(state))
    return result, state


def tricky_values():
    """One environment: names and values with quotes, <, >, &, line breaks and control characters, values that are not texts, waivers."""
    phones = [
        phone('8613800138000', status='FLAGGED', verified_name=ODD_TEXT),
        phone('8613800138001', quality_rating=None, verified_name='A & B <Ltd> "x"'),
        phone('8613800138002', status='BANNED', current_limit=1000, name_status=['APPROVED', '<x>']),
        phone('8613800138003', quality_rating='YELLOW', verified_name={'nested': '<v>', 'n': 1}),
        phone('8613800138004', code_verification_status='', verified_name='x' * 120),
        phone('8613800138005', status='<script>alert(1)</script>', verified_name="O'Brien & Sons"),
    ]
    waivers = [
        {'number': '8613800138002', 'check': 'status', 'reason': 'appeal "filed" <WA-7> & more', 'expires': '2026-06-30', 'owner': 'ops & <team>'},
        {'number': '8613800138003', 'check': 'quality_rating', 'reason': 'old incident', 'expires': '2026-01-31'},
    ]
    return evaluate(phones, waivers=waivers, today=TODAY, environment='prod & "co" <eu>')


def several_environments():
    """Two runs of one environment (changes with a quality drop, a trend), an errored one and an empty one, combined."""
    first, state = _with_history(evaluate([phone('1'), phone('2', quality_rating='GREEN'), phone('3')], today=TODAY, environment='prod'),
                                 time='2026-04-30T06:00:00Z')
    second, _state = _with_history(evaluate([phone('1', status='FLAGGED'), phone('2', quality_rating='RED'), phone('4', verified_name='new <one>')],
                                            today=TODAY, environment='prod'), previous=state)
    errored = _with_history(errored_result())[0]
    empty = _with_history(evaluate([], today=TODAY, environment='empty'))[0]
    return combine_results([second, errored, empty])


def look_alike_values():
    """Hand-made results (as given through the results option): many numbers sharing their cells, among them values equal in
    Python that read differently (1, True, 1.0, '1'; 0.0, -0.0), statuses and marks outside the vocabulary, numbers without a
    phone record, a phone without results, a waiver that is not a mapping."""
    look_alikes = ['1', 1, True, 1.0, 0.0, -0.0, False, None, '']
    phones, results, quality = [], [], {}
    for index, value in enumerate(look_alikes * 3):
        number = '86%03d' % index
        phones.append({'number': number, 'status': value, 'quality_rating': 'GREEN', 'code_verification_status': 'VERIFIED',
                       'name_status': value, 'current_limit': 'TIER_1K', 'verified_name': 'Same name'})
        for check in ('status', 'quality_rating', 'code_verification_status'):
            results.append({'number': number, 'check': check, 'status': 'passed', 'reason': '%s is fine' % check})
        quality[number] = 'GGG' if index % 4 else 'G<YR-?U'
    results.append({'number': '86000', 'check': 'name_status', 'status': '"><odd>', 'reason': 'odd <status>', 'waiver': 'not a mapping'})
    results.append({'number': 86999, 'check': 'status', 'status': 'failed', 'reason': 'a number that is an integer'})
    results.append({'number': '87000', 'check': 'status', 'status': 'waived', 'reason': 'waived',
                    'waiver': {'expired': False, 'expires': 20260630, 'owner': None}})
    results.append({'number': '87001', 'check': 'status', 'status': 'failed', 'reason': 'expired waiver',
                    'waiver': {'expired': True, 'expires': '2026-01-31', 'owner': 'me & you'}})
    phones.append({'number': '88000', 'status': 'CONNECTED'})
    phones.append('not a phone')
    results.append('not a result')
    counts = {'passed': 81, 'failed': 2, 'waived': 1, 'numbers': 31, 'results': 85}
    return {'environment': 'hand <made>', 'status': 'failed', 'today': TODAY, 'counts': counts, 'phones': phones, 'results': results,
            'trend': {'runs': [{'time': 't1', 'status': 'passed', 'counts': {'passed': 81}},
                               {'time': '<t2>', 'status': 'failed', 'counts': {'failed': 2, 'errored': 1, 'warned': 3, 'waived': 1, 'passed': 78}}],
                      'quality': quality},
            'changes': [{'environment': 'hand <made>', 'number': '86001', 'kind': 'changed', 'field': 'quality_rating', 'before': 'GREEN',
                         'after': 'RED', 'quality_dropped': True},
                        {'environment': 'hand <made>', 'number': '86002', 'kind': 'added', 'field': None, 'before': None, 'after': {'a': '<b>'}}],
            'previous_run': {'time': '2026-04-30T06:00:00Z'}, 'changes_note': '',
            'waivers': [{'number': '87000', 'check': 'status', 'state': 'applied', 'expires': '2026-06-30', 'reason': 'r & r', 'owner': 'o',
                         'ticket': '<T-1>'},
                        {'number': '87001', 'check': 'status', 'state': 'expired', 'expires': '2026-01-31', 'reason': 'late', 'owner': None}]}


CASES = {'tricky_values': tricky_values, 'several_environments': several_environments, 'look_alike_values': look_alike_values}

PAGE_HASHES = {
    ('look_alike_values', 'fail', True): '4fe44e6833abc0b5882654ebb1cba684fd5376a8a084f4111315358a25b76eaa',
    ('look_alike_values', 'fail', False): '4fe44e6833abc0b5882654ebb1cba684fd5376a8a084f4111315358a25b76eaa',
    ('look_alike_values', 'warn', True): 'c732e03f06b60ec839050844726434c9ee736f147eace1c38e8e1c9e6e6477af',
    ('look_alike_values', 'warn', False): 'c732e03f06b60ec839050844726434c9ee736f147eace1c38e8e1c9e6e6477af',
    ('look_alike_values', 'never', True): '56fc02e9bb3771467386321b5aafe5b64c7ec668c6933315cb5f6a6e2533680a',
    ('look_alike_values', 'never', False): '56fc02e9bb3771467386321b5aafe5b64c7ec668c6933315cb5f6a6e2533680a',
    ('several_environments', 'fail', True): 'c0daebc352db4c7cafbb3b5fa29b9fcc7fdfc6d4bd1fca43a7120dabcec32b33',
    ('several_environments', 'fail', False): '864877dca0a84bc4a4d8a610fbda78efb062c8fa478d4901a2b91d76ac76cd58',
    ('several_environments', 'warn', True): '35ea8922f3b6c6e39101cba093495f6b1a544304b48b5231b9d98627793012b1',
    ('several_environments', 'warn', False): 'aba9b87af7769a7ea1c3a774dd24c171d14e2ea856790ad4b35629d855d2ef5c',
    ('several_environments', 'never', True): 'dc357240498eb9201eaf87c522cfc243777e6bdc969a531778e7c1d0f6d192d8',
    ('several_environments', 'never', False): 'b93110d4994b8f44ed85547daa1138378d27a26febc11b1ab6418203da932929',
    ('tricky_values', 'fail', True): 'df7d289d553f4ae221a58ace3590ec0a9bea2b6ab747d38d2679b0d13a34a72a',
    ('tricky_values', 'fail', False): 'df7d289d553f4ae221a58ace3590ec0a9bea2b6ab747d38d2679b0d13a34a72a',
    ('tricky_values', 'warn', True): '082b41b197c906cb1edf658f801bb057e5a1a61cd9451ecbe1e3aaafaaf80294',
    ('tricky_values', 'warn', False): '082b41b197c906cb1edf658f801bb057e5a1a61cd9451ecbe1e3aaafaaf80294',
    ('tricky_values', 'never', True): '223ccdd507cb7ace3d16bf86c5d9ae528eee195e3101e53a81145bb637a1e419',
    ('tricky_values', 'never', False): '223ccdd507cb7ace3d16bf86c5d9ae528eee195e3101e53a81145bb637a1e419',
}


def page_hash(page):
    return hashlib.sha256(page.encode('utf-8', 'surrogatepass')).hexdigest()


@pytest.mark.parametrize('case, fail_on, fail_on_error', sorted(PAGE_HASHES))
def test_the_page_is_byte_for_byte_the_same(case, fail_on, fail_on_error):
    assert page_hash(html.html_report(CASES[case](), fail_on, fail_on_error)) == PAGE_HASHES[(case, fail_on, fail_on_error)]


def test_every_case_is_checked_with_every_fail_on():
    assert set(PAGE_HASHES) == set((case, fail_on, fail_on_error) for case in CASES for fail_on in ('fail', 'warn', 'never')
                                   for fail_on_error in (True, False))


def test_texts_of_the_service_are_escaped_once_and_kept_whole():
    page = html.html_report(tricky_values())
    assert ('<td>a &quot;quoted&quot; &lt;b&gt;&amp;amp;&lt;/b&gt; it&#x27;s\nnext line\ttab\rcr\x00nul\x07bell \ud800 \U0001f600</td>\n'
            '<td class="b t-failed">FLAGGED</td>') in page
    assert '<td>O&#x27;Brien &amp; Sons</td>' in page and '<td>A &amp; B &lt;Ltd&gt; &quot;x&quot;</td>' in page
    assert '<td>{&quot;n&quot;: 1, &quot;nested&quot;: &quot;&lt;v&gt;&quot;}</td>' in page  # a value that is not a text, as JSON
    assert '<td>%s...</td>' % ('x' * 77) in page  # display names cut at 80 characters
    assert '<td class="b t-none">[&quot;APPROVED&quot;, &quot;&lt;x&gt;&quot;]</td><td class="b t-none">1000</td>' in page
    assert '<td class="b t-failed">(empty)</td><td class="b t-none">(absent)</td>' in page  # an empty text; a field not sent
    assert '<td class="b t-passed">CONNECTED</td><td class="b t-warned"></td>' in page  # null: shown as nothing, toned by its check
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in page and '<script>alert(1)' not in page
    assert '(waiver until 2026-06-30, ops &amp; &lt;team&gt;)' in page
    # The rest of the page is autoescaped by jinja2 (markupsafe writes a quote as &#34;), the numbers' rows by html.escape.
    assert '<td>appeal &#34;filed&#34; &lt;WA-7&gt; &amp; more</td>' in page and 'waived until 2026-06-30: appeal &quot;filed&quot;' in page


def test_numbers_sharing_cells_still_show_their_own_values():
    page = html.html_report(look_alike_values())
    # 1, True and 1.0 (and 0.0, -0.0) are equal keys in Python: each number still shows its own value.
    for number, text in (('86000', '1'), ('86001', '1'), ('86002', 'true'), ('86003', '1.0'), ('86004', '0.0'), ('86005', '-0.0'),
                         ('86006', 'false'), ('86007', ''), ('86008', '(empty)')):
        assert ('<th scope="row">%s</th><td>hand &lt;made&gt;</td><td>Same name</td>\n<td class="b t-passed">%s</td>' % (number, text)) in page
    assert '<span class="t-passed">G</span><span class="t-none">?</span><span class="t-warned">Y</span>' in page  # "<" is no mark
    assert '<li>&quot;&gt;&lt;odd&gt; name_status: odd &lt;status&gt;</li>' in page
    assert '(waiver until 20260630)' in page and '(waiver expired 2026-01-31, me &amp; you)' in page
    assert '<th scope="row">88000</th><td>hand &lt;made&gt;</td><td></td>\n<td class="b t-none">CONNECTED</td><td class="b t-none">(absent)</td>' in page


def test_several_environments_with_changes_a_trend_and_an_error():
    page = html.html_report(several_environments(), 'warn', False)
    assert '<strong>2</strong> numbers failing' in page and 'in 3 environments' in page
    assert '<span class="drop">&#9660; quality dropped</span>' in page and 'Could not be read:' in page
    assert '<polyline class="passed-line"' in page and '<td class="b t-passed">new &lt;one&gt;</td>' not in page
    assert '<td>new &lt;one&gt;</td>' in page
