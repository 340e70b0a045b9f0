"""Fixtures of the assessment tests (``program``, ``version`` and files: ``tests/conftest.py``)."""

import pytest


@pytest.fixture(autouse=True)
def _private_files(private_files):
    """Every assessment test writes its private files (metric uploads) to a temporary folder."""
    return private_files
