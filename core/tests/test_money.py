"""Euros formatted for pages and inputs, and parsed from what Finns type into money fields."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.money import (
    MoneyField,
    MoneyFormField,
    MoneyInput,
    format_money,
    format_number,
    format_percent,
    parse_money,
)

NBSP = "\N{NO-BREAK SPACE}"
NNBSP = "\N{NARROW NO-BREAK SPACE}"
THIN = "\N{THIN SPACE}"
MINUS = "\N{MINUS SIGN}"
INVALID = f"Syötä summa euroina, esimerkiksi 12{NBSP}500,50."
NEGATIVE = "Summa ei voi olla negatiivinen."


@pytest.fixture(autouse=True)
def finnish():
    """Finnish unless a test overrides it, as the portal's default language."""
    with translation.override("fi"):
        yield


# --- parse_money -------------------------------------------------------------------------

ACCEPTED = [
    # As the pages show amounts, with every kind of space between the thousands.
    ("12 500,50", "12500.50"),
    (f"12{NBSP}500,50", "12500.50"),
    (f"12{NNBSP}500,50", "12500.50"),
    (f"12{THIN}500,50", "12500.50"),
    (f"12{NBSP}500,50{NBSP}€", "12500.50"),
    (f"12{NNBSP}500,50{NNBSP}€", "12500.50"),
    ("12 500,50 €", "12500.50"),
    ("12 500,50€", "12500.50"),
    ("12 500,50 EUR", "12500.50"),
    ("12500 eur", "12500"),
    ("€ 12 500,50", "12500.50"),
    ("€12,500.50", "12500.50"),
    # Without grouping, with a decimal comma or point.
    ("12500,50", "12500.50"),
    ("12500.50", "12500.50"),
    ("12,5", "12.5"),
    ("12.5", "12.5"),
    ("0,05", "0.05"),
    ("0", "0"),
    ("0,00", "0.00"),
    ("1 750 000", "1750000"),
    # Points or commas as thousands separators.
    ("1.750.000", "1750000"),
    ("1,750,000", "1750000"),
    ("12.500,50", "12500.50"),
    ("12,500.50", "12500.50"),
    ("1.750.000,00 €", "1750000.00"),
    # One separator is always the decimal separator: the Finnish reading of "1,500".
    ("1,500", "1.500"),
    ("1.500", "1.500"),
    # Surrounding whitespace, as pasted.
    ("  12 500,50  ", "12500.50"),
    ("\t12500,50\n", "12500.50"),
    # Negative amounts parse, for the field's validators to refuse.
    ("-12,50", "-12.50"),
    (f"{MINUS}12,50", "-12.50"),
    (f"{MINUS}12{NBSP}500,50{NBSP}€", "-12500.50"),
    ("-€12.50", "-12.50"),
    ("€-12.50", "-12.50"),
    ("-0", "0"),
]


@pytest.mark.parametrize("text, expected", ACCEPTED)
def test_parse_money_accepts_what_finns_type(text, expected):
    amount = parse_money(text)
    # Exact: the same digits and exponent, not merely an equal value.
    assert str(amount) == expected
    assert amount == Decimal(expected)


def test_parse_money_reads_the_finnish_1_500_as_one_and_a_half():
    assert parse_money("1,500") == Decimal("1.5")


REFUSED = [
    "",
    "   ",
    f"{NBSP}{NNBSP}",
    "€",
    "EUR",
    "abc",
    "12a",
    "kaksitoista",
    "1e5",
    "NaN",
    "Infinity",
    "1_000",
    "+12",
    "0x10",
    "١٢",  # Arabic-Indic digits
    # Two decimal separators, or grouping that does not go by three.
    "1,2,3",
    "1.2.3",
    "12,50,50",
    "1.000.00",
    "12,50.50",
    "1,5000.00",
    "1.000,000,5",
    "12,,5",
    "12..5",
    # A separator without digits on both sides.
    ",50",
    "12,",
    "12.",
    ".",
    # Currency signs and minus signs in the wrong place or twice.
    "12 500 € 50",
    "€12 500 €",
    "€€12",
    "12 €€",
    "--12",
    f"-{MINUS}12",
    "-€-12",
    "12-",
    "12 500,50 € kuussa",
]


@pytest.mark.parametrize("text", REFUSED)
def test_parse_money_refuses_anything_else_with_a_finnish_example(text):
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert caught.value.code == "invalid"
    assert caught.value.messages == [INVALID]


