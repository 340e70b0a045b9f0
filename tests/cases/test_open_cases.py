"""The open cases the dashboard lists are kept in the cache (cases.selectors.reports
.open_case_titles): read once, and again the moment a trainer saves or deletes a case."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cases.selectors import learner_case_rows
from cases.selectors.reports import open_case_titles
from tests.cases.factories import PracticeCaseFactory

pytestmark = pytest.mark.django_db


def listed(learner) -> list[str]:
    with translation.override("en"):
        return [row.case.title_en for row in learner_case_rows(learner, with_tags=False)]


def case_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        open_case_titles()
    return len([q for q in queries.captured_queries if 'FROM "cases_practicecase"' in q["sql"]])


def test_the_list_is_read_once_and_then_kept():
    PracticeCaseFactory(title_en="Leaking valve")
    assert (case_queries(), case_queries()) == (1, 0)


def test_a_case_opened_renamed_closed_or_deleted_shows_at_once(learner):
    case = PracticeCaseFactory(title_en="Leaking valve", live=False)
    assert listed(learner) == []
    case.live = True
    case.save()
    assert listed(learner) == ["Leaking valve"]
    case.title_en = "Leaking valve, again"
    case.save()
    assert listed(learner) == ["Leaking valve, again"]
    case.live = False
    case.save()
    assert listed(learner) == []
    case.live = True
    case.save()
    assert listed(learner) == ["Leaking valve, again"]
    case.delete()
    assert listed(learner) == []


def test_a_field_not_kept_is_read_from_the_database(learner):
    case = PracticeCaseFactory(title_en="Leaking valve", pass_mark=60)
    open_case_titles()
    type(case).objects.filter(pk=case.pk).update(pass_mark=75)  # no signal
    (kept,) = open_case_titles()
    assert kept.pass_mark == 75
