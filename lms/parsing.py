"""Reading numbers, JSON and text that come from outside, with bounds, so no input is a 500.

Every parser of the platform (exam page posts and autosave, the metrics files, API and command,
the question and scheme imports, the uploads) reads numbers and JSON through these functions,
see ``docs/decisions/0008-hostile-input.md``. They raise :class:`InputError`, whose text is a
message for the person who sent the input, instead of what Python raises on hostile input:

- ``int("9" * 5000)`` raises ``ValueError`` (Python's limit of 4,300 digits), and an integer
  past 64 bits raises ``OverflowError`` in the database driver: :func:`parse_int` accepts only
  ASCII digits within the range of Django's ``IntegerField``;
- ``Decimal("NaN") < 0`` raises ``InvalidOperation``, ``Decimal("1e999999999")`` cannot be
  quantized and ``-0`` prints as ``-0``: :func:`parse_decimal` refuses NaN, Infinity and
  numbers outside a magnitude, and turns negative zero into zero;
- ``json.loads("[" * 100_000)`` raises ``RecursionError`` and a 5,000-digit number in JSON
  ``ValueError``: :func:`load_json` turns the first into an error, bounds the nesting depth
  (32) and the digits of numbers, and refuses ``NaN`` and ``Infinity`` (which Python's json
  accepts);
- a NUL character cannot be stored by PostgreSQL: :func:`control_character` finds it and the
  other control characters.

Standard library only (and gettext), so pure parsers can use it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Django's IntegerField: the range every supported database stores.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
MAX_NUMBER_CHARACTERS = 100
MAX_JSON_DEPTH = 32
# Decimal exponents beyond this are refused: quantizing such a number raises InvalidOperation.
MAX_ADJUSTED_EXPONENT = 40

FORMULA_REFUSED = gettext_lazy("formulas are not accepted: paste values")

_INTEGER = re.compile(r"[+-]?[0-9]+")


class InputError(ValueError):
    """Input that cannot be read. ``str(error)`` is the message for whoever sent it; ``line``
    and ``column`` (1-based, 0 when unknown) say where."""

    def __init__(self, message: str, *, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self):
        if self.line:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return self.message


def shown(value, limit: int = 40) -> str:
    """``value`` as a message may quote it: one line, at most ``limit`` characters."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return _("a number of more than 70 digits")
    text = value if isinstance(value, str) else repr(value) if isinstance(value, float) else ""
    if not text and value is not None:
        try:
            text = str(value)
        except (ValueError, RecursionError):
            text = "…"
    text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_int(value, *, low: int = INT_MIN, high: int = INT_MAX) -> int:
    """An integer from text of ASCII digits (an optional sign, spaces around), within
    ``low``..``high``; else :class:`InputError`."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and len(value) <= MAX_NUMBER_CHARACTERS:
        text = value.strip()
        if not _INTEGER.fullmatch(text):
            raise InputError(_("“%(value)s” is not a whole number") % {"value": shown(value)})
        number = int(text)
    else:
        raise InputError(_("“%(value)s” is not a whole number") % {"value": shown(value)})
    if not low <= number <= high:
        raise InputError(
            _("%(value)s is outside the range %(low)s to %(high)s")
            % {"value": shown(number), "low": low, "high": high}
        )
    return number


def parse_decimal(
    value,
    *,
    max_abs: Decimal | None = None,
    places: int | None = None,
) -> Decimal:
    """A finite decimal number from text, an int, a float or a Decimal; else
    :class:`InputError`.

    Refused: booleans, NaN and Infinity, text longer than 100 characters, numbers whose
    magnitude is at least ``max_abs`` (or beyond 10^40 without one), more than ``places``
    decimal places. Negative zero becomes zero.
    """
    not_a_number = _("“%(value)s” is not a number") % {"value": shown(value)}
    if isinstance(value, bool) or value is None:
        raise InputError(not_a_number)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if value.bit_length() > 256:
            raise InputError(_("the value is too large"))
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        # Full-width digits and signs (typed with a Chinese input method) read as ASCII.
        if len(value) > MAX_NUMBER_CHARACTERS * 2:
            raise InputError(not_a_number)
        text = unicodedata.normalize("NFKC", value).strip()
        if len(text) > MAX_NUMBER_CHARACTERS or not text.isascii():
            raise InputError(not_a_number)
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise InputError(not_a_number) from None
    else:
        raise InputError(not_a_number)
    if not number.is_finite():
        raise InputError(not_a_number)
    if number.is_zero():  # "-0" and "0E-999999" alike become a plain zero
        in_range = abs(number.as_tuple().exponent) <= MAX_ADJUSTED_EXPONENT
        return number.copy_abs() if in_range else Decimal(0)
    if number.adjusted() > MAX_ADJUSTED_EXPONENT or (
        max_abs is not None and abs(number) >= max_abs
    ):
        raise InputError(_("the value is too large"))
    _sign, digits, exponent = number.as_tuple()
    extra = -exponent - (MAX_ADJUSTED_EXPONENT if places is None else places)
    if extra > 0 and any(digits[-extra:]):
        if places is None:
            raise InputError(_("“%(value)s” has too many decimal places") % {"value": shown(value)})
        raise InputError(_("use at most %(places)s decimal places") % {"places": places})
    return number


def control_character(text: str, *, allowed: str = "\t\n\r") -> int | None:
    """The index of the first control character in ``text`` (NUL, C0 controls but
    ``allowed``, DEL), or None."""
    for index, ch in enumerate(text):
        if (ch < " " and ch not in allowed) or ch == "\x7f":
            return index
    return None


def _nested_deeper_than(value, limit: int) -> bool:
    """Whether parsed JSON nests arrays and objects more than ``limit`` deep (level by level,
    so a long flat list costs one pass)."""
    level, depth = [value], 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below = []
        for container in level:
            items = container.values() if container.__class__ is dict else container
            below.extend(v for v in items if v.__class__ is dict or v.__class__ is list)
        level = below
    return False


def _json_number(parse):
    def bounded(text: str):
        if len(text) > MAX_NUMBER_CHARACTERS:
            raise InputError(
                _("a number has more than %(count)s characters") % {"count": MAX_NUMBER_CHARACTERS}
            )
        return parse(text)

    return bounded


def _json_constant(name: str):
    raise InputError(_("%(name)s is not a number in JSON") % {"name": name})


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def load_json(data: bytes | str, *, max_depth: int = MAX_JSON_DEPTH, parse_float=Decimal):
    """Parse JSON text (bytes in UTF-8, with or without BOM) into Python values; else
    :class:`InputError` with the line and column where they are known.

    Numbers have at most 100 characters (ints stay ints, others become ``parse_float``), NaN and
    Infinity are refused, and arrays and objects nest at most ``max_depth`` deep. The caller
    limits the size of ``data`` before reading it.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            head = data[: exc.start]
            line = head.count(b"\n") + 1
            column = len(head) - (head.rfind(b"\n") + 1) + 1
            raise InputError(_("the text is not UTF-8"), line=line, column=column) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(_("the JSON text is empty"))
    too_deep = _("arrays and objects are nested more than %(depth)s deep") % {"depth": max_depth}
    try:
        value = json.loads(
            text,
            parse_int=_json_number(int),
            parse_float=_json_number(parse_float),
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as exc:
        line, column = _line_and_column(text, exc.pos)
        raise InputError(exc.msg, line=line, column=column) from None
    except RecursionError:  # the C parser stops cleanly at Python's recursion limit
        raise InputError(too_deep) from None
    if value.__class__ in (dict, list) and _nested_deeper_than(value, max_depth):
        raise InputError(too_deep)
    return value


def worksheet_rows(worksheet):
    """Yield ``(line, values, formula columns)`` for each row of an openpyxl worksheet opened
    with ``data_only=False``: a formula cell is read as None and its 1-based column listed, so
    the caller can refuse it (``FORMULA_REFUSED``) instead of reading it as empty."""
    for line, cells in enumerate(worksheet.iter_rows(min_row=1), start=1):
        values, formulas = [], []
        for column, cell in enumerate(cells, start=1):
            if cell.data_type == "f":
                formulas.append(column)
                values.append(None)
            else:
                values.append(cell.value)
        yield line, values, formulas
