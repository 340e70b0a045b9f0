"""The titles of the exams and practice cases a scheme names by slug, for the pages a learner,
an assessor or a manager reads: pure values, no database.

Each title is a Chinese text with an optional English one (``lms.bilingual``); the reader gets
the text of the active language, a missing English title falling back to the Chinese one, marked.
A live scorecard reads them through ``assessment.inputs.titles``; a finalised scorecard keeps
the titles it was frozen with in its snapshot (``to_dict`` / ``from_dict``). A snapshot from
before titles were kept, or a slug that names nothing, shows the slug itself; one from before
English titles were kept shows the Chinese ones, marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessment import scoring
from lms.bilingual import ENGLISH, Localized, pick


@dataclass(frozen=True)
class Titles:
    exams: Mapping[str, str] = field(default_factory=dict)
    practice_cases: Mapping[str, str] = field(default_factory=dict)
    exams_en: Mapping[str, str] = field(default_factory=dict)
    practice_cases_en: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, *, exams: Mapping, practice_cases: Mapping) -> Titles:
        """From ``{slug: (chinese, english)}`` maps, as the exams and cases apps give them."""
        return cls(
            exams={slug: zh for slug, (zh, _en) in exams.items()},
            practice_cases={slug: zh for slug, (zh, _en) in practice_cases.items()},
            exams_en={slug: en for slug, (_zh, en) in exams.items() if en},
            practice_cases_en={slug: en for slug, (_zh, en) in practice_cases.items() if en},
        )

    @staticmethod
    def _title(chinese: Mapping, english: Mapping, slug: str) -> str:
        if not chinese.get(slug):
            return Localized(slug, lang=ENGLISH)  # a slug, in no language
        return pick(chinese[slug], english.get(slug))

    def exam(self, slug: str) -> str:
        return self._title(self.exams, self.exams_en, slug)

    def case(self, slug: str) -> str:
        return self._title(self.practice_cases, self.practice_cases_en, slug)

    def part(self, component: str, slug: str) -> str:
        """The title of a part of the exam or the practice component."""
        return self.case(slug) if component == scoring.PRACTICE else self.exam(slug)

    def to_dict(self) -> dict:
        return {
            "exams": dict(self.exams),
            "practice_cases": dict(self.practice_cases),
            "exams_en": dict(self.exams_en),
            "practice_cases_en": dict(self.practice_cases_en),
        }

    @classmethod
    def from_dict(cls, data) -> Titles:
        """Titles frozen in a snapshot; none (every slug shown as is) when it has none."""
        if not isinstance(data, dict):
            return cls()
        return cls(**{key: dict(data.get(key) or {}) for key in cls.__dataclass_fields__})


NO_TITLES = Titles()
