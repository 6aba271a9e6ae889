# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of nxcloud.whatsapp.phone_compliance_check (documented in plugins/modules/).

It reads the app with nxcloud.whatsapp.phone_info, run on the task's host (so the request leaves
from where the user's connection and delegate_to say; when that host is the controller itself, in
this process: plugin_utils/_phone_info_runner.py), then judges the answer and writes the reports
here, on the controller. Judging where the answer arrives keeps the numbers out of Ansible's variable
templating, which for a large app costs far more than the rules themselves.

The task returns the verdict, the summary and the results that are not passed: Ansible copies a
registered value several times (and ansible-core 2.16 wraps and templates it), so the passed
results and the numbers as read (phones) of thousands of numbers go to the JSON report (returned
as result_file, which phone_compliance_report reads), and into the returned value only when
return_passed asks.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from collections.abc import Mapping

from ansible.plugins.action import ActionBase

from ansible_collections.nxcloud.whatsapp.plugins.module_utils._arguments import common_argument_spec, misfit_option_types
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.checks import number_of_phone
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.evaluate import evaluate
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.model import FAIL_ON, ComplianceInputError, parse_date, result_fields
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.options import ARGUMENT_SPEC as POLICY_ARGUMENT_SPEC
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.policy import validated_options
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance.verdict import failure_message, run_fails, summary
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._reports.files import DEFAULT_FORMATS, FORMATS, file_stem, report_path, write_reports
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._compliance_actions import (
    job_statistics,
    option_failure,
    run_record,
    without_collection_pauses,
    write_failure,
)
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._phone_info_runner import run_phone_info
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._state.history import FACT_NAME, next_state, previous_numbers, trend
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._stored_data import stored_data
from ansible_collections.nxcloud.whatsapp.plugins.plugin_utils._task_results import phone_info_answer


def _pass_through(spec):
    """Return an option spec that phone_info, not this plugin, completes and checks.

    Defaults, requirements and NXCLOUD_* fallbacks are left to phone_info: it runs where the task
    runs, with the task's environment, and an option passed on with a default filled in here would
    hide the environment variable that the user set there.
    """
    spec = dict(spec)
    for key in ('default', 'required', 'fallback'):
        spec.pop(key, None)
    return spec


CONNECTION_OPTIONS = tuple(sorted(common_argument_spec()))

ARGUMENT_SPEC = dict((name, _pass_through(spec)) for name, spec in common_argument_spec().items())
ARGUMENT_SPEC.update(
    business_phones=dict(type='list', elements='raw', default=[]),
    environment=dict(type='str'),
    policy=POLICY_ARGUMENT_SPEC['policy'],
    waivers=POLICY_ARGUMENT_SPEC['waivers'],
    today=dict(type='str'),
    fail_on=dict(type='str', default='fail', choices=list(FAIL_ON)),
    fail_on_error=dict(type='bool', default=True),
    report_dir=dict(type='path'),
    report_formats=dict(type='list', elements='str', default=list(DEFAULT_FORMATS), choices=list(FORMATS)),
    set_stats=dict(type='bool', default=False),
    return_passed=dict(type='bool', default=False),
    keep_state=dict(type='bool', default=True),
)


# The role that runs this action with its own variables, each option's value from phone_compliance_<option>.
ROLE = 'nxcloud.whatsapp.phone_compliance'
ROLE_VARIABLE_PREFIX = 'phone_compliance_'


def utc_now():
    """Return the time of this run as the state keeps it: UTC, to the second, ISO 8601."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace('+00:00', 'Z')


def previous_state(task_vars):
    """Return the fact phone_compliance_state of the task's host as the fact cache gave it back (None when it has none)."""
    facts = task_vars.get('ansible_facts')
    state = facts.get(FACT_NAME) if isinstance(facts, Mapping) else None
    if state is None:
        state = task_vars.get(FACT_NAME)  # facts injected as variables (INJECT_FACTS_AS_VARS)
    return stored_data(state) if state is not None else None


