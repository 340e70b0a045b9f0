"""Renewals no longer store a note of both languages: the learner reads what a renewal is for in
their own language (``Assignment.note_shown``). The notes renewals stored are cleared."""

from django.db import migrations


def clear_renewal_notes(apps, schema_editor):
    Assignment = apps.get_model("assignments", "Assignment")
    Assignment.objects.filter(
        renewal_of__isnull=False, note__contains=" · Renewal of certificate "
    ).update(note="")


class Migration(migrations.Migration):
    dependencies = [("assignments", "0004_renewals")]

    operations = [migrations.RunPython(clear_renewal_notes, migrations.RunPython.noop)]
