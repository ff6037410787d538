"""Print everything the portal holds of a person as one JSON document."""

import json

from django.core.management.base import BaseCommand

from portal.personal_data import person_export


class Command(BaseCommand):
    help = "Export a person's data (by e-mail address) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(person_export(email), ensure_ascii=False, indent=2))
