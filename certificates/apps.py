from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    # Merged with other apps' declarations by lms.roles.sync_role_permissions.
    # Assessors issue certificates and own their branding.
    role_permissions = {
        "Assessor": [
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
        # Registers the system checks; imported in ready(), once the app registry is loaded, as
        # Django advises for modules that register things at import.
        from certificates import checks  # noqa: F401
