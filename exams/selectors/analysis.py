"""Item analysis of a quiz: item and test statistics over graded attempts
(``exams.item_analysis``), and the bank's answer-position bias (docs/decisions/0203)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from exams import item_analysis
from exams.models import Attempt, AttemptQuestion, Question, Quiz
from lms.bilingual import localized


@dataclass(frozen=True)
class QuestionAnalysis:
    question_ref: int
    position_label: str
    text: str  # in the page's language (a ``Localized``)
    kind: str
    category_name: str
    stats: item_analysis.ItemStats
    choices: list[tuple[str, int, bool]]  # (choice text, times picked, is right)


@dataclass(frozen=True)
class Analysis:
    exam: item_analysis.ExamStats
    questions: list[QuestionAnalysis]
    first_attempts_only: bool
    histogram_bars: list[dict]
    position_bias: item_analysis.PositionBias


def analysis_attempts(quiz: Quiz, *, first_only: bool) -> QuerySet[Attempt]:
    attempts = Attempt.objects.filter(quiz=quiz, state=Attempt.State.GRADED)
    if first_only:
        attempts = attempts.filter(number=1)
    return attempts


def quiz_question_pool(quiz: Quiz) -> QuerySet[Question]:
    """Active bank questions an attempt of the quiz may hold: its fixed questions and every
    question one of its draws may pick. One query for the draws; the result is one query."""
    pool = Q(pk__in=quiz.fixed_questions.values("question_id"))
    for draw in quiz.draws.select_related("category"):
        if draw.include_subcategories:
            drawn = Question.objects.filter(category__tree_path__startswith=draw.category.tree_path)
        else:
            drawn = Question.objects.filter(category_id=draw.category_id)
        if draw.tag_id:
            drawn = drawn.filter(tags=draw.tag_id)
        pool |= Q(pk__in=drawn.values("pk"))
    return Question.objects.filter(pool, active=True)


def bank_position_bias(quiz: Quiz) -> item_analysis.PositionBias:
    """How often the quiz's choice questions have a right answer written first. 3 queries."""
    questions = (
        quiz_question_pool(quiz)
        .filter(kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
        .prefetch_related("choices")
    )
    return item_analysis.position_bias(
        [
            [c.is_correct for c in sorted(q.choices.all(), key=lambda c: (c.sort_order or 0, c.pk))]
            for q in questions
        ]
    )


def quiz_item_analysis(quiz: Quiz, *, first_only: bool = True) -> Analysis:
    """Item and test statistics over graded attempts (first attempts unless asked), and the
    bank's answer-position bias. 5 queries.

    Choice keys are random per attempt, so picks are counted per bank choice, through each
    snapshot's ``choice_refs`` (true/false keys are the same in every attempt).
    """
    attempts = {
        a.pk: a for a in analysis_attempts(quiz, first_only=first_only).only("pk", "percent")
    }
    snapshots = _Snapshots.collect(_snapshot_rows(list(attempts)))
    scores = [
        item_analysis.AttemptScores(
            attempt_id=pk, percent=a.percent, items=tuple(snapshots.items[pk])
        )
        for pk, a in attempts.items()
    ]
    stats = item_analysis.item_statistics(scores)
    exam = item_analysis.exam_statistics(scores)
    return Analysis(
        exam=exam,
        questions=_question_analyses(stats, snapshots),
        first_attempts_only=first_only,
        histogram_bars=histogram_bars(exam.histogram),
        position_bias=bank_position_bias(quiz),
    )


def _snapshot_rows(attempt_ids: list[int]) -> QuerySet[AttemptQuestion]:
    """The frozen questions of these attempts, with what item analysis needs."""
    return AttemptQuestion.objects.filter(attempt_id__in=attempt_ids).only(
        "attempt_id",
        "question_ref",
        "slot",
        "kind",
        "text",
        "text_en",
        "category_name",
        "category_name_en",
        "choices",
        "correct",
        "choice_refs",
        "response",
        "points",
        "score",
    )


@dataclass
class _Snapshots:
    """What the attempts' snapshots say: each attempt's item scores and, per bank question,
    its latest snapshot, its choices' texts and its right choices (by bank choice)."""

    items: dict[int, list[item_analysis.ItemScore]] = field(
        default_factory=lambda: defaultdict(list)
    )
    latest_text: dict[int, AttemptQuestion] = field(default_factory=dict)
    choice_texts: dict[int, dict[str, dict]] = field(default_factory=lambda: defaultdict(dict))
    right_keys: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def collect(cls, rows) -> _Snapshots:
        snapshots = cls()
        for aq in rows:
            fraction = (aq.score or Decimal("0")) / aq.points if aq.points else Decimal("0")
            bank_choice = _bank_choice_of(aq)
            snapshots.items[aq.attempt_id].append(
                item_analysis.ItemScore(
                    question_ref=aq.question_ref,
                    slot=aq.slot,
                    fraction=fraction,
                    points=aq.points,
                    chosen=tuple(bank_choice(key) for key in aq.response or ()),
                )
            )
            snapshots.latest_text[aq.question_ref] = aq
            for choice in aq.choices:
                snapshots.choice_texts[aq.question_ref].setdefault(
                    bank_choice(choice["key"]), choice
                )
            snapshots.right_keys[aq.question_ref].update(bank_choice(key) for key in aq.correct)
        return snapshots


def _question_analyses(
    stats: dict[int, item_analysis.ItemStats], snapshots: _Snapshots
) -> list[QuestionAnalysis]:
    """One row per bank question, in slot order, labelled Q1, Q2…"""
    latest_text = snapshots.latest_text
    questions = []
    for index, ref in enumerate(sorted(stats, key=lambda r: latest_text[r].slot), start=1):
        aq = latest_text[ref]
        counts, right = stats[ref].choice_counts, snapshots.right_keys[ref]
        choices = [
            (_choice_label(aq.kind, key, choice), counts.get(key, 0), key in right)
            for key, choice in snapshots.choice_texts[ref].items()
        ]
        questions.append(
            QuestionAnalysis(
                question_ref=ref,
                position_label=f"Q{index}",
                text=localized(aq, "text"),
                kind=aq.kind,
                category_name=localized(aq, "category_name"),
                stats=stats[ref],
                choices=choices,
            )
        )
    return questions


def _bank_choice_of(aq: AttemptQuestion):
    """Maps the attempt's choice keys to the same label in every attempt: the bank choice id
    (true/false keys map to themselves)."""
    refs = aq.choice_refs or {}
    return lambda key: str(refs.get(key, key))


def _choice_label(kind: str, key: str, choice: dict) -> str:
    """A choice's frozen text in the page's language (a ``Localized``: fallback marked)."""
    if kind == Question.Kind.TRUE_FALSE:
        return gettext("True") if key == "true" else gettext("False")
    return localized(choice, "text")


def histogram_bars(counts: tuple[int, ...], *, width: int = 560, height: int = 200) -> list[dict]:
    """Geometry of the SVG histogram: one bar per 10-point band."""
    top = max(counts) if counts and max(counts) else 1
    slot = width / len(counts) if counts else width
    bars = []
    for index, count in enumerate(counts):
        bar_height = round(count / top * (height - 45), 1)
        bars.append(
            {
                "x": round(index * slot + 4, 1),
                "y": round(height - 20 - bar_height, 1),
                "width": round(slot - 8, 1),
                "height": bar_height,
                "count": count,
                "label": f"{index * 10}–{index * 10 + 10}",
                "label_x": round(index * slot + slot / 2, 1),
                "count_y": round(height - 24 - bar_height, 1),
            }
        )
    return bars
