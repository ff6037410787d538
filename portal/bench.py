"""The scale benchmark (``make bench``): the same pages at two data sizes, side by side.

For each scale a throwaway database gets the synthetic data of ``portal.scale_data`` and its
own gunicorn (two workers, DEBUG off, as ``manage.py loadtest`` serves). One interleaved run
then times every page kind at every scale in turn, so that both suffer the machine's other
load alike; the minimal view ``health/live/`` (no database) is the floor. The meeting list and
the floor are also driven by 8 concurrent clients. Query counts come from the
``X-Query-Count`` header (``core.middleware.query_count_middleware``). Each scale's database
also shows PostgreSQL's plan of the rare-word search, and at the largest scale a child process
exports a meeting of 50,000 registrations as CSV and XLSX while its peak memory is watched.
"""

import datetime
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Municipality, Region
from portal.scale_data import RARE_WORD
from portal.search import (
    SEARCH_TYPES_BY_KEY,
    TOTALS_PLAN,
    search_plans,
    uses_search_index,
)
from projects.models import Project
from workshops.models import Meeting, Registration
from workshops.views.exports import RegistrationsFileView

CONCURRENT_CLIENTS = 8
ADMIN_USERNAME = "bench-admin"
# The pages whose p50 at the larger scale must stay within 10x the floor's and half the admin
# meeting changelist's.
PUBLIC_LIST_PAGES = ("meeting_list", "calendar_month", "project_detail", "municipality_detail")
# Public pages are kept for visitors without a session (core.page_cache), so the timed pages
# of anonymous visitors are answered from there. These are also timed as rendered for a
# visitor with a session of their own, as a signed-in user gets them (``<name>_rendered``:
# the parts kept until the next change read from the cache), and by a server that keeps
# nothing (``<name>_cold``: as the first request after a change renders them).
RENDERED_PAGES = (
    *PUBLIC_LIST_PAGES,
    "search_common",
    "search_rare",
    "programme",
    "programme_region",
)
# The search types whose tables grow with the scale: their rare-word search must read the GIN
# index of the search vectors, not the table.
GROWING_SEARCH_TYPES = ("meetings", "minutes", "attachments")
# A meeting of this many registrations is exported; a worker's memory may grow by EXPORT_MB.
EXPORT_REGISTRATIONS = 50_000
EXPORT_MB = 10


