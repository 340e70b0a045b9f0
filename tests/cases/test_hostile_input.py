"""The case-report editor answers whatever a browser can post without a 500."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.cases.factories import editor_data
from tests.hostile import HOSTILE, hostile_text

pytestmark = pytest.mark.django_db


editor_fields = st.dictionaries(
    st.sampled_from(
        [
            "chosen_solution",
            "problem_statement",
            "fishbone-TOTAL_FORMS",
            "fishbone-INITIAL_FORMS",
            "whys-TOTAL_FORMS",
            "whys-0-answer",
            "solutions-0-title",
            "plan-0-owner",
            "delete_attachment",
        ]
    ),
    hostile_text,
    max_size=4,
)


# Where the editor posts: the form itself, the autosave endpoint, and the form with the header
# that pages loaded before the endpoint existed still send.
TARGETS = {
    "form": ("report/", {}),
    "autosave": ("report/autosave/", {}),
    "old autosave": ("report/", {"X-Autosave": "1"}),
}


@HOSTILE
@given(editor_fields, st.sampled_from(sorted(TARGETS)))
@example({"delete_attachment": "²"}, "form")
@example({"delete_attachment": "9" * 5000}, "form")
@example({"chosen_solution": "²", "problem_statement": "x" * 20_001}, "form")
@example({"chosen_solution": "²", "problem_statement": "x" * 20_001}, "autosave")
def test_the_case_report_editor_answers_any_post_without_a_500(
    learner_client, single_case, fields, target
):
    path, headers = TARGETS[target]
    response = learner_client.post(
        f"/cases/{single_case.slug}/{path}", {**editor_data(), **fields}, headers=headers
    )
    assert response.status_code in (200, 302, 400, 404, 409)
