"""Every role's main pages under the Content-Security-Policy, in a real Chromium: nothing is
blocked, and the scripts that matter (autosave, fishbone preview, progress) still work."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from certificates import issuing
from courses.models import Cohort
from exams.models import Attempt, AttemptQuestion
from tests.assessment.factories import make_program
from tests.cases.conftest import private_storage_dir  # noqa: F401 - fixture
from tests.cases.factories import PracticeCaseFactory, make_rubric
from tests.certificates.factories import finalised
from tests.courses.factories import FISHBONE_BODY, lessons_of, make_cohort, make_course
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Reports each violation on the console too, where the test collects them (an init script
# runs before the page's own scripts and is not itself subject to the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
    + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


class Browser:
    """One signed-in browser context that records every CSP violation it sees (and any
    complaint about the Permissions-Policy header, such as an unknown feature)."""

    def __init__(self, browser, live_server, user=None):
        self.live_server = live_server
        self.context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.violations = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        if user is not None:
            self.visit("/accounts/login/")
            self.page.locator("input[name=username]").fill(user.username)
            self.page.locator("input[name=password]").fill(PASSWORD)
            self.page.get_by_test_id("login-submit").click()
            self.page.wait_for_load_state("domcontentloaded")

    def _console(self, message):
        text = message.text
        if any(
            word in text for word in ("Content Security Policy", "CSP violation", "Permissions")
        ):
            self.violations.append(f"{self.page.url}: {text}")

    def visit(self, path):
        response = self.page.goto(f"{self.live_server.url}{path}")
        self.page.wait_for_load_state("load")
        # The page really is under a policy (a test without one would see no violation).
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "object-src 'none'" in policy, path
        return self.page

    def assert_no_violation(self):
        self.page.wait_for_timeout(200)  # let late reports arrive
        assert self.violations == []
        self.context.close()


@pytest.fixture
def course(learner, trainer):
    course = make_course(modules=1, lessons=2, body=FISHBONE_BODY)
    make_cohort(course=course, learners=[learner], trainers=[trainer])
    return course


@pytest.fixture
def quiz(trainer):
    category = CategoryFactory(name="模块一")
    questions = [
        QuestionFactory(category=category, text="售后工作流程的第一步是？", points=Decimal("1")),
        QuestionFactory(category=category, text="维修完成后应当？", points=Decimal("1")),
    ]
    return quiz_with(questions, owner=trainer, slug="csp-quiz", title="流程测验")


def test_learner_pages_run_under_the_policy(
    live_server,
    browser,
    learner,
    course,
    quiz,
    private_storage_dir,  # noqa: F811
):
    PracticeCaseFactory(slug="case-alarm", title="维修后设备报警停机", rubric=make_rubric())
    lesson = lessons_of(course)[0]
    visitor = Browser(browser, live_server, learner)
    page = visitor.page

    expect(page.get_by_test_id("panel-my-courses")).to_contain_text(course.title)

    # A lesson: the fishbone is drawn and "complete" moves the progress bar in place.
    visitor.visit(lesson.url)
    expect(page.get_by_test_id("fishbone").locator("svg")).to_be_visible()
    bar = page.locator('[data-progress="course"] .progress').first
    page.get_by_test_id("complete-button").click()
    expect(bar).to_have_attribute("aria-valuenow", "50")
    expect(bar.locator("rect")).to_have_attribute("width", "50")

    # A quiz attempt: the answer is saved by the autosave script.
    visitor.visit(f"/quizzes/{quiz.slug}/")
    page.get_by_test_id("start-attempt").click()
    attempt = Attempt.objects.get(quiz=quiz, user=learner)
    first = AttemptQuestion.objects.get(attempt=attempt, position=1)
    for key in first.correct:
        page.locator(f"input[name='q1-choice'][value='{key}']").check()
    expect(page.get_by_test_id("save-status")).to_contain_text("已保存")

    # The case report editor: the draft saves itself and the fishbone is previewed.
    visitor.visit("/cases/case-alarm/report/")
    page.get_by_label("问题描述").fill("更换编码器后运行 20 分钟报警停机。")
    expect(page.get_by_test_id("autosave-status")).to_contain_text("已自动保存于")
    page.get_by_label("结果（鱼头）").fill("主轴过载报警")
    page.locator("#id_fishbone-1-causes").fill("编码器参数不匹配")
    expect(page.locator("[data-fishbone-preview] svg")).to_contain_text("编码器参数不匹配")

    visitor.assert_no_violation()


def test_assessor_and_public_pages_run_under_the_policy(live_server, browser, assessor, learner):
    program, _version = make_program()
    scorecard = finalised(learner, program)
    certificate = issuing.certificate_issue(scorecard=scorecard).certificate

    visitor = Browser(browser, live_server, assessor)
    page = visitor.page
    visitor.visit(f"/scorecards/{program.code}/2026-Q3/{learner.employee_id}/")
    expect(page.locator("h1")).to_be_visible()
    visitor.visit("/assessment/scorecards/")
    expect(page.locator("h1")).to_be_visible()
    visitor.assert_no_violation()

    anonymous = Browser(browser, live_server)
    anonymous.visit(f"/verify/{certificate.code}/")
    expect(anonymous.page.get_by_test_id("verification-status")).to_have_text("有效")
    anonymous.assert_no_violation()


def test_the_cms_runs_under_its_policy(live_server, browser, administrator, course):
    lesson = lessons_of(course)[0]
    cohort = Cohort.objects.get()
    visitor = Browser(browser, live_server, administrator)
    page = visitor.page

    visitor.visit("/cms/")
    expect(page.locator("main")).to_be_visible()

    # The page editor: StreamField blocks are drawn by Wagtail's scripts; a draft is saved.
    visitor.visit(f"/cms/pages/{lesson.pk}/edit/")
    expect(page.locator('input[name="body-1-value-effect"]')).to_have_value(
        "设备维修后开机报警停机"
    )
    page.locator("#id_title").fill("课时一（修订版）")
    page.locator('footer button[type="submit"]').first.click()
    expect(page.locator(".messages")).to_be_visible()
    lesson.refresh_from_db()
    assert lesson.get_latest_revision().as_object().title == "课时一（修订版）"

    # A snippet editor with its date pickers, saved.
    visitor.visit(f"/cms/snippets/courses/cohort/edit/{cohort.pk}/")
    page.locator("#id_name").fill("2026年7月入职班（一）")
    page.locator("#id_start_date").click()
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_visible()
    page.locator("#id_name").click()  # closes the picker
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_hidden()
    page.locator('footer button[type="submit"]').first.click()
    expect(page.locator(".messages")).to_be_visible()
    cohort.refresh_from_db()
    assert cohort.name == "2026年7月入职班（一）"

    visitor.assert_no_violation()
