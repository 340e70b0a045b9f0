"""The quiz engine: question bank, quizzes and attempts.

- ``QuestionCategory`` (nested) and ``QuestionTag`` organise the bank; ``Question`` with its
  ``Choice`` rows is what trainers write in the Wagtail admin.
- ``Quiz`` is a practice quiz (knowledge check) or a certification exam, made of fixed questions
  (``QuizQuestion``) and random draws (``QuizDraw``).
- ``Attempt`` is one sitting of one learner; starting it freezes every drawn question into
  ``AttemptQuestion`` rows (text, choice order, right answers, points), which also hold the
  learner's answer and its mark. Later edits to the bank never change a started attempt.
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

# The four dimensions of the assessment scheme (考核方案的四个维度), as tag slugs.
DIMENSION_TAGS = [
    ("technical_ability", _("Technical ability")),
    ("service_attitude", _("Service attitude")),
    ("teamwork", _("Teamwork")),
    ("work_efficiency", _("Work efficiency")),
]
CATEGORY_SEPARATOR = "/"


class QuestionCategory(models.Model):
    """A folder of the question bank; categories nest (模块 › 小节).

    ``tree_path`` ("/3/17/") lets a random draw include every subcategory in one query;
    ``full_name`` ("课程/模块一") is what lists, imports and exports show.
    """

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    tree_path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    full_name = models.CharField(_("full name"), max_length=1000, editable=False, default="")

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="exams_category_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="exams_category_unique_top_level_name",
            ),
        ]

    def __str__(self):
        return self.full_name or self.name

    def save(self, *args, **kwargs):
        old_path = self.tree_path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        self.full_name = (
            f"{self.parent.full_name}{CATEGORY_SEPARATOR}{self.name}" if self.parent else self.name
        )
        self.tree_path = f"{self.parent.tree_path if self.parent else '/'}{self.pk}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.tree_path:
            for child in self.children.all():
                child.save()
        elif old_path:
            for child in self.children.all():
                if not child.full_name.startswith(self.full_name + CATEGORY_SEPARATOR):
                    child.save()

    def clean(self):
        if CATEGORY_SEPARATOR in self.name:
            raise ValidationError(
                {"name": _("A category name cannot contain “%s”.") % CATEGORY_SEPARATOR}
            )
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            ancestor = ancestor.parent


class QuestionTag(models.Model):
    """A label on questions, e.g. one of the scheme's four dimensions or a product line."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)
    name = models.CharField(_("name"), max_length=100)
    is_dimension = models.BooleanField(
        _("assessment dimension"),
        default=False,
        help_text=_(
            "One of the scheme's four dimensions (技术能力, 服务态度, 团队协作, 工作效率)."
        ),
    )

    class Meta:
        verbose_name = _("question tag")
        verbose_name_plural = _("question tags")
        ordering = ["-is_dimension", "name"]

    def __str__(self):
        return self.name


class Question(ClusterableModel):
    """A question of the bank. Its choices are ``Choice`` rows (not for essays or true/false)."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True / false")
        ESSAY = "essay", _("Essay")

    class Scoring(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        PARTIAL = "partial", _("Partial credit (+1/k per right choice, −1/k per wrong one)")

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"))
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scoring = models.CharField(
        _("multiple-choice scoring"),
        max_length=20,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text=_("Only for multiple-choice questions."),
    )
    true_false_answer = models.BooleanField(
        _("the statement is true"),
        default=True,
        help_text=_("Only for true/false questions."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown to learners when review allows it.")
    )
    tags = ParentalManyToManyField(
        QuestionTag, verbose_name=_("tags"), blank=True, related_name="questions"
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive questions are never drawn.")
    )
    keep_choice_order = models.BooleanField(
        _("keep the choice order"),
        default=False,
        help_text=_(
            "Show the choices in the order written here, never shuffled: only for choices "
            "that refer to each other, such as “all of the above”. Write the right answer "
            "in no particular place."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__full_name", "pk"]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:59] + "…"

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(Orderable):
    question = ParentalKey(Question, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("right answer"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


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
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRACTICE)
    description = models.TextField(_("instructions"), blank=True)
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
    fail_text = models.TextField(_("text when failed"), blank=True)
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
        return self.title

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
        return f"{self.count} × {self.category}" + (f" [{self.tag}]" if self.tag_id else "")


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
    kind = models.CharField(_("type"), max_length=20, choices=Question.Kind.choices)
    text = models.TextField(_("question"))
    choices = models.JSONField(default=list)
    correct = models.JSONField(default=list)
    choice_refs = models.JSONField(default=dict, blank=True)
    scoring = models.CharField(max_length=20, choices=Question.Scoring.choices)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    explanation = models.TextField(_("explanation"), blank=True)

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
        return bool(self.essay.strip()) if self.kind == Question.Kind.ESSAY else bool(self.response)