class ActionModule(ActionBase):
    """Read an app's numbers with phone_info, judge them, report, and give the verdict."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp

        # Fail on a bad option, policy, waiver or date before spending a request on it. The policy
        # and the waivers come out complete and normalised (plugin_utils/_compliance/policy.py).
        # Run by the role, an option of a type Ansible would turn into text is named as the role's
        # variable the user set (ansible_role_name: the magic variable of a role's task); one the role
        # did not set (the play's module_defaults) keeps its own name.
        run_by_role = task_vars.get('ansible_role_name') == ROLE
        names = {}
        if run_by_role:
            names = dict((name, ROLE_VARIABLE_PREFIX + name) for name in ARGUMENT_SPEC if task_vars.get(ROLE_VARIABLE_PREFIX + name) is not None)
        try:
            if run_by_role and ROLE_VARIABLE_PREFIX + 'report_dir' in task_vars:
                # The role hands report_dir over as text (<report_dir>/environments): its variable is looked at
                # as the user set it (a template in it rendered; ansible-core 2.16 renders 123 as "123", though).
                report_dir = task_vars[ROLE_VARIABLE_PREFIX + 'report_dir']
                if isinstance(report_dir, str):
                    report_dir = self._templar.template(report_dir)
                if report_dir is None:
                    # The role's templates would write to ./None/environments.
                    raise ComplianceInputError('%sreport_dir must be a path (a string), not null; set it to "" to write no reports' % ROLE_VARIABLE_PREFIX)
                misfits = misfit_option_types({'report_dir': ARGUMENT_SPEC['report_dir']}, {'report_dir': report_dir}, names)
                if misfits:
                    raise ComplianceInputError(misfits[0])
            params = validated_options(self._task.args, ARGUMENT_SPEC, names)
            today = params['today'] or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
            parse_date(today, 'today')
        except ComplianceInputError as error:
            raise option_failure(error)
        environment = params['environment']
        if environment is None:
            environment = task_vars.get('inventory_hostname', '')

        module_args = dict((name, params[name]) for name in CONNECTION_OPTIONS if params[name] is not None)
        module_args['business_phones'] = params['business_phones']
        answer = run_phone_info(self, module_args, task_vars)
        # What phone_info said on the way (a retry, an odd answer) is said by this task too.
        for key in ('warnings', 'deprecations'):
            if answer.get(key):
                result[key] = answer[key]

        phones, missing, read_error = phone_info_answer(answer)
        read_at = utc_now()
        try:
            with without_collection_pauses():
                previous = previous_state(task_vars) if params['keep_state'] else None
                judged = evaluate(phones, policy=params['policy'], waivers=params['waivers'], today=today, environment=environment,
                                  missing=missing, error=read_error, previous_numbers=previous_numbers(previous, str(environment)))
                # The API asked, as phone_info says it (passwords hidden); None when it failed before saying.
                judged['run'] = dict(run_record(), api_url=answer.get('api_url'))
                if params['keep_state']:
                    changes, state, previous_run, note = next_state(previous, judged, read_at, number_of_phone)
                    judged.update(changes=changes, previous_run=previous_run, changes_note=note, trend=trend(state))
                else:
                    state = None
                    judged.update(changes=[], previous_run=None, changes_note='keep_state is false: no state is kept, so no changes are shown',
                                  trend=None)
                compliant = not run_fails(judged, params['fail_on'], params['fail_on_error'])
                message = failure_message(judged, params['fail_on'], params['fail_on_error'])
                written = []
                result_file = None
                if params['report_dir']:
                    written = write_reports(judged, params['report_dir'], file_stem(environment),
                                            params['report_formats'], params['fail_on'], params['fail_on_error'])
                    if 'json' in params['report_formats']:
                        result_file = report_path(params['report_dir'], file_stem(environment), 'json')
        except ComplianceInputError as error:
            raise option_failure(error)
        except (IOError, OSError) as error:
            raise write_failure(params['report_dir'], error)

        result.update(result_fields(judged))
        if not params['return_passed']:
            result['results'] = [item for item in judged['results'] if item['status'] != 'passed']
            # The numbers as read and the trend go to the JSON report too: phone_compliance_report reads them there.
            del result['phones']
            del result['trend']
        result.update(
            changed=False,
            compliant=compliant,
            message=message,
            summary=summary(judged),
            reports=written,
            result_file=result_file,
        )
        if params['set_stats']:
            result['ansible_stats'] = job_statistics([result['summary']])
        if state is not None:
            # A fact of the task's host (of the delegated host only with delegate_facts), so the fact cache keeps it for the next run.
            result['ansible_facts'] = {FACT_NAME: state}
        if not compliant:
            result['failed'] = True
            result['msg'] = message
        return result
