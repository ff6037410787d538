"""Synthetic data at national scale for the benchmark (``portal.scale_data``)."""

from django.core.management.base import BaseCommand, CommandError

from portal.scale_data import generate
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Luo synteettisen aineiston mittakaavassa S (S=1: 2 000 hanketta, 100 000 kokousta, "
        "500 000 ilmoittautumista) tyhjään tietokantaan; sama siemen antaa samat rivit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, required=True, help="Mittakaava, esim. 0.01.")
        parser.add_argument("--seed", type=int, default=1, help="Satunnaislukujen siemen.")

    def handle(self, *args, scale: float, seed: int, verbosity: int, **options):
        if not 0 < scale <= 10:
            raise CommandError("Mittakaavan on oltava välillä 0–10.")
        if Project.objects.exists():
            raise CommandError("Tietokannassa on jo hankkeita: käytä tyhjää tietokantaa.")
        counts = generate(scale=scale, seed=seed, progress=verbosity > 0)
        for model, count in counts.items():
            self.stdout.write(f"{model}: {count}")
