"""Question files carry both languages: the `_en` columns of CSV/XLSX and the `[…_en: …]`
comment annotations of GIFT (decision 0204); files without them import as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from exams.importers import gift, tabular
from exams.models import Choice, Question, QuestionCategory, QuestionTag
from exams.services.bank import ImportFailed, questions_export, questions_import
from tests.exams.test_importers import _xlsx


@pytest.fixture(autouse=True)
def english():
    """Problems are read in English here (the catalogs are tested elsewhere)."""
    with translation.override("en"):
        yield


BILINGUAL_CSV = (
    "choice_2_en,question,type,answer,choice_1,question_en,choice_2,explanation,"
    "explanation_en,category,category_en,choice_1_en\n"
    "Field repair,工作流程第一步？,single,A,接收报修,What comes first?,现场维修,先接报修,"
    "Take the report first.,模块一/小节,Module 1/,Take the report\n"
    ",回访很重要。,true_false,对,,Follow-up calls matter.,,,,模块一,,\n"
)


def test_csv_reads_the_english_columns_in_any_order():
    questions, problems = tabular.parse_csv(BILINGUAL_CSV)
    assert problems == []
    single, true_false = questions
    assert (single.text, single.text_en) == ("工作流程第一步？", "What comes first?")
    assert single.explanation_en == "Take the report first."
    assert single.choices == [("接收报修", True), ("现场维修", False)]
    assert single.choices_en == {1: "Take the report", 2: "Field repair"}
    assert single.category == ("模块一", "小节")
    assert single.category_en == ("Module 1", "")  # the second category has no English name
    assert (true_false.text_en, true_false.choices_en, true_false.category_en) == (
        "Follow-up calls matter.",
        {},
        (),
    )


def test_a_file_without_english_columns_imports_as_before(db):
    old = "category,type,question,points,answer,choice_1,choice_2\n模块一,single,题一,2,B,甲,乙\n"
    report = questions_import(data=old.encode(), fmt="csv", category_path="旧文件")
    assert report.questions == 1
    question = Question.objects.get()
    assert (question.text, question.text_en, question.explanation_en) == ("题一", "", "")
    assert [(c.text, c.text_en) for c in question.choices.order_by("sort_order")] == [
        ("甲", ""),
        ("乙", ""),
    ]
    assert question.category.full_name == "旧文件/模块一"
    assert question.category.full_name_en == ""  # no English names: no English path (marked)


def test_csv_import_writes_both_languages_and_names_new_categories_in_english(db):
    questions_import(data=BILINGUAL_CSV.encode(), fmt="csv", category_path="导入")
    single = Question.objects.get(kind="single")
    assert single.text_en == "What comes first?"
    assert single.explanation_en == "Take the report first."
    assert [c.text_en for c in single.choices.order_by("sort_order")] == [
        "Take the report",
        "Field repair",
    ]
    module = QuestionCategory.objects.get(full_name="导入/模块一")
    assert module.name_en == "Module 1"
    # 导入 and 小节 have no English name: no English path (shown as the Chinese one, marked).
    assert single.category.full_name_en == ""
    assert single.category.parent == module


def test_an_existing_english_category_name_is_kept_and_an_empty_one_filled(db):
    top = QuestionCategory.objects.create(name="模块一", name_en="Module One")
    QuestionCategory.objects.create(parent=top, name="小节")
    questions_import(data=BILINGUAL_CSV.encode(), fmt="csv")
    top.refresh_from_db()
    assert top.name_en == "Module One"
    csv_text = "category,category_en,type,question\n模块一/小节,Module 1/Part,essay,题\n"
    questions_import(data=csv_text.encode(), fmt="csv")
    assert QuestionCategory.objects.get(full_name="模块一/小节").name_en == "Part"
    top.refresh_from_db()
    assert top.name_en == "Module One"


def test_english_problems_name_the_line_and_column_and_nothing_is_written(db):
    csv_text = (
        "type,question,answer,choice_1,choice_2,choice_3_en,choice_1_en,category,category_en\n"
        "single,好题,A,甲,乙,,A,模块一,Module 1\n"
        "single,多一个英文选项,A,甲,乙,Third,,,\n"
        f"single,英文太长,A,甲,乙,,{'x' * 501},,\n"
        "true_false,判断,对,,,,True,,\n"
        "single,路径不符,A,甲,乙,,,模块一,Module 1/Part\n"
        f"essay,英文类别太长,,,,,,模块一,{'m' * 121}\n"
    )
    with pytest.raises(ImportFailed) as failure:
        questions_import(data=csv_text.encode(), fmt="csv", category_path="导入")
    assert [str(p) for p in failure.value.problems] == [
        "line 3: choice_3_en: there is no choice 3 (the question has 2 choices)",
        "line 4: choice_1_en: a choice is longer than 500 characters",
        "line 5: choice_1_en: this type of question takes no choices",
        "line 6: category_en: the English path has 2 part(s) but the category has 1; "
        "leave a part empty for a category without an English name",
        "line 7: category_en: a category name is longer than 120 characters",
    ]
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_an_english_choice_column_without_its_chinese_column_is_a_problem():
    csv_text = "type,question,answer,choice_1,choice_2,choice_9_en\nsingle,题,A,甲,乙,Nine\n"
    _questions, problems = tabular.parse_csv(csv_text)
    assert [str(p) for p in problems] == [
        "line 2: choice_9_en: there is no choice 9 (the question has 2 choices)"
    ]


def test_xlsx_reads_the_english_columns(db):
    data = _xlsx(
        [
            ["type", "question", "question_en", "answer", "choice_1", "choice_1_en", "choice_2"],
            ["single", "题一", "Question one", "B", "甲", "First", "乙"],
        ]
    )
    questions_import(data=data, fmt="xlsx", category_path="Excel")
    question = Question.objects.get()
    assert question.text_en == "Question one"
    assert [c.text_en for c in question.choices.order_by("sort_order")] == ["First", ""]


BILINGUAL_GIFT = """$CATEGORY: $course$/top/售后课程/模块三
// [category_en: After-sales course/]

