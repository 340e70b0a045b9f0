from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Assessment and certificates")

    # Merged with other apps' declarations by lms.roles.sync_role_permissions.
    # Assessors own the assessment scheme (考核方案): programs and scheme versions in the CMS,
    # and the certificate branding. Integration tokens are for administrators only.
    role_permissions = {
        "Assessor": [
            *(
                f"certificates.{action}_{model}"
                for model in ("program", "schemeversion")
                for action in ("add", "change", "delete", "view")
            ),
            "certificates.change_certificatebranding",
            # Bulk issues are watched in the admin ("n of m"); the worker writes them.
            "certificates.view_bulkissuejob",
        ],
    }
    # Images are permissioned per collection in Wagtail: assessors upload and choose images.
    # (The branding's logo and signature are no longer Wagtail images: decision 0006.)
    role_collection_permissions = {
        "Assessor": ["wagtailimages.add_image", "wagtailimages.choose_image"],
    }

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
