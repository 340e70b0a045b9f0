"""The assignments app's menu items and dashboard panels (registered by each part's module)."""

from django.utils import timezone
from wagtail import hooks

from assignments import todo
from assignments.personal import items_for
from lms.dashboards import Panel

# --- Learner to-do (a-learner) ------------------------------------------------------------------


@hooks.register("learner_dashboard_panels")
def todo_panel(request):
    """What the learner has to do, first on their dashboard (decision 0804)."""
    return Panel(
        order=1,
        template="assignments/learner/todo_panel.html",
        context={
            "todo": todo.arrange(items_for(request.user), now=timezone.now()),
            "recent_days": todo.RECENT_DAYS,
        },
    )
