"""Role dashboards.

``/`` sends a signed-in user to the dashboard of their main role; each dashboard is a list of
panels contributed by the apps through Wagtail hooks (see ``lms/dashboards.py``).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lms import roles
from lms.dashboards import panels_for

TITLES = {
    "learner": _("My learning"),
    "trainer": _("Training"),
    "assessor": _("Assessment"),
    "manager": _("My team"),
}


@login_required
def home(request):
    """Redirect to the first dashboard the user may see (assessor, trainer, manager, learner)."""
    dashboards = roles.dashboards_for(request.user)
    if not dashboards:
        return render(request, "lms/no_role.html")
    return redirect("dashboard_role", role=dashboards[0])


@login_required
def dashboard(request, role):
    """A role's dashboard. Template ``lms/dashboard.html``; context: ``role``, ``panels``."""
    if role not in roles.dashboards_for(request.user):
        raise Http404
    return render(
        request,
        "lms/dashboard.html",
        {
            "role": role,
            "title": TITLES[role],
            "panels": panels_for(role, request),
        },
    )
