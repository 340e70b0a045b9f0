"""Accommodations: more time, more attempts or other dates on one exam, for one person or for
everyone placed in an organisational unit (and the units below it).

Each row says who granted it, when and why. How several rows for one person combine (a
personal one and a unit's) is ``exams.rules.combine_grants``; see
docs/decisions/0802-eligibility-and-accommodations.md.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exams import rules
from exams.models.quizzes import Quiz


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


MAX_EXTRA_PERCENT = 400
MAX_EXTRA_MINUTES = 24 * 60
MAX_EXTRA_ATTEMPTS = 20


class Accommodation(models.Model):
    """Extra time (minutes or a percentage of the time limit), extra attempts and/or other open
    and close dates on ``quiz``, for ``user`` or for the people of ``unit`` and its sub-units."""

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("exam"), on_delete=models.CASCADE, related_name="accommodations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exam_accommodations",
    )
    # A string reference: exams imports nothing of the people app; members are read through
    # lms.organisation.
    unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Everyone placed in this unit or in a unit below it."),
    )
    extra_minutes = models.PositiveIntegerField(
        _("extra time (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXTRA_MINUTES)],
    )
    extra_percent = models.PositiveIntegerField(
        _("extra time (percent of the time limit)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXTRA_PERCENT)],
        help_text=_("Rounded up to whole minutes. Give minutes or a percentage, not both."),
    )
    extra_attempts = models.PositiveIntegerField(
        _("extra attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXTRA_ATTEMPTS)],
    )
    open_at = models.DateTimeField(
        _("opens instead"), null=True, blank=True, help_text=_("Empty: as the exam.")
    )
    close_at = models.DateTimeField(
        _("closes instead"), null=True, blank=True, help_text=_("Empty: as the exam.")
    )
    reason = models.TextField(_("reason"), help_text=_("Why this is granted; staff see it."))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("exam accommodation")
        verbose_name_plural = _("exam accommodations")
        ordering = ["quiz", "-granted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(unit__isnull=True),
                name="exams_accommodation_person_or_unit",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user or self.unit}"

    def clean(self):
        errors = {}
        if bool(self.user_id) == bool(self.unit_id):
            errors["user"] = _("Choose a person or an organisational unit, not both.")
        if self.extra_minutes and self.extra_percent:
            errors["extra_percent"] = _("Give extra time in minutes or as a percentage, not both.")
        quiz = self.quiz if self.quiz_id else None
        timed = quiz is not None and quiz.time_limit_minutes
        if (self.extra_minutes or self.extra_percent) and quiz is not None and not timed:
            field = "extra_minutes" if self.extra_minutes else "extra_percent"
            errors[field] = _("This exam has no time limit, so extra time cannot be given.")
        if self.open_at and self.close_at and self.close_at <= self.open_at:
            errors["close_at"] = _("The other close date must come after the other open date.")
        if not (
            self.extra_minutes
            or self.extra_percent
            or self.extra_attempts
            or self.open_at
            or self.close_at
        ):
            errors["__all__"] = _(
                "Grant something: extra time, extra attempts, or other open or close dates."
            )
        if errors:
            raise ValidationError(errors)

    def describe(self) -> list[str]:
        """What this row grants, in the active language: ["extra time +12 min (25%)", …]."""
        parts = []
        minutes = self.extra_time
        if minutes:
            text = _("extra time +%(minutes)s min") % {"minutes": minutes}
            if self.extra_percent:
                text += f" ({self.extra_percent}%)"
            parts.append(text)
        if self.extra_attempts:
            parts.append(
                ngettext("+%(count)s attempt", "+%(count)s attempts", self.extra_attempts)
                % {"count": self.extra_attempts}
            )
        if self.open_at:
            parts.append(_("opens %(date)s") % {"date": _local(self.open_at)})
        if self.close_at:
            parts.append(_("closes %(date)s") % {"date": _local(self.close_at)})
        return parts

    @property
    def extra_time(self) -> int | None:
        """The extra minutes this row gives on its exam (a percentage rounded up)."""
        return self.grant().minutes(self.quiz.time_limit_minutes)

    def grant(self) -> rules.Grant:
        """This row as the plain values ``rules.combine_grants`` works on."""
        return rules.Grant(
            personal=self.user_id is not None,
            extra_minutes=self.extra_minutes,
            extra_percent=self.extra_percent,
            extra_attempts=self.extra_attempts,
            open_at=self.open_at,
            close_at=self.close_at,
        )
