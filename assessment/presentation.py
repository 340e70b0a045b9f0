"""What a scorecard page, a feedback report and the PDF show, built from a live scorecard or from
a finalised snapshot in exactly the same way (so a frozen scorecard looks as it did)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessment import charts, definition, explain, scoring, snapshots
from assessment.titles import Titles
from lms.bilingual import localized, pick, wants_english
from lms.templatetags.bilingual import tr_mark


@dataclass(frozen=True)
class ScorecardView:
    employee_id: str
    name: str
    program_code: str
    program_name: str
    period: str
    version_number: int
    scheme: scoring.Scheme
    result: scoring.Result
    titles: Titles  # of the exams and practice cases, as shown (frozen with a snapshot)
    # Where each indicator's value came from, as its metric record's note says (e.g. which
    # supervisor evaluation and who rated); indicator code -> note, only non-empty notes.
    metric_notes: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def status_label(self) -> str:
        return explain.status_label(self.result.status)

    @property
    def status_badge(self) -> str:
        return explain.STATUS_BADGES.get(self.result.status, "")

    @property
    def grade_label(self) -> str:
        return explain.grade_label(self.result.grade, self.scheme)

    @property
    def reasons(self) -> list[str]:
        """Why it is not certified, as HTML: a name shown in Chinese for want of English is
        marked as the pages mark it."""
        return [self._marked(r) for r in explain.reasons(self.result, self.titles)]

    @property
    def notes(self) -> list[str]:
        """Exam results that a retake awaiting marking may still raise (HTML, as reasons)."""
        return [self._marked(n) for n in explain.notes(self.result, self.titles)]

    def _marked(self, sentence: str):
        html = conditional_escape(sentence)
        fallbacks = {m.name for m in self.result.missing} | {r.name for r in self.result.reasons}
        fallbacks |= {self.titles.exam(p.code) for p in self.result.provisional_parts}
        fallbacks |= {self.titles.exam(m.code) for m in self.result.missing if m.kind == "exam"}
        fallbacks |= {
            self.titles.case(m.code) for m in self.result.missing if m.kind == "practice_case"
        }
        for text in sorted(fallbacks, key=len, reverse=True):
            if getattr(text, "fallback", False):
                html = html.replace(conditional_escape(text), tr_mark(text))
        return mark_safe(html)  # noqa: S308 - the sentence and every name in it are escaped

    @property
    def components(self) -> list[dict]:
        rows = []
        for component in self.result.components:
            rows.append(
                {
                    "code": component.code,
                    "label": explain.COMPONENT_LABELS[component.code],
                    "weight": component.weight,
                    "score": component.score,
                    "contribution": component.contribution,
                    "parts": [
                        {
                            "code": p.code,
                            "title": self.titles.part(component.code, p.code),
                            "percent": p.percent,
                            "note": explain.part_note(p),
                        }
                        for p in component.parts
                    ],
                    "counts": component.weight > 0 or bool(component.parts),
                }
            )
        return rows

    @property
    def dimensions(self) -> tuple[scoring.DimensionResult, ...]:
        return self.result.dimensions

    @property
    def feedback(self) -> scoring.Feedback:
        return scoring.feedback(self.result)

    def radar_svg(self):
        return charts.radar(
            [(d.name, d.score) for d in self.result.dimensions],
            # Without the engineer's name: the page's heading names them, and a chart's label
            # cannot mark a name as user data (translate="no").
            title=_("Dimension scores"),
        )

    def bars_svg(self):
        items = [
            (str(explain.COMPONENT_LABELS[c.code]), c.score)
            for c in self.result.components
            if c.weight > 0
        ]
        items.append((_("Total"), self.result.total))
        return charts.bars(
            items,
            title=_("Component scores"),
            mark=self.result.pass_mark,
        )


def unit(chinese: str, english: str | None) -> str:
    """A unit in the active language; one without Chinese characters (%, km) is the same in
    both languages and needs no English text."""
    if not definition.has_chinese(chinese):
        return english if english and wants_english() else chinese
    return pick(chinese, english)


def in_reader_language(result: scoring.Result, scheme: scoring.Scheme) -> scoring.Result:
    """``result`` with the names, units and suggestions of its dimensions and indicators in the
    active language (``Localized`` values: an English text missing from ``scheme`` shows the
    Chinese one, marked). The English texts come from the scheme (a snapshot's frozen one)."""
    dimensions = {d.code: d for d in scheme.dimensions}
    indicators = {i.code: i for i in scheme.indicators}

    def indicator(i: scoring.IndicatorResult) -> scoring.IndicatorResult:
        english = indicators.get(i.code)
        return i._replace(
            name=pick(i.name, english and english.name_en),
            unit=unit(i.unit, english and english.unit_en),
            suggestion=pick(i.suggestion, english and english.suggestion_en)
            if i.suggestion
            else "",
        )

    def dimension(d: scoring.DimensionResult) -> scoring.DimensionResult:
        return d._replace(
            name=pick(d.name, getattr(dimensions.get(d.code), "name_en", "")),
            indicators=tuple(indicator(i) for i in d.indicators),
        )

    def named(item, table):
        return item._replace(name=pick(item.name, getattr(table.get(item.code), "name_en", "")))

    return result._replace(
        components=tuple(
            c._replace(dimensions=tuple(dimension(d) for d in c.dimensions))
            for c in result.components
        ),
        missing=tuple(named(m, indicators) if m.name else m for m in result.missing),
        reasons=tuple(named(r, dimensions) if r.name else r for r in result.reasons),
    )


def from_live(card) -> ScorecardView:
    """``card``: a ``assessment.selectors.scorecards.LiveScorecard``."""
    return ScorecardView(
        employee_id=card.engineer.employee_id,
        name=card.engineer.name,
        program_code=card.program.code,
        program_name=localized(card.program, "name"),
        period=card.period,
        version_number=card.version.number,
        scheme=card.version.scheme(),
        result=in_reader_language(card.result, card.version.scheme()),
        titles=card.titles,
        metric_notes={code: m.note for code, m in card.metrics.items() if m.note},
    )


def from_snapshot(snapshot: dict) -> ScorecardView:
    """A finalised scorecard's frozen snapshot, shown as it was computed, with the titles it
    was frozen with (its slugs when it is older than the titles in snapshots; the Chinese
    texts, marked, on an English page when it is older than English texts in snapshots)."""
    scheme = definition.parse(snapshot["scheme_version"]["definition"])
    return ScorecardView(
        employee_id=snapshot["employee"]["employee_id"],
        name=snapshot["employee"]["name"],
        program_code=snapshot["program"]["code"],
        program_name=localized(snapshot["program"], "name"),
        period=snapshot["period"],
        version_number=snapshot["scheme_version"]["number"],
        scheme=scheme,
        result=in_reader_language(snapshots.result_from_dict(snapshot["result"]), scheme),
        titles=Titles.from_dict(snapshot.get("titles")),
        metric_notes={
            code: m["note"]
            for code, m in snapshot.get("inputs", {}).get("metrics", {}).items()
            if m.get("note")
        },
    )


def raw_value(value: Decimal | None) -> str:
    """A metric value as written (88, 3.5), never with trailing zeros or an exponent."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return text
