r"""Moodle GIFT: read and write single/multiple choice, true/false and essay questions.

Supported, as Moodle writes it::

    $CATEGORY: $course$/top/售后工程师考核课程/模块一
    // [points: 2] [tags: technical_ability] [scoring: partial] [keep_choice_order: yes]
    ::Q1:: 售后工程师的工作流程第一步是？ {=接收报修信息 ~现场维修 ~测试验收 ####先了解故障与需求。}
    ::Q2:: 哪些属于职责？ {~%50%安装调试 ~%50%解答疑问 ~%-100%制定薪酬}
    ::Q3:: 鱼骨图用于分析原因。 {T}
    ::Q4:: 请简述 5 Whys 方法。 {}

Comment lines are ignored by Moodle; the ``// [points: …] [tags: …] [scoring: …] [active: no]
[keep_choice_order: yes]`` comment just before a question is this platform's own annotation, so
a bank exported here and imported again keeps its points, tags, scoring and whether its choices
keep their order, and Moodle still reads the file. Numeric,
matching and short-answer questions are reported as unsupported, with their line number.

English texts are annotations too, one per comment line (decision 0204)::

    $CATEGORY: $course$/top/售后工程师考核课程/模块一
    // [category_en: After-sales engineer course/Module 1]

    // [points: 2]
    // [question_en: What is the first step of the after-sales workflow?]
    // [choice_1_en: Receive the repair report] [choice_2_en: On-site repair]
    // [explanation_en: Understand the fault and the need first.]
    ::Q1:: 售后工程师的工作流程第一步是？ {=接收报修信息 ~现场维修 ####先了解故障与需求。}

A value ends at the first unescaped "]"; ``\]``, ``\\`` and ``\n`` stand for "]", a backslash
and a line break. An empty part of ``category_en`` is a category without an English name.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from exams.importers.base import (
    ALL_OR_NOTHING,
    ESSAY,
    MULTIPLE,
    PARTIAL,
    SINGLE,
    TRUE_FALSE,
    ParsedQuestion,
    Problem,
    category_english_problems,
    choice_key,
    english_problems,
    parse_points,
    question_problems,
    split_category_path,
    split_english_path,
)

ESCAPABLE = "~=#{}:"
# A value runs to the first "]" not escaped by a backslash (English texts escape "]", "\\" and
# line breaks: see ``escape_meta``).
ANNOTATION = re.compile(
    r"\[(points|tags|scoring|active|keep_choice_order|question_en|explanation_en|category_en"
    r"|choice_\d{1,6}_en)\s*:\s*((?:\\.|[^\]\\])*)\]",
    re.I,
)
FORMAT_MARKER = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
MOODLE_PREFIXES = ("$course$", "$system$", "$module$", "$cat1$", "$cat2$", "$cat3$", "top")


def _find_unescaped(text: str, chars: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def _split_unescaped(text: str, chars: str) -> list[str]:
    """Split before every unescaped char of ``chars`` (the char stays at the part's start)."""
    parts, current, i = [], "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current += text[i : i + 2]
            i += 2
            continue
        if ch in chars:
            if current.strip():
                parts.append(current)
            current = ch
        else:
            current += ch
        i += 1
    if current.strip():
        parts.append(current)
    return parts


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "n":
                out.append("\n")
            elif nxt in ESCAPABLE or nxt == "\\":
                out.append(nxt)
            else:
                out.append(text[i : i + 2])  # not an escape: keep the backslash
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for ch in ESCAPABLE:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


LINE_BREAKS = re.compile("[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines
META_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


def _line_break(match: re.Match) -> str:
    return "\\n" if match.group() == "\n" else f"\\u{ord(match.group()):04x}"


def escape_meta(text: str) -> str:
    """A text as the value of a ``[key: value]`` annotation: one line, "]" escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace("]", "\\]")
    return LINE_BREAKS.sub(_line_break, text)


def _unescape_one(match: re.Match) -> str:
    """``\\n``, an escaped line break (``\\u2028``…) or the character after the backslash."""
    code = match.group(1)
    if code == "n":
        return "\n"
    if len(code) == 5 and LINE_BREAKS.match(chr(int(code[1:], 16))):
        return chr(int(code[1:], 16))
    return code


def unescape_meta(text: str) -> str:
    return META_ESCAPE.sub(_unescape_one, text)


def _clean_text(raw: str) -> str:
    match = FORMAT_MARKER.match(raw)
    is_html = False
    if match:
        is_html = match.group(1).lower() == "html"
        raw = raw[match.end() :]
    text = unescape(raw).strip()
    if is_html:
        text = html.unescape(strip_tags(text.replace("<br>", "\n").replace("</p>", "\n"))).strip()
    return text


def _strip_feedback(token: str) -> str:
    """Drop a choice's own feedback ("#…"); the platform shows one explanation per question."""
    cut = _find_unescaped(token, "#")
    return token if cut < 0 else token[:cut]


def _blocks(text: str):
    """Yield (first line number, lines with numbers) per blank-line separated block."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _category(value: str) -> tuple[str, ...]:
    parts = list(split_category_path(value))
    while parts and parts[0].lower() in MOODLE_PREFIXES:
        parts.pop(0)
    return tuple(parts)


def _english(question: ParsedQuestion, key: str, raw: str, line: int) -> None:
    """An English text of the question from its ``[…_en: …]`` annotation."""
    value = unescape_meta(raw).strip()
    if key == "question_en":
        question.text_en = value
    elif key == "explanation_en":
        question.explanation_en = value
    elif key.startswith("choice_") and value:
        question.choices_en[int(key[len("choice_") : -len("_en")])] = value
    question.english_lines[key] = line


def _annotations(comments, question: ParsedQuestion, line: int, problems: list):
    for number, comment in comments:
        for match in ANNOTATION.finditer(comment):
            key, value = match.group(1).lower(), match.group(2).strip()
            if key == "category_en":
                continue  # belongs to the $CATEGORY line (``_category_english``)
            if key.endswith("_en"):
                _english(question, key, match.group(2), number)
            elif key == "points":
                points = parse_points(value, line, problems)
                question.points = question.points if points is None else points
            elif key == "tags":
                question.tags = tuple(t.strip() for t in value.split(",") if t.strip())
            elif key == "scoring":
                question.scoring = PARTIAL if value.lower() == PARTIAL else ALL_OR_NOTHING
            elif key == "active":
                question.active = value.lower() not in ("no", "false", "0")
            elif key == "keep_choice_order":
                question.keep_choice_order = value.lower() in ("yes", "true", "1")


def _parse_answers(body: str, question: ParsedQuestion, *, scoring_given: bool) -> str | None:
    """Fill the question from its answer block; return an error message or None."""
    general = ""
    cut = body.find("####")
    while cut >= 0 and cut > 0 and body[cut - 1] == "\\":
        cut = body.find("####", cut + 1)
    if cut >= 0:
        general, body = body[cut + 4 :], body[:cut]
    question.explanation = _clean_text(general)
    body = body.strip()
    if not body:
        question.kind = ESSAY
        return None
    head = _strip_feedback(body).strip().upper()
    if head in ("T", "TRUE", "F", "FALSE"):
        question.kind = TRUE_FALSE
        question.true_false_answer = head.startswith("T")
        return None
    if body.startswith("#"):
        return _("numeric questions are not supported")
    tokens = _split_unescaped(body, "=~")
    if not tokens or any(t[0] not in "=~" for t in tokens):
        return _("cannot read the answers “%s”") % body[:40]
    if any("->" in t for t in tokens):
        return _("matching questions are not supported")
    if all(t.startswith("=") for t in tokens):
        return _("short-answer questions are not supported")
    weighted = False
    for token in tokens:
        content = _strip_feedback(token[1:]).strip()
        match = WEIGHT.match(content)
        weight = None
        if match:
            weight = Decimal(match.group(1))
            content = content[match.end() :]
            weighted = weighted or token[0] == "~"
        correct = token[0] == "=" if weight is None else weight > 0
        question.choices.append((_clean_text(content), correct))
    question.kind = MULTIPLE if weighted else SINGLE
    if weighted and not scoring_given:
        question.scoring = PARTIAL
    return None


def _split_block(block):
    """(leading comments with their lines, body lines, the block's ``$CATEGORY`` or None)."""
    comments, body_lines, category = [], [], None
    for number, line in block:
        stripped = line.strip()
        if not body_lines and stripped.startswith("//"):
            comments.append((number, stripped))
        elif not body_lines and stripped.startswith("$CATEGORY:"):
            category = stripped[len("$CATEGORY:") :]
        elif stripped.startswith("//"):
            continue
        else:
            body_lines.append((number, line))
    return comments, body_lines, category


def _category_english(comments, category, problems, *, placed: bool) -> tuple[str, ...]:
    """The English path of a ``$CATEGORY`` line, from the ``[category_en: …]`` after it."""
    english: tuple[str, ...] = ()
    for number, comment in comments:
        for match in ANNOTATION.finditer(comment):
            if match.group(1).lower() != "category_en":
                continue
            if not placed:
                found = [_("write it on the line after a $CATEGORY line")]
            else:
                english = split_english_path(unescape_meta(match.group(2)))
                found = category_english_problems(category, english)
            for message in found:
                problem = {"column": "category_en", "problem": message}
                problems.append(Problem(number, _("%(column)s: %(problem)s") % problem))
            english = () if found else english
    return english


def _question(body_lines, comments, category, category_en, problems) -> ParsedQuestion | None:
    """The question of one block, or None with its problem noted."""
    line = body_lines[0][0]
    raw = "\n".join(text for _n, text in body_lines).strip()
    question = ParsedQuestion(
        line=line, kind=SINGLE, text="", category=category, category_en=category_en
    )
    _annotations(comments, question, line, problems)
    if raw.startswith("::"):
        end = raw.find("::", 2)
        if end < 0:
            problems.append(Problem(line, _("the question title is not closed with “::”")))
            return None
        raw = raw[end + 2 :]
    opening = _find_unescaped(raw, "{")
    if opening < 0:
        problems.append(Problem(line, _("no answer block “{…}” found")))
        return None
    closing = _find_unescaped(raw, "}", opening + 1)
    if closing < 0:
        problems.append(Problem(line, _("the answer block is not closed with “}”")))
        return None
    before, body, after = raw[:opening], raw[opening + 1 : closing], raw[closing + 1 :]
    if _clean_text(after):
        question.text = _clean_text(before) + " ____ " + _clean_text(after)
    else:
        question.text = _clean_text(before)
    scoring_given = any(
        match.group(1).lower() == "scoring"
        for _n, comment in comments
        for match in ANNOTATION.finditer(comment)
    )
    error = _parse_answers(body, question, scoring_given=scoring_given)
    if error:
        problems.append(Problem(line, error))
        return None
    problems.extend(Problem(line, message) for message in question_problems(question))
    problems.extend(english_problems(question))
    return question


def parse(text: str) -> tuple[list[ParsedQuestion], list[Problem]]:
    """Parse a GIFT file into questions and problems (with line numbers)."""
    questions: list[ParsedQuestion] = []
    problems: list[Problem] = []
    category: tuple[str, ...] = ()
    category_en: tuple[str, ...] = ()
    for block in _blocks(text.lstrip("\ufeff")):
        comments, body_lines, new_category = _split_block(block)
        if new_category is not None:
            category = _category(new_category)
        english = _category_english(comments, category, problems, placed=new_category is not None)
        if new_category is not None:
            category_en = english
        if body_lines:
            question = _question(body_lines, comments, category, category_en, problems)
            if question is not None:
                questions.append(question)
    return questions, problems


def _weight(fraction: Decimal) -> str:
    text = f"{fraction:.5f}".rstrip("0").rstrip(".")
    return text or "0"


def _english_notes(question, choices) -> list[str]:
    """The comment lines that carry a question's English texts (only those written)."""
    values = [("question_en", question.text_en)]
    values += [(choice_key(number), c.text_en) for number, c in enumerate(choices, start=1)]
    values.append(("explanation_en", question.explanation_en))
    return [f"// [{key}: {escape_meta(value)}]" for key, value in values if value]


def dump(questions, *, category_of) -> str:
    """GIFT text of bank questions (with prefetched choices and tags), grouped by category.

    ``category_of(question)`` gives the category path to write for a question and its English
    path (part by part, "" for a part without English; "" when no part has one).
    """
    lines: list[str] = []
    current = None
    for question in questions:
        path, path_en = category_of(question)
        if path != current:
            lines.append(f"$CATEGORY: $course$/top/{path}")
            if path_en:
                lines.append(f"// [category_en: {escape_meta(path_en)}]")
            lines.append("")
            current = path
        tags = ", ".join(tag.slug for tag in question.tags.all())
        note = f"// [points: {question.points.normalize():f}] [scoring: {question.scoring}]"
        if tags:
            note += f" [tags: {tags}]"
        if not question.active:
            note += " [active: no]"
        if question.keep_choice_order:
            note += " [keep_choice_order: yes]"
        lines.append(note)
        choices = list(question.choices.all())
        lines += _english_notes(question, choices)
        answers = []
        if question.kind == TRUE_FALSE:
            answers.append("TRUE" if question.true_false_answer else "FALSE")
        elif question.kind == SINGLE:
            answers += [("=" if c.is_correct else "~") + escape(c.text) for c in choices]
        elif question.kind == MULTIPLE:
            right = [c for c in choices if c.is_correct]
            k = Decimal(len(right) or 1)
            share = _weight(Decimal(100) / k)
            answers += [
                (f"~%{share}%" if c.is_correct else f"~%-{share}%") + escape(c.text)
                for c in choices
            ]
        if question.explanation:
            answers.append("####" + escape(question.explanation))
        block = " ".join(answers)
        lines.append(f"::Q{question.pk}:: {escape(question.text)} {{{block}}}")
        lines.append("")
    return "\n".join(lines)
