"""The certificate branding site setting: who edits it in the CMS and what a PDF gets from it."""

import io
from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.permissions import policy_registry

from certificates import pdf
from certificates.demo import ASSETS, DEMO_BRANDING, load_branding
from certificates.models import CertificateBranding
from tests.certificates.conftest import make_document

pytestmark = pytest.mark.django_db


def edit_url(site=None):
    site = site or Site.objects.get(is_default_site=True)
    return f"/cms/settings/certificates/certificatebranding/{site.pk}/"


def upload(title: str, filename: str = "logo.png"):
    """A Wagtail image (the image library, which the branding no longer uses)."""
    with (ASSETS / filename).open("rb") as handle:
        image = get_image_model()(title=title, file=ImageFile(handle, name=filename))
        image.save()
    return image


def asset(filename: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, (ASSETS / filename).read_bytes(), "image/png")


def store(branding, field: str, filename: str) -> None:
    with (ASSETS / filename).open("rb") as handle:
        getattr(branding, field).save(filename, File(handle), save=False)


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
    assert not branding.logo
    assert not branding.signature


def test_an_assessor_edits_the_branding_in_the_cms(assessor_client, private_root):
    response = assessor_client.get(edit_url())
    assert response.status_code == 200
    assert "organisation_name_zh" in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()  # the form uploads

    response = assessor_client.post(
        edit_url(), form_data(logo=asset("logo.png"), signature=asset("signature.png"))
    )
    assert response.status_code == 302
    branding = CertificateBranding.objects.get()
    assert branding.organisation_name_en == "East China Service Academy"
    assert branding.signatory_name == "陈志远"
    # The images are files in the private storage, not Wagtail images.
    assert Path(branding.signature.path).is_relative_to(private_root)
    assert Path(branding.signature.path).read_bytes() == (ASSETS / "signature.png").read_bytes()
    assert get_image_model().objects.count() == 0

    # The form links them through the staff-only view, which sends them.
    page = assessor_client.get(edit_url()).content.decode()
    url = f"/cms/certificates/branding/{branding.pk}/signature/"
    assert f'href="{url}"' in page
    response = assessor_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == (ASSETS / "signature.png").read_bytes()


def test_an_upload_that_is_not_an_image_is_refused(assessor_client):
    fake = SimpleUploadedFile("signature.png", b"<svg onload=alert(1)>", "image/png")
    response = assessor_client.post(edit_url(), form_data(signature=fake))
    assert response.status_code == 200
    assert not CertificateBranding.objects.filter(signatory_name="陈志远").exists()


@pytest.mark.parametrize("fixture", [None, "learner", "trainer"])
def test_only_staff_who_edit_the_branding_see_its_images(client, request, fixture, private_root):
    branding = CertificateBranding.for_site(Site.objects.get(is_default_site=True))
    store(branding, "signature", "signature.png")
    branding.save()
    if fixture:
        client.force_login(request.getfixturevalue(fixture))
    response = client.get(f"/cms/certificates/branding/{branding.pk}/signature/")
    assert response.status_code in (302, 403, 404)
    assert (
        response.status_code != 302
        or "/login/" in response["Location"]
        or (response["Location"] == "/cms/")
    )


def test_an_unknown_field_or_empty_image_is_a_404(assessor_client):
    branding = CertificateBranding.for_site(Site.objects.get(is_default_site=True))
    base = f"/cms/certificates/branding/{branding.pk}"
    assert assessor_client.get(f"{base}/signature/").status_code == 404
    assert assessor_client.get(f"{base}/organisation_name_zh/").status_code == 404
    assert (
        assessor_client.get(f"/cms/certificates/branding/{branding.pk + 1}/logo/").status_code
        == 404
    )


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
    # Wagtail sends a learner to the site's login page and a trainer back to the CMS home.
    assert response.status_code == 302
    assert response.url in {"/cms/", f"/accounts/login/?next={edit_url()}"}


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


def test_load_branding_prints_the_images_as_jpeg_on_the_page_colour(private_root):
    site = Site.objects.get(is_default_site=True)
    branding = CertificateBranding.for_site(site)
    store(branding, "logo", "logo.png")
    store(branding, "signature", "signature.png")
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


def test_a_pdf_rendered_with_the_stored_branding_prints_it(private_root, pdf_file):
    site = Site.objects.get(is_default_site=True)
    branding = CertificateBranding.for_site(site)
    branding.organisation_name_en = "East China Service Academy"
    branding.signatory_name = "陈志远"
    store(branding, "signature", "signature.png")
    branding.footer_text = "Footer line 页脚"
    branding.save()
    certificate = pdf_file(pdf.render_certificate_pdf(make_document()))
    text = certificate.text()
    assert "EAST CHINA SERVICE ACADEMY" in text
    assert "陈志远" in text
    assert "Footer line 页脚" in text
    assert len(certificate.run("pdfimages", "-list").splitlines()[2:]) == 1


def test_the_demo_branding_is_filled_once_and_never_overwrites_edits(media_root, private_root):
    out = io.StringIO()
    load_branding(stdout=out)
    branding = CertificateBranding.objects.get()
    assert branding.signatory_name == DEMO_BRANDING["signatory_name"]
    assert branding.logo and branding.signature
    stored = sorted(private_root.rglob("*.png"))

    branding.signatory_name = "王院长"
    branding.save()
    load_branding(stdout=out)
    branding.refresh_from_db()
    assert branding.signatory_name == "王院长"
    assert sorted(private_root.rglob("*.png")) == stored and len(stored) == 2
    assert Path(branding.logo.path).is_file()
    # Nothing of the branding is in the image library or under the public media root.
    assert get_image_model().objects.count() == 0
    assert not list(Path(media_root).rglob("*"))


def test_a_missing_signature_file_stops_the_render(private_root):
    """A certificate is not issued without the signature it is meant to carry."""
    branding = CertificateBranding.for_site(Site.objects.get(is_default_site=True))
    store(branding, "signature", "signature.png")
    branding.save()
    Path(branding.signature.path).unlink()
    with pytest.raises(FileNotFoundError):
        pdf.load_branding()


def test_a_cms_image_with_too_many_pixels_is_refused_with_its_size(assessor_client, media_root):
    """Issue 12, finding 7: a 30000×30000 PNG uploaded in /cms/ (where the branding images
    come from) was refused without its size."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.cases.upload_samples import huge_png_bytes

    file = SimpleUploadedFile("huge.png", huge_png_bytes(), content_type="image/png")
    response = assessor_client.post("/cms/images/add/", {"title": "巨图", "file": file})
    assert response.status_code == 200
    page = response.content.decode()  # the admin speaks the user's language: check the figures
    assert "30000×30000" in page and "50,000,000" in page
    assert not get_image_model().objects.filter(title="巨图").exists()


def test_the_multiple_uploader_names_the_size_too(assessor_client, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.cases.upload_samples import huge_png_bytes

    file = SimpleUploadedFile("huge.png", huge_png_bytes(), content_type="image/png")
    response = assessor_client.post("/cms/images/multiple/add/", {"files[]": file})
    body = response.json()
    assert body["success"] is False
    assert "30000×30000" in body["error_message"] and "50,000,000" in body["error_message"]
