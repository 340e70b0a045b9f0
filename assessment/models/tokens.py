"""Tokens with which other systems (e.g. the service desk) push data through the API."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "sa_"  # noqa: S105 - a marker, not a secret


def hash_token(plain: str) -> str:
    """SHA-256 of a token: tokens are long random strings, so a fast hash is enough to store."""
    return hashlib.sha256(plain.encode()).hexdigest()


class IntegrationToken(models.Model):
    """A secret for one integration, created by an administrator and shown once.

    Only its SHA-256 is stored. A token is limited to one scope (today: pushing metrics).
    """

    class Scope(models.TextChoices):
        METRICS = "metrics", _("Metrics: push on-the-job metric records")

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. 服务台 nightly push.")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default="metrics")
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the token at once.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("integration token")
        verbose_name_plural = _("integration tokens")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self) -> str:
        """Give the token a fresh random key; return it in plain text (it is not stored)."""
        plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = plain[:10]
        self.key_hash = hash_token(plain)
        return plain
