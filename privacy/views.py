"""The privacy notice, the person's account page and the download of their own data
(decision 1002)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.bilingual import localized
from lms.templatetags.bilingual import fallback_block
from privacy import notice as notices
from privacy import services
from privacy.models import NoticeAcknowledgement


def _paragraphs(source, field: str):
    text = localized(source, field)
    paragraphs = [p for p in normalize_newlines(str(text)).split("\n\n") if p.strip()]
    html = "".join("<p>{}</p>".format(escape(p.strip()).replace("\n", "<br>")) for p in paragraphs)
    return fallback_block(html, text.fallback)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@never_cache
@login_required
def notice(request):
    """The current privacy notice; POST acknowledges the version shown."""
    current = notices.current_notice()
    acknowledged = current and notices.acknowledgement(request.user, current)
    if current is None or acknowledged:
        request.session.pop(notices.SESSION_KEY, None)  # nothing (more) to acknowledge
    if request.method == "POST" and current is not None:
        if request.POST.get("version") == str(current.version):
            notices.acknowledge(request.user, current)
            request.session.pop(notices.SESSION_KEY, None)
            messages.success(request, _("Thank you: your acknowledgement has been recorded."))
            return redirect(_next_url(request) or "dashboard")
        messages.error(request, _("The notice has changed since you opened it: read it again."))
        return redirect("privacy:notice")
    return render(
        request,
        "privacy/notice.html",
        {
            "notice": current,
            "body": _paragraphs(current, "body") if current else "",
            "acknowledgement": acknowledged,
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def account(request):
    """The person's own account: who they are here, the notices they acknowledged, and the
    download of their data."""
    acknowledgements = (
        NoticeAcknowledgement.objects.filter(user=request.user)
        .select_related("notice")
        .order_by("-notice__version")
    )
    return render(
        request,
        "privacy/account.html",
        {"person": request.user, "acknowledgements": acknowledgements},
    )


@require_POST
@login_required
def my_data(request):
    """A zip of the signed-in person's own data (never anybody else's: no id is taken)."""
    data = services.export_personal_data(request.user, actor=request.user, request=request)
    response = HttpResponse(data, content_type="application/zip")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{day}.zip"'
    response["Cache-Control"] = "no-store"
    return response
