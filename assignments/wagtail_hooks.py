"""The assignments app's menu items and dashboard panels (registered by each part's module)."""

from django.utils import timezone
from wagtail import hooks

from assignments import (
    renewals_admin,  # noqa: F401 — registers the renewal windows' CMS screen
    staff_hooks,  # noqa: F401 - registers the staff part's hooks
    todo,
)
from assignments.personal import items_for
from assignments.renewals import renewal_due_dates
from lms import request_memo
from lms.dashboards import Panel

# --- Learner to-do (a-learner) ------------------------------------------------------------------


@hooks.register("learner_dashboard_panels")
def todo_panel(request):
    """What the learner has to do, first on their dashboard (decision 0804); the first items
    of each part, all of them with ``?todo=all``."""
    items = items_for(request.user, memo=request_memo.for_request(request))
    arranged = todo.arrange(items, now=timezone.now())
    show_all = request.GET.get("todo") == "all"
    return Panel(
        order=1,
        template="assignments/learner/todo_panel.html",
        context={
            "todo": arranged if show_all else todo.shorten(arranged),
            "recent_days": todo.RECENT_DAYS,
        },
    )


# --- Renewals (a-remind) ---------------------------------------------------------------------
@hooks.register("certificate_renewals")
def certificate_renewals(certificate_ids):
    """The certificate pages' "renewal due by" (decision 0805)."""
    return renewal_due_dates(certificate_ids)
