"""The demo question bank and quizzes are complete in English (issue 14).

``exams/demo.py`` writes every Chinese content text with its English sibling taken from
``exams.demo_en.EN``. These tests read ``exams/demo.py`` as source (no database, no import of
the models), so that a Chinese text added to the demo without its English, or a translation
left behind when a text changes, fails here rather than showing Chinese on an English page.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from exams.demo_en import EN, USER_WRITTEN

DEMO = Path(__file__).resolve().parents[2] / "exams" / "demo.py"
# CJK ideographs (extension A, unified, compatibility) and fullwidth or CJK punctuation.
CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CHOICE_KINDS = ("single", "multiple")


@pytest.fixture(scope="module")
def tree() -> ast.Module:
    return ast.parse(DEMO.read_text(encoding="utf-8"), filename=str(DEMO))


@pytest.fixture(scope="module")
def chinese_texts(tree) -> set[str]:
    """Every string constant of exams/demo.py with a Chinese character in it."""
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)
    }


def _literal_str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


@pytest.fixture(scope="module")
def bank_questions(tree) -> list[tuple[str, str, list[str]]]:
    """(kind, text, choice texts) of every question tuple in BANK and EXAM_ONLY_BANK."""
    questions = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Tuple) or len(node.elts) != 6:
            continue
        kind, text, choices = (_literal_str(node.elts[0]), _literal_str(node.elts[1]), node.elts[2])
        if kind is None or text is None:
            continue
        texts = []
        if isinstance(choices, ast.List):
            texts = [_literal_str(choice.elts[0]) for choice in choices.elts]
        questions.append((kind, text, texts))
    return questions


def test_the_demo_has_chinese_texts_to_translate(chinese_texts, bank_questions):
    # Guards the tests below against passing on nothing if the demo's layout changes.
    assert len(chinese_texts) > 300
    assert len(bank_questions) >= 60
    assert {kind for kind, _text, _choices in bank_questions} == {
        "single",
        "multiple",
        "true_false",
        "essay",
    }


def test_every_chinese_text_of_the_demo_has_an_english_translation(chinese_texts):
    missing = sorted(text for text in chinese_texts if text not in EN and text not in USER_WRITTEN)
    assert missing == []


def test_the_translation_table_has_no_text_the_demo_no_longer_has(chinese_texts):
    assert sorted(set(EN) - chinese_texts) == []
    assert sorted(USER_WRITTEN - chinese_texts) == []
    assert sorted(USER_WRITTEN & set(EN)) == []


def test_every_english_text_is_written_out_and_has_no_chinese_in_it():
    empty = [zh for zh, en in EN.items() if not en.strip()]
    still_chinese = [en for en in EN.values() if CJK.search(en)]
    padded = [en for en in EN.values() if en != en.strip()]
    assert (empty, still_chinese, padded) == ([], [], [])


def test_the_learners_essay_answer_is_user_data_and_stays_chinese(tree):
    """The demo learners' essay answer is what a learner wrote: it has no translation."""
    (answer,) = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["ESSAY_ANSWER"]
    ]
    assert answer.value in USER_WRITTEN
    assert answer.value not in EN


def test_distinct_choices_of_a_question_stay_distinct_in_english(bank_questions):
    with_choices = [q for q in bank_questions if q[0] in CHOICE_KINDS]
    assert with_choices and all(len(choices) >= 4 for _kind, _text, choices in with_choices)
    merged = [
        (text, choices)
        for _kind, text, choices in with_choices
        if len({EN.get(choice) for choice in set(choices)}) != len(set(choices))
    ]
    assert merged == []


def test_distinct_questions_stay_distinct_in_english(bank_questions):
    texts = {text for _kind, text, _choices in bank_questions}
    assert len({EN.get(text) for text in texts}) == len(texts)
