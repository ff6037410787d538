"""The shared template filters and the funding chart."""

from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template

from projects.templatetags.portal import funding_chart, money, percent, share_of

NBSP = "\N{NO-BREAK SPACE}"


def test_money_formats_euros_the_finnish_way_with_non_breaking_spaces():
    assert money(Decimal("1750000")) == f"1{NBSP}750{NBSP}000,00{NBSP}€"


def test_money_rounds_to_cents_and_shows_small_amounts_without_grouping():
    assert money(Decimal("12.345")) == f"12,35{NBSP}€"
    assert money(Decimal("0")) == f"0,00{NBSP}€"


def test_money_shows_a_dash_for_an_unknown_amount():
    assert money(None) == "–"


def test_money_works_in_a_template():
    rendered = Template("{% load portal %}{{ amount|money }}").render(
        Context({"amount": Decimal("1400000.00")})
    )
    assert rendered == f"1{NBSP}400{NBSP}000,00{NBSP}€"


def test_percent_has_one_decimal_and_a_decimal_comma():
    assert percent(Decimal("0.255")) == f"25,5{NBSP}%"
    assert percent(Decimal("1")) == f"100,0{NBSP}%"
    assert percent(None) == "–"


def test_share_of_divides_and_is_none_without_a_whole():
    assert share_of(Decimal("250"), Decimal("1000")) == Decimal("0.25")
    assert share_of(Decimal("250"), Decimal("0")) is None
    assert share_of(None, Decimal("10")) is None


def funded(**figures):
    defaults = {
        "amount_granted": Decimal("1400000.00"),
        "total_budget": Decimal("1750000.00"),
        "amount_planned": Decimal("875000.00"),
        "amount_spent": Decimal("0.00"),
    }
    return SimpleNamespace(**{**defaults, **figures})


def test_funding_chart_scales_the_bars_to_the_largest_amount():
    bars = funding_chart(funded())["bars"]
    widths = {bar["label"]: bar["width"] for bar in bars}
    assert widths == {
        "Myönnetty avustus": 224,
        "Kokonaisbudjetti": 280,
        "Suunniteltu": 140,
        "Toteutunut": 0,
    }


def test_funding_chart_reads_every_amount_in_its_label():
    label = funding_chart(funded())["aria_label"]
    assert f"Myönnetty avustus 1{NBSP}400{NBSP}000,00{NBSP}€" in label
    assert f"Toteutunut 0,00{NBSP}€" in label


def test_funding_chart_without_a_total_budget_draws_no_bar_for_it():
    bars = funding_chart(funded(total_budget=None))["bars"]
    budget = next(bar for bar in bars if bar["label"] == "Kokonaisbudjetti")
    assert budget["width"] == 0
    assert budget["amount"] == "–"


def test_funding_chart_of_a_project_without_money_has_empty_bars():
    chart = funding_chart(
        funded(
            amount_granted=Decimal("0"),
            total_budget=None,
            amount_planned=Decimal("0"),
            amount_spent=Decimal("0"),
        )
    )
    assert [bar["width"] for bar in chart["bars"]] == [0, 0, 0, 0]
