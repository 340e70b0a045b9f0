"""The words for an exam result that may still rise (a retake awaiting marking: "provisional"
in the formula), beside the exam line and in the explanation: plain words, the exam's title."""

from decimal import Decimal as D

import pytest

from assessment import explain, scoring
from assessment.titles import Titles
from tests.assessment.test_scoring import inputs, scheme


def result_with(exam: scoring.ExamInput) -> scoring.Result:
    data = inputs()
    return scoring.compute(
        scheme(), scoring.Inputs({"final": exam}, data.practice_cases, data.metrics)
    )


def test_a_provisional_exam_is_explained_with_the_attempt_number(english):
    result = result_with(scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2,)))
    (part,) = result.provisional_parts
    assert explain.part_note(part) == "May still rise: attempt 2 awaits marking."
    assert explain.notes(result, Titles(exams={"final": "期末考试"})) == [
        "期末考试 may still rise: attempt 2 awaits marking. Until then the best marked attempt "
        "counts; marking can only raise it."
    ]
    # Without a title (a snapshot older than titles) the slug stands in.
    assert explain.notes(result)[0].startswith("final may still rise")
    assert explain.reasons(result) == []


def test_several_attempts_awaiting_marking(english):
    result = result_with(scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2, 3)))
    (part,) = result.provisional_parts
    assert explain.part_note(part) == "May still rise: attempts 2, 3 await marking."


@pytest.mark.parametrize(
    "exam",
    [scoring.ExamInput(D(85)), scoring.ExamInput(D(85), awaiting_marking=(2,))],
)
def test_nothing_to_note_for_a_final_result(exam):
    assert explain.notes(result_with(exam)) == []
