# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The report options shared by phone_compliance_check and phone_compliance_report.
    DOCUMENTATION = r'''
options:
  report_formats:
    description:
      - The reports to write in O(report_dir), C(.json), C(.junit.xml) and C(.md) files; see the
        collection's guide to reports for what each holds.
      - V(prometheus) writes the numbers' state and the counts as Prometheus metrics in the text
        exposition format, a C(.prom) file for node_exporter's textfile collector (see the
        collection's guide to metrics). It needs the Python library C(prometheus_client) on the controller.
      - V(html) writes a C(.html) page (one self-contained file, for people) with the changes since the
        last run and each environment's trend; see the collection's guide to history and the HTML report.
    type: list
    elements: str
    choices: [json, junit, markdown, prometheus, html]
    default: [json, junit, markdown]
  set_stats:
    description:
      - Also keep the summary of each environment as a custom statistic C(phone_compliance.<environment>),
        as M(ansible.builtin.set_stats) with C(aggregate=true) and C(per_host=false) would. AWX and
        Automation Controller keep it as a job artifact.
    type: bool
    default: false
'''
