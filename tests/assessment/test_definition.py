"""Checking a scheme definition: each fault named at its place, with a clear message."""

from decimal import Decimal

import pytest

from assessment import definition
from tests.assessment.factories import scheme_file

pytestmark = pytest.mark.usefixtures("english")


def problems(data):
    with pytest.raises(definition.DefinitionError) as caught:
        definition.parse(data)
    return {definition.format_path(p.path): p.message for p in caught.value.problems}


def test_a_valid_metrics_only_scheme_parses():
    scheme = definition.parse(scheme_file())
    assert scheme.exam_weight == 0 and scheme.on_the_job_weight == 100
    assert scheme.indicator_codes == (
        "first_time_fix_rate",
        "repeat_repair_rate",
        "peer_teamwork_rating",
    )
    assert scheme.dimensions[0].indicators[1].lower_is_better
    assert scheme.exam_min is None and scheme.dimension_min == Decimal(50)


def test_round_trip_through_the_file_format():
    data = scheme_file()
    again = definition.to_dict(definition.parse(data))
    data.pop("program")
    assert again == data


def test_component_weights_must_add_up_to_100():
    found = problems(scheme_file(components={"exam": 10, "practice": 0, "on_the_job": 100}))
    assert found["components.exam"] == "The component weights must add up to 100 (now 110)."
    assert "components.on_the_job" in found


def test_a_weighted_component_needs_something_to_score():
    found = problems(scheme_file(components={"exam": 30, "practice": 30, "on_the_job": 40}))
    assert found["exams"] == "The exam component has weight, so list at least one exam."
    assert "practice_cases" in found


def test_dimension_and_indicator_weights_must_add_up_to_100():
    data = scheme_file()
    data["dimensions"][0]["weight"] = 40
    data["dimensions"][1]["indicators"][0]["weight"] = 90
    found = problems(data)
    assert found["dimensions"] == "The dimension weights must add up to 100 (now 90)."
    assert found["dimensions[1].indicators"] == (
        "The indicator weights of this dimension must add up to 100 (now 90)."
    )


def test_worst_must_differ_from_best():
    data = scheme_file()
    data["dimensions"][0]["indicators"][0]["best"] = 60
    assert problems(data) == {
        "dimensions[0].indicators[0].best": "“best” must differ from “worst”."
    }


def test_codes_must_be_unique_and_well_formed():
    data = scheme_file()
    data["dimensions"][1]["indicators"][0]["code"] = "first_time_fix_rate"
    data["dimensions"][1]["code"] = "technical_ability"
    data["dimensions"][0]["indicators"][1]["code"] = "Repeat Rate"
    found = problems(data)
    assert found["dimensions[1].indicators[0].code"] == (
        "Another indicator in this scheme already uses this code."
    )
    assert found["dimensions[1].code"] == "Another dimension already uses this code."
    assert "lower-case" in found["dimensions[0].indicators[1].code"]


def test_values_must_be_numbers_in_range():
    data = scheme_file(pass_mark="sixty")
    data["dimensions"][0]["indicators"][0]["weight"] = 120
    data["dimensions"][0]["indicators"][0]["source"] = "gossip"
    found = problems(data)
    assert found["pass_mark"] == "Enter a number."
    assert found["dimensions[0].indicators[0].weight"] == "Enter a number between 0 and 100."
    assert found["dimensions[0].indicators[0].source"].startswith("Choose one of: work_records")


def test_grade_bands_are_checked():
    data = scheme_file(
        grade_bands=[
            {"code": "good", "min": 80},
            {"code": "good", "min": 80},
            {"code": "fail", "min": 0},
        ]
    )
    found = problems(data)
    assert found["grade_bands[1].code"] == "Another grade band already uses this code."
    assert found["grade_bands[1].min"] == "Another grade band already starts at this score."
    assert "fail" in found["grade_bands[2].code"]


def test_valid_value_range_and_bands():
    data = scheme_file()
    indicator = data["dimensions"][0]["indicators"][0]
    indicator["min_value"], indicator["max_value"] = 100, 0
    indicator["bands"] = [{"min": 5, "max": 1, "score": 50}, {"score": 101}]
    found = problems(data)
    assert found["dimensions[0].indicators[0].max_value"] == (
        "The maximum must be greater than the minimum."
    )
    assert found["dimensions[0].indicators[0].bands[0].max"] == (
        "The maximum must not be below the minimum."
    )
    assert "between 0 and 100" in found["dimensions[0].indicators[0].bands[1].score"]


def test_slugs_are_checked_for_form_and_repetition():
    data = scheme_file(exams=["ase-l1", "ase-l1", "bad slug!"])
    found = problems(data)
    assert found["exams[1]"] == "“ase-l1” is listed twice."
    assert "slug" in found["exams[2]"]


def test_not_an_object():
    assert problems([1, 2]) == {"scheme": "The scheme must be a JSON object."}


def english_file():
    """The metrics-only scheme with every text in English too (name_en, unit_en, …)."""
    data = scheme_file()
    technical, teamwork = data["dimensions"]
    technical["name_en"] = "Technical ability"
    technical["indicators"][0].update(
        name_en="First-time fix rate", suggestion_en="Find the root cause first."
    )
    teamwork["indicators"][0].update(name_en="Peer teamwork rating", unit_en="points")
    data["grade_bands"][0].update(name="优秀", name_en="Excellent")
    return data


def test_english_texts_are_optional_keys_that_round_trip():
    data = english_file()
    scheme = definition.parse(data)
    assert scheme.dimensions[0].name_en == "Technical ability"
    assert scheme.dimensions[1].indicators[0].unit_en == "points"
    assert scheme.grade_bands[0].name_en == "Excellent"
    again = definition.to_dict(scheme)
    data.pop("program")
    assert again == data
    # A file without English keys is written exactly as before they existed.
    assert "name_en" not in str(definition.to_dict(definition.parse(scheme_file())))


def test_english_texts_have_the_length_limits_of_the_chinese_ones():
    data = english_file()
    data["dimensions"][0]["name_en"] = "x" * 101
    data["dimensions"][0]["indicators"][0]["unit_en"] = "x" * 21
    data["dimensions"][0]["indicators"][0]["suggestion_en"] = 5
    data["grade_bands"][0]["name_en"] = "x" * 51
    found = problems(data)
    assert found["dimensions[0].name_en"] == "Use at most 100 characters."
    assert found["dimensions[0].indicators[0].unit_en"] == "Use at most 20 characters."
    assert found["dimensions[0].indicators[0].suggestion_en"] == "Enter text."
    assert found["grade_bands[0].name_en"] == "Use at most 50 characters."


def test_missing_english_names_each_chinese_text_without_english():
    gaps = definition.missing_english(definition.parse(english_file()))
    # % needs no English; 分 does and has it; the second indicator and dimension have none.
    assert gaps == [
        "indicators.repeat_repair_rate.name",
        "indicators.repeat_repair_rate.suggestion",
        "dimensions.teamwork.name",
        "indicators.peer_teamwork_rating.suggestion",
    ]
