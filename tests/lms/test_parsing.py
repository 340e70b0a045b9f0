"""lms.parsing and lms.images: every input is a value or an InputError (a None size), never a
crash. Examples for the inputs of issue 12, finding 7, then properties over generated input."""

import io
import json
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from lms.images import image_dimensions, too_many_pixels
from lms.parsing import (
    INT_MAX,
    INT_MIN,
    MAX_JSON_DEPTH,
    InputError,
    control_character,
    load_json,
    parse_decimal,
    parse_int,
)
from tests.cases.upload_samples import huge_png_bytes, png_bytes
from tests.hostile import HOSTILE, deep, hostile_text, json_bodies, json_values


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Examples ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("99999999999999999999999", "outside the range -2147483648 to 2147483647"),
        ("9" * 5000, "is not a whole number"),
        ("１２", "is not a whole number"),
        ("²", "is not a whole number"),
        ("1_000", "is not a whole number"),
        ("", "is not a whole number"),
        ("1.0", "is not a whole number"),
    ],
    ids=lambda v: repr(v)[:24],
)
def test_parse_int_refuses(text, message):
    with pytest.raises(InputError, match=message):
        parse_int(text)


def test_parse_int_reads_plain_integers():
    assert parse_int(" 42 ") == 42
    assert parse_int("-0") == 0
    assert parse_int("+7", low=1, high=7) == 7
    with pytest.raises(InputError, match="outside the range 1 to 7"):
        parse_int("8", low=1, high=7)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "“NaN” is not a number"),
        ("sNaN", "“sNaN” is not a number"),
        ("-Infinity", "“-Infinity” is not a number"),
        (float("nan"), "“nan” is not a number"),
        (True, "“True” is not a number"),
        ("9" * 5000, "is not a number"),
        (10**5000, "the value is too large"),
        ("1e999999999", "the value is too large"),
        ("1e-999999999", "has too many decimal places"),
        ("1 2", "is not a number"),
        ("१", "is not a number"),
    ],
    ids=lambda v: "huge-int" if isinstance(v, int) and v.bit_length() > 64 else repr(v)[:24],
)
def test_parse_decimal_refuses(value, message):
    with pytest.raises(InputError, match=message):
        parse_decimal(value)


def test_parse_decimal_bounds_and_negative_zero():
    assert parse_decimal("-0") == 0 and not parse_decimal("-0").is_signed()
    assert str(parse_decimal("-0.00")) == "0.00"
    assert parse_decimal("0e-99999") == 0
    assert parse_decimal(2.5) == Decimal("2.5")
    assert parse_decimal("－９２．５") == Decimal("-92.5")  # full-width, from a Chinese IME
    assert parse_decimal("12.3400", places=2) == Decimal("12.3400")
    with pytest.raises(InputError, match="use at most 2 decimal places"):
        parse_decimal("1.005", places=2)
    with pytest.raises(InputError, match="the value is too large"):
        parse_decimal("100", max_abs=Decimal(100))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested more than 32 deep"),
        ('"' + "[" * 100_000, "line 1, column 1: Unterminated string"),
        ("[" + "9" * 5000 + "]", "a number has more than 100 characters"),
        ("[1." + "5" * 5000 + "]", "a number has more than 100 characters"),
        ("[NaN]", "NaN is not a number in JSON"),
        ('{"a": -Infinity}', "-Infinity is not a number in JSON"),
        ("", "the JSON text is empty"),
        (b"[1,\n\xff]", "line 2, column 1: the text is not UTF-8"),
        ("[1,\n 2", "line 2, column 3: Expecting ',' delimiter"),
    ],
    ids=lambda v: repr(v)[:24],
)
def test_load_json_refuses(data, message):
    with pytest.raises(InputError) as refused:
        load_json(data)
    assert message in str(refused.value)


def test_load_json_reads_decimals_and_a_bom():
    assert load_json(b'\xef\xbb\xbf{"v": [1.25, 3]}') == {"v": [Decimal("1.25"), 3]}
    assert load_json(deep(MAX_JSON_DEPTH)) == json.loads(deep(MAX_JSON_DEPTH))


def test_control_characters():
    assert control_character("E1001") is None
    assert control_character("a\tb\nc\r") is None
    assert control_character("E1\x00") == 2
    assert control_character("\x7f") == 0
    assert control_character("a\tb", allowed="") == 1


def test_image_dimensions_come_from_the_header():
    assert image_dimensions(io.BytesIO(png_bytes((12, 7)))) == (12, 7)
    assert image_dimensions(io.BytesIO(huge_png_bytes())) == (30_000, 30_000)
    assert image_dimensions(io.BytesIO(b"not an image")) is None
    assert too_many_pixels((30_000, 30_000), 50_000_000) == (
        "too large: 30000×30000 pixels, at most 50,000,000 pixels"
    )
    assert too_many_pixels((5000, 10_000), 50_000_000) is None


# --- Properties --------------------------------------------------------------------------------


@HOSTILE
@given(st.one_of(hostile_text, st.integers()), st.integers(-(2**40), 2**40))
def test_parse_int_gives_an_int_in_range_or_an_input_error(value, low):
    high = low + 1000
    try:
        number = parse_int(value, low=low, high=high)
    except InputError as refused:
        assert str(refused)
    else:
        assert low <= number <= high


@HOSTILE
@given(st.one_of(hostile_text, st.integers(), st.floats(), st.decimals()), st.integers(0, 6))
def test_parse_decimal_gives_a_finite_bounded_decimal_or_an_input_error(value, places):
    try:
        number = parse_decimal(value, max_abs=Decimal("1e10"), places=places)
    except InputError as refused:
        assert str(refused)
    else:
        assert number.is_finite() and abs(number) < Decimal("1e10")
        assert not (number.is_zero() and number.is_signed())
        assert number == number.quantize(Decimal(1).scaleb(-places))
        assert INT_MIN < number.adjusted() < INT_MAX


@HOSTILE
@given(json_bodies)
def test_load_json_gives_a_value_or_an_input_error(body):
    try:
        load_json(body)
    except InputError as refused:
        assert str(refused)


@HOSTILE
@given(json_values)
def test_load_json_reads_what_json_dumps_writes(value):
    text = json.dumps(value)
    assert load_json(text, parse_float=float) == json.loads(text)


@HOSTILE
@given(st.binary(max_size=300))
def test_image_dimensions_of_any_bytes_is_a_size_or_none(data):
    size = image_dimensions(io.BytesIO(data))
    assert size is None or (len(size) == 2 and all(isinstance(n, int) for n in size))
