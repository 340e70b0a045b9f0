"""The audit trail: append-only entries, each chained to the one before by sha256 (decision 1000).

Two chains share the table. ``decision`` holds every decision (a certificate revoked, a mark
changed, a person erased) and is kept for good; ``access`` holds staff reading another person's
scorecard, report or answers, and may be pruned from its oldest end by the retention rule, which
records each pruning in the decision chain so the access chain still verifies.

Entries never hold a person's name: people are their account ids (``actor``, ``subject``), so
erasing a person (issue 18) leaves the trail intact and no name in it. Objects are their type and
id; pages show them by looking the object up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Chain(models.TextChoices):
    DECISION = "decision", _("Decisions")
    ACCESS = "access", _("Access log")


class Head(models.Model):
    """The last entry of a chain. Updating it first takes the write lock, so two decisions at
    once are chained one after the other (on PostgreSQL a row lock, on SQLite the database's)."""

    chain = models.CharField(max_length=16, choices=Chain.choices, primary_key=True)
    sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self):
        return f"{self.chain} #{self.sequence}"


class Entry(models.Model):
    chain = models.CharField(_("log"), max_length=16, choices=Chain.choices)
    sequence = models.PositiveBigIntegerField(_("number"))
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=128, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person the entry is about, when there is one."),
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["chain", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "sequence"], name="audit_entry_chain_sequence")
        ]
        indexes = [
            models.Index(fields=["subject", "at"], name="audit_entry_subject"),
            models.Index(fields=["object_type", "object_id"], name="audit_entry_object"),
        ]

    def __str__(self):
        return f"{self.chain} #{self.sequence} {self.action}"
