from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.health import health


@never_cache
@require_GET
def healthz(request):
    """Health of the app server's parts for load balancers and monitoring (lms.health).

    200 ``{"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}`` when every part
    answers; else 503 with ``"status": "error"`` and the failed parts' reasons, e.g.
    ``"cache": "failed: ConnectionError"``.
    """
    report = health()
    failed = any(value != "ok" for value in report.values())
    return JsonResponse(
        {"status": "error" if failed else "ok", **report}, status=503 if failed else 200
    )
