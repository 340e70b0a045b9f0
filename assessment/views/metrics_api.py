"""``POST /api/v1/metrics/``: other systems push metric records with an integration token.

Request: ``Authorization: Bearer <token>`` and a JSON list of records (or ``{"records": [...]}``)
with ``employee_id``, ``indicator``, ``period``, ``value`` and optionally ``source`` and ``note``.
All or nothing: ``200 {"created", "updated", "unchanged"}`` or ``400 {"errors": [{"index",
"field", "message"}]}`` with nothing written. See ``docs/metrics-api.md``.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from assessment.metric_files import MAX_BYTES
from assessment.models import IntegrationToken, hash_token
from assessment.services.metrics import metrics_push
from assessment.services.tokens import token_authenticate
from lms.parsing import InputError, load_json


def _error(status: int, message: str, **headers) -> JsonResponse:
    response = JsonResponse(
        {"errors": [{"index": None, "field": "", "message": message}]}, status=status
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _key(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    return key.strip() if scheme.lower() in ("bearer", "token") else ""


@csrf_exempt
@never_cache
def metrics_api(request):
    if request.method != "POST":
        return _error(405, _("use POST"), Allow="POST")
    key = _key(request)
    token = (
        IntegrationToken.objects.filter(key_hash=hash_token(key), is_active=True).first()
        if key
        else None
    )
    if token is None:
        return _error(401, _("a valid integration token is required"), WWW_Authenticate="Bearer")
    if token_authenticate(key=key, scope=IntegrationToken.Scope.METRICS) is None:
        return _error(403, _("this token may not push metrics"))
    if request.content_type != "application/json":
        return _error(415, _("send the records as application/json"))
    body = request.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return _error(413, _("the request is larger than 20 MB; send the records in parts"))
    try:
        data = load_json(body)
    except InputError as exc:
        return _error(400, _("the body is not valid JSON: %(error)s") % {"error": exc})
    reason = ""
    if isinstance(data, dict) and "records" in data:
        reason = data.get("reason") if isinstance(data.get("reason"), str) else ""
        data = data["records"]
    result = metrics_push(records=data, token=token, reason=reason, request=request)
    if result.errors:
        return JsonResponse({"errors": result.errors}, status=400)
    counts = result.counts
    return JsonResponse(
        {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged}
    )