def test_the_example_of_the_invalid_message_follows_the_language():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        parse_money("abc")
    assert caught.value.params == {"example": "12,500.50"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "amount", ["0.00", "0.05", "999.99", "1000.00", "12500.50", "1750000.00", "-12500.50"]
)
def test_parse_money_reads_back_what_format_number_shows(language, amount):
    with translation.override(language):
        assert parse_money(format_number(Decimal(amount), 2)) == Decimal(amount)


# --- Formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, amount, share",
    [
        ("fi", f"1{NBSP}750{NBSP}000,00{NBSP}€", f"25,5{NBSP}%"),
        ("sv", f"1{NBSP}750{NBSP}000,00{NBSP}€", f"25,5{NBSP}%"),
        ("en", "€1,750,000.00", "25.5%"),
        ("en-gb", "€1,750,000.00", "25.5%"),
    ],
)
def test_money_and_percentages_in_each_languages_format(language, amount, share):
    with translation.override(language):
        assert format_money(Decimal("1750000")) == amount
        assert format_percent(Decimal("0.255")) == share


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("12.345"), f"12,35{NBSP}€"),  # half up, not the banker's 12,34
        (Decimal("12.344"), f"12,34{NBSP}€"),
        (Decimal("0"), f"0,00{NBSP}€"),
        (Decimal("999.995"), f"1{NBSP}000,00{NBSP}€"),
        (Decimal("-12.5"), f"{MINUS}12,50{NBSP}€"),
        (Decimal("-0.001"), f"0,00{NBSP}€"),  # rounds to zero: no minus
        (12500, f"12{NBSP}500,00{NBSP}€"),
        (12.5, f"12,50{NBSP}€"),
        ("12500.5", f"12{NBSP}500,50{NBSP}€"),
    ],
)
def test_format_money_rounds_half_up_to_cents(value, expected):
    assert format_money(value) == expected


@pytest.mark.parametrize("value", [None, ""])
def test_an_unknown_amount_or_share_says_so_in_finnish(value):
    assert format_money(value) == "ei tiedossa"
    assert format_percent(value) == "ei tiedossa"


@pytest.mark.parametrize(
    "fraction, expected",
    [
        (Decimal("1"), f"100,0{NBSP}%"),
        (Decimal("0.12345"), f"12,3{NBSP}%"),
        (Decimal("0.00045"), f"0,0{NBSP}%"),
        (Decimal("0.0005"), f"0,1{NBSP}%"),  # half up
        (Decimal("12.5"), f"1{NBSP}250,0{NBSP}%"),
        (0.255, f"25,5{NBSP}%"),
        (Decimal("-0.1"), f"{MINUS}10,0{NBSP}%"),
    ],
)
def test_format_percent_has_one_decimal(fraction, expected):
    assert format_percent(fraction) == expected


@pytest.mark.parametrize(
    "language, value, places, expected",
    [
        ("fi", Decimal("12500.5"), 2, f"12{NBSP}500,50"),
        ("sv", Decimal("12500.5"), 2, f"12{NBSP}500,50"),
        ("en", Decimal("12500.5"), 2, "12,500.50"),
        ("fi", Decimal("1750000"), 0, f"1{NBSP}750{NBSP}000"),
        ("en", Decimal("1750000"), 0, "1,750,000"),
        ("fi", Decimal("2.5"), 0, "3"),
        ("fi", Decimal("0.125"), 2, "0,13"),
        ("fi", Decimal("-1234.5"), 1, f"{MINUS}1{NBSP}234,5"),
        ("en", Decimal("-1234.5"), 1, f"{MINUS}1,234.5"),
        ("fi", 999, 2, "999,00"),
    ],
)
def test_format_number_groups_without_a_currency_sign(language, value, places, expected):
    with translation.override(language):
        assert format_number(value, places) == expected


# --- MoneyFormField ----------------------------------------------------------------------


class BudgetForm(forms.Form):
    amount = MoneyFormField(max_digits=12)


def amount_errors(form: forms.Form) -> list[tuple[str, str]]:
    return [(error.code, message) for error in form.errors.as_data()["amount"] for message in error]


