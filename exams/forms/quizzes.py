"""A quiz in the Wagtail admin: a published quiz must be startable, and must not make a
published exam unstartable (decision 0201). The messages say why, for the form and the
exposure panels (``views.panels``).
"""

from __future__ import annotations

from django import forms
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from exams.models import Quiz
from exams.selectors.exposure import (
    DrawSpec,
    Exposure,
    Shortfall,
    exams_exposed_by,
    exposure_of,
    pool_shortfalls,
)
from lms.bilingual import localized


def shortfall_message(shortfall: Shortfall) -> str:
    """What a trainer reads about a draw the question pool cannot fill."""
    values = {
        "index": shortfall.index,
        "draw": shortfall.label,
        "needed": shortfall.needed,
        "available": shortfall.available,
        "exposed": shortfall.exposed,
    }
    if shortfall.index is None:
        message = ngettext(
            "The random draws together need %(needed)s different question but only "
            "%(available)s can be drawn.",
            "The random draws together need %(needed)s different questions but only "
            "%(available)s can be drawn.",
            shortfall.needed,
        )
    else:
        message = ngettext(
            "Random draw %(index)s (%(draw)s) needs %(needed)s question but only "
            "%(available)s can be drawn.",
            "Random draw %(index)s (%(draw)s) needs %(needed)s questions but only "
            "%(available)s can be drawn.",
            shortfall.needed,
        )
    message %= values
    if shortfall.exposed:
        message += (
            " "
            + ngettext(
                "%(exposed)s of its questions is exposed and left out.",
                "%(exposed)s of its questions are exposed and left out.",
                shortfall.exposed,
            )
            % values
        )
    return message


def exposed_fixed_message(count: int) -> str:
    return ngettext(
        "%(count)s fixed question is exposed: another quiz shows its right answers before this "
        "exam closes. Remove it, or allow exposed questions.",
        "%(count)s fixed questions are exposed: other quizzes show their right answers before "
        "this exam closes. Remove them, or allow exposed questions.",
        count,
    ) % {"count": count}


def pool_problems(exposure: Exposure, *, exclude_exposed: bool) -> list[str]:
    """Why attempts of a quiz could not be started, for its edit form and its exposure panel."""
    problems = []
    exposed_fixed = len(exposure.fixed & exposure.exposed) if exclude_exposed else 0
    if exposed_fixed:
        problems.append(exposed_fixed_message(exposed_fixed))
    for shortfall in pool_shortfalls(exposure, exclude_exposed=exclude_exposed):
        problems.append(shortfall_message(shortfall))
    return problems


def exams_made_unstartable(
    quiz: Quiz, *, fixed_ids: list[int], draws: list[DrawSpec]
) -> list[Quiz]:
    """Published certification exams learners could start without ``quiz`` (with these unsaved
    settings and questions) but not with it: it would expose a fixed question or leave a draw
    short. The exams' own check (``pool_problems``) decides, with and without the quiz."""
    return [
        row.exam
        for row in exams_exposed_by(quiz, fixed_ids=fixed_ids, draws=draws)
        if pool_problems(row.after, exclude_exposed=True)
        and not pool_problems(row.before, exclude_exposed=True)
    ]


def exams_made_unstartable_message(exams: list[Quiz]) -> str:
    names = get_text_list([f"“{localized(exam, 'title')}”" for exam in exams], _("and"))
    return ngettext(
        "Publishing this quiz would stop learners from starting the published exam %(exams)s: "
        "this quiz shows right answers (or a score after each of several attempts) of questions "
        "the exam needs. Tick allow exposed questions on the exam, use other questions here, "
        "or keep this quiz a draft.",
        "Publishing this quiz would stop learners from starting the published exams %(exams)s: "
        "this quiz shows right answers (or a score after each of several attempts) of questions "
        "the exams need. Tick allow exposed questions on the exams, use other questions here, "
        "or keep this quiz a draft.",
        len(exams),
    ) % {"exams": names}


class QuizAdminForm(WagtailAdminModelForm):
    """A new quiz belongs to the trainer who creates it unless another owner is chosen.

    A published quiz must be startable: its fixed questions and draws are checked against the
    question bank, leaving out a certification exam's exposed questions (decision 0201), and
    must not make a published exam unstartable by exposing its questions. A draft may be saved
    incomplete; its exposure panel says what is missing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.for_user is not None and "owner" in self.fields:
            self.fields["owner"].initial = self.for_user.pk

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("draft", True) or "kind" not in cleaned:
            return cleaned
        questions = self._questions_from_formsets()
        if questions is None:
            return cleaned
        fixed_ids, draws = questions
        exposure = exposure_of(
            quiz_pk=self.instance.pk,
            close_at=cleaned.get("close_at"),
            fixed_ids=fixed_ids,
            draws=draws,
        )
        exclude = cleaned["kind"] == Quiz.Kind.CERTIFICATION and not cleaned.get(
            "allow_exposed_questions"
        )
        problems = pool_problems(exposure, exclude_exposed=exclude)
        if "attempts_allowed" in cleaned:
            blocked = exams_made_unstartable(
                self._unsaved_quiz(cleaned), fixed_ids=fixed_ids, draws=draws
            )
            if blocked:
                problems.append(exams_made_unstartable_message(blocked))
        if problems:
            raise forms.ValidationError(problems)
        return cleaned

    def _unsaved_quiz(self, cleaned) -> Quiz:
        """The quiz with the settings the form would save (the instance still has the old)."""
        fields = (
            "open_at",
            "close_at",
            "review_score_immediately",
            "review_score_after_close",
            "review_answers_immediately",
            "review_answers_after_close",
        )
        return Quiz(
            pk=self.instance.pk,
            title=cleaned.get("title") or self.instance.title,
            kind=cleaned["kind"],
            attempts_allowed=cleaned["attempts_allowed"],
            **{name: cleaned.get(name, getattr(self.instance, name)) for name in fields},
        )

    def _questions_from_formsets(self) -> tuple[list[int], list[DrawSpec]] | None:
        """The fixed question IDs and draws the form would save; None while they are invalid."""
        fixed_set, draw_set = self.formsets.get("fixed_questions"), self.formsets.get("draws")
        if fixed_set is None or draw_set is None:
            return None
        if not fixed_set.is_valid() or not draw_set.is_valid():
            return None
        fixed_ids = [
            form.cleaned_data["question"].pk
            for form in fixed_set.forms
            if form.cleaned_data.get("question") and not form.cleaned_data.get("DELETE")
        ]
        draws = []
        for form in draw_set.forms:
            data = form.cleaned_data
            if not data.get("category") or not data.get("count") or data.get("DELETE"):
                continue
            tag = data.get("tag")
            draws.append(
                DrawSpec(
                    count=data["count"],
                    category_id=data["category"].pk,
                    tree_path=data["category"].tree_path,
                    include_subcategories=bool(data.get("include_subcategories")),
                    tag_id=tag.pk if tag else None,
                    label=f"{data['count']} × {data['category']}" + (f" [{tag}]" if tag else ""),
                )
            )
        return fixed_ids, draws

    def save(self, commit=True):
        if not self.instance.owner_id and self.for_user is not None:
            self.instance.owner = self.for_user
        return super().save(commit=commit)
