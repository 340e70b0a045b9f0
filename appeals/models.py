"""Appeals (申诉, decision 1001): a learner contests a released result within their program's
window; an assessor assigns a different grader to re-mark it blind, corrects a metric with its
source, or upholds the result with a written explanation."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.private_files import private_storage


class Kind(models.TextChoices):
    ESSAY = "essay", _("Essay marks of an exam attempt")
    CASE = "case", _("Case report mark")
    METRIC = "metric", _("Metric value")
    SCORECARD = "scorecard", _("Finalised scorecard")


class Status(models.TextChoices):
    FILED = "filed", _("Waiting for an assessor")
    ASSIGNED = "assigned", _("Being re-marked")
    RESOLVED = "resolved", _("Resolved")


class Outcome(models.TextChoices):
    REMARKED = "remarked", _("Re-marked")
    CORRECTED = "corrected", _("Metric corrected")
    UPHELD = "upheld", _("Result upheld")


OPEN_STATUSES = (Status.FILED, Status.ASSIGNED)


class Appeal(models.Model):
    """One learner's appeal against one released result (``item``: ``attempt:<id>``,
    ``case-report:<id>``, ``metric:<id>`` or ``scorecard:<id>``); one per learner and item."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="appeals",
    )
    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("certification program"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("what is appealed"), max_length=10, choices=Kind.choices)
    item = models.CharField(_("item"), max_length=40)
    # What the result is called (an exam's or case's title, an indicator's name), frozen.
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    url = models.CharField(_("result page"), max_length=300, blank=True)
    released_at = models.DateTimeField(_("result released"))
    reason = models.TextField(_("reason"))
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    due_on = models.DateField(_("resolve by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED, db_index=True
    )
    remarker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("re-marker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_to_remark",
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    result_before = models.CharField(_("result before"), max_length=40, blank=True)
    result_after = models.CharField(_("result after"), max_length=40, blank=True)
    # What followed: [{"period": …, "revision": …, "certificate": "issued" | "revoked" | ""}].
    revisions = models.JSONField(_("new scorecard revisions"), default=list, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "item"], name="one_appeal_per_item")
        ]
        indexes = [models.Index(fields=["program", "filed_at"])]
        permissions = [("resolve_appeal", _("Can assign and resolve appeals"))]

    def __str__(self):
        return f"A{self.pk:05d}"

    @property
    def reference(self) -> str:
        return f"A{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


def appeal_upload_to(instance, filename: str) -> str:
    """Random names: the learner's file name is kept in the database, never on disk."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"appeals/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{extension}"


class AppealAttachment(models.Model):
    """A file a learner attached to an appeal, kept in private storage."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=appeal_upload_to, max_length=255
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appeal attachment")
        verbose_name_plural = _("appeal attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name
