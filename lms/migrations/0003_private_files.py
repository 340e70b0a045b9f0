"""Documents need a login: a login view restriction on Wagtail's root collection.

Collection view restrictions apply to every collection below, so no document (the demo's case
logs sit in the root collection) is served by Wagtail's document view to an anonymous visitor.
See docs/decisions/0006-private-files.md.
"""

from django.db import migrations


def restrict_root_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).first()
    if root is not None and not CollectionViewRestriction.objects.filter(collection=root).exists():
        CollectionViewRestriction.objects.create(collection=root, restriction_type="login")


def unrestrict_root_collection(apps, schema_editor):
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    CollectionViewRestriction.objects.filter(collection__depth=1, restriction_type="login").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(restrict_root_collection, unrestrict_root_collection)]
