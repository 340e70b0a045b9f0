"""Reads of rubric versions: criteria and levels in order, and the plain values they score with."""

from __future__ import annotations

from django.db.models import Prefetch

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
