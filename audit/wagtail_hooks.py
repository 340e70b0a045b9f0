from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit import actions, views


@hooks.register("register_log_actions")
def audit_log_actions(registry):
    """Wagtail's history and site history report name the project's actions."""
    for action in actions.ACTIONS:
        registry.register_action(action.code, action.label, action.label)


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("reports/audit/", views.AuditReportView.as_view(), name="audit_report"),
        path(
            "reports/audit/results/",
            views.AuditReportView.as_view(results_only=True),
            name="audit_report_results",
        ),
        path("reports/audit/verify/", views.verify, name="audit_verify"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return views.is_administrator(request.user)


@hooks.register("register_reports_menu_item")
def audit_menu_item():
    return AuditMenuItem(
        _("Audit trail"),
        reverse("audit_report"),
        name="audit-trail",
        icon_name="history",
        order=900,
    )
