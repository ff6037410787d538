"""Euros as Finns read and type them: the model field, formatting for pages and form inputs,
and parsing of what people type into money fields.

Pages and forms show one format per interface language: "12 500,50 €" in Finnish and
Swedish (non-breaking spaces between thousands, a decimal comma), "€12,500.50" in English.
``MoneyFormField`` accepts that format back, and the other ways people write euros
("12500,50", "12500.50", "12 500,50 €", "1.750.000"), in every language.
"""

import dataclasses
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

NBSP = "\N{NO-BREAK SPACE}"
MINUS = "\N{MINUS SIGN}"
ZERO = Decimal(0)

# Where the euro and percent signs go in each interface language; Finnish and Swedish put
# them after the number behind a non-breaking space, English puts them right next to it.
MONEY_PATTERNS = {"en": "€{}"}
PERCENT_PATTERNS = {"en": "{}%"}
DEFAULT_MONEY_PATTERN = f"{{}}{NBSP}€"
DEFAULT_PERCENT_PATTERN = f"{{}}{NBSP}%"

# The amount shown in the "invalid" message, in the format of the active language.
EXAMPLE_AMOUNT = Decimal("12500.50")
INVALID_MONEY = gettext_lazy("Syötä summa euroina, esimerkiksi %(example)s.")
NEGATIVE_MONEY = gettext_lazy("Summa ei voi olla negatiivinen.")

# What remains of a typed amount once its spaces are gone: an optional minus and euro sign
# (as "-€12", "€-12" or "-12 €") around digits and separators.
MONEY_RE = re.compile(
    r"(?P<sign1>-)?(?P<currency1>€|EUR)?(?P<sign2>-)?(?P<number>[0-9.,]+)(?P<currency2>€|EUR)?",
    re.IGNORECASE,
)
DIGITS_RE = re.compile(r"[0-9]+")


def _language() -> str:
    return (get_language() or "fi").split("-")[0]


