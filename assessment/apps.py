from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    # Merged with other apps' declarations by lms.roles.sync_role_permissions.
    # Assessors own the assessment scheme (考核方案): programs and scheme versions in the CMS.
    # Integration tokens are for administrators only.
    role_permissions = {
        "Assessor": [
            f"assessment.{action}_{model}"
            for model in ("program", "schemeversion")
            for action in ("add", "change", "delete", "view")
        ],
    }
