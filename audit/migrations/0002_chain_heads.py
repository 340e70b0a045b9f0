"""Both chains' heads exist from the start, so writing an entry always costs the same four
queries (lock the head, read it, insert the entry, move the head): a page that writes the
access log has a fixed query budget from its first visit on."""

from django.db import migrations


def create_heads(apps, schema_editor):
    Head = apps.get_model("audit", "Head")
    for chain in ("decision", "access"):
        Head.objects.get_or_create(chain=chain)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_entries")]

    operations = [migrations.RunPython(create_heads, migrations.RunPython.noop)]
