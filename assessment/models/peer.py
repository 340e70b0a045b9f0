"""Peer evaluation (同事评价): teammates rate each other's teamwork, anonymously."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.rounds import EvaluationRound

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class PeerRound(EvaluationRound):
    """A round of peer evaluation for one cohort and period.

    Closing the round writes each engineer's mean rating as the value of ``indicator`` for
    ``period``. The cohort lives in the course app and is referenced by its id.
    """

    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="peer_rounds",
    )

    class Meta(EvaluationRound.Meta):
        verbose_name = _("peer evaluation round")
        verbose_name_plural = _("peer evaluation rounds")


class PeerAssignment(models.Model):
    """One engineer (the rater) asked to rate one teammate (the ratee) in a round.

    ``scores`` holds one rating 1–5 per item of the round, in the round's order. The ratee never
    learns who rated them: pages show the ratee only means over all their raters.
    """

    round = models.ForeignKey(
        PeerRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rater"),
        on_delete=models.CASCADE,
        related_name="peer_ratings_given",
    )
    ratee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teammate rated"),
        on_delete=models.CASCADE,
        related_name="peer_ratings_received",
    )
    scores = models.JSONField(_("scores"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("peer assignment")
        verbose_name_plural = _("peer assignments")
        ordering = ["round", "rater__employee_id", "ratee__employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rater", "ratee"], name="one_peer_rating"),
            models.CheckConstraint(
                condition=~models.Q(rater=models.F("ratee")), name="no_self_rating"
            ),
        ]

    def __str__(self):
        return f"{self.round_id}: {self.rater_id} → {self.ratee_id}"
