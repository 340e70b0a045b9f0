"""Demo practice cases: the methodology rubric, three after-sales cases and the demo learners'
reports in every state (draft, being marked, waiting for moderation, returned, graded, revised).

The rubric and the cases are written in Chinese and English (the English in
``cases/demo_en.py``); what the demo learners and graders wrote stays Chinese, as user data.

Called from ``exams/demo.py``. Safe to run again: the rubric and cases are matched by title and
slug, and a learner's reports on a case are only created when they have none yet.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cases import scoring as scoring_cases
from cases import services
from cases.demo_en import EN
from cases.models import (
    CaseMark,
    CaseSubmission,
    FaultTypeTag,
    Marking,
    MarkStatus,
    PracticeCase,
    ProductTag,
    Rubric,
    RubricCriterion,
    RubricLevel,
)
from cases.report import ReportContent
from cases.selectors.rubrics import criterion_specs, rubric_with_levels

RUBRIC_TITLE = "售后问题分析与解决方法论评分标准"
LEVEL_LABELS = ["未达到", "基本达到", "良好", "优秀"]

# (title, description, points per level, critical minimum level, descriptors per level)
CRITERIA = [
    (
        "问题识别与定义",
        "问题描述是否清晰准确，是否按性质和影响分类，范围和边界是否明确。",
        [0, 10, 15, 20],
        None,
        [
            "问题描述含糊，未分类，未界定范围。",
            "描述了故障现象，但分类或范围不完整。",
            "描述清晰，分类合理，范围基本明确。",
            "描述准确量化（时间、频次、影响），分类与范围界定清楚，无扩大或遗漏。",
        ],
    ),
    (
        "问题原因分析",
        "是否收集了数据、记录和反馈；鱼骨图是否覆盖人机料法环测；五问是否追到可验证的根本原因。",
        [0, 12, 19, 25],
        2,
        [
            "没有依据地猜测原因，未找到根本原因。",
            "有鱼骨图或五问，但证据不足，根本原因未经验证。",
            "信息充分，鱼骨图与五问逻辑清楚，根本原因有证据支持。",
            "多来源数据交叉验证，排除了其他原因，根本原因可复现、可验证。",
        ],
    ),
    (
        "解决方案制定",
        "是否提出多个方案并从成本、时间、效果比较；实施计划是否有步骤、责任人、时间和资源。",
        [0, 10, 15, 20],
        None,
        [
            "只有一个方案或没有比较，缺少实施计划。",
            "有方案比较，但评估维度不全或计划缺少责任人、时间。",
            "方案比较完整，选择理由充分，计划可执行。",
            "比较量化、考虑风险与备选，计划细致到资源和验收标准。",
        ],
    ),
    (
        "实施与跟踪",
        "是否按计划实施并监控，是否评估解决效果和客户满意度，是否提出持续改进。",
        [0, 7, 11, 15],
        None,
        [
            "没有验证效果。",
            "做了简单验证，缺少跟踪数据或客户反馈。",
            "有验证数据和客户反馈，提出了改进措施。",
            "持续跟踪并量化效果，改进措施已推广为标准或经验库。",
        ],
    ),
    (
        "报告质量",
        "结构是否完整、语言是否简洁准确、附件（照片、日志、数据）是否支撑结论。",
        [0, 5, 8, 10],
        None,
        [
            "结构混乱，关键部分缺失。",
            "结构完整但表述冗长或不准确。",
            "结构清晰，表述准确，附件相关。",
            "简洁专业，图表与附件有力支撑每个结论。",
        ],
    ),
    (
        "客户沟通",
        "是否及时、礼貌地与客户沟通原因和方案，是否理解并回应客户需求。",
        [0, 5, 8, 10],
        None,
        [
            "未与客户沟通或沟通引起不满。",
            "告知了客户结果，但未解释原因或未确认需求。",
            "主动说明原因、方案和时间，客户认可。",
            "沟通专业透明，管理了客户预期，并回访确认满意。",
        ],
    ),
]


@dataclass(frozen=True)
class DemoCase:
    slug: str
    title: str
    summary: str
    customer: str
    products: tuple[str, ...]
    faults: tuple[str, ...]
    marking: str
    blind: bool
    resubmissions: int
    scenario: str  # HTML with {photo} and {log} placeholders


CASES = [
    DemoCase(
        slug="case-alarm-after-repair",
        title="维修后设备报警停机",
        summary="更换主轴编码器后，加工中心运行约 20 分钟即报警停机。",
        customer="华东某汽车零部件厂",
        products=("XK-850 立式加工中心",),
        faults=("报警停机", "维修后故障"),
        marking=Marking.DOUBLE,
        blind=True,
        resubmissions=1,
        scenario=(
            "<h2>客户与设备</h2>"
            "<p>华东某汽车零部件厂的 XK-850 立式加工中心（2021 年投产，两班制）。"
            "上周我方工程师因主轴定位不准更换了主轴编码器，现场试机正常后验收。</p>"
            "<h2>故障现象</h2>"
            "<ul><li>维修后第二天起，设备每次开机运行约 20 分钟即出现 "
            "<b>ALM 1012 主轴过载</b> 报警并停机；</li>"
            "<li>冷机重启后可再运行 15–20 分钟；</li>"
            "<li>客户生产计划受影响，每天损失约 3 小时产能。</li></ul>"
            "{photo}"
            "<h2>客户已经尝试</h2>"
            "<ol><li>重启数控系统；</li><li>检查并重新插拔编码器接线；</li>"
            "<li>把切削参数降低 20%（报警推迟约 5 分钟出现）。</li></ol>"
            "<p>报警记录见附件：{log}</p>"
        ),
    ),
    DemoCase(
        slug="case-repeat-fault-complaint",
        title="故障复发的客户投诉",
        summary="包装机封口温度不稳定，更换温控器三周后再次漏封，客户投诉。",
        customer="华南某食品包装厂",
        products=("PK-300 自动包装机",),
        faults=("故障复发", "客户投诉"),
        marking=Marking.SINGLE,
        blind=False,
        resubmissions=1,
        scenario=(
            "<h2>客户与设备</h2>"
            "<p>华南某食品包装厂的三台 PK-300 自动包装机，其中 2 号机上月因封口温度波动"
            "导致漏封，我方更换了温控器。</p>"
            "<h2>投诉</h2>"
            "<p>三周后 2 号机再次出现漏封，一个班次报废约 1200 袋。客户生产经理来电投诉："
            "“同样的问题修了一次又来，你们到底有没有找到原因？”并要求赔偿停线损失。</p>"
            "<h2>已知信息</h2>"
            "<ul><li>温控器显示温度在设定值 ±3 ℃ 内，但封口实测温度波动达 ±12 ℃；</li>"
            "<li>故障多发生在早班开机后的第一个小时；</li>"
            "<li>1 号、3 号机使用同批次加热管，没有问题。</li></ul>"
            "{photo}"
            "<p>上次维修记录和温度曲线见附件：{log}</p>"
        ),
    ),
    DemoCase(
        slug="case-remote-part-replacement",
        title="远程指导更换部件失败",
        summary="远程指导客户更换冷水机组膨胀阀后，机组高压报警无法启动。",
        customer="西南某医院设备科",
        products=("CW-60 风冷冷水机组",),
        faults=("远程指导", "更换部件失败"),
        marking=Marking.DOUBLE,
        blind=False,
        resubmissions=2,
        scenario=(
            "<h2>客户与设备</h2>"
            "<p>西南某医院设备科的 CW-60 风冷冷水机组，为 CT 室提供冷却水。因距离远、"
            "客户催促，我方工程师通过视频通话指导医院维修人员更换电子膨胀阀。</p>"
            "<h2>故障现象</h2>"
            "<ul><li>更换后机组启动 2 分钟即出现 <b>HP 高压报警</b>，无法运行；</li>"
            "<li>CT 室改用备用空调，只能减少检查量；</li>"
            "<li>医院维修人员称“完全按视频里说的做的”。</li></ul>"
            "{photo}"
            "<h2>已经尝试</h2>"
            "<ol><li>复位报警后重启三次，均在 2–3 分钟内报警；</li>"
            "<li>检查冷凝风机运转正常；</li><li>核对新阀型号与旧阀一致。</li></ol>"
            "<p>控制器导出的运行日志见附件：{log}</p>"
        ),
    ),
]

LOG_TITLE_PREFIX = "演示日志："  # + the case slug: the title of a scenario's log document
LOGS = {
    "case-alarm-after-repair": (
        "2026-07-14 08:02:11 POWER ON\n"
        "2026-07-14 08:03:40 SPINDLE START S=6000\n"
        "2026-07-14 08:21:55 SPINDLE LOAD 118%\n"
        "2026-07-14 08:22:30 ALM 1012 SPINDLE OVERLOAD\n"
        "2026-07-14 08:22:30 EMERGENCY STOP\n"
        "2026-07-14 09:10:02 POWER ON\n"
        "2026-07-14 09:27:48 SPINDLE LOAD 121%\n"
        "2026-07-14 09:28:05 ALM 1012 SPINDLE OVERLOAD\n"
    ),
    "case-repeat-fault-complaint": (
        "日期,时间,设定温度,显示温度,实测封口温度,漏封袋数\n"
        "2026-07-20,07:10,180,178,165,86\n"
        "2026-07-20,07:40,180,181,171,40\n"
        "2026-07-20,08:30,180,180,178,3\n"
        "2026-07-21,07:05,180,177,168,92\n"
        "2026-07-21,09:00,180,180,179,0\n"
    ),
    "case-remote-part-replacement": (
        "T+000s COMP START\n"
        "T+030s HP=1.6MPa LP=0.45MPa EEV=120\n"
        "T+060s HP=2.1MPa LP=0.38MPa EEV=480\n"
        "T+090s HP=2.6MPa LP=0.30MPa EEV=480\n"
        "T+118s HP=3.0MPa ALARM HP HIGH PRESSURE\n"
        "T+118s COMP STOP\n"
    ),
}


# --- Reports the demo learners wrote -------------------------------------------------------

REPORTS = {
    "case-alarm-after-repair": ReportContent(
        problem_statement=(
            "XK-850 加工中心在更换主轴编码器后，每次开机运行 15–20 分钟出现 ALM 1012 "
            "主轴过载报警并停机，冷机后可再次运行。每天损失约 3 小时产能。"
        ),
        classification="设备故障（维修后引入），影响程度：高——影响客户生产计划。",
        scope=("只涉及 1 台 XK-850 的主轴系统；同车间其他设备正常。不包括刀具寿命和加工精度问题。"),
        information_collected=(
            "1. 报警日志：报警前主轴负载持续上升到 118–121%。\n"
            "2. 维修记录：更换了编码器，未重新做主轴定向和参数备份核对。\n"
            "3. 现场测量：主轴电机外壳温度 20 分钟内升到 68 ℃（正常 45 ℃）。\n"
            "4. 操作工反馈：报警前主轴声音变大。"
        ),
        fishbone={
            "effect": "主轴过载报警停机",
            "categories": [
                {"name": "人员", "causes": ["更换后未按规程做主轴定向", "试机时间过短"]},
                {"name": "设备", "causes": ["编码器安装同轴度偏差", "主轴轴承预紧变化"]},
                {"name": "材料", "causes": ["替换编码器型号分辨率不同"]},
                {"name": "方法", "causes": ["维修后验收只试运行 5 分钟", "参数未比对备份"]},
                {"name": "环境", "causes": ["车间温度高"]},
                {"name": "测量", "causes": ["未测电机温升"]},
            ],
        },
        five_whys=[
            "主轴负载过高触发过载保护。",
            "主轴电机电流异常增大、温升快。",
            "速度反馈与实际转速不一致，驱动器持续加大电流修正。",
            "新编码器的每转脉冲数参数仍是旧编码器的设置。",
            "维修规程没有要求更换编码器后核对反馈参数和做长时间试机。",
        ],
        root_cause=(
            "更换的编码器分辨率与原编码器不同，但驱动器反馈参数未修改，导致速度环异常、"
            "电流过大而过载。深层原因：维修验收规程缺少参数核对和 30 分钟以上试机。"
        ),
        solutions=[
            {
                "option": "修改驱动器反馈参数并重新主轴定向",
                "cost": "约 0 元，人工 2 小时",
                "time": "当天完成",
                "effect": "从根本上消除报警",
                "chosen": True,
            },
            {
                "option": "换回原型号编码器",
                "cost": "配件 3800 元",
                "time": "等件 3 天",
                "effect": "能消除报警，但停机更久",
                "chosen": False,
            },
            {
                "option": "继续降低切削参数运行",
                "cost": "产能损失约 20%",
                "time": "立即",
                "effect": "只能推迟报警，不解决问题",
                "chosen": False,
            },
        ],
        implementation_plan=[
            {
                "step": "备份现有参数，按新编码器手册修改反馈参数",
                "owner": "现场工程师",
                "date": "2026-07-15",
                "resources": "调试电脑、编码器手册",
            },
            {
                "step": "重新主轴定向，连续空运行 2 小时并记录负载和温升",
                "owner": "现场工程师",
                "date": "2026-07-15",
                "resources": "测温枪、记录表",
            },
            {
                "step": "修订维修验收规程：增加参数核对和 30 分钟试机",
                "owner": "技术主管",
                "date": "2026-07-22",
                "resources": "规程模板",
            },
        ],
        verification=(
            "修改参数后连续运行 8 小时，主轴负载稳定在 55–62%，电机温度 46 ℃，无报警。"
            "跟踪一周，共运行 78 小时无报警。"
        ),
        customer_satisfaction=(
            "客户设备主管确认恢复正常生产，回访评分 9/10。客户希望以后维修后提供试机记录。"
        ),
        lessons_learned=(
            "更换反馈元件后必须核对参数；验收试机时间要覆盖设备热平衡时间。"
            "已把本案例加入维修经验库，并在周会上分享。"
        ),
    ),
    "case-repeat-fault-complaint": ReportContent(
        problem_statement=(
            "PK-300 2 号机在上月更换温控器后三周，再次出现早班开机后第一个小时漏封，"
            "一个班次报废约 1200 袋，客户投诉并要求赔偿。"
        ),
        classification="质量问题（故障复发）+ 客户投诉，影响程度：高。",
        scope="2 号机封口加热系统；1 号、3 号机不在范围内。赔偿谈判由销售负责，不在本报告内。",
        information_collected=(
            "1. 温度记录：显示温度正常，但实测封口温度早班低 12–15 ℃。\n"
            "2. 上次维修只更换温控器，没有检查热电偶。\n"
            "3. 热电偶安装孔内有封口膜残渣，探头接触不良。\n"
            "4. 客户反馈：早班车间温度低、设备预热只有 10 分钟。"
        ),
        fishbone={
            "effect": "封口温度不稳定导致漏封",
            "categories": [
                {"name": "人员", "causes": ["早班预热时间不足"]},
                {"name": "设备", "causes": ["热电偶接触不良", "加热管老化"]},
                {"name": "材料", "causes": ["封口膜批次厚度不同"]},
                {"name": "方法", "causes": ["上次维修只换件没查因"]},
                {"name": "环境", "causes": ["早班车间温度低"]},
                {"name": "测量", "causes": ["显示温度不是封口实际温度"]},
            ],
        },
        five_whys=[
            "封口温度低于工艺要求。",
            "温控器按显示温度控制，而显示温度比实际高。",
            "热电偶测到的不是封口刀的真实温度。",
            "热电偶安装孔积了残渣，探头接触不良。",
            "保养计划里没有清洁热电偶安装孔这一项。",
        ],
        root_cause="热电偶安装孔积渣导致测温失真，温控器据此控制，封口刀实际温度偏低。",
        solutions=[
            {
                "option": "清洁安装孔、更换热电偶并加导热膏",
                "cost": "配件 260 元",
                "time": "2 小时",
                "effect": "恢复测温准确",
                "chosen": True,
            },
            {
                "option": "提高设定温度补偿",
                "cost": "0 元",
                "time": "10 分钟",
                "effect": "掩盖问题，温度随积渣变化",
                "chosen": False,
            },
        ],
        implementation_plan=[
            {
                "step": "清洁安装孔、更换热电偶、校准温控",
                "owner": "区域工程师",
                "date": "2026-07-23",
                "resources": "热电偶、导热膏、校准表",
            },
            {
                "step": "把热电偶清洁加入月度保养清单，培训客户操作工",
                "owner": "服务主管",
                "date": "2026-07-30",
                "resources": "保养清单",
            },
        ],
        verification="连续两周早班实测封口温度在 178–181 ℃，漏封为 0。",
        customer_satisfaction="向客户说明真正原因和预防措施后，客户撤回赔偿要求，满意度 8/10。",
        lessons_learned="换件不等于解决问题：复发说明根本原因还没找到，要先测实际值再换件。",
    ),
    "case-remote-part-replacement": ReportContent(
        problem_statement=(
            "远程指导更换 CW-60 电子膨胀阀后，机组启动约 2 分钟出现 HP 高压报警，无法运行，"
            "CT 室冷却受影响。"
        ),
        classification="远程服务失败引起的设备故障，影响程度：高（医疗设备保障）。",
        scope="该台机组的制冷回路和本次远程指导过程；不包括 CT 设备本身。",
        information_collected=(
            "1. 运行日志：启动后 HP 持续上升，LP 下降，EEV 开度停在 480 步。\n"
            "2. 视频回放：新阀线圈插头插在了旧阀位置标记相反的方向。\n"
            "3. 客户未做抽真空，只做了简单吹扫。\n"
            "4. 远程指导没有检查清单，只凭口头说明。"
        ),
        fishbone={
            "effect": "更换膨胀阀后高压报警",
            "categories": [
                {"name": "人员", "causes": ["客户维修人员未做过此操作", "工程师未确认每一步"]},
                {"name": "设备", "causes": ["阀线圈接线反相"]},
                {"name": "方法", "causes": ["没有远程操作清单", "未要求抽真空"]},
                {"name": "测量", "causes": ["没有在更换后检查压力"]},
            ],
        },
        five_whys=[
            "冷凝压力过高触发高压保护。",
            "膨胀阀实际处于接近关闭状态，制冷剂循环异常。",
            "控制器以为阀已打开到 480 步，但线圈反相导致阀反向动作。",
            "更换时线圈插头方向没有核对。",
            "远程指导缺少逐步确认的清单和拍照确认环节。",
        ],
        root_cause="膨胀阀线圈接线反相；根本原因是远程指导流程没有逐步确认和拍照核对。",
        solutions=[
            {
                "option": "再次远程指导：纠正接线、抽真空、补充制冷剂",
                "cost": "约 400 元",
                "time": "当天",
                "effect": "能恢复，但仍有操作风险",
                "chosen": False,
            },
            {
                "option": "派工程师到现场处理并培训",
                "cost": "差旅约 2500 元",
                "time": "次日上午",
                "effect": "一次修好并能检查系统",
                "chosen": True,
            },
        ],
        implementation_plan=[
            {
                "step": "现场纠正接线、抽真空、按铭牌补充制冷剂",
                "owner": "西南区工程师",
                "date": "2026-07-26",
                "resources": "真空泵、压力表、制冷剂",
            },
            {
                "step": "编写远程更换部件检查清单（含拍照确认）",
                "owner": "技术支持组",
                "date": "2026-08-05",
                "resources": "清单模板",
            },
        ],
        verification="现场处理后连续运行 24 小时，HP 1.7–1.9 MPa，无报警，出水温度稳定 12 ℃。",
        customer_satisfaction="设备科对当天响应表示理解，但对第一次远程失败不满意，满意度 7/10。",
        lessons_learned="远程指导要有清单、关键步骤拍照确认；涉及制冷回路的操作原则上现场处理。",
    ),
}


def _report_for(slug: str, quality: int) -> ReportContent:
    """The case's report; weaker writers leave out detail (fewer causes and whys)."""
    base = REPORTS[slug]
    content = ReportContent(**{name: getattr(base, name) for name in ReportContent.field_names()})
    if quality <= 1:
        content.fishbone = {
            "effect": base.fishbone["effect"],
            "categories": [
                {"name": c["name"], "causes": c["causes"][:1]} for c in base.fishbone["categories"]
            ][:3],
        }
        content.five_whys = base.five_whys[:2]
        content.solutions = base.solutions[:2]
        content.information_collected = base.information_collected.splitlines()[0]
    return content


