"""Demo assessment: program ASE-L1 售后工程师一级认证 with an active scheme built from the deck,
and on-the-job metrics for period 2026-Q3 for the twelve demo learners (E1001…E1012).

Called by ``manage.py load_demo_data`` after the course and exam demos; safe to run again (the
program and its first version are created once; metric values are upserted, so a second run
changes nothing).

With exam and practice scores around 70–90 the spread is: nine certified (one excellent,
several good, some pass), 杨帆 (E1006) not certified because teamwork is below the dimension
gate, 周杰 (E1009) not certified because technical ability, service attitude and work efficiency
are below it, and 徐刚 (E1011) incomplete: his supervisor rating is missing.

The supervisor ratings come from a closed supervisor evaluation, “2026 年三季度主管评价”: each
learner's manager (``User.manager`` when the demo loads) rated them on the five default items,
and closing the round wrote the means as ``supervisor_rating`` (decision 0703). Nobody rated 徐刚.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page

from assessment import definition, inputs
from assessment.metric_rows import RawRow
from assessment.models import Prerequisite, Program, SupervisorRound
from assessment.services.metrics import MetricCounts, metrics_apply, metrics_plan
from assessment.services.schemes import scheme_import
from assessment.services.supervisor import (
    default_supervisor_items,
    supervisor_rating_submit,
    supervisor_round_close,
    supervisor_round_open,
)

PROGRAM = {
    "code": "ASE-L1",
    "name": "售后工程师一级认证",
    "name_en": "After-sales Engineer Level 1 Certification",
    "validity_months": 24,
}
PERIOD = "2026-Q3"
EXAM_SLUG = "ase-l1-certification"
CASE_SLUGS = [
    "case-alarm-after-repair",
    "case-repeat-fault-complaint",
    "case-remote-part-replacement",
]


def _indicator(
    code, name, unit, source, weight, worst, best, low, high, suggestion, *, english, **extra
):
    """An indicator of the demo scheme; ``english``: its (name, unit, suggestion) in English."""
    name_en, unit_en, suggestion_en = english
    return {
        "code": code,
        "name": name,
        "name_en": name_en,
        "unit": unit,
        **({"unit_en": unit_en} if unit_en != unit else {}),
        "source": source,
        "weight": weight,
        "worst": worst,
        "best": best,
        "min_value": low,
        "max_value": high,
        **extra,
        "suggestion": suggestion,
        "suggestion_en": suggestion_en,
    }


SCHEME = {
    "program": PROGRAM,
    "components": {"exam": 30, "practice": 30, "on_the_job": 40},
    "exams": [EXAM_SLUG],
    "practice_cases": CASE_SLUGS,
    "dimensions": [
        {
            "code": "technical_ability",
            "name": "技术能力",
            "name_en": "Technical ability",
            "weight": 25,
            "indicators": [
                _indicator(
                    "first_time_fix_rate",
                    "一次修复率",
                    "%",
                    "work_records",
                    60,
                    60,
                    95,
                    0,
                    100,
                    "按“问题识别—原因分析—方案制定—实施跟踪”四步处理故障；先用鱼骨图找到根本原因，"
                    "再动手维修。",
                    english=(
                        "First-time fix rate",
                        "%",
                        "Handle a fault in the four stages — identify and define, analyse causes, "
                        "plan the solution, implement and track; find the root cause with a "
                        "fishbone diagram before you start the repair.",
                    ),
                ),
                _indicator(
                    "repeat_repair_rate",
                    "重复维修率",
                    "%",
                    "work_records",
                    40,
                    15,
                    0,
                    0,
                    100,
                    "维修完成后严格做测试和验收，并在一周内回访客户，确认问题已经解决。",
                    english=(
                        "Repeat repair rate",
                        "%",
                        "Test and check every repair strictly before handing over, and call the "
                        "customer back within a week to confirm the problem is solved.",
                    ),
                ),
            ],
        },
        {
            "code": "service_attitude",
            "name": "服务态度",
            "name_en": "Service attitude",
            "weight": 25,
            "indicators": [
                _indicator(
                    "customer_satisfaction",
                    "客户满意度",
                    "分",
                    "customer_feedback",
                    60,
                    3,
                    5,
                    1,
                    5,
                    "接单后先复述客户的问题并确认需求，维修中及时告知进度，注意礼貌用语。",
                    english=(
                        "Customer satisfaction",
                        "points",
                        "When you take a job, first repeat the customer's problem back and confirm"
                        " what they need; keep them informed during the repair, and mind your "
                        "courtesy.",
                    ),
                ),
                _indicator(
                    "complaints",
                    "有效投诉",
                    "次",
                    "customer_feedback",
                    40,
                    3,
                    0,
                    0,
                    100,
                    "复盘每一次投诉，找出服务流程中的缺口，和主管一起制定改进措施。",
                    bands=[
                        {"max": 0, "score": 100},
                        {"max": 1, "score": 60},
                        {"max": 2, "score": 30},
                        {"score": 0},
                    ],
                    english=(
                        "Valid complaints",
                        "times",
                        "Review every complaint, find the gap in the service process, and agree on"
                        " improvements with your supervisor.",
                    ),
                ),
            ],
        },
        {
            "code": "teamwork",
            "name": "团队协作",
            "name_en": "Teamwork",
            "weight": 25,
            "indicators": [
                _indicator(
                    "peer_teamwork_rating",
                    "同事协作评分",
                    "分",
                    "peer_evaluation",
                    60,
                    1,
                    5,
                    1,
                    5,
                    "主动与同事分享维修经验和案例，积极参与团队的技术交流。",
                    english=(
                        "Peer teamwork rating",
                        "points",
                        "Share repair experience and cases with colleagues and take an active part"
                        " in the team's technical exchanges.",
                    ),
                ),
                _indicator(
                    "supervisor_rating",
                    "主管评价",
                    "分",
                    "supervisor",
                    40,
                    1,
                    5,
                    1,
                    5,
                    "与主管定期沟通工作目标，及时反馈问题和改进建议。",
                    english=(
                        "Supervisor rating",
                        "points",
                        "Talk through your work goals with your supervisor regularly, and report "
                        "problems and improvement ideas promptly.",
                    ),
                ),
            ],
        },
        {
            "code": "work_efficiency",
            "name": "工作效率",
            "name_en": "Work efficiency",
            "weight": 25,
            "indicators": [
                _indicator(
                    "response_time_hours",
                    "平均响应时间",
                    "小时",
                    "work_records",
                    30,
                    24,
                    2,
                    0,
                    720,
                    "接到报修后尽快响应：先远程指导客户排查，再安排上门。",
                    english=(
                        "Mean response time",
                        "hours",
                        "Respond quickly to a repair request: guide the customer through remote "
                        "checks first, then arrange a site visit.",
                    ),
                ),
                _indicator(
                    "mean_time_to_repair",
                    "平均修复时长",
                    "小时",
                    "work_records",
                    30,
                    48,
                    4,
                    0,
                    720,
                    "出发前备好常用备件和工具，按工作流程规范操作，减少返工。",
                    english=(
                        "Mean time to repair",
                        "hours",
                        "Pack the common spare parts and tools before you set out, follow the work"
                        " procedure and avoid rework.",
                    ),
                ),
                _indicator(
                    "work_plan_completion",
                    "工作计划完成率",
                    "%",
                    "supervisor",
                    40,
                    60,
                    100,
                    0,
                    100,
                    "每周制定工作计划并跟踪完成情况，合理安排时间。",
                    english=(
                        "Work plan completion rate",
                        "%",
                        "Make a work plan every week, track how it is going and plan your time "
                        "sensibly.",
                    ),
                ),
            ],
        },
    ],
    "gates": {"exam_min": 60, "practice_min": 60, "dimension_min": 50},
    "pass_mark": 60,
    "grade_bands": [
        {"code": "excellent", "min": 90, "name": "优秀", "name_en": "Excellent"},
        {"code": "good", "min": 80, "name": "良好", "name_en": "Good"},
        {"code": "pass", "min": 60, "name": "合格", "name_en": "Pass"},
    ],
}

INDICATORS = (
    "first_time_fix_rate",
    "repeat_repair_rate",
    "customer_satisfaction",
    "complaints",
    "peer_teamwork_rating",
    "supervisor_rating",
    "response_time_hours",
    "mean_time_to_repair",
    "work_plan_completion",
)
# One row per learner, in the order of INDICATORS; None: no value recorded. The values of
# supervisor_rating are not written as metrics: they are the means of SUPERVISOR_SCORES.
METRICS = {
    "E1001": ("88", "4", "4.6", "0", "4.3", "4.0", "4", "10", "92"),
    "E1002": ("94", "1", "4.9", "0", "4.7", "4.6", "2.5", "6", "98"),
    "E1003": ("82", "6", "4.3", "1", "4.0", "3.8", "6", "14", "88"),
    "E1004": ("79", "7", "4.2", "1", "3.9", "3.6", "8", "18", "85"),
    "E1005": ("90", "3", "4.7", "0", "4.5", "4.2", "3", "8", "95"),
    "E1006": ("86", "5", "4.4", "0", "2.2", "2.4", "5", "12", "90"),  # teamwork below the gate
    "E1007": ("78", "7", "4.1", "1", "3.8", "3.6", "9", "20", "82"),
    "E1008": ("84", "5", "4.5", "0", "4.1", "4.0", "5", "12", "91"),
    "E1009": ("66", "12", "3.9", "2", "3.5", "3.2", "20", "40", "65"),  # three dimensions low
    "E1010": ("81", "6", "4.4", "0", "4.2", "3.8", "6", "15", "89"),
    "E1011": ("83", "5", "4.3", "1", "4.0", None, "6", "13", "87"),  # supervisor rating missing
    "E1012": ("92", "2", "4.8", "0", "4.4", "4.4", "3", "7", "96"),
}
SUPERVISOR_ROUND = "2026 年三季度主管评价"
# What each learner's manager gave on the five default items (1–5); the mean is the value of
# supervisor_rating in METRICS. 徐刚 (E1011) was not rated: his scorecard stays incomplete.
SUPERVISOR_SCORES = {
    "E1001": [4, 4, 4, 4, 4],
    "E1002": [5, 5, 4, 5, 4],
    "E1003": [4, 4, 4, 4, 3],
    "E1004": [4, 4, 3, 4, 3],
    "E1005": [4, 4, 5, 4, 4],
    "E1006": [3, 2, 2, 3, 2],
    "E1007": [4, 4, 3, 4, 3],
    "E1008": [4, 4, 4, 4, 4],
    "E1009": [3, 3, 4, 3, 3],
    "E1010": [4, 4, 4, 4, 3],
    "E1012": [5, 4, 4, 5, 4],
}
SOURCES = {
    "work_records": "服务工单系统",
    "customer_feedback": "客户回访",
    "peer_evaluation": "同事评价",
    "supervisor": "主管评价",
}


def _course_page_id() -> int | None:
    """The demo course page, if the course app's demo made one (found by its content type, so
    this module does not import the course app)."""
    content_type = ContentType.objects.filter(app_label="courses", model="coursepage").first()
    if content_type is None:
        return None
    return (
        Page.objects.filter(content_type=content_type)
        .order_by("path")
        .values_list("pk", flat=True)
        .first()
    )


def load(*, password: str | None, stdout) -> None:
    program = Program.objects.filter(code=PROGRAM["code"]).first()
    if program is None or not program.versions.exists():
        # The slugs are those of the exam demo, which runs before this one.
        imported = scheme_import(
            data=SCHEME,
            activate=True,
            check_references=False,
            note="演示方案：依据《问题分析解决售后工程师考核方案课程实践解读》",
        )
        program, created = imported.program, True
    else:
        created = False
    course_id = _course_page_id()
    if course_id is not None and program.course_id is None:
        program.course_id = course_id
        program.save(update_fields=["course"])
    if not program.description:
        program.description = (
            "新入职售后工程师的一级认证：认证考试、三个实践案例，以及技术能力、服务态度、"
            "团队协作、工作效率四个维度的在岗表现。"
        )
        program.description_en = (
            "Level 1 certification for newly hired after-sales engineers: the certification "
            "exam, three practice cases, and on-the-job performance in four dimensions — "
            "technical ability, service attitude, teamwork and work efficiency."
        )
        program.save(update_fields=["description", "description_en"])
    if not program.name_en:
        program.name_en = PROGRAM["name_en"]
        program.save(update_fields=["name_en"])

    counts = _load_metrics()
    rated = _load_supervisor_round(program)
    required = _load_prerequisites()
    stdout.write(
        f"  assessment: program {program.code} {'created' if created else 'already there'}, "
        f"{counts.created + rated.created} metric records created, "
        f"{counts.updated + counts.unchanged + rated.updated + rated.unchanged} kept, "
        f"{required} exam prerequisites created"
    )


# The certification exam requires the first knowledge check at 60 % and the first practice
# case passed (decision 0802). On the demo data ``learner`` and ``learner03`` may start their
# second attempt; ``learner02`` (50 % in the knowledge check) is shown what is missing.
PREREQUISITES = [
    {"kind": "quiz", "slug": "kc-module-1", "min_percent": Decimal("60")},
    {"kind": "case", "slug": "case-alarm-after-repair"},
]


def _load_prerequisites() -> int:
    """The demo exam's prerequisites, once each. The quizzes and the case are found through
    the prerequisite's own foreign keys (this module imports neither app)."""
    field = Prerequisite._meta.get_field
    quizzes = field("quiz").related_model.objects.filter(
        slug__in=[EXAM_SLUG] + [p["slug"] for p in PREREQUISITES if p["kind"] == "quiz"]
    )
    quiz_ids = dict(quizzes.values_list("slug", "pk"))
    case_ids = dict(field("case").related_model.objects.values_list("slug", "pk"))
    exam_id = quiz_ids.get(EXAM_SLUG)
    if exam_id is None:
        return 0
    trainer = get_user_model().objects.filter(username="trainer").first()
    created = 0
    for item in PREREQUISITES:
        target = quiz_ids if item["kind"] == "quiz" else case_ids
        if item["slug"] not in target:
            continue
        _row, was_created = Prerequisite.objects.get_or_create(
            exam_id=exam_id,
            kind=item["kind"],
            **{f"{item['kind']}_id": target[item["slug"]]},
            defaults={"min_percent": item.get("min_percent"), "created_by": trainer},
        )
        created += was_created
    return created


