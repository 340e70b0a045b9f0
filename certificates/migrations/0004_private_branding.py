"""The branding's logo and signature become files in the private storage.

They were Wagtail images, whose originals sit under MEDIA_ROOT and whose renditions are public
files with guessable names. Each image's file is copied to ``branding/`` in the private storage;
the signature's Wagtail image is then deleted with its renditions and files (a logo may be used
elsewhere and is no secret, so it stays in the image library). docs/decisions/0006-private-files.md.

Not atomic: on PostgreSQL, rows changed and a table altered in one transaction fail with
"pending trigger events"; the data step runs in a transaction of its own.
"""

from pathlib import PurePosixPath

from django.core.files.storage import storages
from django.db import migrations, models

import lms.private_files

FIELDS = ("logo", "signature")


def copy_images(apps, schema_editor):
    CertificateBranding = apps.get_model("certificates", "CertificateBranding")
    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    private = storages["private"]
    for branding in CertificateBranding.objects.all():
        copied = {}
        for field in FIELDS:
            image = Image.objects.filter(pk=getattr(branding, f"{field}_id")).first()
            if image is None or not image.file.storage.exists(image.file.name):
                continue
            with image.file.storage.open(image.file.name, "rb") as handle:
                name = PurePosixPath(image.file.name).name
                copied[f"{field}_file"] = private.save(f"branding/{name}", handle)
        CertificateBranding.objects.filter(pk=branding.pk).update(**copied)
        signature = Image.objects.filter(pk=branding.signature_id).first()
        if signature is not None:
            for rendition in Rendition.objects.filter(image=signature):
                rendition.file.storage.delete(rendition.file.name)
            signature.file.storage.delete(signature.file.name)
            signature.delete()


class Migration(migrations.Migration):
    atomic = False

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
        migrations.RunPython(copy_images, migrations.RunPython.noop, atomic=True),
        *(
            migrations.RemoveField(model_name="certificatebranding", name=field)
            for field in FIELDS
        ),
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