def test_a_bound_form_accepts_the_format_the_page_shows():
    form = BudgetForm({"amount": f"12{NBSP}500,50{NBSP}€"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("12500.50")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "text, expected",
    # Not negative amounts nor three decimals, which the field refuses: see below.
    [
        (text, expected)
        for text, expected in ACCEPTED
        if "-" not in expected and expected != "1.500"
    ],
)
def test_the_field_accepts_every_format_in_every_language(language, text, expected):
    with translation.override(language):
        form = BudgetForm({"amount": text})
        assert form.is_valid(), form.errors
    assert str(form.cleaned_data["amount"]) == expected


@pytest.mark.parametrize(
    "language, expected",
    [("fi", f"12{NBSP}500,50"), ("sv", f"12{NBSP}500,50"), ("en", "12,500.50")],
)
def test_an_unbound_form_shows_the_amount_as_the_pages_do(language, expected):
    with translation.override(language):
        html = str(BudgetForm(initial={"amount": Decimal("12500.5")})["amount"])
    assert f'value="{expected}"' in html
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'autocomplete="off"' in html
    assert "min=" not in html


@pytest.mark.parametrize("text", ["12 500,50 €", "12,5", "abc", "-5"])
def test_a_bound_form_shows_back_exactly_what_was_typed(text):
    html = str(BudgetForm({"amount": text})["amount"])
    assert f'value="{text}"' in html


@pytest.mark.parametrize("text", ["-100", f"{MINUS}100", f"{MINUS}12{NBSP}500,50{NBSP}€", "-0,01"])
def test_a_negative_amount_is_refused_with_the_projects_message(text):
    form = BudgetForm({"amount": text})
    assert not form.is_valid()
    assert amount_errors(form) == [("min_value", NEGATIVE)]


@pytest.mark.parametrize("text", ["12 500 € 50", "1,2,3", "abc", "€"])
def test_a_field_refuses_an_unreadable_amount_with_an_example(text):
    form = BudgetForm({"amount": text})
    assert not form.is_valid()
    assert amount_errors(form) == [("invalid", INVALID)]


@pytest.mark.parametrize("text", ["12,505", "1,500", "1.500", "0,001"])
def test_more_than_two_decimals_are_refused_by_the_decimal_places(text):
    form = BudgetForm({"amount": text})
    assert not form.is_valid()
    assert [code for code, _message in amount_errors(form)] == ["max_decimal_places"]


def test_the_model_fields_max_digits_still_apply():
    form = BudgetForm({"amount": "12 345 678 901"})
    assert not form.is_valid()
    assert [code for code, _message in amount_errors(form)] == ["max_whole_digits"]
    assert BudgetForm({"amount": "1 234 567 890,99"}).is_valid()


@pytest.mark.parametrize("text", ["", "   ", NBSP])
def test_an_empty_amount_is_required_or_none(text):
    form = BudgetForm({"amount": text})
    assert not form.is_valid()
    assert [code for code, _message in amount_errors(form)] == ["required"]
    assert MoneyFormField(required=False).clean(text) is None


def test_an_amount_shown_and_typed_back_unchanged_is_no_change():
    form = BudgetForm({"amount": f"12{NBSP}500,50"}, initial={"amount": Decimal("12500.50")})
    assert not form.has_changed()
    form = BudgetForm({"amount": "12 500,51"}, initial={"amount": Decimal("12500.50")})
    assert form.has_changed()


def test_min_value_none_allows_negative_amounts():
    assert MoneyFormField(min_value=None).clean(f"{MINUS}12,50") == Decimal("-12.50")


def test_a_forms_own_invalid_message_wins():
    field = MoneyFormField(error_messages={"invalid": "Anna avustuksen määrä."})
    with pytest.raises(ValidationError) as caught:
        field.clean("abc")
    assert caught.value.messages == ["Anna avustuksen määrä."]


def test_the_input_shows_the_fields_decimal_places():
    field = MoneyFormField(decimal_places=0)
    assert field.widget.format_value(Decimal("1750000")) == f"1{NBSP}750{NBSP}000"


@pytest.mark.parametrize("value", [None, ""])
def test_the_input_of_an_unknown_amount_is_empty(value):
    assert MoneyInput().format_value(value) is None


def test_a_localized_field_parses_and_shows_the_same():
    field = MoneyFormField(localize=True)
    assert field.clean("12.500,50") == Decimal("12500.50")
    assert field.widget.format_value(Decimal("12500.5")) == f"12{NBSP}500,50"


def test_the_input_keeps_its_own_attributes():
    widget = MoneyInput(attrs={"class": "form-control", "autocomplete": "transaction-amount"})
    assert widget.attrs == {
        "inputmode": "decimal",
        "autocomplete": "transaction-amount",
        "class": "form-control",
    }


@pytest.mark.parametrize("localize", [False, True])
def test_the_model_fields_formfield_is_money(localize):
    field = MoneyField().formfield(localize=localize)
    assert isinstance(field, MoneyFormField)
    assert isinstance(field.widget, MoneyInput)
    assert (field.max_digits, field.decimal_places, field.min_value) == (12, 2, 0)
    assert field.clean(f"12{NNBSP}500,50 €") == Decimal("12500.50")
    assert field.widget.format_value(Decimal("12500.5")) == f"12{NBSP}500,50"
