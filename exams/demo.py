"""Demo question bank, knowledge checks and the certification exam, with graded attempts.

Called by ``exams/demo.py`` (``manage.py load_demo_data``). Idempotent: questions are matched by
category and text, quizzes by slug, and a learner who already has attempts on a quiz gets no
new ones. Attempts are made through the same services a learner's clicks go through, with
times in the past.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from exams.demo_en import EN
from exams.models import (
    Accommodation,
    Attempt,
    Choice,
    Question,
    QuestionCategory,
    QuestionTag,
    Quiz,
    QuizDraw,
    QuizQuestion,
)
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from exams.services.bank import ensure_dimension_tags
from exams.services.marking import essay_mark

ROOT = "售后工程师考核课程"
MODULES = [
    ("01 引言", "kc-module-1", "知识检测：模块一 引言"),
    ("02 售后工程师的角色与职责", "kc-module-2", "知识检测：模块二 角色与职责"),
    ("03 问题分析与解决的方法论", "kc-module-3", "知识检测：模块三 问题分析与解决的方法论"),
    ("04 考核方案的设计与实施", "kc-module-4", "知识检测：模块四 考核方案的设计与实施"),
]
ESSAYS = "综合论述"
CERTIFICATION_SLUG = "ase-l1-certification"

T, S, W, E = "technical_ability", "service_attitude", "teamwork", "work_efficiency"
Y, N = True, False

# (kind, text, choices [(text, right)] or True/False, explanation, tags, scoring)
BANK: dict[str, list[tuple]] = {
    MODULES[0][0]: [
        (
            "single",
            "对售后工程师进行考核的首要目的是什么？",
            [
                ("替代客户满意度调查", N),
                ("降低产品的销售价格", N),
                ("提升售后工程师的专业技能水平", Y),
                ("减少售后人员的数量", N),
            ],
            "考核促使售后工程师不断提升自身专业技能水平，以更好地服务客户。",
            [T],
            "",
        ),
        (
            "single",
            "通过考核方案对售后服务质量进行量化评估，主要是为了什么？",
            [
                ("有针对性地改进服务流程、提高客户满意度", Y),
                ("增加工程师的工作量", N),
                ("用于对外宣传", N),
                ("简化维修工单", N),
            ],
            "量化评估让改进有的放矢：改进服务流程，提高客户满意度。",
            [S],
            "",
        ),
        (
            "true_false",
            "在激烈的市场竞争中，优质的售后服务是企业赢得客户信任的关键。",
            True,
            "课程引言：优质售后服务是赢得客户信任、提升市场竞争力的关键。",
            [S],
            "",
        ),
        (
            "multiple",
            "考核方案的重要性体现在哪些方面？（多选）",
            [
                ("取消岗位培训", N),
                ("明确工作标准", Y),
                ("激发工作动力", Y),
                ("促进个人发展", Y),
                ("推动团队进步", Y),
            ],
            "考核方案的重要性：明确工作标准、激发工作动力、促进个人发展、推动团队进步。",
            [W],
            "partial",
        ),
        (
            "single",
            "“明确工作标准”对售后工程师意味着什么？",
            [
                ("不再需要与客户沟通", N),
                ("可以自行决定服务标准", N),
                ("只需要关注维修速度", N),
                ("更清晰地了解自己的工作职责和目标", Y),
            ],
            "考核方案提供明确的工作标准和要求，使工程师清楚职责与目标。",
            [E],
            "",
        ),
        (
            "true_false",
            "考核结果只用于奖惩，与售后工程师的个人发展无关。",
            False,
            "考核结果也是个人发展的重要参考：了解优势与不足，有针对性地自我提升。",
            [T],
            "",
        ),
        (
            "single",
            "考核方案主要通过什么机制激发售后工程师的工作积极性？",
            [("抽签制度", N), ("奖惩机制", Y), ("轮岗机制", N), ("加班制度", N)],
            "通过考核方案的奖惩机制激发积极性和动力。",
            [E],
            "",
        ),
        (
            "multiple",
            "考核方案如何推动团队进步？（多选）",
            [
                ("促进团队成员之间的交流与合作", Y),
                ("通过团队之间的竞争与合作共同进步", Y),
                ("让每个人只关注自己的指标", N),
                ("共同提升整个团队的售后服务水平", Y),
            ],
            "考核促进交流合作，并通过团队间的竞争与合作推动整体进步。",
            [W],
            "partial",
        ),
        (
            "true_false",
            "通过考核方案选拔优秀的售后工程师，有助于提升企业的市场竞争力。",
            True,
            "选拔优秀工程师是适应市场竞争需求的重要手段。",
            [T],
            "",
        ),
    ],
    MODULES[1][0]: [
        (
            "multiple",
            "售后工程师的职责包括哪些？（多选）",
            [
                ("负责产品的安装、调试、维修等技术支持工作", Y),
                ("解答客户关于产品使用、故障排查等方面的疑问", Y),
                ("定期回访客户", Y),
                ("协助销售团队进行产品推广和技术交流", Y),
                ("制定公司年度财务预算", N),
            ],
            "四项职责：安装调试维修、解答疑问、定期回访、协助销售。",
            [T, S],
            "partial",
        ),
        (
            "single",
            "售后工程师工作流程的第一步是什么？",
            [
                ("对维修过程进行总结和记录", N),
                ("接收客户报修信息，了解故障现象和客户需求", Y),
                ("进行现场维修", N),
                ("进行产品测试和验收", N),
            ],
            "流程从接收报修、了解故障现象和客户需求开始。",
            [S],
            "",
        ),
        (
            "single",
            "分析故障原因、制定维修方案之后，实施维修之前，售后工程师应当做什么？",
            [
                ("先开具发票", N),
                ("等待客户再次来电", N),
                ("与客户沟通确认维修方案", Y),
                ("直接更换整机", N),
            ],
            "维修方案需要与客户沟通确认后再实施。",
            [S],
            "",
        ),
        (
            "single",
            "维修完成后，售后工程师接下来应当做什么？",
            [
                ("立即离开现场", N),
                ("只需口头告知客户已修好", N),
                ("关闭工单，不做记录", N),
                ("进行产品测试和验收，确保产品正常运行并满足客户需求", Y),
            ],
            "测试和验收确保产品正常运行、满足客户需求。",
            [T],
            "",
        ),
        (
            "single",
            "售后工作流程的最后一步是什么？",
            [
                ("对维修过程进行总结和记录，及时反馈问题和改进建议", Y),
                ("向客户推销新产品", N),
                ("更换维修工具", N),
                ("申请下一张工单", N),
            ],
            "总结、记录、反馈是流程的最后一步，也是持续改进的基础。",
            [E],
            "",
        ),
        (
            "true_false",
            "远程指导客户进行操作，也是售后工程师解决问题的一种方式。",
            True,
            "流程第三步：进行现场维修或远程指导客户进行操作。",
            [T],
            "",
        ),
        (
            "multiple",
            "售后工程师的技能要求包括哪些？（多选，全部选对才得分）",
            [
                ("一定的市场分析能力和销售技巧", Y),
                ("只需要会使用维修工具", N),
                ("熟练掌握产品相关的技术知识和维修技能", Y),
                ("良好的沟通能力和服务意识", Y),
                ("较强的学习能力和团队协作精神", Y),
            ],
            "技能要求：技术与维修、沟通与服务意识、学习与协作、市场与销售。",
            [T, W],
            "",
        ),
        (
            "single",
            "定期回访客户的主要目的是什么？",
            [
                ("催收款项", N),
                ("完成考勤打卡", N),
                ("了解产品使用情况和客户需求，及时反馈并处理相关问题", Y),
                ("推销新产品", N),
            ],
            "定期回访：了解使用情况和需求，及时反馈处理。",
            [S],
            "",
        ),
        (
            "true_false",
            "产品推广完全是销售团队的工作，售后工程师无需参与。",
            False,
            "售后工程师要协助销售团队进行产品推广和技术交流。",
            [W],
            "",
        ),
        (
            "single",
            "以下哪一项是售后工作流程的正确顺序？",
            [
                (
                    "接收报修 → 分析原因、制定方案并与客户确认 → 现场维修或远程指导"
                    " → 测试和验收 → 总结记录反馈",
                    Y,
                ),
                ("现场维修 → 接收报修 → 测试和验收 → 分析原因 → 总结记录", N),
                ("分析原因 → 现场维修 → 接收报修 → 总结记录 → 测试和验收", N),
                ("接收报修 → 现场维修 → 总结记录 → 分析原因 → 测试和验收", N),
            ],
            "五步工作流程：接收报修、分析与确认方案、维修或远程指导、测试验收、总结反馈。",
            [E],
            "",
        ),
    ],
    MODULES[2][0]: [
        (
            "single",
            "问题分析与解决方法论的第一个阶段是什么？",
            [
                ("问题原因分析", N),
                ("问题解决方案制定", N),
                ("问题解决实施与跟踪", N),
                ("问题识别与定义", Y),
            ],
            "四个阶段：识别与定义 → 原因分析 → 方案制定 → 实施与跟踪。",
            [T],
            "",
        ),
        (
            "multiple",
            "“问题识别与定义”阶段包括哪些工作？（多选）",
            [
                ("明确问题：清晰、准确地描述问题", Y),
                ("问题分类：按性质和影响程度分类", Y),
                ("确定问题范围：明确范围和边界", Y),
                ("评估方案的成本", N),
            ],
            "明确问题、问题分类、确定问题范围；方案评估属于方案制定阶段。",
            [T],
            "partial",
        ),
        (
            "single",
            "鱼骨图（因果图）主要用于哪个阶段？",
            [("效果评估", N), ("问题原因分析", Y), ("问题识别与定义", N), ("方案评估", N)],
            "原因分析阶段运用因果分析、鱼骨图等工具深入分析原因。",
            [T],
            "",
        ),
        (
            "single",
            "“5 Whys”（五问法）的目的是什么？",
            [
                ("回访五位客户", N),
                ("通过连续追问“为什么”找到问题的根本原因", Y),
                ("一次提出五个解决方案", N),
                ("在五天内解决问题", N),
            ],
            "连续追问为什么，直到找到根本原因，为方案制定提供依据。",
            [T],
            "",
        ),
        (
            "single",
            "对提出的解决方案进行评估时，应从哪些方面考虑？",
            [
                ("只看客户的第一印象", N),
                ("只看工程师的个人偏好", N),
                ("成本、时间、效果", Y),
                ("只看成本", N),
            ],
            "方案评估包括成本、时间、效果等方面。",
            [E],
            "",
        ),
        (
            "multiple",
            "制定实施计划时需要明确哪些内容？（多选）",
            [("客户的个人爱好", N), ("实施步骤", Y), ("时间表", Y), ("责任人", Y), ("所需资源", Y)],
            "实施计划：步骤和时间表，明确责任人和所需资源。",
            [E, W],
            "partial",
        ),
        (
            "true_false",
            "根据问题的性质和影响程度进行分类，可以有针对性地解决问题。",
            True,
            "问题分类的目的就是有针对性地解决。",
            [T],
            "",
        ),
        (
            "single",
            "“确定问题范围”的目的是什么？",
            [
                ("尽量扩大问题，引起重视", N),
                ("把问题交给其他部门", N),
                ("缩短维修时间", N),
                ("明确问题涉及的范围和边界，避免扩大化或遗漏", Y),
            ],
            "明确范围和边界，避免扩大化或遗漏。",
            [T],
            "",
        ),
        (
            "multiple",
            "“问题解决实施与跟踪”阶段包括哪些工作？（多选）",
            [
                ("效果评估", Y),
                ("持续改进", Y),
                ("忽略客户反馈", N),
                ("实施解决方案", Y),
                ("跟踪与监控", Y),
            ],
            "实施、跟踪监控、效果评估、持续改进。",
            [E],
            "partial",
        ),
        (
            "true_false",
            "效果评估只需要看问题是否解决，不需要考虑客户满意度。",
            False,
            "效果评估包括问题解决程度和客户满意度等。",
            [S],
            "",
        ),
        (
            "single",
            "在原因分析阶段，“收集信息”应当收集哪些信息？",
            [
                ("与问题相关的数据、记录、反馈等各种信息", Y),
                ("只收集客户的口头描述", N),
                ("只看历史维修价格", N),
                ("无需收集，凭经验判断", N),
            ],
            "收集与问题相关的各种信息，包括数据、记录、反馈等。",
            [T],
            "",
        ),
    ],
    MODULES[3][0]: [
        (
            "multiple",
            "考核方案的设计原则包括哪些？（多选）",
            [
                ("公平公正", Y),
                ("客观可衡量", Y),
                ("激励导向", Y),
                ("全面覆盖", Y),
                ("以领导个人偏好为准", N),
            ],
            "四项设计原则：公平公正、客观可衡量、激励导向、全面覆盖。",
            [W],
            "partial",
        ),
        (
            "single",
            "“客观可衡量”原则要求考核指标怎样？",
            [
                ("由被考核者自己决定", N),
                ("只使用定性描述", N),
                ("具体、可量化，减少主观因素对考核结果的影响", Y),
                ("尽量笼统，便于灵活解释", N),
            ],
            "指标应具体、可量化，以便准确评估绩效。",
            [E],
            "",
        ),
        (
            "multiple",
            "考核方案的四个维度是哪些？（多选，全部选对才得分）",
            [("工作效率", Y), ("出勤天数", N), ("技术能力", Y), ("服务态度", Y), ("团队协作", Y)],
            "技术能力、服务态度、团队协作、工作效率。",
            [T, S, W, E],
            "",
        ),
        (
            "single",
            "与客户沟通时的态度、礼貌用语的使用、对客户需求的理解和响应速度，属于哪个维度？",
            [("服务态度", Y), ("技术能力", N), ("团队协作", N), ("工作效率", N)],
            "按课程讲义，服务态度维度考察沟通态度、礼貌用语、需求理解与响应速度（客户从响应快慢感受到服务态度）。示例方案则把取自工单时间的“平均响应时间”计入工作效率，见“考核内容、指标与权重”一课。",
            [S],
            "",
        ),
        (
            "single",
            "处理问题的速度、工作计划的完成情况以及时间管理，属于哪个维度？",
            [("服务态度", N), ("技术能力", N), ("团队协作", N), ("工作效率", Y)],
            "工作效率维度衡量处理速度、计划完成情况与时间管理。",
            [E],
            "",
        ),
        (
            "single",
            "与团队成员的沟通协作能力、对团队目标的贡献以及在团队中发挥的作用，属于哪个维度？",
            [("技术能力", N), ("团队协作", Y), ("工作效率", N), ("服务态度", N)],
            "团队协作维度评价沟通协作、对团队目标的贡献与作用。",
            [W],
            "",
        ),
        (
            "multiple",
            "考核数据可以通过哪些渠道收集？（多选）",
            [("工作记录", Y), ("客户反馈", Y), ("同事评价", Y), ("网络传言", N)],
            "通过工作记录、客户反馈、同事评价等多种渠道收集数据。",
            [E, S],
            "partial",
        ),
        (
            "single",
            "考核实施的正确顺序是什么？",
            [
                ("设定指标 → 反馈与沟通 → 制定考核计划 → 收集数据", N),
                ("制定考核计划 → 设定考核指标和权重 → 收集数据 → 评估 → 反馈与沟通", Y),
                ("收集数据 → 制定考核计划 → 反馈与沟通 → 设定指标", N),
                ("反馈与沟通 → 评估 → 收集数据 → 制定考核计划", N),
            ],
            "先计划、再设指标和权重、收集数据、评估，最后反馈与沟通。",
            [E],
            "",
        ),
        (
            "true_false",
            "考核结果应通过面对面沟通反馈给售后工程师，指出其优点和不足，并提出改进建议。",
            True,
            "反馈与沟通：面对面、优点与不足、改进建议。",
            [S, W],
            "",
        ),
        (
            "true_false",
            "“公平公正”原则要求考核标准明确、公开，避免主观偏见和歧视。",
            True,
            "让每个工程师在平等条件下接受考核。",
            [W],
            "",
        ),
    ],
    ESSAYS: [
        (
            "essay",
            "请结合本课程，谈谈考核方案对售后工程师个人发展和团队进步的作用。（不少于 200 字）",
            None,
            "评分要点：明确工作标准、激发工作动力（奖惩）、促进个人发展（了解优势与不足）、"
            "推动团队进步（交流合作与良性竞争）；能结合实际工作举例者酌情加分。",
            [W],
            "",
        ),
        (
            "essay",
            "请描述售后工程师处理一次客户报修的完整工作流程，并说明每一步的关键注意事项。",
            None,
            "评分要点：五步流程完整（接收报修、分析与确认方案、维修或远程指导、测试验收、"
            "总结记录反馈），每步有注意事项，体现与客户沟通确认。",
            [S, E],
            "",
        ),
        (
            "essay",
            "某客户反映设备频繁停机。请运用“问题识别与定义—原因分析—方案制定—实施与跟踪”"
            "四阶段方法写出你的分析与处理思路，并说明如何使用鱼骨图或 5 Whys。",
            None,
            "评分要点：四阶段齐全；原因分析使用鱼骨图/5 Whys 找到根本原因；方案从成本、时间、"
            "效果评估；实施计划含步骤、时间表、责任人、资源；效果评估与持续改进。",
            [T],
            "",
        ),
        (
            "essay",
            "如果由你为团队设计售后工程师考核方案，你会如何设定四个维度的指标和权重？"
            "数据从哪里来？结果如何反馈？",
            None,
            "评分要点：体现四项设计原则；四个维度各有可量化指标与合理权重；数据来源包括工作"
            "记录、客户反馈、同事评价；面对面反馈优点、不足与改进建议。",
            [T, S, W, E],
            "",
        ),
    ],
}

# Questions only the certification exam draws: no knowledge check holds them, so their right
# answers are never shown before the exam closes (exposure, decision 0201). Each module has
# enough of them for the exam's draw; the right answer's position varies from one to the next.
EXAM_ONLY_BANK: dict[str, list[tuple]] = {
    MODULES[0][0]: [
        (
            "single",
            "对售后工程师个人而言，考核结果最重要的用途是什么？",
            [
                ("作为与同事比较排名的唯一依据", N),
                ("了解自己的优势和不足，有针对性地进行自我提升", Y),
                ("证明自己已不需要继续学习", N),
                ("作为减少工作量的理由", N),
            ],
            "考核方案也是个人发展的重要参考：通过考核结果了解优势与不足，有针对性地提升。",
            [T],
            "",
        ),
        (
            "single",
            "课程认为，在激烈的市场竞争中，企业赢得客户信任的关键是什么？",
            [
                ("更低的产品价格", N),
                ("更多的广告投放", N),
                ("更长的保修期限", N),
                ("优质的售后服务", Y),
            ],
            "引言：优质的售后服务是企业赢得客户信任的关键。",
            [S],
            "",
        ),
        (
            "single",
            "通过考核方案选拔优秀的售后工程师，主要是为了适应哪一方面的需求？",
            [
                ("市场竞争需求", Y),
                ("办公场地管理需求", N),
                ("财务审计需求", N),
                ("供应商管理需求", N),
            ],
            "目的和背景之三：适应市场竞争需求，选拔优秀工程师以提升企业竞争力。",
            [T],
            "",
        ),
        (
            "single",
            "“推动团队进步”除了促进成员之间的交流与合作，还依靠什么？",
            [
                ("减少团队会议", N),
                ("让每位成员独立工作、互不干扰", N),
                ("团队之间的竞争与合作", Y),
                ("按资历分配工单", N),
            ],
            "通过团队之间的竞争与合作，推动整个团队不断进步和发展。",
            [W],
            "",
        ),
        (
            "multiple",
            "开展售后工程师考核的目的和背景包括哪些？（多选）",
            [
                ("降低售后部门的人员成本", N),
                ("提升售后工程师的专业技能", Y),
                ("优化售后服务质量", Y),
                ("替代产品出厂质量检验", N),
                ("适应市场竞争需求", Y),
            ],
            "三项目的和背景：提升专业技能、优化售后服务质量、适应市场竞争需求。",
            [T, S],
            "partial",
        ),
        (
            "true_false",
            "考核方案的奖惩机制只是为了惩罚表现差的工程师，并不能激发工作积极性。",
            False,
            "奖惩机制的作用是激发工作积极性和动力，促使工程师主动提升服务水平。",
            [E],
            "",
        ),
    ],
    MODULES[1][0]: [
        (
            "single",
            "客户来电反映设备报警、无法启动。售后工程师接到报修后首先应当做什么？",
            [
                ("立即派人上门更换主板", N),
                ("建议客户购买新设备", N),
                ("了解故障现象和客户需求，记录报修信息", Y),
                ("等客户再次来电时再处理", N),
            ],
            "工作流程第一步：接收报修信息，了解故障现象和客户需求，之后再分析原因、制定方案。",
            [S],
            "",
        ),
        (
            "single",
            "要求售后工程师熟练掌握产品技术知识和维修技能，是为了让他们能够做到什么？",
            [
                ("快速定位并解决技术问题", Y),
                ("减少与客户的沟通", N),
                ("代替研发部门设计产品", N),
                ("不再填写维修记录", N),
            ],
            "技能要求之一：熟练掌握技术知识和维修技能，能够快速定位并解决技术问题。",
            [T],
            "",
        ),
        (
            "single",
            "良好的沟通能力和服务意识，主要帮助售后工程师做到什么？",
            [
                ("少接报修电话", N),
                ("把问题转给其他部门", N),
                ("说服客户缩短保修期", N),
                ("与客户建立良好的合作关系", Y),
            ],
            "技能要求之二：具备良好的沟通能力和服务意识，能够与客户建立良好的合作关系。",
            [S],
            "",
        ),
        (
            "single",
            "维修完成后进行产品测试和验收，要确认的是什么？",
            [
                ("设备外观已清洁，发票已开具", N),
                ("产品正常运行，并满足客户需求", Y),
                ("维修用时最短、费用最低", N),
                ("客户已签署新的采购合同", N),
            ],
            "测试和验收确保产品正常运行并满足客户需求，然后才进入总结记录。",
            [T],
            "",
        ),
        (
            "multiple",
            "解答客户疑问时，售后工程师主要在哪些方面提供技术支持？（多选）",
            [
                ("产品的使用方法", Y),
                ("竞争对手的内部报价", N),
                ("故障排查的方法和步骤", Y),
                ("其他客户的联系方式", N),
            ],
            "职责之二：解答客户关于产品使用、故障排查等方面的疑问，提供及时有效的技术支持。",
            [S, T],
            "partial",
        ),
        (
            "true_false",
            "对维修过程进行总结和记录、及时反馈问题和改进建议，是售后工作流程的必要一步。",
            True,
            "总结、记录、反馈是工作流程的最后一步，也为团队积累经验、持续改进提供依据。",
            [E],
            "",
        ),
    ],
    MODULES[2][0]: [
        (
            "single",
            "客户说“设备老出问题”。按照“明确问题”的要求，下列哪一项描述最好？",
            [
                ("设备质量不好", N),
                ("客户对设备不满意", N),
                ("设备经常出问题，需要尽快处理", N),
                ("3 号机自本月 5 日起，每天开机约 2 小时后报过热并停机", Y),
            ],
            "明确问题要清晰、准确，避免模糊和歧义：哪台设备、从何时开始、什么现象、多频繁。",
            [T],
            "",
        ),
        (
            "single",
            "绘制鱼骨图（因果图）时，“鱼头”位置写的是什么？",
            [
                ("解决方案的预算", N),
                ("要分析的问题，即“结果”", Y),
                ("责任人的姓名", N),
                ("客户的联系方式", N),
            ],
            "鱼骨图把结果（要分析的问题）写在鱼头，把可能的原因按类别画在鱼骨上。",
            [T],
            "",
        ),
        (
            "single",
            "售后现场使用鱼骨图时，常用哪一组类别来归纳可能的原因？",
            [
                ("成本、时间、效果", N),
                ("计划、执行、检查、处理", N),
                ("人、机、料、法、环、测", Y),
                ("技术能力、服务态度、团队协作、工作效率", N),
            ],
            "常用的六个类别是人、机、料、法、环、测，帮助团队系统地想到所有方向。"
            "成本、时间、效果是方案评估的方面；四个维度属于考核方案。",
            [T, W],
            "",
        ),
        (
            "single",
            "在原因分析阶段确定根本原因，意义是什么？",
            [
                ("为制定解决方案提供依据，避免问题反复出现", Y),
                ("可以跳过方案评估", N),
                ("用来证明问题是客户造成的", N),
                ("之后就不必跟踪实施效果", N),
            ],
            "识别导致问题的根本原因，为后续解决方案的制定提供依据；只处理表面现象，问题会反复。",
            [T],
            "",
        ),
        (
            "multiple",
            "更换零件后故障暂时消失。按照“实施与跟踪”阶段，接下来还应做哪些事？（多选）",
            [
                ("跟踪监控设备运行，确认方案得到有效执行", Y),
                ("立即关闭工单，不再联系客户", N),
                ("评估问题解决程度和客户满意度", Y),
                ("把同型号设备全部召回", N),
                ("根据评估结果持续改进方案", Y),
            ],
            "实施之后还要跟踪与监控、效果评估（问题解决程度、客户满意度）和持续改进。",
            [E, S],
            "partial",
        ),
        (
            "true_false",
            "原因分析时，凭经验猜出一个可能原因，就可以直接开始制定解决方案。",
            False,
            "应先收集数据、记录、反馈等信息，用因果分析、鱼骨图等工具深入分析，找到根本原因。",
            [T],
            "",
        ),
    ],
    MODULES[3][0]: [
        (
            "single",
            "对产品知识的掌握程度、解决问题的速度和质量、对新技术的学习和应用能力，属于哪个维度？",
            [("技术能力", Y), ("服务态度", N), ("团队协作", N), ("工作效率", N)],
            "技术能力维度：产品知识、解决问题的速度和质量、新技术的学习和应用。",
            [T],
            "",
        ),
        (
            "single",
            "“制定考核计划”这一步需要明确什么？",
            [
                ("每位工程师的调薪方案", N),
                ("客户的采购预算", N),
                ("考核的时间安排、参与人员和考核方式", Y),
                ("下一年度的产品价格", N),
            ],
            "制定考核计划：明确考核的时间安排、参与人员、考核方式；指标和权重在下一步设定。",
            [E],
            "",
        ),
        (
            "single",
            "设定具体的考核指标和权重，应当依据什么？",
            [
                ("其他公司往年的考核表", N),
                ("售后工程师的工作职责和公司的要求", Y),
                ("考核负责人的个人喜好", N),
                ("工程师的入职年限", N),
            ],
            "根据售后工程师的工作职责和公司的要求，设定具体的考核指标和权重。",
            [E],
            "",
        ),
        (
            "single",
            "考核方案设计的“激励导向”原则要求做到什么？",
            [
                ("尽量减少考核次数", N),
                ("只奖励工龄最长的工程师", N),
                ("以扣罚作为主要手段", N),
                ("激发积极性和进取心，鼓励工程师不断提升技能和服务水平", Y),
            ],
            "激励导向：考核方案应能激发积极性和进取心，鼓励不断提升技能和服务水平。",
            [S, T],
            "",
        ),
        (
            "multiple",
            "按照“客观可衡量”原则，下列哪些可以作为考核指标？（多选）",
            [
                ("“工作态度较好”这类笼统评价", N),
                ("平均响应时间（小时）", Y),
                ("一次修复率（%）", Y),
                ("考核负责人的印象分", N),
                ("客户满意度评分", Y),
            ],
            "指标应具体、可量化，减少主观因素对考核结果的影响；笼统评价和印象分做不到这一点。",
            [E, S],
            "partial",
        ),
        (
            "true_false",
            "按“公平公正”原则，同一考核周期内的售后工程师应按同样公开的标准和指标接受考核。",
            True,
            "公平公正：考核标准明确、公开，避免主观偏见，使每个工程师都在平等的条件下接受考核。",
            [W],
            "",
        ),
    ],
}

POINTS = {
    "single": Decimal("3"),
    "true_false": Decimal("3"),
    "multiple": Decimal("4"),
    "essay": Decimal("10"),
}

# Demo learners' ability (chance of a right answer) per attempt; None: no attempt.
CERTIFICATION_PLAN = {
    "learner": [0.82],
    "learner02": [0.92],
    "learner03": [0.76],
    "learner04": [0.35, 0.88],
    "learner05": [0.86],
    "learner06": [0.35],
    "learner07": [0.3, 0.74],
    "learner08": [0.72],
    "learner09": [0.8],
    "learner10": [0.32, 0.8],
    "learner11": [0.62],  # their essay waits in the marking queue
    "learner12": [0.74],
}
PENDING_ESSAY_LEARNER = "learner11"
ACCOMMODATED_LEARNER = "learner04"  # +25 % time on the certification exam (decision 0802)
PRACTICE_PLAN = {"learner": [1, 2], "learner02": [1], "learner03": [1, 2, 3]}

ESSAY_ANSWER = (
    "考核方案首先给我们明确了工作标准，让我清楚每一次服务要达到什么要求。在实际工作中，"
    "我会按照接收报修、分析原因并与客户确认方案、现场维修或远程指导、测试验收、总结记录的流程"
    "处理问题；遇到复杂故障时先用鱼骨图列出人、机、料、法、环等可能原因，再用 5 Whys 追问到"
    "根本原因，从成本、时间和效果三方面比较方案。考核结果的反馈让我了解自己的优势与不足，"
    "团队之间的交流与良性竞争也推动了大家共同进步。"
)


def _english(obj, **texts: str) -> None:
    """Give ``obj`` the English text (``exams.demo_en.EN``) of each Chinese text it lacks one
    for, ``field=chinese``; an English text already there is kept. Idempotent."""
    changed = [
        field + "_en"
        for field, chinese in texts.items()
        if not getattr(obj, field + "_en").strip() and EN.get(chinese)
    ]
    for name in changed:
        setattr(obj, name, EN[texts[name.removesuffix("_en")]])
    if changed:
        obj.save(update_fields=changed)


def _category(path: list[str]) -> QuestionCategory:
    parent = None
    for name in path:
        parent, _created = QuestionCategory.objects.get_or_create(parent=parent, name=name)
        if not parent.name_en.strip() and EN.get(name):
            parent.name_en = EN[name]
            parent.save()  # not update_fields: the English path is derived on save
    return parent


def _choices_english(question: Question) -> None:
    for choice in question.choices.all():
        _english(choice, text=choice.text)


def _bank() -> tuple[dict[str, list[Question]], int]:
    ensure_dimension_tags()
    tags = {tag.slug: tag for tag in QuestionTag.objects.filter(is_dimension=True)}
    root = _category([ROOT])
    by_category: dict[str, list[Question]] = {}
    created = 0
    # Knowledge checks take the first questions of BANK; EXAM_ONLY_BANK comes after them.
    sources = [*BANK.items(), *EXAM_ONLY_BANK.items()]
    for name, items in sources:
        category = _category([ROOT, name])
        questions = by_category.setdefault(name, [])
        for kind, text, choices, explanation, tag_slugs, scoring in items:
            question, was_created = Question.objects.get_or_create(
                category=category,
                text=text,
                defaults={
                    "kind": kind,
                    "points": POINTS[kind],
                    "explanation": explanation,
                    "scoring": scoring or Question.Scoring.ALL_OR_NOTHING,
                    "true_false_answer": choices if kind == "true_false" else True,
                },
            )
            if was_created:
                created += 1
                if kind in ("single", "multiple"):
                    Choice.objects.bulk_create(
                        Choice(
                            question=question,
                            text=choice,
                            text_en=EN.get(choice, ""),
                            is_correct=right,
                            sort_order=i,
                        )
                        for i, (choice, right) in enumerate(choices)
                    )
                question.tags.set([tags[slug] for slug in tag_slugs])
                question.save()  # ParentalManyToManyField: stored on save
            else:
                _choices_english(question)
            _english(question, text=text, explanation=explanation)
            questions.append(question)
    by_category[ROOT] = [root]
    return by_category, created


def _quizzes(by_category, trainer, trainer2, now) -> tuple[Quiz, list[Quiz]]:
    practice = []
    for name, slug, title in MODULES:
        quiz, created = Quiz.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": Quiz.Kind.PRACTICE,
                "description": (
                    "本节知识检测，可反复练习，不计入认证成绩，其中的题目也不会出现在认证考试中。"
                    "提交后即可查看答案与解析。"
                ),
                "draft": False,
                "attempts_allowed": 0,
                "grading_method": Quiz.GradingMethod.HIGHEST,
                "pass_mark": Decimal("60"),
                "layout": Quiz.Layout.ALL_ON_ONE_PAGE,
                "shuffle_choices": True,
                "review_score_immediately": True,
                "review_answers_immediately": True,
                "review_explanations_immediately": True,
                "success_text": "很好！你已掌握本模块的要点。",
                "fail_text": "建议回到课程复习本模块后再试一次。",
                "owner": trainer2 or trainer,
            },
        )
        _english(
            quiz,
            title=quiz.title,
            description=quiz.description,
            success_text=quiz.success_text,
            fail_text=quiz.fail_text,
        )
        if created:
            if trainer:
                quiz.trainers.add(trainer)
                quiz.save()  # ParentalManyToManyField: stored on save
            objective = [q for q in by_category[name] if q.kind != "essay"][:5]
            for i, question in enumerate(objective):
                QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=i)
        practice.append(quiz)
    exam, created = Quiz.objects.get_or_create(
        slug=CERTIFICATION_SLUG,
        defaults={
            "title": "售后工程师一级认证考试",
            "kind": Quiz.Kind.CERTIFICATION,
            "description": (
                "试题按模块从题库随机抽取，含 1 道论述题，考查全部四个模块。"
                "开始前请确认网络稳定；答案会自动保存。"
            ),
            "draft": False,
            "time_limit_minutes": 45,
            "open_at": now - timedelta(days=45),
            "close_at": now + timedelta(days=120),
            "attempts_allowed": 2,
            "grading_method": Quiz.GradingMethod.HIGHEST,
            "pass_mark": Decimal("60"),
            "layout": Quiz.Layout.ONE_PER_PAGE,
            "shuffle_questions": True,
            "shuffle_choices": True,
            "prefer_unseen": True,
            "review_score_immediately": True,
            "review_answers_immediately": False,
            "review_explanations_immediately": False,
            "review_score_after_close": True,
            "review_answers_after_close": True,
            "review_explanations_after_close": True,
            "success_text": "恭喜你通过一级认证考试！认证成绩将计入你的考核记分卡。",
            "fail_text": "本次未达到及格线。请复习课程后使用剩余的考试机会。",
            "owner": trainer,
        },
    )
    _english(
        exam,
        title=exam.title,
        description=exam.description,
        success_text=exam.success_text,
        fail_text=exam.fail_text,
    )
    if created:
        if trainer2:
            exam.trainers.add(trainer2)
            exam.save()  # ParentalManyToManyField: stored on save
        counts = [7, 7, 8, 7]
        for i, ((name, _slug, _title), count) in enumerate(zip(MODULES, counts, strict=True)):
            QuizDraw.objects.create(
                quiz=exam, category=_category([ROOT, name]), count=count, sort_order=i
            )
        QuizDraw.objects.create(
            quiz=exam, category=_category([ROOT, ESSAYS]), count=1, sort_order=len(MODULES)
        )
    return exam, practice


def _answer_like(attempt: Attempt, ability: float, rng: random.Random, at) -> None:
    """Answer every question of an attempt through the service, as a learner would."""
    answers = []
    for aq in attempt.questions.order_by("position"):
        keys = [c["key"] for c in aq.choices]
        if aq.kind == "essay":
            answers.append(AnswerInput(aq.position, aq.version, essay=ESSAY_ANSWER))
            continue
        if rng.random() < ability:
            chosen = list(aq.correct)
        elif aq.kind == "multiple":
            chosen = list(aq.correct)[:-1] + [k for k in keys if k not in aq.correct][:1]
        else:
            chosen = [rng.choice([k for k in keys if k not in aq.correct])]
        answers.append(AnswerInput(aq.position, aq.version, keys=tuple(chosen)))
    answers_save(attempt=attempt, answers=answers, now=at)


def _sit(quiz, user, ability, *, started, rng, marker, mark_essays=True) -> None:
    attempt = attempt_start(quiz=quiz, user=user, now=started, rng=rng)
    _answer_like(attempt, ability, rng, started + timedelta(minutes=20))
    attempt = attempt_submit(attempt=attempt, now=started + timedelta(minutes=38))
    if mark_essays and marker is not None:
        for aq in attempt.questions.filter(kind="essay", marked_at__isnull=True):
            points = (aq.points * Decimal(str(ability))).quantize(Decimal("1"))
            essay_mark(
                answer=aq,
                marker=marker,
                points=points,
                feedback="结构清晰，要点基本完整。建议结合更具体的现场案例说明。",
                now=started + timedelta(days=1),
            )


def load(*, password, stdout) -> None:
    User = get_user_model()
    now = timezone.now()
    users = {u.username: u for u in User.objects.filter(username__startswith="learner")}
    trainer = User.objects.filter(username="trainer").first()
    trainer2 = User.objects.filter(username="trainer2").first()
    by_category, created = _bank()
    exam, practice = _quizzes(by_category, trainer, trainer2, now)
    sat = 0
    for index, (username, abilities) in enumerate(sorted(CERTIFICATION_PLAN.items())):
        user = users.get(username)
        if user is None or Attempt.objects.filter(quiz=exam, user=user).exists():
            continue
        for number, ability in enumerate(abilities):
            rng = random.Random(f"{username}-{number}")
            started = now - timedelta(days=30 - index * 2 - number * 7, hours=index % 5)
            _sit(
                exam,
                user,
                ability,
                started=started,
                rng=rng,
                marker=trainer,
                mark_essays=username != PENDING_ESSAY_LEARNER,
            )
            sat += 1
    for username, modules in PRACTICE_PLAN.items():
        user = users.get(username)
        for module in modules:
            quiz = practice[module - 1]
            if user is None or Attempt.objects.filter(quiz=quiz, user=user).exists():
                continue
            rng = random.Random(f"{username}-kc-{module}")
            _sit(quiz, user, 0.8, started=now - timedelta(days=40 - module), rng=rng, marker=None)
            sat += 1
    accommodated = _accommodation(exam, users.get(ACCOMMODATED_LEARNER), trainer)
    total = sum(len(v) for k, v in by_category.items() if k != ROOT)
    stdout.write(
        f"  exams: {total} questions ({created} new), {len(practice)} knowledge checks, "
        f"certification exam “{exam.slug}”, {sat} new attempts"
        + (", extra time for learner04" if accommodated else "")
    )


def _accommodation(exam, learner, trainer) -> bool:
    """``learner04`` has a quarter more time on the certification exam (45 + 12 minutes),
    granted by the trainer. True if it was created now."""
    if learner is None:
        return False
    _row, created = Accommodation.objects.get_or_create(
        quiz=exam,
        user=learner,
        defaults={
            "extra_percent": 25,
            "reason": "读写障碍，经人事部门确认，考试时间延长 25%。",
            "granted_by": trainer,
        },
    )
    return created
