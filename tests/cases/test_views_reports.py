import json

import pytest
from django.core.files.storage import storages
from django.test import Client

from cases import services
from cases.models import CaseAttachment, CaseSubmission, MarkDecision, SubmissionStatus
from lms.private_files import private_storage
from tests.cases.factories import (
    PracticeCaseFactory,
    complete_report,
    editor_data,
    mark_entry,
    submitted_report,
)
from tests.cases.upload_samples import (
    WINDOWS_EXECUTABLE,
    clean_pdf_bytes,
    jpeg_bytes,
    pdf_with_embedded_file,
    pdf_with_launch_action,
    pdf_with_open_action_javascript,
    png_bytes,
)
from tests.factories import LearnerFactory
from tests.object_store import stored_names, unreachable_storages

pytestmark = pytest.mark.django_db

EDIT = "/cases/case-single/report/"
AUTOSAVE = "/cases/case-single/report/autosave/"


def stored_files():
    """The files in the private storage (a temporary folder, or the object store)."""
    return stored_names(storages["private"])


# --- Who sees what --------------------------------------------------------------------------


def test_learner_sees_open_cases_with_their_status(learner_client, single_case, learner):
    PracticeCaseFactory(title="未开放的案例", live=False)
    submitted_report(single_case, learner)
    page = learner_client.get("/cases/").content.decode()
    assert "报警停机" in page and "未开放的案例" not in page
    assert "评阅中" in page or "Being marked" in page


def test_pages_need_the_learner_role(trainer_client, single_case):
    assert trainer_client.get("/cases/").status_code == 404
    assert trainer_client.get("/cases/case-single/").status_code == 404
    assert Client().get("/cases/").status_code == 302  # anonymous: to the login page


def test_a_closed_case_is_a_404(learner_client):
    PracticeCaseFactory(slug="closed", live=False)
    assert learner_client.get("/cases/closed/").status_code == 404
    assert learner_client.get("/cases/closed/report/").status_code == 404


def test_case_page_shows_scenario_rubric_and_versions(learner_client, single_case, learner):
    submitted_report(single_case, learner)
    page = learner_client.get("/cases/case-single/").content.decode()
    assert "设备报警停机。" in page
    assert "标准2" in page and "优秀" in page  # the rubric, with its levels
    assert "v1" in page


def test_another_learners_version_is_a_404(client, single_case, learner, other_learner):
    submitted_report(single_case, learner)
    client.force_login(other_learner)
    assert client.get("/cases/case-single/versions/1/").status_code == 404


# --- Writing a report -------------------------------------------------------------------------


def test_a_new_report_offers_the_six_usual_fishbone_categories(learner_client, single_case):
    page = learner_client.get(EDIT).content.decode()
    for name in ["人员", "设备", "材料", "方法", "环境", "测量"]:
        assert f'value="{name}"' in page


def test_saving_a_draft_without_javascript_keeps_everything(learner_client, single_case, learner):
    response = learner_client.post(EDIT, editor_data(complete_report()))
    assert response.status_code == 302
    draft = CaseSubmission.objects.get(learner=learner)
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.fishbone["categories"][0] == {
        "name": "设备",
        "causes": ["编码器参数不匹配", "轴承预紧"],
    }
    assert draft.solutions[0]["chosen"] and not draft.solutions[1]["chosen"]
    assert draft.implementation_plan[0]["owner"] == "工程师"
    page = learner_client.get(EDIT).content.decode()
    assert "编码器参数不匹配" in page and "连续运行 8 小时无报警。" in page
    assert "<svg" in page and "试机时间过短" in page  # the fishbone preview


def test_autosave_answers_json_with_the_fishbone_preview(learner_client, single_case, learner):
    response = learner_client.post(AUTOSAVE, editor_data())
    assert response.status_code == 200
    result = json.loads(response.content)
    assert result["saved"] is True and result["saved_at"]
    assert "<svg" in result["fishbone"] and "主轴过载报警" in result["fishbone"]
    assert CaseSubmission.objects.get(learner=learner).root_cause == "编码器反馈参数未修改。"


