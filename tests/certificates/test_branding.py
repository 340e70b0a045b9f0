"""The certificate branding site setting: who edits it in the CMS and what a PDF gets from it."""

import io
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.permissions import policy_registry

from certificates import pdf
from certificates.branding_demo import ASSETS, DEMO_BRANDING, load_branding
from certificates.models import CertificateBranding
from tests.certificates.conftest import make_document

pytestmark = pytest.mark.django_db


def edit_url(site=None):
    site = site or Site.objects.get(is_default_site=True)
    return f"/cms/settings/certificates/certificatebranding/{site.pk}/"


def upload(title: str, filename: str = "logo.png"):
    with (ASSETS / filename).open("rb") as handle:
        image = get_image_model()(title=title, file=ImageFile(handle, name=filename))
        image.save()
    return image


def form_data(**changes):
    data = {
        "organisation_name_zh": "华东售后服务学院",
        "organisation_name_en": "East China Service Academy",
        "logo": "",
        "signatory_name": "陈志远",
        "signatory_title_zh": "学院院长",
        "signatory_title_en": "Dean",
        "signature": "",
        "footer_text": "",
    }
    data.update(changes)
    return data


def test_a_new_site_gets_the_academy_names_by_default():
    branding = CertificateBranding.for_site(Site.objects.get(is_default_site=True))
    assert (branding.organisation_name_zh, branding.organisation_name_en) == (
        "售后服务学院",
        "Service Academy",
    )
    assert branding.logo is None
    assert branding.signature is None


def test_an_assessor_edits_the_branding_in_the_cms(assessor_client, media_root):
    logo = upload("标志")
    response = assessor_client.get(edit_url())
    assert response.status_code == 200
    assert "organisation_name_zh" in response.content.decode()

    response = assessor_client.post(edit_url(), form_data(logo=logo.pk))
    assert response.status_code == 302
    branding = CertificateBranding.objects.get()
    assert branding.organisation_name_en == "East China Service Academy"
    assert branding.logo == logo
    assert branding.signatory_name == "陈志远"


def test_an_administrator_edits_the_branding(client, administrator):
    client.force_login(administrator)
    response = client.post(edit_url(), form_data(signatory_name="王院长"))
    assert response.status_code == 302
    assert CertificateBranding.objects.get().signatory_name == "王院长"


def test_the_form_keeps_what_was_typed_when_a_required_name_is_missing(assessor_client):
    response = assessor_client.post(edit_url(), form_data(organisation_name_zh=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "East China Service Academy" in page
    assert not CertificateBranding.objects.filter(organisation_name_zh="").exists()


@pytest.mark.parametrize("fixture", ["learner", "trainer"])
def test_learners_and_trainers_cannot_edit_the_branding(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.post(edit_url(), form_data(signatory_name="冒名"))
    assert not CertificateBranding.objects.filter(signatory_name="冒名").exists()
    # Wagtail sends a learner to its login page and a trainer back to the CMS home.
    assert response.status_code == 302
    assert response.url in {"/cms/", f"/cms/login/?next={edit_url()}"}


def test_assessors_may_upload_and_choose_the_images(assessor, learner, media_root):
    image_permission_policy = policy_registry.get_by_type(get_image_model())
    assert image_permission_policy.user_has_permission(assessor, "add")
    assert image_permission_policy.user_has_permission(assessor, "choose")
    assert not image_permission_policy.user_has_permission(learner, "choose")


def test_the_image_chooser_lists_uploaded_images_to_an_assessor(assessor_client, media_root):
    upload("院长签名", "signature.png")
    response = assessor_client.get("/cms/images/chooser/")
    assert response.status_code == 200
    assert "院长签名" in response.json()["html"]


def test_load_branding_prints_the_images_as_jpeg_on_the_page_colour(media_root):
    site = Site.objects.get(is_default_site=True)
    branding = CertificateBranding.for_site(site)
    branding.logo = upload("标志")
    branding.signature = upload("签名", "signature.png")
    branding.signatory_name = "陈志远"
    branding.save()

    snapshot = pdf.load_branding()
    assert snapshot.signatory_name == "陈志远"
    for data in (snapshot.logo_jpeg, snapshot.signature_jpeg):
        image = PillowImage.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert image.width <= 600
        # A transparent corner comes out in the page colour, not black.
        red, green, blue = image.convert("RGB").getpixel((0, 0))
        assert min(red, green, blue) > 240


def test_without_images_the_snapshot_has_none(media_root):
    snapshot = pdf.load_branding()
    assert snapshot.logo_jpeg == b""
    assert snapshot.signature_jpeg == b""
    assert snapshot.organisation_name_zh == "售后服务学院"


def test_without_any_site_the_default_names_are_used():
    Site.objects.all().delete()
    snapshot = pdf.load_branding()
    assert snapshot.organisation_name_en == "Service Academy"


def test_a_pdf_rendered_with_the_stored_branding_prints_it(media_root, pdf_file):
    site = Site.objects.get(is_default_site=True)
    branding = CertificateBranding.for_site(site)
    branding.organisation_name_en = "East China Service Academy"
    branding.signatory_name = "陈志远"
    branding.signature = upload("签名", "signature.png")
    branding.footer_text = "Footer line 页脚"
    branding.save()
    certificate = pdf_file(pdf.render_certificate_pdf(make_document()))
    text = certificate.text()
    assert "EAST CHINA SERVICE ACADEMY" in text
    assert "陈志远" in text
    assert "Footer line 页脚" in text
    assert len(certificate.run("pdfimages", "-list").splitlines()[2:]) == 1


def test_the_demo_branding_is_filled_once_and_never_overwrites_edits(media_root):
    out = io.StringIO()
    load_branding(stdout=out)
    branding = CertificateBranding.objects.get()
    assert branding.signatory_name == DEMO_BRANDING["signatory_name"]
    assert branding.logo is not None
    assert branding.signature is not None
    images = get_image_model().objects.count()

    branding.signatory_name = "王院长"
    branding.save()
    load_branding(stdout=out)
    branding.refresh_from_db()
    assert branding.signatory_name == "王院长"
    assert get_image_model().objects.count() == images == 2
    assert Path(branding.logo.file.path).is_file()


def test_a_cms_image_with_too_many_pixels_is_refused_with_its_size(assessor_client, media_root):
    """Issue 12, finding 7: a 30000×30000 PNG uploaded in /cms/ (where the branding images
    come from) was refused without its size."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.exams.upload_samples import huge_png_bytes

    file = SimpleUploadedFile("huge.png", huge_png_bytes(), content_type="image/png")
    response = assessor_client.post("/cms/images/add/", {"title": "巨图", "file": file})
    assert response.status_code == 200
    page = response.content.decode()  # the admin speaks the user's language: check the figures
    assert "30000×30000" in page and "50,000,000" in page
    assert not get_image_model().objects.filter(title="巨图").exists()


def test_the_multiple_uploader_names_the_size_too(assessor_client, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.exams.upload_samples import huge_png_bytes

    file = SimpleUploadedFile("huge.png", huge_png_bytes(), content_type="image/png")
    response = assessor_client.post("/cms/images/multiple/add/", {"files[]": file})
    body = response.json()
    assert body["success"] is False
    assert "30000×30000" in body["error_message"] and "50,000,000" in body["error_message"]
