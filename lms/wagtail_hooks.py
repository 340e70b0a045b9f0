"""Dashboard panels of the accounts app."""

from django.urls import reverse
from wagtail import hooks

from lms.dashboards import Panel
from lms.selectors import learners


@hooks.register("learner_dashboard_panels")
def my_profile_panel(request):
    return Panel(order=900, template="lms/panels/my_profile.html", context={"person": request.user})


@hooks.register("trainer_dashboard_panels")
def authoring_panel(request):
    return Panel(
        order=900,
        template="lms/panels/authoring.html",
        context={"cms_url": reverse("wagtailadmin_home")},
    )


@hooks.register("assessor_dashboard_panels")
def learners_panel(request):
    return Panel(
        order=900,
        template="lms/panels/learners.html",
        context={"learners": learners()[:500], "learner_count": learners().count()},
    )
