"""Certification programs and their versioned assessment schemes (考核方案)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField

from assessment import definition, scoring
from assessment.blocks import DimensionBlock, GradeBandBlock
from lms.bilingual import bilingual_panel, english_field, localized, missing_english

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Program(models.Model):
    """A certification program, e.g. ``ASE-L1`` 售后工程师一级认证.

    What is scored (exams, practice cases, indicators, weights) lives in its scheme versions.
    """

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                _("Use capital letters, digits and hyphens, e.g. ASE-L1."),
            )
        ],
        help_text=_("A short code used in files and commands, e.g. ASE-L1."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = english_field(models.CharField, _("name (English)"), max_length=200)
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The course whose cohorts take this certification (optional)."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("How long a certificate of this program stays valid."),
    )
    appeal_window_days = models.PositiveSmallIntegerField(
        _("appeal window in days"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "How many days after a result is released the engineer may appeal it (decision 1001)."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = english_field(models.TextField, _("description (English)"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("code"), FieldPanel("validity_months"), FieldPanel("appeal_window_days")]
        ),
        bilingual_panel("name"),
        PageChooserPanel("course", page_type="courses.CoursePage"),
        bilingual_panel("description"),
    ]

    class Meta:
        verbose_name = _("certification program")
        verbose_name_plural = _("certification programs")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {localized(self, 'name')}"  # in the active language

    def clean(self):
        super().clean()
        # The course app owns its page types; a program only checks that the page is a course.
        if self.course_id is not None:
            content_type = self.course.content_type
            if (content_type.app_label, content_type.model) != ("courses", "coursepage"):
                raise ValidationError({"course": _("Choose a course page.")})

    @property
    def english_gaps(self) -> list[str]:
        """The fields with a Chinese text but no English one (shown in the admin list)."""
        return missing_english(self, ["name", "description"])

    @cached_property
    def active_version(self) -> SchemeVersion | None:
        return self.versions.filter(status=SchemeVersion.Status.ACTIVE).first()


class SchemeVersionLocked(Exception):
    """Raised on an attempt to change a version that a finalised scorecard used."""


class SchemeVersion(models.Model):
    """One version of a program's assessment scheme.

    A draft can be edited and activated; activating retires the version that was active. A
    version used by a finalised scorecard never changes again: saving edits to it creates a new
    draft (see ``assessment.services.schemes.scheme_version_save_as_draft``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    exam_weight = models.DecimalField(
        _("exam weight"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    practice_weight = models.DecimalField(
        _("practice weight"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    on_the_job_weight = models.DecimalField(
        _("on-the-job weight"), max_digits=5, decimal_places=2, default=100, validators=PERCENT
    )
    exams = models.JSONField(
        _("certification exams"),
        default=list,
        blank=True,
        help_text=_(
            "Slugs of the certification exams, one per line (their mean is the exam score)."
        ),
    )
    practice_cases = models.JSONField(
        _("required practice cases"),
        default=list,
        blank=True,
        help_text=_(
            "Slugs of the practice cases, one per line (their mean is the practice score)."
        ),
    )
    dimensions = StreamField(
        [("dimension", DimensionBlock())],
        verbose_name=_("dimensions"),
        blank=True,
        help_text=_("The on-the-job dimensions; their weights add up to 100."),
    )
    exam_min = models.DecimalField(
        _("minimum exam score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    practice_min = models.DecimalField(
        _("minimum practice score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    dimension_min = models.DecimalField(
        _("minimum dimension score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Every dimension must reach this score."),
    )
    pass_mark = models.DecimalField(
        _("pass mark"), max_digits=5, decimal_places=2, default=60, validators=PERCENT
    )
    grade_bands = StreamField(
        [("band", GradeBandBlock())],
        verbose_name=_("grade bands"),
        blank=True,
        help_text=_("The grade is the highest band whose minimum the total reaches, else “fail”."),
    )
    note = models.TextField(_("what changed"), blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("program"),
        HelpPanel(
            content=_(
                "Weights in each group add up to 100. A version used by a finalised scorecard "
                "cannot change: saving it creates a new draft."
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("exam_weight"),
                        FieldPanel("practice_weight"),
                        FieldPanel("on_the_job_weight"),
                    ]
                ),
                FieldPanel("exams"),
                FieldPanel("practice_cases"),
            ],
            heading=_("Components"),
        ),
        FieldPanel("dimensions"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("exam_min"),
                        FieldPanel("practice_min"),
                        FieldPanel("dimension_min"),
                    ]
                ),
                FieldPanel("pass_mark"),
                FieldPanel("grade_bands"),
            ],
            heading=_("Gates, pass mark and grades"),
        ),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        ordering = ["program__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="scheme_version_number"),
            models.UniqueConstraint(
                fields=["program"],
                condition=models.Q(status="active"),
                name="one_active_scheme_version",
            ),
        ]

    def __str__(self):
        if self.program_id is None:
            return str(_("New scheme version"))
        return _("%(program)s version %(number)s (%(status)s)") % {
            "program": self.program.code,
            "number": self.number,
            "status": self.get_status_display(),
        }

    def save(self, *args, **kwargs):
        if self.number is None and self.program_id is not None:
            latest = SchemeVersion.objects.filter(program_id=self.program_id).aggregate(
                n=models.Max("number")
            )["n"]
            self.number = (latest or 0) + 1
        if self.pk is not None and self.scorecards.exists():
            stored = SchemeVersion.objects.get(pk=self.pk)
            if stored.program_id != self.program_id or stored.normalised() != self.normalised():
                raise SchemeVersionLocked(
                    f"{stored} is used by finalised scorecards and cannot change"
                )
        super().save(*args, **kwargs)

    @property
    def english_gaps(self) -> list[str]:
        """The scheme texts without English (``dimensions.technical_ability.name`` …);
        empty when the definition is invalid (its form shows those problems first)."""
        try:
            return definition.missing_english(self.scheme())
        except definition.DefinitionError:
            return []

    def normalised(self):
        """The definition in a form that compares equal when it means the same."""
        try:
            return definition.to_dict(definition.parse(self.definition_dict()))
        except definition.DefinitionError as exc:
            return [str(p) for p in exc.problems]

    # --- The definition as plain data -----------------------------------------------------------

    def definition_dict(self) -> dict:
        """The scheme in the file format of ``export_scheme`` (without ``program``)."""
        return {
            "components": {
                scoring.EXAM: self.exam_weight,
                scoring.PRACTICE: self.practice_weight,
                scoring.ON_THE_JOB: self.on_the_job_weight,
            },
            "exams": list(self.exams or []),
            "practice_cases": list(self.practice_cases or []),
            "dimensions": [block_data(block) for block in self.dimensions.raw_data],
            "gates": {
                "exam_min": self.exam_min,
                "practice_min": self.practice_min,
                "dimension_min": self.dimension_min,
            },
            "pass_mark": self.pass_mark,
            "grade_bands": [block_data(block) for block in self.grade_bands.raw_data],
        }

    def scheme(self) -> scoring.Scheme:
        """The checked scheme used by the formula (raises DefinitionError if it is invalid)."""
        cached = getattr(self, "_scheme_cache", None)
        if cached is None:
            cached = self._scheme_cache = definition.parse(self.definition_dict())
        return cached

    def apply_definition(self, scheme: scoring.Scheme) -> None:
        """Set every field of the definition from a checked scheme (the inverse of scheme())."""
        data = definition.to_dict(scheme)
        self.exam_weight = scheme.exam_weight
        self.practice_weight = scheme.practice_weight
        self.on_the_job_weight = scheme.on_the_job_weight
        self.exams = list(scheme.exams)
        self.practice_cases = list(scheme.practice_cases)
        self.exam_min = scheme.exam_min
        self.practice_min = scheme.practice_min
        self.dimension_min = scheme.dimension_min
        self.pass_mark = scheme.pass_mark
        self.dimensions = [
            {"type": "dimension", "value": _block_value(d)} for d in data["dimensions"]
        ]
        self.grade_bands = [
            {"type": "band", "value": {"name": "", "name_en": "", **band}}
            for band in data["grade_bands"]
        ]
        self._scheme_cache = None

    @cached_property
    def is_used(self) -> bool:
        """Whether a finalised scorecard was computed under this version."""
        return self.pk is not None and self.scorecards.exists()


def block_data(block: dict) -> dict:
    """The stored value of a StreamField child (drops Wagtail's block and list-item ids)."""
    return _strip_ids(block["value"])


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        items = []
        for item in value:
            # ListBlock items are stored as {"type": "item", "value": ..., "id": ...}.
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            items.append(_strip_ids(item))
        return items
    return value


def _block_value(dimension: dict) -> dict:
    """A dimension of the file format as a DimensionBlock value (every key present)."""
    indicators = []
    for indicator in dimension["indicators"]:
        indicators.append(
            {
                "code": indicator["code"],
                "name": indicator["name"],
                "name_en": indicator.get("name_en", ""),
                "unit": indicator.get("unit", ""),
                "unit_en": indicator.get("unit_en", ""),
                "source": indicator["source"],
                "weight": indicator["weight"],
                "worst": indicator["worst"],
                "best": indicator["best"],
                "min_value": indicator.get("min_value"),
                "max_value": indicator.get("max_value"),
                "bands": [
                    {"min": b.get("min"), "max": b.get("max"), "score": b["score"]}
                    for b in indicator.get("bands", [])
                ],
                "suggestion": indicator.get("suggestion", ""),
                "suggestion_en": indicator.get("suggestion_en", ""),
                "suggestion_below": indicator.get("suggestion_below"),
            }
        )
    return {
        "code": dimension["code"],
        "name": dimension["name"],
        "name_en": dimension.get("name_en", ""),
        "weight": dimension["weight"],
        "indicators": indicators,
    }