def _draft_for(slug: str) -> ReportContent:
    """A report half written: the first stage and part of the cause analysis."""
    base = REPORTS[slug]
    return ReportContent(
        problem_statement=base.problem_statement,
        classification=base.classification,
        scope=base.scope,
        information_collected=base.information_collected,
        fishbone={"effect": base.fishbone["effect"], "categories": base.fishbone["categories"][:2]},
        five_whys=base.five_whys[:2],
    )


# --- Who did what ----------------------------------------------------------------------------

# Per learner: how good their reports are (0–3) and what happened on each case.
# Plans: final, final_fail, fail_then_pass, moderated, moderation, returned, draft, none, and
# three that end in a revision still in progress after a near miss (a first version that
# failed, whose score counts until the revision is graded): revision_draft, revision_submitted
# (waiting for markers) and revision_marking (a marker's draft mark). Only learner11 has cases
# without a final score, so one scorecard of the demo is incomplete.
PLANS = {
    "learner": (3, {"alarm": "final", "repeat": "final", "remote": "moderated"}),
    "learner02": (2, {"alarm": "final", "repeat": "fail_then_pass", "remote": "final"}),
    "learner03": (2, {"alarm": "fail_then_pass", "repeat": "final", "remote": "final"}),
    "learner04": (2, {"alarm": "final", "repeat": "final", "remote": "moderated"}),
    "learner05": (2, {"alarm": "fail_then_pass", "repeat": "final", "remote": "final"}),
    "learner06": (2, {"alarm": "final", "repeat": "final_fail", "remote": "final"}),
    "learner07": (3, {"alarm": "revision_submitted", "repeat": "final", "remote": "final"}),
    "learner08": (2, {"alarm": "moderated", "repeat": "final", "remote": "final"}),
    "learner09": (2, {"alarm": "final", "repeat": "revision_marking", "remote": "final"}),
    "learner10": (2, {"alarm": "final", "repeat": "final", "remote": "fail_then_pass"}),
    "learner11": (1, {"alarm": "moderation", "repeat": "returned", "remote": "draft"}),
    "learner12": (2, {"alarm": "final", "repeat": "final", "remote": "revision_draft"}),
}
CASE_KEYS = {
    "alarm": "case-alarm-after-repair",
    "repeat": "case-repeat-fault-complaint",
    "remote": "case-remote-part-replacement",
}


