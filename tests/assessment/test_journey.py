"""Browser journey: an assessor uploads a metrics file, fixes the rows the preview flags,
commits, opens the scorecard and finalises it; the learner reads and acknowledges the feedback
report."""

import pytest
from playwright.sync_api import expect

from assessment.models import MetricRecord, Scorecard
from tests.assessment.factories import make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD = (
    "工号,指标,周期,数值,来源\n"
    "E1001,first_time_fix_rate,2026-Q3,88,服务台\n"
    "E1001,repeat_repair_rate,2026-Q3,abc,服务台\n"
    "E1001,peer_teamwork,2026-Q3,4.2,同事评价\n"
)
FIXED = (
    "工号,指标,周期,数值,来源\n"
    "E1001,first_time_fix_rate,2026-Q3,88,服务台\n"
    "E1001,repeat_repair_rate,2026-Q3,3,服务台\n"
    "E1001,peer_teamwork_rating,2026-Q3,4.2,同事评价\n"
)


def csv_file(text):
    return {"name": "metrics.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_upload_fix_commit_finalise_and_acknowledge(live_server, login, page, assessor, learner):
    make_program()

    login(assessor)
    page.goto(f"{live_server.url}/assessment/metrics/")
    page.get_by_test_id("upload-metrics").click()
    page.locator("input[name=file]").set_input_files(csv_file(BAD))
    page.get_by_test_id("upload-submit").first.click()

    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("2 个错误")
    expect(errors).to_contain_text("“abc”不是数字")
    expect(errors).to_contain_text("未知指标“peer_teamwork”")
    expect(page.get_by_test_id("commit-import")).to_have_count(0)
    assert not MetricRecord.objects.exists()

    page.locator("input[name=file]").set_input_files(csv_file(FIXED))
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("import-counts")).to_contain_text("新增 3 条")
    page.get_by_test_id("commit-import").click()
    expect(page.get_by_test_id("import-committed")).to_contain_text("新增 3 条")
    assert MetricRecord.objects.count() == 3

    page.goto(f"{live_server.url}/assessment/scorecards/?program=TST-L1&period=2026-Q3")
    page.get_by_role("link", name="E1001").click()
    expect(page.get_by_test_id("scorecard-total")).to_have_text("77.50")
    expect(page.get_by_test_id("scorecard-status")).to_have_text("已认证")
    page.get_by_test_id("finalise").click()

    expect(page.locator("h1")).to_contain_text("反馈报告")
    page.locator("textarea[name=comments]").fill("一次修复率不错，重复维修率还可以再降一些。")
    page.get_by_test_id("save-comments").click()
    expect(page.get_by_test_id("feedback-comments")).to_contain_text("重复维修率还可以再降一些")
    assert Scorecard.objects.get().revision == 1

    page.context.clear_cookies()
    login(learner)
    panel = page.get_by_test_id("dashboard-learner")
    expect(panel).to_contain_text("待确认")
    panel.get_by_role("link", name="反馈报告").click()
    expect(page.get_by_test_id("feedback-strengths")).to_contain_text("团队协作")
    expect(page.get_by_test_id("feedback-comments")).to_contain_text("重复维修率还可以再降一些")
    page.locator("textarea[name=reply]").fill("收到，下季度把重复维修率降到 2% 以下。")
    page.get_by_test_id("acknowledge").click()
    acknowledgement = page.get_by_test_id("feedback-acknowledgement")
    expect(acknowledgement).to_contain_text("已确认")
    expect(acknowledgement).to_contain_text("收到，下季度把重复维修率降到 2% 以下。")
    card = Scorecard.objects.get()
    assert card.acknowledged_at is not None and card.reply.startswith("收到")