def targets() -> dict:
    """The addresses of every page kind in the current database, an admin's session and the
    session of a visitor who is not signed in.

    Run in a child process whose DATABASE_URL is the benchmark's database.
    """
    admin, _ = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(admin.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": admin.get_session_auth_hash(),
        }
    )
    session.create()
    visitor = SessionStore()
    visitor["bench"] = "visitor"
    visitor.create()
    busiest = (
        Project.objects.annotate(meeting_count=Count("meetings")).order_by("-meeting_count").first()
    )
    big_budget = Project.objects.annotate(lines=Count("budget_lines")).order_by("-lines").first()
    meeting = Meeting.objects.order_by("pk").first()
    month = timezone.localtime(meeting.starts_at)
    municipality = Municipality.objects.order_by("code").first()
    region = (
        Region.objects.annotate(project_count=Count("projects"))
        .order_by("-project_count", "code")
        .first()
    )
    meeting_count = Meeting.objects.count()
    project_count = Project.objects.count()
    meetings = reverse("workshops:meeting_list")
    projects = reverse("projects:list")
    search = reverse("portal:search")
    admin_meetings = reverse("admin:workshops_meeting_changelist")
    minutes = reverse("admin:workshops_minutes_changelist")
    registrations = reverse("admin:workshops_registration_changelist")
    pages = {
        "floor": reverse("live"),
        "home": reverse("portal:home"),
        "search_common": f"{search}?{urlencode({'q': 'kokous'})}",
        "search_rare": f"{search}?{urlencode({'q': RARE_WORD})}",
        "calendar_month": reverse("workshops:calendar", args=[month.year, month.month]),
        "meeting_list": meetings,
        "meeting_list_deep_page": f"{meetings}?page={max(1, meeting_count // 25 // 2)}",
        "meeting_list_project": f"{meetings}?{urlencode({'project': busiest.slug})}",
        "meeting_list_municipality": f"{meetings}?"
        + urlencode({"municipality": municipality.code, "kind": "working_group"}),
        "project_ics": reverse("workshops:project_ics", args=[busiest.slug]),
        "project_list_last_page": f"{projects}?page={max(1, -(-project_count // 25))}",
        "project_detail": reverse("projects:detail", args=[busiest.slug]),
        "municipality_detail": reverse("portal:municipality_detail", args=[municipality.code]),
        "programme": reverse("portal:programme"),
        "programme_region": reverse("portal:programme_region", args=[region.code]),
        "registrations_csv": reverse("workshops:registrations_csv", args=[meeting.pk]),
        "admin_meeting_changelist": admin_meetings,
        "admin_attachment_changelist": reverse("admin:workshops_attachment_changelist"),
        "admin_minutes_changelist": minutes,
        "admin_registration_changelist": registrations,
        "admin_budget_line_changelist": reverse("admin:projects_budgetline_changelist"),
        "admin_expense_changelist": reverse("admin:projects_expense_changelist"),
        "admin_minutes_search_rare": f"{minutes}?{urlencode({'q': RARE_WORD})}",
        "admin_registration_search_rare": f"{registrations}?{urlencode({'q': RARE_WORD})}",
        # Words in thousands of rows at S=1: the search finds the newest of them.
        "admin_meeting_search_common": f"{admin_meetings}?{urlencode({'q': 'kokous'})}",
        "admin_minutes_search_common": f"{minutes}?{urlencode({'q': 'lapsi'})}",
        "admin_registration_search_common": f"{registrations}?{urlencode({'q': 'virtanen'})}",
        "admin_project_change": reverse("admin:projects_project_change", args=[big_budget.pk]),
    }
    for suffix in ("_rendered", "_cold"):
        pages.update({f"{name}{suffix}": pages[name] for name in RENDERED_PAGES})
    return {"session": session.session_key, "visitor_session": visitor.session_key, "pages": pages}


def rare_search_plans() -> dict[str, bool]:
    """Whether the rare-word search of each growing type reads its GIN index, both where it
    counts every type and where it ranks that type's hits."""
    plans = search_plans(RARE_WORD, user=AnonymousUser())
    return {
        key: all(
            uses_search_index(plans[plan], SEARCH_TYPES_BY_KEY[key]) for plan in (TOTALS_PLAN, key)
        )
        for key in GROWING_SEARCH_TYPES
    }


def export_meeting() -> Meeting:
    """The meeting whose registrations are exported: the newest, given EXPORT_REGISTRATIONS
    registrations in bulk unless it has them (``manage.py bench --export-meeting``, in a
    process of its own, so that the bulk insert does not count in the export's peak)."""
    meeting = Meeting.objects.order_by("-pk").first()
    missing = EXPORT_REGISTRATIONS - meeting.registrations.count()
    Registration.objects.bulk_create(
        (
            Registration(
                meeting=meeting,
                name=f"Osallistuja {number}",
                email=f"osallistuja.{number}@example.fi",
                created_at=meeting.starts_at - datetime.timedelta(days=7),
            )
            for number in range(missing)
        ),
        batch_size=5000,
    )
    return meeting


def resident_mb() -> float:
    """This process's resident memory now, from /proc."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """This process's highest resident memory so far (Linux counts ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_memory(file_format: str) -> dict:
    """The growth of this process's peak resident memory while the registrations of
    ``export_meeting()`` are exported as ``file_format`` (the file read to its end), after a
    warm-up export of a small meeting. The growth is the peak after minus the resident memory
    before: an upper bound, as an earlier peak would count too."""
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    view = RegistrationsFileView.as_view(file_format=file_format)

    def export(meeting) -> int:
        request = RequestFactory().get("/", SERVER_NAME="127.0.0.1")
        request.user = admin
        response = view(request, pk=meeting.pk)
        size = sum(len(chunk) for chunk in response.streaming_content)
        response.close()
        return size

    meeting = export_meeting()
    export(Meeting.objects.order_by("pk").first())
    before = resident_mb()
    size = export(meeting)
    return {
        "format": file_format,
        "registrations": meeting.registrations.count(),
        "bytes": size,
        "growth_mb": round(peak_mb() - before, 2),
    }


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own: a page sending the admin to log in is an error."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def needs_login(name: str) -> bool:
    return name.startswith("admin_") or name == "registrations_csv"


