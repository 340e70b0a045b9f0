"""The privacy notice (versioned, bilingual), who acknowledged which version, and legal holds
(decision 1002)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.bilingual import english_field


class PrivacyNotice(models.Model):
    """One version of the privacy notice. A published version is never edited: a change is a
    new version, and everybody is asked to acknowledge it at their next sign-in."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    title_en = english_field(models.CharField, _("title (English)"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("What is stored, why, for how long and who sees it.")
    )
    body_en = english_field(models.TextField, _("text (English)"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        if not self.version:
            latest = PrivacyNotice.objects.aggregate(models.Max("version"))["version__max"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    def clean(self):
        if self.pk and self.is_published:
            stored = PrivacyNotice.objects.get(pk=self.pk)
            if (stored.title, stored.title_en, stored.body, stored.body_en) != (
                self.title,
                self.title_en,
                self.body,
                self.body_en,
            ):
                raise ValidationError(
                    _("A published notice cannot be changed: make a new version instead.")
                )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self) -> None:
        if not self.is_published:
            self.published_at = timezone.now()
            self.save(update_fields=["published_at"])


class NoticeAcknowledgement(models.Model):
    """A person read and acknowledged one version of the notice, at this time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="privacy_acknowledgements",
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("privacy notice"),
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice acknowledgement")
        verbose_name_plural = _("notice acknowledgements")
        constraints = [models.UniqueConstraint(fields=["user", "notice"], name="privacy_ack_once")]

    def __str__(self):
        return f"v{self.notice_id} ({self.user_id})"


class LegalHold(models.Model):
    """An administrator keeps a person's data (no erasure, no retention) until lifted."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="legal_holds",
    )
    reason = models.TextField(_("reason"), help_text=_("Why the data must be kept, e.g. a case."))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-set_at"]

    def __str__(self):
        return f"#{self.pk} ({self.person_id})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
