"""The demo: ASE-L1 from the deck, metrics for 2026-Q3 with the intended spread."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from assessment import definition, demo, scoring
from assessment.models import MetricRecord, Program, SupervisorRound
from assessment.services.supervisor import mean_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())


def test_the_demo_program_follows_the_deck(loaded):
    program = Program.objects.get(code="ASE-L1")
    assert program.name == "售后工程师一级认证"
    version = program.active_version
    scheme = version.scheme()
    assert (scheme.exam_weight, scheme.practice_weight, scheme.on_the_job_weight) == (30, 30, 40)
    assert scheme.exams == ("ase-l1-certification",)
    assert scheme.practice_cases == (
        "case-alarm-after-repair",
        "case-repeat-fault-complaint",
        "case-remote-part-replacement",
    )
    assert [(d.name, d.weight) for d in scheme.dimensions] == [
        ("技术能力", 25),
        ("服务态度", 25),
        ("团队协作", 25),
        ("工作效率", 25),
    ]
    assert all(2 <= len(d.indicators) <= 3 for d in scheme.dimensions)
    assert len(scheme.indicators) == 9
    assert all(i.suggestion for i in scheme.indicators)


def test_loading_twice_changes_nothing(loaded):
    before = list(MetricRecord.objects.values_list("pk", "value", "updated_at"))
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "program ASE-L1 already there, 0 metric records created, 107 kept" in out.getvalue()
    assert list(MetricRecord.objects.values_list("pk", "value", "updated_at")) == before
    assert Program.objects.get(code="ASE-L1").versions.count() == 1


@pytest.mark.parametrize("exam_and_practice", [Decimal(72), Decimal(85)])
def test_the_spread_with_typical_exam_and_practice_scores(loaded, exam_and_practice):
    """Hand values for the exam and the cases (they come from the quiz engine's demo)."""
    scheme = Program.objects.get(code="ASE-L1").active_version.scheme()
    statuses = {}
    for employee_id in demo.METRICS:
        metrics = dict(
            MetricRecord.objects.filter(
                employee__employee_id=employee_id, period="2026-Q3"
            ).values_list("indicator", "value")
        )
        inputs = scoring.Inputs(
            exams={"ase-l1-certification": scoring.ExamInput(exam_and_practice)},
            practice_cases={
                slug: scoring.CaseInput(exam_and_practice) for slug in scheme.practice_cases
            },
            metrics=metrics,
        )
        result = scoring.compute(scheme, inputs)
        statuses[employee_id] = (result.status, [r.code for r in result.reasons if r.code])
    assert statuses.pop("E1006") == ("not_certified", ["teamwork"])
    status, dimensions = statuses.pop("E1009")
    assert status == "not_certified"
    assert dimensions == ["technical_ability", "service_attitude", "work_efficiency"]
    assert statuses.pop("E1011") == ("incomplete", [])
    assert {status for status, _ in statuses.values()} == {"certified"}


def test_every_text_of_the_demo_scheme_has_its_english_text():
    """Fails when a demo dimension, indicator (name, Chinese unit, suggestion) or grade band
    lacks English; the terms are those of the dimensions lesson and docs/DOMAIN."""
    scheme = demo.expected_scheme()
    assert definition.missing_english(scheme) == []
    assert demo.PROGRAM["name_en"] == "After-sales Engineer Level 1 Certification"
    assert [d.name_en for d in scheme.dimensions] == [
        "Technical ability",
        "Service attitude",
        "Teamwork",
        "Work efficiency",
    ]
    assert scheme.indicators[0].name_en == "First-time fix rate"
    assert [b.name_en for b in scheme.grade_bands] == ["Excellent", "Good", "Pass"]


def test_the_loaded_demo_program_reads_in_english(loaded):
    program = Program.objects.get(code="ASE-L1")
    assert program.english_gaps == []
    assert program.active_version.english_gaps == []


def test_the_demo_supervisor_ratings_come_from_a_closed_round(loaded):
    """Each learner's manager (as the accounts stand at load time) rated them on the round's
    items; closing wrote the means; 徐刚 (E1011) was not rated and has no value."""
    supervisor_round = SupervisorRound.objects.get(title=demo.SUPERVISOR_ROUND)
    assert supervisor_round.status == SupervisorRound.Status.CLOSED
    assert (supervisor_round.indicator, supervisor_round.period) == ("supervisor_rating", "2026-Q3")
    ratings = {
        r.employee.employee_id: r
        for r in supervisor_round.ratings.select_related("employee", "rated_by")
    }
    assert set(ratings) == set(demo.METRICS)
    assert ratings["E1011"].submitted_at is None and not ratings["E1011"].scores
    values = dict(
        MetricRecord.objects.filter(indicator="supervisor_rating").values_list(
            "employee__employee_id", "value"
        )
    )
    column = demo.INDICATORS.index("supervisor_rating")
    for employee_id, row in demo.METRICS.items():
        if employee_id == "E1011":
            assert employee_id not in values
            continue
        rating = ratings[employee_id]
        assert rating.rated_by_id == rating.employee.manager_id is not None
        assert values[employee_id] == Decimal(row[column]) == mean_rating(rating.scores)
    record = MetricRecord.objects.get(indicator="supervisor_rating", employee__employee_id="E1001")
    rater = ratings["E1001"].rated_by.get_full_name()
    assert record.source == "supervisor"
    with translation.override("zh-hans"):  # the demo writes the note in Chinese
        sentence = gettext("Rated by %(name)s in the supervisor evaluation “%(title)s”")
    assert record.note == sentence % {"name": rater, "title": demo.SUPERVISOR_ROUND}
