"""What peer and supervisor evaluation rounds have in common."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationRound(models.Model):
    """A round of ratings for one cohort and period, written on closing as the value of
    ``indicator`` for ``period`` (each engineer's mean rating). The cohort lives in the course
    app and is referenced by its id; ``items`` holds the rated items, each as
    ``{"text": Chinese, "text_en": English}``. Each kind of round adds its ``program`` (with its
    own reverse name) and who rates whom.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    cohort_id = models.PositiveIntegerField(_("cohort"))
    cohort_name = models.CharField(_("cohort name"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=7)
    indicator = models.CharField(_("indicator"), max_length=64)
    items = models.JSONField(_("items rated"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
