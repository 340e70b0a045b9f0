"""Frozen scorecards: a provisional exam result survives the round trip through JSON."""

from decimal import Decimal as D

from assessment import scoring, snapshots
from tests.assessment.test_scoring import inputs, scheme


def provisional_result():
    data = inputs()
    exam = scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2, 3))
    return scoring.compute(
        scheme(), scoring.Inputs({"final": exam}, data.practice_cases, data.metrics)
    )


def test_a_provisional_part_keeps_its_attempts_awaiting_marking():
    result = provisional_result()
    frozen = snapshots.result_to_dict(result)
    assert frozen["components"][0]["parts"] == [
        {"code": "final", "percent": "85", "awaiting_marking": [2, 3]}
    ]
    assert snapshots.result_from_dict(frozen) == result


def test_a_final_result_is_frozen_as_before():
    """No new key for a part with nothing awaiting marking: earlier revisions still compare
    equal to the live scorecard and their SHA-256 does not move."""
    result = scoring.compute(scheme(), inputs())
    frozen = snapshots.result_to_dict(result)
    assert frozen["components"][1]["parts"] == [
        {"code": "c1", "percent": "80"},
        {"code": "c2", "percent": "77"},
    ]
    assert snapshots.result_from_dict(frozen) == result
    assert snapshots.inputs_to_dict(inputs(), {})["exams"] == {
        "final": {"percent": "85", "pending_marking": False}
    }


def test_the_inputs_say_which_attempts_await_marking():
    data = inputs()
    exam = scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2,))
    frozen = snapshots.inputs_to_dict(
        scoring.Inputs({"final": exam}, data.practice_cases, data.metrics), {}
    )
    assert frozen["exams"] == {
        "final": {
            "percent": "85",
            "pending_marking": False,
            "provisional": True,
            "awaiting_marking": [2],
        }
    }
