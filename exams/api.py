"""What other apps may ask of the quiz engine, as plain frozen values.

Quizzes and exams: the course app links knowledge checks with ``quiz_link``; the certificates
app reads exam results with ``exam_results`` / ``exam_result``. A retake awaiting marking makes
a result pending only when it can change it (``exams.scoring.quiz_result``): under "highest" the
result stays, ``provisional``, with the attempt's number in ``awaiting_marking``.

Titles are in the active language (an ``lms.bilingual.Localized`` str: on an English page the
Chinese title of a quiz without an English one, its ``fallback`` set, for ``|tr_mark``).

Every function runs a constant number of queries whatever the number of users asked about.

Eligibility: an app that makes an exam require something (``assessment``: prerequisites)
registers an ``exam_requirements`` Wagtail hook, a function ``(*, user, quiz) ->
list[Requirement]``; the exam page lists what is not met and ``attempt_start`` refuses a start
while anything is missing (decision 0802). ``quiz_links`` names the quizzes such a hook links to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.db import transaction
from django.urls import reverse

from exams.models import Attempt, AttemptQuestion, Quiz
from exams.selectors import attempts as attempt_selectors
from exams.selectors.grades import grade_from_attempts
from exams.services.marking import essay_mark
from lms import request_memo
from lms.bilingual import localized


@dataclass(frozen=True)
class QuizLink:
    slug: str
    title: str
    url: str
    kind: Literal["practice", "certification"]


@dataclass(frozen=True)
class Requirement:
    """Something a learner must have done before starting an exam.

    ``label`` says what, in the active language: plain text, or HTML made safe with
    ``format_html`` (to mark a Chinese-only title); ``url`` is where to do it.
    """

    label: str
    url: str
    met: bool


@dataclass(frozen=True)
class QuizRef:
    slug: str
    title: str


@dataclass(frozen=True)
class ExamResult:
    user_id: int
    quiz_slug: str
    percent: Decimal | None  # 0–100 under the quiz's grading method; None: no result yet
    passed: bool | None
    graded_attempts: int
    pending_marking: bool  # an attempt awaiting marking decides the result (percent is None)
    provisional: bool = False  # percent is a lower bound an attempt awaiting marking may raise
    awaiting_marking: tuple[int, ...] = ()  # numbers of the attempts awaiting marking


def quiz_link(*, slug: str) -> QuizLink | None:
    """Where a lesson links to a quiz; None if there is no published (non-draft) quiz ``slug``."""
    quizzes = Quiz.objects.filter(slug=slug, draft=False)
    quiz = quizzes.only("slug", "title", "title_en", "kind").first()
    if quiz is None:
        return None
    return QuizLink(
        slug=quiz.slug,
        title=localized(quiz, "title"),
        url=reverse("exams:quiz_detail", kwargs={"slug": quiz.slug}),
        kind=quiz.kind,
    )


def quiz_links(*, slugs: Iterable[str]) -> dict[str, QuizLink]:
    """The link to each quiz named by a slug, in one query; unknown slugs are left out. A draft
    is named too, with no URL (learners cannot open it)."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    quizzes = Quiz.objects.filter(slug__in=slugs).only("slug", "title", "title_en", "kind", "draft")
    return {
        quiz.slug: QuizLink(
            slug=quiz.slug,
            title=localized(quiz, "title"),
            url="" if quiz.draft else reverse("exams:quiz_detail", kwargs={"slug": quiz.slug}),
            kind=quiz.kind,
        )
        for quiz in quizzes
    }


def certification_exams() -> list[QuizRef]:
    """Published certification exams, by title."""
    quizzes = Quiz.objects.filter(kind=Quiz.Kind.CERTIFICATION, draft=False).order_by("title")
    return [
        QuizRef(slug=q.slug, title=localized(q, "title"))
        for q in quizzes.only("slug", "title", "title_en")
    ]


