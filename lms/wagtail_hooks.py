"""Wagtail hooks of the accounts app: dashboard panels and the sign-in lockouts screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.dashboards import Panel
from lms.selectors import learners
from lms.views import lockouts


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


# --- Sign-in lockouts (lms.lockout) ------------------------------------------------------------


@hooks.register("register_admin_urls")
def lockout_urls():
    return [
        path("lockouts/", lockouts.lockout_list, name="lms_lockouts"),
        path("lockouts/unlock/", lockouts.unlock, name="lms_lockout_unlock"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return lockouts.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem(_("Sign-in lockouts"), reverse("lms_lockouts"), icon_name="lock")


@hooks.register("register_log_actions")
def lockout_log_actions(actions):
    actions.register_action("lms.unlock_sign_in", _("Unlock sign-in"), _("Sign-in unlocked"))