def format_number(value, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals and grouped by thousands with the
    separators of the active language: ``Decimal("12500.5")``, 2 -> "12 500,50" (with
    non-breaking spaces) in Finnish and Swedish, "12,500.50" in English.

    The number without a currency sign, as money inputs show it; a negative number gets a
    real minus sign (U+2212), which ``parse_money`` reads back.
    """
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # number_format cuts extra decimals off instead of rounding, hence the quantize above.
    grouped = number_format(abs(rounded), places, use_l10n=True, force_grouping=True)
    return f"{MINUS}{grouped}" if rounded < 0 else grouped


def format_money(value) -> str:
    """Euros with cents in the active language: ``Decimal("1750000")`` -> "1 750 000,00 €"
    in Finnish and Swedish, "€1,750,000.00" in English; None -> "ei tiedossa" (unknown).

    The spaces are non-breaking, so that an amount never wraps across lines.
    """
    if value is None or value == "":
        return _("ei tiedossa")
    pattern = MONEY_PATTERNS.get(_language(), DEFAULT_MONEY_PATTERN)
    return pattern.format(format_number(value, 2))


def format_percent(fraction) -> str:
    """A fraction as a percentage with one decimal in the active language: 0.255 -> "25,5 %"
    in Finnish and Swedish, "25.5%" in English; None -> "ei tiedossa" (unknown)."""
    if fraction is None or fraction == "":
        return _("ei tiedossa")
    pattern = PERCENT_PATTERNS.get(_language(), DEFAULT_PERCENT_PATTERN)
    return pattern.format(format_number(Decimal(str(fraction)) * 100, 1))


def _invalid() -> ValidationError:
    return ValidationError(
        INVALID_MONEY, code="invalid", params={"example": format_number(EXAMPLE_AMOUNT, 2)}
    )


def _is_space(char: str) -> bool:
    # Zs covers the no-break space U+00A0, the narrow no-break space U+202F, the thin space
    # U+2009 and the figure space U+2007; isspace() tabs and line breaks.
    return char.isspace() or unicodedata.category(char) == "Zs"


def _grouped(digits: str, separator: str) -> bool:
    """Whether ``digits`` is grouped by thousands with ``separator``, as "1.750.000"."""
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(separator)}[0-9]{{3}})+", digits) is not None


def _plain_number(number: str) -> str:
    """``number`` (digits, commas and points) as "1234.56", or ValidationError."""
    commas, points = number.count(","), number.count(".")
    if commas and points:
        # Both kinds: the last one separates the decimals, the other groups the thousands.
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        whole, _separator, cents = number.rpartition(decimal)
        if not _grouped(whole, grouping) or not DIGITS_RE.fullmatch(cents):
            raise _invalid()
        return f"{whole.replace(grouping, '')}.{cents}"
    if commas + points == 1:
        # One separator separates the decimals, even "1,500" (a Finn's 1,5), never thousands.
        whole, _separator, cents = number.replace(",", ".").partition(".")
        if not DIGITS_RE.fullmatch(whole) or not DIGITS_RE.fullmatch(cents):
            raise _invalid()
        return f"{whole}.{cents}"
    if commas or points:
        # One kind several times groups the thousands: "1.750.000", "1,750,000".
        separator = "," if commas else "."
        if not _grouped(number, separator):
            raise _invalid()
        return number.replace(separator, "")
    return number


def parse_money(text: str) -> Decimal:
    """The amount of euros in ``text`` as people type it, or ValidationError (code "invalid").

    Accepted: "12 500,50", "12500,50", "12 500,50 €", "€12,500.50", "12500.50", "1 750 000",
    "1.750.000", "12 500 EUR". Spaces of every kind (also no-break, narrow no-break and thin
    spaces) are ignored, as are a euro sign or "EUR" before or after the number. A minus
    ("-" or U+2212) gives a negative amount, for the field's validators to refuse.

    Separators: when both "," and "." occur, the last one separates the decimals and the
    other must group the thousands by three ("12.500,50", "12,500.50"). A separator that
    occurs once separates the decimals, so "12,5" and "12.5" are both 12.5, and the Finnish
    reading wins for "1,500": Decimal("1.500"), 1.5 with three decimals, which a field with
    two decimal places refuses instead of guessing. A separator that occurs several times
    groups thousands ("1.750.000").

    The Decimal keeps the decimals as typed ("12,50" -> Decimal("12.50")); their number is
    left for the field to check.
    """
    compact = "".join(char for char in text if not _is_space(char)).replace(MINUS, "-")
    match = MONEY_RE.fullmatch(compact)
    if (
        match is None
        or (match["sign1"] and match["sign2"])
        or (match["currency1"] and match["currency2"])
    ):
        raise _invalid()
    amount = Decimal(_plain_number(match["number"]))
    if match["sign1"] or match["sign2"]:
        amount = -amount
    # "-0" is zero, not a negative amount.
    return amount if amount else abs(amount)


class MoneyInput(forms.TextInput):
    """A text input for euros: shows an amount as the pages do ("12 500,50" in Finnish,
    "12,500.50" in English), without the euro sign, and asks phones for a numeric keyboard.

    A text input rather than a number input, which refuses the decimal comma. What the user
    typed (the data of a bound form) is shown back as typed.
    """

    places = 2

    def __init__(self, attrs=None, places: int = 2):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.places = places

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_number(value, self.places)
        return super().format_value(value)


class MoneyFormField(forms.DecimalField):
    """A form field for euros that accepts what people type (see ``parse_money``) in every
    language, whether or not the field is localized, and shows amounts with ``MoneyInput``.

    Defaults to two decimals and no negative amounts, as euros in a model's money field;
    ``min_value=None`` allows negative amounts. A model field for money can default its
    ``formfield()``'s ``form_class`` to this, so that ModelForms and the admin use it.
    """

    widget = MoneyInput
    default_error_messages = {
        "invalid": INVALID_MONEY,
        "min_value": NEGATIVE_MONEY,
    }

    def __init__(self, *, min_value=ZERO, decimal_places=2, **kwargs):
        super().__init__(min_value=min_value, decimal_places=decimal_places, **kwargs)
        if isinstance(self.widget, MoneyInput) and decimal_places is not None:
            self.widget.places = decimal_places

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, float):
            return Decimal(str(value))
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_money(str(value))
        except ValidationError as error:
            # The form's own "invalid" message, if it has one, with the example amount.
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params=error.params
            ) from error


class MoneyField(models.DecimalField):
    """Euros with cents; never negative. Its form field is ``MoneyFormField``, in the portal's
    forms and the admin alike."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(ZERO)])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})


def non_negative(field: str) -> models.CheckConstraint:
    """The database rule that an amount is never negative, with its one message."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=f"%(app_label)s_%(class)s_{field}_non_negative",
        violation_error_message=NEGATIVE_MONEY,
    )


@dataclasses.dataclass
class MoneyTotal:
    """A sum of amounts of which some may be unknown (None) or known only in part.

    ``amount`` sums the known amounts; it is None ("ei tiedossa") when no part is known.
    ``left_out`` counts the parts whose amount is unknown, wholly or in part, which a page
    showing the sum must say it leaves out.
    """

    known: Decimal = ZERO
    known_parts: int = 0
    left_out: int = 0

    def add_sum(self, known: Decimal | None, *, parts: int, left_out: int) -> None:
        """Add a sum of ``parts`` known amounts (``known``, None when there are none) that
        leaves out ``left_out`` parts whose amount is unknown or known only in part."""
        self.known += known or ZERO
        self.known_parts += parts
        self.left_out += left_out

    @property
    def amount(self) -> Decimal | None:
        if not self.known_parts and self.left_out:
            return None
        return self.known

    @property
    def is_partial(self) -> bool:
        """Whether the sum is known but leaves unknown parts out."""
        return bool(self.known_parts and self.left_out)
