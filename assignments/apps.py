from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "assignments"
    verbose_name = _("Assignments")
    default_auto_field = "django.db.models.BigAutoField"

    # Trainers and assessors assign work to cohorts, units and people.
    role_permissions = {
        "Trainer": [
            "assignments.add_assignment",
            "assignments.change_assignment",
            "assignments.delete_assignment",
            "assignments.view_assignment",
        ],
        "Assessor": [
            "assignments.add_assignment",
            "assignments.change_assignment",
            "assignments.delete_assignment",
            "assignments.view_assignment",
        ],
    }
