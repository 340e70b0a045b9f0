"""The demo course 《问题分析解决：售后工程师考核方案》 in Simplified Chinese and English.

Written from the customer's deck (../shared/seed) and DOMAIN.md. Every text is a pair
``T(zh, en)``; ``courses.demo`` builds the Chinese pages and their English translations from
the same structure, so both languages have the same blocks in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class T:
    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language == "zh-hans" else self.en


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: T
    summary: T
    minutes: int
    body: list = field(default_factory=list)  # blocks: tuples built by the helpers below


@dataclass(frozen=True)
class Module:
    slug: str
    title: T
    summary: T
    requires_previous: bool
    lessons: list[Lesson]


# --- Block helpers: each returns (block type, value with T texts) ---------------------------


def h(zh, en, level="h2"):
    return ("heading", {"text": T(zh, en), "level": level})


def p(zh, en):
    return ("paragraph", T(f"<p>{zh}</p>", f"<p>{en}</p>"))


def ul(zh_items, en_items):
    zh = "<ul>" + "".join(f"<li>{i}</li>" for i in zh_items) + "</ul>"
    en = "<ul>" + "".join(f"<li>{i}</li>" for i in en_items) + "</ul>"
    return ("paragraph", T(zh, en))


def callout(kind, title: T, text: T):
    return (
        "callout",
        {"kind": kind, "title": title, "text": T(f"<p>{text.zh}</p>", f"<p>{text.en}</p>")},
    )


def checklist(title: T, items: list[T]):
    return ("checklist", {"title": title, "items": items})


def steps(title: T, items: list[tuple[T, T]]):
    return (
        "process_steps",
        {"title": title, "steps": [{"title": t, "description": d} for t, d in items]},
    )


def fishbone(title: T, effect: T, categories: list[tuple[T, list[T]]], root_cause: T):
    return (
        "fishbone",
        {
            "title": title,
            "effect": effect,
            "categories": [{"name": name, "causes": causes} for name, causes in categories],
            "root_cause": root_cause,
        },
    )


def five_whys(problem: T, whys: list[T], root_cause: T, countermeasure: T):
    return (
        "five_whys",
        {
            "problem": problem,
            "whys": whys,
            "root_cause": root_cause,
            "countermeasure": countermeasure,
        },
    )


def table(caption: T, rows: list[list[T]]):
    return ("table", {"caption": caption, "rows": rows})


def knowledge_check(slug: str, title: T, intro: T):
    return ("knowledge_check", {"quiz_slug": slug, "title": title, "intro": intro})


COURSE_SLUG = "after-sales-engineer"
COURSE_TITLE = T(
    "问题分析与解决：售后工程师考核方案课程",
    "Problem analysis and solving: the after-sales engineer course",
)
COURSE_INTRO = T(
    "<p>本课程面向新入职的售后工程师。你将了解公司为什么要对售后工程师进行考核、售后工程师的角色与职责、"
    "一套可以在现场直接使用的问题分析与解决方法（问题识别与定义 → 原因分析 → 方案制定 → 实施与跟踪），"
    "以及考核方案如何设计和实施。每个模块都配有真实的售后案例和一次知识检查。</p>"
    "<p>建议按顺序学习：“问题分析与解决的方法论”在完成“角色与职责”后开放，“考核方案”在完成方法论后开放，“课程实践解读与总结展望”在完成考核方案后开放。</p>",
    "<p>This course is for newly hired after-sales engineers. You will learn why the company assesses "
    "after-sales engineers, what the role and its duties are, a problem-solving method you can use on site "
    "(identify and define → analyse causes → plan the solution → implement and track), and how the "
    "assessment scheme is designed and run. Every module comes with real after-sales cases and a knowledge check.</p>"
    "<p>Take the modules in order: the problem-solving method opens once you have completed the role and "
    "duties, the assessment scheme once you have completed the method, and the closing module on practice "
    "and outlook once you have completed the assessment scheme.</p>",
)
COURSE_OBJECTIVES = T(
    "说明考核方案对个人、团队和公司的意义\n"
    "按五步工作流程处理一次报修，并向客户确认维修方案\n"
    "清晰定义一个现场问题，用鱼骨图和五个为什么找到根本原因\n"
    "制定、评估并跟踪解决方案，做到持续改进\n"
    "理解认证成绩的三个组成部分，以及技术能力、服务态度、团队协作、工作效率四个考核维度的指标和权重\n"
    "把方法论和考核方案用到日常工作中，定下自己的改进目标",
    "Explain what the assessment scheme means for you, your team and the company\n"
    "Handle a repair request with the five-step workflow and confirm the repair plan with the customer\n"
    "Define a problem on site clearly and find its root cause with a fishbone diagram and five whys\n"
    "Plan, evaluate and track a solution, and keep improving it\n"
    "Understand the three components of the certification score, and the indicators and weights of the "
    "four dimensions: technical ability, service attitude, teamwork and work efficiency\n"
    "Use the method and the assessment scheme in your daily work, and set your own improvement goals",
)


MODULES = [
    # ------------------------------------------------------------------ 1 引言
    Module(
        slug="introduction",
        title=T("引言：为什么要考核", "Introduction: why we assess"),
        summary=T(
            "考核的目的和背景，以及考核方案对售后工程师和团队的重要性。",
            "The purpose and background of the assessment, and why the scheme matters to engineers and teams.",
        ),
        requires_previous=False,
        lessons=[
            Lesson(
                slug="purpose-and-background",
                title=T("考核的目的和背景", "Purpose and background of the assessment"),
                summary=T(
                    "提升专业技能、优化服务质量、适应市场竞争：考核要解决的三个问题。",
                    "Better skills, better service, a stronger position in the market: the three reasons for assessing.",
                ),
                minutes=12,
                body=[
                    p(
                        "客户购买的不只是一台设备，还有设备在整个使用寿命里稳定运行的承诺。兑现这个承诺的人，就是售后工程师。"
                        "一次及时、专业的上门服务能让客户继续信任我们；一次拖延或者反复返修，往往会让客户在下一次采购时选择竞争对手。",
                        "A customer buys more than a machine: they buy the promise that it will keep running for its whole "
                        "life. The people who keep that promise are the after-sales engineers. One prompt, professional visit "
                        "keeps a customer's trust; one delayed or repeated repair often sends the next order to a competitor.",
                    ),
                    h("考核的三个目的", "Three purposes of the assessment"),
                    p(
                        "<strong>提升售后工程师的专业技能。</strong>通过考核促使售后工程师不断提升自身专业技能水平，以更好地服务客户。"
                        "考核告诉你现在处在什么水平、下一步要学什么，而不是一张只在年底才看的成绩单。",
                        "<strong>Raise engineers' professional skills.</strong> The assessment pushes every engineer to keep "
                        "improving, so that customers are served better. It tells you where you stand and what to learn next; "
                        "it is not a report card you only see at the end of the year.",
                    ),
                    p(
                        "<strong>优化售后服务质量。</strong>通过考核方案对售后工程师的服务质量进行量化评估，从而有针对性地改进服务流程、"
                        "提高客户满意度。比如“首次修复率”下降时，我们可以回头看是备件、培训还是流程出了问题。",
                        "<strong>Improve service quality.</strong> The scheme measures the quality of each engineer's service "
                        "in numbers, so that we can improve the service process where it matters and raise customer "
                        "satisfaction. When the first-time fix rate drops, for example, we can look back and see whether spare "
                        "parts, training or the process is to blame.",
                    ),
                    p(
                        "<strong>适应市场竞争需求。</strong>在激烈的市场竞争中，优质的售后服务是企业赢得客户信任的关键。"
                        "通过考核方案选拔和培养优秀的售后工程师，有助于提升企业的市场竞争力。",
                        "<strong>Meet the demands of the market.</strong> In a crowded market, excellent after-sales service is "
                        "how a company wins its customers' trust. Selecting and developing excellent engineers through the "
                        "scheme makes the company more competitive.",
                    ),
                    callout(
                        "key_point",
                        T("一句话记住", "Remember in one sentence"),
                        T(
                            "考核不是为了“挑错”，而是为了让每一位工程师知道什么是好的服务、怎样做到、做到了能得到什么。",
                            "The assessment is not there to find fault: it shows every engineer what good service is, how to "
                            "deliver it, and what it earns them.",
                        ),
                    ),
                    h("一个真实的场景", "A real situation"),
                    p(
                        "某包装厂的一台灌装机在三个月内报修四次，每次都是不同的工程师上门，每次都“修好了”，但故障总会再次出现。"
                        "客户最终在投诉中写道：“你们每个人都很客气，但没有人真正解决问题。”这件事暴露的不是某一个人的问题，"
                        "而是我们缺少统一的工作标准、缺少对修复质量的衡量，也缺少把经验沉淀下来的机制。考核方案正是为此而设计的。",
                        "A filling machine at a packaging plant was reported broken four times in three months. Each time a "
                        "different engineer went, each time it was “fixed”, and each time the fault came back. In the end the "
                        "customer wrote in a complaint: “Everyone of you was polite, but nobody really solved the problem.” "
                        "This was not one person's failure: we lacked a shared standard of work, a measure of repair quality "
                        "and a way to keep what we learned. The assessment scheme was designed for exactly this.",
                    ),
                ],
            ),
            Lesson(
                slug="why-the-scheme-matters",
                title=T("考核方案的重要性", "Why the assessment scheme matters"),
                summary=T(
                    "明确工作标准、激发工作动力、促进个人发展、推动团队进步。",
                    "Clear standards, motivation, personal development and team progress.",
                ),
                minutes=15,
                body=[
                    p(
                        "一套好的考核方案对工程师、对团队、对客户都有价值。课程资料把它的重要性概括为四点，下面逐一说明，"
                        "并举例说明你在日常工作中会怎样感受到它们。",
                        "A good assessment scheme is worth something to engineers, to teams and to customers. The course "
                        "material sums up why it matters in four points; each is explained below with an example of how you "
                        "will notice it in your daily work.",
                    ),
                    h("A　明确工作标准", "A. Clear standards of work"),
                    p(
                        "考核方案为售后工程师提供了明确的工作标准和要求，使他们能够更加清晰地了解自己的工作职责和目标。"
                        "例如“接到报修后 2 小时内联系客户”“维修报告 24 小时内提交”，这些标准写进考核指标，大家就知道“做到什么程度才算好”。",
                        "The scheme gives engineers clear standards and requirements, so they understand their duties and goals "
                        "better. When “call the customer within 2 hours of a repair request” and “file the repair report "
                        "within 24 hours” are indicators, everyone knows what “good” means.",
                    ),
                    h("B　激发工作动力", "B. Motivation"),
                    p(
                        "通过考核方案的奖惩机制，可以激发售后工程师的工作积极性和动力，促进他们主动提升服务水平。"
                        "认证通过、获得更高的等级，都会与岗位发展和奖励挂钩。",
                        "Through its rewards and consequences the scheme motivates engineers to raise their level of service "
                        "on their own initiative. Passing the certification and reaching a higher grade are tied to career "
                        "steps and rewards.",
                    ),
                    h("C　促进个人发展", "C. Personal development"),
                    p(
                        "考核不仅是对工作成果的检验，也是个人发展的重要参考。通过考核结果，你可以了解自己的优势和不足，有针对性地自我提升。"
                        "平台上的成绩单会把每一项得分追溯到它的来源：哪次考试、哪份案例报告、哪些工作记录。",
                        "The assessment checks results, and it is also a guide to your own development. Its results show your "
                        "strengths and weaknesses so you can work on the right things. On this platform every figure of your "
                        "scorecard can be traced to where it came from: which exam, which case report, which work records.",
                    ),
                    h("D　推动团队进步", "D. Team progress"),
                    p(
                        "考核方案还能促进团队成员之间的交流与合作，共同提升团队的售后服务水平；团队之间良性的竞争与合作，也推动整个团队不断进步。",
                        "The scheme also encourages engineers to share and work together, raising the whole team's service. "
                        "Healthy competition and cooperation between teams keep everyone moving forward.",
                    ),
                    table(
                        T("四点重要性与你的日常工作", "The four points in your daily work"),
                        [
                            [T("重要性", "Point"), T("你会看到什么", "What you will see")],
                            [
                                T("明确工作标准", "Clear standards"),
                                T(
                                    "每项指标都有书面定义和目标值",
                                    "Every indicator has a written definition and a target",
                                ),
                            ],
                            [
                                T("激发工作动力", "Motivation"),
                                T(
                                    "认证等级与岗位发展、奖励挂钩",
                                    "Certification grades tied to career steps and rewards",
                                ),
                            ],
                            [
                                T("促进个人发展", "Personal development"),
                                T(
                                    "反馈报告指出优势、不足和改进建议",
                                    "A feedback report with strengths, weaknesses and suggestions",
                                ),
                            ],
                            [
                                T("推动团队进步", "Team progress"),
                                T(
                                    "团队复盘会分享典型案例",
                                    "Team reviews that share typical cases",
                                ),
                            ],
                        ],
                    ),
                    knowledge_check(
                        "kc-module-1",
                        T("知识检查：引言", "Knowledge check: introduction"),
                        T(
                            "用几道题确认你理解了考核的目的和重要性。",
                            "A few questions to check that you understood why we assess.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    # ------------------------------------------------------------------ 2 角色与职责
    Module(
        slug="role-and-duties",
        title=T("售后工程师的角色与职责", "The after-sales engineer's role and duties"),
        summary=T(
            "售后工程师做什么、需要哪些技能，以及一次报修从接单到反馈的工作流程。",
            "What an after-sales engineer does, the skills it takes, and the workflow of a repair from request to feedback.",
        ),
        requires_previous=False,
        lessons=[
            Lesson(
                slug="duties",
                title=T("售后工程师的职责", "Duties of an after-sales engineer"),
                summary=T(
                    "技术支持、解答疑问、定期回访、协助销售。",
                    "Technical support, answering questions, follow-up visits, supporting sales.",
                ),
                minutes=12,
                body=[
                    p(
                        "售后工程师是客户在购买之后接触最多的人。你的工作质量直接决定客户对公司和产品的印象。资料中列出了四项核心职责。",
                        "After the sale, the after-sales engineer is the person a customer meets most. The quality of your "
                        "work decides what the customer thinks of the company and its products. The course material lists "
                        "four core duties.",
                    ),
                    ul(
                        [
                            "<strong>技术支持：</strong>负责产品的安装、调试、维修等工作，确保产品正常运行。",
                            "<strong>解答疑问：</strong>解答客户关于产品使用、故障排查等方面的疑问，提供及时有效的技术支持。",
                            "<strong>定期回访：</strong>定期回访客户，了解产品使用情况和客户需求，及时反馈并处理相关问题。",
                            "<strong>协助销售：</strong>协助销售团队进行产品推广和技术交流，提供必要的技术支持。",
                        ],
                        [
                            "<strong>Technical support:</strong> install, commission and repair products so that they run properly.",
                            "<strong>Answering questions:</strong> answer customers' questions on using the product and finding faults, with timely, useful support.",
                            "<strong>Follow-up visits:</strong> visit customers regularly to learn how the product is used and what they need, and report and handle issues.",
                            "<strong>Supporting sales:</strong> help the sales team with product promotion and technical exchange.",
                        ],
                    ),
                    p(
                        "这四项职责彼此相连。例如在一次定期回访中，你发现客户的设备经常在夜班停机；进一步了解后得知，客户计划扩大产能。"
                        "你既要安排检修，也要把扩产需求反馈给销售同事——这就是“及时反馈并处理”和“协助销售”在现场的样子。",
                        "The four duties are connected. On a routine follow-up visit, say, you learn that the customer's "
                        "machine often stops on the night shift, and that the customer plans to expand production. You "
                        "arrange a service visit and pass the expansion plan on to your sales colleagues: that is "
                        "“report and handle issues” and “support sales” in real life.",
                    ),
                    checklist(
                        T("定期回访前的准备清单", "Checklist before a follow-up visit"),
                        [
                            T(
                                "查阅该客户的设备档案和最近三次服务记录",
                                "Read the customer's equipment file and the last three service records",
                            ),
                            T(
                                "确认设备保修状态和已知的软件升级",
                                "Check the warranty status and any known software updates",
                            ),
                            T("准备常用易损件和检测工具", "Pack common wear parts and test tools"),
                            T(
                                "提前与客户约定时间和对接人",
                                "Agree the time and the contact person with the customer in advance",
                            ),
                            T("准备满意度回访表", "Bring the satisfaction survey form"),
                        ],
                    ),
                    callout(
                        "tip",
                        T("小提示", "Tip"),
                        T(
                            "回访时先听客户说，再看设备。客户提到的“小毛病”往往是下一次大故障的前兆。",
                            "On a follow-up visit, listen to the customer first, then look at the machine. The “small "
                            "niggles” customers mention are often the first signs of the next big failure.",
                        ),
                    ),
                ],
            ),
            Lesson(
                slug="skills",
                title=T("售后工程师的技能要求", "Skills an after-sales engineer needs"),
                summary=T(
                    "技术、沟通、学习与协作、市场意识。",
                    "Technical skill, communication, learning and teamwork, market sense.",
                ),
                minutes=12,
                body=[
                    p(
                        "完成上述职责，需要四类能力。它们也正是后面考核方案中“技术能力、服务态度、团队协作、工作效率”四个维度的基础。",
                        "The duties above take four kinds of ability. They are also the basis of the four dimensions of the "
                        "assessment scheme you will meet later: technical ability, service attitude, teamwork and work efficiency.",
                    ),
                    table(
                        T(
                            "四类技能及其在工作中的表现",
                            "The four skills and how they show at work",
                        ),
                        [
                            [
                                T("技能", "Skill"),
                                T("要求", "Requirement"),
                                T("在工作中的表现", "How it shows"),
                            ],
                            [
                                T("技术能力", "Technical skill"),
                                T(
                                    "熟练掌握产品技术知识和维修技能",
                                    "Master product knowledge and repair skills",
                                ),
                                T(
                                    "能快速定位并解决技术问题，一次修复",
                                    "Finds and fixes faults quickly, first time",
                                ),
                            ],
                            [
                                T("沟通与服务", "Communication and service"),
                                T(
                                    "良好的沟通能力和服务意识",
                                    "Good communication and service awareness",
                                ),
                                T(
                                    "与客户建立良好的合作关系，说明清楚原因和方案",
                                    "Builds a good relationship and explains causes and plans clearly",
                                ),
                            ],
                            [
                                T("学习与协作", "Learning and teamwork"),
                                T(
                                    "较强的学习能力和团队协作精神",
                                    "Strong learning ability and team spirit",
                                ),
                                T(
                                    "主动学习新产品，乐于分享案例",
                                    "Learns new products on their own initiative and shares cases",
                                ),
                            ],
                            [
                                T("市场意识", "Market sense"),
                                T(
                                    "一定的市场分析能力和销售技巧",
                                    "Some market analysis and sales skill",
                                ),
                                T(
                                    "发现客户需求并协助销售推广",
                                    "Spots customer needs and helps promote products",
                                ),
                            ],
                        ],
                    ),
                    p(
                        "技术能力决定你能不能修好，沟通能力决定客户是否相信你修好了。一位工程师在更换主板后只说了一句“好了”就离开，"
                        "客户并不知道故障原因，也不知道如何避免再次发生；另一位工程师在离开前用五分钟讲清楚原因、演示了正确的开机顺序，"
                        "并留下联系方式。两个人的技术水平相同，客户满意度却完全不同。",
                        "Technical skill decides whether you can fix it; communication decides whether the customer believes "
                        "it is fixed. One engineer replaced a main board, said “done” and left: the customer knew neither "
                        "the cause nor how to prevent it. Another took five minutes before leaving to explain the cause, "
                        "showed the right start-up sequence and left his phone number. Their technical skill was the same; "
                        "their customers' satisfaction was not.",
                    ),
                    callout(
                        "key_point",
                        T("要点", "Key point"),
                        T(
                            "学习能力是其余能力的“放大器”：产品在更新，只有持续学习，技术和服务才能跟得上。",
                            "Learning is the amplifier of every other skill: products change, and only engineers who keep "
                            "learning keep up.",
                        ),
                    ),
                ],
            ),
            Lesson(
                slug="workflow",
                title=T("售后工程师的工作流程", "The after-sales workflow"),
                summary=T(
                    "从接收报修到总结反馈的五个步骤。",
                    "Five steps from the repair request to the summary and feedback.",
                ),
                minutes=15,
                body=[
                    p(
                        "每一次报修都应当走完同样的五个步骤。流程的意义不在于增加手续，而在于确保不遗漏关键环节：弄清需求、确认方案、验收交付、沉淀经验。",
                        "Every repair request should go through the same five steps. The point is not paperwork but making "
                        "sure nothing essential is skipped: understand the need, agree the plan, hand over properly and keep "
                        "what was learned.",
                    ),
                    steps(
                        T("五步维修工作流程", "The five-step repair workflow"),
                        [
                            (
                                T("接收报修", "Receive the repair request"),
                                T(
                                    "接收客户报修信息，了解故障现象和客户需求：什么设备、什么现象、何时开始、影响多大。",
                                    "Take the customer's report and understand the symptom and the need: which machine, what happens, since when, how much it hurts.",
                                ),
                            ),
                            (
                                T("分析原因并确认方案", "Analyse and agree the plan"),
                                T(
                                    "根据故障现象分析原因，制定维修方案，并与客户沟通确认（时间、费用、停机安排）。",
                                    "Analyse the likely cause from the symptom, plan the repair and confirm it with the customer (time, cost, downtime).",
                                ),
                            ),
                            (
                                T("现场维修或远程指导", "Repair on site or guide remotely"),
                                T(
                                    "进行现场维修，或远程指导客户操作，确保问题得到及时解决。",
                                    "Repair on site, or guide the customer remotely, so the problem is solved promptly.",
                                ),
                            ),
                            (
                                T("测试和验收", "Test and hand over"),
                                T(
                                    "维修完成后进行产品测试和验收，确保产品正常运行并满足客户需求，请客户签字确认。",
                                    "Test the product after the repair and hand it over, making sure it runs and meets the customer's needs; the customer signs off.",
                                ),
                            ),
                            (
                                T("总结、记录与反馈", "Summarise, record and feed back"),
                                T(
                                    "对维修过程进行总结和记录，及时反馈问题和改进建议。",
                                    "Write up and record the repair, and report problems and suggestions for improvement.",
                                ),
                            ),
                        ],
                    ),
                    h(
                        "案例：一台报警停机的数控机床",
                        "Case: a CNC machine that stops with an alarm",
                    ),
                    p(
                        "周一上午，客户来电：“加工中心一开机就报警，整条线停了。”接单的工程师没有急着出发，而是先问清楚：报警代码是什么？"
                        "最近是否做过维修或改动？结果得知，上周五刚更换过主轴编码器。工程师据此判断很可能与维修有关，带上编码器线缆和诊断工具出发，"
                        "并告诉客户预计两小时到达、一小时内恢复生产。",
                        "Monday morning, a customer calls: “The machining centre alarms as soon as it starts and the whole "
                        "line is down.” The engineer who takes the call does not rush out; first she asks: what is the alarm "
                        "code? Has anything been repaired or changed lately? It turns out the spindle encoder was replaced "
                        "last Friday. She concludes the fault is probably linked to that repair, packs an encoder cable and "
                        "diagnostic tools, and tells the customer she will arrive in two hours and restore production within one.",
                    ),
                    p(
                        "现场检查发现编码器插头没有插到位，重新插紧并锁定后报警消除。工程师没有就此离开：她让设备空载运行 30 分钟、"
                        "再加工一件试件，与操作工一起确认尺寸合格，请客户签字验收；回到公司后，她在维修记录里写明原因，并建议在维修后检查清单中增加“插头锁扣确认”。"
                        "这就是五个步骤完整走完的样子——下一模块会用鱼骨图和五个为什么深入分析这个案例。",
                        "On site she finds the encoder plug not fully seated; once it is pushed home and latched, the alarm "
                        "clears. She does not leave yet: she runs the machine idle for 30 minutes, machines a test part, "
                        "checks its dimensions with the operator and has the customer sign off. Back at the office she "
                        "records the cause and proposes adding “check connector latches” to the post-repair checklist. "
                        "That is the five-step workflow done in full; the next module analyses this case in depth with a "
                        "fishbone diagram and five whys.",
                    ),
                    callout(
                        "warning",
                        T("注意", "Warning"),
                        T(
                            "没有经过测试和客户验收的维修，不能视为完成。跳过第四步，是返修最常见的原因之一。",
                            "A repair that has not been tested and accepted by the customer is not finished. Skipping step "
                            "four is one of the most common reasons for repeat repairs.",
                        ),
                    ),
                    knowledge_check(
                        "kc-module-2",
                        T("知识检查：角色与职责", "Knowledge check: role and duties"),
                        T(
                            "检验你是否掌握了职责、技能和五步工作流程。",
                            "Check that you know the duties, the skills and the five-step workflow.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    # ------------------------------------------------------------------ 3 方法论
    Module(
        slug="problem-solving-method",
        title=T("问题分析与解决的方法论", "The problem-solving method"),
        summary=T(
            "四个阶段：问题识别与定义、问题原因分析、问题解决方案制定、问题解决实施与跟踪。",
            "Four stages: identify and define, analyse causes, plan the solution, implement and track.",
        ),
        requires_previous=True,
        lessons=[
            Lesson(
                slug="identify-and-define",
                title=T("问题识别与定义", "Identify and define the problem"),
                summary=T(
                    "明确问题、问题分类、确定问题范围。",
                    "Describe the problem, classify it, bound its scope.",
                ),
                minutes=15,
                body=[
                    p(
                        "解决问题的第一步，是把问题说清楚。一个定义不清的问题，会让后面的分析走错方向。“机器坏了”不是问题定义；"
                        "“3 号灌装机自周二夜班起，每班约有 5% 的瓶子灌装量低于下限，其余设备正常”才是。",
                        "The first step in solving a problem is to say clearly what it is. A badly defined problem sends the "
                        "analysis in the wrong direction. “The machine is broken” is not a problem definition; “Since "
                        "Tuesday's night shift, about 5 % of bottles on filling machine 3 are under-filled in every shift; "
                        "the other machines are fine” is.",
                    ),
                    h("1　明确问题", "1. Describe the problem"),
                    p(
                        "清晰、准确地描述问题，避免模糊和歧义。可以借助 5W2H：什么（What）、哪里（Where）、何时（When）、谁（Who）、"
                        "为什么重要（Why）、怎样发生（How）、多少（How much）。尽量用数据和事实，而不是“经常”“好像”。",
                        "Describe the problem clearly and precisely, without vagueness or ambiguity. 5W2H helps: what, where, "
                        "when, who, why it matters, how it happens, how much. Use data and facts rather than “often” and "
                        "“it seems”.",
                    ),
                    h("2　问题分类", "2. Classify the problem"),
                    p(
                        "根据问题的性质和影响程度进行分类，以便有针对性地解决。性质上可分为设备故障、操作使用、备件质量、环境条件等；"
                        "影响上看是否停产、是否涉及安全、涉及多少客户。",
                        "Classify the problem by its nature and its impact so that it can be handled appropriately. By "
                        "nature: equipment fault, operation, spare-part quality, environment. By impact: does it stop "
                        "production, is safety involved, how many customers are affected.",
                    ),
                    table(
                        T("按影响程度分级（示例）", "Grading by impact (example)"),
                        [
                            [
                                T("级别", "Grade"),
                                T("判断标准", "Criterion"),
                                T("响应要求", "Response"),
                            ],
                            [
                                T("紧急", "Urgent"),
                                T("停产或存在安全隐患", "Production stopped or a safety risk"),
                                T(
                                    "2 小时内响应，当天到场",
                                    "Respond within 2 h, on site the same day",
                                ),
                            ],
                            [
                                T("重要", "Major"),
                                T("性能下降、影响质量", "Reduced performance, quality affected"),
                                T(
                                    "4 小时内响应，48 小时内解决",
                                    "Respond within 4 h, solve within 48 h",
                                ),
                            ],
                            [
                                T("一般", "Minor"),
                                T(
                                    "不影响生产的咨询或小问题",
                                    "Questions or minor issues, production unaffected",
                                ),
                                T("1 个工作日内答复", "Answer within one working day"),
                            ],
                        ],
                    ),
                    h("3　确定问题范围", "3. Bound the scope"),
                    p(
                        "明确问题涉及的范围和边界，避免扩大化或遗漏。是一台设备还是同批次所有设备？是一个班次还是所有班次？"
                        "在灌装机的例子里，“只有 3 号机、只在夜班”这两个边界，立刻把怀疑对象缩小到 3 号机本身和夜班的操作条件上。",
                        "Set the problem's scope and boundaries, so it is neither blown up nor partly missed. One machine or "
                        "the whole batch? One shift or all shifts? In the filling-machine example, the two boundaries “only "
                        "machine 3, only at night” at once narrow the suspects to machine 3 itself and night-shift conditions.",
                    ),
                    checklist(
                        T("一个好的问题定义", "A good problem definition"),
                        [
                            T(
                                "说明了现象，而不是猜测的原因",
                                "States the symptom, not a guessed cause",
                            ),
                            T("有数据：频率、数量、时间", "Has data: frequency, quantity, time"),
                            T(
                                "写明了边界：哪些设备、哪些条件下出现",
                                "States the boundaries: which machines, under which conditions",
                            ),
                            T("写明了影响和紧急程度", "States the impact and urgency"),
                        ],
                    ),
                ],
            ),
            Lesson(
                slug="analyse-causes",
                title=T("问题原因分析", "Analyse the causes"),
                summary=T(
                    "收集信息、用鱼骨图分析原因、用五个为什么找到根本原因。",
                    "Collect information, analyse causes with a fishbone diagram, find the root cause with five whys.",
                ),
                minutes=20,
                body=[
                    p(
                        "定义清楚问题之后，下一步是找原因。资料中把这一阶段分为三步：收集信息、分析原因、确定根本原因。"
                        "本课用上一模块的案例来练习：一台数控加工中心在更换主轴编码器后，一开机就报警停机。",
                        "Once the problem is defined, the next step is to find its cause. The course material divides this "
                        "stage into three steps: collect information, analyse causes, determine the root cause. This lesson "
                        "practises them on the case from the previous module: a CNC machining centre that stops with an alarm "
                        "as soon as it is switched on after its spindle encoder was replaced.",
                    ),
                    h("1　收集信息", "1. Collect information"),
                    p(
                        "收集与问题相关的各种信息，包括数据、记录、反馈等：报警代码和报警历史、维修记录、更换的备件型号、操作工的描述、"
                        "现场照片。在案例中，报警历史显示报警只在开机自检时出现，维修记录显示上周五更换了编码器——这两条信息最关键。",
                        "Gather every piece of information about the problem: data, records and feedback — alarm codes and "
                        "alarm history, repair records, part numbers of replaced parts, what the operators say, photos. In the "
                        "case, the alarm history shows the alarm only at the start-up self-test, and the repair record shows "
                        "the encoder was replaced last Friday: these two facts matter most.",
                    ),
                    h("2　用鱼骨图分析原因", "2. Analyse the causes with a fishbone diagram"),
                    p(
                        "鱼骨图（又称因果图、石川图）把“结果”写在鱼头，把可能的原因按类别画在鱼骨上。售后现场常用的六个类别是"
                        "人、机、料、法、环、测。它的价值在于让团队系统地想到所有方向，而不是只盯着第一个想到的原因。",
                        "A fishbone diagram (cause-and-effect or Ishikawa diagram) puts the effect at the fish's head and draws "
                        "the possible causes on the bones, by category. Six categories are common in after-sales work: people, "
                        "machine, material, method, environment and measurement (the “6 Ms”). Its value is that the team "
                        "considers every direction systematically instead of fixing on the first cause that comes to mind.",
                    ),
                    fishbone(
                        T("案例：维修后开机报警停机", "Case: alarm stop after a repair"),
                        T("维修后开机报警停机", "Alarm stop at start-up after repair"),
                        [
                            (
                                T("人", "People"),
                                [
                                    T("未按手册复位参数", "Parameters not reset per manual"),
                                    T("新员工首次独立维修", "First solo repair by a new hire"),
                                ],
                            ),
                            (
                                T("机", "Machine"),
                                [
                                    T("编码器插头未插到位", "Encoder plug not fully seated"),
                                    T("线缆在拖链处磨损", "Cable worn in the drag chain"),
                                ],
                            ),
                            (
                                T("料", "Material"),
                                [
                                    T("更换的编码器型号不符", "Wrong encoder model fitted"),
                                    T("备件受潮", "Spare part damp"),
                                ],
                            ),
                            (
                                T("法", "Method"),
                                [
                                    T("维修后无检查清单", "No post-repair checklist"),
                                    T("未做空载试运行", "No idle test run"),
                                ],
                            ),
                            (
                                T("环", "Environment"),
                                [
                                    T("车间粉尘和油雾大", "Dust and oil mist in the shop"),
                                    T("夜间电压波动", "Voltage swings at night"),
                                ],
                            ),
                            (
                                T("测", "Measurement"),
                                [
                                    T("未记录报警代码", "Alarm code not recorded"),
                                    T("诊断软件版本过旧", "Outdated diagnostic software"),
                                ],
                            ),
                        ],
                        T(
                            "编码器插头未插到位且未锁定",
                            "Encoder plug not fully seated and not latched",
                        ),
                    ),
                    p(
                        "画完鱼骨图后，逐条用事实验证：型号核对无误（排除“料”）；电压记录正常（排除“环”）；重新插拔并锁紧插头后报警消失，"
                        "松开锁扣轻轻晃动时报警复现——“机”类中的“插头未插到位”得到验证。",
                        "With the diagram drawn, check each cause against the facts: the part number is right (rules out "
                        "material); the voltage log is normal (rules out environment); once the plug is re-seated and latched "
                        "the alarm disappears, and with the latch open a light wiggle brings it back. The machine cause "
                        "“plug not fully seated” is confirmed.",
                    ),
                    h("3　用五个为什么找到根本原因", "3. Find the root cause with five whys"),
                    p(
                        "找到直接原因还不够。如果只把插头插好就结束，同样的问题还会在别的设备、别的工程师身上发生。"
                        "连续追问“为什么”，直到找到一个可以通过改变流程或标准来消除的原因，这就是根本原因。",
                        "Finding the direct cause is not enough. If we just push the plug home and leave, the same problem will "
                        "happen again on another machine with another engineer. Keep asking “why?” until you reach a cause "
                        "that a change of process or standard can remove: that is the root cause.",
                    ),
                    five_whys(
                        T(
                            "维修后开机报警停机",
                            "The machine stops with an alarm at start-up after a repair",
                        ),
                        [
                            T(
                                "为什么报警？——数控系统收不到主轴编码器信号。",
                                "Why the alarm? The controller gets no signal from the spindle encoder.",
                            ),
                            T(
                                "为什么收不到信号？——编码器插头没有插到位。",
                                "Why no signal? The encoder plug is not fully seated.",
                            ),
                            T(
                                "为什么没有插到位？——维修时插头锁扣没有扣上，运行振动后松脱。",
                                "Why not seated? The latch was not closed during the repair and vibration loosened the plug.",
                            ),
                            T(
                                "为什么锁扣没扣上也没被发现？——维修后没有逐项检查连接器，也没有做试运行。",
                                "Why was that not noticed? Connectors were not checked one by one and no test run was done after the repair.",
                            ),
                            T(
                                "为什么没有检查和试运行？——公司没有维修后检查清单，是否试运行全凭个人习惯。",
                                "Why no check and test run? There is no post-repair checklist; whether to run a test is left to personal habit.",
                            ),
                        ],
                        T(
                            "缺少标准化的维修后检查与试运行要求。",
                            "There is no standard post-repair check and test-run requirement.",
                        ),
                        T(
                            "制定维修后检查清单（含连接器锁扣确认、30 分钟空载试运行），纳入工作流程和考核。",
                            "Introduce a post-repair checklist (connector latches, 30-minute idle run) in the workflow and the assessment.",
                        ),
                    ),
                    callout(
                        "key_point",
                        T("直接原因与根本原因", "Direct cause and root cause"),
                        T(
                            "直接原因回答“是什么坏了”，根本原因回答“为什么我们的工作方式让它发生”。只有消除根本原因，问题才不会再来。",
                            "The direct cause answers “what broke”; the root cause answers “why our way of working let it "
                            "happen”. Only removing the root cause stops the problem coming back.",
                        ),
                    ),
                ],
            ),
            Lesson(
                slug="plan-the-solution",
                title=T("问题解决方案制定", "Plan the solution"),
                summary=T(
                    "提出解决方案、评估方案、制定实施计划。",
                    "Propose solutions, evaluate them, make an implementation plan.",
                ),
                minutes=15,
                body=[
                    p(
                        "找到根本原因后，就可以制定方案了。资料中的三步是：提出解决方案、方案评估、制定实施计划。"
                        "好的方案既要解决眼前的问题（恢复生产），也要消除根本原因（防止再次发生）。",
                        "With the root cause found, you can plan. The three steps in the course material are: propose "
                        "solutions, evaluate them, make an implementation plan. A good plan both solves the problem at hand "
                        "(restore production) and removes the root cause (stop it happening again).",
                    ),
                    h("1　提出解决方案", "1. Propose solutions"),
                    p(
                        "根据问题原因，提出针对性的解决方案。通常分为两类：<strong>临时措施</strong>，尽快恢复客户生产；"
                        "<strong>永久措施</strong>，针对根本原因。以报警停机案例为例，临时措施是重新插好并锁定插头、检查所有连接器；"
                        "永久措施可以有几种：制定维修后检查清单；给插头加防松标识；在诊断软件中增加开机自检提示。",
                        "Propose solutions aimed at the cause. There are usually two kinds: <strong>containment</strong>, to "
                        "get the customer producing again quickly, and <strong>permanent fixes</strong>, aimed at the root "
                        "cause. In the alarm-stop case, containment is re-seating and latching the plug and checking every "
                        "connector; permanent options include a post-repair checklist, anti-loosening marks on plugs, and a "
                        "start-up self-test prompt in the diagnostic software.",
                    ),
                    h("2　方案评估", "2. Evaluate the options"),
                    p(
                        "对提出的解决方案从成本、时间、效果等方面进行评估。把方案放在同一张表里比较，能让讨论基于事实而不是个人偏好。",
                        "Evaluate each solution on cost, time and effect. Putting the options side by side in one table keeps "
                        "the discussion on facts rather than personal preference.",
                    ),
                    table(
                        T("永久措施评估", "Evaluating the permanent fixes"),
                        [
                            [
                                T("方案", "Option"),
                                T("成本", "Cost"),
                                T("时间", "Time"),
                                T("效果", "Effect"),
                            ],
                            [
                                T("维修后检查清单", "Post-repair checklist"),
                                T("低", "Low"),
                                T("1 周", "1 week"),
                                T("覆盖所有维修类型", "Covers every kind of repair"),
                            ],
                            [
                                T("插头防松标识", "Anti-loosening marks"),
                                T("低", "Low"),
                                T("2 周", "2 weeks"),
                                T("只针对连接器", "Connectors only"),
                            ],
                            [
                                T("软件自检提示", "Self-test prompt in software"),
                                T("高", "High"),
                                T("3 个月", "3 months"),
                                T("需研发排期，只覆盖新机型", "Needs R&D time; new models only"),
                            ],
                        ],
                    ),
                    p(
                        "比较之后，团队决定先实施检查清单和防松标识（成本低、见效快），同时向研发提出软件改进建议。",
                        "After the comparison the team decides to introduce the checklist and the marks first (cheap and "
                        "quick) and to send the software idea to R&D.",
                    ),
                    h("3　制定实施计划", "3. Make an implementation plan"),
                    p(
                        "确定解决方案的实施步骤和时间表，明确责任人和所需资源。没有责任人和日期的方案，往往停留在会议纪要里。",
                        "Set the steps and the schedule, and name the owner and the resources. A plan without an owner and a "
                        "date tends to stay in the minutes of the meeting.",
                    ),
                    table(
                        T("实施计划", "Implementation plan"),
                        [
                            [
                                T("步骤", "Step"),
                                T("责任人", "Owner"),
                                T("完成日期", "Due"),
                                T("资源", "Resources"),
                            ],
                            [
                                T("起草维修后检查清单", "Draft the post-repair checklist"),
                                T("技术主管", "Technical lead"),
                                T("第 1 周", "Week 1"),
                                T("维修手册、典型案例", "Repair manuals, typical cases"),
                            ],
                            [
                                T("培训全体工程师", "Train every engineer"),
                                T("培训师", "Trainer"),
                                T("第 2 周", "Week 2"),
                                T("课程平台、1 小时培训", "Course platform, a one-hour session"),
                            ],
                            [
                                T(
                                    "清单纳入工作流程和考核",
                                    "Add the checklist to the workflow and the assessment",
                                ),
                                T("考核负责人", "Assessment owner"),
                                T("第 3 周", "Week 3"),
                                T("考核方案", "The assessment scheme"),
                            ],
                        ],
                    ),
                ],
            ),
            Lesson(
                slug="implement-and-track",
                title=T("问题解决实施与跟踪", "Implement and track"),
                summary=T(
                    "实施方案、跟踪与监控、效果评估、持续改进。",
                    "Implement, monitor, evaluate the effect, improve continuously.",
                ),
                minutes=15,
                body=[
                    p(
                        "方案只有落地才有价值。最后一个阶段包括四个环节，它们构成一个循环：实施之后评估效果，根据结果继续改进。",
                        "A plan is only worth something once it is carried out. The last stage has four parts that form a "
                        "loop: implement, evaluate the effect, and improve from what you learn.",
                    ),
                    steps(
                        T("实施与跟踪的四个环节", "The four parts of implementing and tracking"),
                        [
                            (
                                T("实施解决方案", "Implement the solution"),
                                T(
                                    "按照实施计划，逐步推进解决方案的实施。",
                                    "Carry out the solution step by step, following the plan.",
                                ),
                            ),
                            (
                                T("跟踪与监控", "Monitor"),
                                T(
                                    "对实施过程进行跟踪和监控，确保解决方案得到有效执行；偏离计划时及时调整。",
                                    "Follow and monitor the work so the solution is really applied; adjust when it drifts from the plan.",
                                ),
                            ),
                            (
                                T("效果评估", "Evaluate the effect"),
                                T(
                                    "实施后评估效果：问题是否解决、客户是否满意、指标是否改善。",
                                    "After implementation, evaluate: is the problem solved, is the customer satisfied, did the indicators improve?",
                                ),
                            ),
                            (
                                T("持续改进", "Improve continuously"),
                                T(
                                    "根据评估结果对方案持续改进和优化，提高问题解决的效率和质量。",
                                    "Keep improving the solution from the evaluation, making problem-solving faster and better.",
                                ),
                            ),
                        ],
                    ),
                    h("案例的后续", "What happened next in the case"),
                    p(
                        "维修后检查清单上线后的三个月里，培训师在每周例会上抽查维修报告，确认清单被真正使用（跟踪与监控）。"
                        "季度复盘显示：因“维修后报警”产生的返修从 9 次降到 1 次，客户满意度回访得分从 4.1 提高到 4.6（效果评估）。"
                        "唯一的那一次返修暴露出清单没有覆盖液压管接头，团队随即把它加入清单（持续改进）。",
                        "In the three months after the checklist was introduced, the trainer sampled repair reports at the "
                        "weekly meeting to make sure it was really used (monitoring). The quarterly review showed repeat "
                        "visits for “alarm after repair” down from 9 to 1, and the follow-up satisfaction score up from 4.1 "
                        "to 4.6 (evaluation). The one remaining repeat visit showed that hydraulic fittings were missing from "
                        "the checklist, and the team added them (continuous improvement).",
                    ),
                    checklist(
                        T("关闭一个问题之前", "Before you close a problem"),
                        [
                            T(
                                "客户确认问题已解决并签字",
                                "The customer confirms it is solved and signs",
                            ),
                            T(
                                "效果有数据支持（返修次数、停机时间、满意度）",
                                "Data shows the effect (repeat visits, downtime, satisfaction)",
                            ),
                            T(
                                "根本原因的永久措施已落实",
                                "The permanent fix for the root cause is in place",
                            ),
                            T(
                                "经验已写入案例库或检查清单",
                                "The lesson is in the case library or a checklist",
                            ),
                        ],
                    ),
                    callout(
                        "tip",
                        T("方法论小结", "The method in brief"),
                        T(
                            "定义 → 分析 → 方案 → 实施与跟踪。认证中的实践案例报告也按这四个阶段评分。",
                            "Define → analyse → plan → implement and track. The practice-case reports in the "
                            "certification are graded on these four stages too.",
                        ),
                    ),
                    knowledge_check(
                        "kc-module-3",
                        T("知识检查：问题分析与解决", "Knowledge check: problem solving"),
                        T(
                            "用一个新的售后案例检验你对四个阶段的理解。",
                            "Test your grasp of the four stages on a new after-sales case.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    # ------------------------------------------------------------------ 4 考核方案
    Module(
        slug="assessment-scheme",
        title=T("考核方案的设计与实施", "Designing and running the assessment scheme"),
        summary=T(
            "设计原则、四个考核维度与指标，以及考核的实施流程。",
            "Design principles, the four dimensions and their indicators, and how the assessment is run.",
        ),
        requires_previous=True,
        lessons=[
            Lesson(
                slug="design-principles",
                title=T("考核方案的设计原则", "Design principles of the scheme"),
                summary=T(
                    "公平公正、客观可衡量、激励导向、全面覆盖。",
                    "Fair and just, objective and measurable, incentive-oriented, comprehensive.",
                ),
                minutes=12,
                body=[
                    p(
                        "知道考核方案是怎样设计的，你就能理解自己的每一项得分从何而来。方案遵循四条原则。",
                        "When you know how the scheme is designed, you understand where each of your scores comes from. "
                        "The scheme follows four principles.",
                    ),
                    h("公平公正", "Fair and just"),
                    p(
                        "确保考核标准明确、公开，避免主观偏见和歧视，使每一位售后工程师都能在平等的条件下接受考核。"
                        "在本平台上，考核方案的版本、指标和权重对所有人公开，成绩单上的每个数字都能追溯到原始记录。",
                        "Standards are explicit and public, free of bias and discrimination, so every engineer is assessed on "
                        "equal terms. On this platform the scheme's version, indicators and weights are open to everyone, and "
                        "every figure on a scorecard can be traced to its records.",
                    ),
                    h("客观可衡量", "Objective and measurable"),
                    p(
                        "考核指标应具体、可量化，以便准确评估工作绩效，减少主观因素对结果的影响。"
                        "“服务态度好”难以衡量，“客户满意度回访平均分不低于 4.5 分”则可以。",
                        "Indicators are concrete and quantified, so performance is assessed accurately and personal opinion "
                        "counts for less. “Good attitude” is hard to measure; “average follow-up satisfaction score of at "
                        "least 4.5” is not.",
                    ),
                    h("激励导向", "Incentive-oriented"),
                    p(
                        "考核方案应能激发售后工程师的积极性和进取心，鼓励他们不断提升技能和服务水平。因此考核结果会带来明确的回报，"
                        "也会给出具体的改进建议，而不是只有一个分数。",
                        "The scheme should spur engineers on and encourage them to keep improving. Its results therefore lead "
                        "to clear rewards and to concrete suggestions, not just a number.",
                    ),
                    h("全面覆盖", "Comprehensive"),
                    p(
                        "考核内容应涵盖售后工程师工作的各个方面，包括技术能力、服务态度、团队协作等，以全面评价工作表现。"
                        "只考技术的方案会忽视客户体验，只看满意度的方案会忽视技术深度。",
                        "The assessment covers every side of the work — technical ability, service attitude, teamwork and "
                        "more — to give a complete picture. A scheme that only tests technique ignores the customer's "
                        "experience; one that only counts satisfaction ignores technical depth.",
                    ),
                    callout(
                        "key_point",
                        T("四条原则如何落地", "How the principles show"),
                        T(
                            "公开的指标和权重（公平公正），有数据来源的指标（客观可衡量），与等级挂钩的回报（激励导向），四个维度（全面覆盖）。",
                            "Public indicators and weights (fair), indicators with data sources (measurable), rewards tied to "
                            "grades (incentive), four dimensions (comprehensive).",
                        ),
                    ),
                ],
            ),
            Lesson(
                slug="dimensions-and-indicators",
                title=T("考核内容、指标与权重", "Dimensions, indicators and weights"),
                summary=T(
                    "认证成绩的三个组成部分，在岗表现的四个维度、各项指标及其数据来源。",
                    "The three components of the certification score, and the four on-the-job "
                    "dimensions with their indicators and data sources.",
                ),
                minutes=20,
                body=[
                    p(
                        "考核方案把认证成绩分成三个组成部分，其中“在岗表现”又按技术能力、服务态度、团队协作、工作效率四个维度评价。"
                        "本课讲解本平台演示项目“售后工程师一级认证”当前生效的考核方案：每个组成部分、每个维度和每项指标的权重，"
                        "以及每项指标的数据从哪里来。你的成绩单就是按这套方案计算的。",
                        "The scheme splits the certification score into three components. One of them, on-the-job "
                        "performance, is assessed in four dimensions: technical ability, service attitude, teamwork and "
                        "work efficiency. This lesson walks you through the scheme now in force for the platform's demo "
                        "program, the Level 1 after-sales engineer certification: the weight of every component, "
                        "dimension and indicator, and where each indicator's data comes from. Your scorecard is "
                        "calculated with exactly this scheme.",
                    ),
                    h("认证成绩的三个组成部分", "The three components of the certification score"),
                    table(
                        T("三个组成部分及其权重", "The three components and their weights"),
                        [
                            [
                                T("组成部分", "Component"),
                                T("权重", "Weight"),
                                T("考核什么", "What it assesses"),
                            ],
                            [
                                T("认证考试", "Certification exam"),
                                T("30%", "30%"),
                                T(
                                    "学完课程后参加的认证考试，按百分制计分。",
                                    "The certification exam you sit after the course, marked out of 100.",
                                ),
                            ],
                            [
                                T("实践案例", "Practice cases"),
                                T("30%", "30%"),
                                T(
                                    "三个实践案例报告，由培训师按方法论四个阶段的评分标准评分，取平均分。",
                                    "Three practice-case reports, graded by a trainer against a rubric built on the four "
                                    "stages of the method; the average counts.",
                                ),
                            ],
                            [
                                T("在岗表现", "On-the-job performance"),
                                T("40%", "40%"),
                                T(
                                    "四个维度的在岗指标，数据来自你的日常工作。",
                                    "The on-the-job indicators of the four dimensions, measured from your daily work.",
                                ),
                            ],
                        ],
                    ),
                    p(
                        "三个组成部分都换算成百分制，再按权重合成总分。例如考试 85 分、实践案例 80 分、在岗表现 75 分，"
                        "总分 = 85 × 30% + 80 × 30% + 75 × 40% = 25.5 + 24 + 30 = 79.5 分。"
                        "考试和实践案例检验你学到并能运用的知识，在岗表现检验你在真实工作中的表现，三者缺一不可。",
                        "Each component is scored out of 100, and the weights combine them into the total. With 85 in the "
                        "exam, 80 in the practice cases and 75 on the job, the total is 85 × 30% + 80 × 30% + 75 × 40% = "
                        "25.5 + 24 + 30 = 79.5. The exam and the cases show what you have learned and can apply; on-the-job "
                        "performance shows how you actually work. You need all three.",
                    ),
                    h("在岗表现的四个维度", "The four on-the-job dimensions"),
                    p(
                        "在岗表现由四个维度组成。本方案中每个维度的权重都是 25%，即各占在岗表现的四分之一，折合总分的 10 分。"
                        "每个维度下有两到三项指标，指标在维度内也有权重。指标的实际值按“最差值得 0 分、最好值得 100 分”换算成得分；"
                        "重复维修率、有效投诉、响应时间和修复时长是越低越好。",
                        "On-the-job performance is made up of four dimensions. In this scheme each of them weighs 25%: a "
                        "quarter of the on-the-job score, or 10 points of the total. Each dimension has two or three "
                        "indicators, which are weighted within the dimension. An indicator's actual value is converted "
                        "into a score from 0 (at the worst value) to 100 (at the best value). For repeat repairs, "
                        "complaints, response time and repair time, lower is better.",
                    ),
                    table(
                        T(
                            "四个维度的指标、权重和数据来源",
                            "Indicators, weights and data sources of the four dimensions",
                        ),
                        [
                            [
                                T("维度（权重）", "Dimension (weight)"),
                                T("指标", "Indicator"),
                                T("维度内权重", "Weight in the dimension"),
                                T("数据来源", "Data source"),
                            ],
                            [
                                T("技术能力（25%）", "Technical ability (25%)"),
                                T("一次修复率", "First-time fix rate"),
                                T("60%", "60%"),
                                T("工作记录", "Work records"),
                            ],
                            [
                                T("技术能力（25%）", "Technical ability (25%)"),
                                T("重复维修率", "Repeat repair rate"),
                                T("40%", "40%"),
                                T("工作记录", "Work records"),
                            ],
                            [
                                T("服务态度（25%）", "Service attitude (25%)"),
                                T("客户满意度", "Customer satisfaction"),
                                T("60%", "60%"),
                                T("客户反馈", "Customer feedback"),
                            ],
                            [
                                T("服务态度（25%）", "Service attitude (25%)"),
                                T("有效投诉", "Valid complaints"),
                                T("40%", "40%"),
                                T("客户反馈", "Customer feedback"),
                            ],
                            [
                                T("团队协作（25%）", "Teamwork (25%)"),
                                T("同事协作评分", "Peer teamwork rating"),
                                T("60%", "60%"),
                                T("同事评价", "Peer evaluation"),
                            ],
                            [
                                T("团队协作（25%）", "Teamwork (25%)"),
                                T("主管评价", "Supervisor rating"),
                                T("40%", "40%"),
                                T("主管评价", "Supervisor evaluation"),
                            ],
                            [
                                T("工作效率（25%）", "Work efficiency (25%)"),
                                T("平均响应时间", "Mean response time"),
                                T("30%", "30%"),
                                T("工作记录", "Work records"),
                            ],
                            [
                                T("工作效率（25%）", "Work efficiency (25%)"),
                                T("平均修复时长", "Mean time to repair"),
                                T("30%", "30%"),
                                T("工作记录", "Work records"),
                            ],
                            [
                                T("工作效率（25%）", "Work efficiency (25%)"),
                                T("工作计划完成率", "Work plan completion rate"),
                                T("40%", "40%"),
                                T("主管评价", "Supervisor evaluation"),
                            ],
                        ],
                    ),
                    h("数据从哪里来", "Where the data comes from", "h3"),
                    ul(
                        [
                            "<b>工作记录</b>：服务工单系统中每张工单的接单、响应、到场、修复和关闭时间，以及是否一次修好、是否返修。",
                            "<b>客户反馈</b>：维修后的客户回访评分（1–5 分）和经核实的有效投诉。",
                            "<b>同事评价</b>：每个考核周期末，同组同事对你的协作情况打分（1–5 分）。",
                            "<b>主管评价</b>：主管对你的整体表现打分（1–5 分），并确认工作计划的完成率。",
                        ],
                        [
                            "<b>Work records</b>: the service ticket system's times for each work order (received, "
                            "responded, on site, repaired, closed), and whether it was fixed first time or needed a "
                            "repeat visit.",
                            "<b>Customer feedback</b>: the satisfaction score from the follow-up call after a repair "
                            "(1–5) and complaints that have been checked and found valid.",
                            "<b>Peer evaluation</b>: at the end of each assessment period, colleagues in your team "
                            "rate how well you work with them (1–5).",
                            "<b>Supervisor evaluation</b>: your supervisor rates your overall performance (1–5) and "
                            "confirms how much of your work plan you completed.",
                        ],
                    ),
                    p(
                        "考核负责人每个季度导入这些数据。成绩单上的每项指标都能看到实际值、得分和来源，你可以逐项核对。",
                        "The assessor imports this data every quarter. For every indicator your scorecard shows the actual "
                        "value, its score and its source, so you can check each one yourself.",
                    ),
                    h("及格线与门槛", "Pass mark and thresholds"),
                    p(
                        "总分达到 60 分才能获得认证，另外还有三道门槛：认证考试不低于 60 分，实践案例不低于 60 分，"
                        "每个维度不低于 50 分。任何一道门槛没过，即使总分超过 60 分也不能获得认证——这样一个维度的短板不会被其他维度的高分掩盖。"
                        "获得认证后按总分定等级：90 分及以上为优秀，80 分及以上为良好，60 分及以上为合格。",
                        "You need a total of at least 60 to be certified, and you must also clear three thresholds: at "
                        "least 60 in the certification exam, at least 60 in the practice cases, and at least 50 in every "
                        "dimension. If you miss any threshold you are not certified, even with a total above 60, so a "
                        "weak dimension cannot be hidden behind strong ones. Certified engineers are graded on their "
                        "total: 90 or more is excellent, 80 or more is good, and 60 or more is a pass.",
                    ),
                    h("公司可以有不同的选择", "Where a company may choose differently"),
                    p(
                        "课程讲义描述了每个维度考察什么，但没有规定具体指标和权重——这些由公司“根据售后工程师的工作职责和公司的要求”设定。"
                        "本方案有几处与讲义的写法不同，原因如下：",
                        "The course deck describes what each dimension covers but leaves the indicators and weights open: "
                        "the company sets them “according to the engineers' duties and the company's requirements”. This "
                        "scheme differs from the deck's wording in a few places, for these reasons:",
                    ),
                    ul(
                        [
                            "<b>响应速度</b>：讲义把“对客户需求的理解和响应速度”归入服务态度，因为客户从响应快慢感受到服务态度。"
                            "本方案把“平均响应时间”作为工作效率的指标，因为它取自工单的时间记录，衡量的是处理速度。"
                            "两种归类都说得通，公司选定一种写进方案即可，关键是同一项数据只计入一个维度，不重复计分。",
                            "<b>考试和案例成绩</b>：它们不作为技术能力的指标，而是单独的组成部分（各占 30%）。"
                            "技术能力维度只看在岗的一次修复率和重复维修率；如果再把考试成绩算进技术能力，同一次考试就会被计两次分。",
                            "<b>权重</b>：本方案的四个维度权重相同（各 25%）。公司也可以更看重某个维度，例如把技术能力设为 40%；"
                            "修改权重会生成新的方案版本，已经计算过的成绩单保留当时使用的版本，前后可比、可追溯。",
                        ],
                        [
                            "<b>Response speed</b>: the deck puts “understanding customers' needs and speed of response” "
                            "under service attitude, because customers read your attitude from how fast you respond. This "
                            "scheme measures mean response time as work efficiency, because it comes from the time records "
                            "of work orders and measures how quickly work is handled. Either choice is reasonable; the "
                            "company picks one and writes it into the scheme. What matters is that each piece of data counts "
                            "in one dimension only, never twice.",
                            "<b>Exam and case scores</b>: they are not indicators of technical ability here but components "
                            "of their own (30% each). The technical ability dimension looks only at your first-time fix "
                            "rate and repeat repair rate on the job; counting the exam there as well would score the same "
                            "exam twice.",
                            "<b>Weights</b>: in this scheme the four dimensions weigh the same (25% each). A company may "
                            "give one of them more weight, for example 40% for technical ability. A change of weights makes "
                            "a new version of the scheme; scorecards already calculated keep the version they used, so "
                            "results stay comparable and traceable.",
                        ],
                    ),
                    callout(
                        "key_point",
                        T(
                            "为什么没有“案例分享次数”和“新技术学习”",
                            "Why “cases shared” and “learning new technology” are not measured",
                        ),
                        T(
                            "讲义中团队协作包括分享经验，技术能力包括对新技术的学习和应用，但本方案没有把“案例分享次数”和“新技术学习”设为单独的指标。"
                            "一是目前没有可靠的记录来源：分享和学习的次数既不在工单系统里，也没有统一登记，无法做到“客观可衡量”。"
                            "二是只数次数会鼓励凑数量而不是提质量。因此，分享经验体现在“同事协作评分”中，新技术的学习和应用由认证考试和实践案例检验。"
                            "公司一旦建立了可靠的记录（例如经过评审的案例库、培训记录），就可以在新的方案版本中把它们加为指标。",
                            "In the deck, teamwork includes sharing experience and technical ability includes learning and "
                            "applying new technology, yet this scheme has no separate indicators for cases shared or for "
                            "learning new technology. First, there is no reliable record of them yet: neither appears in the "
                            "service ticket system or in any common register, so they cannot be objective and measurable. "
                            "Second, counting them rewards quantity rather than quality. Sharing experience therefore shows "
                            "in the peer teamwork rating, and learning and applying new technology is tested by the "
                            "certification exam and the practice cases. Once a company keeps reliable records (a reviewed "
                            "case library or training records, say), it can add them as indicators in a new version of "
                            "the scheme.",
                        ),
                    ),
                    h("举例：一位工程师的季度数据", "Example: one engineer's quarter"),
                    p(
                        "王工本季度完成 42 张工单，一次修复率 88%，平均修复时长 3.2 小时，客户满意度回访平均 4.7 分，同事评价他“乐于分享”。"
                        "按方案换算：一次修复率 60% 得 0 分、95% 得 100 分，88% 得 80 分；平均修复时长不超过 4 小时即得满分；"
                        "客户满意度 3 分得 0 分、5 分得 100 分，4.7 分得 85 分。他的服务态度和团队协作很突出，技术能力中的一次修复率还有提升空间。"
                        "反馈面谈时，主管建议他在接到报修时多花几分钟收集信息——这正是方法论中“收集信息”的要求。",
                        "This quarter Wang closed 42 work orders with a first-time fix rate of 88% and a mean time to repair "
                        "of 3.2 hours; customers rated his visits 4.7 on average, and colleagues say he is “always willing "
                        "to share”. Under the scheme, a first-time fix rate of 60% scores 0 and 95% scores 100, so 88% "
                        "scores 80; a mean time to repair of 4 hours or less scores full marks; customer satisfaction of 3 "
                        "scores 0 and 5 scores 100, so 4.7 scores 85. His service attitude and teamwork stand out, while "
                        "his first-time fix rate has room to grow. In the feedback talk his supervisor suggests spending a "
                        "few more minutes collecting information when a request comes in — exactly the “collect "
                        "information” step of the method.",
                    ),
                ],
            ),
            Lesson(
                slug="running-the-assessment",
                title=T("考核的实施流程", "Running the assessment"),
                summary=T(
                    "制定计划、设定指标和权重、收集数据、评估、反馈与沟通。",
                    "Plan, set indicators and weights, collect data, evaluate, give feedback.",
                ),
                minutes=15,
                body=[
                    p(
                        "考核方案通过五个步骤落地。作为被考核的工程师，了解这个流程，你就知道每一步需要自己准备什么。",
                        "The scheme is put into practice in five steps. As the engineer being assessed, knowing them tells "
                        "you what to prepare at each step.",
                    ),
                    steps(
                        T("考核实施的五个步骤", "The five steps of an assessment"),
                        [
                            (
                                T("制定考核计划", "Plan the assessment"),
                                T(
                                    "明确考核的时间安排、参与人员和考核方式。",
                                    "Set the timetable, the people involved and how the assessment is done.",
                                ),
                            ),
                            (
                                T("设定考核指标和权重", "Set indicators and weights"),
                                T(
                                    "根据售后工程师的工作职责和公司要求，设定具体的考核指标和权重。",
                                    "Set concrete indicators and weights from the engineers' duties and the company's requirements.",
                                ),
                            ),
                            (
                                T("收集数据", "Collect data"),
                                T(
                                    "通过工作记录、客户反馈、同事评价等多种渠道收集与指标相关的数据。",
                                    "Collect data for the indicators from work records, customer feedback and peer evaluation.",
                                ),
                            ),
                            (
                                T("评估", "Evaluate"),
                                T(
                                    "根据收集的数据对售后工程师的表现进行评估，计算各维度得分和总分。",
                                    "Assess each engineer's performance from the data, computing each dimension's score and the total.",
                                ),
                            ),
                            (
                                T("反馈与沟通", "Feed back and discuss"),
                                T(
                                    "将考核结果反馈给售后工程师，面对面沟通，指出优点和不足，提出改进建议。",
                                    "Give the results to the engineer face to face: strengths, weaknesses and suggestions for improvement.",
                                ),
                            ),
                        ],
                    ),
                    h("反馈面谈示例", "A feedback talk"),
                    p(
                        "好的反馈面谈遵循“事实—影响—建议”：先说具体事实（“本季度有 3 次返修与维修后未试运行有关”），再说影响"
                        "（“客户停机累计 11 小时，回访得分下降”），最后给出建议并约定下一步（“下个月起每次维修后使用检查清单，月底我们一起看数据”）。"
                        "面谈也要肯定优点，让工程师知道哪些做法应当继续保持。",
                        "A good feedback talk follows “fact — impact — suggestion”: first a concrete fact (“three repeat "
                        "visits this quarter were linked to skipping the test run”), then the impact (“11 hours of customer "
                        "downtime in total, and lower follow-up scores”), then a suggestion and an agreed next step (“from "
                        "next month use the checklist after every repair; we'll look at the data together at month end”). "
                        "The talk should also name what went well, so the engineer knows what to keep doing.",
                    ),
                    checklist(
                        T("考核前你可以做的准备", "How to prepare for your assessment"),
                        [
                            T(
                                "每张工单及时、完整地填写维修记录",
                                "Fill in every work order's repair record promptly and completely",
                            ),
                            T(
                                "完成课程各模块和知识检查",
                                "Complete every module and knowledge check of the course",
                            ),
                            T(
                                "按方法论的四个阶段撰写实践案例报告",
                                "Write your practice-case reports along the four stages of the method",
                            ),
                            T(
                                "整理自己的优势和希望改进的方面，带到反馈面谈",
                                "Note your strengths and what you want to improve, and bring them to the feedback talk",
                            ),
                        ],
                    ),
                    knowledge_check(
                        "kc-module-4",
                        T("知识检查：考核方案", "Knowledge check: the assessment scheme"),
                        T(
                            "确认你理解了设计原则、四个维度和实施流程。",
                            "Check that you understand the principles, the four dimensions and the process.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    # ------------------------------------------------------------------ 5 课程实践解读、总结与展望
    Module(
        slug="practice-and-outlook",
        title=T("课程实践解读与总结展望", "Practice, summary and outlook"),
        summary=T(
            "把方法论和考核方案用到日常工作中，回顾全课程，展望下一步。",
            "Use the method and the assessment scheme in your daily work, look back over the course and ahead "
            "to what comes next.",
        ),
        requires_previous=True,
        lessons=[
            Lesson(
                slug="course-in-practice",
                title=T("课程实践解读", "The course in practice"),
                summary=T(
                    "一次报修如何走完工作流程和方法论四个阶段，并体现在考核指标上。",
                    "How one repair request runs through the workflow and the four stages of the method, and how it "
                    "shows in the indicators.",
                ),
                minutes=15,
                body=[
                    p(
                        "前面几个模块分别讲了售后工程师的工作流程、问题分析与解决的方法论和考核方案。在实际工作中，它们是同一件事的三个侧面："
                        "你按工作流程处理每一次报修，用方法论找到根本原因并解决问题，而考核方案记录下这个过程的结果。本课把三者放在一起解读。",
                        "The earlier modules covered the engineer's workflow, the problem-solving method and the assessment "
                        "scheme. In daily work they are three sides of the same job: you handle each repair request "
                        "with the workflow, you find the root cause and solve the problem with the method, and the "
                        "assessment scheme records how it turned out. This lesson puts the three together.",
                    ),
                    steps(
                        T("一次报修，从接单到考核", "One repair request, from call to assessment"),
                        [
                            (
                                T(
                                    "接收报修，识别与定义问题",
                                    "Take the request; identify and define the problem",
                                ),
                                T(
                                    "接收客户报修信息，了解故障现象和客户需求；清晰、准确地描述问题，分类并确定范围。"
                                    "响应越及时，“平均响应时间”越好。",
                                    "Take down the customer's request, the symptoms and what the customer needs; describe the "
                                    "problem clearly and accurately, classify it and set its scope. The sooner you respond, "
                                    "the better your mean response time.",
                                ),
                            ),
                            (
                                T(
                                    "分析原因，制定方案并与客户确认",
                                    "Analyse the cause; plan the repair with the customer",
                                ),
                                T(
                                    "收集数据、记录和反馈，用鱼骨图和五个为什么找到根本原因；从成本、时间、效果评估方案，与客户沟通确认。"
                                    "找准根本原因，是提高“一次修复率”的关键。",
                                    "Collect data, records and feedback, and find the root cause with a fishbone diagram and "
                                    "five whys; weigh the options on cost, time and effect, and agree the plan with the "
                                    "customer. Finding the real root cause is the key to a high first-time fix rate.",
                                ),
                            ),
                            (
                                T("实施维修并跟踪", "Carry out the repair and track it"),
                                T(
                                    "现场维修或远程指导客户操作，按计划推进并跟踪监控，确保问题及时解决。"
                                    "准备充分、操作规范，能缩短“平均修复时长”。",
                                    "Repair on site or guide the customer remotely, follow the plan and monitor progress so the "
                                    "problem is solved in time. Good preparation and careful work shorten your mean time to "
                                    "repair.",
                                ),
                            ),
                            (
                                T("测试验收，评估效果", "Test, hand over and evaluate"),
                                T(
                                    "维修完成后进行产品测试和验收，确认问题已经解决、客户满意。"
                                    "严格的测试和回访能降低“重复维修率”，提高“客户满意度”。",
                                    "After the repair, test the product and hand it over, making sure the problem is solved "
                                    "and the customer is satisfied. Thorough testing and a follow-up call lower your repeat "
                                    "repair rate and raise customer satisfaction.",
                                ),
                            ),
                            (
                                T("总结记录，持续改进", "Record, share and keep improving"),
                                T(
                                    "对维修过程进行总结和记录，及时反馈问题和改进建议，与同事分享经验。"
                                    "完整的记录是考核数据的来源，分享经验体现在“同事协作评分”中。",
                                    "Summarise and record the repair, report problems and suggestions for improvement "
                                    "promptly, and share what you learned with colleagues. Complete records are where the "
                                    "assessment data comes from, and sharing shows in your peer teamwork rating.",
                                ),
                            ),
                        ],
                    ),
                    h("解读一个实践案例", "Reading a practice case"),
                    p(
                        "以实践案例“维修后设备报警停机”为例：更换主轴编码器后，加工中心运行约 20 分钟即报警停机。"
                        "急于再换一个零件，往往会造成第二次返修；按方法论来做，先把问题定义清楚（什么时候报警、多久出现、影响多大），"
                        "再收集报警记录、维修记录和客户的尝试，用鱼骨图从人、机、料、法、环、测几个方面列出可能原因，用五个为什么追到可以验证的根本原因，"
                        "然后比较几个方案、与客户确认，修复后试运行并回访。培训师按同样的四个阶段给你的案例报告评分。",
                        "Take the practice case “Alarm and shutdown after a repair”: after the spindle encoder was "
                        "replaced, a machining centre stops with an alarm after about 20 minutes of running. Rushing to "
                        "replace one more part often leads to yet another repeat visit. Following the method, you first "
                        "define the problem clearly (when the alarm comes, after how long, how much it costs the "
                        "customer), then collect the alarm log, the repair records and what the customer has tried; you "
                        "list possible causes on a fishbone diagram under people, machine, material, method, environment "
                        "and measurement, and follow five whys to a root cause you can verify. Then you compare options, "
                        "agree one with the customer, test-run the machine after the repair and follow up. The trainer "
                        "grades your case report on the same four stages.",
                    ),
                    callout(
                        "tip",
                        T(
                            "方法用在平时，成绩自然体现",
                            "Use the method every day and the results will show",
                        ),
                        T(
                            "考核指标不是额外的任务，而是日常工作做得好不好的记录。每一次按方法论处理问题，都会体现在一次修复率、重复维修率、"
                            "客户满意度和修复时长上。",
                            "The indicators are not extra tasks: they record how well you do your everyday work. Every "
                            "problem you handle with the method shows up in your first-time fix rate, repeat repair rate, "
                            "customer satisfaction and repair times.",
                        ),
                    ),
                    checklist(
                        T("每次维修后的自查清单", "Check yourself after every repair"),
                        [
                            T(
                                "我是否清晰地描述了问题，并确定了范围？",
                                "Did I describe the problem clearly and set its scope?",
                            ),
                            T(
                                "我是否找到了有证据支持的根本原因？",
                                "Did I find a root cause backed by evidence?",
                            ),
                            T(
                                "方案是否与客户沟通确认过？",
                                "Did I agree the plan with the customer?",
                            ),
                            T(
                                "维修后是否做了测试和验收？",
                                "Did I test the product and hand it over after the repair?",
                            ),
                            T(
                                "工单记录是否及时、完整？",
                                "Is the work order record complete and up to date?",
                            ),
                            T(
                                "有没有值得与同事分享的经验？",
                                "Is there anything worth sharing with colleagues?",
                            ),
                        ],
                    ),
                ],
            ),
            Lesson(
                slug="summary-and-outlook",
                title=T("总结与展望", "Summary and outlook"),
                summary=T(
                    "回顾课程要点，了解认证之后的持续提升。",
                    "The key points of the course, and how you keep improving after certification.",
                ),
                minutes=10,
                body=[
                    h("课程总结", "What the course covered"),
                    ul(
                        [
                            "<b>引言</b>：考核的目的是提升售后工程师的专业技能、优化售后服务质量、适应市场竞争需求；"
                            "考核方案能明确工作标准、激发工作动力、促进个人发展、推动团队进步。",
                            "<b>角色与职责</b>：负责安装、调试、维修等技术支持，解答客户疑问，定期回访，协助销售团队；"
                            "按“接收报修 → 分析原因并确认方案 → 维修 → 测试和验收 → 总结记录”的流程工作。",
                            "<b>方法论</b>：问题识别与定义 → 问题原因分析 → 问题解决方案制定 → 问题解决实施与跟踪，并持续改进。",
                            "<b>考核方案</b>：遵循公平公正、客观可衡量、激励导向、全面覆盖四条原则；"
                            "由认证考试、实践案例和在岗表现组成，在岗表现覆盖技术能力、服务态度、团队协作、工作效率四个维度；"
                            "按“制定计划 → 设定指标和权重 → 收集数据 → 评估 → 反馈与沟通”实施。",
                        ],
                        [
                            "<b>Introduction</b>: the assessment exists to raise engineers' professional skills, improve "
                            "the quality of after-sales service and meet the demands of a competitive market; a scheme "
                            "sets clear work standards, motivates, supports personal development and moves the team "
                            "forward.",
                            "<b>Role and duties</b>: install, commission and repair, answer customers' questions, visit "
                            "them regularly and support the sales team; work through the steps of request → analyse the "
                            "cause and agree the plan → repair → test and hand over → record.",
                            "<b>The method</b>: identify and define the problem → analyse its causes → plan the "
                            "solution → implement and track it, and keep improving.",
                            "<b>The assessment scheme</b>: fair and just, objective and measurable, incentive-oriented "
                            "and comprehensive; made up of the certification exam, practice cases and on-the-job "
                            "performance, which covers technical ability, service attitude, teamwork and work "
                            "efficiency; run as plan → set indicators and weights → collect data → evaluate → feed "
                            "back and discuss.",
                        ],
                    ),
                    callout(
                        "key_point",
                        T("一句话总结", "In one sentence"),
                        T(
                            "用方法论解决每一个问题，用考核结果看清自己的优势和不足，有针对性地提升。",
                            "Solve every problem with the method, use your assessment results to see your strengths and "
                            "weaknesses, and improve where it counts.",
                        ),
                    ),
                    h("展望", "Looking ahead"),
                    p(
                        "获得一级认证只是开始。证书有效期为两年，到期前需要按届时生效的考核方案重新认证。考核方案本身也会随着产品、"
                        "客户需求和公司要求而调整，每次调整都会生成新的方案版本，已经计算过的成绩单保留当时使用的版本。考核每个季度进行一次，"
                        "每次反馈面谈指出的不足，就是你下一个季度的改进目标；你的经验和建议，也会帮助整个团队不断进步。",
                        "A Level 1 certificate is only the start. It is valid for two years; before it expires you "
                        "recertify under the scheme in force at that time. The scheme itself changes as products, "
                        "customers' needs and the company's requirements change; every change makes a new version of the "
                        "scheme, and scorecards already calculated keep the version they used. You are assessed every quarter, and the weaknesses named in each "
                        "feedback talk are your goals for the next quarter. Your experience and suggestions help the "
                        "whole team move forward too.",
                    ),
                    checklist(
                        T("学完课程后的下一步", "Your next steps after the course"),
                        [
                            T(
                                "完成全部知识检查，参加认证考试",
                                "Finish every knowledge check and sit the certification exam",
                            ),
                            T(
                                "按方法论的四个阶段完成三个实践案例报告",
                                "Write your three practice-case reports along the four stages of the method",
                            ),
                            T(
                                "在成绩单上逐项核对自己的在岗指标",
                                "Check each of your on-the-job indicators on your scorecard",
                            ),
                            T(
                                "在反馈面谈中和主管一起定下下个季度的改进目标",
                                "Agree your improvement goals for next quarter with your supervisor in the feedback talk",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
]
