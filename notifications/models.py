"""The notification service's tables: what a person was told (Notification), how they want to
be told (Preference), each attempt to tell them on one channel (Delivery) and the group robots
that post to a WeCom, DingTalk or Feishu chat (Robot). Decision 0800."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the site")
    EMAIL = "email", _("Email")
    ROBOT = "robot", _("Group robot")


class Notification(models.Model):
    """One thing a person was told, shown in their inbox. ``item`` names what it is about
    (``certificate:12``), ``stage`` which reminder of it (``30`` days before expiry): one
    notification per person, event, item and stage, however often the sender runs."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=50)
    item = models.CharField(_("item"), max_length=100)
    stage = models.CharField(_("stage"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Item first: its index also answers who was told about an item
            # (``bulk.told_about``: senders check thousands of people at once).
            models.UniqueConstraint(
                fields=["item", "event", "stage", "recipient"], name="notification_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.event} {self.item} → {self.recipient_id}"


class Preference(models.Model):
    """A person's channels for one event type; without a row the event type's defaults hold.
    The inbox is always on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    event = models.CharField(_("event"), max_length=50)
    email = models.BooleanField(_("email"), default=True)
    robot = models.BooleanField(_("group robot"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="preference_once")]

    def __str__(self):
        return f"{self.user_id} {self.event}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_webhook_url(url: str) -> None:
    """HTTPS always; plain HTTP only to this machine and only where the settings allow it
    (development and tests: a local sink)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if (
        parts.scheme == "http"
        and settings.NOTIFICATIONS_ALLOW_HTTP_LOOPBACK
        and is_loopback(parts.hostname or "")
    ):
        return
    raise ValidationError(
        _("A webhook URL must start with https:// (the chat platform gives an HTTPS address)."),
        code="insecure",
    )


class Robot(models.Model):
    """A group chat's robot. Units (people) point at the robot their people's messages go to."""

    class Platform(models.TextChoices):
        WECOM = "wecom", _("WeCom")
        DINGTALK = "dingtalk", _("DingTalk")
        FEISHU = "feishu", _("Feishu")

    name = models.CharField(_("name"), max_length=100)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    webhook_url = models.URLField(
        _("webhook URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("The address the chat platform shows when you add a custom robot."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk and Feishu only: the secret of the robot's signature check."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.secret and self.platform == self.Platform.WECOM:
            raise ValidationError(
                {"secret": _("WeCom robots have no signing secret: leave this empty.")}
            )


class Delivery(models.Model):
    """One notification on one channel (email, or one robot), or a group robot's digest of
    many (``notifications.bulk``). ``key`` is unique: person, event, item, stage, channel and
    target (a digest: robot, event, item, stage and its first notification); a second send of
    the same finds the row and sends nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        null=True,
        blank=True,
        help_text=_("Empty for a group robot's digest of many notifications."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # A digest's post (``bulk``): {"title", "text", "url"}; empty for a single notification,
    # whose post is made from the notification when it is sent.
    message = models.JSONField(_("message"), null=True, blank=True)
    robot = models.ForeignKey(
        Robot, verbose_name=_("robot"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target = models.CharField(_("target"), max_length=300)
    key = models.CharField(_("idempotency key"), max_length=300, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.channel} {self.target} ({self.status})"

    @admin.display(description=_("about"))
    def about(self) -> str:
        """What was to be said, and to whom (a digest: its text)."""
        if self.notification_id is None:
            return (self.message or {}).get("text", "")[:200]
        notification = self.notification
        return f"{notification.recipient.get_full_name()}：{notification.title}"[:200]
