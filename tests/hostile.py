"""Hypothesis strategies for hostile input, and the settings every property test here runs with.

The strategies mix arbitrary text with the inputs that used to end in a 500: numbers past 64
bits, digit strings past Python's 4,300-digit limit, NaN and Infinity, negative zero, control
characters, deep nesting, invalid UTF-8 and text in another encoding.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded: each property test takes a few seconds at most. No example database on disk.
HOSTILE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY_NUMBERS = [
    "99999999999999999999999",
    "9" * 5000,
    "-9" * 2,
    str(2**63),
    str(-(2**63) - 1),
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e999999999",
    "-1e-999999999",
    "1E+400",
    "-0",
    "-0.0",
    "0e-99999",
    "1_000",
    "１２",
    "²",
    "٣",
    "0x10",
    " 7 ",
    "",
    "\x00",
    "1\x00",
    "12\u202e",
]
CONTROL_CHARACTERS = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\u2028"])

nasty_numbers = st.sampled_from(NASTY_NUMBERS)
numeric_text = st.from_regex(r"\A[+-]?[0-9]{0,40}(\.[0-9]{0,40})?([eE][+-]?[0-9]{1,12})?\Z")
hostile_text = st.one_of(
    nasty_numbers,
    numeric_text,
    st.text(max_size=60),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=10), CONTROL_CHARACTERS, st.text()),
)


def deep(depth: int, opener: str = "[") -> str:
    closer = {"[": "]", "{": "}"}[opener]
    inner = '"a":' if opener == "{" else ""
    return (opener + inner) * depth + "1" + closer * depth if inner else "[" * depth + "]" * depth


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
JSON_BODIES = [
    deep(100_000).encode(),
    deep(40, "{").encode(),
    b"[" + b"9" * 5000 + b"]",
    b"[NaN]",
    b'{"records": [Infinity]}',
    b"-0",
    b"",
    b"   ",
    b"\xff\xfe[",
    '[{"note": "华东"}]'.encode("gb18030"),
    '[{"note": "华东"}]'.encode("utf-16"),
    b"\xef\xbb\xbf[]",
    b'["\\ud800"]',
    b'[{"employee_id": "E1001\\u0000"}]',
]
json_bodies = st.one_of(st.sampled_from(JSON_BODIES), st.binary(max_size=200))
