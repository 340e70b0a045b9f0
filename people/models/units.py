"""Organisational units: a tree built from the department paths of the HR roster."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.api import Robot

SEPARATOR = "/"


class OrgUnit(models.Model):
    """One unit of the organisation (售后服务部, 售后服务部/华东大区, …).

    ``path`` is the full department path as the roster writes it, unique: the import finds a
    unit by it. ``parent`` is the unit one level up (None at the top).
    """

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=500, unique=True)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_units",
    )
    robot = models.ForeignKey(
        Robot,
        verbose_name=_("group robot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        help_text=_(
            "The group chat that hears about this unit's people (and the units below it that "
            "name no robot of their own)."
        ),
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["path"]

    def __str__(self):
        return self.path


def parent_path(path: str) -> str | None:
    head, sep, _tail = path.rpartition(SEPARATOR)
    return head if sep else None
