"""The project list's filter form and the coordinator's forms, with the model's constraints."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory, RegionFactory
from projects.forms import (
    BudgetLineForm,
    ContactForm,
    ExpenseForm,
    PartnerForm,
    ProjectFilterForm,
    ProjectForm,
)
from projects.models import CostCategory, PartnerRole, Project
from projects.tests.factories import (
    BudgetLineFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def test_filter_form_offers_regions_and_areas_by_code_and_finds_a_typed_municipality():
    RegionFactory(code="07", name_fi="Päijät-Häme")
    DevelopmentAreaFactory(number=2, name_fi="Varhaiskasvatus")
    lahti = MunicipalityFactory(code="398", name_fi="Lahti")
    form = ProjectFilterForm({"municipality": "lahti"})
    assert ("07", "Päijät-Häme") in form.fields["region"].choices
    assert (2, "II Varhaiskasvatus") in form.fields["development_area"].choices
    assert form.is_valid()
    assert form.cleaned_data["municipality"] == lahti


def test_filter_form_without_choices_lists_every_project_by_name():
    ProjectFactory(name="Bertta")
    ProjectFactory(name="Aalto")
    projects = ProjectFilterForm({}).apply(Project.objects.all())
    assert [project.name for project in projects] == ["Aalto", "Bertta"]


def test_filter_form_keeps_the_valid_filters_when_one_is_invalid():
    ProjectFactory(name="Käynnissä", status="running")
    ProjectFactory(name="Päättynyt", status="ended")
    form = ProjectFilterForm({"status": "ended", "sort": "sideways"})
    projects = form.apply(Project.objects.with_funding())
    assert [project.name for project in projects] == ["Päättynyt"]
    assert "sort" in form.errors


def budget_line_data(**overrides):
    return {"year": "2017", "category": CostCategory.TRAVEL, "amount": "1500,50", **overrides}


# Every money field of the coordinator's forms: the form, the field and the rest of its data.
MONEY_FIELDS = [
    (ProjectForm, "total_budget", lambda project: {"status": "running"}),
    (BudgetLineForm, "amount", lambda project: budget_line_data()),
    (
        ExpenseForm,
        "amount",
        lambda project: {
            "budget_line": BudgetLineFactory(project=project, year=2017).pk,
            "date": "2017-03-02",
            "description": "Matka",
        },
    ),
    (
        PartnerForm,
        "funded_share",
        lambda project: {"organisation": OrganisationFactory().pk, "role": PartnerRole.PARTNER},
    ),
]


def money_form(form_class, field: str, data_for, text: str):
    project = ProjectFactory()
    data = {**data_for(project), field: text}
    if form_class is ProjectForm:
        return ProjectForm(data, instance=project)
    return form_class(data, project=project)


@pytest.mark.parametrize(
    "text",
    [
        f"12{NBSP}500,50",  # as the pages and inputs show amounts
        f"12{NBSP}500,50{NBSP}€",
        "12 500,50 €",
        "12500,50",
        "12500.50",
    ],
)
@pytest.mark.parametrize(
    "form_class, field, data_for", MONEY_FIELDS, ids=[f[0].__name__ for f in MONEY_FIELDS]
)
def test_money_fields_accept_amounts_as_finns_type_them(form_class, field, data_for, text):
    form = money_form(form_class, field, data_for, text)
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field] == Decimal("12500.50")


@pytest.mark.parametrize(
    "form_class, field, data_for", MONEY_FIELDS, ids=[f[0].__name__ for f in MONEY_FIELDS]
)
def test_money_fields_refuse_an_unreadable_amount_with_a_finnish_example(
    form_class, field, data_for
):
    form = money_form(form_class, field, data_for, "12 500 € 50")
    assert form.errors[field] == [f"Syötä summa euroina, esimerkiksi 12{NBSP}500,50."]


@pytest.mark.parametrize(
    "form_class, field, data_for", MONEY_FIELDS, ids=[f[0].__name__ for f in MONEY_FIELDS]
)
def test_money_fields_refuse_a_negative_amount_in_finnish(form_class, field, data_for):
    form = money_form(form_class, field, data_for, "-1")
    assert form.errors[field] == ["Summa ei voi olla negatiivinen."]


@pytest.mark.parametrize("language, shown", [("fi", f"12{NBSP}500,50"), ("sv", f"12{NBSP}500,50")])
def test_edit_forms_show_amounts_as_the_pages_do(language, shown):
    line = BudgetLineFactory(amount=Decimal("12500.50"))
    partner = ProjectPartnerFactory(funded_share=Decimal("12500.50"))
    expense = ExpenseFactory(amount=Decimal("12500.50"))
    project = ProjectFactory(total_budget=Decimal("12500.50"))
    with translation.override(language):
        fields = [
            BudgetLineForm(instance=line, project=line.project)["amount"],
            PartnerForm(instance=partner, project=partner.project)["funded_share"],
            ExpenseForm(instance=expense, project=expense.budget_line.project)["amount"],
            ProjectForm(instance=project)["total_budget"],
        ]
        for bound_field in fields:
            html = str(bound_field)
            assert f'value="{shown}"' in html, html
            assert 'inputmode="decimal"' in html


def test_budget_line_form_offers_the_projects_years():
    project = ProjectFactory(
        start_date=datetime.date(2016, 9, 1), end_date=datetime.date(2019, 2, 28)
    )
    form = BudgetLineForm(project=project)
    assert form.fields["year"].choices == [(2016, 2016), (2017, 2017), (2018, 2018), (2019, 2019)]


@pytest.mark.parametrize("with_area", [True, False])
def test_budget_line_form_refuses_a_duplicate_line_in_finnish(with_area):
    project = ProjectFactory()
    area = DevelopmentAreaFactory(number=1) if with_area else None
    BudgetLineFactory(
        project=project, year=2017, category=CostCategory.TRAVEL, development_area=area
    )
    data = budget_line_data(development_area=area.pk if area else "")
    form = BudgetLineForm(data, project=project)
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Hankkeella on jo budjettirivi tälle vuodelle, kustannuslajille, "
        "kehittämiskokonaisuudelle ja kumppanille."
    ]


def test_budget_line_form_allows_the_same_line_in_another_project():
    BudgetLineFactory(year=2017, category=CostCategory.TRAVEL)
    assert BudgetLineForm(budget_line_data(), project=ProjectFactory()).is_valid()


def test_budget_line_form_lets_a_line_keep_its_own_values():
    line = BudgetLineFactory(year=2017, category=CostCategory.TRAVEL)
    form = BudgetLineForm(budget_line_data(), instance=line, project=line.project)
    assert form.is_valid(), form.errors


def test_expense_form_offers_only_the_projects_budget_lines_by_year_and_category():
    project = ProjectFactory()
    own = BudgetLineFactory(
        project=project,
        year=2017,
        category=CostCategory.TRAVEL,
        development_area=DevelopmentAreaFactory(number=2, name_fi="Varhaiskasvatus"),
    )
    BudgetLineFactory(year=2017)
    form = ExpenseForm(project=project)
    assert list(form.fields["budget_line"].queryset) == [own]
    assert form.fields["budget_line"].label_from_instance(own) == (
        "2017 – matkakulut – II Varhaiskasvatus"
    )


def test_contact_form_has_no_user_account_field():
    assert "user" not in ContactForm(project=ProjectFactory()).fields


def test_partner_form_needs_an_organisation_or_a_municipality_but_not_both():
    data = {
        "organisation": OrganisationFactory().pk,
        "municipality": MunicipalityFactory().pk,
        "role": PartnerRole.PARTNER,
    }
    form = PartnerForm(data, project=ProjectFactory())
    assert form.non_field_errors() == ["Valitse joko organisaatio tai kunta."]


def test_partner_form_refuses_the_same_partner_twice_in_finnish():
    partner = ProjectPartnerFactory()
    data = {"organisation": partner.organisation.pk, "role": PartnerRole.PARTNER}
    form = PartnerForm(data, project=partner.project)
    assert form.non_field_errors() == ["Kumppani on jo mukana hankkeessa."]


def test_project_form_offers_no_name_or_region():
    form = ProjectForm(instance=ProjectFactory())
    assert not {"name", "slug", "region", "administering_municipality"} & set(form.fields)


@pytest.mark.parametrize("view", ["projects:contact_update", "projects:contact_delete"])
def test_coordinator_cannot_change_a_contact_that_carries_a_user_account(
    client, coordinator, project, view
):
    own_contact = project.contacts.get(user=coordinator)
    client.force_login(coordinator)
    url = reverse(view, args=[project.slug, own_contact.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "X", "role": "change_agent"}).status_code == 403
    own_contact.refresh_from_db()
    assert own_contact.role == "coordinator"
    assert "projects.change_project" in coordinator.get_all_permissions()


def test_admin_may_change_a_contact_that_carries_a_user_account(
    client, coordinator, project, portal_admin
):
    own_contact = project.contacts.get(user=coordinator)
    client.force_login(portal_admin)
    url = reverse("projects:contact_update", args=[project.slug, own_contact.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"name": "Koordinaattori", "role": "coordinator", "title": "Muutosagentti"}
    )

    assert response.status_code == 302
    own_contact.refresh_from_db()
    assert own_contact.title == "Muutosagentti"
    assert own_contact.user == coordinator


def test_a_web_address_typed_without_its_scheme_is_taken_as_https():
    project = ProjectFactory()
    form = ProjectForm(
        {"status": "running", "plan_url": "lape.example.fi/hankesuunnitelma.pdf"},
        instance=project,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["plan_url"] == "https://lape.example.fi/hankesuunnitelma.pdf"
