"""Who may open what: every URL of the project, requested by every role, on the demo data.

``EXPECTED`` names, for each URL pattern outside Wagtail's own admin (under ``/cms/``, the views
whose code is the project's: its own views and its subclasses of Wagtail's), the roles that get
a page (200, or a redirect to somewhere other than a login page) on GET. Everyone else must be
refused: a redirect to a login page (anonymous visitors, and signed-in users Wagtail's admin
turns away), a 403 or a 404; never a page, never a 500. ``POST_ONLY`` patterns answer nobody's
GET with a page, ``FORM_POSTS`` answer the GET of a role that may POST with a redirect to the
page of their form; for both, the ``EXPECTED`` roles are the ones that may POST. The same table is
docs/security.md's "Who may do what".

A pattern added without a line here fails ``test_every_url_pattern_is_in_the_table``, so a new
view cannot skip the matrix. Objects in URLs are the demo's own: the first learner's attempt,
report version, attachment, scorecard, certificate and peer rating, which the second learner
must not reach.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from appeals.models import Appeal, AppealAttachment
from assessment.demo import SUPERVISOR_ROUND
from assessment.models import (
    MetricImport,
    MetricRecord,
    PeerAssignment,
    SchemeVersion,
    Scorecard,
    SupervisorRating,
)
from assessment.services.peer import peer_round_open
from assessment.services.tokens import token_create
from assignments import feed
from assignments.models import DeadlineOverride
from cases.models import CaseAttachment, CaseSubmission, PracticeCase
from certificates.models import BulkIssueJob, Certificate, CertificateBranding
from courses.models import Cohort, LessonPage
from exams.models import Accommodation, Attempt, AttemptQuestion, Question
from notifications.models import Notification
from people.models import RosterUpload
from people.services.invitations import tokens as invitation_tokens
from privacy.models import LegalHold

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
LEARNER = "learner"  # owns the attempt, report, attachment, scorecard, certificate, rating
OTHER_LEARNER = "other learner"
TRAINER = "trainer"
ASSESSOR = "assessor"
MANAGER = "manager"  # manages the first learner's station (上海站), not the other learner's
ADMINISTRATOR = "administrator"
ROLES = (ANONYMOUS, LEARNER, OTHER_LEARNER, TRAINER, ASSESSOR, MANAGER, ADMINISTRATOR)

NOBODY = frozenset()
SIGNED_IN = frozenset({LEARNER, OTHER_LEARNER, TRAINER, ASSESSOR, MANAGER, ADMINISTRATOR})
EVERYONE = SIGNED_IN | {ANONYMOUS}
LEARNERS = frozenset({LEARNER, OTHER_LEARNER, ADMINISTRATOR})  # administrators hold every role
OWNER = frozenset({LEARNER})
TRAINERS = frozenset({TRAINER, ADMINISTRATOR})
ASSESSORS = frozenset({ASSESSOR, ADMINISTRATOR})
MANAGERS = frozenset({MANAGER, ADMINISTRATOR})
ADMINISTRATORS = frozenset({ADMINISTRATOR})

# URL name → who gets a page. A dict holds one expectation per object or parameter tried.
EXPECTED: dict[str, frozenset | dict[str, frozenset]] = {
    # lms: dashboards, accounts, language, health
    "dashboard": SIGNED_IN,
    "dashboard_role": {
        "learner": LEARNERS,
        "trainer": TRAINERS,
        "assessor": ASSESSORS,
        "manager": MANAGERS,
    },
    "healthz": EVERYONE,
    "metrics": NOBODY,  # only from METRICS_ALLOWED_IPS or with METRICS_TOKEN (test_metrics.py)
    "login": EVERYONE,
    "logout": EVERYONE,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": EVERYONE,
    "password_reset_done": EVERYONE,
    "password_reset_confirm": EVERYONE,
    "password_reset_complete": EVERYONE,
    "set_language": EVERYONE,
    # django-allauth (decision 0704): its names for the pages above, two-factor sign-in, and
    # company sign-on (no provider is configured here: their views find nothing).
    "account_login": EVERYONE,
    "account_logout": EVERYONE,
    "account_change_password": SIGNED_IN,
    "account_reset_password": EVERYONE,
    "account_inactive": EVERYONE,
    "account_reauthenticate": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": SIGNED_IN,  # the code of a sign-in; a signed-in person is sent home
    "mfa_reauthenticate": SIGNED_IN,  # without an authenticator app: to the password instead
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": NOBODY,  # only with an authenticator app
    "mfa_view_recovery_codes": NOBODY,  # likewise
    "mfa_generate_recovery_codes": SIGNED_IN,  # after confirming the password
    "mfa_download_recovery_codes": NOBODY,
    "socialaccount_login_cancelled": EVERYONE,
    "socialaccount_login_error": NOBODY,  # a 401 page: "Sign-on failed"
    "openid_connect_login": NOBODY,
    "openid_connect_callback": NOBODY,
    "dingtalk_login": NOBODY,
    "dingtalk_callback": NOBODY,
    "feishu_login": NOBODY,
    "feishu_callback": NOBODY,
    "wecom_login": NOBODY,
    "wecom_callback": NOBODY,
    "cms_login": NOBODY,  # sends everyone to the site's login page
    "lms_lockouts": ADMINISTRATORS,
    "lms_lockout_unlock": ADMINISTRATORS,
    # Wagtail's group list, with the groups' translated labels (lms.viewsets.GroupViewSet)
    "wagtailusers_groups:index": ADMINISTRATORS,
    "wagtailusers_groups:index_results": ADMINISTRATORS,
    # Wagtail's public views: documents (login restriction on every collection), course pages
    "wagtaildocs_serve": SIGNED_IN,
    # Wagtail's password form for a restriction; the only one is the login restriction on the
    # root collection (decision 0006), so the form shows nothing and opens nothing.
    "wagtaildocs_authenticate_with_password": EVERYONE,
    "wagtailcore_authenticate_with_password": NOBODY,  # no page has a view restriction
    "wagtailcore_login": EVERYONE,
    "wagtail_serve": {"zh-hans lesson": SIGNED_IN, "en lesson": SIGNED_IN},
    # courses
    "courses:index": SIGNED_IN,
    "courses:search": SIGNED_IN,
    "course_pages:lesson_complete": SIGNED_IN,  # the reader's own progress
    "courses:cohort_progress": TRAINERS,
    "courses:cohort_export": TRAINERS,
    # exams: quizzes and attempts
    "exams:quiz_list": SIGNED_IN,
    "exams:quiz_detail": SIGNED_IN,  # a published quiz, with the reader's own attempts
    "exams:quiz_start": SIGNED_IN,
    "exams:attempt_resume": OWNER,
    "exams:attempt_page": OWNER,
    "exams:attempt_autosave": OWNER,
    "exams:attempt_summary": OWNER,
    "exams:attempt_submit": OWNER,
    "exams:attempt_result": OWNER,
    "exams:staff_quiz_list": TRAINERS,
    "exams:staff_quiz_results": TRAINERS,
    "exams:staff_item_analysis": TRAINERS,
    "exams:staff_learner_results": TRAINERS,
    "exams:staff_attempt_detail": TRAINERS,
    "exams:marking_queue": TRAINERS,
    "exams:marking_essay": TRAINERS,
    "exams_question_import": TRAINERS,
    "exams_question_export": TRAINERS,
    # exams: practice cases and grading
    "cases:case_list": LEARNERS,
    "cases:case_detail": LEARNERS,
    "cases:report_edit": LEARNERS,
    "cases:report_autosave": LEARNERS,  # the poster's own draft
    "cases:report_revise": LEARNERS,  # a new version of the poster's own report
    "cases:case_version": OWNER,
    "cases:case_attachment": OWNER | TRAINERS,
    "cases:grading_queue": TRAINERS,
    "cases:grading_screen": TRAINERS,
    "cases:grader_agreement": TRAINERS | ASSESSORS,
    "wagtailsnippets_cases_practicecase:add": TRAINERS,
    "wagtailsnippets_cases_rubric:edit": TRAINERS,
    # certificates: scorecards and feedback
    "assessment:my_scorecards": SIGNED_IN,
    "assessment:scorecard": OWNER | ASSESSORS,
    "assessment:scorecard_finalise": ASSESSORS,
    "assessment:scorecard_revision": OWNER | ASSESSORS,
    "assessment:feedback": OWNER | ASSESSORS,
    "assessment:feedback_pdf": OWNER | ASSESSORS,
    "assessment:feedback_comments": ASSESSORS,
    "assessment:feedback_acknowledge": OWNER,
    # certificates: the assessors' pages
    "assessment:cohort": ASSESSORS,
    "assessment:cohort_export": ASSESSORS,
    "assessment:scheme_impact": ASSESSORS,
    "assessment:scheme_activate": ASSESSORS,
    "assessment:metrics": ASSESSORS,
    "assessment:metrics_export": ASSESSORS,
    "assessment:metrics_upload": ASSESSORS,
    "assessment:metrics_import": frozenset({ASSESSOR}),  # the uploader's own
    "assessment:metric_history": ASSESSORS,
    "assessment:peer_rounds": ASSESSORS,
    "assessment:peer_round_new": ASSESSORS,
    "assessment:peer_round": ASSESSORS,
    "assessment:peer_round_close": ASSESSORS,
    "assessment:supervisor_rounds": ASSESSORS,
    "assessment:supervisor_round_new": ASSESSORS,
    "assessment:supervisor_round": ASSESSORS,
    "assessment:supervisor_round_close": ASSESSORS,
    "certificates:certificate_list": ASSESSORS,
    "certificates:bulk_issue": ASSESSORS,
    "certificates:bulk_issue_job": ASSESSORS,
    "certificates:merged_pdf": ASSESSORS,
    "certificates:certificate_detail": ASSESSORS,
    "certificates:certificate_revoke": ASSESSORS,
    "certificates_schemeversion:index": ASSESSORS,
    "certificates_schemeversion:index_results": ASSESSORS,
    "certificates_schemeversion:add": ASSESSORS,
    "certificates_schemeversion:edit": ASSESSORS,
    "certificates_schemeversion:delete": ASSESSORS,
    "bulkissuejob:index": ASSESSORS,
    "bulkissuejob:index_results": ASSESSORS,
    "integrationtoken:add": ADMINISTRATORS,
    # Eligibility and accommodations (decision 0802): trainers and assessors write them.
    "prerequisite:add": TRAINERS | ASSESSORS,
    "exams_accommodation:index": TRAINERS | ASSESSORS,
    "exams_accommodation:index_results": TRAINERS | ASSESSORS,
    "exams_accommodation:add": TRAINERS | ASSESSORS,
    "exams_accommodation:edit": TRAINERS | ASSESSORS,  # the demo's, on the certification exam
    "exams_accommodation:delete": TRAINERS | ASSESSORS,
    "certificates_branding_image": ASSESSORS,
    # certificates: the learner's own, and the public verification
    "assessment:my_peer": SIGNED_IN,
    "assessment:peer_rate": OWNER,  # the rater's own assignment
    "assessment:my_supervisor": SIGNED_IN,  # the signed-in user's own direct reports
    # The learner's rating in the demo's supervisor round: their manager only (made the
    # assessor here), not even an administrator.
    "assessment:supervisor_rate": frozenset({ASSESSOR}),
    "certificates:my_certificates": SIGNED_IN,
    "certificates:certificate_download": OWNER | ASSESSORS,
    "certificates:verify_paper": EVERYONE,
    "certificates:verify_json": EVERYONE,
    "certificates:verify": EVERYONE,
    # certificates: a manager's team (the administrator manages no unit: nobody to open)
    "certificates:team": MANAGERS,
    "certificates:team_member": {"in their unit": frozenset({MANAGER}), "outside": NOBODY},
    # Integration token only, never a session: see test_metrics_api_takes_a_token_not_a_session
    "assessment:metrics_api": NOBODY,
    # people: the roster import and People administration in /cms/, the invitation's page
    "people_import": ADMINISTRATORS,
    "people_import_preview": ADMINISTRATORS,  # the uploader's own
    "people_list": ADMINISTRATORS,
    "people_invite_many": ADMINISTRATORS,
    "people_person": ADMINISTRATORS,
    "people_deactivate": ADMINISTRATORS,
    "people_reactivate": ADMINISTRATORS,
    "people_invite": ADMINISTRATORS,
    "people_unlock": ADMINISTRATORS,
    "people:invitation": EVERYONE,  # whoever holds the link
    # audit: the audit page in Wagtail's Reports, its filtered results and the verify button
    "audit_report": ADMINISTRATORS,
    "audit_report_results": ADMINISTRATORS,
    "audit_verify": ADMINISTRATORS,
    # notifications: the person's own inbox and settings
    "notifications:inbox": SIGNED_IN,
    "notifications:read": OWNER,
    "notifications:read_all": SIGNED_IN,
    "notifications:preferences": SIGNED_IN,
    # assignments: the staff's shared pages (trainers and assessors, decision 0803)
    **dict.fromkeys(
        [f"assignments:staff_{page}" for page in ("list", "new", "detail", "edit", "delete")],
        TRAINERS | ASSESSORS,
    ),
    "assignments:staff_export": TRAINERS | ASSESSORS,
    "assignments:override_add": TRAINERS | ASSESSORS,
    "assignments:override_remove": TRAINERS | ASSESSORS,
    # assignments: each person's own calendar, and the feed for whoever holds its secret link
    "assignments:calendar": SIGNED_IN,
    "assignments:calendar_reset": SIGNED_IN,
    "assignments:calendar_feed": EVERYONE,
    # privacy (decision 1002): the notice, each person's own account page and data download
    "privacy:notice": SIGNED_IN,
    "privacy:account": SIGNED_IN,
    "privacy:my_data": SIGNED_IN,  # always the signed-in person's own data: no id to try
    # appeals (decision 1001): each learner's own, the assessors' queue; a re-marker's page
    # only for the grader assigned (the demo's open appeal is a metric's: nobody re-marks it)
    "appeals:mine": SIGNED_IN,
    "appeals:new": OWNER,
    "appeals:detail": OWNER,
    "appeals:attachment": OWNER | ASSESSORS,
    "appeals:queue": ASSESSORS,
    "appeals:manage": ASSESSORS,
    "appeals:remark": NOBODY,
    "appeals:report": ASSESSORS,
    # privacy: legal holds are set by administrators in /cms/
    "privacy_legal_hold:add": ADMINISTRATORS,
    "privacy_legal_hold:edit": ADMINISTRATORS,
}

# POST endpoints that scripts call (the autosaves, the metrics API), and Django's sign-out,
# answer every GET with 405.
POST_ONLY = {
    "logout",
    "account_logout",
    "exams:attempt_autosave",
    "cases:report_autosave",
    "assessment:metrics_api",
    "notifications:read",
    "notifications:read_all",
    "privacy:my_data",
}

# POST-only pages (``lms.http.post_only``): a GET by a role that may POST is sent (302) to the
# page that holds the form; everyone else is refused as for a POST (decision 0104).
FORM_POSTS = {
    "lms_lockout_unlock",
    "course_pages:lesson_complete",
    "exams:quiz_start",
    "exams:attempt_submit",
    "cases:report_revise",
    "assessment:scorecard_finalise",
    "assessment:feedback_comments",
    "assessment:feedback_acknowledge",
    "assessment:scheme_activate",
    "assessment:peer_round_close",
    "assessment:supervisor_round_close",
    "certificates:bulk_issue",
    "certificates:certificate_revoke",
    "people_invite_many",
    "people_deactivate",
    "people_reactivate",
    "people_invite",
    "people_unlock",
    "assignments:override_add",
    "assignments:override_remove",
}

PROJECT_APPS = (
    "lms",
    "courses",
    "exams",
    "cases",
    "assessment",
    "certificates",
    "people",
    "audit",
    "privacy",
    "appeals",
)
LOGIN_PATHS = ("/accounts/login/", "/cms/login/")
ADMIN_HOME = "/cms/"


# --- The URL patterns ------------------------------------------------------------------------


def _patterns(resolver=None, prefix="", namespace=""):
    """(route, name, callback) of every pattern, namespaced names as ``reverse`` takes them."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.callback


