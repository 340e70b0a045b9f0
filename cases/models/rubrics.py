"""Rubrics: reusable marking schemes for practice-case reports.

A rubric has criteria; each criterion has levels (label, descriptor, points). A criterion may be
*critical*: a report that does not reach its minimum level fails whatever its total. Scores are
points earned / points possible × 100 (``cases/scoring.py``,
``docs/decisions/0300-rubric-score-formula.md``).

Rubrics are versioned: once a mark has been recorded against a rubric it is never changed in
place; saving it in the CMS creates the next version (``docs/decisions/0301-rubric-versions.md``).
"""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.bilingual import bilingual_panel, english_field, localized, missing_english


class Rubric(ClusterableModel):
    """One version of a rubric. All versions of a rubric share ``family``."""

    title = models.CharField(_("title"), max_length=200)
    title_en = english_field(models.CharField, _("title (English)"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the rubric is for and how graders should read it."),
    )
    description_en = english_field(models.TextField, _("description (English)"))
    family = models.UUIDField(_("rubric family"), default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_current = models.BooleanField(
        _("current version"),
        default=True,
        editable=False,
        help_text=_("Only the current version of a rubric can be chosen for a practice case."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        bilingual_panel("title"),
        bilingual_panel("description"),
        InlinePanel(
            "criteria",
            label=_("Criterion"),
            heading=_("Criteria"),
            min_num=1,
            panels=[
                bilingual_panel("title"),
                bilingual_panel("description"),
                MultiFieldPanel(
                    [FieldPanel("critical"), FieldPanel("minimum_level")],
                    heading=_("Critical criterion"),
                ),
                InlinePanel(
                    "levels",
                    label=_("Level"),
                    heading=_("Levels"),
                    min_num=2,
                    panels=[
                        bilingual_panel("label"),
                        bilingual_panel("descriptor"),
                        FieldPanel("points"),
                    ],
                ),
            ],
        ),
    ]

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="unique_rubric_version"),
        ]

    def __str__(self):
        return f"{localized(self, 'title')} (v{self.version})"  # in the active language

    @property
    def missing_english_fields(self) -> list[str]:
        """The rubric's own texts (not its criteria and levels) that lack English."""
        return missing_english(self, ("title", "description"))


class RubricCriterion(Orderable, ClusterableModel):
    """A row of a rubric: what is judged, with its levels."""

    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    title_en = english_field(models.CharField, _("criterion (English)"), max_length=200)
    description_en = english_field(models.TextField, _("description (English)"))
    critical = models.BooleanField(
        _("critical"),
        default=False,
        help_text=_(
            "A report that does not reach the minimum level here fails, whatever its total."
        ),
    )
    minimum_level = models.PositiveSmallIntegerField(
        _("minimum level to pass"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "For a critical criterion: the lowest acceptable level, counted from the level "
            "worth the fewest points (1 = that level, 2 = the next one up …)."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self):
        return str(localized(self, "title"))

    @property
    def max_points(self):
        return max((level.points for level in self.levels.all()), default=0)

    @property
    def ranked_levels(self) -> list[RubricLevel]:
        """Levels from the fewest points to the most (uses prefetched levels)."""
        return sorted(self.levels.all(), key=lambda level: (level.points, level.pk or 0))


class RubricLevel(Orderable):
    """A cell of a rubric: one level of one criterion."""

    criterion = ParentalKey(RubricCriterion, on_delete=models.CASCADE, related_name="levels")
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. 良好"))
    label_en = english_field(models.CharField, _("label (English)"), max_length=100)
    descriptor = models.TextField(
        _("descriptor"), help_text=_("What a report at this level looks like.")
    )
    descriptor_en = english_field(models.TextField, _("descriptor (English)"))
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")

    def __str__(self):
        return f"{localized(self, 'label')} ({self.points})"
