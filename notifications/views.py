"""The inbox (/inbox/) and the channel preferences (/inbox/settings/) of the signed-in person.

Models: Notification, Preference. Templates: notifications/inbox.html,
notifications/preferences.html."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from notifications import events, selectors, services
from notifications.models import Notification


@login_required
def inbox(request):
    page = selectors.inbox_page(user=request.user, page_number=request.GET.get("page"))
    labels = {event.key: event.label for event in events.all_event_types()}
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "rows": [(n, labels.get(n.event, n.event)) for n in page.object_list],
            "unread": selectors.unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def read(request, pk: int):
    """Mark one notification read and open what it is about ("open") or go back to the inbox."""
    try:
        notification = services.mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if "open" in request.POST and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)s notification read.", "Marked %(count)s notifications read.", count
        )
        % {"count": count},
    )
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    rows = selectors.preferences_for(user=request.user)
    if request.method == "POST":
        choices = {
            row.key: (f"{row.key}-email" in request.POST, f"{row.key}-robot" in request.POST)
            for row in rows
        }
        services.preferences_save(user=request.user, choices=choices)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"rows": rows})