def project_patterns() -> dict[str, str]:
    """Name → route of every pattern outside Wagtail's own admin: everything not under
    ``cms/``, and the views under ``cms/`` that the project's apps define."""
    found = {}
    for route, name, callback in _patterns():
        if route.startswith("cms/") and callback.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        found[name or route] = route
    return found


def test_every_url_pattern_is_in_the_table():
    patterns = project_patterns()
    assert set(patterns) - set(EXPECTED) == set(), "add these views to EXPECTED"
    assert set(EXPECTED) - set(patterns) == set(), "these views are gone"
    assert set(EXPECTED) >= POST_ONLY | FORM_POSTS
    assert not POST_ONLY & FORM_POSTS


# --- The data: the demo, and the objects each URL is tried with ------------------------------


@pytest.fixture
def demo(db):
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    User = get_user_model()
    learner = User.objects.get(username="learner")
    other = User.objects.get(username="learner02")
    users = {
        LEARNER: learner,
        OTHER_LEARNER: other,
        TRAINER: User.objects.get(username="trainer"),
        ASSESSOR: User.objects.get(username="assessor"),
        MANAGER: User.objects.get(username="manager"),
        ADMINISTRATOR: User.objects.get(username="admin"),
    }
    return users


def _report_only_the_learner_has(learner, other) -> CaseSubmission:
    """A submitted report version of the learner. Its URL names the case and the version number,
    and the signed-in learner is the one whose version is shown; in the demo every learner has
    the same numbers, so the other learner's version of that case is removed first."""
    report = (
        CaseSubmission.objects.filter(learner=learner)
        .exclude(status="draft")
        .select_related("case")
        .order_by("pk")
        .first()
    )
    CaseSubmission.objects.filter(case=report.case, learner=other).delete()
    return report


