"""Sign-in lockouts in the CMS: the locked accounts and addresses, and unlocking them.

Only users who may delete axes' failure records (administrators and superusers) see them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms import lockout
from lms.http import post_only

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def can_unlock(user) -> bool:
    return user.has_perm(UNLOCK_PERMISSION)


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[("account", _("Account")), ("address", _("Address"))])
    value = forms.CharField(max_length=255)


def lockout_list(request):
    """The accounts and addresses locked now. Template ``lms/admin/lockouts.html``; context:
    ``accounts`` and ``addresses`` (lists of ``CurrentLock``), the two limits and
    the cool-off in minutes."""
    if not can_unlock(request.user):
        raise PermissionDenied
    accounts, addresses = lockout.current_lockouts()
    return TemplateResponse(
        request,
        "lms/admin/lockouts.html",
        {
            "accounts": accounts,
            "addresses": addresses,
            "account_limit": lockout.account_limit(),
            "address_limit": lockout.address_limit(),
            "cool_off_minutes": lockout.cool_off_minutes(),
        },
    )


def _lockouts_page(request) -> tuple[str, str]:
    if not can_unlock(request.user):
        raise PermissionDenied
    return reverse("lms_lockouts"), _("To unlock an account or address, use its Unlock button.")


@post_only(redirect_to=_lockouts_page)
def unlock(request):
    """Lift the lock of one account or address, then back to the list."""
    if not can_unlock(request.user):
        raise PermissionDenied
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Could not unlock: say which account or address."))
        return redirect("lms_lockouts")
    value = form.cleaned_data["value"]
    if form.cleaned_data["kind"] == "account":
        lockout.unlock_account(username=value, by=request.user)
        messages.success(request, _("Sign-in to “%(name)s” is unlocked.") % {"name": value})
    else:
        lockout.unlock_address(address=value, by=request.user)
        messages.success(request, _("Sign-in from %(address)s is unlocked.") % {"address": value})
    return redirect("lms_lockouts")
