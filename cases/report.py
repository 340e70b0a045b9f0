"""The sections of a practice-case report and when a report is complete enough to submit.

The report follows the four stages of the course's method (问题识别与定义, 问题原因分析,
问题解决方案制定, 问题解决实施与跟踪). Every section is required before a report can be
submitted; drafts may be saved in any state. Plain values only: the model
``CaseSubmission`` stores the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from django.utils.translation import gettext_lazy as _

STAGES = {
    1: _("Identify and define the problem"),
    2: _("Analyse the causes"),
    3: _("Plan the solution"),
    4: _("Implement and track"),
}


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    stage: int
    requirement: str  # what "filled" means, shown when the section is missing


SECTIONS = [
    Section("problem_statement", _("Problem statement"), 1, _("describe the problem")),
    Section(
        "classification", _("Classification"), 1, _("classify the problem by nature and impact")
    ),
    Section("scope", _("Scope"), 1, _("state what the problem covers and what it does not")),
    Section(
        "information_collected",
        _("Information collected"),
        2,
        _("list the data, records and feedback you collected"),
    ),
    Section(
        "fishbone",
        _("Fishbone diagram"),
        2,
        _("at least one category with at least one cause"),
    ),
    Section("five_whys", _("Five whys"), 2, _("at least one “why” answered")),
    Section("root_cause", _("Root cause"), 2, _("name the root cause")),
    Section(
        "solutions",
        _("Solution options"),
        3,
        _("at least two options, each with cost, time and effect, and the one you chose"),
    ),
    Section(
        "implementation_plan",
        _("Implementation plan"),
        3,
        _("at least one step with an owner and a valid date; every step needs both"),
    ),
    Section("verification", _("Verification"), 4, _("say how you checked the problem is solved")),
    Section(
        "customer_satisfaction",
        _("Customer satisfaction"),
        4,
        _("record what the customer said"),
    ),
    Section("lessons_learned", _("Lessons learned"), 4, _("what you would keep or change")),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
TEXT_SECTIONS = [
    "problem_statement",
    "classification",
    "scope",
    "information_collected",
    "root_cause",
    "verification",
    "customer_satisfaction",
    "lessons_learned",
]


@dataclass
class ReportContent:
    """A report as plain values; the same names as the fields of ``CaseSubmission``.

    ``fishbone`` is ``{"effect": str, "categories": [{"name": str, "causes": [str]}]}``;
    ``solutions`` rows have ``option, cost, time, effect, chosen``; ``implementation_plan`` rows
    have ``step, owner, date, resources`` (``date`` as typed, ISO ``YYYY-MM-DD`` when valid).
    """

    problem_statement: str = ""
    classification: str = ""
    scope: str = ""
    information_collected: str = ""
    fishbone: dict = field(default_factory=dict)
    five_whys: list = field(default_factory=list)
    root_cause: str = ""
    solutions: list = field(default_factory=list)
    implementation_plan: list = field(default_factory=list)
    verification: str = ""
    customer_satisfaction: str = ""
    lessons_learned: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_object(cls, obj) -> ReportContent:
        return cls(**{name: getattr(obj, name) for name in cls.field_names()})

    @property
    def categories(self) -> list[dict]:
        return list((self.fishbone or {}).get("categories") or [])

    @property
    def effect(self) -> str:
        return (self.fishbone or {}).get("effect") or ""

    @property
    def chosen_solution(self) -> dict | None:
        return next((row for row in self.solutions if row.get("chosen")), None)


def valid_date(value: str) -> bool:
    try:
        date.fromisoformat((value or "").strip())
    except ValueError:
        return False
    return True


def _filled(value) -> bool:
    return bool((value or "").strip())


def section_is_filled(content: ReportContent, key: str) -> bool:
    if key in TEXT_SECTIONS:
        return _filled(getattr(content, key))
    if key == "fishbone":
        return any(
            _filled(category.get("name")) and any(_filled(c) for c in category.get("causes", []))
            for category in content.categories
        )
    if key == "five_whys":
        return any(_filled(answer) for answer in content.five_whys)
    if key == "solutions":
        complete = [
            row
            for row in content.solutions
            if all(_filled(row.get(part)) for part in ("option", "cost", "time", "effect"))
        ]
        return len(complete) >= 2 and any(row.get("chosen") for row in complete)
    if key == "implementation_plan":
        steps = content.implementation_plan
        return bool(steps) and all(
            _filled(step.get("step"))
            and _filled(step.get("owner"))
            and valid_date(step.get("date"))
            for step in steps
        )
    raise KeyError(key)


def missing_sections(content: ReportContent) -> list[Section]:
    """The sections a report still lacks, in report order (empty when it can be submitted)."""
    return [section for section in SECTIONS if not section_is_filled(content, section.key)]


def fishbone_for_display(content: ReportContent, *, fallback_effect: str) -> dict:
    """``{effect, categories}`` for ``templates/exams/includes/fishbone.svg.html``."""
    effect = content.effect.strip() or content.problem_statement.strip() or fallback_effect
    categories = [
        {
            "name": (category.get("name") or "").strip(),
            "causes": [c.strip() for c in category.get("causes", []) if (c or "").strip()],
        }
        for category in content.categories
        if (category.get("name") or "").strip() or category.get("causes")
    ]
    return {"effect": effect, "categories": categories}
