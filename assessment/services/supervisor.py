"""Writes of supervisor evaluation: open a round, a manager's rating of a direct report, and
closing the round by writing each rated engineer's mean rating as a metric record (source
``supervisor``, the note naming the round and who rated)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.errors import AssessmentError
from assessment.metric_rows import RawRow
from assessment.models import Program, SupervisorRating, SupervisorRound
from assessment.periods import is_period
from assessment.selectors.engineers import engineers_by_ids
from assessment.services.metrics import MetricCounts, metrics_apply, metrics_plan

FOUR_PLACES = Decimal("0.0001")
LOWEST, HIGHEST = 1, 5
SOURCE = "supervisor"

# The items a new round proposes (decision 0703): what a station manager sees of an engineer's
# work and the scheme's supervisor suggestion talks about, in Chinese and English.
DEFAULT_SUPERVISOR_ITEMS = (
    ("工作态度与责任心", gettext_lazy("Attitude to work and sense of responsibility")),
    ("专业技能的运用", gettext_lazy("Use of professional skills")),
    ("工作计划的执行", gettext_lazy("Carrying out the work plan")),
    ("问题反馈与改进", gettext_lazy("Reporting problems and improving")),
    ("遵守服务规范", gettext_lazy("Following the service procedures")),
)


def default_supervisor_items() -> list[dict]:
    """The items a new round proposes, each ``{"text": Chinese, "text_en": English}``."""
    with translation.override("en"):
        return [{"text": zh, "text_en": str(en)} for zh, en in DEFAULT_SUPERVISOR_ITEMS]


def rating_indicator_problem(indicator) -> str | None:
    """Why an indicator cannot take a supervisor's 1–5 mean rating (None when it can)."""
    if indicator.source != SOURCE:
        return _("Choose an indicator whose source is the supervisor.")
    low, high = indicator.min_value, indicator.max_value
    scale = {indicator.worst, indicator.best}
    if (
        (low is not None and low > LOWEST)
        or (high is not None and high < HIGHEST)
        or any(not LOWEST <= end <= HIGHEST for end in scale)
    ):
        return _(
            "The indicator %(code)s runs from %(worst)s to %(best)s, not on a 1–5 rating; "
            "import its values as metrics instead."
        ) % {"code": indicator.code, "worst": indicator.worst, "best": indicator.best}
    return None


def _clean_items(items: Iterable[dict]) -> list[dict]:
    cleaned = [
        {"text": (i.get("text") or "").strip(), "text_en": (i.get("text_en") or "").strip()}
        for i in items
    ]
    cleaned = [i for i in cleaned if i["text"] or i["text_en"]]
    if not 1 <= len(cleaned) <= 10:
        raise AssessmentError(_("List between one and ten items."))
    if any(not i["text"] for i in cleaned):
        raise AssessmentError(_("Every item needs its Chinese text."))
    return cleaned


@transaction.atomic
def supervisor_round_open(
    *,
    title: str,
    program: Program,
    cohort_id: int,
    cohort_name: str,
    member_ids: Iterable[int],
    period: str,
    indicator: str,
    items: Iterable[dict],
    by=None,
) -> SupervisorRound:
    """Open a round: one rating to give per engineer of the cohort, by their manager."""
    version = program.active_version
    found = None
    if version is not None:
        found = next((i for i in version.scheme().indicators if i.code == indicator), None)
    if found is None:
        raise AssessmentError(_("Choose an indicator of the program's active scheme."))
    problem = rating_indicator_problem(found)
    if problem:
        raise AssessmentError(problem)
    if not is_period(period):
        raise AssessmentError(_("Use a period like 2026, 2026-Q3 or 2026-07."))
    items = _clean_items(items)
    members = engineers_by_ids(member_ids)
    if not members:
        raise AssessmentError(_("The cohort has no engineers to rate."))
    supervisor_round = SupervisorRound.objects.create(
        title=title,
        program=program,
        cohort_id=cohort_id,
        cohort_name=cohort_name,
        period=period,
        indicator=indicator,
        items=items,
        opened_by=by,
    )
    SupervisorRating.objects.bulk_create(
        [SupervisorRating(round=supervisor_round, employee_id=pk) for pk in sorted(members)]
    )
    return supervisor_round


def supervisor_rating_submit(*, rating: SupervisorRating, manager, scores: list[int]):
    """A manager rates one of their direct reports; ``rated_by`` records who."""
    if not rating.round.is_open:
        raise AssessmentError(_("This supervisor evaluation is closed."))
    if manager is None or rating.employee.manager_id != manager.pk:
        raise AssessmentError(_("Only the engineer's manager may rate them."))
    if len(scores) != len(rating.round.items) or any(
        isinstance(s, bool) or not isinstance(s, int) or not LOWEST <= s <= HIGHEST for s in scores
    ):
        raise AssessmentError(_("Rate every item from 1 to 5."))
    rating.scores = list(scores)
    rating.rated_by = manager
    rating.submitted_at = timezone.now()
    rating.save(update_fields=["scores", "rated_by", "submitted_at"])
    return rating


def mean_rating(scores: list[int]) -> Decimal | None:
    """The mean of a rating's item scores, to 4 places (half up); None without scores."""
    if not scores:
        return None
    return (Decimal(sum(scores)) / len(scores)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SupervisorClose:
    counts: MetricCounts
    unrated: list[str]  # names of the engineers nobody rated


@transaction.atomic
def supervisor_round_close(*, supervisor_round: SupervisorRound, by=None) -> SupervisorClose:
    """Close the round and write each rated engineer's mean as the indicator's value, through
    the metrics plan and apply (history kept), with a note naming the round and the rater."""
    supervisor_round = SupervisorRound.objects.select_for_update().get(pk=supervisor_round.pk)
    if not supervisor_round.is_open:
        raise AssessmentError(_("This supervisor evaluation is already closed."))
    ratings = supervisor_round.ratings.select_related("employee", "rated_by").order_by(
        "employee__employee_id"
    )
    rows, unrated = [], []
    for rating in ratings:
        mean = mean_rating(rating.scores) if rating.submitted_at else None
        if mean is None:
            unrated.append(rating.employee.get_full_name() or rating.employee.username)
            continue
        rater = rating.rated_by
        rows.append(
            RawRow(
                len(rows) + 1,
                {
                    "employee_id": rating.employee.employee_id,
                    "indicator": supervisor_round.indicator,
                    "period": supervisor_round.period,
                    "value": str(mean),
                    "source": SOURCE,
                    "note": _("Rated by %(name)s in the supervisor evaluation “%(title)s”")
                    % {
                        "name": rater.get_full_name() if rater else _("a former manager"),
                        "title": supervisor_round.title,
                    },
                },
            )
        )
    plan = metrics_plan(rows=rows)
    if not plan.ok:
        raise AssessmentError("; ".join(e.message for e in plan.errors))
    # Closing the round is the reason its ratings replace values a scorecard may have frozen.
    counts = metrics_apply(
        plan=plan,
        by=by,
        via=f"supervisor round {supervisor_round.pk}",
        reason=f"{supervisor_round.title} (supervisor round {supervisor_round.pk} closed)",
    )
    supervisor_round.status = SupervisorRound.Status.CLOSED
    supervisor_round.closed_at = timezone.now()
    supervisor_round.save(update_fields=["status", "closed_at"])
    return SupervisorClose(counts, unrated)
