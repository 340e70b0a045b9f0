"""Writes of integration tokens: create one (its key shown once) and authenticate a request."""

from __future__ import annotations

from django.utils import timezone

from assessment.models import IntegrationToken, hash_token


def token_create(*, name: str, scope: str = IntegrationToken.Scope.METRICS, by=None):
    """Create a token; return it and its key in plain text, which is shown once and not kept."""
    token = IntegrationToken(name=name, scope=scope, created_by=by)
    plain = token.set_new_key()
    token.save()
    return token, plain


def token_authenticate(*, key: str, scope: str) -> IntegrationToken | None:
    if not key:
        return None
    token = IntegrationToken.objects.filter(key_hash=hash_token(key), is_active=True).first()
    if token is None or token.scope != scope:
        return None
    IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
