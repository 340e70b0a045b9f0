"""Attempts: one sitting of one learner, with the questions frozen into it.

Starting an ``Attempt`` freezes every drawn question into ``AttemptQuestion`` rows (text, choice
order, right answers, points), which also hold the learner's answer and its mark. Later edits to
the bank never change a started attempt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exams.models.bank import Question
from exams.models.quizzes import Quiz


class Attempt(models.Model):
    """One sitting of a quiz by one learner.

    ``deadline`` (time limit and close date, whichever comes first) and ``cutoff_at`` (deadline
    plus the quiz's grace period) are fixed when the attempt starts.
    """

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted, awaiting marking")
        GRADED = "graded", _("Graded")

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    number = models.PositiveIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    cutoff_at = models.DateTimeField(_("last accepted answer"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted automatically"), default=False)
    extra_minutes = models.PositiveIntegerField(
        _("extra minutes"),
        default=0,
        help_text=_("Extra time an accommodation gave this attempt when it started."),
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    current_position = models.PositiveIntegerField(default=1)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="exams_attempt_unique_number"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "cutoff_at"], name="exams_attempt_overdue"),
            models.Index(fields=["user", "quiz", "state"], name="exams_attempt_user_quiz"),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user} · #{self.number}"

    @property
    def is_in_progress(self) -> bool:
        return self.state == self.State.IN_PROGRESS


class AttemptQuestion(models.Model):
    """A question as frozen into an attempt, with the learner's answer and its mark.

    ``choices`` is the list shown, in the attempt's order: ``[{"key": "Zq3…", "text": "…"}]``;
    ``correct`` the keys of the right choices. A choice's key is random, made for this attempt
    (docs/decisions/0200); ``choice_refs`` maps it to the bank choice's id, for item analysis
    only, and is never shown. For true/false the keys are "true"/"false".
    ``version`` counts saved changes; a page posts the version it showed, and a post carrying
    an older version never overwrites the newer answer.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"))
    slot = models.PositiveIntegerField(_("slot"))
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question_ref = models.PositiveBigIntegerField(_("question ID"))
    category_name = models.CharField(_("category"), max_length=1000, blank=True)
    category_name_en = models.CharField(max_length=1000, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Question.Kind.choices)
    text = models.TextField(_("question"))
    text_en = models.TextField(blank=True)
    choices = models.JSONField(default=list)
    correct = models.JSONField(default=list)
    choice_refs = models.JSONField(default=dict, blank=True)
    scoring = models.CharField(max_length=20, choices=Question.Scoring.choices)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    explanation = models.TextField(_("explanation"), blank=True)
    explanation_en = models.TextField(blank=True)

    response = models.JSONField(_("answer"), default=list, blank=True)
    essay = models.TextField(_("essay answer"), blank=True)
    flagged = models.BooleanField(_("flagged for review"), default=False)
    version = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)

    score = models.DecimalField(_("points awarded"), max_digits=6, decimal_places=2, null=True)
    feedback = models.TextField(_("feedback"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="exams_attemptquestion_unique_position"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "marked_at"], name="exams_aq_marking"),
        ]

    def __str__(self):
        return f"{self.attempt} · Q{self.position}"

    @property
    def is_answered(self) -> bool:
        return is_answered(kind=self.kind, response=self.response, essay=self.essay)


def is_answered(*, kind: str, response, essay: str) -> bool:
    """Whether a question holds an answer: an essay's text, or a choice picked."""
    return bool(essay.strip()) if kind == Question.Kind.ESSAY else bool(response)
