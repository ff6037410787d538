from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.icons import SPRITE, UnknownIcon, sprite_from_css


class Command(BaseCommand):
    help = (
        "Kokoaa portaalin käyttämät Helsingin design-järjestelmän kuvakkeet hds-core-paketin "
        "tiedostosta lib/icons/icons.css yhdeksi SVG-tiedostoksi (static/icons/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("icons_css", type=Path, help="hds-core-paketin lib/icons/icons.css")

    def handle(self, *args, icons_css: Path, **options):
        try:
            sprite = sprite_from_css(icons_css.read_text(encoding="utf-8"))
        except UnknownIcon as error:
            raise CommandError(f"hds-core-paketissa ei ole kuvaketta {error}.") from error
        target = Path(settings.BASE_DIR) / "static" / SPRITE
        target.write_text(sprite, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Kirjoitettu {target}."))
