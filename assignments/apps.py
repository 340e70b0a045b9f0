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
            # Renewal windows of the programs (recertification, decision 0805).
            "assignments.add_renewalpolicy",
            "assignments.change_renewalpolicy",
            "assignments.delete_renewalpolicy",
            "assignments.view_renewalpolicy",
        ],
    }

    def ready(self):
        from assignments import kept_rows  # models are ready only now

        kept_rows.connect()
