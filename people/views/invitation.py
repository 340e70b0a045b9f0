"""The invitation's page: choose a first password, then sign in.

``/accounts/invitation/<uid>/<token>/`` shows a set-password form while the link is valid, and a
page that says why it is not otherwise: expired, already used (or replaced by a sign-in), not
genuine, or the account is deactivated. Template ``people/invitation.html``; context: ``state``
(``valid``, ``expired``, ``invalid``, ``inactive``), ``login_url``, ``form`` and ``person``
when valid. The sign-in page is ``LOGIN_URL``, whichever sign-in serves it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from people.services.invitations import INVALID, VALID, invitation_accept, tokens

TEMPLATE = "people/invitation.html"


def _person(uidb64: str):
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return get_user_model().objects.filter(pk=pk).first()


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def invitation_view(request, uidb64, token):
    """GET: the form (or why the link does not work). POST: set the password, then to the
    sign-in page with a message naming the username to sign in with."""
    login_url = resolve_url(settings.LOGIN_URL)
    person = _person(uidb64)
    state = tokens.token_state(person, token) if person is not None else INVALID
    if state == VALID and not person.is_active:
        state = "inactive"
    if state != VALID:
        return TemplateResponse(request, TEMPLATE, {"state": state, "login_url": login_url})
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_accept(person=person, form=form)
        messages.success(
            request,
            _(
                "Your password is set. Sign in with your username “%(username)s” and your "
                "new password."
            )
            % {"username": person.get_username()},
        )
        return redirect(settings.LOGIN_URL)
    return TemplateResponse(request, TEMPLATE, {"state": state, "form": form, "person": person})
