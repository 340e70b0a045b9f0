"""Public verification of certificates: no login, rate-limited per address.

``/verify/<code>/`` and ``/verify/<code>.json`` show the holder's name, program, grade, dates
and status (with the reason of a revocation) and nothing more; ``/verify/`` checks a paper copy
by serial and holder's name. An unknown code is a 404 page that explains and links the form.
The pages carry the language switcher: their language is the visitor's choice (cookie), as on
every application page (docs/decisions/0004-languages-and-urls.md).
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from certificates import ratelimit
from certificates import selectors as certificate_selectors
from certificates.forms import PaperVerificationForm
from certificates.models.certificates import STATUS_LABELS


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render a public page without the request: no context processor looks up the visitor's
    session, roles or menu, so the page runs only its own query whoever opens it. The language
    switcher gets the two things it needs: the request (this page's path) and the CSRF token."""
    context = {**context, "request": request, "csrf_token": get_token(request)}
    return HttpResponse(render_to_string(template, context), status=status)


def _too_many(request, *, json=False):
    _limit, window = ratelimit.limits()
    message = _(
        "Too many verification requests from your address. Please try again in %(seconds)d seconds."
    ) % {"seconds": window}
    if json:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = _page(
            request, "certificates/verify_limited.html", {"message": message}, status=429
        )
    response["Retry-After"] = str(window)
    return response


def _not_found(request, json=False):
    if json:
        return JsonResponse({"error": "not found"}, status=404)
    return _page(request, "certificates/verify_not_found.html", {}, status=404)


@never_cache
def verify(request, code):
    """One certificate by its code. Template ``certificates/verify.html``; context:
    ``verification`` (a :class:`~certificates.selectors.Verification`), ``status_label``.
    An unknown code: ``certificates/verify_not_found.html``, status 404."""
    if not ratelimit.hit(request):
        return _too_many(request)
    verification = certificate_selectors.verification_by_code(code)
    if verification is None:
        return _not_found(request)
    return _page(
        request,
        "certificates/verify.html",
        {"verification": verification, "status_label": STATUS_LABELS[verification.status]},
    )


@never_cache
def verify_json(request, code):
    """The same as :func:`verify`, as JSON with ``status`` valid/expired/revoked/superseded."""
    if not ratelimit.hit(request):
        return _too_many(request, json=True)
    verification = certificate_selectors.verification_by_code(code)
    if verification is None:
        return _not_found(request, json=True)
    return JsonResponse(verification.as_json(), json_dumps_params={"ensure_ascii": False})


@never_cache
def verify_paper(request):
    """Check a paper copy: serial plus the holder's name lead to the verification page.

    Template ``certificates/verify_form.html``; context: ``form``, ``no_match``.
    """
    form = PaperVerificationForm(request.GET or None)
    no_match = False
    if form.is_bound:
        if not ratelimit.hit(request):
            return _too_many(request)
        if form.is_valid():
            code = certificate_selectors.code_by_serial_and_name(
                serial=form.cleaned_data["serial"], holder_name=form.cleaned_data["holder_name"]
            )
            if code is not None:
                return redirect("certificates:verify", code=code)
            no_match = True
    return _page(request, "certificates/verify_form.html", {"form": form, "no_match": no_match})
