"""CSV and XLSX question files: one question per row.

Columns (header row required; order free; names in English)::

    category | category_en | type | question | question_en | points | scoring | tags |
    explanation | explanation_en | active | answer | keep_choice_order |
    choice_1 | choice_1_en | choice_2 | choice_2_en | …

- ``type``: single, multiple, true_false, essay (also 单选, 多选, 判断, 问答/简答/论述);
- ``answer``: the right choices' letters for choice questions ("B", "A,C"), true/false for a
  true/false question (also 对/错), empty for an essay;
- ``tags``: tag slugs separated by commas; ``active``: yes/no (empty means yes);
- ``keep_choice_order``: yes for choices that must not be shuffled ("all of the above"),
  empty or no otherwise (the column may be left out);
- ``category``: a path such as "模块一/小节" under the import's base category;
- the ``_en`` columns (all optional, a file without them imports as before) hold the English
  text beside each Chinese one; ``category_en`` names the same path part by part
  ("Module 1/Section"; an empty part, as in "Module 1/", leaves that category without one).
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from exams.importers.base import (
    ALL_OR_NOTHING,
    ESSAY,
    MULTIPLE,
    PARTIAL,
    SINGLE,
    TRUE_FALSE,
    ParsedQuestion,
    Problem,
    english_problems,
    parse_bool,
    parse_points,
    question_problems,
    split_category_path,
    split_english_path,
)
from lms.parsing import FORMULA_REFUSED, worksheet_rows

COLUMNS = [
    "category",
    "category_en",
    "type",
    "question",
    "question_en",
    "points",
    "scoring",
    "tags",
    "explanation",
    "explanation_en",
    "active",
    "answer",
    "keep_choice_order",
]
REQUIRED = {"type", "question"}
TYPE_ALIASES = {
    "single": SINGLE,
    "单选": SINGLE,
    "单选题": SINGLE,
    "multiple": MULTIPLE,
    "多选": MULTIPLE,
    "多选题": MULTIPLE,
    "true_false": TRUE_FALSE,
    "truefalse": TRUE_FALSE,
    "判断": TRUE_FALSE,
    "判断题": TRUE_FALSE,
    "essay": ESSAY,
    "问答": ESSAY,
    "问答题": ESSAY,
    "简答题": ESSAY,
    "论述题": ESSAY,
}
CHOICE_COLUMN = re.compile(r"^choice_(\d+)$")
CHOICE_EN_COLUMN = re.compile(r"^choice_(\d{1,6})_en$")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _row_question(
    values: dict[str, str], choice_columns: list[str], line: int
) -> tuple[ParsedQuestion | None, list[Problem]]:
    problems = []
    kind = TYPE_ALIASES.get(values.get("type", "").lower())
    if kind is None:
        return None, [Problem(line, _("unknown question type “%s”") % values.get("type", ""))]
    question = ParsedQuestion(
        line=line,
        kind=kind,
        text=values.get("question", ""),
        category=split_category_path(values.get("category", "")),
        explanation=values.get("explanation", ""),
        tags=tuple(t.strip() for t in re.split(r"[,，;；]", values.get("tags", "")) if t.strip()),
    )
    if values.get("points"):
        points = parse_points(values["points"], line, problems)
        question.points = question.points if points is None else points
    scoring = values.get("scoring", "").lower()
    question.scoring = PARTIAL if scoring == PARTIAL else ALL_OR_NOTHING
    if scoring and scoring not in (PARTIAL, ALL_OR_NOTHING):
        problems.append(Problem(line, _("unknown scoring “%s”") % values["scoring"]))
    if values.get("active"):
        active = parse_bool(values["active"])
        if active is None:
            problems.append(Problem(line, _("active must be yes or no")))
        question.active = active is not False
    if values.get("keep_choice_order"):
        keep = parse_bool(values["keep_choice_order"])
        if keep is None:
            problems.append(Problem(line, _("keep_choice_order must be yes or no")))
        question.keep_choice_order = keep is True
    answer = values.get("answer", "")
    texts = [values.get(column, "") for column in choice_columns]
    while texts and not texts[-1]:
        texts.pop()
    if kind == TRUE_FALSE:
        value = parse_bool(answer)
        if value is None:
            problems.append(
                Problem(line, _("the answer of a true/false question is true or false"))
            )
        question.true_false_answer = value is not False
    elif kind in (SINGLE, MULTIPLE):
        letters = [a.strip().upper() for a in re.split(r"[,，;；\s]+", answer) if a.strip()]
        if len(letters) == 1 and len(letters[0]) > 1 and letters[0].isalpha():
            letters = list(letters[0])  # "AC" means A and C
        bad = [a for a in letters if a not in LETTERS[: len(texts)]]
        if bad:
            problems.append(
                Problem(line, _("answer “%s” names no choice of this row") % ", ".join(bad))
            )
        question.choices = [(text, LETTERS[i] in letters) for i, text in enumerate(texts)]
    elif any(texts) or answer:
        problems.append(Problem(line, _("an essay question takes no choices or answer")))
    _read_english(values, choice_columns, question)
    problems += [Problem(line, message) for message in question_problems(question)]
    problems += english_problems(question)
    return question, problems


def _read_english(values: dict[str, str], choice_columns: list[str], question: ParsedQuestion):
    """The ``_en`` cells of a row; ``choice_N_en`` goes with the column ``choice_N``."""
    question.text_en = values.get("question_en", "")
    question.explanation_en = values.get("explanation_en", "")
    question.category_en = split_english_path(values.get("category_en", ""))
    for name, text in values.items():
        match = CHOICE_EN_COLUMN.match(name)
        if not match or not text:
            continue
        chinese = name.removesuffix("_en")
        if chinese in choice_columns:
            question.choices_en[choice_columns.index(chinese) + 1] = text
        else:  # no Chinese column for it: reported as a choice the question does not have
            question.choices_en[max(int(match.group(1)), len(choice_columns) + 1)] = text


def _parse_rows(rows) -> tuple[list[ParsedQuestion], list[Problem]]:
    """``rows``: iterable of (line number, list of cell strings); the first is the header."""
    questions, problems = [], []
    iterator = iter(rows)
    try:
        header_line, header = next(iterator)
    except StopIteration:
        return [], [Problem(1, _("the file is empty"))]
    names = [h.strip().lower() for h in header]
    missing = REQUIRED - set(names)
    if missing:
        return [], [
            Problem(
                header_line,
                _("the header row lacks the column(s) %s") % ", ".join(sorted(missing)),
            )
        ]
    unknown = [
        n
        for n in names
        if n and n not in COLUMNS and not CHOICE_COLUMN.match(n) and not CHOICE_EN_COLUMN.match(n)
    ]
    if unknown:
        problems.append(Problem(header_line, _("unknown column(s) %s") % ", ".join(unknown)))
    choice_columns = sorted(
        (n for n in names if CHOICE_COLUMN.match(n)), key=lambda n: int(n.split("_")[1])
    )
    for line, cells in iterator:
        if not any(cells):
            continue
        values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names)}
        question, row_problems = _row_question(values, choice_columns, line)
        problems += row_problems
        if question is not None:
            questions.append(question)
    return questions, problems


def parse_csv(text: str) -> tuple[list[ParsedQuestion], list[Problem]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))

    def rows():
        start = 1
        for cells in reader:
            yield start, [c.strip() for c in cells]
            start = reader.line_num + 1

    try:
        return _parse_rows(rows())
    except csv.Error as exc:
        return [], [Problem(reader.line_num, _("the CSV file cannot be read: %s") % exc)]


def parse_xlsx(data: bytes) -> tuple[list[ParsedQuestion], list[Problem]]:
    try:
        # data_only=False: formula cells read as formulas, and are refused (paste values).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not XLSX
        return [], [Problem(1, _("the file is not an Excel (XLSX) workbook"))]
    formulas: list[Problem] = []

    def rows():
        for number, values, formula_columns in worksheet_rows(workbook.worksheets[0]):
            formulas.extend(
                Problem(
                    number,
                    _("column %(column)s: %(problem)s")
                    % {"column": column, "problem": FORMULA_REFUSED},
                )
                for column in formula_columns
            )
            yield number, [_cell(v) for v in values]

    try:
        questions, problems = _parse_rows(rows())
    except Exception:  # a damaged sheet fails while its rows are read
        return [], [Problem(1, _("the file is not an Excel (XLSX) workbook"))]
    finally:
        workbook.close()
    if formulas:
        return [], sorted(formulas + problems, key=lambda problem: problem.line)
    return questions, problems


def _export_rows(questions, category_of) -> tuple[list[str], list[list]]:
    """``category_of(question)``: its category path and English path (as ``gift.dump``)."""
    questions = list(questions)
    most = max((len(q.choices.all()) for q in questions), default=0)
    header = COLUMNS + [f"choice_{i}{en}" for i in range(1, most + 1) for en in ("", "_en")]
    rows = []
    for q in questions:
        choices = list(q.choices.all())
        category, category_en = category_of(q)
        if q.kind == TRUE_FALSE:
            answer = "true" if q.true_false_answer else "false"
        else:
            answer = ",".join(LETTERS[i] for i, c in enumerate(choices) if c.is_correct)
        rows.append(
            [
                category,
                category_en,
                q.kind,
                q.text,
                q.text_en,
                f"{q.points.normalize():f}",
                q.scoring,
                ",".join(t.slug for t in q.tags.all()),
                q.explanation,
                q.explanation_en,
                "yes" if q.active else "no",
                answer,
                "yes" if q.keep_choice_order else "",
            ]
            + [text for c in choices for text in (c.text, c.text_en)]
            + [""] * (2 * (most - len(choices)))
        )
    return header, rows


def dump_csv(questions, *, category_of) -> str:
    header, rows = _export_rows(questions, category_of)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def dump_xlsx(questions, *, category_of) -> bytes:
    header, rows = _export_rows(questions, category_of)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "questions"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
