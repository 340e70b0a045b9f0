"""The assessor's metrics pages: upload with a preview, commit, history and export."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from assessment.models import MetricImport, MetricRecord
from tests.assessment.factories import put_metrics
from tests.factories import AssessorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engineers(program):
    return [LearnerFactory(employee_id=f"E100{n}", display_name=f"工程师{n}") for n in (1, 2)]


def upload(client, content: str, name="metrics.csv"):
    file = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")
    return client.post("/assessment/metrics/upload/", {"file": file})


BAD = (
    "工号,指标,周期,数值\n"
    "E1001,first_time_fix_rate,2026-Q3,88\n"
    "E9999,first_time_fix_rate,2026-Q3,abc\n"
)
GOOD = (
    "工号,指标,周期,数值\n"
    "E1001,first_time_fix_rate,2026-Q3,88\n"
    "E1002,first_time_fix_rate,2026-Q3,91\n"
)


def test_a_bad_file_is_previewed_with_its_errors_and_cannot_be_committed(
    assessor_client, engineers
):
    response = upload(assessor_client, BAD)
    assert response.status_code == 302
    page = assessor_client.get(response.url).content.decode()
    assert 'data-testid="import-errors"' in page
    assert "未知工号“E9999”" in page and "“abc”不是数字" in page
    assert 'data-testid="commit-import"' not in page
    assessor_client.post(response.url)
    assert not MetricRecord.objects.exists()


def test_a_good_file_is_previewed_then_committed(assessor_client, engineers):
    put_metrics(engineers[0], first_time_fix_rate=80)
    response = upload(assessor_client, GOOD)
    page = assessor_client.get(response.url).content.decode()
    assert "共 2 行：新增 1 条，更新 1 条，未变化 0 条。" in page
    assert "原为 80" in page
    assert MetricRecord.objects.get(employee=engineers[0]).value == 80  # nothing written yet
    committed = assessor_client.post(response.url)
    assert committed.status_code == 302
    assert dict(MetricRecord.objects.values_list("employee__employee_id", "value")) == {
        "E1001": Decimal(88),
        "E1002": Decimal(91),
    }
    upload_record = MetricImport.objects.get()
    assert (upload_record.status, upload_record.created_count, upload_record.updated_count) == (
        "committed",
        1,
        1,
    )
    # Committing twice does nothing more.
    assessor_client.post(response.url)
    assert MetricRecord.objects.count() == 2
    history = assessor_client.get(
        f"/assessment/metrics/{MetricRecord.objects.get(employee=engineers[0]).pk}/history/"
    ).content.decode()
    # How the value came in, in the page's language, and the file's name as it was uploaded.
    assert f'{gettext("upload")} <span translate="no">metrics.csv</span>' in history
    assert ">80<" in history


def test_an_upload_belongs_to_its_uploader(client, assessor, engineers):
    client.force_login(assessor)
    url = upload(client, GOOD).url
    client.force_login(AssessorFactory())
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not MetricRecord.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_and_the_form_shown_again(assessor_client, engineers):
    file = SimpleUploadedFile("notes.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = assessor_client.post("/assessment/metrics/upload/", {"file": file})
    assert response.status_code == 400
    assert "请上传 .csv 或 .xlsx 文件。" in response.content.decode()


def test_learners_cannot_reach_the_metrics_pages(learner_client, program):
    for url in (
        "/assessment/metrics/",
        "/assessment/metrics/upload/",
        "/assessment/metrics/export.csv",
    ):
        assert learner_client.get(url).status_code == 404


def test_the_list_and_the_export(assessor_client, engineers, django_assert_max_num_queries):
    for n in range(30):
        person = LearnerFactory(employee_id=f"E60{n:02d}")
        put_metrics(person, first_time_fix_rate=70 + n % 20)
    MetricRecord.objects.filter(employee__employee_id="E6000").update(
        note="=SUM(A1)", source="@evil"
    )
    with django_assert_max_num_queries(12):
        page = assessor_client.get("/assessment/metrics/?period=2026-Q3")
    assert page.status_code == 200 and "E6029" in page.content.decode()
    export = assessor_client.get("/assessment/metrics/export.csv?employee_id=E6000")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows == [
        ["employee_id", "indicator", "period", "value", "source", "note"],
        ["E6000", "first_time_fix_rate", "2026-Q3", "70.0000", "'@evil", "'=SUM(A1)"],
    ]
