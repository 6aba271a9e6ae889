# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Attributes shared by the collection's modules.

    # Read-only modules: they change nothing, so check mode runs them in full.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads; in check mode it makes the same request and returns the same result.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in diff mode) when in diff mode.
    support: none
    details: The module only reads; there is nothing to diff.
'''

    # Modules whose work an action plugin does in the controller's process, which async cannot detach.
    CONTROLLER_ACTION = r'''
attributes:
  async:
    description: Supports being used with the C(async) keyword.
    support: none
    details: The work is done by an action plugin in the controller's process.
'''

    # Every module of the collection is in the nxcloud action group (meta/runtime.yml).
    ACTION_GROUP = r'''
attributes:
  action_group:
    description: Use C(group/nxcloud.whatsapp.nxcloud) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - nxcloud.whatsapp.nxcloud
'''
