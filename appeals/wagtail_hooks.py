"""The appeals app's menu items, dashboard panels and permission (decision 1001)."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from appeals import selectors
from appeals.models import Appeal, Status
from lms import api as lms_api
from lms.dashboards import Panel
from lms.navigation import NavItem


@hooks.register("register_permissions")
def appeal_permissions():
    """Resolving appeals can be given to any group in Settings → Groups."""
    return Permission.objects.filter(content_type__app_label="appeals", codename="resolve_appeal")


@hooks.register("site_menu_items")
def appeals_menu_item(request):
    if selectors.can_resolve(request.user):
        return NavItem(label=_("Appeals"), url=reverse("appeals:queue"), order=63)
    if lms_api.is_learner(request.user):
        return NavItem(label=_("My appeals"), url=reverse("appeals:mine"), order=64)
    return None


@hooks.register("assessor_dashboard_panels")
def appeals_panel(request):
    if not selectors.can_resolve(request.user):
        return None
    return Panel(
        order=35,
        template="appeals/panels/assessor.html",
        context={"counts": selectors.open_counts()},
    )


def remark_panel(request):
    """The appeals waiting for this grader's blind re-marking (on the trainer's and the
    assessor's dashboards); nothing when there are none."""
    appeals = list(
        Appeal.objects.filter(remarker=request.user, status=Status.ASSIGNED).order_by("due_on")
    )
    if not appeals:
        return None
    return Panel(order=5, template="appeals/panels/remarker.html", context={"appeals": appeals})


hooks.register("trainer_dashboard_panels", remark_panel)
hooks.register("assessor_dashboard_panels", remark_panel)


@hooks.register("blind_marking")
def appeals_being_remarked(*, user):
    """The items ``user`` re-marks blind now (assigned to them, not resolved), each with its
    re-mark page: exams and cases hide the first mark of these from them (1 query)."""
    return {
        item: reverse("appeals:remark", args=[pk])
        for pk, item in Appeal.objects.filter(remarker=user, status=Status.ASSIGNED).values_list(
            "pk", "item"
        )
    }
