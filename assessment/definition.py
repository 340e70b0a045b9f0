"""The assessment scheme as plain data: reading, checking and writing its JSON shape.

The shape (documented in ``docs/assessment-scheme-format.md``) is a contract shared by
``export_scheme``, ``import_scheme`` and the Wagtail admin form::

    {"program": {...}, "components": {"exam": 30, "practice": 30, "on_the_job": 40},
     "exams": [...], "practice_cases": [...], "dimensions": [...], "gates": {...},
     "pass_mark": 60, "grade_bands": [...]}

:func:`parse` turns the dict into a :class:`assessment.scoring.Scheme` or a list of
:class:`Problem` values, each naming the place of the fault (``("dimensions", 0, "weight")``) so
that the admin form can show it on the field and the command can print it. No database access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from assessment import scoring
from lms.parsing import InputError, parse_decimal

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
SLUG_RE = re.compile(r"^[-\w]{1,100}$")
SOURCES = ("work_records", "customer_feedback", "peer_evaluation", "supervisor")
HUNDRED = Decimal(100)
DEFAULT_SUGGESTION_BELOW = Decimal(60)
CHINESE_CHARACTERS = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Problem:
    path: tuple  # e.g. ("dimensions", 1, "indicators", 0, "code")
    message: str

    def __str__(self):
        return f"{format_path(self.path)}: {self.message}"


def format_path(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "scheme"


class DefinitionError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class _Checker:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, path, message):
        self.problems.append(Problem(tuple(path), str(message)))

    def number(self, data, key, path, *, required=True, low=None, high=None):
        value = data.get(key) if isinstance(data, dict) else None
        where = (*path, key)
        if value is None or value == "":
            if required:
                self.add(where, _("This value is required."))
            return None
        try:
            number = parse_decimal(value)
        except InputError:
            self.add(where, _("Enter a number."))
            return None
        if low is not None and number < low or high is not None and number > high:
            self.add(
                where,
                _("Enter a number between %(low)s and %(high)s.") % {"low": low, "high": high},
            )
            return None
        return number

    def text(self, data, key, path, *, required=True, max_length=200, pattern=None, hint=""):
        value = data.get(key, "") if isinstance(data, dict) else ""
        where = (*path, key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(where, _("Enter text."))
            return ""
        value = value.strip()
        if not value:
            if required:
                self.add(where, _("This value is required."))
            return ""
        if len(value) > max_length:
            self.add(where, _("Use at most %(count)d characters.") % {"count": max_length})
        elif pattern is not None and not pattern.match(value):
            self.add(where, hint)
        return value

    def items(self, data, key, path):
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((*path, key), _("Enter a list."))
            return []
        return value


CODE_HINT = _(
    "Use lower-case letters, digits and underscores, starting with a letter "
    "(e.g. first_time_fix_rate)."
)


def parse(data: dict) -> scoring.Scheme:
    """Check a scheme definition; return it as a Scheme or raise DefinitionError."""
    check = _Checker()
    if not isinstance(data, dict):
        raise DefinitionError([Problem((), str(_("The scheme must be a JSON object.")))])

    weights = _component_weights(check, data)
    exams = _slugs(check, data, "exams")
    cases = _slugs(check, data, "practice_cases")
    if weights[scoring.EXAM] and not exams:
        check.add(("exams",), _("The exam component has weight, so list at least one exam."))
    if weights[scoring.PRACTICE] and not cases:
        check.add(
            ("practice_cases",),
            _("The practice component has weight, so list at least one practice case."),
        )

    dimensions = _dimensions(check, data)
    if weights[scoring.ON_THE_JOB] and not dimensions and not check.problems:
        check.add(
            ("dimensions",),
            _("The on-the-job component has weight, so add at least one dimension."),
        )

    gates = _gates(check, data)
    pass_mark = check.number(data, "pass_mark", (), low=0, high=100)
    grade_bands = _grade_bands(check, data)

    if check.problems:
        raise DefinitionError(check.problems)
    return scoring.Scheme(
        exam_weight=weights[scoring.EXAM],
        practice_weight=weights[scoring.PRACTICE],
        on_the_job_weight=weights[scoring.ON_THE_JOB],
        exams=tuple(exams),
        practice_cases=tuple(cases),
        dimensions=tuple(dimensions),
        pass_mark=pass_mark,
        grade_bands=tuple(grade_bands),
        exam_min=gates["exam_min"],
        practice_min=gates["practice_min"],
        dimension_min=gates["dimension_min"],
    )


def _component_weights(check: _Checker, data: dict) -> dict[str, Decimal | None]:
    """The weights of exam, practice and on_the_job, which must add up to 100."""
    components = data.get("components")
    if not isinstance(components, dict):
        check.add(("components",), _("Give the weights of exam, practice and on_the_job."))
        components = {}
    weights = {
        name: check.number(components, name, ("components",), low=0, high=100)
        for name in scoring.COMPONENTS
    }
    if all(w is not None for w in weights.values()) and sum(weights.values()) != HUNDRED:
        for name in scoring.COMPONENTS:
            check.add(
                ("components", name),
                _("The component weights must add up to 100 (now %(sum)s).")
                % {"sum": plain_number(sum(weights.values()))},
            )
    return weights


def _gates(check: _Checker, data: dict) -> dict[str, Decimal | None]:
    """The optional minimums (``exam_min``, ``practice_min``, ``dimension_min``)."""
    gates = data.get("gates") or {}
    if not isinstance(gates, dict):
        check.add(("gates",), _("Give the gates as an object."))
        gates = {}
    return {
        name: check.number(gates, name, ("gates",), required=False, low=0, high=100)
        for name in ("exam_min", "practice_min", "dimension_min")
    }


def _slugs(check: _Checker, data: dict, key: str) -> list[str]:
    slugs = []
    for index, slug in enumerate(check.items(data, key, ())):
        if not isinstance(slug, str) or not SLUG_RE.match(slug.strip()):
            check.add((key, index), _("Enter a slug (letters, digits, hyphens, underscores)."))
        elif slug.strip() in slugs:
            check.add((key, index), _("“%(slug)s” is listed twice.") % {"slug": slug.strip()})
        else:
            slugs.append(slug.strip())
    return slugs


def _dimensions(check: _Checker, data: dict) -> list[scoring.Dimension]:
    dimensions = []
    dimension_codes = set()
    indicator_codes: set[str] = set()
    raw = check.items(data, "dimensions", ())
    for d_index, item in enumerate(raw):
        path = ("dimensions", d_index)
        if not isinstance(item, dict):
            check.add(path, _("Give each dimension as an object."))
            continue
        code = check.text(item, "code", path, max_length=64, pattern=CODE_RE, hint=CODE_HINT)
        if code and code in dimension_codes:
            check.add((*path, "code"), _("Another dimension already uses this code."))
        dimension_codes.add(code)
        name = check.text(item, "name", path, max_length=100)
        name_en = check.text(item, "name_en", path, required=False, max_length=100)
        weight = check.number(item, "weight", path, low=0, high=100)
        indicators = []
        before = len(check.problems)
        raw_indicators = check.items(item, "indicators", path)
        if not raw_indicators:
            check.add((*path, "indicators"), _("Add at least one indicator."))
        for i_index, raw_indicator in enumerate(raw_indicators):
            indicator = _indicator(check, raw_indicator, (*path, "indicators", i_index))
            if indicator is None:
                continue
            if indicator.code in indicator_codes:
                check.add(
                    (*path, "indicators", i_index, "code"),
                    _("Another indicator in this scheme already uses this code."),
                )
            indicator_codes.add(indicator.code)
            indicators.append(indicator)
        if indicators and len(check.problems) == before:
            total = sum((i.weight for i in indicators), Decimal(0))
            if total != HUNDRED:
                check.add(
                    (*path, "indicators"),
                    _("The indicator weights of this dimension must add up to 100 (now %(sum)s).")
                    % {"sum": plain_number(total)},
                )
        dimensions.append(
            scoring.Dimension(
                code=code,
                name=name,
                weight=weight,
                indicators=tuple(indicators),
                name_en=name_en,
            )
        )
    if dimensions and all(d.weight is not None for d in dimensions):
        total = sum((d.weight for d in dimensions), Decimal(0))
        if total != HUNDRED:
            check.add(
                ("dimensions",),
                _("The dimension weights must add up to 100 (now %(sum)s).")
                % {"sum": plain_number(total)},
            )
    return dimensions


def _indicator(check: _Checker, item, path) -> scoring.Indicator | None:
    if not isinstance(item, dict):
        check.add(path, _("Give each indicator as an object."))
        return None
    before = len(check.problems)
    code = check.text(item, "code", path, max_length=64, pattern=CODE_RE, hint=CODE_HINT)
    name = check.text(item, "name", path, max_length=100)
    unit = check.text(item, "unit", path, required=False, max_length=20)
    english = {
        "name_en": check.text(item, "name_en", path, required=False, max_length=100),
        "unit_en": check.text(item, "unit_en", path, required=False, max_length=20),
        "suggestion_en": check.text(item, "suggestion_en", path, required=False, max_length=1000),
    }
    source = check.text(item, "source", path, max_length=40)
    if source and source not in SOURCES:
        check.add(
            (*path, "source"),
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(SOURCES)},
        )
    weight = check.number(item, "weight", path, low=0, high=100)
    worst = check.number(item, "worst", path)
    best = check.number(item, "best", path)
    if worst is not None and best is not None and worst == best:
        check.add((*path, "best"), _("“best” must differ from “worst”."))
    min_value = check.number(item, "min_value", path, required=False)
    max_value = check.number(item, "max_value", path, required=False)
    if min_value is not None and max_value is not None and min_value >= max_value:
        check.add((*path, "max_value"), _("The maximum must be greater than the minimum."))
    bands = _bands(check, item, path)
    suggestion = check.text(item, "suggestion", path, required=False, max_length=1000)
    suggestion_below = check.number(item, "suggestion_below", path, required=False, low=0, high=100)
    if len(check.problems) > before:
        return scoring.Indicator(
            code=code, name=name, weight=weight or Decimal(0), worst=Decimal(0), best=Decimal(1)
        )
    return scoring.Indicator(
        code=code,
        name=name,
        unit=unit,
        source=source,
        weight=weight,
        worst=worst,
        best=best,
        bands=tuple(bands),
        suggestion=suggestion,
        suggestion_below=(
            suggestion_below if suggestion_below is not None else DEFAULT_SUGGESTION_BELOW
        ),
        min_value=min_value,
        max_value=max_value,
        **english,
    )


def _bands(check: _Checker, item: dict, path) -> list[scoring.Band]:
    """An indicator's optional score bands."""
    bands = []
    for b_index, band in enumerate(check.items(item, "bands", path)):
        band_path = (*path, "bands", b_index)
        if not isinstance(band, dict):
            check.add(band_path, _("Give each band as an object."))
            continue
        low = check.number(band, "min", band_path, required=False)
        high = check.number(band, "max", band_path, required=False)
        score = check.number(band, "score", band_path, low=0, high=100)
        if low is not None and high is not None and low > high:
            check.add((*band_path, "max"), _("The maximum must not be below the minimum."))
        if score is not None:
            bands.append(scoring.Band(score=score, min=low, max=high))
    return bands


