"""The feedback report (反馈与沟通): strengths, weaknesses, suggestions, comments, acknowledgement,
and the PDF checked by its extracted text and its fonts."""

import re
import subprocess

import pytest

from assessment.services.scorecards import scorecard_comment, scorecard_finalise
from tests.assessment.factories import put_metrics

pytestmark = pytest.mark.django_db

FEEDBACK = "/scorecards/TST-L1/2026-Q3/E1001/r1/feedback/"


@pytest.fixture
def scorecard(learner, program):
    # ftfr 70 → 28.57; repeat 1 → 90; teamwork 4.6 → 90
    put_metrics(learner, first_time_fix_rate=70, repeat_repair_rate=1, peer_teamwork_rating=4.6)
    card, _ = scorecard_finalise(program=program, period="2026-Q3", user_id=learner.pk, by=None)
    return card


def test_the_report_shows_strengths_weaknesses_and_suggestions(
    learner_client, scorecard, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        page = learner_client.get(FEEDBACK)
    html = page.content.decode()
    strengths = html.split('data-testid="feedback-strengths"')[1].split("</section>")[0]
    weaknesses = html.split('data-testid="feedback-weaknesses"')[1].split("</section>")[0]
    suggestions = html.split('data-testid="feedback-suggestions"')[1].split("</section>")[0]
    assert "团队协作: 90.00" in strengths  # best dimension first
    assert "技术能力: 59.29" in strengths
    assert "技术能力: 59.29" in weaknesses.split("<li>")[1]
    assert "一次修复率: 70" in weaknesses  # the worst indicator
    assert "复盘返修案例，按鱼骨图找根本原因。" in suggestions  # ftfr scored 28.57 < 60
    assert "维修后做完整的测试和验收。" not in suggestions  # repeat repairs scored 90


def test_the_heading_names_the_schemes_step_in_chinese_and_is_english_in_english(
    learner_client, scorecard
):
    chinese = learner_client.get(FEEDBACK).content.decode()
    assert "<h1>反馈报告（反馈与沟通）</h1>" in chinese  # the scheme's step, 反馈与沟通
    learner_client.cookies["lms_language"] = "en"
    english = learner_client.get(FEEDBACK).content.decode()
    assert "<h1>Feedback report</h1>" in english
    assert "反馈与沟通" not in english


def test_the_assessor_comments_and_the_learner_acknowledges_with_a_reply(
    client, assessor, learner, scorecard
):
    client.force_login(assessor)
    response = client.post(
        FEEDBACK + "comments/", {"comments": "一次修复率需要提高，下季度重点跟进。"}
    )
    assert response.status_code == 302
    client.force_login(learner)
    html = client.get(FEEDBACK).content.decode()
    assert "一次修复率需要提高，下季度重点跟进。" in html
    assert 'data-testid="save-comments"' not in html  # a learner cannot edit comments
    assert client.post(FEEDBACK + "comments/", {"comments": "x"}).status_code == 404
    response = client.post(FEEDBACK + "acknowledge/", {"reply": "收到，我会复盘返修案例。"})
    assert response.status_code == 302
    scorecard.refresh_from_db()
    assert scorecard.acknowledged_at is not None
    assert scorecard.reply == "收到，我会复盘返修案例。"
    html = client.get(FEEDBACK).content.decode()
    assert "收到，我会复盘返修案例。" in html
    assert scorecard.acknowledged_at.astimezone().strftime("%Y-%m-%d") in html

    # Acknowledged once and for all; the comments are now fixed too.
    first = scorecard.acknowledged_at
    client.post(FEEDBACK + "acknowledge/", {"reply": "again"})
    scorecard.refresh_from_db()
    assert scorecard.acknowledged_at == first and scorecard.reply == "收到，我会复盘返修案例。"
    client.force_login(assessor)
    client.post(FEEDBACK + "comments/", {"comments": "changed"})
    scorecard.refresh_from_db()
    assert scorecard.comments == "一次修复率需要提高，下季度重点跟进。"


def test_an_assessor_cannot_acknowledge_for_the_learner(assessor_client, scorecard):
    assert assessor_client.post(FEEDBACK + "acknowledge/", {"reply": ""}).status_code == 404


def test_too_long_comments_keep_what_was_typed(assessor_client, scorecard):
    text = "很长" * 3000
    response = assessor_client.post(FEEDBACK + "comments/", {"comments": text})
    assert response.status_code == 400
    assert text in response.content.decode()


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_pdf_has_the_report_in_chinese_with_an_embedded_cjk_font(
    client, assessor, learner, scorecard, tmp_path
):
    scorecard_comment(scorecard=scorecard, comments="继续保持团队协作。", by=assessor)
    client.force_login(learner)
    response = client.get(FEEDBACK.replace("feedback/", "feedback.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in ("反馈与沟通", "王小明", "TST-L1", "2026-Q3", "优点", "待改进", "改进建议"):
        assert expected in text, expected
    assert "复盘返修案例，按鱼骨图找根本原因。" in text
    assert "继续保持团队协作。" in text
    assert "74.64" in text  # 0.5 × 59.2857… + 0.5 × 90
    fonts = pdf_fonts(pdf, tmp_path)
    cjk = [line for line in fonts.splitlines() if re.search(r"Noto.?Sans.?CJK", line)]
    assert cjk, fonts
    # pdffonts columns: name type encoding emb sub uni object ID
    assert all(line.split()[-5] == "yes" for line in cjk), fonts
