"""Supervisor evaluation (主管评价): each engineer's manager rates them on a few items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.rounds import EvaluationRound


class SupervisorRound(EvaluationRound):
    """A round of supervisor evaluation for one cohort and period.

    Every engineer of the cohort is rated by whoever is their manager (``User.manager``) when
    the rating is given. Closing the round writes each rated engineer's mean rating as the value
    of ``indicator`` for ``period``. ``items`` holds the rated items, each as
    ``{"text": Chinese, "text_en": English}`` (the English text may be empty).
    """

    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="supervisor_rounds",
    )

    class Meta(EvaluationRound.Meta):
        verbose_name = _("supervisor evaluation round")
        verbose_name_plural = _("supervisor evaluation rounds")


class SupervisorRating(models.Model):
    """One engineer's rating in a round: one score 1–5 per item of the round, in its order,
    given by ``rated_by`` (their manager at the time; empty until rated)."""

    round = models.ForeignKey(
        SupervisorRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engineer"),
        on_delete=models.CASCADE,
        related_name="supervisor_ratings_received",
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervisor_ratings_given",
    )
    scores = models.JSONField(_("scores"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervisor rating")
        verbose_name_plural = _("supervisor ratings")
        ordering = ["round", "employee__employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "employee"], name="one_supervisor_rating")
        ]

    def __str__(self):
        return f"{self.round_id}: {self.employee_id}"
