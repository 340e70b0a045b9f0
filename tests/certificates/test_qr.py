import re

import pytest
import segno
from defusedxml import ElementTree

from certificates.qr import QUIET_ZONE_MODULES, make_qr, qr_svg
from tests.certificates.conftest import VERIFY_URL

SVG_NS = "{http://www.w3.org/2000/svg}"


def modules_from_path(d: str, size: int, border: int) -> list[list[bool]]:
    """Read the dark modules back from segno's path: each ``h<n>`` is a run of n modules."""
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            row = int(y - 0.5) - border
            for column in range(int(x) - border, int(x + numbers[0]) - border):
                grid[row][column] = True
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected path command {command!r}")
    return grid


def parse(svg: str):
    # The inline SVG has no namespace declaration (HTML adds it); add it to parse as XML.
    return ElementTree.fromstring(
        svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    )


def test_the_svg_is_inline_well_formed_and_sized_in_millimetres():
    svg = qr_svg(VERIFY_URL, size_mm=30)
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    root = parse(svg)
    assert root.get("width") == "30.0mm"
    assert root.get("height") == "30.0mm"
    paths = root.findall(f"{SVG_NS}path")
    assert len(paths) == 1
    assert paths[0].get("d")


def test_the_path_draws_exactly_the_symbol_of_the_url():
    svg = qr_svg(VERIFY_URL)
    path = parse(svg).find(f"{SVG_NS}path").get("d")
    expected = segno.make(VERIFY_URL, error="m", micro=False)
    size = expected.symbol_size(border=0)[0]
    drawn = modules_from_path(path, size, QUIET_ZONE_MODULES)
    assert drawn == [[bool(module) for module in row] for row in expected.matrix]


def test_another_url_draws_another_symbol():
    other = VERIFY_URL.replace("Qm3x", "Qm3y")
    assert qr_svg(other) != qr_svg(VERIFY_URL)


def test_error_correction_is_m_or_higher_and_never_micro_qr():
    qr = make_qr(VERIFY_URL)
    assert qr.error in {"M", "Q", "H"}
    assert not qr.is_micro
    assert make_qr("https://x.example/").error in {"M", "Q", "H"}


def test_the_title_is_escaped():
    svg = qr_svg(VERIFY_URL, title='<script>alert("x")</script> & co')
    title = parse(svg).find(f"{SVG_NS}title")
    assert title.text == '<script>alert("x")</script> & co'
    assert "<script>" not in svg


def test_an_empty_url_is_refused():
    with pytest.raises(ValueError, match="non-empty URL"):
        qr_svg("")
