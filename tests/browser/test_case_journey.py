"""A practice case from the learner's report to the moderated result, in a real browser."""

import pytest
from playwright.sync_api import expect

from cases.models import CaseSubmission, Marking, SubmissionStatus
from cases.services import lead_trainer_grant
from tests.cases.conftest import private_storage_dir  # noqa: F401 - fixture
from tests.cases.factories import PracticeCaseFactory, make_rubric
from tests.factories import PASSWORD, TrainerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")
    return page


def choose_levels(page, label):
    for criterion in page.locator("[data-criterion]").all():
        criterion.locator("label.level-cell", has_text=label).click()


def test_report_double_marked_moderated_and_read(
    live_server,
    browser,
    learner,
    private_storage_dir,  # noqa: F811
):
    PracticeCaseFactory(
        slug="case-alarm",
        title="维修后设备报警停机",
        rubric=make_rubric(),
        marking=Marking.DOUBLE,
        blind_marking=True,
    )
    trainer = TrainerFactory(username="trainer", display_name="李培训")
    trainer2 = TrainerFactory(username="trainer2", display_name="周讲师")
    lead = TrainerFactory(username="lead", display_name="陈组长")
    lead_trainer_grant(user=lead)

    # The learner writes the report; the draft saves itself and the fishbone is previewed.
    page = sign_in(browser, live_server, learner)
    page.get_by_role("link", name="实践案例").first.click()
    page.get_by_role("link", name="维修后设备报警停机").click()
    page.get_by_test_id("write-report").click()
    page.get_by_label("问题描述").fill("更换编码器后运行 20 分钟报警停机。")
    expect(page.get_by_test_id("autosave-status")).to_contain_text("已自动保存于")
    page.get_by_label("问题分类").fill("设备故障，影响高。")
    page.get_by_label("问题范围").fill("一台加工中心的主轴系统。")
    page.get_by_label("收集的信息").fill("报警日志、维修记录。")
    page.get_by_label("结果（鱼头）").fill("主轴过载报警")
    page.locator("#id_fishbone-1-causes").fill("编码器参数不匹配\n轴承预紧变化")
    page.locator("#id_fishbone-3-causes").fill("试机时间过短")
    page.locator("#id_whys-0-answer").fill("主轴负载过高")
    page.locator("#id_whys-1-answer").fill("反馈参数错误")
    expect(page.locator("[data-fishbone-preview] svg")).to_contain_text("编码器参数不匹配")
    page.get_by_label("根本原因").fill("编码器反馈参数未修改。")
    for index, (option, cost) in enumerate([("修改参数", "0 元"), ("换回旧件", "3800 元")]):
        page.locator(f"#id_solutions-{index}-option").fill(option)
        page.locator(f"#id_solutions-{index}-cost").fill(cost)
        page.locator(f"#id_solutions-{index}-time").fill("1 天")
        page.locator(f"#id_solutions-{index}-effect").fill("根治")
    page.locator("input[name=chosen_solution][value='0']").check()
    page.locator("#id_plan-0-step").fill("修改参数并试机 2 小时")
    page.locator("#id_plan-0-owner").fill("现场工程师")
    page.locator("#id_plan-0-date").fill("2026-07-15")
    page.get_by_label("效果验证").fill("连续运行 8 小时无报警。")
    page.get_by_label("客户满意度").fill("客户满意。")
    page.get_by_label("经验教训").fill("更换反馈元件后核对参数。")
    page.get_by_test_id("submit-report").click()
    expect(page.get_by_test_id("case-status").first).to_contain_text("评阅中")
    submission = CaseSubmission.objects.get(learner=learner)
    assert submission.fishbone["categories"][1]["causes"] == ["编码器参数不匹配", "轴承预紧变化"]

    # Two trainers mark it independently, blind; their totals are 25 points apart.
    for grader, level in [(trainer, "优秀"), (trainer2, "基本达到")]:
        marker = sign_in(browser, live_server, grader)
        marker.get_by_role("link", name="评阅").first.click()
        marker.get_by_test_id("queue-to-mark").get_by_role(
            "link", name=submission.reference
        ).click()
        expect(marker.get_by_test_id("grading-learner")).not_to_contain_text("王小明")
        expect(marker.get_by_test_id("report")).to_contain_text("编码器反馈参数未修改。")
        choose_levels(marker, level)
        marker.locator("#id_feedback").fill(f"{grader.display_name}的总体反馈")
        marker.get_by_test_id("grading-submit").click()
        expect(marker.locator(".messages")).to_contain_text("评分")
        marker.context.close()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MODERATION

    # The lead trainer sees both marks and settles it.
    moderator = sign_in(browser, live_server, lead)
    moderator.goto(f"{live_server.url}/grading/cases/")
    moderator.get_by_test_id("queue-moderation").get_by_role(
        "link", name=submission.reference
    ).click()
    expect(moderator.get_by_test_id("marks-so-far")).to_contain_text("李培训的总体反馈")
    expect(moderator.get_by_test_id("marks-so-far")).to_contain_text("周讲师的总体反馈")
    choose_levels(moderator, "良好")
    expect(moderator.locator("[data-running-total]")).to_contain_text("75.00")
    moderator.locator("#id_feedback").fill("仲裁：原因分析扎实，方案比较可以更量化。")
    moderator.get_by_test_id("grading-finalise").click()
    expect(moderator.locator(".messages")).to_contain_text("75.00")
    moderator.context.close()

    # The learner reads the result and the feedback.
    page.goto(f"{live_server.url}/cases/case-alarm/")
    expect(page.get_by_test_id("case-status").first).to_contain_text("通过 · 75.00")
    page.get_by_role("link", name="打开").click()
    result = page.get_by_test_id("result")
    expect(result).to_contain_text("75.00")
    expect(result).to_contain_text("仲裁：原因分析扎实")
    expect(result.get_by_test_id("mark-table")).to_contain_text("良好")


def test_words_typed_before_the_script_arrives_are_autosaved(
    live_server,
    browser,
    learner,
    private_storage_dir,  # noqa: F811
):
    """On a slow phone the report form is usable before its deferred script has run."""
    PracticeCaseFactory(slug="case-slow", title="慢网络下的报告")
    page = sign_in(browser, live_server, learner)
    held = []
    page.route(
        "**/js/cases.js", lambda route: held.append(route)
    )  # the script stays in flight until released

    page.goto(f"{live_server.url}/cases/case-slow/report/", wait_until="commit")
    page.get_by_label("问题描述").fill("更换编码器后运行 20 分钟报警停机。")
    expect(page.get_by_test_id("autosave-status")).to_have_text("")
    assert len(held) == 1
    held[0].continue_()

    expect(page.get_by_test_id("autosave-status")).to_contain_text("已自动保存于")
    submission = CaseSubmission.objects.get(case__slug="case-slow", learner=learner)
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.problem_statement == "更换编码器后运行 20 分钟报警停机。"
