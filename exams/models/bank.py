"""The question bank: nested categories, tags, and the questions trainers write.

- ``QuestionCategory`` (nested) and ``QuestionTag`` organise the bank; ``Question`` with its
  ``Choice`` rows is what trainers write in the Wagtail admin.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from lms.bilingual import bilingual_panel, english_field, localized

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
    name_en = english_field(models.CharField, _("name (English)"), max_length=120)
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
    full_name_en = models.CharField(max_length=1000, editable=False, default="")

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
        """The path in the active language (Chinese when it has no English name yet)."""
        return str(localized(self, "full_name")) or self.name

    def save(self, *args, **kwargs):
        old_path = self.tree_path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        self.full_name = self._full_name()
        self.full_name_en = self._english_full_name()
        self.tree_path = f"{self.parent.tree_path if self.parent else '/'}{self.pk}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.tree_path:
            for child in self.children.all():
                child.save()
        elif old_path:
            for child in self.children.all():
                if child.full_name != child._full_name() or (
                    child.full_name_en != child._english_full_name()
                ):
                    child.save()

    def _full_name(self) -> str:
        if self.parent is None:
            return self.name
        return f"{self.parent.full_name}{CATEGORY_SEPARATOR}{self.name}"

    def _english_full_name(self) -> str:
        """The English path, or "" while this category or an ancestor lacks an English name
        (readers then show the Chinese path marked "Chinese only", never a mixed path)."""
        name_en = self.name_en.strip()
        if not name_en:
            return ""
        if self.parent is None:
            return name_en
        if not self.parent.full_name_en:
            return ""
        return f"{self.parent.full_name_en}{CATEGORY_SEPARATOR}{name_en}"

    def clean(self):
        for name in ("name", "name_en"):
            if CATEGORY_SEPARATOR in getattr(self, name):
                raise ValidationError(
                    {name: _("A category name cannot contain “%s”.") % CATEGORY_SEPARATOR}
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
    name_en = english_field(models.CharField, _("name (English)"), max_length=100)
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
        return str(localized(self, "name"))


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
    text_en = english_field(models.TextField, _("question (English)"))
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
    explanation_en = english_field(models.TextField, _("explanation (English)"))
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
        text = " ".join(localized(self, "text").split())
        return text if len(text) <= 60 else text[:59] + "…"

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(Orderable):
    question = ParentalKey(Question, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(_("choice"), max_length=500)
    text_en = english_field(models.CharField, _("choice (English)"), max_length=500)
    is_correct = models.BooleanField(_("right answer"), default=False)

    panels = [bilingual_panel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return str(localized(self, "text"))
