"""What every question file parser produces, and the checks every parsed question must pass.

Parsers turn a file into ``ParsedQuestion`` values and ``Problem`` values (each with the line
it was found on); nothing here touches the database. A question carries its Chinese texts and,
optionally, their English siblings (``text_en``, ``explanation_en``, one per choice, one per
category part): the file keys are the same in every format (``question_en``,
``explanation_en``, ``choice_1_en``…, ``category_en``; decision 0204).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from lms.parsing import InputError, parse_decimal

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
ESSAY = "essay"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE, ESSAY)
ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"
MAX_POINTS = Decimal("9999.99")
MAX_CHOICE_LENGTH = 500
MAX_CATEGORY_NAME = 120


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self):
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedQuestion:
    line: int
    kind: str
    text: str
    category: tuple[str, ...] = ()  # path relative to the import's base category
    choices: list[tuple[str, bool]] = field(default_factory=list)
    true_false_answer: bool = True
    points: Decimal = Decimal("1")
    scoring: str = ALL_OR_NOTHING
    explanation: str = ""
    tags: tuple[str, ...] = ()
    active: bool = True
    keep_choice_order: bool = False
    text_en: str = ""
    explanation_en: str = ""
    choices_en: dict[int, str] = field(default_factory=dict)  # choice number (from 1) → English
    category_en: tuple[str, ...] = ()  # one English name per part of ``category``; "" for none
    english_lines: dict[str, int] = field(default_factory=dict)  # file key → its line, if not
    # the question's own (GIFT writes each English text on its own comment line)


def parse_points(value: str, line: int, problems: list[Problem]) -> Decimal | None:
    """The points of a question as written in a file, or None with a problem noted."""
    try:
        return parse_decimal(value, places=2)
    except InputError as exc:
        problems.append(Problem(line, _("points: %(problem)s") % {"problem": exc}))
        return None


def split_category_path(path: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in path.split("/") if part.strip())


def split_english_path(path: str) -> tuple[str, ...]:
    """An English category path, part by part: an empty part is a category without English."""
    if not path.strip():
        return ()
    return tuple(part.strip() for part in path.split("/"))


def choice_key(number: int) -> str:
    return f"choice_{number}_en"


def category_english_problems(category: tuple[str, ...], english: tuple[str, ...]) -> list[str]:
    """Why the English path ``english`` cannot name the categories of ``category``."""
    if not english:
        return []
    problems = []
    if len(english) != len(category):
        problems.append(
            _(
                "the English path has %(given)s part(s) but the category has %(count)s; leave a "
                "part empty for a category without an English name"
            )
            % {"given": len(english), "count": len(category)}
        )
    if any(len(part) > MAX_CATEGORY_NAME for part in english):
        problems.append(_("a category name is longer than %s characters") % MAX_CATEGORY_NAME)
    return problems


def english_problems(question: ParsedQuestion) -> list[Problem]:
    """Why the English texts of a parsed question cannot be saved, each at its file key."""
    found: list[tuple[str, str]] = []
    for number, text in sorted(question.choices_en.items()):
        if question.kind not in (SINGLE, MULTIPLE):
            found.append((choice_key(number), _("this type of question takes no choices")))
        elif not 1 <= number <= len(question.choices):
            message = _("there is no choice %(number)s (the question has %(count)s choices)")
            found.append(
                (choice_key(number), message % {"number": number, "count": len(question.choices)})
            )
        elif len(text) > MAX_CHOICE_LENGTH:
            message = _("a choice is longer than %s characters") % MAX_CHOICE_LENGTH
            found.append((choice_key(number), message))
    for message in category_english_problems(question.category, question.category_en):
        found.append(("category_en", message))
    return [
        Problem(
            question.english_lines.get(key, question.line),
            _("%(column)s: %(problem)s") % {"column": key, "problem": message},
        )
        for key, message in found
    ]


def question_problems(question: ParsedQuestion) -> list[str]:
    """Why a parsed question cannot be saved (empty when it can)."""
    problems = []
    if not question.text.strip():
        problems.append(_("the question has no text"))
    if question.kind not in KINDS:
        problems.append(_("unknown question type “%s”") % question.kind)
        return problems
    if not Decimal("0") < question.points <= MAX_POINTS:
        problems.append(_("points must be more than 0 and at most %s") % MAX_POINTS)
    if question.scoring not in (ALL_OR_NOTHING, PARTIAL):
        problems.append(_("unknown scoring “%s”") % question.scoring)
    right = sum(1 for _text, correct in question.choices if correct)
    if question.kind in (SINGLE, MULTIPLE):
        if len(question.choices) < 2:
            problems.append(_("a choice question needs at least two choices"))
        if question.kind == SINGLE and right != 1:
            problems.append(_("a single-choice question needs exactly one right answer"))
        if question.kind == MULTIPLE and right < 1:
            problems.append(_("a multiple-choice question needs at least one right answer"))
        if any(not text.strip() for text, _correct in question.choices):
            problems.append(_("a choice is empty"))
        if any(len(text) > MAX_CHOICE_LENGTH for text, _correct in question.choices):
            problems.append(_("a choice is longer than %s characters") % MAX_CHOICE_LENGTH)
    elif question.choices:
        problems.append(_("this type of question takes no choices"))
    for part in question.category:
        if len(part) > MAX_CATEGORY_NAME:
            problems.append(_("a category name is longer than %s characters") % MAX_CATEGORY_NAME)
    return problems


TRUE_WORDS = {"true", "t", "yes", "y", "1", "对", "正确", "是", "√"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "错", "错误", "否", "×"}


def parse_bool(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
