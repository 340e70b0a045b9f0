"""The words for a provisional exam result, beside the exam line and in the explanation."""

from decimal import Decimal as D

import pytest

from assessment import explain, scoring
from tests.assessment.test_scoring import inputs, scheme


def result_with(exam: scoring.ExamInput) -> scoring.Result:
    data = inputs()
    return scoring.compute(
        scheme(), scoring.Inputs({"final": exam}, data.practice_cases, data.metrics)
    )


def test_a_provisional_exam_is_explained_with_the_attempt_number(english):
    result = result_with(scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2,)))
    (part,) = result.provisional_parts
    assert explain.part_note(part) == (
        "Provisional: attempt 2 is awaiting marking; this score can rise but not fall."
    )
    assert explain.notes(result) == [
        "Certification exam final is provisional: attempt 2 is awaiting marking. Until then "
        "the best graded attempt counts; marking can only raise it, so the status cannot get "
        "worse."
    ]
    assert explain.reasons(result) == []


def test_several_attempts_awaiting_marking(english):
    result = result_with(scoring.ExamInput(D(85), provisional=True, awaiting_marking=(2, 3)))
    (part,) = result.provisional_parts
    assert explain.part_note(part) == (
        "Provisional: attempts 2, 3 are awaiting marking; this score can rise but not fall."
    )


@pytest.mark.parametrize(
    "exam",
    [scoring.ExamInput(D(85)), scoring.ExamInput(D(85), awaiting_marking=(2,))],
)
def test_nothing_to_note_for_a_final_result(exam):
    assert explain.notes(result_with(exam)) == []
