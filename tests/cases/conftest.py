"""Fixtures for the practice-case tests."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.models import Marking
from cases.services import lead_trainer_grant
from tests.cases.factories import PracticeCaseFactory, make_rubric
from tests.factories import LearnerFactory, TrainerFactory
from tests.object_store import S3_TESTS

# The case-upload tests store attachments in the object store when LMS_TEST_S3 is set
# (tests/object_store.py; the PostgreSQL pass of .ci/run).
S3_MODULES = {"tests.cases.test_views_reports"}


@pytest.fixture(autouse=True)
def private_storage_dir(request, settings, tmp_path):
    """Case attachments go to a temporary private folder, or to the object store (S3_TESTS)."""
    s3 = request.module.__name__ in S3_MODULES and not request.node.get_closest_marker(
        "local_storage"
    )
    if S3_TESTS and s3:
        request.getfixturevalue("s3_storages")
        return None
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }
    return location


@pytest.fixture
def rubric(db):
    return make_rubric()


@pytest.fixture
def single_case(rubric):
    return PracticeCaseFactory(
        slug="case-single", title="报警停机", rubric=rubric, marking=Marking.SINGLE
    )


@pytest.fixture
def double_case(rubric):
    return PracticeCaseFactory(
        slug="case-double",
        title="故障复发",
        rubric=rubric,
        marking=Marking.DOUBLE,
        blind_marking=True,
    )


@pytest.fixture
def trainer2(db):
    return TrainerFactory(username="trainer2", display_name="周讲师")


@pytest.fixture
def lead(db):
    user = TrainerFactory(username="lead", display_name="陈组长")
    lead_trainer_grant(user=user)
    return user


@pytest.fixture
def other_learner(db):
    return LearnerFactory(username="learner02", display_name="李娜")


@pytest.fixture
def english():
    """Messages in English, for tests that read a service's refusal outside a request."""
    with translation.override("en"):
        yield
