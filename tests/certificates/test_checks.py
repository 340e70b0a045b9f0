import pytest
from django.core.management import call_command
from weasyprint.pdf import fonts as weasyprint_pdf_fonts

from certificates.checks import check_pdf_rendering


def test_no_warning_when_harfbuzz_subsets_the_fonts():
    assert check_pdf_rendering() == []


def test_a_warning_when_weasyprint_would_fall_back_to_fonttools(monkeypatch):
    """Without libharfbuzz-subset WeasyPrint's ffi module leaves ``harfbuzz_subset`` as None."""
    monkeypatch.setattr(weasyprint_pdf_fonts, "harfbuzz_subset", None)
    warnings = check_pdf_rendering()
    assert [w.id for w in warnings] == ["certificates.W001"]
    assert "libharfbuzz-subset0" in warnings[0].hint


@pytest.mark.django_db
def test_manage_py_check_runs_the_certificates_checks(capsys):
    call_command("check", tags=["certificates"])
    assert "no issues" in capsys.readouterr().out
