from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    # Merged with other apps' declarations by lms.roles.sync_role_permissions.
    # Assessors own the assessment scheme (考核方案): programs and scheme versions in the CMS.
    # Integration tokens are for administrators only.
    # Trainers and assessors write the prerequisites of certification exams (decision 0802).
    role_permissions = {
        "Assessor": [
            f"assessment.{action}_{model}"
            for model in ("program", "schemeversion", "prerequisite")
            for action in ("add", "change", "delete", "view")
        ],
        "Trainer": [
            f"assessment.{action}_prerequisite" for action in ("add", "change", "delete", "view")
        ],
    }