// [points: 2] [tags: technical_ability]
// [question_en: Where is the fishbone used?]
// [choice_1_en: Cause analysis] [choice_3_en: Evaluation \\] of [results\\]]
// [explanation_en: A cause-and-effect tool.\\nSee lesson 3.]
::Q1:: 鱼骨图用于哪个阶段？ {
  =问题原因分析 #对
  ~问题识别与定义
  ~效果评估
  ####鱼骨图是因果分析工具。
}

::Q2:: 5 Whys 用于找到根本原因。{T}
"""


def test_gift_reads_the_english_annotations():
    questions, problems = gift.parse(BILINGUAL_GIFT)
    assert problems == []
    fishbone, whys = questions
    assert fishbone.text_en == "Where is the fishbone used?"
    assert fishbone.choices_en == {1: "Cause analysis", 3: "Evaluation ] of [results]"}
    assert fishbone.explanation_en == "A cause-and-effect tool.\nSee lesson 3."
    assert fishbone.category_en == ("After-sales course", "")
    assert (fishbone.points, fishbone.tags) == (2, ("technical_ability",))
    assert (whys.text_en, whys.category_en) == ("", ("After-sales course", ""))


def test_gift_without_english_reads_as_before_and_english_stays_a_comment():
    questions, problems = gift.parse(BILINGUAL_GIFT)
    # What another tool sees: the same file without its comment lines.
    plain = "\n".join(
        line for line in BILINGUAL_GIFT.splitlines() if not line.strip().startswith("//")
    )
    plain_questions, plain_problems = gift.parse(plain)
    assert problems == plain_problems == []
    assert [(q.text, q.choices, q.explanation) for q in questions] == [
        (q.text, q.choices, q.explanation) for q in plain_questions
    ]
    assert all(q.text_en == "" and q.choices_en == {} for q in plain_questions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "// [choice_4_en: Four]\n::Q:: 题 {=甲 ~乙 ~丙}",
            "line 1: choice_4_en: there is no choice 4 (the question has 3 choices)",
        ),
        (
            "// [points: 1]\n// [choice_1_en: Yes]\n::Q:: 判断 {T}",
            "line 2: choice_1_en: this type of question takes no choices",
        ),
        (
            f"// [choice_1_en: {'x' * 501}]\n::Q:: 题 {{=甲 ~乙}}",
            "line 1: choice_1_en: a choice is longer than 500 characters",
        ),
        (
            "$CATEGORY: $course$/top/课程/模块\n// [category_en: Course]\n\n::Q:: 题 {=甲 ~乙}",
            "line 2: category_en: the English path has 1 part(s) but the category has 2; "
            "leave a part empty for a category without an English name",
        ),
        (
            "// [category_en: Course]\n::Q:: 题 {=甲 ~乙}",
            "line 1: category_en: write it on the line after a $CATEGORY line",
        ),
    ],
)
def test_gift_english_problems_carry_the_annotation_line(text, expected):
    _questions, problems = gift.parse(text)
    assert [str(p) for p in problems] == [expected]


def _bilingual_bank():
    """A bank with English texts full of GIFT and annotation syntax, some missing."""
    course = QuestionCategory.objects.create(name="课程", name_en="Course")
    module = QuestionCategory.objects.create(parent=course, name="模块一")
    tag = QuestionTag.objects.create(slug="follow-up", name="回访", name_en="Follow-up")
    single = Question.objects.create(
        category=module,
        kind="single",
        text="第一步？",
        text_en="First step? {=a ~b} [points: 9] // not a comment",
        explanation="先接报修。",
        explanation_en="Line one\nline two: back\\slash ] #### ~=",
        keep_choice_order=True,
    )
    for text, text_en, correct in [
        ("接收报修", "Take [the] report", True),
        ("现场维修", "", False),
        ("测试验收", "Test: ~accept~ \\", False),
    ]:
        Choice.objects.create(question=single, text=text, text_en=text_en, is_correct=correct)
    single.tags.set([tag])
    single.save()
    multiple = Question.objects.create(
        category=course, kind="multiple", scoring="partial", text="哪些？", text_en="Which?"
    )
    Choice.objects.create(question=multiple, text="甲", text_en="A", is_correct=True)
    Choice.objects.create(question=multiple, text="乙", text_en="B", is_correct=True)
    Choice.objects.create(question=multiple, text="丙", text_en="C", is_correct=False)
    Question.objects.create(category=module, kind="true_false", text="对吗？", text_en="Right?")
    Question.objects.create(category=module, kind="essay", text="简述。", points=5)


def _bank():
    rows = []
    for q in Question.objects.order_by("category__full_name", "text"):
        rows.append(
            (
                q.category.full_name,
                q.category.full_name_en,
                q.kind,
                q.text,
                q.text_en,
                q.explanation,
                q.explanation_en,
                q.points,
                q.scoring,
                q.true_false_answer,
                q.keep_choice_order,
                tuple(sorted(t.slug for t in q.tags.all())),
                tuple((c.text, c.text_en, c.is_correct) for c in q.choices.order_by("sort_order")),
            )
        )
    return rows


@pytest.mark.parametrize("fmt", ["gift", "csv", "xlsx"])
def test_export_then_import_into_an_empty_bank_keeps_both_languages(db, fmt):
    _bilingual_bank()
    before = _bank()
    data = questions_export(fmt=fmt)
    Question.objects.all().delete()
    for category in QuestionCategory.objects.order_by("-full_name"):  # children first
        category.delete()
    assert not QuestionCategory.objects.exists()
    questions_import(data=data, fmt=fmt)
    assert _bank() == before


def test_the_gift_export_keeps_english_in_comment_lines(db):
    _bilingual_bank()
    text = questions_export(fmt="gift").decode()
    assert "$CATEGORY: $course$/top/课程/模块一\n// [category_en: Course/]\n" in text
    assert "// [question_en: Which?]\n" in text
    english = [line for line in text.splitlines() if "_en:" in line]
    assert len(english) == 11 and all(line.startswith("// [") for line in english)


def test_the_csv_export_writes_each_english_column_beside_its_chinese_one(db):
    _bilingual_bank()
    header = questions_export(fmt="csv").decode("utf-8-sig").splitlines()[0]
    assert header == (
        "category,category_en,type,question,question_en,points,scoring,tags,explanation,"
        "explanation_en,active,answer,keep_choice_order,choice_1,choice_1_en,choice_2,"
        "choice_2_en,choice_3,choice_3_en"
    )


# --- The import page in /cms/ ------------------------------------------------------------------


@pytest.fixture
def english_trainer(trainer_client):
    """The trainer reads /cms/ in English (chosen with the language switcher)."""
    trainer_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return trainer_client


def test_the_import_page_explains_the_english_columns_and_annotations(english_trainer):
    page = english_trainer.get(reverse("exams_question_import")).content.decode()
    assert "question_en" in page and "choice_1_en" in page and "category_en" in page
    assert "[question_en: …]" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [("bank.csv", BILINGUAL_CSV.encode()), ("bank.gift", BILINGUAL_GIFT.encode())],
)
def test_the_import_page_imports_a_file_in_both_languages(english_trainer, name, content):
    upload = SimpleUploadedFile(name, content)
    response = english_trainer.post(
        reverse("exams_question_import"), {"file": upload, "category": "后台"}, follow=True
    )
    assert response.status_code == 200
    assert "2 questions imported." in response.content.decode()
    question = Question.objects.get(kind="single")
    assert question.text_en in ("What comes first?", "Where is the fishbone used?")
    assert any(c.text_en for c in question.choices.all())
    assert question.category.full_name.startswith("后台/")
    levels, category = [], question.category
    while category is not None:
        levels.append(category.name_en)
        category = category.parent
    assert any(levels)  # the file's English level names were saved on the categories


def test_the_import_page_lists_english_problems_and_imports_nothing(english_trainer):
    bad = "type,question,answer,choice_1,choice_2,choice_3_en\nsingle,题,A,甲,乙,Three\n"
    upload = SimpleUploadedFile("bank.csv", bad.encode())
    response = english_trainer.post(reverse("exams_question_import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-problems"' in page
    assert "line 2: choice_3_en: there is no choice 3" in page
    assert not Question.objects.exists()


def test_gift_annotation_syntax_inside_an_english_text_is_only_text():
    text = (
        "// [question_en: Which ones? [scoring: all_or_nothing\\] [points: 9\\]]\n"
        "::Q:: 哪些？ {~%50%甲 ~%50%乙 ~%-100%丙}"
    )
    (question,), problems = gift.parse(text)
    assert problems == []
    assert question.text_en == "Which ones? [scoring: all_or_nothing] [points: 9]"
    assert (question.scoring, question.points) == ("partial", 1)  # the weights' default
