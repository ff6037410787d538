"""Periodic jobs of the background worker that belong to no domain."""

from procrastinate.contrib.django import app

from core.files import sweep_orphan_files


@app.periodic(cron="17 3 * * *")  # daily, at night
@app.task(name="core.sweep_orphan_files", queueing_lock="core.sweep_orphan_files")
def sweep_orphan_files_daily(timestamp: int) -> None:
    """Delete stored files no row refers to and left-over uploads (``sweep_orphan_files``)."""
    sweep_orphan_files(delete=True)


@app.periodic(cron="*/10 * * * *")
@app.task(name="core.retry_stalled_jobs", queueing_lock="core.retry_stalled_jobs")
async def retry_stalled_jobs(timestamp: int) -> None:
    """Queue again the jobs of a worker that stopped without finishing them (killed, the machine
    restarted): one that sent no heartbeat for a while. Each retry counts as an attempt, so a
    job that keeps killing its worker is not retried forever (``workshops.tasks``)."""
    for job in await app.job_manager.get_stalled_jobs():
        await app.job_manager.retry_job(job)
