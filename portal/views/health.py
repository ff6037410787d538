"""The health checks that a load balancer or monitor polls: is the portal up and its database
answering (``health``), is the process answering at all (``live``)?"""

import datetime
import logging

from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from procrastinate.contrib.django.models import ProcrastinateWorker

logger = logging.getLogger(__name__)

# A worker reports every 10 s; after a minute of silence it is taken as stopped.
WORKER_SILENCE = datetime.timedelta(minutes=1)


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail before the view could
# answer 503 when the database is down.
@transaction.non_atomic_requests
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 with ``{"status": "ok", "database": "ok", "worker": ...}``, or 503 when the database
    fails.

    ``worker`` is ``"ok"`` when a background worker has reported within ``WORKER_SILENCE``,
    else ``"missing"``: the pages still work without one (the answer stays 200, so a load
    balancer keeps the server), but e-mail and text extraction wait, which a monitor should see.
    """
    try:
        worker_alive = ProcrastinateWorker.objects.filter(
            last_heartbeat__gt=timezone.now() - WORKER_SILENCE
        ).exists()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse(
        {"status": "ok", "database": "ok", "worker": "ok" if worker_alive else "missing"}
    )


@transaction.non_atomic_requests
@never_cache
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """200 "ok" without touching the database: the cheapest answer the portal gives, a load
    balancer's liveness probe and the benchmark's floor."""
    return HttpResponse("ok", content_type="text/plain")
