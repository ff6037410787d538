"""The number filters every app's templates load: ``{% load formats %}``."""

from decimal import Decimal

from django.template import Context, Template

from core.money import format_money as money
from core.money import format_percent as percent
from core.templatetags.formats import share_of

NBSP = "\N{NO-BREAK SPACE}"


def test_money_formats_euros_the_finnish_way_with_non_breaking_spaces():
    assert money(Decimal("1750000")) == f"1{NBSP}750{NBSP}000,00{NBSP}€"


def test_money_rounds_to_cents_and_shows_small_amounts_without_grouping():
    assert money(Decimal("12.345")) == f"12,35{NBSP}€"
    assert money(Decimal("0")) == f"0,00{NBSP}€"


def test_money_says_when_an_amount_is_unknown():
    assert money(None) == "ei tiedossa"


def test_money_works_in_a_template():
    rendered = Template("{% load formats %}{{ amount|money }}").render(
        Context({"amount": Decimal("1400000.00")})
    )
    assert rendered == f"1{NBSP}400{NBSP}000,00{NBSP}€"


def test_percent_has_one_decimal_and_a_decimal_comma():
    assert percent(Decimal("0.255")) == f"25,5{NBSP}%"
    assert percent(Decimal("1")) == f"100,0{NBSP}%"
    assert percent(None) == "ei tiedossa"


def test_share_of_divides_and_is_none_without_a_whole():
    assert share_of(Decimal("250"), Decimal("1000")) == Decimal("0.25")
    assert share_of(Decimal("250"), Decimal("0")) is None
    assert share_of(None, Decimal("10")) is None
