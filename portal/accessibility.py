"""What the accessibility statement says of the portal; the statement's pages show this, and
the tests that know of a shortcoming check that it is listed here."""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# When the portal was last assessed, and how.
ASSESSED_ON = datetime.date(2026, 12, 3)
STATEMENT_UPDATED_ON = datetime.date(2026, 12, 3)


@dataclass(frozen=True)
class Shortcoming:
    """A known way in which the portal falls short of WCAG 2.1 AA, and why."""

    key: str
    what: Promise
    why: Promise
    criteria: tuple[str, ...]
    # Rules of axe-core that find this shortcoming, for the browser tests.
    axe_rules: tuple[str, ...] = field(default=())


KNOWN_SHORTCOMINGS = (
    Shortcoming(
        key="attachments",
        what=_(
            "Kokousten liitteet ovat kuntien ja hankkeiden laatimia PDF- ja "
            "toimisto-ohjelmatiedostoja. Osasta puuttuu otsikkorakenne, kuvien tekstivastineet "
            "tai lukemisjärjestys, eikä skannattujen tiedostojen tekstiä voi lukea ruudunlukijalla."
        ),
        why=_(
            "Liitteet ovat osallistujien omia asiakirjoja. Ennen 23.9.2018 julkaistut "
            "toimisto-ohjelmatiedostot eivät kuulu lain 306/2019 soveltamisalaan. Uusia liitteitä "
            "pyydetään saavutettavina; saavutettavan version saa pyytämällä palautelomakkeella."
        ),
        criteria=("1.1.1", "1.3.1", "1.3.2", "2.4.2"),
    ),
    Shortcoming(
        key="finnish_only_content",
        what=_(
            "Osa hankkeiden, kokousten ja muistioiden sisällöstä on vain suomeksi myös ruotsin- "
            "ja englanninkielisillä sivuilla."
        ),
        why=_(
            "Sisällöt ovat hankkeiden itse kirjoittamia, eikä kaikkea ole käännetty. "
            "Suomenkielinen sisältö on merkitty suomenkieliseksi, jotta ruudunlukija lukee sen "
            "oikein."
        ),
        criteria=("3.1.2",),
    ),
)


def known_axe_rules() -> set[str]:
    """The axe-core rules whose findings are known shortcomings listed in the statement."""
    return {rule for shortcoming in KNOWN_SHORTCOMINGS for rule in shortcoming.axe_rules}