def load(*, password: str | None, stdout) -> None:
    User = get_user_model()
    users = User.objects.in_bulk(["trainer", "trainer2", "admin", *PLANS], field_name="username")
    if "trainer" not in users:
        stdout.write("  practice cases: skipped (run the accounts demo first)")
        return
    services.lead_trainer_grant(user=users["trainer"])
    rubric = _rubric()
    photo = _photo()
    cases = {key: _case(spec, rubric, photo) for key, spec in zip(CASE_KEYS, CASES, strict=True)}
    rng = random.Random(2026)  # noqa: S311 - a fixed seed keeps the demo the same every run
    created = 0
    for index, (username, (quality, plans)) in enumerate(PLANS.items()):
        learner = users.get(username)
        if learner is None:
            continue
        for key, plan in plans.items():
            case = cases[key]
            if plan == "none" or CaseSubmission.objects.filter(case=case, learner=learner).exists():
                continue
            _play(case, learner, quality, plan, users, rng, day=30 - 2 * index)
            created += 1
    stdout.write(
        f"  practice cases: {len(cases)} cases, rubric “{rubric}”, "
        f"{created} learners' reports created"
    )


def _english(obj, *fields: str) -> bool:
    """Fill the empty English texts of ``obj`` from ``EN``; True when one was filled."""
    filled = False
    for field in fields:
        if not getattr(obj, field + "_en") and getattr(obj, field) in EN:
            setattr(obj, field + "_en", EN[getattr(obj, field)])
            filled = True
    return filled


