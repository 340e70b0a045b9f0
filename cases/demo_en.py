# ruff: noqa: E501  (a translation table: one Chinese text and its English per entry)
"""English text of the demo practice cases and their rubric in ``cases/demo.py``.

``EN`` maps every Chinese text that ``cases/demo.py`` gives a learner or a grader as course
content (the rubric's title, description, criteria, levels and descriptors; each case's title,
summary, customer, scenario, products and fault types) to its English translation;
``cases/demo.py`` stores it in the sibling ``_en`` field (decision 0010). Keys are the Chinese
texts exactly as they appear in ``cases/demo.py``. Terms follow the course's English lessons
(``courses/demo_content.py``): identify and define the problem, analyse the causes, plan the
solution, implement and track, fishbone diagram, five whys, root cause.

What the demo learners wrote in their reports and what the demo graders wrote as comments and
feedback is user data: it stays Chinese on every page (inside ``translate="no"``) and has no
entry here. ``tests/cases/test_demo_english.py`` keeps this table and the demo in step.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # The rubric (RUBRIC_TITLE, the description in _rubric, LEVEL_LABELS)
    "售后问题分析与解决方法论评分标准": "After-sales problem analysis and solving: method rubric",
    "按课程的四个方法阶段（问题识别与定义、原因分析、方案制定、实施与跟踪）以及报告质量和客户沟通评分。原因分析为关键项：至少达到“基本达到”才能通过。": "Marks a report on the course's four method stages (identify and define the problem, analyse the causes, plan the solution, implement and track) and on report quality and customer communication. Cause analysis is critical: a report passes only if it reaches at least “Partly meets”.",
    "未达到": "Does not meet",
    "基本达到": "Partly meets",
    "良好": "Good",
    "优秀": "Excellent",
    # Criteria (CRITERIA): title, description, descriptors from the lowest level up
    "问题识别与定义": "Identify and define the problem",
    "问题描述是否清晰准确，是否按性质和影响分类，范围和边界是否明确。": "Is the problem described clearly and precisely, classified by its nature and impact, and are its scope and boundaries clear?",
    "问题描述含糊，未分类，未界定范围。": "The problem is described vaguely, not classified and not bounded.",
    "描述了故障现象，但分类或范围不完整。": "The symptoms are described, but the classification or scope is incomplete.",
    "描述清晰，分类合理，范围基本明确。": "A clear description, a sound classification and a mostly clear scope.",
    "描述准确量化（时间、频次、影响），分类与范围界定清楚，无扩大或遗漏。": "A precise, quantified description (time, frequency, impact); classification and scope are clear, nothing overstated or left out.",
    "问题原因分析": "Analyse the causes",
    "是否收集了数据、记录和反馈；鱼骨图是否覆盖人机料法环测；五问是否追到可验证的根本原因。": "Were data, records and feedback collected? Does the fishbone diagram cover people, machine, material, method, environment and measurement? Do the five whys reach a root cause that can be verified?",
    "没有依据地猜测原因，未找到根本原因。": "Causes are guessed without evidence; no root cause is found.",
    "有鱼骨图或五问，但证据不足，根本原因未经验证。": "There is a fishbone diagram or five whys, but too little evidence; the root cause is not verified.",
    "信息充分，鱼骨图与五问逻辑清楚，根本原因有证据支持。": "Enough information; the fishbone diagram and five whys are logical and the root cause is backed by evidence.",
    "多来源数据交叉验证，排除了其他原因，根本原因可复现、可验证。": "Data from several sources are cross-checked, other causes are ruled out, and the root cause can be reproduced and verified.",
    "解决方案制定": "Plan the solution",
    "是否提出多个方案并从成本、时间、效果比较；实施计划是否有步骤、责任人、时间和资源。": "Were several solutions proposed and compared on cost, time and effect? Does the implementation plan have steps, owners, dates and resources?",
    "只有一个方案或没有比较，缺少实施计划。": "Only one solution or no comparison; no implementation plan.",
    "有方案比较，但评估维度不全或计划缺少责任人、时间。": "Solutions are compared, but not on every criterion, or the plan lacks owners or dates.",
    "方案比较完整，选择理由充分，计划可执行。": "A complete comparison, a well-argued choice and a plan that can be carried out.",
    "比较量化、考虑风险与备选，计划细致到资源和验收标准。": "A quantified comparison that weighs risks and fallbacks; the plan details resources and acceptance criteria.",
    "实施与跟踪": "Implement and track",
    "是否按计划实施并监控，是否评估解决效果和客户满意度，是否提出持续改进。": "Was the plan carried out and monitored, were the effect and the customer's satisfaction evaluated, and is continuous improvement proposed?",
    "没有验证效果。": "The effect is not verified.",
    "做了简单验证，缺少跟踪数据或客户反馈。": "A simple check, but no tracking data or customer feedback.",
    "有验证数据和客户反馈，提出了改进措施。": "Verification data and customer feedback, with improvements proposed.",
    "持续跟踪并量化效果，改进措施已推广为标准或经验库。": "The effect is tracked over time and quantified; the improvements have become a standard or an entry in the knowledge base.",
    "报告质量": "Report quality",
    "结构是否完整、语言是否简洁准确、附件（照片、日志、数据）是否支撑结论。": "Is the structure complete, the language concise and precise, and do the attachments (photos, logs, data) support the conclusions?",
    "结构混乱，关键部分缺失。": "Disorganised; key parts are missing.",
    "结构完整但表述冗长或不准确。": "Complete, but wordy or imprecise.",
    "结构清晰，表述准确，附件相关。": "Clearly structured, precisely worded, with relevant attachments.",
    "简洁专业，图表与附件有力支撑每个结论。": "Concise and professional; charts and attachments firmly support every conclusion.",
    "客户沟通": "Customer communication",
    "是否及时、礼貌地与客户沟通原因和方案，是否理解并回应客户需求。": "Were the cause and the solution explained to the customer promptly and politely, and were the customer's needs understood and answered?",
    "未与客户沟通或沟通引起不满。": "No communication with the customer, or communication that upset them.",
    "告知了客户结果，但未解释原因或未确认需求。": "The customer was told the result, but not the cause, or their needs were not confirmed.",
    "主动说明原因、方案和时间，客户认可。": "The cause, the solution and the timing were explained unprompted, and the customer agreed.",
    "沟通专业透明，管理了客户预期，并回访确认满意。": "Professional, open communication that managed the customer's expectations, with a follow-up visit to confirm satisfaction.",
    # Case 1: case-alarm-after-repair (CASES)
    "维修后设备报警停机": "Machine stops with an alarm after a repair",
    "更换主轴编码器后，加工中心运行约 20 分钟即报警停机。": "After its spindle encoder was replaced, a machining centre stops with an alarm after about 20 minutes of running.",
    "华东某汽车零部件厂": "An automotive parts plant in East China",
    "XK-850 立式加工中心": "XK-850 vertical machining centre",
    "报警停机": "Alarm stop",
    "维修后故障": "Fault after repair",
    "<h2>客户与设备</h2><p>华东某汽车零部件厂的 XK-850 立式加工中心（2021 年投产，两班制）。上周我方工程师因主轴定位不准更换了主轴编码器，现场试机正常后验收。</p><h2>故障现象</h2><ul><li>维修后第二天起，设备每次开机运行约 20 分钟即出现 <b>ALM 1012 主轴过载</b> 报警并停机；</li><li>冷机重启后可再运行 15–20 分钟；</li><li>客户生产计划受影响，每天损失约 3 小时产能。</li></ul>{photo}<h2>客户已经尝试</h2><ol><li>重启数控系统；</li><li>检查并重新插拔编码器接线；</li><li>把切削参数降低 20%（报警推迟约 5 分钟出现）。</li></ol><p>报警记录见附件：{log}</p>": "<h2>Customer and machine</h2><p>An XK-850 vertical machining centre at an automotive parts plant in East China (in service since 2021, two shifts a day). Last week our engineer replaced its spindle encoder because the spindle did not position accurately; a test run on site went well and the customer signed off the repair.</p><h2>Symptoms</h2><ul><li>From the day after the repair, every time the machine is started it runs for about 20 minutes, then raises <b>ALM 1012 SPINDLE OVERLOAD</b> and stops;</li><li>after cooling down and restarting it runs another 15–20 minutes;</li><li>the customer's production plan suffers: about 3 hours of capacity are lost every day.</li></ul>{photo}<h2>What the customer has tried</h2><ol><li>Restarted the CNC system;</li><li>checked the encoder wiring and plugged it in again;</li><li>cut the cutting parameters by 20% (the alarm came about 5 minutes later).</li></ol><p>The alarm log is attached: {log}</p>",
    # Case 2: case-repeat-fault-complaint
    "故障复发的客户投诉": "A customer complaint about a recurring fault",
    "包装机封口温度不稳定，更换温控器三周后再次漏封，客户投诉。": "A packaging machine's sealing temperature is unstable; three weeks after its temperature controller was replaced the seals leak again and the customer complains.",
    "华南某食品包装厂": "A food packaging plant in South China",
    "PK-300 自动包装机": "PK-300 automatic packaging machine",
    "故障复发": "Recurring fault",
    "客户投诉": "Customer complaint",
    "<h2>客户与设备</h2><p>华南某食品包装厂的三台 PK-300 自动包装机，其中 2 号机上月因封口温度波动导致漏封，我方更换了温控器。</p><h2>投诉</h2><p>三周后 2 号机再次出现漏封，一个班次报废约 1200 袋。客户生产经理来电投诉：“同样的问题修了一次又来，你们到底有没有找到原因？”并要求赔偿停线损失。</p><h2>已知信息</h2><ul><li>温控器显示温度在设定值 ±3 ℃ 内，但封口实测温度波动达 ±12 ℃；</li><li>故障多发生在早班开机后的第一个小时；</li><li>1 号、3 号机使用同批次加热管，没有问题。</li></ul>{photo}<p>上次维修记录和温度曲线见附件：{log}</p>": "<h2>Customer and machine</h2><p>Three PK-300 automatic packaging machines at a food packaging plant in South China. Last month machine no. 2 sealed bags badly because its sealing temperature fluctuated, and we replaced its temperature controller.</p><h2>The complaint</h2><p>Three weeks later machine no. 2 leaks again: about 1,200 bags scrapped in one shift. The customer's production manager calls to complain: “You repaired the same problem once and it's back. Did you ever find the cause?” and asks to be compensated for the stopped line.</p><h2>What is known</h2><ul><li>The controller shows a temperature within ±3 °C of the set point, but the measured sealing temperature varies by up to ±12 °C;</li><li>the fault mostly happens in the first hour after the morning shift starts the machine;</li><li>machines no. 1 and no. 3 use heating tubes from the same batch and have no problem.</li></ul>{photo}<p>The last repair record and the temperature curve are attached: {log}</p>",
    # Case 3: case-remote-part-replacement
    "远程指导更换部件失败": "A part replacement guided remotely fails",
    "远程指导客户更换冷水机组膨胀阀后，机组高压报警无法启动。": "After we guided the customer remotely through replacing a chiller's expansion valve, the chiller raises a high-pressure alarm and cannot run.",
    "西南某医院设备科": "The equipment department of a hospital in Southwest China",
    "CW-60 风冷冷水机组": "CW-60 air-cooled chiller",
    "远程指导": "Remote guidance",
    "更换部件失败": "Failed part replacement",
    "<h2>客户与设备</h2><p>西南某医院设备科的 CW-60 风冷冷水机组，为 CT 室提供冷却水。因距离远、客户催促，我方工程师通过视频通话指导医院维修人员更换电子膨胀阀。</p><h2>故障现象</h2><ul><li>更换后机组启动 2 分钟即出现 <b>HP 高压报警</b>，无法运行；</li><li>CT 室改用备用空调，只能减少检查量；</li><li>医院维修人员称“完全按视频里说的做的”。</li></ul>{photo}<h2>已经尝试</h2><ol><li>复位报警后重启三次，均在 2–3 分钟内报警；</li><li>检查冷凝风机运转正常；</li><li>核对新阀型号与旧阀一致。</li></ol><p>控制器导出的运行日志见附件：{log}</p>": "<h2>Customer and machine</h2><p>A CW-60 air-cooled chiller in the equipment department of a hospital in Southwest China; it supplies cooling water to the CT room. The site is far away and the customer was pressing, so our engineer guided the hospital's maintenance staff by video call through replacing the electronic expansion valve.</p><h2>Symptoms</h2><ul><li>After the replacement the chiller raises an <b>HP HIGH PRESSURE</b> alarm 2 minutes after starting and cannot run;</li><li>the CT room has switched to its backup air conditioning and can only do fewer scans;</li><li>the hospital's maintenance staff say they “did exactly what the video said”.</li></ul>{photo}<h2>What has been tried</h2><ol><li>Reset the alarm and restarted three times; each time the alarm came within 2–3 minutes;</li><li>checked that the condenser fan runs normally;</li><li>checked that the new valve is the same model as the old one.</li></ol><p>The operating log exported from the controller is attached: {log}</p>",
    # The picture and the log documents linked from the scenarios (_case)
    "报警画面": "Controller screen showing an alarm",
    "演示日志：": "Demo log: ",
}