def quiz_titles(*, slugs: Iterable[str]) -> dict[str, str]:
    """The title of each quiz named by a slug (drafts too), in one query; unknown slugs are left
    out. For pages that name a quiz a scheme refers to by its slug."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    quizzes = Quiz.objects.filter(slug__in=slugs).only("slug", "title", "title_en")
    return {quiz.slug: localized(quiz, "title") for quiz in quizzes}


def quiz_title_pairs(*, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """As :func:`quiz_titles`, each title as its (Chinese, English) pair; one query."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    rows = Quiz.objects.filter(slug__in=slugs).values_list("slug", "title", "title_en")
    return {slug: (title, title_en) for slug, title, title_en in rows}


def exam_results(
    *,
    user_ids: Iterable[int],
    quiz_slugs: Iterable[str],
    memo: request_memo.Memo | None = None,
) -> dict[tuple[int, str], ExamResult]:
    """Results of many users on many quizzes in two queries; an entry for every pair asked.
    For one person with the request's ``memo``, the published quizzes and their attempts as
    the dashboard's exams panel reads them (``selectors.attempts``): none when it has, one
    more for a draft quiz asked about.

    A slug with no such quiz, or a user with no attempt, gets an empty result (percent None).
    """
    user_ids = list(dict.fromkeys(user_ids))
    slugs = list(dict.fromkeys(quiz_slugs))
    if memo is not None and len(user_ids) == 1:
        quizzes, by_pair = _own_quizzes_and_attempts(user_ids[0], slugs, memo)
    else:
        quizzes, by_pair = _quizzes_and_attempts(user_ids, slugs)
    slug_to_quiz = {q.slug: q for q in quizzes.values()}
    # Most people asked about have no attempt: one grade per quiz serves them all.
    no_attempt = {q.pk: grade_from_attempts(q, []) for q in quizzes.values()}
    results = {}
    for user_id in user_ids:
        for slug in slugs:
            quiz = slug_to_quiz.get(slug)
            if quiz is None:
                results[(user_id, slug)] = ExamResult(user_id, slug, None, None, 0, False)
                continue
            attempts = by_pair.get((user_id, quiz.pk))
            grade = grade_from_attempts(quiz, attempts) if attempts else no_attempt[quiz.pk]
            results[(user_id, slug)] = ExamResult(
                user_id=user_id,
                quiz_slug=slug,
                percent=grade.percent,
                passed=grade.passed,
                graded_attempts=grade.graded_attempts,
                pending_marking=grade.pending_marking,
                provisional=grade.provisional,
                awaiting_marking=grade.awaiting_marking,
            )
    return results


def _quizzes_and_attempts(user_ids: list[int], slugs: list[str]) -> tuple[dict, dict]:
    """Quiz id → quiz of those named, (user id, quiz id) → attempts by number. 2 queries."""
    quizzes = {q.pk: q for q in Quiz.objects.filter(slug__in=slugs)}
    by_pair: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    if quizzes and user_ids:
        attempts = Attempt.objects.filter(quiz_id__in=list(quizzes), user_id__in=user_ids).only(
            "quiz_id", "user_id", "number", "state", "percent"
        )
        for attempt in attempts:
            by_pair[(attempt.user_id, attempt.quiz_id)].append(attempt)
    return quizzes, by_pair


def _own_quizzes_and_attempts(user_id: int, slugs: list[str], memo) -> tuple[dict, dict]:
    """As ``_quizzes_and_attempts`` for one person, through the request's ``memo``."""
    published = {q.slug: q for q in attempt_selectors.published_quiz_rows(memo=memo)}
    found = [published[slug] for slug in slugs if slug in published]
    if len(found) < len(slugs):  # drafts, or slugs of no quiz
        found += Quiz.objects.filter(slug__in=[s for s in slugs if s not in published])
    attempts = attempt_selectors.own_attempts(user_id=user_id, memo=memo)
    by_pair = {(user_id, q.pk): attempts[q.pk] for q in found if q.pk in attempts}
    return {q.pk: q for q in found}, by_pair


