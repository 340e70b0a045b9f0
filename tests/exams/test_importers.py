"""Importing and exporting the bank: Moodle GIFT, CSV, XLSX; all or nothing with line numbers."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from exams.importers import gift, tabular
from exams.models import Question, QuestionCategory
from exams.services.bank import ImportFailed, questions_export, questions_import


@pytest.fixture(autouse=True)
def english():
    """Problems are read in English here (the catalogs are tested elsewhere)."""
    with translation.override("en"):
        yield


GIFT = """// A Moodle export, with this platform's annotations
$CATEGORY: $course$/top/售后课程/模块三

// [points: 2] [tags: technical_ability]
::Q1:: 鱼骨图用于哪个阶段？ {
  =问题原因分析 #对
  ~问题识别与定义
  ~效果评估
  ####鱼骨图是因果分析工具。
}

::Q2:: 实施计划包括？ {~%50%步骤 ~%50%时间表 ~%-100%客户爱好}

::Q3:: 5 Whys 用于找到根本原因。{T}

::Q4:: [html]<p>请简述<b>四阶段</b>方法。</p> {}

What is 1\\+1\\=? Write \\{answer\\} {=二 ~三}
"""


def test_gift_parses_the_four_supported_types():
    questions, problems = gift.parse(GIFT)
    assert problems == []
    q1, q2, q3, q4, q5 = questions
    assert (q1.kind, q1.text, q1.points, q1.tags) == (
        "single",
        "鱼骨图用于哪个阶段？",
        D("2"),
        ("technical_ability",),
    )
    assert q1.choices == [("问题原因分析", True), ("问题识别与定义", False), ("效果评估", False)]
    assert q1.explanation == "鱼骨图是因果分析工具。"
    assert q1.category == ("售后课程", "模块三")
    assert q1.line == 5
    assert (q2.kind, q2.scoring) == ("multiple", "partial")
    assert q2.choices == [("步骤", True), ("时间表", True), ("客户爱好", False)]
    assert (q3.kind, q3.true_false_answer) == ("true_false", True)
    assert (q4.kind, q4.text) == ("essay", "请简述四阶段方法。")
    assert q5.text == "What is 1\\+1=? Write {answer}"
    assert q5.choices == [("二", True), ("三", False)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("::N:: 数字题 {#3:0.5}", "numeric"),
        ("::M:: 匹配题 {=a -> 1 =b -> 2}", "matching"),
        ("::S:: 简答题 {=答案一 =答案二}", "short-answer"),
        ("::U:: 没有答案块", "no answer block"),
        ("::C:: 没有闭合 {=a ~b", "not closed"),
        ("::O:: 单选两个对 {=a =b ~c}", "exactly one right"),
        ("::O:: 只有一个选项 {=a}", "short-answer"),
    ],
)
def test_gift_reports_unsupported_and_bad_questions_with_line_numbers(text, message):
    _questions, problems = gift.parse("// comment\n\n" + text)
    assert problems and problems[0].line == 3
    assert message in problems[0].message


CSV = (
    "category,type,question,points,scoring,tags,explanation,active,answer,"
    "choice_1,choice_2,choice_3\n"
    """模块一,single,工作流程第一步？,2,,service_attitude,先接报修,,A,接收报修,现场维修,测试验收
