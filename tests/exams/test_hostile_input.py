"""Generated hostile input at every exam parser: the quiz autosave and page posts, ids and page
numbers in URLs, the case-report editor, the question importers. A clear 4xx or a list of
problems, never an exception (the test client re-raises what would be a 500)."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from exams.importers import gift, tabular
from exams.importers.base import Problem
from exams.models import Attempt
from exams.services import bank
from tests.hostile import HOSTILE, NASTY_NUMBERS, hostile_text, nasty_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Problems of the pure parsers are read in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def attempt(learner_client, exam):
    learner_client.post(reverse("exams:quiz_start", kwargs={"slug": exam.slug}))
    return Attempt.objects.get(quiz=exam)


positions = st.lists(st.one_of(st.sampled_from(["1", "2", "3", "4"]), hostile_text), max_size=4)


def answer_post(data):
    """A page's fields from generated parts: positions, and per position a version, choices,
    an essay, a flag and a clear button (any of them may be missing)."""
    posted = {"positions": data["positions"]}
    for position, fields in zip(data["positions"], data["fields"], strict=False):
        prefix = f"q{position}-"
        for name, value in fields.items():
            posted[prefix + name] = value
    return posted


answer_fields = st.fixed_dictionaries(
    {},
    optional={
        "version": st.one_of(st.sampled_from(["0", "1"]), hostile_text),
        "choice": st.lists(st.text(max_size=30), max_size=3),
        "essay": hostile_text,
        "flag": st.sampled_from(["1", "0", "", "\x00"]),
        "clear": st.sampled_from(["1", ""]),
    },
)
answer_posts = st.fixed_dictionaries(
    {"positions": positions, "fields": st.lists(answer_fields, min_size=4, max_size=4)}
)


@HOSTILE
@given(answer_posts)
@example({"positions": ["99999999999999999999999"], "fields": [{"version": "0"}] * 4})
@example({"positions": ["1"], "fields": [{"version": "9" * 5000}] * 4})
@example({"positions": ["1"], "fields": [{"version": "0", "essay": "\x00"}] * 4})
# Found by Hypothesis: a part Django's multipart parser cannot read is a JSON 400 as well.
@example({"positions": ["1", "1", "1", "9" * 12_000], "fields": [{}, {}, {}, {"version": "0"}]})
def test_autosave_answers_any_post_with_200_or_400(learner_client, attempt, post):
    response = learner_client.post(
        reverse("exams:attempt_autosave", kwargs={"pk": attempt.pk}),
        answer_post(post),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code in (200, 400)
    body = response.json()
    assert response.status_code == 200 or body == {
        "ok": False,
        "message": body["message"],
    }


@HOSTILE
@given(answer_posts, st.one_of(st.sampled_from(["next", "previous", "summary"]), hostile_text))
@example({"positions": ["99999999999999999999999"], "fields": [{"version": "0"}] * 4}, "next")
@example({"positions": ["1"], "fields": [{"version": "0"}] * 4}, "²")
@example({"positions": ["1"], "fields": [{"version": "0"}] * 4}, "9" * 5000)
def test_a_page_post_answers_any_post_with_a_redirect_or_400(learner_client, attempt, post, go):
    data = {**answer_post(post), "go": go}
    response = learner_client.post(
        reverse("exams:attempt_page", kwargs={"pk": attempt.pk, "page": 1}), data
    )
    assert response.status_code in (302, 400)


def _path(name, value, **kwargs):
    """The URL of ``name`` with ``value`` (any text) in place of its integer ``pk``."""
    return reverse(name, kwargs={"pk": 7777777, **kwargs}).replace("7777777", quote(value, safe=""))


@settings(HOSTILE, max_examples=15)  # six requests an example
@given(st.sampled_from(NASTY_NUMBERS + ["0", "1", "4", "5"]), nasty_numbers)
def test_ids_and_page_numbers_in_urls_are_a_page_or_a_404(learner_client, attempt, page, pk):
    page_path = reverse("exams:attempt_page", kwargs={"pk": attempt.pk, "page": 7777777})
    for path in (
        page_path.replace("7777777", quote(page, safe="")),
        _path("exams:attempt_page", pk, page=1),
        _path("exams:attempt_resume", pk),
        _path("exams:attempt_result", pk),
        _path("exams:attempt_summary", pk),
        _path("cases:case_attachment", pk),
    ):
        response = learner_client.get(path)
        assert response.status_code in (200, 302, 404), path


# --- Question imports: pure parse functions ----------------------------------------------------


def _problems_are_readable(result):
    questions, problems = result
    assert all(isinstance(p, Problem) and str(p) for p in problems)
    return questions, problems


english_keys = st.one_of(
    st.sampled_from(["question_en", "explanation_en", "category_en", "choice_1_en", "CHOICE_2_EN"]),
    st.builds("choice_{}_en".format, st.one_of(nasty_numbers, st.integers(0, 10**7))),
)
gift_lines = st.lists(
    st.one_of(
        st.builds("// [points: {}]".format, hostile_text),
        st.builds("// [{}: {}]".format, english_keys, hostile_text),
        st.builds("// [{}: {}".format, english_keys, st.sampled_from(["x\\", "\\]", "a\\u2028"])),
        st.builds("$CATEGORY: {}\n// [category_en: {}]".format, hostile_text, hostile_text),
        st.builds("::Q:: 题 {{={} ~{}}}".format, hostile_text, hostile_text),
        st.builds("::Q:: 题 {{~%{}%甲 ~%50%乙}}".format, nasty_numbers),
        st.builds("$CATEGORY: {}".format, hostile_text),
        hostile_text,
        st.just(""),
    ),
    max_size=8,
)


@HOSTILE
@given(gift_lines)
def test_gift_parse_gives_questions_or_problems(lines):
    _problems_are_readable(gift.parse("\n".join(lines)))


@HOSTILE
@given(st.text(), st.text(max_size=20))
def test_any_english_text_survives_the_gift_annotation(text, choice):
    """What the export writes for any English text reads back as that text (one line each,
    whatever breaks lines or closes the bracket inside it)."""
    written = (
        f"// [question_en: {gift.escape_meta(text)}]\n"
        f"// [choice_2_en: {gift.escape_meta(choice)}] [points: 2]\n"
        "::Q:: 题 {=甲 ~乙}"
    )
    (question,), problems = gift.parse(written)

    def normal(value):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()

    assert question.text_en == normal(text) and question.points == 2
    assert question.choices_en == ({2: normal(choice)} if normal(choice) else {})
    assert not any(str(p).startswith("line 2: choice") for p in problems)


csv_cell = st.one_of(
    hostile_text, st.sampled_from(["single", "multiple", "essay", "A", "甲", "模块/", "/Part"])
)
csv_cells = st.lists(csv_cell, min_size=1, max_size=6)


@HOSTILE
@given(st.lists(csv_cells, max_size=5))
def test_csv_parse_gives_questions_or_problems(rows):
    header = "type,question,points,answer,choice_1,choice_2\n"
    text = header + "\n".join(",".join(f'"{c.replace(chr(34), "")}"' for c in r) for r in rows)
    _problems_are_readable(tabular.parse_csv(text))


@HOSTILE
@given(st.lists(st.lists(csv_cell, min_size=1, max_size=10), max_size=5))
def test_csv_with_english_columns_gives_questions_or_problems(rows):
    header = (
        "choice_2_en,type,question_en,question,category_en,answer,choice_1,choice_2,choice_7_en,"
        "category\n"
    )
    text = header + "\n".join(",".join(f'"{c.replace(chr(34), "")}"' for c in r) for r in rows)
    _problems_are_readable(tabular.parse_csv(text))


xlsx_cells = st.one_of(
    hostile_text.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.sampled_from(["=1+1", "=A1", "single", "A"]),
    st.none(),
)


@HOSTILE
@given(st.lists(st.lists(xlsx_cells, max_size=9), max_size=4))
def test_xlsx_parse_gives_questions_or_problems(rows):
    book = Workbook()
    book.active.append(
        ["type", "question", "points", "answer", "choice_1", "choice_2"]
        + ["choice_2_en", "question_en", "category_en"]
    )
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    _questions, problems = _problems_are_readable(tabular.parse_xlsx(buffer.getvalue()))
    # openpyxl writes text that starts with "=" (and is longer) as a formula.
    formulas = any(
        isinstance(c, str) and c.startswith("=") and len(c) > 1 for row in rows for c in row
    )
    assert not formulas or any("formulas are not accepted" in str(p) for p in problems)


@HOSTILE
@given(st.binary(max_size=300), st.sampled_from(bank.FORMATS))
def test_any_file_of_any_format_gives_questions_or_problems(data, fmt):
    _problems_are_readable(bank.parse_file(data=data, fmt=fmt))
