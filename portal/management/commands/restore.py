from datetime import datetime
from pathlib import Path

import environ
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Palauttaa backup-komennon arkiston tyhjään tietokantaan ja tiedostot tallennustilaan "
        "(MEDIA_ROOT tai S3-säilö). "
        "Tarkistaa arkiston tarkistussummat ensin."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Palautettava arkisto (.tar.gz).")
        parser.add_argument(
            "--database-url",
            help="Kohdetietokanta, esim. postgres://lape@/lape_uusi; oletuksena DATABASE_URL.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Korvaa tallennustilassa jo olevat samannimiset tiedostot.",
        )

    def handle(self, *args, archive: Path, database_url: str | None, force: bool, **options):
        database = (
            environ.Env.db_url_config(database_url)
            if database_url
            else connections[DEFAULT_DB_ALIAS].settings_dict
        )
        try:
            result = restore_backup(
                archive=archive,
                database=database,
                storage=default_storage,
                force=force,
            )
        except BackupError as error:
            raise CommandError(f"Palautus epäonnistui: {error}") from error
        created = timezone.localtime(datetime.fromisoformat(result.created))
        self.stdout.write(
            self.style.SUCCESS(
                f"Palautettu {created:%d.%m.%Y %H.%M} otettu varmuuskopio tietokantaan "
                f"{database.get('NAME')}: {result.table_count} taulua, {result.row_count} riviä, "
                f"{result.file_count} tiedostoa ({result.file_bytes} tavua)."
            )
        )
