"""The titles of the exams and practice cases a scheme names by slug, for the pages a learner,
an assessor or a manager reads: pure values, no database.

A live scorecard reads them through ``assessment.inputs.titles``; a finalised scorecard keeps
the titles it was frozen with in its snapshot (``to_dict`` / ``from_dict``). A snapshot from
before titles were kept, or a slug that names nothing, shows the slug itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessment import scoring


@dataclass(frozen=True)
class Titles:
    exams: Mapping[str, str] = field(default_factory=dict)
    practice_cases: Mapping[str, str] = field(default_factory=dict)

    def exam(self, slug: str) -> str:
        return self.exams.get(slug) or slug

    def case(self, slug: str) -> str:
        return self.practice_cases.get(slug) or slug

    def part(self, component: str, slug: str) -> str:
        """The title of a part of the exam or the practice component."""
        return self.case(slug) if component == scoring.PRACTICE else self.exam(slug)

    def to_dict(self) -> dict:
        return {"exams": dict(self.exams), "practice_cases": dict(self.practice_cases)}

    @classmethod
    def from_dict(cls, data) -> Titles:
        """Titles frozen in a snapshot; none (every slug shown as is) when it has none."""
        if not isinstance(data, dict):
            return cls()
        return cls(
            exams=dict(data.get("exams") or {}),
            practice_cases=dict(data.get("practice_cases") or {}),
        )


NO_TITLES = Titles()