def _grade_bands(check: _Checker, data: dict) -> list[scoring.GradeBand]:
    bands = []
    codes = set()
    minimums = set()
    for index, item in enumerate(check.items(data, "grade_bands", ())):
        path = ("grade_bands", index)
        if not isinstance(item, dict):
            check.add(path, _("Give each grade band as an object."))
            continue
        code = check.text(item, "code", path, max_length=32, pattern=CODE_RE, hint=CODE_HINT)
        name = check.text(item, "name", path, required=False, max_length=50)
        name_en = check.text(item, "name_en", path, required=False, max_length=50)
        minimum = check.number(item, "min", path, low=0, high=100)
        if code == scoring.FAIL_GRADE:
            check.add((*path, "code"), _("“fail” is the grade below every band; choose another."))
        elif code and code in codes:
            check.add((*path, "code"), _("Another grade band already uses this code."))
        if minimum is not None and minimum in minimums:
            check.add((*path, "min"), _("Another grade band already starts at this score."))
        codes.add(code)
        if minimum is not None:
            minimums.add(minimum)
            bands.append(scoring.GradeBand(code=code, min=minimum, name=name, name_en=name_en))
    return bands


# --- Writing -----------------------------------------------------------------------------------


def plain_number(number: Decimal | None):
    """A Decimal as the JSON number a person would write: 30, 62.5 (never 30.00 or 1E+1)."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number.normalize())


def to_dict(scheme: scoring.Scheme) -> dict:
    """The scheme as the JSON-ready dict of the file format (without ``program``)."""
    return {
        "components": {
            scoring.EXAM: plain_number(scheme.exam_weight),
            scoring.PRACTICE: plain_number(scheme.practice_weight),
            scoring.ON_THE_JOB: plain_number(scheme.on_the_job_weight),
        },
        "exams": list(scheme.exams),
        "practice_cases": list(scheme.practice_cases),
        "dimensions": [
            {
                "code": d.code,
                "name": d.name,
                **_english(d, "name"),
                "weight": plain_number(d.weight),
                "indicators": [_indicator_dict(i) for i in d.indicators],
            }
            for d in scheme.dimensions
        ],
        "gates": {
            "exam_min": plain_number(scheme.exam_min),
            "practice_min": plain_number(scheme.practice_min),
            "dimension_min": plain_number(scheme.dimension_min),
        },
        "pass_mark": plain_number(scheme.pass_mark),
        "grade_bands": [
            {
                "code": b.code,
                "min": plain_number(b.min),
                **({"name": b.name} if b.name else {}),
                **_english(b, "name"),
            }
            for b in scheme.grade_bands
        ],
    }


def has_chinese(text: str | None) -> bool:
    """Whether ``text`` has Chinese characters (a unit such as % or km needs no translation)."""
    return bool(text and CHINESE_CHARACTERS.search(text))


def missing_english(scheme: scoring.Scheme) -> list[str]:
    """The scheme's texts with Chinese but no English, named by place and code for the
    trainer (``dimensions.technical_ability.name``), in the order of the definition."""
    gaps = []
    for dimension in scheme.dimensions:
        if not dimension.name_en:
            gaps.append(f"dimensions.{dimension.code}.name")
        for indicator in dimension.indicators:
            for field in ("name", "unit", "suggestion"):
                text = getattr(indicator, field)
                needs_english = has_chinese(text) if field == "unit" else bool(text.strip())
                if needs_english and not getattr(indicator, field + "_en"):
                    gaps.append(f"indicators.{indicator.code}.{field}")
    gaps += [f"grade_bands.{b.code}.name" for b in scheme.grade_bands if b.name and not b.name_en]
    return gaps


def _english(item, *fields: str) -> dict:
    """The English texts of ``item`` that are written (``name_en`` …), as optional keys: a
    definition without English texts is written exactly as before they existed."""
    return {f + "_en": getattr(item, f + "_en") for f in fields if getattr(item, f + "_en")}


def _indicator_dict(indicator: scoring.Indicator) -> dict:
    data = {
        "code": indicator.code,
        "name": indicator.name,
        **_english(indicator, "name"),
        "unit": indicator.unit,
        **_english(indicator, "unit"),
        "source": indicator.source,
        "weight": plain_number(indicator.weight),
        "worst": plain_number(indicator.worst),
        "best": plain_number(indicator.best),
    }
    if indicator.min_value is not None:
        data["min_value"] = plain_number(indicator.min_value)
    if indicator.max_value is not None:
        data["max_value"] = plain_number(indicator.max_value)
    if indicator.bands:
        data["bands"] = [
            {
                **({"min": plain_number(b.min)} if b.min is not None else {}),
                **({"max": plain_number(b.max)} if b.max is not None else {}),
                "score": plain_number(b.score),
            }
            for b in indicator.bands
        ]
    data["suggestion"] = indicator.suggestion
    data.update(_english(indicator, "suggestion"))
    if indicator.suggestion_below != DEFAULT_SUGGESTION_BELOW:
        data["suggestion_below"] = plain_number(indicator.suggestion_below)
    return data