def _case_nobody_has_started(case) -> PracticeCase:
    """An open case with no report yet, on ``case``'s rubric. Every demo learner has a graded
    version of every demo case, and autosaving a version past drafting is a 409; here an empty
    autosave post gets its 400."""
    return PracticeCase.objects.create(
        title="未开始的案例",
        slug="case-not-started",
        scenario="<p>设备报警停机。</p>",
        rubric_id=case.rubric_id,
        live=True,
    )


def _attachment(learner) -> CaseAttachment:
    attachment = (
        CaseAttachment.objects.filter(submission__learner=learner)
        .exclude(submission__status="draft")
        .first()
    )
    if attachment is None:
        submission = CaseSubmission.objects.filter(learner=learner).exclude(status="draft").first()
        attachment = CaseAttachment.objects.create(
            submission=submission,
            file=ContentFile(b"fault log\n", name="log.txt"),
            name="log.txt",
            content_type="text/plain",
            size=10,
        )
    return attachment


def _peer_rating(program, learner, teammate, assessor) -> PeerAssignment:
    """The learner's assignment in a peer round of the two learners (the demo has none)."""
    cohort = _cohort()
    peer_round = peer_round_open(
        title="Teamwork",
        program=program,
        cohort_id=cohort.pk,
        cohort_name=cohort.name,
        member_ids=[learner.pk, teammate.pk],
        period="2026-Q4",
        indicator=sorted(program.active_version.scheme().indicator_codes)[0],
        items=["Shares what they know"],
        by=assessor,
    )
    return PeerAssignment.objects.get(round=peer_round, rater=learner)


