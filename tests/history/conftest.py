# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the history suite: where its artifacts go. Run from a staged collection (nox -s history): PYTHONPATH holds ansible_collections/."""

import os

import pytest

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope='session')
def artifacts():
    """The directory the suite keeps its screenshots and pages in (NXCLOUD_TEST_ARTIFACTS, else tests/output/history)."""
    directory = os.environ.get('NXCLOUD_TEST_ARTIFACTS') or os.path.join(COLLECTION_ROOT, 'tests', 'output', 'history')
    os.makedirs(directory, exist_ok=True)
    return directory
