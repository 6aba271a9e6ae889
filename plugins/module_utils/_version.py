# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The collection's version, sent in the User-Agent; a unit test keeps it equal to galaxy.yml."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COLLECTION_NAME = 'nxcloud.whatsapp'
COLLECTION_VERSION = '0.1.0'
