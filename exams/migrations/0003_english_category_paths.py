"""English category paths only where the whole path has English (decision 0200).

Migration 0002 copied each Chinese path into ``full_name_en``; an English page would then show
that Chinese path as if it were English. This recomputes every path as
``QuestionCategory._english_full_name`` does: empty unless the category and all its ancestors
have an English name.
"""

from django.db import migrations


def english_paths(apps, schema_editor):
    QuestionCategory = apps.get_model("exams", "QuestionCategory")
    categories = sorted(QuestionCategory.objects.all(), key=lambda c: c.tree_path.count("/"))
    paths: dict[int, str] = {}
    for category in categories:
        name_en = category.name_en.strip()
        if category.parent_id is None:
            path = name_en
        else:
            parent = paths.get(category.parent_id, "")
            path = f"{parent}/{name_en}" if parent and name_en else ""
        paths[category.pk] = path
        category.full_name_en = path
    QuestionCategory.objects.bulk_update(categories, ["full_name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("exams", "0002_bilingual_content")]

    operations = [migrations.RunPython(english_paths, migrations.RunPython.noop)]
