"""The language switcher's target: Django's ``set_language``, which stores the choice in the
language cookie, and for a signed-in user also in ``User.language``, the language their emails
are written in (decision 0004)."""

from __future__ import annotations

from django.conf import settings
from django.views.i18n import set_language as django_set_language


def set_language(request):
    """Switch the language of the pages (cookie) and save it as the user's preference."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    chosen = request.method == "POST" and language in dict(settings.LANGUAGES)
    if chosen and user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