def _supervisor_rating(learner, *, manager) -> SupervisorRating:
    """The learner's rating in the demo's supervisor round, the learner reporting to
    ``manager``."""
    learner.manager = manager
    learner.save(update_fields=["manager"])
    return SupervisorRating.objects.get(employee=learner, round__title=SUPERVISOR_ROUND)


def _branding() -> CertificateBranding:
    branding = CertificateBranding.objects.first()
    if not branding.logo:
        raise AssertionError("the demo branding has no logo")
    return branding


def urls_to_try(users) -> dict[str, str | dict[str, str]]:
    """URL name → the URL (or label → URL) tried, filled with the demo's objects."""
    learner, assessor = users[LEARNER], users[ASSESSOR]
    attempt = Attempt.objects.filter(user=learner).order_by("-pk").first()
    quiz = attempt.quiz
    report = _report_only_the_learner_has(learner, users[OTHER_LEARNER])
    essay = AttemptQuestion.objects.filter(
        kind=Question.Kind.ESSAY, attempt__state__in=["submitted", "graded"]
    ).first()
    scorecard = Scorecard.objects.filter(employee=learner).select_related("program").last()
    card = {
        "code": scorecard.program.code,
        "period": scorecard.period,
        "employee_id": learner.employee_id,
    }
    revision = {**card, "revision": scorecard.revision}
    certificate = Certificate.objects.filter(holder=learner).first()
    rating = _peer_rating(scorecard.program, learner, users[OTHER_LEARNER], assessor)
    supervised = _supervisor_rating(learner, manager=assessor)
    upload = MetricImport.objects.filter(uploaded_by=assessor).first()
    if upload is None:
        upload = MetricImport.objects.create(
            file=ContentFile(b"employee_id,indicator,period,value\n", name="m.csv"),
            original_name="m.csv",
            uploaded_by=assessor,
        )
    document = get_document_model().objects.first()
    lesson = LessonPage.objects.live().filter(locale__language_code="zh-hans").first()
    lesson_en = lesson.get_translation(lesson.locale.__class__.objects.get(language_code="en"))
    branding = _branding()
    accommodation = Accommodation.objects.get(user__username="learner04")
    uid = urlsafe_base64_encode(force_bytes(learner.pk))
    token = default_token_generator.make_token(learner)

    def r(name, *args, **kwargs):
        return reverse(name, args=args or None, kwargs=kwargs or None)

    return {
        "dashboard": r("dashboard"),
        "dashboard_role": {
            slug: r("dashboard_role", role=slug)
            for slug in ("learner", "trainer", "assessor", "manager")
        },
        "healthz": r("healthz"),
        "metrics": r("metrics"),
        "login": r("login"),
        "logout": r("logout"),
        "password_change": r("password_change"),
        "password_change_done": r("password_change_done"),
        "password_reset": r("password_reset"),
        "password_reset_done": r("password_reset_done"),
        "password_reset_confirm": r("password_reset_confirm", uidb64=uid, token=token),
        "password_reset_complete": r("password_reset_complete"),
        "set_language": r("set_language"),
        **{
            name: r(name)
            for name in (
                "account_login",
                "account_logout",
                "account_change_password",
                "account_reset_password",
                "account_inactive",
                "account_reauthenticate",
                "mfa_index",
                "mfa_authenticate",
                "mfa_reauthenticate",
                "mfa_activate_totp",
                "mfa_deactivate_totp",
                "mfa_view_recovery_codes",
                "mfa_generate_recovery_codes",
                "mfa_download_recovery_codes",
                "socialaccount_login_cancelled",
                "socialaccount_login_error",
                "dingtalk_login",
                "dingtalk_callback",
                "feishu_login",
                "feishu_callback",
                "wecom_login",
                "wecom_callback",
                "cms_login",
            )
        },
        "openid_connect_login": r("openid_connect_login", provider_id="company"),
        "openid_connect_callback": r("openid_connect_callback", provider_id="company"),
        "lms_lockouts": r("lms_lockouts"),
        "lms_lockout_unlock": r("lms_lockout_unlock"),
        "wagtailusers_groups:index": r("wagtailusers_groups:index"),
        "wagtailusers_groups:index_results": r("wagtailusers_groups:index_results"),
        "wagtaildocs_serve": r("wagtaildocs_serve", document.pk, document.filename),
        "wagtaildocs_authenticate_with_password": r(
            "wagtaildocs_authenticate_with_password",
            restriction_id=CollectionViewRestriction.objects.order_by("pk").first().pk,
        ),
        "wagtailcore_authenticate_with_password": r(
            "wagtailcore_authenticate_with_password",
            page_view_restriction_id=1,
            page_id=lesson.pk,
        ),
        "wagtailcore_login": _in_language("zh-hans", r, "wagtailcore_login"),
        "wagtail_serve": {
            "zh-hans lesson": lesson.url,
            "en lesson": lesson_en.url,
        },
        "courses:index": r("courses:index"),
        "courses:search": r("courses:search") + "?q=故障",
        "course_pages:lesson_complete": r("course_pages:lesson_complete", page_id=lesson.pk),
        "courses:cohort_progress": r("courses:cohort_progress", cohort_id=_cohort().pk),
        "courses:cohort_export": r("courses:cohort_export", cohort_id=_cohort().pk, fmt="csv"),
        "exams:quiz_list": r("exams:quiz_list"),
        "exams:quiz_detail": r("exams:quiz_detail", slug=quiz.slug),
        "exams:quiz_start": r("exams:quiz_start", slug=quiz.slug),
        "exams:attempt_resume": r("exams:attempt_resume", pk=attempt.pk),
        "exams:attempt_page": r("exams:attempt_page", pk=attempt.pk, page=1),
        "exams:attempt_autosave": r("exams:attempt_autosave", pk=attempt.pk),
        "exams:attempt_summary": r("exams:attempt_summary", pk=attempt.pk),
        "exams:attempt_submit": r("exams:attempt_submit", pk=attempt.pk),
        "exams:attempt_result": r("exams:attempt_result", pk=attempt.pk),
        "exams:staff_quiz_list": r("exams:staff_quiz_list"),
        "exams:staff_quiz_results": r("exams:staff_quiz_results", slug=quiz.slug),
        "exams:staff_item_analysis": r("exams:staff_item_analysis", slug=quiz.slug),
        "exams:staff_learner_results": r("exams:staff_learner_results", user_id=learner.pk),
        "exams:staff_attempt_detail": r("exams:staff_attempt_detail", pk=attempt.pk),
        "exams:marking_queue": r("exams:marking_queue"),
        "exams:marking_essay": r("exams:marking_essay", pk=essay.pk),
        "exams_question_import": r("exams_question_import"),
        "exams_question_export": r("exams_question_export"),
        "cases:case_list": r("cases:case_list"),
        "cases:case_detail": r("cases:case_detail", slug=report.case.slug),
        "cases:report_edit": r("cases:report_edit", slug=report.case.slug),
        "cases:report_autosave": r(
            "cases:report_autosave", slug=_case_nobody_has_started(report.case).slug
        ),
        "cases:report_revise": r("cases:report_revise", slug=report.case.slug),
        "cases:case_version": r("cases:case_version", slug=report.case.slug, number=report.number),
        "cases:case_attachment": r("cases:case_attachment", pk=_attachment(learner).pk),
        "cases:grading_queue": r("cases:grading_queue"),
        "cases:grading_screen": r("cases:grading_screen", pk=report.pk),
        "cases:grader_agreement": r("cases:grader_agreement"),
        "wagtailsnippets_cases_practicecase:add": r("wagtailsnippets_cases_practicecase:add"),
        "wagtailsnippets_cases_rubric:edit": r(
            "wagtailsnippets_cases_rubric:edit", pk=report.rubric_id
        ),
        "assessment:my_scorecards": r("assessment:my_scorecards"),
        "assessment:scorecard": r("assessment:scorecard", **card),
        "assessment:scorecard_finalise": r("assessment:scorecard_finalise", **card),
        "assessment:scorecard_revision": r("assessment:scorecard_revision", **revision),
        "assessment:feedback": r("assessment:feedback", **revision),
        "assessment:feedback_pdf": r("assessment:feedback_pdf", **revision),
        "assessment:feedback_comments": r("assessment:feedback_comments", **revision),
        "assessment:feedback_acknowledge": r("assessment:feedback_acknowledge", **revision),
        "assessment:cohort": r("assessment:cohort"),
        "assessment:cohort_export": r("assessment:cohort_export", fmt="csv"),
        "assessment:scheme_impact": r("assessment:scheme_impact", pk=scorecard.scheme_version_id),
        "assessment:scheme_activate": r(
            "assessment:scheme_activate", pk=scorecard.scheme_version_id
        ),
        "assessment:metrics": r("assessment:metrics"),
        "assessment:metrics_export": r("assessment:metrics_export"),
        "assessment:metrics_upload": r("assessment:metrics_upload"),
        "assessment:metrics_import": r("assessment:metrics_import", pk=upload.pk),
        "assessment:metric_history": r(
            "assessment:metric_history",
            pk=MetricRecord.objects.filter(employee=learner).first().pk,
        ),
        "assessment:peer_rounds": r("assessment:peer_rounds"),
        "assessment:peer_round_new": r("assessment:peer_round_new"),
        "assessment:peer_round": r("assessment:peer_round", pk=rating.round_id),
        "assessment:peer_round_close": r("assessment:peer_round_close", pk=rating.round_id),
        "assessment:supervisor_rounds": r("assessment:supervisor_rounds"),
        "assessment:supervisor_round_new": r("assessment:supervisor_round_new"),
        "assessment:supervisor_round": r("assessment:supervisor_round", pk=supervised.round_id),
        "assessment:supervisor_round_close": r(
            "assessment:supervisor_round_close", pk=supervised.round_id
        ),
        "certificates:certificate_list": r("certificates:certificate_list"),
        "certificates:bulk_issue": r("certificates:bulk_issue"),
        "certificates:bulk_issue_job": r(
            "certificates:bulk_issue_job", pk=BulkIssueJob.objects.first().pk
        ),
        "certificates:merged_pdf": r("certificates:merged_pdf")
        + f"?program={certificate.program.code}&period={certificate.period}",
        "certificates:certificate_detail": r(
            "certificates:certificate_detail", serial=certificate.serial
        ),
        "certificates:certificate_revoke": r(
            "certificates:certificate_revoke", serial=certificate.serial
        ),
        "certificates_schemeversion:index": r("certificates_schemeversion:index"),
        "certificates_schemeversion:index_results": r("certificates_schemeversion:index_results"),
        "certificates_schemeversion:add": r("certificates_schemeversion:add"),
        "certificates_schemeversion:edit": r(
            "certificates_schemeversion:edit", pk=SchemeVersion.objects.first().pk
        ),
        "certificates_schemeversion:delete": r(
            "certificates_schemeversion:delete", pk=SchemeVersion.objects.last().pk
        ),
        "bulkissuejob:index": r("bulkissuejob:index"),
        "bulkissuejob:index_results": r("bulkissuejob:index_results"),
        "integrationtoken:add": r("integrationtoken:add"),
        "prerequisite:add": r("prerequisite:add"),
        "exams_accommodation:index": r("exams_accommodation:index"),
        "exams_accommodation:index_results": r("exams_accommodation:index_results"),
        "exams_accommodation:add": r("exams_accommodation:add"),
        "exams_accommodation:edit": r("exams_accommodation:edit", pk=accommodation.pk),
        "exams_accommodation:delete": r("exams_accommodation:delete", pk=accommodation.pk),
        "certificates_branding_image": r(
            "certificates_branding_image", pk=branding.pk, field="logo"
        ),
        "assessment:my_peer": r("assessment:my_peer"),
        "assessment:peer_rate": r("assessment:peer_rate", pk=rating.pk),
        "assessment:my_supervisor": r("assessment:my_supervisor"),
        "assessment:supervisor_rate": r("assessment:supervisor_rate", pk=supervised.pk),
        "certificates:my_certificates": r("certificates:my_certificates"),
        "certificates:certificate_download": r(
            "certificates:certificate_download", serial=certificate.serial
        ),
        "certificates:verify_paper": r("certificates:verify_paper"),
        "certificates:verify_json": r("certificates:verify_json", code=certificate.code),
        "certificates:verify": r("certificates:verify", code=certificate.code),
        "certificates:team": r("certificates:team"),
        "certificates:team_member": {
            "in their unit": r("certificates:team_member", username=learner.username),
            "outside": r("certificates:team_member", username="learner04"),  # 杭州站
        },
        "assessment:metrics_api": r("assessment:metrics_api"),
        "notifications:inbox": r("notifications:inbox"),
        "notifications:read": r("notifications:read", pk=_notification_of(learner).pk),
        "notifications:read_all": r("notifications:read_all"),
        "notifications:preferences": r("notifications:preferences"),
        **_people_urls(r, users),
        **{name: r(name) for name in ("audit_report", "audit_report_results", "audit_verify")},
        **_assignment_urls(r),
        **_appeal_urls(r, learner),
    }


