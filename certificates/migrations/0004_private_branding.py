"""The branding's logo and signature become files in the private storage.

They were Wagtail images, whose originals sit under MEDIA_ROOT and whose renditions are public
files with guessable names. Each image's file is copied to ``branding/`` in the private storage;
the signature's Wagtail image is then deleted with its renditions and files (a logo may be used
elsewhere and is no secret, so it stays in the image library). docs/decisions/0006-private-files.md.

Every branding's files are copied before any image is deleted, each image once (two sites'
brandings may share one signature image: both get the same private copy). The migration is one
transaction, and the deleted images' files leave the disk only once it has committed
(``on_commit``): when any step fails (e.g. the private storage cannot be written) every row and
column rolls back and every file is still there for them. The private copies made before a
failed copy are removed again; those of a run failing in a later step stay behind, unused.

On PostgreSQL, a table altered after rows were changed in the same transaction fails with
"pending trigger events" (the deferred foreign-key checks of those rows): the data step ends by
running those checks at once (``SET CONSTRAINTS ALL IMMEDIATE``), so the columns can go after it.

Reversible: going back makes each private file a new Wagtail image again (a logo's old image,
still in the library, is not looked up) and removes the private copies after the commit.
"""

from pathlib import PurePosixPath

from django.core.files.images import get_image_dimensions
from django.core.files.storage import storages
from django.db import migrations, models

import lms.private_files

FIELDS = ("logo", "signature")


def _delete_on_commit(schema_editor, files):
    """Remove ``(storage, name)`` files once the migration's transaction has committed."""

    def delete():
        for storage, name in files:
            storage.delete(name)

    schema_editor.connection.on_commit(delete)


def _check_constraints_now(schema_editor):
    """Run PostgreSQL's deferred foreign-key checks now, so the table can be altered next."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def copy_images(apps, schema_editor):
    CertificateBranding = apps.get_model("certificates", "CertificateBranding")
    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    private = storages["private"]
    brandings = list(CertificateBranding.objects.all())
    # Every image once, however many brandings use it: image pk → its private copy's name.
    used = {getattr(b, f"{field}_id") for b in brandings for field in FIELDS} - {None}
    copies = {}
    try:
        for image in Image.objects.filter(pk__in=used).order_by("pk"):
            if not image.file.storage.exists(image.file.name):
                continue
            with image.file.storage.open(image.file.name, "rb") as handle:
                name = PurePosixPath(image.file.name).name
                copies[image.pk] = private.save(f"branding/{name}", handle)
    except Exception:
        for name in copies.values():  # no row will name them: the migration rolls back
            private.delete(name)
        raise
    for branding in brandings:
        CertificateBranding.objects.filter(pk=branding.pk).update(
            **{
                f"{field}_file": copies[getattr(branding, f"{field}_id")]
                for field in FIELDS
                if getattr(branding, f"{field}_id") in copies
            }
        )
    # Only now, with every branding copied, the signature images go (rows now, files after the
    # commit: a rollback must find them still on disk).
    signatures = Image.objects.filter(pk__in={b.signature_id for b in brandings} - {None})
    files = [
        (item.file.storage, item.file.name)
        for item in [*Rendition.objects.filter(image__in=signatures), *signatures]
        if item.file.name
    ]
    Rendition.objects.filter(image__in=signatures).delete()
    signatures.delete()
    _check_constraints_now(schema_editor)
    _delete_on_commit(schema_editor, files)


def restore_images(apps, schema_editor):
    """Each private file becomes a Wagtail image again; the private copies go after the commit.

    A new image even for a logo whose old image is still in the library (which then holds it
    twice): nothing ties a private copy back to the image it came from.
    """
    CertificateBranding = apps.get_model("certificates", "CertificateBranding")
    Image = apps.get_model("wagtailimages", "Image")
    Collection = apps.get_model("wagtailcore", "Collection")
    private = storages["private"]
    public = storages["default"]
    root = Collection.objects.filter(depth=1).order_by("path").first()
    images = {}  # private name → the new image's pk: a shared file becomes one image
    files = []
    for branding in CertificateBranding.objects.all():
        restored = {}
        for field in FIELDS:
            name = getattr(branding, f"{field}_file").name
            if not name or not private.exists(name):
                continue
            if name not in images:
                with private.open(name, "rb") as handle:
                    width, height = get_image_dimensions(handle)
                    handle.seek(0)
                    stored = public.save(f"original_images/{PurePosixPath(name).name}", handle)
                image = Image.objects.create(
                    title=f"{branding.organisation_name_en or branding.organisation_name_zh} "
                    f"{field}".strip(),
                    file=stored,
                    width=width or 0,
                    height=height or 0,
                    file_size=public.size(stored),
                    collection=root,
                )
                images[name] = image.pk
                files.append((private, name))
            restored[f"{field}_id"] = images[name]
        CertificateBranding.objects.filter(pk=branding.pk).update(**restored)
    _check_constraints_now(schema_editor)
    _delete_on_commit(schema_editor, files)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificates"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name="certificatebranding",
                name=f"{field}_file",
                field=models.ImageField(
                    blank=True,
                    storage=lms.private_files.private_storage,
                    upload_to="branding/",
                    verbose_name=field,
                ),
            )
            for field in FIELDS
        ),
        migrations.RunPython(copy_images, restore_images),
        *(migrations.RemoveField(model_name="certificatebranding", name=field) for field in FIELDS),
        *(
            migrations.RenameField(
                model_name="certificatebranding", old_name=f"{field}_file", new_name=field
            )
            for field in FIELDS
        ),
        migrations.AlterField(
            model_name="certificatebranding",
            name="logo",
            field=models.ImageField(
                blank=True,
                help_text="A PNG with a transparent background prints best; about 400 pixels wide.",
                storage=lms.private_files.private_storage,
                upload_to="branding/",
                verbose_name="logo",
            ),
        ),
        migrations.AlterField(
            model_name="certificatebranding",
            name="signature",
            field=models.ImageField(
                blank=True,
                help_text="A scan of the signature on a transparent or white background.",
                storage=lms.private_files.private_storage,
                upload_to="branding/",
                verbose_name="signature",
            ),
        ),
    ]
