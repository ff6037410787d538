"""The scale benchmark (``make bench``, ``portal.bench``)."""

import datetime
import json
import os
import platform
import secrets
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from portal import bench
from portal.management.commands.loadtest import free_port, gunicorn

DEFAULT_SCALES = "0.01 1"
# Where --keep keeps each scale's attachments and the mark of its completed data.
KEPT = Path(settings.BASE_DIR) / "var" / "bench"


def database_url(name: str) -> str:
    """DATABASE_URL with its database replaced by ``name`` (same server, same user)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def vacuum(database: str) -> None:
    """VACUUM (ANALYZE) of ``database`` once its data are in, as autovacuum would do soon
    after a bulk load: otherwise autovacuum does it while the pages are timed, on the same
    CPUs, and every table read first also writes the hint bits of the rows it reads."""
    with psycopg.connect(database_url(database), autocommit=True) as db:
        db.execute("VACUUM (ANALYZE)")


def machine() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{platform.node()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load}, Python {platform.python_version()}"
    )


class Command(BaseCommand):
    help = (
        "Sivujen ajat kahdella aineiston koolla rinnakkain (oletuksena S=0.01 ja S=1, "
        "BENCH_SCALES muuttaa); tulokset bench/results/-kansioon."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES") or DEFAULT_SCALES)
        parser.add_argument("--rounds", type=int, default=30, help="Mittauskierrokset.")
        parser.add_argument("--seconds", type=float, default=5, help="Kuormitusjakson kesto.")
        parser.add_argument(
            "--keep",
            action="store_true",
            default=bool(os.environ.get("BENCH_KEEP")),
            help=(
                "Säilytä tietokannat ja niiden tiedostot (var/bench/); seuraava ajo --keep-"
                "valitsimella käyttää niitä eikä luo aineistoa uudelleen."
            ),
        )
        parser.add_argument(
            "--targets", action="store_true", help="Vain: tulosta tämän kannan osoitteet."
        )
        parser.add_argument(
            "--export-meeting",
            action="store_true",
            help="Vain: lisää viennin mittauksen kokoukselle ilmoittautuneet.",
        )
        parser.add_argument(
            "--export-memory",
            choices=["csv", "xlsx"],
            help="Vain: mittaa ilmoittautuneiden viennin muistin kasvu tässä prosessissa.",
        )

    def handle(
        self,
        *args,
        scales: str,
        rounds: int,
        seconds: float,
        keep: bool,
        targets: bool,
        export_meeting: bool,
        export_memory: str | None,
        **options,
    ):
        if targets:
            self.stdout.write(json.dumps(bench.targets() | {"plans": bench.rare_search_plans()}))
            return
        if export_meeting:
            bench.export_meeting()
            return
        if export_memory:
            self.stdout.write(json.dumps(bench.export_memory(export_memory)))
            return
        scale_list = scales.split()
        databases = {
            scale: f"{connection.settings_dict['NAME']}_bench_{scale.replace('.', '_')}"
            for scale in scale_list
        }
        try:
            with ExitStack() as stack:
                servers = [
                    self.serve(stack, scale, databases[scale], keep=keep) for scale in scale_list
                ]
                self.stdout.write(f"Mitataan: {rounds} kierrosta…")
                bench.interleaved_run(servers, rounds)
                concurrency = {
                    server.scale: {
                        name: bench.throughput(server, name, seconds)
                        for name in (
                            "floor",
                            "meeting_list",
                            "meeting_list_rendered",
                            "meeting_list_cold",
                        )
                    }
                    for server in servers
                }
                largest = servers[-1]
                self.stdout.write(f"S={largest.scale}: ilmoittautuneiden viennin muisti…")
                bench.manage("bench", "--export-meeting", environment=largest.environment)
                export_memory = [
                    json.loads(
                        bench.manage(
                            "bench",
                            f"--export-memory={file_format}",
                            environment=largest.environment,
                            capture=True,
                        )
                    )
                    for file_format in ("csv", "xlsx")
                ]
        finally:
            if not keep:
                with connection.cursor() as cursor:
                    for name in databases.values():
                        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pages = {server.scale: bench.page_figures(server) for server in servers}
        result = {
            "machine": machine(),
            "date": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
            "rounds": rounds,
            "pages": pages,
            "concurrency": concurrency,
            "search_plans": {server.scale: server.plans for server in servers},
            "export_memory": export_memory,
        }
        result["ratios"] = bench.ratios(
            pages[scale_list[0]], pages[scale_list[-1]], concurrency[scale_list[-1]], result
        )
        largest_pages = {page["name"]: page for page in pages[scale_list[-1]]}
        result["rendered"] = bench.page_targets(largest_pages, "_rendered")
        result["cold"] = bench.page_targets(largest_pages, "_cold")
        folder = bench.results_folder()
        (folder / "latest.json").write_text(json.dumps(result, indent=2))
        table = bench.markdown(result)
        (folder / "latest.md").write_text(table)
        self.stdout.write(table)

    def serve(self, stack: ExitStack, scale: str, database: str, *, keep: bool) -> bench.Server:
        """A database with the data of ``scale``, served by its own gunicorn: made afresh, or
        with ``keep`` the one a previous run kept, when its data were completed."""
        self.stdout.write(f"S={scale}: tietokanta {database}")
        if keep:
            work = KEPT / scale
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lape-bench-")))
        environment = {
            "DATABASE_URL": database_url(database),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DJANGO_QUERY_COUNT_HEADER": "true",
            # The admin's session is made by a child process: the server must sign alike.
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            # The admin's session has no second factor; two-factor sign-in is not measured.
            "DJANGO_TWO_FACTOR_REQUIRED": "false",
        }
        # Written once generate_scale_data (one transaction) has committed its data.
        generated = work / "generated"
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            reuse = keep and generated.exists() and cursor.fetchone() is not None
            if not reuse:
                generated.unlink(missing_ok=True)
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{database}"')
        bench.manage("migrate", "--no-input", "--verbosity=0", environment=environment)
        if reuse:
            self.stdout.write(f"S={scale}: aiemman ajon aineisto")
        else:
            started = time.monotonic()
            bench.manage("generate_scale_data", f"--scale={scale}", environment=environment)
            self.stdout.write(f"S={scale}: aineisto luotu {time.monotonic() - started:.0f} s")
            generated.write_text(f"{scale}\n")
        started = time.monotonic()
        vacuum(database)
        self.stdout.write(f"S={scale}: VACUUM (ANALYZE) {time.monotonic() - started:.0f} s")
        found = json.loads(
            bench.manage("bench", "--targets", environment=environment, capture=True)
        )
        port, cold_port = free_port(), free_port()
        stack.enter_context(gunicorn(port, work, environment))
        # A server of the same data that keeps nothing, neither pages nor their parts.
        stack.enter_context(
            gunicorn(cold_port, work, {**environment, "DJANGO_PAGE_CACHE_SECONDS": "0"})
        )
        return bench.Server(
            scale=scale,
            base=f"http://127.0.0.1:{port}",
            cold_base=f"http://127.0.0.1:{cold_port}",
            session=found["session"],
            visitor_session=found["visitor_session"],
            pages=found["pages"],
            plans=found["plans"],
            environment=environment,
        )
