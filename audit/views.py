"""The audit page for administrators: ``/cms/reports/audit/`` (Wagtail's Reports menu).

Every entry of both logs, newest first, filtered by time, action, log, person (who acted or
whom it is about, by employee id or name) and object type; exported to XLSX or CSV with the
same filters (Wagtail's ``ReportView`` and its spreadsheet export). A header button runs the
chain check of ``verify_audit_log``. Template ``audit/audit_report_results.html``; rows from
``audit.selectors.page_rows``.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from audit import actions, chain, selectors
from audit.models import Chain, Entry
from lms import roles


def is_administrator(user) -> bool:
    """Superusers and the Administrator role read the audit trail; nobody else."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or roles.has_role(user, roles.ADMINISTRATOR))
    )


def _action_choices():
    return [(action.code, action.label) for action in actions.ACTIONS]


def _object_type_choices():
    """The types of object the trail has entries about (one query)."""
    types = Entry.objects.exclude(object_type="").values_list("object_type", flat=True)
    found = sorted(set(types.distinct().order_by()))
    return [(value, selectors.object_label(value, "").removesuffix(" #")) for value in found]


class AuditFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Time"), widget=DateRangePickerWidget
    )
    action = django_filters.ChoiceFilter(label=gettext_lazy("Action"), choices=_action_choices)
    chain = django_filters.ChoiceFilter(label=gettext_lazy("Log"), choices=Chain.choices)
    person = django_filters.CharFilter(
        label=gettext_lazy("Person"),
        method="filter_person",
        help_text=gettext_lazy(
            "An employee ID or part of a name: who acted, or whom the entry is about."
        ),
    )
    object_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Object type"), choices=_object_type_choices
    )

    class Meta:
        model = Entry
        fields = []

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for role in ("actor", "subject"):
            match |= Q(**{f"{role}__employee_id__iexact": value})
            match |= Q(**{f"{role}__username__iexact": value})
            match |= Q(**{f"{role}__display_name__icontains": value})
            match |= Q(**{f"{role}__first_name__icontains": value})
            match |= Q(**{f"{role}__last_name__icontains": value})
        return queryset.filter(match)


class AuditReportView(ReportView):
    results_template_name = "audit/audit_report_results.html"
    page_title = gettext_lazy("Audit trail")
    header_icon = "history"
    filterset_class = AuditFilterSet
    index_url_name = "audit_report"
    index_results_url_name = "audit_report_results"
    paginate_by = 50
    list_export = [
        "at",
        "chain",
        "sequence",
        "by_employee_id",
        "by",
        "action",
        "object",
        "about_employee_id",
        "about",
        "change",
        "reason",
        "address",
    ]
    export_headings = {
        "at": gettext_lazy("Time"),
        "chain": gettext_lazy("Log"),
        "sequence": gettext_lazy("Number"),
        "by_employee_id": gettext_lazy("By (employee ID)"),
        "by": gettext_lazy("By"),
        "action": gettext_lazy("Action"),
        "object": gettext_lazy("Object"),
        "about_employee_id": gettext_lazy("About (employee ID)"),
        "about": gettext_lazy("About"),
        "change": gettext_lazy("Before → after"),
        "reason": gettext_lazy("Reason"),
        "address": gettext_lazy("Address"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        verify_button = HeaderButton(
            gettext_lazy("Verify the trail now"),
            url=reverse("audit_verify"),
            icon_name="success",
            attrs={"data-testid": "audit-verify"},
        )
        return [*super().header_buttons, verify_button]

    def get_queryset(self):
        return selectors.entries_for_page()

    def decorate_paginated_queryset(self, object_list):
        link_for = None if self.is_export else AdminURLFinder(self.request.user).get_edit_url
        return selectors.page_rows(object_list, link_for=link_for)

    def get_filename(self):
        return f"audit-trail-{timezone.localdate():%Y-%m-%d}"


@require_GET
def verify(request):
    """Run the chain check of ``verify_audit_log`` (it only reads) and say what it found on the
    audit page."""
    if not is_administrator(request.user):
        raise PermissionDenied
    for code, label in Chain.choices:
        checked, problem = chain.verify(code)
        if problem is None:
            messages.success(
                request,
                _("%(log)s: %(count)d entries intact.") % {"log": label, "count": checked},
            )
        else:
            messages.error(
                request,
                _(
                    "%(log)s: broken at %(where)s, after %(count)d intact entries. "
                    "Run verify_audit_log and see docs/security.md."
                )
                % {
                    "log": label,
                    "where": _("entry #%(n)s") % {"n": problem.sequence}
                    if problem.sequence is not None
                    else _("the newest entries (some were removed)"),
                    "count": checked,
                },
            )
    return redirect("audit_report")
