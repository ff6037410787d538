from django.core.management.base import BaseCommand

from portal.demo import load_demo


class Command(BaseCommand):
    help = "Lataa demoaineiston (LAPE-hankkeet, kunnat, kokoukset). Turvallinen ajaa uudelleen."

    def handle(self, *args, **options):
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demoaineisto ladattu."))
