"""The common cut of the certificate font (certificates/fonts.py) and its command and check.

The session fixture ``certificate_fonts`` has built the cut in CERTIFICATE_FONTS_DIR, as make
and the deployment steps do; these tests read it and work on copies of it.
"""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from fontTools.ttLib import TTFont

from certificates import fonts
from certificates.checks import check_certificate_fonts


@pytest.fixture
def cut_copy(certificate_fonts, tmp_path):
    """A copy of the built cut that a test may damage."""
    copy = tmp_path / "fonts"
    shutil.copytree(certificate_fonts, copy)
    return copy


def test_the_character_set_is_gb2312_and_latin():
    chars = fonts.character_set()
    assert {"王", "售", "证", "书", "「", "」", "（", "）", "，", "A", "é", "—", "…"} <= chars
    assert "喆" not in chars  # rare name characters come from the full font
    assert 6763 < len(chars) < 9000


def test_each_face_holds_every_character_of_the_set_and_carries_its_own_name(certificate_fonts):
    chars = fonts.character_set()
    hanzi = {c for c in chars if "\u4e00" <= c <= "\u9fff"}
    assert len(hanzi) == 6763
    for face in fonts.FACES:
        font = TTFont(certificate_fonts / face.filename, lazy=True)
        cmap = font.getBestCmap()
        assert {c for c in hanzi if ord(c) not in cmap} == set(), face.style
        assert all(ord(c) in cmap for c in "Service Academy 0123456789")
        assert font["maxp"].numGlyphs < 9000  # no Japanese, Korean or vertical alternates
        names = font["name"]
        assert names.getDebugName(1) == "Noto Serif CJK SC Common"
        assert names.getDebugName(6) == f"NotoSerifCJKSCCommon-{face.style}"
        # The source is the installed Noto Serif CJK SC of that weight.
        source, index = fonts.find_source(face)
        assert TTFont(source, fontNumber=index, lazy=True)["name"].getDebugName(1) == (
            "Noto Serif CJK SC"
        )


def test_building_again_does_nothing_while_the_cut_is_current(certificate_fonts):
    before = {path.name: path.stat().st_mtime_ns for path in certificate_fonts.iterdir()}
    assert fonts.build(certificate_fonts) is False
    after = {path.name: path.stat().st_mtime_ns for path in certificate_fonts.iterdir()}
    assert after == before


def test_the_cut_is_stale_when_the_recipe_or_the_installed_font_changes(cut_copy):
    sources = {face.weight: fonts.find_source(face) for face in fonts.FACES}
    assert fonts.is_current(cut_copy, sources)
    manifest = json.loads((cut_copy / fonts.MANIFEST).read_text())

    manifest["faces"]["700"]["size"] += 1  # a font package upgrade
    (cut_copy / fonts.MANIFEST).write_text(json.dumps(manifest))
    assert not fonts.is_current(cut_copy, sources)

    manifest["faces"]["700"]["size"] -= 1
    manifest["recipe"] = fonts.RECIPE - 1  # an older character set
    (cut_copy / fonts.MANIFEST).write_text(json.dumps(manifest))
    assert not fonts.is_current(cut_copy, sources)
    assert fonts.available_faces(cut_copy) == []


def test_a_half_built_cut_is_not_used(cut_copy):
    assert [face.weight for face, _ in fonts.available_faces(cut_copy)] == [400, 700]
    (cut_copy / fonts.FACES[1].filename).unlink()
    assert fonts.available_faces(cut_copy) == []
    assert 'font-family: "Noto Serif CJK SC", serif' in fonts.font_face_rules(cut_copy)
    assert "@font-face" not in fonts.font_face_rules(cut_copy)


def test_a_broken_manifest_means_no_cut(cut_copy):
    (cut_copy / fonts.MANIFEST).write_text("{not json")
    assert fonts.available_faces(cut_copy) == []


def test_the_page_lists_the_cut_then_the_full_font(certificate_fonts):
    rules = fonts.font_face_rules(certificate_fonts)
    assert rules.count("@font-face") == 2
    assert (certificate_fonts / "NotoSerifCJKsc-Common-Bold.otf").as_uri() in rules
    assert 'font-family: "Noto Serif CJK SC Common", "Noto Serif CJK SC", serif' in rules


def test_the_command_reports_a_current_cut(capsys, settings, certificate_fonts):
    settings.CERTIFICATE_FONTS_DIR = certificate_fonts
    call_command("build_certificate_fonts", verbosity=2)
    assert "are current" in capsys.readouterr().out


def test_the_command_explains_a_missing_system_font(monkeypatch, tmp_path, settings):
    settings.CERTIFICATE_FONTS_DIR = tmp_path
    monkeypatch.setattr(fonts, "FAMILY", "No Such Serif CJK")  # asks the real fontconfig
    with pytest.raises(CommandError, match="No Such Serif CJK Regular is not installed"):
        call_command("build_certificate_fonts")
    assert list(tmp_path.iterdir()) == []


def test_the_check_warns_only_without_the_cut(settings, tmp_path, certificate_fonts):
    settings.CERTIFICATE_FONTS_DIR = certificate_fonts
    assert check_certificate_fonts() == []
    settings.CERTIFICATE_FONTS_DIR = tmp_path
    warnings = check_certificate_fonts()
    assert [w.id for w in warnings] == ["certificates.W003"]
    assert "build_certificate_fonts" in warnings[0].hint
