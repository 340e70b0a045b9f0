"""What the assessment app tells people through the notification service (decision 0800): a
finalised scorecard whose feedback report awaits the engineer's acknowledgement (event
``scorecard_ready``, once per revision)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import Scorecard
from notifications import api as notifications
from notifications.api import EventType, register_event_type

register_event_type(
    EventType(key="scorecard_ready", label=_("Scorecard ready to acknowledge"), order=40)
)


def notify_on_commit(scorecard: Scorecard) -> None:
    scorecard_id = scorecard.pk
    transaction.on_commit(lambda: notify_scorecard_ready(scorecard_id=scorecard_id))


def notify_scorecard_ready(*, scorecard_id: int) -> bool:
    scorecard = (
        Scorecard.objects.select_related("program", "employee").filter(pk=scorecard_id).first()
    )
    if scorecard is None:
        return False
    program = scorecard.program
    return notifications.notify(
        recipient=scorecard.employee,
        event="scorecard_ready",
        item=f"scorecard:{scorecard.pk}",
        title=f"{program.code} {program.name} · {scorecard.period}",
        title_en=f"{program.code} {program.name_en} · {scorecard.period}"
        if program.name_en
        else "",
        url=reverse(
            "assessment:feedback",
            kwargs={
                "code": program.code,
                "period": scorecard.period,
                "employee_id": scorecard.employee.employee_id,
                "revision": scorecard.revision,
            },
        ),
    )
