"""Quizzes: a practice quiz (knowledge check) or a certification exam.

``Quiz`` is made of fixed questions (``QuizQuestion``) and random draws (``QuizDraw``) from the
question bank (``exams.models.bank``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from exams.models.bank import Question, QuestionCategory, QuestionTag
from lms.bilingual import english_field, localized


class Quiz(ClusterableModel):
    """A practice quiz (knowledge check) or a certification exam.

    Who may see a quiz's results and mark its essays: its owner, the trainers listed on it, and
    Administrators (see docs/decisions/0201-quiz-visibility.md).
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice (knowledge check)")
        CERTIFICATION = "certification", _("Certification exam")

    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("Highest grade")
        LAST = "last", _("Last attempt")
        FIRST = "first", _("First attempt")
        AVERAGE = "average", _("Average of attempts")

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one_per_page", _("One question per page")
        ALL_ON_ONE_PAGE = "all_on_one_page", _("All questions on one page")

    title = models.CharField(_("title"), max_length=200)
    title_en = english_field(models.CharField, _("title (English)"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRACTICE)
    description = models.TextField(_("instructions"), blank=True)
    description_en = english_field(models.TextField, _("instructions (English)"))
    draft = models.BooleanField(
        _("draft"), default=True, help_text=_("Learners cannot see or start a draft.")
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty for no time limit."),
    )
    open_at = models.DateTimeField(_("opens"), null=True, blank=True)
    close_at = models.DateTimeField(_("closes"), null=True, blank=True)
    grace_seconds = models.PositiveIntegerField(
        _("grace period (seconds)"),
        default=60,
        validators=[MaxValueValidator(3600)],
        help_text=_(
            "Answers still arriving this long after the deadline are accepted; then the "
            "attempt is submitted automatically."
        ),
    )
    attempts_allowed = models.PositiveIntegerField(
        _("attempts allowed"), default=1, help_text=_("0 means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=20,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.ONE_PER_PAGE
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(
        _("shuffle choices"),
        default=True,
        help_text=_(
            "Certification exams always shuffle choices, except those of questions that keep "
            "their choice order."
        ),
    )
    prefer_unseen = models.BooleanField(
        _("prefer questions not seen before"),
        default=True,
        help_text=_("Random draws avoid questions the learner saw in earlier attempts."),
    )
    allow_exposed_questions = models.BooleanField(
        _("allow exposed questions"),
        default=False,
        help_text=_(
            "Certification exams only. A question is exposed when another quiz (a knowledge "
            "check, say) shows its right answers before this exam closes. By default an attempt "
            "never draws exposed questions; tick this to let them be drawn."
        ),
    )
    review_score_immediately = models.BooleanField(_("score, right after submitting"), default=True)
    review_answers_immediately = models.BooleanField(
        _("right answers, right after submitting"), default=False
    )
    review_explanations_immediately = models.BooleanField(
        _("explanations, right after submitting"), default=False
    )
    review_score_after_close = models.BooleanField(_("score, after the quiz closes"), default=True)
    review_answers_after_close = models.BooleanField(
        _("right answers, after the quiz closes"), default=True
    )
    review_explanations_after_close = models.BooleanField(
        _("explanations, after the quiz closes"), default=True
    )
    success_text = models.TextField(_("text when passed"), blank=True)
    success_text_en = english_field(models.TextField, _("text when passed (English)"))
    fail_text = models.TextField(_("text when failed"), blank=True)
    fail_text_en = english_field(models.TextField, _("text when failed (English)"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_quizzes",
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="quizzes_to_mark",
        help_text=_("Trainers who may see results and mark essays besides the owner."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["kind", "title"]

    def __str__(self):
        return str(localized(self, "title"))

    def get_absolute_url(self):
        return reverse("exams:quiz_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.open_at and self.close_at and self.close_at <= self.open_at:
            raise ValidationError({"close_at": _("The quiz must close after it opens.")})

    @property
    def is_certification(self) -> bool:
        return self.kind == self.Kind.CERTIFICATION


class QuizQuestion(Orderable):
    """A question every attempt of the quiz contains."""

    quiz = ParentalKey(Quiz, related_name="fixed_questions", on_delete=models.CASCADE)
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("fixed question")
        verbose_name_plural = _("fixed questions")

    def __str__(self):
        return str(self.question)


class QuizDraw(Orderable):
    """ "N random questions from category C (and its subcategories), optionally with tag T"."""

    quiz = ParentalKey(Quiz, related_name="draws", on_delete=models.CASCADE)
    count = models.PositiveIntegerField(_("number of questions"), validators=[MinValueValidator(1)])
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    tag = models.ForeignKey(
        QuestionTag,
        verbose_name=_("only with tag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")

    def __str__(self):
        """ "5 × Course/Module 1 [Technical ability]", in the active language."""
        return f"{self.count} × {self.category}" + (f" [{self.tag}]" if self.tag_id else "")
