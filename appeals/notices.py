"""What appeals tell people through the notification service (decision 0800): the learner that
their appeal was received (``appeal.filed``) and resolved (``appeal.resolved``), a grader that
an appeal waits for their blind re-marking (``appeal.assigned``). The item is
``appeal:<id>``; the title names the appeal and the result it is about."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appeals.models import Appeal
from notifications import api as notifications
from notifications.api import EventType, register_event_type

FILED = "appeal.filed"
ASSIGNED = "appeal.assigned"
RESOLVED = "appeal.resolved"

register_event_type(EventType(key=FILED, label=_("Appeal received"), order=70))
register_event_type(EventType(key=ASSIGNED, label=_("Appeal to re-mark"), order=71))
register_event_type(EventType(key=RESOLVED, label=_("Appeal resolved"), order=72))


def on_commit(appeal: Appeal, event: str) -> None:
    appeal_id = appeal.pk
    transaction.on_commit(lambda: notify(appeal_id=appeal_id, event=event))


def notify(*, appeal_id: int, event: str) -> bool:
    appeal = Appeal.objects.select_related("learner", "remarker").filter(pk=appeal_id).first()
    if appeal is None:
        return False
    if event == ASSIGNED:
        # The re-marker reads the appeal's number only: the title would not say more, and the
        # re-marking is blind.
        return notifications.notify(
            recipient=appeal.remarker,
            event=event,
            item=f"appeal:{appeal.pk}",
            stage=str(appeal.remarker_id),
            title=f"{appeal.reference}",
            url=reverse("appeals:remark", kwargs={"pk": appeal.pk}),
        )
    return notifications.notify(
        recipient=appeal.learner,
        event=event,
        item=f"appeal:{appeal.pk}",
        title=f"{appeal.reference} {appeal.title}",
        title_en=f"{appeal.reference} {appeal.title_en}" if appeal.title_en else "",
        url=reverse("appeals:detail", kwargs={"pk": appeal.pk}),
    )