def _appeal_urls(r, learner) -> dict[str, str]:
    """The demo's open appeal of the first learner (appeals/demo.py), a file attached to it,
    and the learner's finalised scorecard to appeal."""
    appeal = Appeal.objects.filter(learner=learner).order_by("pk").first()
    attachment = appeal.attachments.first() or AppealAttachment.objects.create(
        appeal=appeal,
        file=ContentFile(b"work order\n", name="order.txt"),
        name="order.txt",
        content_type="text/plain",
        size=11,
    )
    card = Scorecard.objects.filter(employee=learner).order_by("-revision").first()
    return {
        "appeals:mine": r("appeals:mine"),
        "appeals:new": r("appeals:new", kind="scorecard", pk=card.pk),
        "appeals:detail": r("appeals:detail", pk=appeal.pk),
        "appeals:attachment": r("appeals:attachment", pk=attachment.pk),
        "appeals:queue": r("appeals:queue"),
        "appeals:manage": r("appeals:manage", pk=appeal.pk),
        "appeals:remark": r("appeals:remark", pk=appeal.pk),
        "appeals:report": r("appeals:report"),
        "privacy_legal_hold:add": r("privacy_legal_hold:add"),
        "privacy_legal_hold:edit": r("privacy_legal_hold:edit", pk=_legal_hold(learner).pk),
    }


