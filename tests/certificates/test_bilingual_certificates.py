"""Certificates in the reader's language: the verification page, the emails and the lists name
the program (Program.name_en) and the grade (the scheme's band name) in the reader's language;
the bilingual PDF prints the English program name in its English part."""

import pytest
from django.core import mail
from django.test import Client

from certificates import issuing, pdf
from tests.assessment.factories import make_program, scheme_file
from tests.certificates.conftest import DEMO_BRANDING, make_document
from tests.certificates.factories import finalised

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    data = scheme_file()
    data["program"]["name_en"] = "Test Certification"
    data["grade_bands"][0].update(name="卓越", name_en="Outstanding")
    return make_program(data=data)[0]


def reader(language, user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["lms_language"] = language
    return client


def test_the_grade_is_the_schemes_band_name_in_both_languages(learner, program):
    certificate = issuing.certificate_issue(scorecard=finalised(learner, program)).certificate
    assert (certificate.grade_label_zh, certificate.grade_label_en) == ("卓越", "Outstanding")


def test_the_verification_page_reads_in_the_readers_language(learner, program):
    certificate = issuing.certificate_issue(scorecard=finalised(learner, program)).certificate
    url = f"/verify/{certificate.code}/"
    english = reader("en").get(url).content.decode()
    assert "Test Certification" in english and "Outstanding" in english
    assert "测试认证" not in english and "卓越" not in english
    assert '<dd data-testid="holder-name" translate="no">王小明</dd>' in english
    chinese = reader("zh-hans").get(url).content.decode()
    assert "测试认证" in chinese and "卓越" in chinese
    assert "Test Certification" not in chinese and "Outstanding" not in chinese


def test_the_learners_list_shows_the_grade_in_the_page_language(learner, program):
    issuing.certificate_issue(scorecard=finalised(learner, program))
    english = reader("en", learner).get("/certificates/").content.decode()
    assert "Test Certification" in english and "Outstanding" in english
    assert "卓越" not in english and "测试认证" not in english


def test_the_email_names_the_program_in_the_recipients_language(
    learner, program, django_capture_on_commit_callbacks
):
    learner.language = "en"
    learner.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        issuing.certificate_issue(scorecard=finalised(learner, program))
    (message,) = mail.outbox
    assert "Test Certification" in message.subject
    assert "Test Certification" in message.body and "测试认证" not in message.body


def test_the_pdfs_english_part_names_the_program_in_english(pdf_file):
    document = make_document(program_name_en="After-sales Problem Solving Certification")
    text = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING)).text()
    flat = " ".join(text.split())
    assert "售后工程师问题分析与解决认证" in flat  # the Chinese part
    assert "programme After-sales Problem Solving Certification (ASE)" in flat


def test_without_an_english_name_the_english_part_keeps_the_chinese_one(pdf_file):
    text = pdf_file(pdf.render_certificate_pdf(make_document(), branding=DEMO_BRANDING)).text()
    assert "programme 售后工程师问题分析与解决认证" in " ".join(text.split())