def _rubric_english(rubric: Rubric) -> None:
    """The English of a demo rubric made before the demo had it (a rerun on an old database):
    translations only, the rubric's meaning is unchanged, so the version stays."""
    if _english(rubric, "title", "description"):
        rubric.save(update_fields=["title_en", "description_en"])
    for criterion in rubric.criteria.prefetch_related("levels"):
        if _english(criterion, "title", "description"):
            criterion.save(update_fields=["title_en", "description_en"])
        for level in criterion.levels.all():
            if _english(level, "label", "descriptor"):
                level.save(update_fields=["label_en", "descriptor_en"])


RUBRIC_DESCRIPTION = (
    "按课程的四个方法阶段（问题识别与定义、原因分析、方案制定、实施与跟踪）"
    "以及报告质量和客户沟通评分。原因分析为关键项：至少达到“基本达到”才能通过。"
)


def _rubric() -> Rubric:
    rubric = Rubric.objects.filter(title=RUBRIC_TITLE, is_current=True).first()
    if rubric is not None:
        _rubric_english(rubric)
        return rubric
    rubric = Rubric.objects.create(
        title=RUBRIC_TITLE,
        title_en=EN[RUBRIC_TITLE],
        description=RUBRIC_DESCRIPTION,
        description_en=EN[RUBRIC_DESCRIPTION],
    )
    for order, (title, description, points, minimum, descriptors) in enumerate(CRITERIA):
        criterion = RubricCriterion.objects.create(
            rubric=rubric,
            sort_order=order,
            title=title,
            title_en=EN[title],
            description=description,
            description_en=EN[description],
            critical=minimum is not None,
            minimum_level=minimum,
        )
        RubricLevel.objects.bulk_create(
            RubricLevel(
                criterion=criterion,
                sort_order=position,
                label=label,
                label_en=EN[label],
                descriptor=descriptor,
                descriptor_en=EN[descriptor],
                points=Decimal(value),
            )
            for position, (label, value, descriptor) in enumerate(
                zip(LEVEL_LABELS, points, descriptors, strict=True)
            )
        )
    return rubric


