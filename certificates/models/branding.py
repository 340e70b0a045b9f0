"""What every certificate prints about the issuer: names, logo, signatory and signature.

The logo and the signature are files in the private storage, not Wagtail images: an image's
renditions are public files with guessable names, and a signature must not be downloadable.
They are read to draw certificate PDFs, and shown to the staff who edit the branding through
``certificates.views.branding`` (docs/decisions/0006-private-files.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from certificates.widgets import BrandingImageInput
from lms.private_files import private_storage

BRANDING_UPLOAD_TO = "branding/"


@register_setting(icon="doc-full")
class CertificateBranding(BaseSiteSetting):
    """The issuer's identity on certificate PDFs, one per Wagtail site.

    Edited in the CMS under Settings → Certificate branding. A certificate's PDF is rendered once,
    when it is issued: changing the branding later changes new certificates only.
    """

    organisation_name_zh = models.CharField(
        _("organisation name (Chinese)"),
        max_length=60,
        default="售后服务学院",
        help_text=_("Printed at the top of every certificate, above the English name."),
    )
    organisation_name_en = models.CharField(
        _("organisation name (English)"),
        max_length=120,
        default="Service Academy",
    )
    logo = models.ImageField(
        _("logo"),
        storage=private_storage,
        upload_to=BRANDING_UPLOAD_TO,
        blank=True,
        help_text=_("A PNG with a transparent background prints best; about 400 pixels wide."),
    )
    signatory_name = models.CharField(
        _("signatory name"),
        max_length=60,
        blank=True,
        help_text=_("The person who signs the certificates, e.g. the academy's director."),
    )
    signatory_title_zh = models.CharField(_("signatory title (Chinese)"), max_length=60, blank=True)
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=120, blank=True
    )
    signature = models.ImageField(
        _("signature"),
        storage=private_storage,
        upload_to=BRANDING_UPLOAD_TO,
        blank=True,
        help_text=_("A scan of the signature on a transparent or white background."),
    )
    footer_text = models.CharField(
        _("certificate footer"),
        max_length=200,
        blank=True,
        help_text=_("An optional line at the foot of every certificate."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name_zh"),
                FieldPanel("organisation_name_en"),
                FieldPanel("logo", widget=BrandingImageInput),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_zh"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature", widget=BrandingImageInput),
            ],
            heading=_("Signatory"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("certificate branding")
        verbose_name_plural = _("certificate branding")
