from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Assessment and certificates")

    # Merged with other apps' declarations by lms.roles.sync_role_permissions.
    role_permissions = {
        "Assessor": ["certificates.change_certificatebranding"],
    }
    # Images are permissioned per collection in Wagtail: assessors upload and choose the logo
    # and signature images of the certificate branding.
    role_collection_permissions = {
        "Assessor": ["wagtailimages.add_image", "wagtailimages.choose_image"],
    }

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