def _root_collection():
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _photo():
    """A picture of a controller screen showing an alarm, for the scenarios."""
    Image = get_image_model()
    title = "演示：设备报警画面"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    canvas = PILImage.new("RGB", (640, 360), (20, 28, 40))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((24, 24, 616, 336), outline=(230, 80, 60), width=6)
    draw.rectangle((60, 120, 580, 240), fill=(200, 40, 40))
    draw.text((80, 150), "ALARM", fill=(255, 255, 255))
    draw.text((80, 190), "SPINDLE OVERLOAD / HIGH PRESSURE", fill=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(
        title=title,
        collection=_root_collection(),
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="demo-alarm.png"),
    )
    image.save()
    return image


def _log_document(slug: str):
    Document = get_document_model()
    title = f"{LOG_TITLE_PREFIX}{slug}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        extension = "csv" if slug == "case-repeat-fault-complaint" else "log"
        document = Document(title=title, collection=_root_collection())
        document.file.save(
            f"{slug}.{extension}", ContentFile(LOGS[slug].encode("utf-8")), save=False
        )
        document.save()
    return document


def _scenario(template: str, *, photo, document, alt: str, log_text: str) -> str:
    return template.format(
        photo=f'<embed embedtype="image" id="{photo.pk}" format="fullwidth" alt="{alt}"/>',
        log=f'<a linktype="document" id="{document.pk}">{log_text}</a>',
    )


