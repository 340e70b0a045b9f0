"""Writes of peer evaluation: open a round, submit a rating, and close the round by writing
each rated engineer's mean rating as a metric record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.errors import AssessmentError
from assessment.metric_rows import RawRow
from assessment.models import PeerAssignment, PeerRound, Program
from assessment.periods import is_period
from assessment.selectors.engineers import engineers_by_ids
from assessment.services.metrics import MetricCounts, metrics_apply, metrics_plan

FOUR_PLACES = Decimal("0.0001")

DEFAULT_PEER_ITEMS = (
    gettext_lazy("Communication and cooperation with colleagues"),  # 与同事的沟通协作
    gettext_lazy("Contribution to the team's goals"),  # 对团队目标的贡献
    gettext_lazy("Role played in the team"),  # 在团队中发挥的作用
)


def default_peer_items() -> list[str]:
    """The teamwork items a new round proposes, in the active language (the assessor edits
    them; a round keeps the texts it was opened with)."""
    return [str(item) for item in DEFAULT_PEER_ITEMS]


@transaction.atomic
def peer_round_open(
    *,
    title: str,
    program: Program,
    cohort_id: int,
    cohort_name: str,
    member_ids: Iterable[int],
    period: str,
    indicator: str,
    items: list[str],
    raters_per_person: int | None = None,
    by=None,
) -> PeerRound:
    """Open a round: each member rates the next ``raters_per_person`` members (in employee-ID
    order, wrapping around), so everyone is rated by the same number of teammates."""
    version = program.active_version
    if version is None or indicator not in version.scheme().indicator_codes:
        raise AssessmentError(_("Choose an indicator of the program's active scheme."))
    if not is_period(period):
        raise AssessmentError(_("Use a period like 2026, 2026-Q3 or 2026-07."))
    items = [item.strip() for item in items if item.strip()]
    if not 1 <= len(items) <= 10:
        raise AssessmentError(_("List between one and ten teamwork items."))
    engineers = engineers_by_ids(member_ids)
    members = sorted(engineers.values(), key=lambda e: (e.employee_id, e.id))
    if len(members) < 2:
        raise AssessmentError(_("A peer evaluation needs at least two engineers in the cohort."))
    size = len(members)
    per_person = min(raters_per_person or size - 1, size - 1)
    peer_round = PeerRound.objects.create(
        title=title,
        program=program,
        cohort_id=cohort_id,
        cohort_name=cohort_name,
        period=period,
        indicator=indicator,
        items=items,
        opened_by=by,
    )
    PeerAssignment.objects.bulk_create(
        [
            PeerAssignment(
                round=peer_round,
                rater_id=rater.id,
                ratee_id=members[(index + step) % size].id,
            )
            for index, rater in enumerate(members)
            for step in range(1, per_person + 1)
        ]
    )
    return peer_round


def peer_rating_submit(*, assignment: PeerAssignment, scores: list[int]) -> PeerAssignment:
    if not assignment.round.is_open:
        raise AssessmentError(_("This peer evaluation is closed."))
    if len(scores) != len(assignment.round.items) or any(
        isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 5 for s in scores
    ):
        raise AssessmentError(_("Rate every item from 1 to 5."))
    assignment.scores = list(scores)
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["scores", "submitted_at"])
    return assignment


@dataclass(frozen=True)
class PeerResult:
    user_id: int
    employee_id: str
    name: str
    ratings: int  # how many teammates rated the engineer
    mean: Decimal | None


def peer_round_results(*, peer_round: PeerRound) -> list[PeerResult]:
    """Each rated engineer's mean over every submitted rating (no rater is named)."""
    scores: dict[int, list[int]] = {}
    counts: dict[int, int] = {}
    ratees = set()
    for ratee_id, given, submitted in peer_round.assignments.values_list(
        "ratee_id", "scores", "submitted_at"
    ):
        ratees.add(ratee_id)
        if submitted is not None and given:
            scores.setdefault(ratee_id, []).extend(given)
            counts[ratee_id] = counts.get(ratee_id, 0) + 1
    engineers = engineers_by_ids(ratees)
    results = []
    for ratee_id in ratees:
        engineer = engineers[ratee_id]
        given = scores.get(ratee_id)
        mean = None
        if given:
            mean = (Decimal(sum(given)) / len(given)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
        results.append(
            PeerResult(ratee_id, engineer.employee_id, engineer.name, counts.get(ratee_id, 0), mean)
        )
    return sorted(results, key=lambda r: r.employee_id)


@dataclass(frozen=True)
class PeerClose:
    counts: MetricCounts
    unrated: list[PeerResult]


@transaction.atomic
def peer_round_close(*, peer_round: PeerRound, by=None) -> PeerClose:
    """Close the round and write each rated engineer's mean as the indicator's value."""
    peer_round = PeerRound.objects.select_for_update().get(pk=peer_round.pk)
    if not peer_round.is_open:
        raise AssessmentError(_("This peer evaluation is already closed."))
    results = peer_round_results(peer_round=peer_round)
    rated = [r for r in results if r.mean is not None]
    rows = [
        RawRow(
            index + 1,
            {
                "employee_id": r.employee_id,
                "indicator": peer_round.indicator,
                "period": peer_round.period,
                "value": str(r.mean),
                "source": "peer_evaluation",
                "note": _("Mean of %(count)d teammates' ratings in “%(title)s”")
                % {"count": r.ratings, "title": peer_round.title},
            },
        )
        for index, r in enumerate(rated)
    ]
    plan = metrics_plan(rows=rows)
    if not plan.ok:
        raise AssessmentError("; ".join(e.message for e in plan.errors))
    # Closing the round is the reason its ratings replace values a scorecard may have frozen.
    counts = metrics_apply(
        plan=plan,
        by=by,
        via=f"peer round {peer_round.pk}",
        reason=f"{peer_round.title} (peer round {peer_round.pk} closed)",
    )
    peer_round.status = PeerRound.Status.CLOSED
    peer_round.closed_at = timezone.now()
    peer_round.save(update_fields=["status", "closed_at"])
    return PeerClose(counts, [r for r in results if r.mean is None])