def test_autosave_of_invalid_input_is_refused_with_errors(learner_client, single_case):
    data = editor_data()
    data["problem_statement"] = "x" * 20_001
    response = learner_client.post(AUTOSAVE, data)
    assert response.status_code == 400
    assert json.loads(response.content)["saved"] is False


def test_autosave_takes_posts_only(learner_client, single_case):
    assert learner_client.get(AUTOSAVE).status_code == 405


def test_autosave_is_for_learners_on_open_cases(trainer_client, client, learner, single_case):
    assert trainer_client.post(AUTOSAVE, editor_data()).status_code == 404
    PracticeCaseFactory(slug="closed", live=False)
    client.force_login(learner)
    assert client.post("/cases/closed/report/autosave/", editor_data()).status_code == 404


def test_autosave_saves_only_the_posting_learners_own_report(
    client, single_case, learner, other_learner
):
    submitted_report(single_case, learner)
    client.force_login(other_learner)
    data = editor_data()
    data["problem_statement"] = "另一位学员的草稿。"
    assert client.post(AUTOSAVE, data).status_code == 200
    mine = CaseSubmission.objects.get(learner=learner)
    assert mine.status == SubmissionStatus.SUBMITTED
    assert mine.problem_statement == complete_report().problem_statement
    theirs = CaseSubmission.objects.get(learner=other_learner)
    assert theirs.status == SubmissionStatus.DRAFT
    assert theirs.problem_statement == "另一位学员的草稿。"


@pytest.mark.parametrize("status", [SubmissionStatus.SUBMITTED, SubmissionStatus.FINALISED])
def test_autosave_of_a_submitted_or_graded_report_is_a_409(
    learner_client, single_case, learner, status
):
    report = submitted_report(single_case, learner)
    CaseSubmission.objects.filter(pk=report.pk).update(status=status)
    response = learner_client.post(AUTOSAVE, editor_data())
    assert response.status_code == 409
    result = json.loads(response.content)
    assert result["saved"] is False and len(result["errors"]) == 1
    report.refresh_from_db()
    assert report.status == status


def test_a_page_from_before_the_autosave_endpoint_still_autosaves_with_its_header(
    learner_client, single_case, learner
):
    response = learner_client.post(EDIT, editor_data(), headers={"X-Autosave": "1"})
    assert response.status_code == 200
    assert json.loads(response.content)["saved"] is True
    assert CaseSubmission.objects.get(learner=learner).status == SubmissionStatus.DRAFT
    learner_client.post(EDIT, editor_data(action="submit"))
    response = learner_client.post(EDIT, editor_data(), headers={"X-Autosave": "1"})
    assert response.status_code == 409


