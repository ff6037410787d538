"""The portal served by gunicorn in a process of its own, on the test database, for tests of
what only a real server shows (its headers, several servers sharing their state)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import requests
from django.conf import settings
from django.db import connection

# The bucket and credentials of the local S3-compatible server (the object_storage fixture).
BUCKET = "lape-liitteet"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the test database (the rows of a transactional test are committed to it)."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or db["OPTIONS"].get("host") or "localhost"
    if host.startswith("/"):
        return f"postgres://{quote(db['USER'])}{password}@/{db['NAME']}?host={host}"
    return f"postgres://{quote(db['USER'])}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def gunicorn(environment: dict[str, str]):
    """A gunicorn server of the portal on the test database, with production settings over
    plain HTTP and ``environment`` on top; yields its base URL once ``/health/`` answers."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "the-same-secret-on-every-app-server",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DATABASE_URL": database_url(),
        **environment,
    }
    process = subprocess.Popen(  # noqa: S603 - this interpreter and gunicorn
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lape_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=Path(settings.BASE_DIR),
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "the app server stopped"
            try:
                if requests.get(url + "/health/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, f"{url} did not answer in 60 s"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