@dataclass
class Server:
    """A scale's gunicorns: where they answer (``cold_base``: the one that keeps nothing),
    and the admin's and a visitor's session."""

    scale: str
    base: str
    cold_base: str
    session: str
    visitor_session: str
    pages: dict
    # Whether the rare-word search of each growing type reads its GIN index.
    plans: dict = field(default_factory=dict)
    # The environment of its processes (its database, media folder and secret).
    environment: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)

    def get(self, name: str) -> tuple[float, int, int]:
        """Milliseconds, status and query count of one request of page ``name``."""
        base = self.cold_base if name.endswith("_cold") else self.base
        request = urllib.request.Request(base + self.pages[name])  # noqa: S310 - 127.0.0.1
        if needs_login(name):
            request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={self.session}")
        elif name.endswith(("_rendered", "_cold")):
            request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={self.visitor_session}")
        started = time.perf_counter()
        try:
            with OPENER.open(request, timeout=120) as response:
                response.read()
                status, queries = response.status, int(response.headers["X-Query-Count"] or -1)
        except urllib.error.HTTPError as error:
            status, queries = error.code, -1
        return (time.perf_counter() - started) * 1000, status, queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def interleaved_run(servers: list[Server], rounds: int) -> None:
    """Every page at every scale in turn, ``rounds`` times (one warm-up round not counted)."""
    names = list(servers[0].pages)
    for round_number in range(rounds + 1):
        for name in names:
            for server in servers:
                elapsed, status, queries = server.get(name)
                if status != 200:
                    raise RuntimeError(f"{server.scale} {name}: HTTP {status}")
                if round_number:
                    server.timings.setdefault(name, []).append(elapsed)
                    server.queries.setdefault(name, []).append(queries)


def throughput(server: Server, name: str, seconds: float) -> dict:
    """Requests per second and errors of ``CONCURRENT_CLIENTS`` clients asking for ``name``."""
    done, errors = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        while time.monotonic() < stop:
            try:
                _, status, _ = server.get(name)
                failed = status != 200
            except OSError:
                failed = True
            with lock:
                done[0] += 1
                errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(CONCURRENT_CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"rps": done[0] / (time.monotonic() - started), "errors": errors[0]}


def ratio(name: str, value: float, target: float, *, at_most: bool = True) -> dict:
    ok = value <= target if at_most else value >= target
    return {"name": name, "value": round(value, 3), "target": target, "ok": ok}


def ratios(small: dict, large: dict, concurrency: dict, checks: dict | None = None) -> list[dict]:
    """The issue's targets, each as {name, value, target, ok}; ``checks`` adds the search
    plans of every scale and the export memory figures."""
    small_pages = {page["name"]: page for page in small}
    pages = {page["name"]: page for page in large}
    found = []
    for name, page in pages.items():
        found.append(
            ratio(f"queries {name}", page["queries"] / small_pages[name]["queries"], 1)
            if small_pages[name]["queries"] > 0
            else ratio(f"queries {name}", 1, 1)
        )
        found.append(ratio(f"p50 {name}", page["p50_ms"] / small_pages[name]["p50_ms"], 1.5))
    found += page_targets(pages)
    found.append(ratio("admin project change p50 ms", pages["admin_project_change"]["p50_ms"], 300))
    found.append(
        ratio(
            "meeting list rps / floor rps (8 clients)",
            concurrency["meeting_list"]["rps"] / concurrency["floor"]["rps"],
            0.1,
            at_most=False,
        )
    )
    found.append(
        ratio(
            "errors under 8 clients",
            concurrency["meeting_list"]["errors"] + concurrency["floor"]["errors"],
            0,
        )
    )
    checks = checks or {}
    for scale, plans in checks.get("search_plans", {}).items():
        found.append(
            ratio(
                f"search rare: GIN index scans of {len(plans)} growing types S={scale}",
                sum(plans.values()),
                len(plans),
                at_most=False,
            )
        )
    for figure in checks.get("export_memory", []):
        found.append(
            ratio(
                f"export {figure['registrations']} registrations {figure['format']}: "
                "peak memory growth MB",
                figure["growth_mb"],
                EXPORT_MB,
            )
        )
    return found


