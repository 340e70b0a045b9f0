"""Reads of programs and their scheme versions, and the indicator catalog that imports use."""

from __future__ import annotations

from django.db.models import QuerySet

from assessment import definition, scoring
from assessment.models import Program, SchemeVersion


def programs_with_active_version() -> QuerySet:
    return Program.objects.filter(versions__status=SchemeVersion.Status.ACTIVE).order_by("code")


def program_by_code(code: str) -> Program | None:
    return Program.objects.filter(code=code).first()


def indicator_catalog() -> dict[str, scoring.Indicator]:
    """Every indicator code any scheme version defines, with the definition that applies to
    imports: the one in an active version, else the newest draft, else the newest retired one.
    """
    rank = {SchemeVersion.Status.ACTIVE: 0, SchemeVersion.Status.DRAFT: 1}
    versions = sorted(
        SchemeVersion.objects.select_related("program"),
        key=lambda v: (rank.get(v.status, 2), -v.number, v.program.code),
    )
    catalog: dict[str, scoring.Indicator] = {}
    for version in versions:
        try:
            scheme = version.scheme()
        except definition.DefinitionError:
            continue
        for indicator in scheme.indicators:
            catalog.setdefault(indicator.code, indicator)
    return catalog


def program_summaries() -> list[SchemeVersion]:
    """The active version of every program (with its program), by program code."""
    return list(
        SchemeVersion.objects.filter(status=SchemeVersion.Status.ACTIVE)
        .select_related("program")
        .order_by("program__code")
    )
