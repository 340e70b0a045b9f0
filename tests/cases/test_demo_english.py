"""The demo practice cases and their rubric are complete in English; what the demo learners and
graders wrote stays Chinese (user data)."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest

from cases import demo
from cases.demo_en import EN
from cases.models import (
    FaultTypeTag,
    PracticeCase,
    ProductTag,
    Rubric,
    RubricCriterion,
    RubricLevel,
)
from tests.factories import TrainerFactory

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
DEMO_SOURCE = Path(demo.__file__).read_text(encoding="utf-8")


def _load_demo_cases():
    """The demo's rubric and cases (no learners exist, so no reports are written)."""
    TrainerFactory(username="trainer")
    demo.load(password=None, stdout=io.StringIO())


def _english_gaps() -> list[str]:
    gaps = [
        f"case {case.slug}: {case.missing_english}"
        for case in PracticeCase.objects.all()
        if case.missing_english
    ]
    for model, fields in (
        (Rubric, ("title", "description")),
        (RubricCriterion, ("title", "description")),
        (RubricLevel, ("label", "descriptor")),
        (ProductTag, ("name",)),
        (FaultTypeTag, ("name",)),
    ):
        for obj in model.objects.all():
            gaps.extend(
                f"{model.__name__} {getattr(obj, field)!r}"
                for field in fields
                if getattr(obj, field).strip() and not getattr(obj, field + "_en").strip()
            )
    return gaps


@pytest.mark.django_db
def test_every_text_trainers_wrote_for_the_demo_has_its_english():
    _load_demo_cases()
    assert PracticeCase.objects.count() == 3
    assert RubricLevel.objects.count() == 24
    assert _english_gaps() == []


@pytest.mark.django_db
def test_the_english_texts_of_the_demo_have_no_chinese_in_them():
    _load_demo_cases()
    texts = [
        text
        for case in PracticeCase.objects.all()
        for text in (case.title_en, case.summary_en, case.customer_en, case.scenario_en)
    ]
    for label, descriptor in RubricLevel.objects.values_list("label_en", "descriptor_en"):
        texts += [label, descriptor]
    texts += list(RubricCriterion.objects.values_list("title_en", flat=True))
    texts += list(Rubric.objects.values_list("description_en", flat=True))
    texts += list(ProductTag.objects.values_list("name_en", flat=True))
    texts += list(FaultTypeTag.objects.values_list("name_en", flat=True))
    assert [text for text in texts if CJK.search(text)] == []


@pytest.mark.django_db
def test_a_demo_made_before_it_had_english_gets_it_on_the_next_run():
    _load_demo_cases()
    PracticeCase.objects.update(title_en="", scenario_en="")
    Rubric.objects.update(title_en="")
    RubricLevel.objects.update(label_en="")
    ProductTag.objects.update(name_en="")
    demo.load(password=None, stdout=io.StringIO())
    assert _english_gaps() == []
    assert Rubric.objects.count() == 1  # translating the rubric made no new version


def _string_constants(tree: ast.AST) -> set[str]:
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_translation_table_has_no_text_the_demo_no_longer_has():
    texts = _string_constants(ast.parse(DEMO_SOURCE))
    assert sorted(set(EN) - texts) == []


def _assigned(name: str) -> ast.AST:
    for node in ast.parse(DEMO_SOURCE).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return node.value
    raise AssertionError(f"{name} is not in cases/demo.py")


@pytest.mark.parametrize("name", ["REPORTS", "FEEDBACK", "COMMENTS"])
def test_what_demo_learners_and_graders_wrote_stays_chinese(name):
    written = {text for text in _string_constants(_assigned(name)) if CJK.search(text)}
    assert written  # the demo has such texts …
    assert written.isdisjoint(EN)  # … and they are user data: no translation
