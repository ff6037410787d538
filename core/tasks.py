"""Periodic jobs of the background worker that belong to no domain."""

from procrastinate.contrib.django import app

from core.files import sweep_orphan_files


@app.periodic(cron="17 3 * * *")  # daily, at night
@app.task(name="core.sweep_orphan_files", queueing_lock="core.sweep_orphan_files")
def sweep_orphan_files_daily(timestamp: int) -> None:
    """Delete stored files no row refers to and left-over uploads (``sweep_orphan_files``)."""
    sweep_orphan_files(delete=True)
