"""People administration in /cms/ (administrators only): the list, a person's page and the
actions on accounts: deactivate, reactivate, invite, unlock (decision 0707).

Every action is a POST that redirects back; each change is an entry in Wagtail's audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms import lockout
from lms.http import post_only
from lms.roles import group_label
from people.forms import PeopleFilterForm
from people.selectors import (
    invitable,
    people_matching,
    person_history,
    person_status,
    with_columns,
)
from people.services.accounts import AccountError, account_deactivate, account_reactivate
from people.services.invitations import (
    invitation_state,
    invitations_queue,
    invitations_send,
    named,
)
from people.views.roster import administrators_only

PER_PAGE = 50
SHOWN_NAMES = 20  # people named in a message, at most


def _locked_usernames() -> set[str]:
    accounts, _addresses = lockout.current_lockouts()
    return {lock.value for lock in accounts}


def _row(person, locked: set[str], now) -> dict:
    return {
        "person": person,
        "status": person_status(person),
        "roles": [str(group_label(group)) for group in person.role_groups],
        "invitation": invitation_state(person, person.invited_at, now=now),
        "locked": person.username in locked,
    }


def people_list(request):
    """The people, searched and filtered, 50 a page. Template ``people/admin/people.html``;
    context: ``form`` (``PeopleFilterForm``), ``page``, ``rows`` (person, status, roles,
    invitation, locked), ``to_invite`` (how many matching people could get an invitation).

    Query budget: constant (count, rows, their roles, units, lockouts), whatever the rows.
    """
    administrators_only(request.user)
    form = PeopleFilterForm(request.GET)
    matching = people_matching(**form.filters())
    page = Paginator(with_columns(matching), PER_PAGE).get_page(request.GET.get("page"))
    locked, now = _locked_usernames(), timezone.now()
    context = {
        "form": form,
        "page": page,
        "rows": [_row(person, locked, now) for person in page.object_list],
        "to_invite": invitable(matching).count(),
        "filters": request.GET.urlencode(),
    }
    return TemplateResponse(request, "people/admin/people.html", context)


def person_detail(request, pk):
    """One person: their details, the actions that apply, and their change history.
    Template ``people/admin/person.html``; context: ``row`` (as a row of the list) and
    ``history`` (the latest audit entries)."""
    administrators_only(request.user)
    person = get_object_or_404(with_columns(get_user_model().objects.all()), pk=pk)
    context = {
        "row": _row(person, _locked_usernames(), timezone.now()),
        "history": person_history(person),
        "is_self": person.pk == request.user.pk,
    }
    return TemplateResponse(request, "people/admin/person.html", context)


def _person_page(request, pk) -> str:
    administrators_only(request.user)
    return reverse("people_person", args=[get_object_or_404(get_user_model(), pk=pk).pk])


def _person(request, pk):
    administrators_only(request.user)
    return get_object_or_404(get_user_model(), pk=pk)


@post_only(redirect_to=_person_page)
def deactivate(request, pk):
    person = _person(request, pk)
    try:
        account_deactivate(person=person, by=request.user, request=request)
    except AccountError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("%(name)s is deactivated and can no longer sign in.") % {"name": person}
        )
    return redirect("people_person", pk=person.pk)


@post_only(redirect_to=_person_page)
def reactivate(request, pk):
    person = _person(request, pk)
    try:
        account_reactivate(person=person, by=request.user)
    except AccountError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect("people_person", pk=person.pk)


@post_only(redirect_to=_person_page)
def unlock(request, pk):
    person = _person(request, pk)
    lockout.unlock_account(username=person.username, by=request.user)
    messages.success(request, _("Sign-in to “%(name)s” is unlocked.") % {"name": person})
    return redirect("people_person", pk=person.pk)


@post_only(redirect_to=_person_page)
def invite(request, pk):
    person = _person(request, pk)
    result = invitations_send(people=[person], by=request.user)
    if result.sent:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": person.email}
        )
    elif result.failed:
        _report_sent(request, result)
    elif result.without_email:
        messages.error(
            request,
            _(
                "%(name)s has no email address: add one (the roster's email column, or Edit "
                "user), then send the invitation."
            )
            % {"name": person},
        )
    else:
        messages.error(
            request,
            _("%(name)s already has a password or is deactivated: no invitation was sent.")
            % {"name": person},
        )
    return redirect("people_person", pk=person.pk)


def _list_page(request) -> str:
    administrators_only(request.user)
    return reverse("people_list")


@post_only(redirect_to=_list_page)
def invite_many(request):
    """Invite the people ticked on the list (``person``), or every matching person without a
    password (``scope=filtered`` with the list's filters), then back to the list."""
    administrators_only(request.user)
    User = get_user_model()
    if request.POST.get("scope") == "filtered":
        people = list(invitable(people_matching(**PeopleFilterForm(request.POST).filters())))
    else:
        ids = [value for value in request.POST.getlist("person") if value.isdigit()]
        people = list(User.objects.filter(pk__in=ids).order_by("username"))
    back = reverse("people_list") + _query(request.POST.get("filters", ""))
    if not people:
        messages.error(request, _("Nobody to invite: tick people on the list first."))
        return redirect(back)
    # Sent by the background worker: a few thousand emails outlast a request. The worker tells
    # the administrator in their inbox how it went (people.notices).
    result = invitations_queue(people=people, by=request.user)
    _report_sent(request, result, queued=True)
    return redirect(back)


def _query(filters: str) -> str:
    # The list's own query string, sent back by its form; only its filters are kept.
    kept = QueryDict(filters).copy()
    for name in list(kept):
        if name not in ("q", "unit", "role", "status", "page"):
            del kept[name]
    return f"?{kept.urlencode()}" if kept else ""


def _names(people) -> str:
    return named(people, at_most=SHOWN_NAMES)


def _report_sent(request, result, *, queued: bool = False) -> None:
    count = len(result.sent)
    if count and queued:
        messages.success(
            request,
            ngettext(
                "The invitation to %(count)s person is being sent; your inbox will say when "
                "it has gone.",
                "The invitations to %(count)s people are being sent; your inbox will say when "
                "they have gone.",
                count,
            )
            % {"count": count},
        )
    elif count:
        messages.success(
            request,
            ngettext(
                "An invitation was sent to %(count)s person.",
                "Invitations were sent to %(count)s people.",
                count,
            )
            % {"count": count},
        )
    if result.without_email:
        count = len(result.without_email)
        messages.warning(
            request,
            ngettext(
                "%(count)s person has no email address and got no invitation: %(names)s. Add "
                "the address (the roster's email column, or Edit user), then invite again.",
                "%(count)s people have no email address and got no invitation: %(names)s. Add "
                "their addresses (the roster's email column, or Edit user), then invite again.",
                count,
            )
            % {"count": count, "names": _names(result.without_email)},
        )
    if result.failed:
        messages.error(
            request,
            _("The mail server refused the invitations to: %(names)s. Try again later.")
            % {"names": _names(result.failed)},
        )
    if result.passed_over:
        count = len(result.passed_over)
        messages.info(
            request,
            ngettext(
                "%(count)s person already has a password or is deactivated: not invited.",
                "%(count)s people already have a password or are deactivated: not invited.",
                count,
            )
            % {"count": count},
        )