def _legal_hold(learner) -> LegalHold:
    return LegalHold.objects.filter(person=learner).first() or LegalHold.objects.create(
        person=learner, reason="劳动仲裁"
    )


def _assignment_urls(r) -> dict[str, str]:
    """The demo's overridden assignment (assignments/demo.py) and its override."""
    override = DeadlineOverride.objects.order_by("pk").first()
    pk = override.assignment_id
    return {
        "assignments:staff_list": r("assignments:staff_list"),
        "assignments:staff_new": r("assignments:staff_new"),
        "assignments:staff_detail": r("assignments:staff_detail", pk=pk),
        "assignments:staff_edit": r("assignments:staff_edit", pk=pk),
        "assignments:staff_delete": r("assignments:staff_delete", pk=pk),
        "assignments:staff_export": r("assignments:staff_export", pk=pk),
        "assignments:override_add": r("assignments:override_add", pk=pk),
        "assignments:override_remove": r(
            "assignments:override_remove", pk=pk, override_id=override.pk
        ),
        "privacy:notice": r("privacy:notice"),
        "privacy:account": r("privacy:account"),
        "privacy:my_data": r("privacy:my_data"),
        "assignments:calendar": r("assignments:calendar"),
        "assignments:calendar_reset": r("assignments:calendar_reset"),
        # The demo learner's feed (the learner's secret link, made on first use).
        "assignments:calendar_feed": r(
            "assignments:calendar_feed",
            token=feed.token_of(feed.feed_for(get_user_model().objects.get(username="learner"))),
        ),
    }


