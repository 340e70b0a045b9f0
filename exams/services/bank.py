"""Writes of the question bank: its dimension tags, and importing and exporting questions
(GIFT, CSV, XLSX), all or nothing.

``questions_import`` parses the whole file first; if any entry has a problem nothing is written
and every problem is reported with its line number. Otherwise every question (with its
categories and tags) is created in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exams.importers import gift, tabular
from exams.importers.base import ParsedQuestion, Problem, split_category_path
from exams.models import DIMENSION_TAGS, Choice, Question, QuestionCategory, QuestionTag
from lms.bilingual import CHINESE, ENGLISH

FORMATS = ("gift", "csv", "xlsx")
DEFAULT_CATEGORY = "导入 Imported"


def ensure_dimension_tags() -> None:
    """Create the four dimension tags of the assessment scheme if they are missing, named in
    Chinese and English whatever the active language; an existing tag without an English name
    gets it (a name a trainer wrote is kept)."""
    for slug, name in DIMENSION_TAGS:
        with translation.override(CHINESE):
            chinese = str(name)
        with translation.override(ENGLISH):
            english = str(name)
        tag, _created = QuestionTag.objects.get_or_create(
            slug=slug, defaults={"name": chinese, "name_en": english, "is_dimension": True}
        )
        if not tag.name_en.strip():
            tag.name_en = english
            tag.save(update_fields=["name_en"])


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportReport:
    questions: int = 0
    categories_created: list[str] = field(default_factory=list)
    tags_created: list[str] = field(default_factory=list)
    dry_run: bool = False
    by_kind: dict[str, int] = field(default_factory=dict)


def guess_format(filename: str) -> str | None:
    name = filename.lower()
    if name.endswith((".gift", ".txt")):
        return "gift"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".xlsx"):
        return "xlsx"
    return None


def parse_file(*, data: bytes, fmt: str) -> tuple[list[ParsedQuestion], list[Problem]]:
    if fmt == "xlsx":
        return tabular.parse_xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # files saved by Excel on Chinese Windows
        except UnicodeDecodeError:
            return [], [Problem(1, _("the file is neither UTF-8 nor GB18030 text"))]
    if fmt == "gift":
        return gift.parse(text)
    return tabular.parse_csv(text)


def category_for_path(
    parts: tuple[str, ...], created: list[str], english: tuple[str, ...] = ()
) -> QuestionCategory:
    """The category at ``parts``, created where missing; ``english`` (one name per part, ""
    for none) names new categories and fills an empty English name, never replaces one."""
    parent = None
    english = english or ("",) * len(parts)
    for name, name_en in zip(parts, english, strict=True):
        category, was_created = QuestionCategory.objects.get_or_create(
            parent=parent, name=name, defaults={"name_en": name_en}
        )
        if was_created:
            created.append(category.full_name)
        elif name_en and not category.name_en:
            category.name_en = name_en
            category.save()
        parent = category
    return parent


def questions_import(
    *, data: bytes, fmt: str, category_path: str = "", dry_run: bool = False
) -> ImportReport:
    """Import a question file; raise ``ImportFailed`` (writing nothing) on any problem."""
    if fmt not in FORMATS:
        raise ImportFailed([Problem(1, _("unknown format “%s”") % fmt)])
    questions, problems = parse_file(data=data, fmt=fmt)
    base = split_category_path(category_path)
    if not questions and not problems:
        problems = [Problem(1, _("the file holds no question"))]
    if any(len(part) > 120 for part in base):
        problems.append(Problem(0, _("a category name is longer than 120 characters")))
    for question in questions:
        if not base and not question.category:
            question.category = (DEFAULT_CATEGORY,)
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: p.line))
    report = ImportReport(questions=len(questions), dry_run=dry_run)
    for question in questions:
        report.by_kind[question.kind] = report.by_kind.get(question.kind, 0) + 1
    if dry_run:
        return report
    with transaction.atomic():
        categories: dict[tuple, QuestionCategory] = {}
        tags = {}
        for tag in QuestionTag.objects.all():
            tags[tag.name] = tags[tag.slug] = tag
        for parsed in questions:
            path = base + parsed.category
            english = ("",) * len(base) + parsed.category_en if parsed.category_en else ()
            if (path, english) not in categories:
                categories[path, english] = category_for_path(
                    path, report.categories_created, english
                )
            question = _create_question(parsed, categories[path, english])
            for slug in parsed.tags:
                if slug not in tags:
                    tags[slug], created = QuestionTag.objects.get_or_create(
                        slug=(slugify(slug, allow_unicode=True) or slug)[:60],
                        defaults={"name": slug[:100]},
                    )
                    if created:
                        report.tags_created.append(slug)
            if parsed.tags:
                question.tags.set({tags[slug] for slug in parsed.tags})
                question.save()  # ParentalManyToManyField: stored on save
    return report


def _create_question(parsed: ParsedQuestion, category: QuestionCategory) -> Question:
    """A bank question and its choices, in both languages, from a parsed one."""
    question = Question.objects.create(
        category=category,
        kind=parsed.kind,
        text=parsed.text,
        text_en=parsed.text_en,
        points=parsed.points,
        scoring=parsed.scoring,
        true_false_answer=parsed.true_false_answer,
        explanation=parsed.explanation,
        explanation_en=parsed.explanation_en,
        active=parsed.active,
        keep_choice_order=parsed.keep_choice_order,
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            text=text,
            text_en=parsed.choices_en.get(index + 1, ""),
            is_correct=correct,
            sort_order=index,
        )
        for index, (text, correct) in enumerate(parsed.choices)
    )
    return question


def bank_questions(*, category_path: str = ""):
    """Bank questions for export, by category, with choices and tags prefetched."""
    questions = Question.objects.select_related("category").prefetch_related("choices", "tags")
    parts = split_category_path(category_path)
    if parts:
        category = QuestionCategory.objects.filter(full_name="/".join(parts)).first()
        if category is None:
            raise ImportFailed([Problem(0, _("no category “%s”") % "/".join(parts))])
        questions = questions.filter(category__tree_path__startswith=category.tree_path)
    return questions.order_by("category__full_name", "pk")


def questions_export(*, fmt: str, category_path: str = "") -> bytes:
    """The bank (or one category and its subcategories) as a GIFT, CSV or XLSX file."""
    questions = bank_questions(category_path=category_path)
    # Every category's parent and English name, to write English paths part by part.
    tree = {
        pk: (parent, name_en)
        for pk, parent, name_en in QuestionCategory.objects.values_list("pk", "parent", "name_en")
    }

    def category_of(question):
        names, pk = [], question.category_id
        while pk is not None:
            pk, name_en = tree[pk]
            names.append(name_en)
        english = "/".join(reversed(names)) if any(names) else ""
        return question.category.full_name, english

    if fmt == "gift":
        return gift.dump(questions, category_of=category_of).encode("utf-8")
    if fmt == "csv":
        return tabular.dump_csv(questions, category_of=category_of).encode("utf-8")
    if fmt == "xlsx":
        return tabular.dump_xlsx(questions, category_of=category_of)
    raise ImportFailed([Problem(0, _("unknown format “%s”") % fmt)])
