"""Group robots and the deliveries that failed, in the Wagtail admin (administrators only)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from notifications import selectors
from notifications.models import Delivery, Robot


@hooks.register("site_header_values")
def unread_count(*, user) -> dict:
    """The header's inbox badge (``{% site_header %}``, lms/templatetags/site_header.py)."""
    return {"unread_count": selectors.unread_count(user=user)}


class RobotViewSet(ModelViewSet):
    model = Robot
    icon = "mail"
    menu_label = _("Group robots")
    url_prefix = "notifications/robots"
    copy_view_enabled = False
    form_fields = ["name", "platform", "webhook_url", "secret", "active"]
    list_display = ["name", "platform", "active"]
    search_fields = ["name"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        # An address pasted without its scheme is the platform's HTTPS one (http:// is only
        # ever a local sink, typed out in full); also Django 6's default for URL fields.
        if db_field.name == "webhook_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


class FailedDeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are written by the service: administrators read them, never add or edit."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(Delivery, FailedDeliveryPermissionPolicy(Delivery))


class FailedDeliveryIndexView(IndexView):
    """Only what did not go out: a sent delivery needs nobody's attention."""

    page_title = _("Failed deliveries")

    def get_base_queryset(self):
        return Delivery.objects.exclude(status=Delivery.Status.SENT).select_related(
            "notification__recipient"
        )


class FailedDeliveryViewSet(ModelViewSet):
    """Robots and emails that failed or are waiting to be tried again, newest first."""

    model = Delivery
    icon = "warning"
    menu_label = _("Failed deliveries")
    url_prefix = "notifications/failed_deliveries"
    index_view_class = FailedDeliveryIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]
    list_display = [
        "target",
        "about",
        "channel",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
    ]
    list_filter = ["status", "channel"]


class NotificationsGroup(ModelViewSetGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    menu_order = 260
    items = (RobotViewSet("robots"), FailedDeliveryViewSet("failed_deliveries"))


@hooks.register("register_admin_viewset")
def notifications_viewsets():
    return NotificationsGroup()
