"""The funding chart of a project's page."""

from decimal import Decimal
from types import SimpleNamespace

from projects.templatetags.funding import funding_chart

NBSP = "\N{NO-BREAK SPACE}"


def funded(**figures):
    defaults = {
        "amount_granted": Decimal("1400000.00"),
        "total_budget": Decimal("1750000.00"),
        "amount_planned": Decimal("875000.00"),
        "amount_spent": Decimal("0.00"),
        "granted_is_partial": False,
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
    assert budget["amount"] == "ei tiedossa"


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


def test_funding_chart_of_an_unknown_granted_sum_says_so_and_draws_no_bar():
    chart = funding_chart(funded(amount_granted=None))
    granted = chart["bars"][0]
    assert (granted["width"], granted["amount"]) == (0, "ei tiedossa")
    assert "Myönnetty avustus ei tiedossa" in chart["aria_label"]
    assert chart["bars"][1]["width"] == 280


def test_funding_chart_of_a_granted_sum_without_the_unknown_grants_reads_at_least():
    chart = funding_chart(funded(granted_is_partial=True))
    granted = chart["bars"][0]
    assert granted["width"] == 224
    assert granted["amount"] == f"vähintään 1{NBSP}400{NBSP}000,00{NBSP}€"
    assert f"Myönnetty avustus vähintään 1{NBSP}400{NBSP}000,00{NBSP}€" in chart["aria_label"]
