from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Assessment and certificates")

    # Assessors own the assessment scheme (考核方案): programs and scheme versions in the CMS.
    # Integration tokens are for administrators only (who hold every permission).
    role_permissions = {
        "Assessor": [
            f"certificates.{action}_{model}"
            for model in ("program", "schemeversion")
            for action in ("add", "change", "delete", "view")
        ],
    }