def _people_urls(r, users) -> dict[str, str]:
    """People administration acts on learner03 (not one of the roles' own accounts: the
    administrator's allowed POSTs deactivate and reactivate them)."""
    person = get_user_model().objects.get(username="learner03")
    roster = "工号,姓名,部门\nE9,甲,部\n".encode()
    upload = RosterUpload.objects.create(
        uploaded_by=users[ADMINISTRATOR], filename="roster.csv", data=roster
    )
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    return {
        "people_import": r("people_import"),
        "people_import_preview": r("people_import_preview", pk=upload.pk),
        "people_list": r("people_list"),
        "people_invite_many": r("people_invite_many"),
        "people_person": r("people_person", pk=person.pk),
        "people_deactivate": r("people_deactivate", pk=person.pk),
        "people_reactivate": r("people_reactivate", pk=person.pk),
        "people_invite": r("people_invite", pk=person.pk),
        "people_unlock": r("people_unlock", pk=person.pk),
        "people:invitation": r("people:invitation", uid, invitation_tokens.make_token(person)),
    }


def _notification_of(learner) -> Notification:
    """The learner's first notification (the demo's are told after commits this test never
    makes, so one is made here)."""
    return Notification.objects.get_or_create(
        recipient=learner,
        event="exam_graded",
        item="access-matrix",
        defaults={"title": "测验", "url": "/quizzes/"},
    )[0]


