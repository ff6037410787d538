import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from portal.backup import BackupError, create_backup, default_backup_name


class Command(BaseCommand):
    help = (
        "Kirjoittaa varmuuskopion (tietokanta pg_dumpilla ja ladatut tiedostot) yhteen "
        "tar.gz-arkistoon, oletuksena var/backups/lape-VVVVKKPP-HHMMSS.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "backups") + os.sep,
            help="Arkiston polku, tai kansio (/-loppuinen tai olemassa oleva), johon arkisto "
            "kirjoitetaan oletusnimellä.",
        )

    def handle(self, *args, output: str, **options):
        path = Path(output)
        if output.endswith(os.sep) or path.is_dir():
            path = path / default_backup_name()
        try:
            result = create_backup(
                output=path.resolve(),
                database=connections[DEFAULT_DB_ALIAS].settings_dict,
                storage=default_storage,
            )
        except BackupError as error:
            raise CommandError(f"Varmuuskopiointi epäonnistui: {error}") from error
        for name in result.missing_files:
            self.stderr.write(
                self.style.WARNING(f"Tiedosto puuttui jo tallennustilasta, ei arkistossa: {name}")
            )
        for name in result.orphan_files:
            self.stderr.write(
                self.style.WARNING(
                    f"Tiedostoon ei viitata, ei arkistossa (sweep_orphan_files): {name}"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Varmuuskopio kirjoitettu: {result.path} "
                f"({result.file_count} tiedostoa, {result.size} tavua)."
            )
        )