def _case_english(spec: DemoCase, photo, document) -> dict[str, str]:
    return {
        "title_en": EN[spec.title],
        "summary_en": EN[spec.summary],
        "customer_en": EN[spec.customer],
        "scenario_en": _scenario(
            EN[spec.scenario],
            photo=photo,
            document=document,
            alt=EN["报警画面"],
            log_text=EN[LOG_TITLE_PREFIX] + spec.slug,
        ),
    }


def _tags_english(spec: DemoCase) -> None:
    for model, names in ((ProductTag, spec.products), (FaultTypeTag, spec.faults)):
        for name in names:
            model.objects.filter(name=name, name_en="").update(name_en=EN[name])


def _case(spec: DemoCase, rubric: Rubric, photo) -> PracticeCase:
    document = _log_document(spec.slug)
    scenario = _scenario(
        spec.scenario, photo=photo, document=document, alt="报警画面", log_text=document.title
    )
    english = _case_english(spec, photo, document)
    case, created = PracticeCase.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "summary": spec.summary,
            "customer": spec.customer,
            "scenario": scenario,
            **english,
            "rubric": rubric,
            "pass_mark": Decimal("60"),
            "resubmissions_allowed": spec.resubmissions,
            "marking": spec.marking,
            "blind_marking": spec.blind,
            "created_by": get_user_model().objects.filter(username="trainer").first(),
        },
    )
    if created:
        case.product_tags.add(*spec.products)
        case.fault_type_tags.add(*spec.faults)
        case.save()
    else:  # made before the demo had English: add it where it is missing
        missing = {field: text for field, text in english.items() if not getattr(case, field)}
        if missing:
            PracticeCase.objects.filter(pk=case.pk).update(**missing)
    _tags_english(spec)
    return case