def _load_metrics() -> MetricCounts:
    """Every demo metric value except the supervisor ratings, as an import would write it."""
    sources = {i["code"]: i["source"] for d in SCHEME["dimensions"] for i in d["indicators"]}
    rows = []
    for employee_id, values in METRICS.items():
        for code, value in zip(INDICATORS, values, strict=True):
            if value is None or code == "supervisor_rating":
                continue
            rows.append(
                RawRow(
                    len(rows) + 1,
                    {
                        "employee_id": employee_id,
                        "indicator": code,
                        "period": PERIOD,
                        "value": value,
                        "source": SOURCES[sources[code]],
                        "note": "",
                    },
                )
            )
    plan = metrics_plan(rows=rows)
    if not plan.ok:
        raise RuntimeError("; ".join(str(e) for e in plan.errors))
    return metrics_apply(plan=plan, via="demo data")


def _load_supervisor_round(program) -> MetricCounts:
    """The closed supervisor evaluation whose means are the demo's supervisor ratings. Each
    learner is rated by their manager as the accounts stand now; a learner without a manager
    stays unrated. Loaded once: a second run finds the round and keeps it."""
    loaded = SupervisorRound.objects.filter(program=program, title=SUPERVISOR_ROUND).first()
    if loaded is not None:
        return MetricCounts(0, 0, loaded.ratings.filter(submitted_at__isnull=False).count())
    learners = {
        u.employee_id: u
        for u in get_user_model().objects.filter(employee_id__in=METRICS).select_related("manager")
    }
    cohort = next(iter(inputs.cohorts(course_id=program.course_id)), None)
    supervisor_round = supervisor_round_open(
        title=SUPERVISOR_ROUND,
        program=program,
        cohort_id=cohort.id if cohort else 0,
        cohort_name=cohort.name if cohort else "",
        member_ids=[u.pk for u in learners.values()],
        period=PERIOD,
        indicator="supervisor_rating",
        items=default_supervisor_items(),
    )
    for rating in supervisor_round.ratings.select_related("employee__manager"):
        scores = SUPERVISOR_SCORES.get(rating.employee.employee_id)
        if scores and rating.employee.manager is not None:
            supervisor_rating_submit(rating=rating, manager=rating.employee.manager, scores=scores)
    with translation.override("zh-hans"):  # the note on the records, in the site's language
        return supervisor_round_close(supervisor_round=supervisor_round).counts


def expected_scheme():
    """The demo scheme as the formula sees it (for tests and documentation)."""
    return definition.parse(SCHEME)