def _cohort() -> Cohort:
    return Cohort.objects.order_by("pk").first()


def _in_language(language, r, name):
    with override(language):
        return r(name)


# --- Requests and what counts as a page ------------------------------------------------------


def shown(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


def outcome(response) -> str:
    """``page`` (a 2xx, or a redirect elsewhere than a login page), ``login`` (a redirect to a
    login page), ``refused`` (401, 403, 404, 405) or ``error`` (anything else)."""
    status = response.status_code
    if 200 <= status < 300:
        return "page"
    if status in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path.startswith(LOGIN_PATHS):
            return "login"
        # Wagtail's admin answers a PermissionDenied with its home page and an error message.
        return "admin home" if path == ADMIN_HOME else "page"
    if status in (401, 403, 404, 405):
        return "refused"
    return "error"


def refusal_is_right(role: str, url: str, result: str) -> bool:
    if result == "refused":
        return True
    # Anonymous visitors are sent to sign in; so are signed-in users Wagtail's admin turns away,
    # or it sends them to its home page with "Sorry, you do not have permission".
    if url.startswith(ADMIN_HOME):
        return result in ("login", "admin home")
    return result == "login" and role == ANONYMOUS


def clients(users) -> dict[str, Client]:
    made = {ANONYMOUS: Client()}
    for role, user in users.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


def expectations():
    """(name, label, allowed roles) for every URL tried."""
    for name, allowed in EXPECTED.items():
        if isinstance(allowed, dict):
            for label, roles in allowed.items():
                yield name, label, roles
        else:
            yield name, None, allowed


def _url(urls, name, label):
    return urls[name][label] if label else urls[name]


def test_every_role_gets_exactly_what_the_table_allows(demo):
    urls = urls_to_try(demo)
    by_role = clients(demo)
    wrong = []

    # GET: the allowed roles get a page, everyone else is refused; nobody GETs a POST endpoint,
    # and the GET of a form's POST sends the roles that may post to the form's page.
    for name, label, allowed in expectations():
        url = _url(urls, name, label)
        for role in ROLES:
            response = by_role[role].get(url)
            result = outcome(response)
            if name in FORM_POSTS and role in allowed:
                if response.status_code != 302 or result != "page":
                    wrong.append(
                        f"GET {url} ({name}) as {role}: {shown(response)}, "
                        "expected a redirect to the form's page"
                    )
            elif name in POST_ONLY or role not in allowed:
                if not refusal_is_right(role, url, result):
                    wrong.append(
                        f"GET {url} ({name}) as {role}: {shown(response)}, expected a refusal"
                    )
            elif result != "page":
                wrong.append(f"GET {url} ({name}) as {role}: {shown(response)}, expected a page")

    # POST by a role the table does not allow is refused too (before any form is read).
    for name, label, allowed in expectations():
        url = _url(urls, name, label)
        for role in ROLES:
            if role in allowed:
                continue
            response = by_role[role].post(url)
            result = outcome(response)
            if not refusal_is_right(role, url, result):
                wrong.append(
                    f"POST {url} ({name}) as {role}: {shown(response)}, expected a refusal"
                )

    # The POST endpoints do let the allowed roles in: an empty form gets an answer or a 400.
    for name, label, allowed in expectations():
        if name not in POST_ONLY | FORM_POSTS or name in (
            "logout",
            "account_logout",
            "assessment:metrics_api",
        ):
            continue
        url = _url(urls, name, label)
        for role in sorted(allowed):
            response = by_role[role].post(url)
            result = outcome(response)
            if result != "page" and response.status_code != 400:
                wrong.append(
                    f"POST {url} ({name}) as {role}: {shown(response)}, expected to be let in"
                )

    # Signing out, last, as it ends the sessions the requests above use.
    for role in ROLES:
        response = by_role[role].post(reverse("logout"))
        if response.status_code != 302 or "_auth_user_id" in by_role[role].session:
            wrong.append(f"POST /accounts/logout/ as {role}: {shown(response)}, still signed in")

    assert not wrong, "\n".join(wrong)


def test_metrics_api_takes_a_token_not_a_session(demo):
    url = reverse("assessment:metrics_api")
    for role, client in clients(demo).items():
        response = client.post(url, data=[], content_type="application/json")
        assert response.status_code == 401, role
    _token, key = token_create(name="access matrix")
    response = Client().post(
        url, data=[], content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code in (200, 400), response.content  # the records are read