# --- Playing a learner's story through the services -----------------------------------------


def _play(case, learner, quality, plan, users, rng, *, day: int) -> None:
    slug = case.slug
    if plan == "draft":
        draft = services.report_open_draft(case=case, learner=learner)
        services.report_save_draft(submission=draft, content=_draft_for(slug))
        return
    revising = plan.startswith("revision_")
    first_quality = 0 if plan in ("fail_then_pass", "final_fail") else quality
    if revising:
        first_quality = 1  # a near miss
    with_log = learner.username == "learner" and slug == "case-alarm-after-repair"
    submission = _submit(
        case, learner, _report_for(slug, first_quality), days_ago=day, with_log=with_log
    )
    if plan == "returned":
        services.mark_submit(
            submission=submission,
            grader=users["trainer"],
            entry=_entry(case, 1, rng, feedback="原因分析证据不足，请补充温度实测数据后重新提交。"),
            decision="return",
        )
        _age(submission, day - 1)
        return
    if plan == "moderation":
        _disagreeing_marks(case, submission, quality, users, rng)
        _age(submission, day - 1)
        return
    if plan == "moderated":
        _disagreeing_marks(case, submission, quality, users, rng)
        services.moderation_decide(
            submission=submission,
            moderator=users["trainer"],
            entry=_entry(
                case, quality, rng, feedback="两位评阅人分歧较大，仲裁后按证据充分程度给分。"
            ),
            decision="finalise",
            allowed=True,
        )
        _age(submission, day - 1)
        return
    _grade(case, submission, first_quality, users, rng)
    _age(submission, day - 1)
    if plan == "fail_then_pass" or revising:
        revision = services.report_start_revision(case=case, learner=learner)
        services.report_save_draft(submission=revision, content=_report_for(slug, quality))
        if plan == "revision_draft":
            return
        services.report_submit(submission=revision)
        _age(revision, day - 3)
        if plan == "fail_then_pass":
            _grade(case, revision, max(quality, 2), users, rng)
            _age(revision, day - 4)
        elif plan == "revision_marking":  # a single-marked case: the trainer's draft mark
            entry = _entry(case, quality, rng)
            services.mark_save_draft(submission=revision, grader=users["trainer"], entry=entry)


