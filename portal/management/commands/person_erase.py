"""Erase a person's data (by e-mail address): accounts, contacts, feedback, e-mail deleted,
registrations anonymised, change history scrubbed."""

from django.core.management.base import BaseCommand, CommandError

from portal.personal_data import person_records
from portal.services import person_erase


class Command(BaseCommand):
    help = "Erase a person's data (by e-mail address) from every table and its history."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not person_records(email).exists():
            raise CommandError(f"Nothing is stored of {email}.")
        erased = person_erase(email=email)
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in erased.items()))
