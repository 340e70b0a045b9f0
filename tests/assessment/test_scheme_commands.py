import io
import json

import pytest
from django.core.management import CommandError, call_command

from assessment.models import Program, SchemeVersion
from tests.assessment.factories import METRICS_ONLY, make_program, scheme_file
from tests.assessment.test_definition import english_file

pytestmark = pytest.mark.django_db


def export(*args):
    from io import StringIO

    out = StringIO()
    call_command("export_scheme", *args, stdout=out)
    return json.loads(out.getvalue())


def write(tmp_path, data, name="scheme.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_creates_the_program_and_a_draft_then_export_gives_the_same_file(tmp_path):
    from io import StringIO

    out = StringIO()
    call_command("import_scheme", write(tmp_path, METRICS_ONLY), stdout=out)
    assert "Created program TST-L1 测试认证." in out.getvalue()
    assert "Created TST-L1 version 1 (draft)." in out.getvalue()
    program = Program.objects.get(code="TST-L1")
    assert program.validity_months == 24
    version = program.versions.get()
    assert version.status == SchemeVersion.Status.DRAFT
    assert export("TST-L1", "--version", "1") == METRICS_ONLY


def test_import_with_activate_retires_the_active_version(tmp_path):
    program, first = make_program()
    changed = scheme_file(pass_mark=65)
    call_command("import_scheme", write(tmp_path, changed), "--activate", stdout=io.StringIO())
    first.refresh_from_db()
    assert first.status == SchemeVersion.Status.RETIRED and first.retired_at
    active = program.versions.get(status="active")
    assert active.number == 2
    assert export("TST-L1")["pass_mark"] == 65
    assert export("TST-L1", "--version", "1")["pass_mark"] == 60


def test_an_invalid_file_imports_nothing_and_names_each_fault(tmp_path):
    bad = scheme_file(components={"exam": 0, "practice": 0, "on_the_job": 90})
    bad["dimensions"][0]["indicators"][0]["best"] = 60
    with pytest.raises(CommandError) as caught:
        call_command("import_scheme", write(tmp_path, bad))
    message = str(caught.value)
    assert "nothing was imported" in message
    assert "components.on_the_job:" in message
    assert "dimensions[0].indicators[0].best:" in message
    assert not Program.objects.exists()


def test_broken_json_is_reported_with_its_place(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"program": ', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON: line 1, column 13"):
        call_command("import_scheme", str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested more than 32 deep"),
        ('{"program": {"code": "X", "validity_months": ' + "9" * 5000 + "}}", "more than 100"),
        ('{"program": NaN}', "NaN is not a number"),
        ("", "empty"),
    ],
    ids=["deep-nesting", "5000-digits", "nan", "empty"],
)
@pytest.mark.usefixtures("english")
def test_hostile_json_is_a_command_error_not_a_crash(tmp_path, text, message):
    """Issue 12, finding 7: json.loads raised RecursionError and ValueError here too."""
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_scheme", str(path))
    assert not Program.objects.exists()


@pytest.mark.parametrize("data", [[], 1, "scheme", None, {"program": [1]}, {"program": {}}])
def test_a_file_of_the_wrong_shape_is_a_command_error(tmp_path, data):
    with pytest.raises(CommandError):
        call_command("import_scheme", write(tmp_path, data))
    assert not Program.objects.exists()


def test_a_bad_program_block(tmp_path):
    with pytest.raises(CommandError, match=r"program\.code"):
        call_command(
            "import_scheme", write(tmp_path, scheme_file(program={"code": "ase l1", "name": "x"}))
        )


def test_export_errors():
    with pytest.raises(CommandError, match="No program has the code 'NOPE'"):
        export("NOPE")
    make_program(activate=False)
    with pytest.raises(CommandError, match="no active version.*versions: 1"):
        export("TST-L1")
    with pytest.raises(CommandError, match="no version 7"):
        export("TST-L1", "--version", "7")


def test_decimal_weights_survive_the_round_trip(tmp_path):
    data = scheme_file()
    data["dimensions"][0]["weight"] = 33.33
    data["dimensions"][1]["weight"] = 66.67
    call_command("import_scheme", write(tmp_path, data), stdout=io.StringIO())
    again = export("TST-L1", "--version", "1")
    assert again["dimensions"][0]["weight"] == 33.33
    assert again["dimensions"][1]["weight"] == 66.67


def test_english_texts_go_in_and_out_with_the_file(tmp_path):
    data = english_file()
    data["program"]["name_en"] = "Test Certification"
    call_command("import_scheme", write(tmp_path, data), stdout=io.StringIO())
    assert Program.objects.get(code="TST-L1").name_en == "Test Certification"
    assert export("TST-L1", "--version", "1") == data


def test_an_overlong_english_program_name_is_refused_with_its_place(tmp_path):
    data = scheme_file()
    data["program"]["name_en"] = "x" * 201
    with pytest.raises(CommandError, match=r"program\.name_en"):
        call_command("import_scheme", write(tmp_path, data), stdout=io.StringIO())
    assert not Program.objects.exists()
