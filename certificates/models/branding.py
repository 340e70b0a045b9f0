"""What every certificate prints about the issuer: names, logo, signatory and signature."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a transparent or white background."),
    )
    footer_text = models.CharField(
        _("certificate footer"),
        max_length=200,
        blank=True,
        help_text=_("An optional line at the foot of every certificate."),
    )

    select_related = ["logo", "signature"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name_zh"),
                FieldPanel("organisation_name_en"),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_zh"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("certificate branding")
        verbose_name_plural = _("certificate branding")
