from django.core.management.base import BaseCommand

from core.files import sweep_orphan_files


class Command(BaseCommand):
    help = (
        "Luettelee yli tunnin vanhat tiedostot, joihin mikään rivi ei viittaa (MEDIA_ROOT), ja "
        "keskeytyneiden latausten jäänteet (FILE_UPLOAD_TEMP_DIR); --delete poistaa ne."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Poista löydetyt tiedostot.")

    def handle(self, *args, delete: bool, **options):
        orphans = sweep_orphan_files(delete=delete)
        for path in orphans:
            self.stdout.write(str(path))
        verb = "Poistettu" if delete else "Löydetty"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orpoa tiedostoa."))
