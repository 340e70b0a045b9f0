"""Reads of rubric versions: criteria and levels in order, and the plain values they score with."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cases.models import CaseMark, Rubric, RubricCriterion, RubricLevel
from cases.scoring import CriterionSpec, LevelSpec


def rubric_with_levels(rubric_id: int) -> Rubric:
    """A rubric with its criteria and levels prefetched (3 queries)."""
    return Rubric.objects.prefetch_related(
        Prefetch(
            "criteria",
            queryset=RubricCriterion.objects.order_by("sort_order", "pk").prefetch_related(
                Prefetch("levels", queryset=RubricLevel.objects.order_by("points", "pk"))
            ),
        )
    ).get(pk=rubric_id)


def criterion_specs(rubric: Rubric) -> list[CriterionSpec]:
    """The plain values ``cases.scoring`` scores with (uses prefetched rows)."""
    return [
        CriterionSpec(
            id=criterion.pk,
            levels=tuple(LevelSpec(level.pk, level.points) for level in criterion.levels.all()),
            critical=criterion.critical,
            minimum_level=criterion.minimum_level,
        )
        for criterion in rubric.criteria.all()
    ]


def rubric_in_use(rubric: Rubric) -> bool:
    """Has any mark (even one still in progress) been recorded against this rubric version?"""
    return CaseMark.objects.filter(submission__rubric=rubric).exists()


def rubrics_with_english_gaps(rubrics: QuerySet[Rubric]) -> QuerySet[Rubric]:
    """``rubrics`` annotated with what still lacks an English text, for the CMS list (one
    query, whatever the number of rubrics): ``criteria_lack_english`` and
    ``levels_lack_english`` (booleans), and ``missing_english_fields`` (a property reading
    the rubric's own title and description)."""
    criteria = RubricCriterion.objects.filter(rubric=OuterRef("pk")).filter(
        Q(title_en="") | (~Q(description="") & Q(description_en=""))
    )
    levels = RubricLevel.objects.filter(criterion__rubric=OuterRef("pk")).filter(
        Q(label_en="") | Q(descriptor_en="")
    )
    return rubrics.annotate(
        criteria_lack_english=Exists(criteria), levels_lack_english=Exists(levels)
    )