def _submit(case, learner, content, *, days_ago: int, with_log=False) -> CaseSubmission:
    draft = services.report_open_draft(case=case, learner=learner)
    services.report_save_draft(submission=draft, content=content)
    if with_log:
        services.attachment_add(
            submission=draft,
            upload=SimpleUploadedFile(
                "报警日志.log", LOGS[case.slug].encode("utf-8"), "text/plain"
            ),
        )
    services.report_submit(submission=draft)
    _age(draft, days_ago)
    return draft


def _age(submission: CaseSubmission, days_ago: int) -> None:
    """Spread the demo over the past weeks (the services stamp everything with now)."""
    when = timezone.now() - timedelta(days=max(days_ago, 1), hours=3)
    submission.refresh_from_db()
    updates = {"created_at": when - timedelta(days=2)}
    if submission.submitted_at:
        updates["submitted_at"] = when
    CaseSubmission.objects.filter(pk=submission.pk).update(**updates)
    if submission.finalised_at:
        CaseSubmission.objects.filter(pk=submission.pk).update(
            finalised_at=when + timedelta(days=1)
        )
    CaseMark.objects.filter(submission=submission, status=MarkStatus.SUBMITTED).update(
        submitted_at=when + timedelta(hours=20)
    )


FEEDBACK = {
    0: "报告缺少关键分析，原因分析没有证据支持，请对照评分标准补充后重新提交。",
    1: "方法步骤基本齐全，但根本原因的证据不足，方案比较还可以更量化。",
    2: "分析清楚、方案可行，验证数据完整。建议把经验整理成标准作业。",
    3: "非常完整的分析，鱼骨图与五问相互印证，验证和客户沟通都很到位。",
}
COMMENTS = {
    0: "未达到要求。",
    1: "基本达到，细节不足。",
    2: "完成良好。",
    3: "优秀，可作为范例。",
}


def _entry(case, quality, rng, *, feedback=None, spread=1) -> services.MarkInput:
    """Levels around the writer's quality (± ``spread``), with comments."""
    rubric = rubric_with_levels(case.rubric_id)
    levels, comments = {}, {}
    for criterion in rubric.criteria.all():
        ranked = criterion.ranked_levels
        rank = min(len(ranked) - 1, max(0, quality + rng.choice([-spread, 0, 0, 0, spread])))
        if quality == 0 and criterion.critical:
            rank = 0
        levels[criterion.pk] = ranked[rank].pk
        comments[criterion.pk] = COMMENTS[rank]
    return services.MarkInput(
        levels=levels, comments=comments, feedback=feedback or FEEDBACK[max(0, min(3, quality))]
    )


def _agreeing_entries(case, quality, rng):
    """Two marks close enough that their mean becomes final (no moderation)."""
    specs = criterion_specs(rubric_with_levels(case.rubric_id))
    for _attempt in range(20):
        first, second = _entry(case, quality, rng), _entry(case, quality, rng)
        a = scoring_cases.score_rubric(specs, first.levels)
        b = scoring_cases.score_rubric(specs, second.levels)
        outcome = scoring_cases.reconcile(
            scoring_cases.IndependentMark(a.percent, a.passed(case.pass_mark)),
            scoring_cases.IndependentMark(b.percent, b.passed(case.pass_mark)),
            tolerance=case.tolerance,
        )
        if not outcome.needs_moderation:
            return first, second
    return first, first


def _grade(case, submission, quality, users, rng) -> None:
    if not case.is_double_marked:
        grader = users["trainer"] if submission.pk % 2 else users["trainer2"]
        services.mark_submit(submission=submission, grader=grader, entry=_entry(case, quality, rng))
        return
    first, second = _agreeing_entries(case, quality, rng)
    services.mark_submit(submission=submission, grader=users["trainer"], entry=first)
    services.mark_submit(submission=submission, grader=users["trainer2"], entry=second)


def _disagreeing_marks(case, submission, quality, users, rng) -> None:
    """trainer2 and admin mark far apart, so the lead trainer (trainer) must moderate."""
    services.mark_submit(
        submission=submission,
        grader=users["trainer2"],
        entry=_entry(case, max(quality, 2) + 1, rng, spread=0),
    )
    services.mark_submit(
        submission=submission,
        grader=users["admin"],
        entry=_entry(case, 1, rng, spread=0, feedback="根本原因证据不足，方案比较不完整。"),
    )
