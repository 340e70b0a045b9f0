"""Scorecards as plain JSON: the frozen snapshot of a finalised scorecard and the CLI shape.

Pure functions (no database): Decimals are written as strings at full precision in snapshots so
that a frozen scorecard renders exactly as it was computed, and as rounded JSON numbers in the
``scorecard`` command's output.
"""

from __future__ import annotations

from decimal import Decimal

from assessment import definition, scoring


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _d(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _part_to_dict(part: scoring.PartResult) -> dict:
    data = {"code": part.code, "percent": _s(part.percent)}
    if part.awaiting_marking:  # only then: earlier snapshots stay equal to the live scorecard
        data["awaiting_marking"] = list(part.awaiting_marking)
    return data


def _exam_input_to_dict(exam: scoring.ExamInput) -> dict:
    data = {"percent": _s(exam.percent), "pending_marking": exam.pending_marking}
    if exam.provisional:  # only then, as for parts
        data["provisional"] = True
        data["awaiting_marking"] = list(exam.awaiting_marking)
    return data


MARKING_NOTES = ("provisional", "awaiting_marking")


def without_marking_notes(part: dict | None) -> dict | None:
    """A snapshot's ``inputs`` or ``result`` without the notes of attempts awaiting marking.

    A provisional exam result has the figures it would have without the note, so comparing
    these tells whether a figure changed (a retake awaiting marking changes none).
    """
    if not isinstance(part, dict):
        return part
    data = dict(part)
    if isinstance(data.get("exams"), dict):
        data["exams"] = {
            slug: {k: v for k, v in exam.items() if k not in MARKING_NOTES}
            for slug, exam in data["exams"].items()
        }
    if isinstance(data.get("components"), list):
        data["components"] = [
            {
                **component,
                "parts": [
                    {k: v for k, v in p.items() if k not in MARKING_NOTES}
                    for p in component.get("parts", [])
                ],
            }
            for component in data["components"]
        ]
    return data


def result_to_dict(result: scoring.Result) -> dict:
    return {
        "status": result.status,
        "total": _s(result.total),
        "grade": result.grade,
        "pass_mark": _s(result.pass_mark),
        "components": [
            {
                "code": c.code,
                "weight": _s(c.weight),
                "score": _s(c.score),
                "contribution": _s(c.contribution),
                "parts": [_part_to_dict(p) for p in c.parts],
                "dimensions": [
                    {
                        "code": d.code,
                        "name": d.name,
                        "weight": _s(d.weight),
                        "score": _s(d.score),
                        "contribution": _s(d.contribution),
                        "indicators": [
                            {
                                "code": i.code,
                                "name": i.name,
                                "unit": i.unit,
                                "source": i.source,
                                "weight": _s(i.weight),
                                "value": _s(i.value),
                                "score": _s(i.score),
                                "contribution": _s(i.contribution),
                                "worst": _s(i.worst),
                                "best": _s(i.best),
                                "band": i.band,
                                "suggestion": i.suggestion,
                            }
                            for i in d.indicators
                        ],
                    }
                    for d in c.dimensions
                ],
            }
            for c in result.components
        ],
        "missing": [
            {"kind": m.kind, "code": m.code, "why": m.why, "name": m.name} for m in result.missing
        ],
        "reasons": [
            {
                "kind": r.kind,
                "score": _s(r.score),
                "minimum": _s(r.minimum),
                "code": r.code,
                "name": r.name,
            }
            for r in result.reasons
        ],
    }


def result_from_dict(data: dict) -> scoring.Result:
    return scoring.Result(
        status=data["status"],
        total=_d(data["total"]),
        grade=data["grade"],
        pass_mark=_d(data["pass_mark"]),
        components=tuple(
            scoring.ComponentResult(
                code=c["code"],
                weight=_d(c["weight"]),
                score=_d(c["score"]),
                contribution=_d(c["contribution"]),
                parts=tuple(
                    scoring.PartResult(
                        p["code"], _d(p["percent"]), tuple(p.get("awaiting_marking", ()))
                    )
                    for p in c["parts"]
                ),
                dimensions=tuple(
                    scoring.DimensionResult(
                        code=d["code"],
                        name=d["name"],
                        weight=_d(d["weight"]),
                        score=_d(d["score"]),
                        contribution=_d(d["contribution"]),
                        indicators=tuple(
                            scoring.IndicatorResult(
                                code=i["code"],
                                name=i["name"],
                                unit=i["unit"],
                                source=i["source"],
                                weight=_d(i["weight"]),
                                value=_d(i["value"]),
                                score=_d(i["score"]),
                                contribution=_d(i["contribution"]),
                                worst=_d(i["worst"]),
                                best=_d(i["best"]),
                                band=i["band"],
                                suggestion=i["suggestion"],
                            )
                            for i in d["indicators"]
                        ),
                    )
                    for d in c["dimensions"]
                ),
            )
            for c in data["components"]
        ),
        missing=tuple(scoring.Missing(**m) for m in data["missing"]),
        reasons=tuple(
            scoring.Reason(
                kind=r["kind"],
                score=_d(r["score"]),
                minimum=_d(r["minimum"]),
                code=r["code"],
                name=r["name"],
            )
            for r in data["reasons"]
        ),
    )


def inputs_to_dict(inputs: scoring.Inputs, metrics: dict) -> dict:
    """The inputs a result was computed from, as frozen in a snapshot.

    ``metrics`` maps indicator codes to values with ``value``, ``source`` and ``note``.
    """
    return {
        "exams": {slug: _exam_input_to_dict(e) for slug, e in sorted(inputs.exams.items())},
        "practice_cases": {
            slug: {"percent": _s(c.percent), "status": c.status}
            for slug, c in sorted(inputs.practice_cases.items())
        },
        "metrics": {
            code: {"value": _s(m.value), "source": m.source, "note": m.note}
            for code, m in sorted(metrics.items())
        },
    }


# --- The CLI shape (a contract, see issue 6) -----------------------------------------------------


def _score(value: Decimal | None) -> float | None:
    return None if value is None else float(scoring.display(value))


def cli_dict(
    *,
    employee_id: str,
    name: str,
    program: str,
    period: str,
    scheme_version: int,
    result: scoring.Result,
    reasons: list[str],
) -> dict:
    """One object of ``manage.py scorecard --format json``; scores null where input is missing."""
    exam = result.component(scoring.EXAM)
    practice = result.component(scoring.PRACTICE)
    on_the_job = result.component(scoring.ON_THE_JOB)
    return {
        "employee_id": employee_id,
        "name": name,
        "program": program,
        "period": period,
        "scheme_version": scheme_version,
        "status": result.status,
        "reasons": reasons,
        "total": _score(result.total),
        "grade": result.grade,
        "components": {
            "exam": {"weight": definition.plain_number(exam.weight), "score": _score(exam.score)},
            "practice": {
                "weight": definition.plain_number(practice.weight),
                "score": _score(practice.score),
            },
            "on_the_job": {
                "weight": definition.plain_number(on_the_job.weight),
                "score": _score(on_the_job.score),
                "dimensions": {
                    d.code: {
                        "weight": definition.plain_number(d.weight),
                        "score": _score(d.score),
                        "indicators": {
                            i.code: {
                                "weight": definition.plain_number(i.weight),
                                "value": _score(i.value),
                                "score": _score(i.score),
                            }
                            for i in d.indicators
                        },
                    }
                    for d in on_the_job.dimensions
                },
            },
        },
    }
