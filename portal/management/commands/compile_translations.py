"""Compiles the translation catalogues in pure Python, so that a fresh machine without GNU
gettext (which Django's ``compilemessages`` needs) gets the Swedish and English interface."""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# A named placeholder such as %(name)s or %(count)d. A translation that brings in one its
# msgid does not have makes the page crash with a KeyError when it is rendered.
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def catalogue_problems(catalogue: polib.POFile) -> list[str]:
    """Why the catalogue may not be compiled: a fuzzy header, fuzzy or untranslated entries,
    and translations whose placeholders differ from their msgid's. Empty when it is ready."""
    problems = ["otsake on merkitty sumeaksi (fuzzy)"] if catalogue.metadata_is_fuzzy else []
    problems += [f"sumea (fuzzy): {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
    problems += [f"kääntämättä: {entry.msgid!r}" for entry in catalogue.untranslated_entries()]
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            # A plural form may leave the number out ("one project"), never add a name.
            allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            if any(not placeholders(form) <= allowed for form in entry.msgstr_plural.values()):
                problems.append(f"paikanvaraajat eivät vastaa alkuperäistä: {entry.msgid!r}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"paikanvaraajat eivät vastaa alkuperäistä: {entry.msgid!r}")
    return problems


class Command(BaseCommand):
    help = (
        "Kääntää jokaisen locale/*/LC_MESSAGES/django.po-tiedoston .mo-tiedostoksi ilman GNU "
        "gettextiä. Kieltäytyy, jos jossakin luettelossa on sumeita tai kääntämättömiä "
        "merkkijonoja."
    )
    # Runs before migrate in `make`; nothing here needs the checks or the database.
    requires_system_checks = []

    def handle(self, *args, **options):
        paths = sorted(
            path
            for locale_dir in settings.LOCALE_PATHS
            for path in Path(locale_dir).glob("*/LC_MESSAGES/django.po")
        )
        if not paths:
            raise CommandError(f"Käännösluetteloita ei löytynyt: {settings.LOCALE_PATHS}")
        catalogues = {path: polib.pofile(str(path)) for path in paths}
        report = [
            f"{path}: {problem}"
            for path, catalogue in catalogues.items()
            for problem in catalogue_problems(catalogue)
        ]
        if report:
            raise CommandError(
                "Käännösluettelot eivät ole valmiita, .mo-tiedostoja ei kirjoitettu:\n"
                + "\n".join(report)
            )
        for path, catalogue in catalogues.items():
            catalogue.save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(f"{path.with_suffix('.mo')}: {len(catalogue)} merkkijonoa")
        self.stdout.write(self.style.SUCCESS("Käännösluettelot käännetty."))
