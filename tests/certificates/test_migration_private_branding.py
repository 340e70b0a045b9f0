"""certificates 0004: the branding's Wagtail images become private files, and nothing is lost.

Real migrations on the test database (MigrationExecutor), so these tests commit: each one ends
with the database migrated to the latest state again.
"""

from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from certificates.branding_demo import ASSETS
from certificates.models import CertificateBranding

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("certificates", "0003_certificates")]


def migrate(targets=None):
    """Migrate to ``targets`` (the latest state when None); the models of the state reached."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor = MigrationExecutor(connection)
    return executor._create_project_state(with_applied_migrations=True).apps


def upload(title, filename):
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    with (ASSETS / filename).open("rb") as handle:
        image = get_image_model()(title=title, file=ImageFile(handle, name=filename))
        image.save()
    return image


def site(hostname):
    root = Page.objects.filter(depth=1).first() or Page.add_root(title="Root")
    return Site.objects.create(hostname=hostname, port=80, root_page=root)


def path(image_file):
    return Path(image_file.storage.path(image_file.name))


def private_files():
    private = storages["private"]
    return set(private.listdir("branding")[1]) if private.exists("branding") else set()


@pytest.fixture
def two_brandings_sharing_a_signature():
    """Two sites' brandings at 0003: one logo, one signature image (with a rendition) for both."""
    apps = migrate(BEFORE)
    logo = upload("Logo", "logo.png")
    signature = upload("Signature", "signature.png")
    rendition = signature.get_rendition("width-100")
    Branding = apps.get_model("certificates", "CertificateBranding")
    for hostname in ("a.example", "b.example"):
        Branding.objects.create(
            site_id=site(hostname).pk, logo_id=logo.pk, signature_id=signature.pk
        )
    files = [path(logo.file), path(signature.file), path(rendition.file)]
    assert all(file.is_file() for file in files)
    return logo, signature, rendition


def test_both_brandings_keep_a_shared_signature_and_only_the_signature_image_goes(
    two_brandings_sharing_a_signature,
):
    logo, signature, rendition = two_brandings_sharing_a_signature
    try:
        migrate()
        brandings = list(CertificateBranding.objects.filter(site__hostname__endswith=".example"))
        assert len(brandings) == 2
        for branding in brandings:
            assert branding.logo.storage is not logo.file.storage
            assert branding.logo.read() == (ASSETS / "logo.png").read_bytes()
            assert branding.signature.read() == (ASSETS / "signature.png").read_bytes()
            assert branding.signature.name == brandings[0].signature.name  # copied once
        Image = get_image_model()
        assert not Image.objects.filter(pk=signature.pk).exists()
        assert not Image.get_rendition_model().objects.filter(pk=rendition.pk).exists()
        assert not path(signature.file).exists() and not path(rendition.file).exists()
        assert Image.objects.filter(pk=logo.pk).exists() and path(logo.file).is_file()
    finally:
        migrate()


def test_a_failed_copy_rolls_everything_back_and_deletes_no_file(
    two_brandings_sharing_a_signature, settings, tmp_path
):
    logo, signature, rendition = two_brandings_sharing_a_signature
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    storages_before = settings.STORAGES
    try:
        settings.STORAGES = {
            **storages_before,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": blocker / "private", "base_url": None},
            },
        }
        with pytest.raises(OSError):
            migrate()
        Image = get_image_model()
        assert set(
            Image.objects.filter(pk__in=[logo.pk, signature.pk]).values_list("pk", flat=True)
        ) == {logo.pk, signature.pk}
        assert Image.get_rendition_model().objects.filter(pk=rendition.pk).exists()
        assert all(path(f).is_file() for f in (logo.file, signature.file, rendition.file))
        apps = migrate(BEFORE)  # still at 0003: the brandings point at both images
        Branding = apps.get_model("certificates", "CertificateBranding")
        assert (
            sorted(Branding.objects.values_list("logo_id", "signature_id"))
            == [(logo.pk, signature.pk)] * 2
        )
    finally:
        settings.STORAGES = storages_before
        migrate()


def test_a_copy_failing_after_a_signature_was_copied_deletes_no_file():
    """The second branding's logo cannot be read: the first one's signature must survive."""
    apps = migrate(BEFORE)
    signature = upload("Signature", "signature.png")
    rendition = signature.get_rendition("width-100")
    logo = upload("Logo", "logo.png")
    Branding = apps.get_model("certificates", "CertificateBranding")
    Branding.objects.create(site_id=site("a.example").pk, signature_id=signature.pk)
    Branding.objects.create(site_id=site("b.example").pk, logo_id=logo.pk)
    unreadable = path(logo.file)
    unreadable.unlink()
    unreadable.mkdir()  # still "exists" in the storage, but cannot be opened as a file
    before = private_files()
    try:
        with pytest.raises(OSError):
            migrate()
        Image = get_image_model()
        assert Image.objects.filter(pk=signature.pk).exists()
        assert Image.get_rendition_model().objects.filter(pk=rendition.pk).exists()
        assert path(signature.file).is_file() and path(rendition.file).is_file()
        assert private_files() == before  # nor a stray copy
        apps = migrate(BEFORE)
        Branding = apps.get_model("certificates", "CertificateBranding")
        assert Branding.objects.get(site__hostname="a.example").signature_id == signature.pk
    finally:
        unreadable.rmdir()
        migrate()


def test_going_back_makes_the_private_files_wagtail_images_again(
    two_brandings_sharing_a_signature,
):
    try:
        migrate()
        names = {b.signature.name for b in CertificateBranding.objects.all()}
        apps = migrate(BEFORE)
        Branding = apps.get_model("certificates", "CertificateBranding")
        Image = get_image_model()
        brandings = list(Branding.objects.order_by("pk"))
        assert len({b.signature_id for b in brandings}) == 1
        for branding in brandings:
            image = Image.objects.get(pk=branding.signature_id)
            assert image.file.read() == (ASSETS / "signature.png").read_bytes()
            assert (
                Image.objects.get(pk=branding.logo_id).file.read()
                == (ASSETS / "logo.png").read_bytes()
            )
        assert not any(storages["private"].exists(name) for name in names)
    finally:
        migrate()
