"""Load test: gunicorn with two workers on 127.0.0.1, driven by locust (``make load``).

The simulated users are in ``portal/locustfile.py``; this command finds the addresses they
visit in the database (the demo data), serves the portal as in production (DEBUG off, collected
static files) and prints requests per second, latency percentiles and the error count.
"""

import importlib.util
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from portal.demo.users import DEMO_PASSWORDS
from projects.models import BudgetLine, Project
from workshops.models import Attachment, Meeting
from workshops.permissions import openable_attachments_filter

COORDINATOR = "koordinaattori"
LOCUSTFILE = Path(settings.BASE_DIR) / "portal" / "locustfile.py"
STARTUP_SECONDS = 30


def targets() -> dict:
    """The addresses the simulated users visit, from the demo data."""
    coordinator = get_user_model().objects.filter(username=COORDINATOR).first()
    project = coordinator and Project.objects.coordinated_by(coordinator).first()
    meetings = list(Meeting.objects.order_by("starts_at"))
    if project is None or not meetings:
        raise CommandError("Kuormitustesti tarvitsee demoaineiston: aja ensin `make demo`.")
    first_month = timezone.localtime(meetings[0].starts_at)
    attachments = Attachment.objects.filter(openable_attachments_filter(AnonymousUser()))
    return {
        "front_page": [reverse("portal:home")],
        "project_list": [
            reverse("projects:list"),
            reverse("projects:list") + "?sort=-granted",
            reverse("projects:list") + "?status=ended",
        ],
        "project_detail": [
            reverse("projects:detail", kwargs={"slug": slug})
            for slug in Project.objects.values_list("slug", flat=True)
        ],
        "municipality_list": [reverse("municipalities:list")],
        "meeting_list": [reverse("workshops:meeting_list")],
        "calendar": [
            reverse("workshops:calendar"),
            reverse(
                "workshops:calendar",
                kwargs={"year": first_month.year, "month": first_month.month},
            ),
        ],
        "meeting_detail": [
            reverse("workshops:meeting_detail", kwargs={"pk": meeting.pk}) for meeting in meetings
        ],
        "search": [
            f"{reverse('portal:search')}?{urlencode({'q': word})}"
            for word in ("työpaja", "perhekeskus", "Lohja")
        ],
        "download": [
            reverse("workshops:attachment_download", kwargs={"pk": pk})
            for pk in attachments.values_list("pk", flat=True)
        ],
        "login": reverse("login"),
        "coordinator": {"username": COORDINATOR, "password": DEMO_PASSWORDS[COORDINATOR]},
        "coordinator_project": reverse("projects:detail", kwargs={"slug": project.slug}),
        "budget_line_forms": [
            reverse("projects:budget_line_update", kwargs={"slug": project.slug, "pk": pk})
            for pk in BudgetLine.objects.filter(project=project).values_list("pk", flat=True)
        ],
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("gunicorn pysähtyi käynnistyessään; katso sen tuloste yllä.")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - http://127.0.0.1 only
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise CommandError(f"gunicorn ei vastannut {STARTUP_SECONDS} sekunnissa.")


@contextmanager
def gunicorn(port: int, work: Path, extra_environment: dict | None = None):
    """The portal served by gunicorn with two workers on 127.0.0.1:``port`` as in production:
    DEBUG off (no SQL log, no debug pages) and the static files collected into ``work``;
    ``extra_environment`` adds to or overrides its environment."""
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE": "false",  # plain HTTP on 127.0.0.1
        "DJANGO_STATIC_ROOT": str(work / "static"),
        **(extra_environment or {}),
    }
    collected = subprocess.run(  # noqa: S603 - this interpreter and manage.py
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity=0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=False,
    )
    if collected.returncode:
        raise CommandError("collectstatic epäonnistui; katso sen tuloste yllä.")
    server = subprocess.Popen(  # noqa: S603 - this interpreter and gunicorn
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lape_portal.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
    )
    try:
        wait_until_serving(server, f"http://127.0.0.1:{port}{reverse('portal:home')}")
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_locust(
    *, host: str, plan: dict, users: int, run_time: int, max_requests: int, work: Path
) -> dict:
    """Run the users of the locustfile against ``host`` over the addresses of ``plan``; the
    figures it wrote."""
    result = work / "result.json"
    subprocess.run(  # noqa: S603 - this interpreter and locust
        [
            sys.executable,
            "-m",
            "locust",
            f"--locustfile={LOCUSTFILE}",
            "--headless",
            f"--users={users}",
            "--spawn-rate=10",
            f"--run-time={run_time}s",
            f"--host={host}",
            "--only-summary",
            "--stop-timeout=5",
        ],
        env={
            **os.environ,
            "LAPE_LOADTEST_TARGETS": json.dumps(plan),
            "LAPE_LOADTEST_MAX_REQUESTS": str(max_requests),
            "LAPE_LOADTEST_RESULT": str(result),
        },
        check=False,
    )
    if not result.exists():
        raise CommandError("locust päättyi kirjoittamatta tuloksia; katso sen tuloste yllä.")
    return json.loads(result.read_text())


class Command(BaseCommand):
    help = (
        "Kuormitustesti: gunicorn (2 workeria) osoitteessa 127.0.0.1 ja locust "
        "(oletuksena 20 käyttäjää 60 sekuntia). Vaatii locustin: `make load`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=20, help="Samanaikaiset käyttäjät.")
        parser.add_argument("--run-time", type=int, default=60, help="Kesto sekunteina.")
        parser.add_argument(
            "--max-requests",
            type=int,
            default=20000,
            help="Pyyntöjen enimmäismäärä; ajo päättyy, kun se tulee täyteen.",
        )

    def handle(self, *args, users: int, run_time: int, max_requests: int, **options):
        if importlib.util.find_spec("locust") is None:
            raise CommandError("locust puuttuu; `make load` asentaa sen.")
        plan = targets()
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        with (
            tempfile.TemporaryDirectory(prefix="lape-loadtest-") as work,
            gunicorn(port, Path(work)),
        ):
            figures = run_locust(
                host=host,
                plan=plan,
                users=users,
                run_time=run_time,
                max_requests=max_requests,
                work=Path(work),
            )
        self.stdout.write(
            f"\n{users} käyttäjää, {run_time} s, gunicorn 2 workeria, {host}\n"
            f"requests: {figures['requests']}\n"
            f"requests/s: {figures['rps']:.1f}\n"
            f"latency p50/p95/p99: {figures['p50']} / {figures['p95']} / {figures['p99']} ms\n"
            f"errors: {figures['errors']}"
        )
        if figures["errors"] or not figures["requests"]:
            raise CommandError(
                "Kuormitustestissä oli virheitä:\n" + "\n".join(figures["error_report"])
            )
