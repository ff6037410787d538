"""The health checks that a load balancer or monitor polls: is the portal up and its database
answering (``health``), is the process answering at all (``live``)?"""

import logging

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail before the view could
# answer 503 when the database is down.
@transaction.non_atomic_requests
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 with ``{"status": "ok", "database": "ok"}``, or 503 when the database fails."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@transaction.non_atomic_requests
@never_cache
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """200 "ok" without touching the database: the cheapest answer the portal gives, a load
    balancer's liveness probe and the benchmark's floor."""
    return HttpResponse("ok", content_type="text/plain")
