"""Finalised scorecards: frozen, hashed snapshots of one engineer's certification score."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment import scoring


def snapshot_sha256(snapshot: dict) -> str:
    """SHA-256 of the snapshot's canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class ScorecardFrozen(Exception):
    """Raised on an attempt to change what a finalised scorecard froze."""


class Scorecard(models.Model):
    """Revision N of the scorecard of (engineer, program, period), frozen when an assessor
    finalised it.

    ``snapshot`` holds the inputs, the scheme version and the result; ``sha256`` is the hash of
    the snapshot. Neither ever changes: a later change to the inputs makes revision N + 1. The
    assessor's comments and the engineer's acknowledgement belong to the feedback conversation
    (反馈与沟通) about the revision and are kept beside the snapshot, outside the hash.
    """

    STATUS_CHOICES = [
        (scoring.CERTIFIED, _("Certified")),
        (scoring.NOT_CERTIFIED, _("Not certified")),
        (scoring.INCOMPLETE, _("Incomplete")),
    ]
    FROZEN_FIELDS = (
        "employee_id",
        "program_id",
        "period",
        "revision",
        "scheme_version_id",
        "status",
        "total",
        "grade",
        "snapshot",
        "sha256",
    )

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engineer"),
        on_delete=models.PROTECT,
        related_name="scorecards",
    )
    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="scorecards",
    )
    period = models.CharField(_("period"), max_length=7)
    revision = models.PositiveIntegerField(_("revision"))
    scheme_version = models.ForeignKey(
        "assessment.SchemeVersion",
        verbose_name=_("scheme version"),
        on_delete=models.PROTECT,
        related_name="scorecards",
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True)
    grade = models.CharField(_("grade"), max_length=32, blank=True)
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    finalised_at = models.DateTimeField(_("finalised at"))
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comments = models.TextField(_("assessor's comments"), blank=True)
    comments_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comments by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comments_at = models.DateTimeField(_("comments written"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    reply = models.TextField(_("engineer's reply"), blank=True)

    class Meta:
        verbose_name = _("finalised scorecard")
        verbose_name_plural = _("finalised scorecards")
        ordering = ["program__code", "period", "employee__employee_id", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "program", "period", "revision"],
                name="one_scorecard_revision",
            )
        ]

    def __str__(self):
        return f"{self.program_id}/{self.period}/{self.employee_id} r{self.revision}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS).first() or {}
            for name in self.FROZEN_FIELDS:
                if name in stored and stored[name] != getattr(self, name):
                    raise ScorecardFrozen(f"{name} of a finalised scorecard cannot change")
        super().save(*args, **kwargs)

    def hash_is_intact(self) -> bool:
        return snapshot_sha256(self.snapshot) == self.sha256
