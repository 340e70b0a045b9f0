"""Demo appeals in the demo cohort (decision 1001): one open, one resolved.

- the first learner with a finalised 2026-Q3 scorecard appeals the value of one of its
  metrics (the work-order count was wrong, they say): filed, waiting for an assessor;
- the second appeals their whole scorecard and the assessor upheld it with an explanation.

Filed through the services (so with their audit entries and notices) right after the
certificates' demo finalised the scorecards, inside every window. Idempotent: an item already
appealed is left as it is.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from appeals import services, targets
from appeals.models import Appeal
from assessment import api as assessment_api

PERIOD = "2026-Q3"
OPEN_REASON = "三季度一次修复率按工单系统统计应为 93%，有两张工单被重复计入返修。附工单导出。"
RESOLVED_REASON = "我认为团队协作的同事评分偏低，与本季度的协作情况不符，请复核。"
UPHELD = (
    "已核对同事评价：评分来自 5 位同事的匿名评价，均值计算无误，且评价期内无异常记录。"
    "总分和等级维持不变。建议下季度多参与跨站点支援。"
)


def load(*, password, stdout) -> None:
    assessor = get_user_model().objects.filter(username="assessor").first()
    cards = _latest_cards()
    if len(cards) < 2 or assessor is None:
        stdout.write("  appeals: fewer than two finalised scorecards; no demo appeal")
        return
    first, second = cards[0], cards[1]
    said = []
    metrics = assessment_api.scorecard_metrics(first)
    if metrics:
        _file(targets.metric_target(first, metrics[0]), first.employee, OPEN_REASON, said)
    appeal = _file(targets.scorecard_target(second), second.employee, RESOLVED_REASON, said)
    if appeal is not None and appeal.is_open:
        services.appeal_uphold(appeal=appeal, explanation=UPHELD, by=assessor)
        said.append(f"{appeal.reference} upheld")
    stdout.write(f"  appeals: {'; '.join(said) or 'already there'}")


def _latest_cards():
    """The latest revision of each learner's finalised scorecard in the period, by employee."""
    latest = {}
    rows = assessment_api.Scorecard.objects.filter(period=PERIOD).select_related(
        "program", "employee"
    )
    for card in rows.order_by("employee__employee_id", "revision"):
        if card.employee.username.startswith("learner"):
            latest[card.employee_id] = card
    return list(latest.values())


def _file(target, learner, reason, said: list[str]) -> Appeal | None:
    existing = Appeal.objects.filter(learner=learner, item=target.item).first()
    if existing is not None:
        return existing
    try:
        appeal = services.appeal_file(learner=learner, target=target, reason=reason)
    except services.AppealRefused as refused:
        said.append(f"not filed ({refused})")
        return None
    said.append(f"{appeal.reference} filed ({target.item})")
    return appeal
