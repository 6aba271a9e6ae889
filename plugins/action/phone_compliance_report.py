# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of nxcloud.whatsapp.phone_compliance_report (documented in plugins/modules/).

It combines the results of several phone_compliance_check tasks into one summary (and job
statistics), and writes the reports here, on the controller, in this process. The results are
read from the hosts' variables as stored (plugin_utils/_stored_data.py): passing thousands of them
as a templated option, or writing the files with ansible.builtin.copy, costs several times what
rendering the reports does. A registered result holds only the results that are not passed: when
reports are written, the others are read from the JSON report its check wrote (result_file,
plugin_utils/_task_results.with_every_result); the summaries alone need no file.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import os

from collections.abc import Mapping

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import TIMEOUT_MAX_SECONDS, common_argument_spec
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.combine import combine_results, combine_summaries
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import FAIL_ON, ComplianceInputError, parse_date
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance_actions import (
    job_statistics,
    option_failure,
    run_record,
    without_collection_pauses,
    write_failure,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import (
    DEFAULT_FORMATS,
    FORMATS,
    file_stem,
    read_json_result,
    write_reports,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.json import ReadReports
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.prometheus import (
    DEFAULT_JOB,
    MetricsError,
    MissingLibraryError,
    Pushgateway,
    require_library,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import changes_note, combined_changes
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_data, stored_summary
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._task_results import check_results, check_summaries, with_every_result

# module_defaults for group/nxcloud.whatsapp.nxcloud give these to every module of the group; this
# one makes no request, so it drops them instead of refusing them, and warns when one was written
# on the task itself, where it can only be a mistake.
GROUP_CONNECTION_OPTIONS = frozenset(common_argument_spec())

ARGUMENT_SPEC = dict(
    results=dict(type='list', elements='raw'),
    hosts=dict(type='list', elements='str'),
    result_var=dict(type='str', default='phone_compliance_result'),
    report_dir=dict(type='path'),
    file_stem=dict(type='str', default='phone-compliance'),
    report_formats=dict(type='list', elements='str', default=list(DEFAULT_FORMATS), choices=list(FORMATS)),
    fail_on=dict(type='str', default='fail', choices=list(FAIL_ON)),
    fail_on_error=dict(type='bool', default=True),
    today=dict(type='str'),
    set_stats=dict(type='bool', default=False),
    pushgateway_url=dict(type='str', default=''),
    pushgateway_job=dict(type='str', default=DEFAULT_JOB),
    pushgateway_username=dict(type='str'),
    pushgateway_password=dict(type='str', no_log=True),
    pushgateway_validate_certs=dict(type='bool', default=True),
    pushgateway_ca_path=dict(type='path'),
    pushgateway_client_cert=dict(type='path'),
    pushgateway_client_key=dict(type='path'),
    pushgateway_timeout=dict(type='int', default=30),
    pushgateway_on_error=dict(type='str', default='fail', choices=['fail', 'warn']),
)
MUTUALLY_EXCLUSIVE = [('results', 'hosts')]
REQUIRED_TOGETHER = [('pushgateway_username', 'pushgateway_password')]


def _host_results(hostvars, hosts, result_var):
    """Return each host's registered result (None where it has none), as Ansible holds it (read it with _read).

    ``raw_get`` gives a host's variables without templating them: registered results are data,
    and templating every value of thousands of results is what this plugin exists to avoid.
    """
    results = []
    for host in hosts:
        host_vars = hostvars.raw_get(host) if hasattr(hostvars, 'raw_get') else hostvars.get(host)
        if not isinstance(host_vars, Mapping):
            raise option_failure('host %s is not in the inventory' % host)
        results.append(host_vars[result_var] if result_var in host_vars else None)
    return results


def _changes_part(registered):
    """Return what the changes of a registered check result are made of (environment, changes, changes_note), read as stored."""
    if not isinstance(registered, Mapping) or 'changes' not in registered:
        return {}
    return stored_data(dict((key, registered[key]) for key in ('environment', 'changes', 'changes_note') if key in registered))


def _read(result, summaries_only):
    return stored_summary(result) if summaries_only else stored_data(result)


# The module_defaults keys that can give this module its arguments: the group and the module itself.
DEFAULTS_KEYS = frozenset(('group/nxcloud.whatsapp.nxcloud', 'group/nxcloud', 'nxcloud.whatsapp.phone_compliance_report',
                           'phone_compliance_report'))


def connection_options_set_on_task(task_args, module_defaults, template):
    """Return the names of the connection options in ``task_args`` that no module_defaults entry gave.

    By the time an action plugin runs, ansible-core has merged the task's module_defaults into its
    arguments; an option whose value no entry for the group or this module holds was written on
    the task. ``template`` renders a defaults value as ansible-core did; a value it cannot render,
    or defaults that are not a mapping, might have given anything: no warning then.
    """
    given = {}
    for entry in module_defaults or ():
        if not isinstance(entry, Mapping):
            return []
        for key in DEFAULTS_KEYS.intersection(entry):
            defaults = entry[key]
            if not isinstance(defaults, Mapping):
                return []
            for name in GROUP_CONNECTION_OPTIONS.intersection(defaults):
                given.setdefault(name, []).append(defaults[name])

    def given_by_defaults(name):
        for value in given.get(name, ()):
            try:
                if template(value) == task_args[name]:
                    return True
            except Exception:  # pylint: disable=broad-except
                return True  # what ansible-core rendered cannot be told here: assume the defaults gave it
        return False

    return sorted(name for name in GROUP_CONNECTION_OPTIONS.intersection(task_args) if not given_by_defaults(name))


def _refuse_shared_file_names(results):
    """Fail when two environments' reports go to one file name (file_stem), where one overwrote the other."""
    seen = {}
    for result in results:
        name = result.get('environment') if isinstance(result, Mapping) else None
        if not isinstance(name, str):
            continue
        stem = file_stem(name).lower()  # case-insensitive file systems too
        if stem in seen and seen[stem] != name:
            raise AnsibleActionFail('environments %r and %r write their reports to one file name (%s): characters unsafe in a file '
                                    'name become _, and case may not count. Give them names that differ otherwise '
                                    '(phone_compliance_environment, or the environment option).' % (seen[stem], name, file_stem(name)))
        seen[stem] = name


def _every_result(results, hosts, read_reports):
    """Return the results with the passed results their checks left out read back from their files (kept in ``read_reports``)."""
    _refuse_shared_file_names(results)
    complete = []
    for index, result in enumerate(results):
        where = 'host %s' % hosts[index] if hosts is not None else 'results[%d]' % index
        try:
            complete.append(with_every_result(result, where, lambda path: read_json_result(path, read_reports)))
        except ComplianceInputError as error:
            raise AnsibleActionFail(str(error))
    return complete


def _every_result_for(results, hosts, params, gateway, read_reports):
    """Return _every_result(results, hosts, read_reports), saying what to set when only the Pushgateway needed them."""
    try:
        return _every_result(results, hosts, read_reports)
    except AnsibleActionFail as error:
        if gateway is None or params['report_dir']:
            raise
        raise AnsibleActionFail('pushgateway_url needs the numbers as read of every environment, and %s. With the role '
                                'nxcloud.whatsapp.phone_compliance, set phone_compliance_report_dir.' % error.message)


def _pushgateway(params):
    """Return the Pushgateway the options name, or None when pushgateway_url is empty."""
    if not params['pushgateway_url']:
        return None
    try:
        require_library('pushgateway_url')  # before anything is read or written
    except MissingLibraryError as error:
        raise AnsibleActionFail(str(error))
    if not 1 <= params['pushgateway_timeout'] <= TIMEOUT_MAX_SECONDS:  # past the bound a timer overflows
        raise AnsibleActionFail('pushgateway_timeout must be a number of seconds from 1 to %d, not %d'
                                % (TIMEOUT_MAX_SECONDS, params['pushgateway_timeout']))
    if params['pushgateway_client_key'] and not params['pushgateway_client_cert']:
        raise AnsibleActionFail('pushgateway_client_key needs pushgateway_client_cert: give the client certificate too')
    try:
        return Pushgateway(params['pushgateway_url'], job=params['pushgateway_job'], username=params['pushgateway_username'],
                           password=params['pushgateway_password'], validate_certs=params['pushgateway_validate_certs'],
                           ca_path=params['pushgateway_ca_path'], client_cert=params['pushgateway_client_cert'],
                           client_key=params['pushgateway_client_key'], timeout=params['pushgateway_timeout'])
    except ComplianceInputError as error:
        raise option_failure(error)


def _push_every_environment(gateway, environments, on_error, result):
    """Push each environment to the Pushgateway; return the names pushed. A failure fails the task or, with on_error=warn, warns."""
    pushed, failures = [], []
    for environment in environments:
        try:
            gateway.push(environment)
        except MetricsError as error:
            failures.append(str(error))
        else:
            pushed.append(environment['environment'])
    if failures and on_error == 'fail':
        raise AnsibleActionFail('%s. The reports were written; set pushgateway_on_error=warn to let the run go on when the '
                                'Pushgateway cannot be reached.' % '; '.join(failures))
    result.setdefault('warnings', []).extend(failures)
    return pushed


class ActionModule(ActionBase):
    """Combine several environments' compliance results: one summary, job statistics, report files."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC) | GROUP_CONNECTION_OPTIONS

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp

        ignored = connection_options_set_on_task(self._task.args, self._task.module_defaults, self._templar.template)
        if ignored:
            # Names only: a value may be a secret.
            result['warnings'] = ['phone_compliance_report makes no request to NxCloud, so %s set on this task %s no effect; remove %s '
                                  'from the task (module_defaults for group/nxcloud.whatsapp.nxcloud may keep them).'
                                  % (', '.join(ignored), 'has' if len(ignored) == 1 else 'have', 'it' if len(ignored) == 1 else 'them')]
        self._task.args = dict((name, value) for name, value in self._task.args.items() if name not in GROUP_CONNECTION_OPTIONS)
        _validation, params = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE,
                                                          required_together=REQUIRED_TOGETHER)
        stem = params['file_stem']
        if not stem or stem in ('.', '..') or os.sep in stem or '/' in stem or any(ord(character) < 32 for character in stem):
            raise AnsibleActionFail('file_stem %r is not a file name; give a name without a directory, such as phone-compliance' % stem)
        today = params['today'] or datetime.datetime.now(datetime.timezone.utc).date().isoformat()

        gateway = _pushgateway(params)
        # The numbers as read come with the full results: needed by the files and by the Pushgateway.
        summaries_only = not params['report_dir'] and gateway is None
        if params['results'] is not None:
            hosts = None
            registered = params['results']
        else:
            hosts = params['hosts'] if params['hosts'] is not None else list(task_vars.get('ansible_play_hosts_all', []))
            registered = _host_results(task_vars.get('hostvars', {}), hosts, params['result_var'])
        results = [_read(entry, summaries_only) for entry in registered]
        # Changes since the previous run: small, and kept in the registered result, so read whatever is written.
        changes_parts = [_changes_part(entry) for entry in registered]

        written = []
        try:
            parse_date(today, 'today')
            summaries = combine_summaries(check_summaries(results), hosts=hosts, today=today)
            if not summaries_only:
                with without_collection_pauses():
                    # The environments' JSON reports as read: the combined JSON report copies them (kept only when it is written).
                    read_reports = ReadReports() if params['report_dir'] and 'json' in params['report_formats'] else None
                    combined = combine_results(check_results(_every_result_for(results, hosts, params, gateway, read_reports)), hosts=hosts, today=today)
                    combined['run'] = run_record()
                    if params['report_dir']:
                        written = write_reports(combined, params['report_dir'], stem, params['report_formats'],
                                                params['fail_on'], params['fail_on_error'], read_reports)
        except MissingLibraryError as error:
            raise AnsibleActionFail(str(error))
        except ComplianceInputError as error:
            raise option_failure(error)
        except (IOError, OSError) as error:
            raise write_failure(params['report_dir'], error)

        result.update(summaries)
        result.update(changed=False, reports=written, changes=combined_changes(changes_parts), changes_note=changes_note(changes_parts))
        if gateway is not None:
            result['pushed'] = _push_every_environment(gateway, combined['environments'], params['pushgateway_on_error'], result)
        if params['set_stats']:
            result['ansible_stats'] = job_statistics(summaries['environments'])
        return result
