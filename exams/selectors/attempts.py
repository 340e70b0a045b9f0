"""What a learner sees: the published quizzes with their standing, their attempts and the
questions of an attempt (never the bank choices' ids)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import TextField
from django.db.models.functions import Cast

from exams.models import Attempt, AttemptQuestion, Quiz
from exams.models.attempts import is_answered
from exams.selectors.grades import Grade, grade_from_attempts
from exams.selectors.published import published_quiz_list
from exams.selectors.visibility import review_rights_for
from lms import request_memo
from lms.db.prepared import PreparedRead


@dataclass(frozen=True)
class QuizRow:
    quiz: Quiz
    grade: Grade
    in_progress: Attempt | None
    # Whether the quiz lets the learner see their score now (its review settings): when not,
    # lists say "Submitted", never "Passed" or "Not passed".
    score_shown: bool = True


def learner_quiz_rows(
    user, *, kind: str | None = None, memo: request_memo.Memo | None = None
) -> list[QuizRow]:
    """Published quizzes with the learner's grade and attempt in progress, in the order the
    trainers wrote them (module 1 before module 2 in either language; a title sort put
    模块三 before 模块二). Two queries (one when none is listed), none when the request's
    ``memo`` has them (the dashboard's to-do list reads the same through
    ``exams.api.exam_results``)."""
    quizzes = [q for q in published_quiz_rows(memo=memo) if not kind or q.kind == kind]
    # No quiz listed, no attempt to read (as the query ``quiz__in=[]`` was never run).
    attempts = own_attempts(user_id=user.pk, memo=memo) if quizzes else {}
    rows = []
    for quiz in quizzes:
        mine = attempts.get(quiz.pk, [])
        current = next((a for a in mine if a.state == Attempt.State.IN_PROGRESS), None)
        rows.append(
            QuizRow(
                quiz=quiz,
                grade=grade_from_attempts(quiz, mine),
                in_progress=current,
                score_shown=review_rights_for(quiz).score,
            )
        )
    return rows


def published_quiz_rows(*, memo: request_memo.Memo | None = None) -> list[Quiz]:
    """Every published quiz, by kind and then in the order the trainers wrote them. Kept in
    the cache until a quiz changes (``published``): 1 query then, none when ``memo`` has
    them."""
    return request_memo.read(memo, ("exams.published_quizzes",), published_quiz_list)


def own_attempts(*, user_id: int, memo: request_memo.Memo | None = None) -> dict[int, list]:
    """Quiz id → the learner's attempts of it (any quiz, drafts too) by number: what grading
    them (``grade_from_attempts``) and an attempt in progress need. 1 query, none when
    ``memo`` has them (the dashboard's to-do list and exams panel share them)."""

    def read() -> dict[int, list[Attempt]]:
        found: dict[int, list[Attempt]] = defaultdict(list)
        # Ordered by the quiz's id, not the model's ordering (a join to sort by the quiz).
        mine = Attempt.objects.filter(user_id=user_id).order_by("quiz_id", "number")
        for attempt in mine.only(
            "quiz_id", "user_id", "number", "state", "percent", "deadline", "cutoff_at"
        ):
            found[attempt.quiz_id].append(attempt)
        return dict(found)

    return request_memo.read(memo, ("exams.own_attempts", user_id), read)


def quiz_question_count(quiz: Quiz) -> int:
    """How many questions an attempt of the quiz will hold (fixed questions plus draws)."""
    fixed = quiz.fixed_questions.filter(question__active=True).count()
    drawn = sum(quiz.draws.values_list("count", flat=True))
    return fixed + drawn


_LEARNER_ATTEMPTS = PreparedRead(
    lambda quiz_id, user_id: Attempt.objects.filter(quiz_id=quiz_id, user_id=user_id).order_by(
        "number"
    )
)


def learner_attempts(quiz: Quiz, user) -> list[Attempt]:
    """The learner's attempts of the quiz by number. The quiz page and the exam start read
    them (one query each, whatever the number of attempts; its SQL compiled once: 0905)."""
    return _LEARNER_ATTEMPTS.all(quiz.pk, user.pk)


def attempt_questions(attempt: Attempt, *, positions=None) -> list[AttemptQuestion]:
    """The attempt's questions (all, or those at ``positions``) in display order; one query."""
    rows = attempt.questions.order_by("position").defer("choice_refs")  # never shown
    if positions is not None:
        rows = rows.filter(position__in=list(positions))
    return list(rows)


class PageQuestion(NamedTuple):
    """What an exam page shows of a question (``views.attempts.question_view``) and what its
    navigation needs (answered? flagged?): never the right answers or the explanation. A
    tuple: thirty are made on every exam page (a sixth of a frozen dataclass's cost)."""

    position: int
    kind: str
    text: str
    text_en: str
    points: Decimal
    # The choices as the database holds them (JSON): decoded for the questions a page shows
    # only, not for the thirty of the navigation (a tenth of a page's CPU, decision 0905).
    choices_json: str
    response: list
    essay: str
    flagged: bool
    version: int

    @property
    def choices(self) -> list[dict]:
        return json.loads(self.choices_json)

    @property
    def is_answered(self) -> bool:
        return is_answered(kind=self.kind, response=self.response, essay=self.essay)


# The columns of a PageQuestion, in its order.
PAGE_QUESTION_COLUMNS = tuple(
    Cast("choices", TextField()) if name == "choices_json" else name
    for name in PageQuestion._fields
)
_PAGE_QUESTIONS = PreparedRead(
    lambda attempt_id: (
        AttemptQuestion.objects.filter(attempt_id=attempt_id)
        .order_by("position")
        .values_list(*PAGE_QUESTION_COLUMNS)
    )
)


def attempt_page_questions(attempt: Attempt) -> list[PageQuestion]:
    """Every question of the attempt with what an exam page shows of it, in display order: the
    navigation and the questions of the page in one query (decision 0903), as plain rows (model
    instances of thirty questions cost a twentieth of the page's CPU), its SQL compiled once
    (decision 0905)."""
    return [PageQuestion._make(row) for row in _PAGE_QUESTIONS.all(attempt.pk)]


_OWN_ATTEMPT = PreparedRead(
    # No ordering: the model's joins the quiz and the user to sort.
    lambda pk, user_id: (
        Attempt.objects.select_related("quiz").filter(pk=pk, user_id=user_id).order_by()
    )
)


def own_attempt(*, pk: int, user_id: int) -> Attempt | None:
    """The attempt ``pk`` with its quiz if it is the user's, else None: the exam's pages read it
    on every request, so its SQL is compiled once (decision 0905)."""
    return _OWN_ATTEMPT.first(pk, user_id)


def attempt_navigation(attempt: Attempt) -> list[AttemptQuestion]:
    """Just what the question navigation needs (answered? flagged?) of every question."""
    return list(
        attempt.questions.order_by("position").only(
            "attempt_id", "position", "kind", "response", "essay", "flagged"
        )
    )