模块一,多选,设计原则？,3,partial,"teamwork,work_efficiency",,yes,"A,B",公平公正,客观可衡量,领导偏好
模块一,判断,回访很重要。,,,,,,对,,,
模块一,essay,简述流程。,10,,,,no,,,,
"""
)


def test_csv_parses_every_type_and_chinese_aliases():
    questions, problems = tabular.parse_csv(CSV)
    assert problems == []
    single, multiple, tf, essay = questions
    assert single.choices == [("接收报修", True), ("现场维修", False), ("测试验收", False)]
    assert single.points == D("2") and single.tags == ("service_attitude",)
    assert multiple.kind == "multiple" and multiple.scoring == "partial"
    assert multiple.tags == ("teamwork", "work_efficiency")
    assert (tf.kind, tf.true_false_answer, tf.points) == ("true_false", True, D("1"))
    assert (essay.kind, essay.active, essay.line) == ("essay", False, 5)


def test_csv_errors_carry_line_numbers_and_nothing_is_written(db):
    bad = (
        "type,question,answer,choice_1,choice_2\n"
        "single,好题,A,甲,乙\n"
        'single,"跨两行\n的题",C,甲,乙\n'
        "single,,A,甲,乙\n"
        "riddle,谜语,,,\n"
        "multiple,多选,,甲,乙\n"
    )
    with pytest.raises(ImportFailed) as failure:
        questions_import(data=bad.encode(), fmt="csv", category_path="导入")
    lines = [p.line for p in failure.value.problems]
    assert lines == [3, 3, 5, 6, 7]
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_csv_header_must_name_type_and_question():
    _q, problems = tabular.parse_csv("kind,text\nsingle,x\n")
    assert problems[0].line == 1 and "type" in problems[0].message


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_import(db):
    data = _xlsx(
        [
            ["type", "question", "points", "answer", "choice_1", "choice_2"],
            ["single", "题一", 2, "B", "甲", "乙"],
            ["true_false", "题二", None, "false", None, None],
        ]
    )
    report = questions_import(data=data, fmt="xlsx", category_path="Excel/导入")
    assert report.questions == 2
    single = Question.objects.get(text="题一")
    assert single.category.full_name == "Excel/导入"
    assert [c.is_correct for c in single.choices.order_by("sort_order")] == [False, True]
    assert Question.objects.get(text="题二").true_false_answer is False


def test_xlsx_errors_name_the_row(db):
    data = _xlsx([["type", "question", "answer", "choice_1"], ["single", "x", "Z", "甲"]])
    with pytest.raises(ImportFailed) as failure:
        questions_import(data=data, fmt="xlsx")
    assert failure.value.problems[0].line == 2


def test_an_xlsx_formula_is_refused_not_read_as_empty(db):
    data = _xlsx(
        [
            ["type", "question", "points", "answer", "choice_1", "choice_2"],
            ["single", "题一", "=1+1", "B", "甲", "乙"],
        ]
    )
    with pytest.raises(ImportFailed) as failure:
        questions_import(data=data, fmt="xlsx")
    assert [str(p) for p in failure.value.problems] == [
        "line 2: column 3: formulas are not accepted: paste values"
    ]
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("NaN", "points: “NaN” is not a number"),
        ("sNaN", "points: “sNaN” is not a number"),
        ("Infinity", "points: “Infinity” is not a number"),
        ("1e999999999", "points: the value is too large"),
        ("9" * 5000, "is not a number"),
        ("-0", "points must be more than 0"),
        ("1.005", "points: use at most 2 decimal places"),
    ],
    ids=["nan", "snan", "infinity", "huge-exponent", "5000-digits", "negative-zero", "places"],
)
def test_hostile_points_are_a_problem_with_a_line_not_a_crash(points, message):
    csv_text = f"type,question,points,answer,choice_1,choice_2\nsingle,题一,{points},A,甲,乙\n"
    gift_text = f"// [points: {points}]\n::Q1:: 题一 {{=甲 ~乙}}\n"
    for _questions, problems in (tabular.parse_csv(csv_text), gift.parse(gift_text)):
        assert any(message in str(p) for p in problems), problems


def test_not_an_xlsx_file(db):
    with pytest.raises(ImportFailed) as failure:
        questions_import(data=b"plain text", fmt="xlsx")
    assert "XLSX" in str(failure.value)


def test_gift_import_creates_categories_tags_and_choices(db):
    report = questions_import(data=GIFT.encode(), fmt="gift", category_path="题库")
    assert report.questions == 5
    q1 = Question.objects.get(text="鱼骨图用于哪个阶段？")
    assert q1.category.full_name == "题库/售后课程/模块三"
    assert [t.slug for t in q1.tags.all()] == ["technical_ability"]
    assert q1.points == D("2") and q1.choices.count() == 3


def test_dry_run_writes_nothing(db):
    report = questions_import(data=GIFT.encode(), fmt="gift", dry_run=True)
    assert report.questions == 5 and report.dry_run
    assert not Question.objects.exists()


@pytest.mark.parametrize("fmt", ["gift", "csv", "xlsx"])
def test_export_then_import_round_trips(db, fmt):
    questions_import(data=KEEP_ORDER_GIFT.encode(), fmt="gift", category_path="原始")
    questions_import(data=GIFT.encode(), fmt="gift", category_path="原始")
    questions_import(data=CSV.encode(), fmt="csv", category_path="原始")
    before = _bank_summary("原始")
    assert sum(row[-1] for row in before) == 1  # the question that keeps its choice order
    data = questions_export(fmt=fmt, category_path="原始")
    questions_import(data=data, fmt=fmt, category_path="副本")
    after = _bank_summary("副本/原始")
    assert after == before


def _bank_summary(prefix):
    rows = []
    for q in Question.objects.filter(category__full_name__startswith=prefix).order_by("pk"):
        rows.append(
            (
                q.category.full_name.removeprefix(prefix),
                q.kind,
                q.text,
                q.points,
                q.scoring if q.kind == "multiple" else "",
                q.explanation,
                q.active,
                q.true_false_answer if q.kind == "true_false" else None,
                tuple(sorted(t.slug for t in q.tags.all())),
                tuple((c.text, c.is_correct) for c in q.choices.order_by("sort_order")),
                q.keep_choice_order,
            )
        )
    return rows


KEEP_ORDER_GIFT = """// [points: 1] [keep_choice_order: yes]
::K1:: 哪些做法正确？ {~及时回访 ~记录工单 =以上都对}
"""


def test_keep_choice_order_is_read_from_gift_and_csv(db):
    (kept,), problems = gift.parse(KEEP_ORDER_GIFT)
    assert problems == [] and kept.keep_choice_order is True
    (plain,), _problems = gift.parse("::P:: 哪个？ {=甲 ~乙}")
    assert plain.keep_choice_order is False
    csv_text = (
        "type,question,answer,keep_choice_order,choice_1,choice_2,choice_3\n"
        "single,哪些做法正确？,C,yes,及时回访,记录工单,以上都对\n"
        "single,哪个？,A,,甲,乙,丙\n"
        "single,哪个？,A,maybe,甲,乙,丙\n"
    )
    questions, problems = tabular.parse_csv(csv_text)
    assert [q.keep_choice_order for q in questions] == [True, False, False]
    assert [str(p) for p in problems] == ["line 4: keep_choice_order must be yes or no"]


def test_import_command(tmp_path, db):
    path = tmp_path / "bank.gift"
    path.write_text(GIFT, encoding="utf-8")
    out = io.StringIO()
    call_command("import_questions", str(path), "--category", "命令行", stdout=out)
    assert "5 question(s) imported" in out.getvalue()
    assert Question.objects.filter(category__full_name__startswith="命令行").count() == 5


def test_import_command_fails_with_line_numbers(tmp_path, db):
    path = tmp_path / "bad.txt"
    path.write_text("::A:: ok {=a ~b}\n\n::B:: bad {#1}\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_questions", str(path), "--format", "gift", stdout=io.StringIO())
    assert "line 3" in str(error.value) or "第 3 行" in str(error.value)
    assert "nothing imported" in str(error.value)
    assert not Question.objects.exists()


def test_import_command_needs_a_format(tmp_path, db):
    path = tmp_path / "bank.dat"
    path.write_text("x")
    with pytest.raises(CommandError, match="--format"):
        call_command("import_questions", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_questions", str(tmp_path / "missing.gift"))


def test_export_command(tmp_path, db):
    questions_import(data=CSV.encode(), fmt="csv", category_path="导出")
    out = io.StringIO()
    call_command("export_questions", "--format", "gift", stdout=out)
    assert "$CATEGORY: $course$/top/导出/模块一" in out.getvalue()
    target = tmp_path / "bank.xlsx"
    call_command(
        "export_questions", "--format", "xlsx", "--output", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError):
        call_command("export_questions", "--format", "xlsx")