def test_invalid_input_is_shown_again_as_typed(learner_client, single_case):
    data = editor_data()
    data["plan-0-owner"] = "o" * 101
    response = learner_client.post(EDIT, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "form-errors" in page and "编码器参数不匹配" in page


def test_a_broken_formset_is_an_error_not_a_crash(learner_client, single_case):
    data = editor_data()
    del data["whys-TOTAL_FORMS"]
    assert learner_client.post(EDIT, data).status_code == 200


def test_submit_with_missing_sections_is_refused_and_the_draft_is_intact(
    learner_client, single_case, learner
):
    content = complete_report(root_cause="", five_whys=[], lessons_learned="")
    response = learner_client.post(EDIT, editor_data(content, action="submit"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="missing-sections"' in page
    for label in ["根本原因", "五问", "经验教训"]:
        assert label in page
    draft = CaseSubmission.objects.get(learner=learner)
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.problem_statement == content.problem_statement
    assert draft.fishbone == content.fishbone
    assert "编码器参数不匹配" in page  # what was typed is still on the page


def test_submit_a_complete_report(learner_client, single_case, learner):
    response = learner_client.post(EDIT, editor_data(action="submit"))
    assert response.status_code == 302
    assert response.url == "/cases/case-single/versions/1/"
    submission = CaseSubmission.objects.get(learner=learner)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.rubric == single_case.rubric and submission.submitted_at
    # A submitted report can no longer be edited or autosaved.
    assert learner_client.get(EDIT).status_code == 302
    autosave = learner_client.post(AUTOSAVE, editor_data())
    assert autosave.status_code == 409


SCRIPT = '<script>alert("x")</script><b onmouseover=alert(1)>hi</b>'


def test_html_and_script_in_any_section_are_shown_as_text(
    learner_client, single_case, learner, trainer
):
    content = complete_report(
        **dict.fromkeys(
            [
                "problem_statement",
                "classification",
                "scope",
                "information_collected",
                "root_cause",
                "verification",
                "customer_satisfaction",
                "lessons_learned",
            ],
            SCRIPT,
        ),
        fishbone={"effect": SCRIPT, "categories": [{"name": SCRIPT, "causes": [SCRIPT]}]},
        five_whys=[SCRIPT],
        solutions=[
            {"option": SCRIPT, "cost": SCRIPT, "time": SCRIPT, "effect": SCRIPT, "chosen": True},
            {"option": "b", "cost": "1", "time": "1", "effect": "1", "chosen": False},
        ],
        implementation_plan=[
            {"step": SCRIPT, "owner": SCRIPT, "date": "2026-07-01", "resources": SCRIPT}
        ],
    )
    learner_client.post(EDIT, editor_data(content, action="submit"))
    submission = CaseSubmission.objects.get(learner=learner)
    assert submission.status == SubmissionStatus.SUBMITTED
    pages = [
        learner_client.get("/cases/case-single/versions/1/").content.decode(),
        learner_client.get(EDIT, follow=True).content.decode(),
    ]
    grader = Client()
    grader.force_login(trainer)
    pages.append(grader.get(f"/grading/cases/{submission.pk}/").content.decode())
    for page in pages:
        assert "<script>alert" not in page
        assert "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages[0]


# --- Attachments --------------------------------------------------------------------------


def test_an_attachment_is_stored_privately_and_served_to_owner_and_graders(
    learner_client, single_case, learner, trainer, other_learner, private_storage_dir
):
    data = editor_data()
    data["attachments"] = _file("报警画面.png", png_bytes())
    learner_client.post(EDIT, data)
    attachment = CaseAttachment.objects.get()
    assert attachment.name == "报警画面.png" and attachment.content_type == "image/png"
    # In the private storage, and not in the public media storage.
    assert stored_files() == [attachment.file.name]
    assert attachment.file.storage is private_storage()
    assert not storages["default"].exists(attachment.file.name)
    url = f"/case-attachments/{attachment.pk}/"
    response = learner_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()

    grader, stranger = Client(), Client()
    grader.force_login(trainer)
    stranger.force_login(other_learner)
    assert grader.get(url).status_code == 404  # a draft is nobody else's business
    learner_client.post(EDIT, editor_data(action="submit"))
    assert grader.get(url).status_code == 200  # graders may read it once submitted
    assert stranger.get(url).status_code == 404


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.log", b"a" * (10 * 1024 * 1024 + 1), "超过 10 MB"),
        ("photo.png", jpeg_bytes(), "文件内容是 JPEG 图片，不是 PNG"),
        ("photo.png", WINDOWS_EXECUTABLE, "文件内容不是图片"),
        ("tool.exe", WINDOWS_EXECUTABLE, "不是可接受的文件类型"),
    ],
    ids=["oversized", "content-not-matching-extension", "executable-renamed-png", "executable"],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(
    learner_client, single_case, learner, private_storage_dir, name, data, message
):
    form = editor_data(action="submit")
    form["attachments"] = _file(name, data)
    response = learner_client.post(EDIT, form, follow=True)
    assert message in response.content.decode()
    assert CaseAttachment.objects.count() == 0
    assert stored_files() == []
    # The report text was saved, but not submitted while a file was refused.
    assert CaseSubmission.objects.get(learner=learner).status == SubmissionStatus.DRAFT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf_with_open_action_javascript(), "the PDF contains JavaScript"),
        (pdf_with_launch_action(), "the PDF would start another program"),
        (pdf_with_embedded_file(), "the PDF carries embedded files"),
    ],
    ids=["open-action-js", "launch", "embedded-file"],
)
def test_pdfs_that_could_run_something_are_refused_with_the_reason(
    learner_client, single_case, learner, private_storage_dir, data, reason
):
    form = editor_data()
    form["attachments"] = _file("manual.pdf", data)
    response = learner_client.post(EDIT, form, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert f"“manual.pdf” was refused: {reason}" in response.content.decode()
    assert CaseAttachment.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize(
    ("name", "data", "disposition"),
    [("manual.pdf", clean_pdf_bytes(), "attachment"), ("报警画面.png", png_bytes(), "inline")],
)
def test_attachments_are_served_as_downloads_or_sandboxed(
    learner_client, single_case, learner, name, data, disposition
):
    form = editor_data()
    form["attachments"] = _file(name, data)
    learner_client.post(EDIT, form)
    response = learner_client.get(f"/case-attachments/{CaseAttachment.objects.get().pk}/")
    assert response.status_code == 200
    # A PDF is saved, never opened inside the site; a checked image may be shown, but even
    # then it runs in a sandbox with nothing allowed.
    assert response["Content-Disposition"].startswith(disposition)
    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy


def test_a_file_name_with_folders_is_refused_and_nothing_is_stored(
    learner_client, single_case, learner, private_storage_dir
):
    boundary = "----casesboundary"
    parts = []
    for key, value in editor_data().items():
        header = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(f"{header}{value}\r\n".encode())
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="../../private/evil.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        + png_bytes()
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    response = learner_client.post(
        EDIT,
        data=b"".join(parts),
        content_type=f"multipart/form-data; boundary={boundary}",
        follow=True,
    )
    page = response.content.decode()
    assert "../../private/evil.png" in page and "文件夹分隔符" in page
    assert CaseAttachment.objects.count() == 0
    assert stored_files() == []
    assert CaseSubmission.objects.get(learner=learner).problem_statement  # text still saved


def test_removing_an_attachment(
    learner_client, single_case, learner, private_storage_dir, django_capture_on_commit_callbacks
):
    data = editor_data()
    data["attachments"] = _file("a.log", b"ALM 1012\n")
    learner_client.post(EDIT, data)
    attachment = CaseAttachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(EDIT, {**editor_data(), "delete_attachment": str(attachment.pk)})
    assert CaseAttachment.objects.count() == 0
    assert stored_files() == []


def test_an_upload_while_the_file_store_is_unreachable_says_so(
    learner_client, single_case, learner, settings
):
    settings.STORAGES = {**settings.STORAGES, **unreachable_storages("unreachable")}
    data = editor_data()
    data["attachments"] = _file("a.log", b"ALM 1012\n")
    response = learner_client.post(EDIT, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "files cannot be uploaded or downloaded just now" in response.content.decode()
    assert CaseAttachment.objects.count() == 0


def test_removing_someone_elses_attachment_is_a_404(client, single_case, learner, other_learner):
    theirs = services.report_open_draft(case=single_case, learner=learner)
    services.attachment_add(submission=theirs, upload=_file("a.log", b"x\n"))
    client.force_login(other_learner)
    response = client.post(
        EDIT, {**editor_data(), "delete_attachment": str(theirs.attachments.get().pk)}
    )
    assert response.status_code == 404
    assert theirs.attachments.count() == 1


# --- Results and revisions ----------------------------------------------------------------


def test_learner_reads_levels_comments_and_feedback_once_graded(
    learner_client, single_case, learner, trainer
):
    submission = submitted_report(single_case, learner)
    page = learner_client.get("/cases/case-single/versions/1/").content.decode()
    assert 'data-testid="mark-table"' not in page  # nothing shown while it is being marked
    services.mark_submit(
        submission=submission,
        grader=trainer,
        entry=mark_entry(single_case.rubric, 3, feedback="分析很完整"),
    )
    page = learner_client.get("/cases/case-single/versions/1/").content.decode()
    assert "100.00" in page and "分析很完整" in page and "优秀" in page
    assert 'data-testid="mark-table"' in page and "评语" in page


def test_a_returned_report_can_be_revised_and_earlier_versions_stay_visible(
    learner_client, single_case, learner, trainer, private_storage_dir
):
    draft = services.report_open_draft(case=single_case, learner=learner)
    services.report_save_draft(submission=draft, content=complete_report())
    services.attachment_add(submission=draft, upload=_file("a.log", b"ALM\n"))
    services.report_submit(submission=draft)
    services.mark_submit(
        submission=draft,
        grader=trainer,
        entry=mark_entry(single_case.rubric, 1, feedback="请补充证据"),
        decision=MarkDecision.RETURN,
    )
    page = learner_client.get("/cases/case-single/").content.decode()
    assert 'data-testid="start-revision"' in page
    response = learner_client.post("/cases/case-single/revise/")
    assert response.url == EDIT
    second = CaseSubmission.objects.get(learner=learner, number=2)
    assert second.is_draft and second.root_cause == "编码器反馈参数未修改。"
    assert second.attachments.get().name == "a.log"
    assert len(stored_files()) == 2  # the copy is its own file
    learner_client.post(EDIT, editor_data(action="submit"))
    page = learner_client.get("/cases/case-single/versions/1/").content.decode()
    assert "请补充证据" in page and "v2" in page
    # No third version: the case allows one resubmission.
    services.mark_submit(
        submission=CaseSubmission.objects.get(number=2),
        grader=trainer,
        entry=mark_entry(single_case.rubric, 0),
    )
    assert learner_client.post("/cases/case-single/revise/").status_code == 302
    assert CaseSubmission.objects.filter(learner=learner).count() == 2


def test_case_pages_run_a_bounded_number_of_queries(
    client, single_case, django_assert_max_num_queries
):
    learner = LearnerFactory()
    for _ in range(20):
        case = PracticeCaseFactory(rubric=single_case.rubric)
        case.product_tags.add("XK-850")
        submitted_report(case, learner)
    client.force_login(learner)
    with django_assert_max_num_queries(12):
        assert client.get("/cases/").status_code == 200
    with django_assert_max_num_queries(15):  # +1: whether the case is assigned (decision 0803)
        assert client.get("/cases/case-single/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(EDIT).status_code == 200
    # +1: the header's unread count; +2: the to-do list (which assignments name units, and the
    # learner's assignments, none here)
    with django_assert_max_num_queries(19):
        assert client.get("/dashboard/learner/").status_code == 200


def test_dashboards_show_cases_to_learners_and_grading_to_trainers(
    learner_client, single_case, learner, trainer
):
    submitted_report(single_case, learner)
    page = learner_client.get("/dashboard/learner/").content.decode()
    assert 'data-testid="panel-my-cases"' in page and "报警停机" in page
    grader = Client()
    grader.force_login(trainer)
    page = grader.get("/dashboard/trainer/").content.decode()
    assert 'data-testid="panel-case-grading"' in page
    assert "/grading/cases/" in page


@pytest.mark.local_storage  # X-Accel-Redirect names a local file (tests/lms/test_object_storage.py)
def test_behind_nginx_the_proxy_sends_an_attachment_once_the_view_allowed_it(
    learner_client, single_case, learner, other_learner, private_storage_dir, settings
):
    data = editor_data()
    data["attachments"] = _file("日志.log", b"E-1042 spindle overload\n")
    learner_client.post(EDIT, data)
    attachment = CaseAttachment.objects.get()
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    url = f"/case-attachments/{attachment.pk}/"
    response = learner_client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/private/{attachment.file.name}"
    assert response["Content-Type"] == "text/plain"
    assert "attachment" in response["Content-Disposition"]
    stranger = Client()
    stranger.force_login(other_learner)
    response = stranger.get(url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
