"""``lms.http.post_only``: the GET of a POST-only page lands on the page of its form, with a
message saying what to do; the POST is the view's as before (tests/lms/test_access_matrix.py
checks who is let in and who is refused)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import gettext

from assessment.models import SchemeVersion
from certificates.models import Certificate
from courses.models import LessonCompletion, LessonPage
from exams.models import Attempt
from tests.lms.test_access_matrix import (
    ADMINISTRATOR,
    ASSESSOR,
    FORM_POSTS,
    LEARNER,
    TRAINER,
    demo,  # noqa: F401 (a fixture)
    urls_to_try,
)

pytestmark = pytest.mark.django_db


# What post_only says when a view names no message of its own.
USE_THE_FORM = "That address only takes a form. Use the form on this page."


def _expected(urls, users) -> dict[str, tuple[str, str, str]]:
    """URL name → (role, the form's page, the message shown there), from the demo's state."""
    learner = users[LEARNER]
    attempt = Attempt.objects.filter(user=learner).order_by("-pk").first()
    submitted = not attempt.is_in_progress
    lesson = LessonPage.objects.live().filter(locale__language_code="zh-hans").first()
    version = SchemeVersion.objects.get(pk=resolve(urls["assessment:scheme_impact"]).kwargs["pk"])
    certificate = Certificate.objects.filter(holder=learner).first()
    return {
        "lms_lockout_unlock": (
            ADMINISTRATOR,
            reverse("lms_lockouts"),
            "To unlock an account or address, use its Unlock button.",
        ),
        # The lesson action speaks the language of the lesson page (here Chinese): decision 0004.
        "course_pages:lesson_complete": (
            LEARNER,
            lesson.url,
            in_chinese("To mark the lesson complete, use the button at the end of the lesson."),
        ),
        "exams:quiz_start": (
            LEARNER,
            reverse("exams:quiz_detail", kwargs={"slug": attempt.quiz.slug}),
            "To start or continue the quiz, use the button on this page.",
        ),
        "exams:attempt_submit": (
            LEARNER,
            reverse(
                "exams:attempt_result" if submitted else "exams:attempt_summary",
                kwargs={"pk": attempt.pk},
            ),
            "This attempt has been submitted; its answers can no longer change."
            if submitted
            else "To submit your attempt, use “Submit all and finish” on this page.",
        ),
        "cases:report_revise": (
            LEARNER,
            urls["cases:case_detail"],
            "To start the next version of a returned report, use the button on this page.",
        ),
        "assessment:scorecard_finalise": (
            ASSESSOR,
            urls["assessment:scorecard"],
            "To finalise the scorecard, use the Finalise button on this page.",
        ),
        "assessment:feedback_comments": (
            ASSESSOR,
            urls["assessment:feedback"],
            "To save your comments, use the form on this page.",
        ),
        "assessment:feedback_acknowledge": (
            LEARNER,
            urls["assessment:feedback"],
            "To acknowledge the report, use the form on this page.",
        ),
        "assessment:scheme_activate": (
            ASSESSOR,
            urls["assessment:scheme_impact"],
            "To activate this version, use the Activate button on this page."
            if version.status == SchemeVersion.Status.DRAFT
            else "Only a draft version can be activated; this one is not a draft.",
        ),
        "assessment:peer_round_close": (
            ASSESSOR,
            urls["assessment:peer_round"],
            "To close the round, use “Close and write the means” on this page.",
        ),
        "assessment:supervisor_round_close": (
            ASSESSOR,
            urls["assessment:supervisor_round"],
            "This round is closed already.",  # the demo's round is closed
        ),
        **dict.fromkeys(
            ("people_deactivate", "people_reactivate", "people_invite", "people_unlock"),
            (ADMINISTRATOR, urls["people_person"], USE_THE_FORM),
        ),
        "people_invite_many": (ADMINISTRATOR, urls["people_list"], USE_THE_FORM),
        **dict.fromkeys(
            ("assignments:override_add", "assignments:override_remove"),
            (TRAINER, urls["assignments:staff_detail"], USE_THE_FORM),
        ),
        "certificates:bulk_issue": (
            ASSESSOR,
            reverse("certificates:certificate_list"),
            "To issue certificates, use the form below.",
        ),
        "certificates:certificate_revoke": (
            ASSESSOR,
            reverse("certificates:certificate_detail", kwargs={"serial": certificate.serial}),
            "This certificate is revoked already."
            if certificate.revoked_at
            else "To revoke the certificate, use the form on this page.",
        ),
    }


def in_chinese(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


def test_a_get_of_every_form_post_lands_on_its_form_with_what_to_do(demo):  # noqa: F811
    urls = urls_to_try(demo)
    expected = _expected(urls, demo)
    assert set(expected) == FORM_POSTS
    completions = LessonCompletion.objects.count()
    wrong = []
    for name, (role, form_page, message) in expected.items():
        client = Client(headers={"Accept-Language": "en"})
        client.force_login(demo[role])
        response = client.get(urls[name], follow=True)
        first = response.redirect_chain[0] if response.redirect_chain else None
        html = response.content.decode()
        if first != (form_page, 302) or response.status_code != 200 or message not in html:
            wrong.append(f"GET {urls[name]} ({name}) as {role}: {first}, {response.status_code}")
    assert not wrong, "\n".join(wrong)
    assert LessonCompletion.objects.count() == completions  # a GET changed nothing


def test_other_methods_than_get_and_post_are_still_405(demo):  # noqa: F811
    urls = urls_to_try(demo)
    client = Client()
    client.force_login(demo[ASSESSOR])
    assert client.put(urls["certificates:bulk_issue"]).status_code == 405
    assert client.delete(urls["certificates:certificate_revoke"]).status_code == 405