def page_targets(pages: dict, suffix: str = "") -> list[dict]:
    """The list pages against the floor and the admin meeting changelist, and search against
    the meeting list, at one scale; with ``suffix`` ``"_rendered"`` or ``"_cold"`` as a
    signed-in user gets them or as nothing kept renders them."""
    floor = pages["floor"]["p50_ms"]
    admin_meetings = pages["admin_meeting_changelist"]["p50_ms"]
    found = []
    for name in PUBLIC_LIST_PAGES:
        p50 = pages[name + suffix]["p50_ms"]
        found.append(ratio(f"{name}{suffix} p50 / floor p50", p50 / floor, 10))
        found.append(
            ratio(f"{name}{suffix} p50 / admin meeting changelist p50", p50 / admin_meetings, 0.5)
        )
    meeting_list = pages["meeting_list" + suffix]["p50_ms"]
    for word, target in (("common", 3), ("rare", 1)):
        found.append(
            ratio(
                f"search {word}{suffix} p95 / meeting list{suffix} p50",
                pages[f"search_{word}{suffix}"]["p95_ms"] / meeting_list,
                target,
            )
        )
    return found


def page_figures(server: Server) -> list[dict]:
    return [
        {
            "name": name,
            # Most requests': a kept page's renewal (a worker's first) runs its full queries.
            "queries": statistics.mode(server.queries[name]),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
        for name, values in server.timings.items()
    ]


def markdown(result: dict) -> str:
    scales = list(result["pages"])
    small, large = scales[0], scales[-1]
    by_name = {scale: {page["name"]: page for page in result["pages"][scale]} for scale in scales}
    lines = [
        f"Machine: {result['machine']}; {result['date']}; {result['rounds']} rounds.",
        "",
        f"| page | queries | S={small} p50 ms | S={large} p50 ms | S={large} p95 ms | x |",
        "|---|---|---|---|---|---|",
    ]
    for name, page in by_name[large].items():
        base = by_name[small][name]
        lines.append(
            f"| {name} | {base['queries']} / {page['queries']} | {base['p50_ms']} "
            f"| {page['p50_ms']} | {page['p95_ms']} | {page['p50_ms'] / base['p50_ms']:.2f} |"
        )
    floor = by_name[large]["floor"]
    lines += [
        "",
        f"The floor's own p95 at S={large} is {floor['p95_ms'] / floor['p50_ms']:.2f}x its p50: "
        "the spread of this machine's timings for a request that does nothing.",
    ]
    lines += ["", "| 8 clients | scale | req/s | errors |", "|---|---|---|---|"]
    for scale, figures in result["concurrency"].items():
        for name, figure in figures.items():
            lines.append(f"| {name} | {scale} | {figure['rps']:.1f} | {figure['errors']} |")
    lines += ratio_table(result["ratios"])
    lines += [
        "",
        f"The same targets at S={large} for the pages rendered for a visitor with a session,",
        "as a signed-in user gets them (the parts kept until the next change from the cache):",
    ]
    lines += ratio_table(result["rendered"])
    lines += [
        "",
        f"And at S={large} for the pages rendered by a server that keeps nothing, as the",
        "first request after a change renders them:",
    ]
    lines += ratio_table(result["cold"])
    return "\n".join(lines) + "\n"


def ratio_table(items: list[dict]) -> list[str]:
    lines = ["", "| target | value | limit | ok |", "|---|---|---|---|"]
    for item in items:
        lines.append(
            f"| {item['name']} | {item['value']} | {item['target']} | "
            f"{'yes' if item['ok'] else 'NO'} |"
        )
    return lines


def manage(*arguments: str, environment: dict, capture: bool = False) -> str:
    """Run ``manage.py`` with ``arguments`` in a child process; its output when captured."""
    completed = subprocess.run(  # noqa: S603 - this interpreter and manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env={**os.environ, **environment},
        check=True,
        capture_output=capture,
        text=True,
    )
    return completed.stdout if capture else ""


def results_folder() -> Path:
    folder = Path(settings.BASE_DIR) / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
