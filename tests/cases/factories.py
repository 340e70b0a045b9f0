"""Factories for practice cases, rubrics and reports."""

from __future__ import annotations

from decimal import Decimal

import factory

from cases import services
from cases.models import Marking, PracticeCase, Rubric, RubricCriterion, RubricLevel
from cases.report import ReportContent

LABELS = ["未达到", "基本达到", "良好", "优秀"]


def make_rubric(
    *,
    title: str = "方法论评分标准",
    criteria: tuple = ((20, False), (25, True), (20, False), (15, False), (10, False), (10, False)),
) -> Rubric:
    """A rubric whose criteria have four levels worth 0, ½, ¾ and all of ``points``.
    Each ``criteria`` item is (points, critical); a critical criterion needs level 2."""
    rubric = Rubric.objects.create(title=title)
    for order, (points, critical) in enumerate(criteria):
        criterion = RubricCriterion.objects.create(
            rubric=rubric,
            sort_order=order,
            title=f"标准{order + 1}",
            description=f"第{order + 1}项标准的说明",
            critical=critical,
            minimum_level=2 if critical else None,
        )
        values = [Decimal(0), Decimal(points) / 2, Decimal(points) * 3 / 4, Decimal(points)]
        for position, (label, value) in enumerate(zip(LABELS, values, strict=True)):
            RubricLevel.objects.create(
                criterion=criterion,
                sort_order=position,
                label=label,
                descriptor=f"{label}的描述",
                points=value,
            )
    return rubric


def translate_rubric(rubric: Rubric) -> Rubric:
    """Give every text of ``rubric`` an English sibling: criteria "Criterion n", levels
    "Does not meet", "Partly meets", "Level 3", "Level 4"."""
    rubric.title_en = "Method rubric"
    rubric.description_en = "How reports are marked."
    rubric.save()
    for criterion in RubricCriterion.objects.filter(rubric=rubric):
        criterion.title_en = f"Criterion {criterion.sort_order + 1}"
        criterion.description_en = f"What criterion {criterion.sort_order + 1} looks at"
        criterion.save()
    for level in RubricLevel.objects.filter(criterion__rubric=rubric):
        level.label_en = {"未达到": "Does not meet", "基本达到": "Partly meets"}.get(
            level.label, f"Level {level.sort_order + 1}"
        )
        level.descriptor_en = f"A report at level {level.sort_order + 1}"
        level.save()
    return rubric


class PracticeCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCase

    title = factory.Sequence(lambda n: f"练习案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "一句话摘要"
    customer = "某客户"
    scenario = "<p>设备报警停机。</p>"
    rubric = factory.LazyFunction(make_rubric)
    pass_mark = Decimal("60")
    resubmissions_allowed = 1
    marking = Marking.SINGLE
    blind_marking = False


def complete_report(**changes) -> ReportContent:
    content = ReportContent(
        problem_statement="更换编码器后运行 20 分钟报警停机。",
        classification="设备故障，影响高。",
        scope="只涉及一台加工中心的主轴系统。",
        information_collected="报警日志、维修记录、温度测量。",
        fishbone={
            "effect": "主轴过载报警",
            "categories": [
                {"name": "设备", "causes": ["编码器参数不匹配", "轴承预紧"]},
                {"name": "方法", "causes": ["试机时间过短"]},
            ],
        },
        five_whys=["负载过高", "电流过大", "反馈参数错误"],
        root_cause="编码器反馈参数未修改。",
        solutions=[
            {"option": "改参数", "cost": "0 元", "time": "当天", "effect": "根治", "chosen": True},
            {"option": "换回", "cost": "3800", "time": "3 天", "effect": "根治", "chosen": False},
        ],
        implementation_plan=[
            {"step": "修改参数", "owner": "工程师", "date": "2026-07-15", "resources": "电脑"},
        ],
        verification="连续运行 8 小时无报警。",
        customer_satisfaction="客户满意，9 分。",
        lessons_learned="更换反馈元件后核对参数。",
    )
    for name, value in changes.items():
        setattr(content, name, value)
    return content


def submitted_report(case, learner, content: ReportContent | None = None):
    draft = services.report_open_draft(case=case, learner=learner)
    services.report_save_draft(submission=draft, content=content or complete_report())
    services.report_submit(submission=draft)
    draft.refresh_from_db()
    return draft


def levels_at(rubric: Rubric, rank: int | list[int]) -> dict[int, int]:
    """``{criterion_id: level_id}`` choosing the level of the given rank (0 = lowest) for every
    criterion, or rank per criterion when a list is given."""
    chosen = {}
    criteria = list(rubric.criteria.order_by("sort_order", "pk").prefetch_related("levels"))
    ranks = rank if isinstance(rank, list) else [rank] * len(criteria)
    for criterion, position in zip(criteria, ranks, strict=True):
        chosen[criterion.pk] = criterion.ranked_levels[position].pk
    return chosen


def mark_entry(rubric: Rubric, rank, feedback: str = "总体反馈") -> services.MarkInput:
    levels = levels_at(rubric, rank)
    return services.MarkInput(
        levels=levels, comments={pk: f"评语{pk}" for pk in levels}, feedback=feedback
    )


def editor_data(content: ReportContent | None = None, action: str = "save") -> dict:
    """The POST data of the report editor for ``content``, as a browser without JavaScript
    sends it (formset management fields included)."""
    content = content or complete_report()
    data = {
        "action": action,
        "problem_statement": content.problem_statement,
        "classification": content.classification,
        "scope": content.scope,
        "information_collected": content.information_collected,
        "fishbone_effect": content.effect,
        "root_cause": content.root_cause,
        "verification": content.verification,
        "customer_satisfaction": content.customer_satisfaction,
        "lessons_learned": content.lessons_learned,
    }
    rows = {
        "fishbone": [
            {"name": c["name"], "causes": "\n".join(c["causes"])} for c in content.categories
        ],
        "whys": [{"answer": answer} for answer in content.five_whys],
        "solutions": [
            {key: row[key] for key in ("option", "cost", "time", "effect")}
            for row in content.solutions
        ],
        "plan": list(content.implementation_plan),
    }
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items) + 1)  # and one empty row
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, item in enumerate(items):
            for key, value in item.items():
                data[f"{prefix}-{index}-{key}"] = value
    chosen = next((i for i, row in enumerate(content.solutions) if row.get("chosen")), None)
    if chosen is not None:
        data["chosen_solution"] = str(chosen)
    return data
