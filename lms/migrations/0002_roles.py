"""Create the four role groups: Learner (学员), Trainer (培训师), Assessor (考核负责人), Administrator.

Their permissions are granted by lms.roles.sync_role_permissions after every migrate, when all
permissions exist (see lms/roles.py).
"""

from django.db import migrations

ROLE_GROUPS = ["Learner", "Trainer", "Assessor", "Administrator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
