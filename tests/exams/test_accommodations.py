"""Accommodations (decision 0802): extra time, extra attempts and other dates on an exam, for a
person or for everyone in a unit and the units below it; applied when an attempt starts, shown
to the learner and on the staff pages, and granted in the CMS with clear errors."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from exams import rules
from exams.models import Accommodation
from exams.selectors.accommodations import accommodation_for
from exams.services.attempts import AttemptRefused, attempt_start, attempt_submit
from tests.factories import LearnerFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def grant(quiz, *, by, reason="读写障碍，经人事部门确认。", **fields) -> Accommodation:
    row = Accommodation(quiz=quiz, granted_by=by, reason=reason, **fields)
    row.full_clean()
    row.save()
    return row


@pytest.fixture
def timed(objective_exam):
    objective_exam.time_limit_minutes = 45
    objective_exam.save()
    return objective_exam


def test_extra_time_in_percent_extends_the_deadline_rounded_up_to_whole_minutes(
    timed, learner, trainer
):
    grant(timed, user=learner, extra_percent=25, by=trainer)
    attempt = attempt_start(quiz=timed, user=learner, now=NOW)
    assert attempt.extra_minutes == 12  # 25 % of 45 minutes is 11.25, rounded up
    assert attempt.deadline == NOW + timedelta(minutes=57)


def test_extra_minutes_extend_the_deadline_but_never_past_the_close_date(timed, learner, trainer):
    grant(timed, user=learner, extra_minutes=15, by=trainer)
    assert attempt_start(quiz=timed, user=learner, now=NOW).deadline == NOW + timedelta(minutes=60)
    other = LearnerFactory()
    assert attempt_start(quiz=timed, user=other, now=NOW).deadline == NOW + timedelta(minutes=45)
    timed.close_at = NOW + timedelta(minutes=50)
    timed.save()
    late = LearnerFactory()
    grant(timed, user=late, extra_minutes=30, by=trainer)
    assert attempt_start(quiz=timed, user=late, now=NOW).deadline == timed.close_at


def test_an_extra_attempt_allows_one_more(objective_exam, learner, trainer):
    for _ in range(objective_exam.attempts_allowed):
        attempt_submit(attempt=attempt_start(quiz=objective_exam, user=learner))
    with pytest.raises(AttemptRefused) as refused:
        attempt_start(quiz=objective_exam, user=learner)
    assert refused.value.reason == "no_attempts_left"
    grant(objective_exam, user=learner, extra_attempts=1, by=trainer)
    third = attempt_start(quiz=objective_exam, user=learner)
    assert third.number == 3
    attempt_submit(attempt=third)
    with pytest.raises(AttemptRefused):
        attempt_start(quiz=objective_exam, user=learner)


def test_other_dates_let_one_person_in_outside_the_exam_window(objective_exam, learner, trainer):
    objective_exam.open_at = NOW - timedelta(days=10)
    objective_exam.close_at = NOW - timedelta(days=1)
    objective_exam.save()
    other = LearnerFactory()
    with pytest.raises(AttemptRefused):
        attempt_start(quiz=objective_exam, user=other, now=NOW)
    grant(objective_exam, user=learner, close_at=NOW + timedelta(days=2), by=trainer)
    attempt = attempt_start(quiz=objective_exam, user=learner, now=NOW)
    assert attempt.number == 1
    with pytest.raises(AttemptRefused) as refused:
        attempt_start(quiz=objective_exam, user=other, now=NOW)
    assert refused.value.reason == "closed"


def test_a_later_open_date_keeps_a_person_out_until_then(objective_exam, learner, trainer):
    grant(objective_exam, user=learner, open_at=NOW + timedelta(days=1), by=trainer)
    with pytest.raises(AttemptRefused) as refused:
        attempt_start(quiz=objective_exam, user=learner, now=NOW)
    assert refused.value.reason == "not_open"


def test_a_unit_accommodation_reaches_a_member_of_a_sub_unit(timed, learner, trainer):
    east = unit("售后服务部/华东")
    place(learner, "售后服务部/华东/杭州")
    outsider = LearnerFactory()
    place(outsider, "售后服务部/华北")
    grant(timed, unit=east, extra_minutes=10, by=trainer)
    assert accommodation_for(quiz=timed, user=learner).allowance.extra_minutes == 10
    assert accommodation_for(quiz=timed, user=outsider).allowance.extra_minutes == 0
    assert attempt_start(quiz=timed, user=learner, now=NOW).deadline == NOW + timedelta(minutes=55)


def test_a_personal_grant_wins_field_by_field_over_the_units(timed, learner, trainer):
    """Decision 0802: a field the personal grant sets holds; the others come from the units
    (the most generous of them)."""
    place(learner, "售后服务部/华东/杭州")
    grant(timed, unit=unit("售后服务部"), extra_minutes=30, extra_attempts=1, by=trainer)
    grant(timed, unit=unit("售后服务部/华东"), extra_attempts=2, by=trainer)
    grant(timed, user=learner, extra_minutes=5, by=trainer)
    allowance = accommodation_for(quiz=timed, user=learner).allowance
    assert (allowance.extra_minutes, allowance.extra_attempts) == (5, 2)


def test_combining_grants_is_a_pure_rule():
    soon, later = NOW + timedelta(days=1), NOW + timedelta(days=5)
    grants = [
        rules.Grant(personal=False, extra_percent=50, close_at=soon),
        rules.Grant(personal=False, extra_minutes=10, close_at=later),
        rules.Grant(personal=True, extra_attempts=1),
    ]
    assert rules.combine_grants(grants, time_limit_minutes=30) == rules.Allowance(
        extra_minutes=15, extra_attempts=1, open_at=None, close_at=later
    )
    assert rules.combine_grants(grants, time_limit_minutes=None).extra_minutes == 0


def test_the_learner_is_told_of_their_extra_time_and_attempts(
    learner_client, learner, timed, trainer
):
    grant(timed, user=learner, extra_minutes=15, extra_attempts=1, by=trainer)
    learner_client.cookies["lms_language"] = "en"
    with translation.override("en"):
        html = learner_client.get(f"/quizzes/{timed.slug}/").content.decode()
    assert "You have 15 extra minutes" in html
    assert "including 1 extra attempt for you" in html
    assert 'data-testid="start-attempt"' in html
    other = LearnerFactory()
    learner_client.force_login(other)
    assert "extra" not in learner_client.get(f"/quizzes/{timed.slug}/").content.decode()


def test_staff_pages_show_who_granted_what_when_and_why(client, learner, timed, trainer):
    grant(timed, user=learner, extra_minutes=15, by=trainer, reason="手臂骨折，打字较慢")
    attempt = attempt_start(quiz=timed, user=learner)
    client.force_login(trainer)
    client.cookies["lms_language"] = "en"
    today = timezone.localdate().isoformat()
    with translation.override("en"):
        results = client.get(f"/exams/manage/quizzes/{timed.slug}/results/").content.decode()
        detail = client.get(f"/exams/manage/attempts/{attempt.pk}/").content.decode()
    for html in (results, detail):
        assert "extra time +15 min" in html
        assert f'granted by <span translate="no">李培训</span> on {today}' in html
        assert '<span translate="no">手臂骨折，打字较慢</span>' in html
    assert "+15 min" in results  # the attempt's own extra time, in the attempts table
    assert "with 15 extra minutes" in detail


def test_the_exam_page_and_results_keep_their_queries_with_unit_accommodations(
    client, timed, trainer, django_assert_max_num_queries
):
    learners = [LearnerFactory() for _ in range(5)]
    for n, person in enumerate(learners):
        place(person, f"售后服务部/区{n}/组")
        grant(timed, unit=unit(f"售后服务部/区{n}"), extra_minutes=n + 1, by=trainer)
        attempt_start(quiz=timed, user=person)
    client.force_login(learners[0])
    with django_assert_max_num_queries(25):
        assert client.get(f"/quizzes/{timed.slug}/").status_code == 200
    client.force_login(trainer)
    with django_assert_max_num_queries(25):
        assert client.get(f"/exams/manage/quizzes/{timed.slug}/results/").status_code == 200


# --- Granted in the CMS ----------------------------------------------------------------------


def cms_post(client, data, url="/cms/exams/accommodations/new/"):
    client.cookies["lms_language"] = "en"
    with translation.override("en"):
        return client.post(url, data)


def form(quiz, **changes):
    data = {
        "quiz": quiz.pk,
        "user": "",
        "unit": "",
        "extra_minutes": "",
        "extra_percent": "",
        "extra_attempts": "",
        "open_at": "",
        "close_at": "",
        "reason": "工伤恢复期",
    }
    return {**data, **changes}


def test_a_trainer_grants_extra_time_in_the_cms_and_it_records_who(
    trainer_client, trainer, learner, timed
):
    response = cms_post(trainer_client, form(timed, user=learner.pk, extra_percent="25"))
    assert response.status_code == 302
    row = Accommodation.objects.get()
    assert (row.user, row.extra_percent, row.granted_by, row.reason) == (
        learner,
        25,
        trainer,
        "工伤恢复期",
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"user": "LEARNER", "extra_minutes": "10", "reason": ""}, "This field is required."),
        ({"extra_minutes": "10"}, "Choose a person or an organisational unit, not both."),
        (
            {"user": "LEARNER", "unit": "UNIT", "extra_minutes": "10"},
            "Choose a person or an organisational unit, not both.",
        ),
        ({"user": "LEARNER", "extra_minutes": "-5"}, "is greater than or equal to"),
        (
            {"user": "LEARNER", "extra_minutes": "10", "extra_percent": "20"},
            "Give extra time in minutes or as a percentage, not both.",
        ),
        (
            {"user": "LEARNER", "open_at": "2026-12-10 09:00", "close_at": "2026-12-09 09:00"},
            "The other close date must come after the other open date.",
        ),
        ({"user": "LEARNER"}, "Grant something"),
    ],
)
def test_a_wrong_accommodation_keeps_what_was_typed_with_a_clear_error(
    trainer_client, learner, timed, changes, error
):
    names = {"LEARNER": learner.pk, "UNIT": unit("售后服务部").pk}
    changes = {key: names.get(value, value) for key, value in changes.items()}
    response = cms_post(trainer_client, form(timed, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    for key in ("extra_minutes", "extra_percent"):
        if changes.get(key):
            assert f'value="{changes[key]}"' in html
    assert not Accommodation.objects.exists()


def test_extra_time_only_on_a_timed_exam(trainer_client, learner, objective_exam):
    response = cms_post(trainer_client, form(objective_exam, user=learner.pk, extra_minutes="10"))
    assert "This exam has no time limit, so extra time cannot be given." in (
        response.content.decode()
    )
    assert (
        cms_post(
            trainer_client, form(objective_exam, user=learner.pk, extra_attempts="1")
        ).status_code
        == 302
    )


def test_another_trainers_exam_is_not_offered_nor_its_grants_shown(
    client, other_trainer, learner, timed, trainer
):
    row = grant(timed, user=learner, extra_minutes=5, by=trainer)
    client.force_login(other_trainer)
    response = cms_post(client, form(timed, user=learner.pk, extra_minutes="10"))
    assert "Select a valid choice" in response.content.decode()
    assert client.get(f"/cms/exams/accommodations/edit/{row.pk}/").status_code == 404
    listing = client.get("/cms/exams/accommodations/").content.decode()
    assert "读写障碍" not in listing


def test_a_forged_start_of_a_missing_quiz_is_a_404_not_a_500(learner_client):
    assert learner_client.post("/quizzes/no-such-exam/start/").status_code == 404


def test_a_forged_cms_post_gets_form_errors_not_a_500(trainer_client, timed):
    forged = {**form(timed), "quiz": "x", "user": "999999", "unit": "abc", "extra_minutes": "ten"}
    response = cms_post(trainer_client, forged)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Accommodation.objects.exists()