def exam_result(*, user_id: int, quiz_slug: str) -> ExamResult:
    return exam_results(user_ids=[user_id], quiz_slugs=[quiz_slug])[(user_id, quiz_slug)]


# --- Personal data (issue 18, decision 1002): privacy's export, erasure and retention ---------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's attempts, their answers (with essays) and the marks of their essays."""
    from exams import personal_data

    return personal_data.export_rows(person)


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Clear essays, feedback and accommodation reasons by or about ``person``; numbers stay.
    Returns what changed (or would change) by kind."""
    from exams import personal_data

    return personal_data.erase(person, dry_run=dry_run)


def clear_old_answers(*, before, dry_run: bool = False) -> int:
    """Retention: clear the free text of attempts started before ``before``."""
    from exams import personal_data

    return personal_data.clear_old_answers(before=before, dry_run=dry_run)


# --- Appeals (issue 18): an attempt's essay marks, re-marked blind by another trainer ----------


@dataclass(frozen=True)
class MarkedAttempt:
    """A graded attempt with essays, as an appeal refers to it (nothing about who marked it)."""

    id: int
    user_id: int
    quiz_slug: str
    quiz_title: str  # Chinese
    quiz_title_en: str  # "" when not written
    number: int
    graded_at: object  # datetime: when the marking completed the attempt (its release)
    percent: Decimal | None
    passed: bool | None
    url: str  # the learner's result page


@dataclass(frozen=True)
class EssayToMark:
    """An essay answer as a blind re-marker sees it: the question and the answer, no mark."""

    id: int
    position: int
    text: str  # in the active language (a Localized str)
    essay: str
    points: Decimal


def marked_attempt(*, attempt_id: int) -> MarkedAttempt | None:
    """A graded attempt that has essay questions, or None (1 query)."""
    attempt = (
        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.GRADED, questions__kind="essay")
        .select_related("quiz")
        .first()
    )
    if attempt is None:
        return None
    return MarkedAttempt(
        id=attempt.pk,
        user_id=attempt.user_id,
        quiz_slug=attempt.quiz.slug,
        quiz_title=attempt.quiz.title,
        quiz_title_en=attempt.quiz.title_en,
        number=attempt.number,
        graded_at=attempt.graded_at,
        percent=attempt.percent,
        passed=attempt.passed,
        url=reverse("exams:attempt_result", kwargs={"pk": attempt.pk}),
    )


def essays_to_mark(*, attempt_id: int) -> list[EssayToMark]:
    """The essay answers of an attempt without their points, feedback or marker (1 query)."""
    rows = AttemptQuestion.objects.filter(attempt_id=attempt_id, kind="essay").order_by("position")
    return [
        EssayToMark(
            id=aq.pk,
            position=aq.position,
            text=localized(aq, "text"),
            essay=aq.essay,
            points=aq.points,
        )
        for aq in rows
    ]


def essay_graders(*, attempt_id: int) -> set[int]:
    """Who marked the essays of an attempt (user ids; 1 query)."""
    rows = AttemptQuestion.objects.filter(attempt_id=attempt_id, kind="essay")
    return {pk for pk in rows.values_list("marked_by_id", flat=True) if pk is not None}


def essays_remark(*, attempt_id: int, marker, marks: dict[int, tuple[Decimal, str]]) -> Decimal:
    """Mark every essay of a graded attempt again through the marking service: ``marks`` maps
    each essay answer's id to (points, feedback). The new marks replace the old ones and the
    attempt is regraded; returns its new percent. ValueError (nothing changed) when an essay
    is missing from ``marks`` or its points are out of range."""
    answers = {
        aq.pk: aq for aq in AttemptQuestion.objects.filter(attempt_id=attempt_id, kind="essay")
    }
    if not answers or set(marks) != set(answers):
        raise ValueError("every essay of the attempt needs a mark")
    with transaction.atomic():
        attempt = None
        for answer_id, (points, feedback) in marks.items():
            attempt = essay_mark(
                answer=answers[answer_id], marker=marker, points=points, feedback=feedback
            )
    return attempt.percent
