"""Fixtures of the exams tests."""

from tests.exams.case_fixtures import *  # noqa: F403
