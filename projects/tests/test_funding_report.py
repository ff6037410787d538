"""The funding report page, its report pack (XLSX and PDF), the reporting page of the
coordinators and the files of the project list and the budget lines."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from core.money import NBSP
from municipalities.tests.factories import OrganisationFactory, RegionFactory
from projects.models import (
    CostCategory,
    FunderReport,
    FunderReportState,
    FunderRequestStatus,
)
from projects.tests.factories import (
    BudgetLineFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    FunderReportFactory,
    FunderRequestFactory,
    GrantDecisionFactory,
    InstalmentFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


def uusimaa(project):
    """The figures the sources give for LAPE Uusimaa, with budget lines adding up to its
    total: 1.67 M EUR applied, 1.4 M EUR granted, 1.75 M EUR in total."""
    project.total_budget = Decimal("1750000.00")
    project.save()
    GrantDecisionFactory(
        project=project,
        funder=OrganisationFactory(name="Sosiaali- ja terveysministeriö"),
        amount_applied=Decimal("1670000.00"),
        amount_granted=Decimal("1400000.00"),
        reference="STM/1234/2017",
    )
    area = DevelopmentAreaFactory(number=2)
    partner = ProjectPartnerFactory(
        project=project, organisation__name="Sosiaalitaito", funded_share=Decimal("90000.00")
    )
    personnel = BudgetLineFactory(
        project=project,
        year=2017,
        category=CostCategory.PERSONNEL,
        development_area=area,
        amount=Decimal("1200000.00"),
    )
    BudgetLineFactory(
        project=project,
        year=2018,
        category=CostCategory.SERVICES,
        partner=partner,
        amount=Decimal("100000.00"),
    )
    travel = BudgetLineFactory(
        project=project, year=2018, category=CostCategory.TRAVEL, amount=Decimal("450000.00")
    )
    ExpenseFactory(budget_line=personnel, date=datetime.date(2017, 5, 3), amount=Decimal("1250"))
    ExpenseFactory(budget_line=travel, date=datetime.date(2018, 6, 1), amount=Decimal("430.50"))
    return project


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace(NBSP, " ")


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_report_pack_totals_equal_the_project_page(client, project):
    uusimaa(project)
    page = client.get(reverse("projects:detail", args=[project.slug]))
    shown = page.context["project"]
    assert shown.amount_granted == Decimal("1400000.00")
    assert shown.own_financing == Decimal("350000.00")
    assertContains(page, f"350{NBSP}000,00{NBSP}€")

    response = client.get(reverse("projects:funding_report_xlsx", args=[project.slug]))
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames == [
        "Yhteenveto",
        "Avustukset",
        "Kustannuslajeittain",
        "Kokonaisuuksittain",
        "Kumppaneittain",
        "Vuosittain",
    ]
    summary = dict(sheet_rows(workbook["Yhteenveto"])[1:])
    assert summary["Haettu avustus"] == shown.amount_applied == Decimal("1670000.00")
    assert summary["Myönnetty avustus"] == shown.amount_granted
    assert summary["Kokonaisbudjetti"] == shown.total_budget == Decimal("1750000.00")
    # Own financing is computed from the two, not typed anywhere.
    assert summary["Omarahoitus"] == shown.own_financing
    assert summary["Toteutunut"] == shown.amount_spent == Decimal("1680.50")
    assert workbook["Yhteenveto"]["B3"].number_format == '#,##0.00\\ "€"'
    grants = sheet_rows(workbook["Avustukset"])
    assert grants[1][0] == "Sosiaali- ja terveysministeriö"
    assert grants[1][2] == "STM/1234/2017"

    text = pdf_text(client.get(reverse("projects:funding_report_pdf", args=[project.slug])).content)
    for amount in ["1 670 000,00 €", "1 400 000,00 €", "1 750 000,00 €", "350 000,00 €"]:
        assert amount in text
    assert "STM/1234/2017" in text


def test_cost_views_add_up_to_the_budget_lines_and_warn_over_plan(client, project):
    uusimaa(project)
    over = BudgetLineFactory(
        project=project, year=2018, category=CostCategory.OTHER, amount=Decimal("100.00")
    )
    ExpenseFactory(budget_line=over, date=datetime.date(2018, 2, 1), amount=Decimal("150.00"))

    response = client.get(reverse("projects:funding_report_xlsx", args=[project.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    for title in ["Kustannuslajeittain", "Kokonaisuuksittain", "Kumppaneittain", "Vuosittain"]:
        rows = sheet_rows(workbook[title])
        *lines, totals = rows[1:]
        assert totals[0] == "Yhteensä"
        # The totals are values a reader can check against the rows above them.
        assert totals[1] == sum(row[1] for row in lines) == Decimal("1750100.00"), title
        assert totals[2] == sum(row[2] for row in lines) == Decimal("1830.50"), title
    by_category = {row[0]: row for row in sheet_rows(workbook["Kustannuslajeittain"])}
    assert by_category["muut kulut"][-1] == "yli suunnitelman"
    assert by_category["henkilöstökulut"][-1] is None
    by_partner = {row[0]: row for row in sheet_rows(workbook["Kumppaneittain"])}
    assert by_partner["Sosiaalitaito"][1:5] == [
        Decimal("100000.00"),
        Decimal("0.00"),
        Decimal("100000.00"),
        Decimal("90000.00"),
    ]
    assert "Hallinnoija" in by_partner
    by_year = {row[0]: row[1] for row in sheet_rows(workbook["Vuosittain"])}
    assert by_year == {
        "Vuosi": "Suunniteltu",
        "2017": Decimal("1200000.00"),
        "2018": Decimal("550100.00"),
        "Yhteensä": Decimal("1750100.00"),
    }

    page = client.get(reverse("projects:funding_report", args=[project.slug]))
    assertContains(page, '<span class="badge text-bg-danger">yli suunnitelman</span>', count=1)


@pytest.mark.parametrize("rows", [3, 6])
def test_funding_report_page_runs_the_same_queries_for_more_rows(
    client, django_assert_num_queries, project, rows
):
    for number in range(rows):
        grant = GrantDecisionFactory(project=project)
        InstalmentFactory(grant=grant, is_paid=True)
        line = BudgetLineFactory(
            project=project,
            category=CostCategory.values[number],
            development_area=DevelopmentAreaFactory(number=number % 4 + 1),
            partner=ProjectPartnerFactory(project=project),
        )
        ExpenseFactory(budget_line=line)
    # 1 savepoint, 2 the project with its region and funding sums, 3 its grants with funders
    # and paid sums, 4 their instalments, 5 the budget lines with areas, partners and spent
    # sums, 6 release savepoint.
    with django_assert_num_queries(6):
        response = client.get(reverse("projects:funding_report", args=[project.slug]))
    assert len(response.context["report"].grants) == rows


def test_funder_and_grant_are_on_the_project_page(client, project):
    grant = GrantDecisionFactory(
        project=project,
        funder=OrganisationFactory(name="Opetushallitus"),
        amount_granted=Decimal("80000.00"),
        reference="OPH-77-2017",
    )
    InstalmentFactory(grant=grant, amount=Decimal("40000.00"), is_paid=True)
    InstalmentFactory(grant=grant, amount=Decimal("40000.00"), date=datetime.date(2018, 3, 1))
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, "Opetushallitus")
    assertContains(response, "OPH-77-2017")
    assertContains(response, f"Maksettu yhteensä 40{NBSP}000,00{NBSP}€")
    assertContains(response, reverse("projects:funding_report", args=[project.slug]))
    # Visitors do not see the coordinators' reporting page.
    assert reverse("projects:reporting", args=[project.slug]) not in response.content.decode()


@pytest.mark.parametrize("rows", [3, 6])
def test_reporting_page_runs_the_same_queries_for_more_rows(
    client, django_assert_num_queries, project, coordinator, rows
):
    for _ in range(rows):
        grant = GrantDecisionFactory(project=project)
        InstalmentFactory(grant=grant)
        FunderReportFactory(grant=grant)
        request = FunderRequestFactory(grant=grant)
        request.attachments.create(
            file=SimpleUploadedFile("selvitys.pdf", b"%PDF-1.4"), original_name="selvitys.pdf"
        )
    client.force_login(coordinator)
    # 1 session, 2 user, 3 savepoint, 4 the project, 5-6 the user's and the groups'
    # permissions, 7 the projects the user coordinates, 8 grants with funders and paid sums,
    # 9 instalments, 10 reports with their funders, 11 requests with their funders, 12 their
    # attachments, 13 release savepoint.
    with django_assert_num_queries(13):
        response = client.get(reverse("projects:reporting", args=[project.slug]))
    assert len(response.context["requests"]) == rows


def test_coordinator_answers_a_funder_request_with_a_file(client, project, coordinator):
    request = FunderRequestFactory(
        grant=GrantDecisionFactory(project=project),
        description="Hankesuunnitelmaan tulee lisätä juurruttamissuunnitelma.",
        due_date=datetime.date(2017, 3, 31),
    )
    client.force_login(coordinator)
    url = reverse("projects:funder_request_update", args=[project.slug, request.pk])
    response = client.post(
        url,
        {
            "grant": request.grant.pk,
            "kind": request.kind,
            "description": request.description,
            "due_date": "2017-03-31",
            "status": FunderRequestStatus.DONE,
            "answer": "Juurruttamissuunnitelma on liitteenä.",
            "answered_on": "",
            "files": [SimpleUploadedFile("suunnitelma.pdf", b"%PDF-1.4 suunnitelma")],
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answer == "Juurruttamissuunnitelma on liitteenä."
    assert request.answered_on == timezone.localdate()
    attachment = request.attachments.get()
    assert attachment.original_name == "suunnitelma.pdf"

    page = client.get(reverse("projects:reporting", args=[project.slug]))
    assertContains(page, "Juurruttamissuunnitelma on liitteenä.")
    download = client.get(
        reverse("projects:funder_request_attachment", args=[project.slug, attachment.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 suunnitelma"
    assert download["Content-Disposition"].startswith("attachment;")


def test_other_coordinator_cannot_read_a_requests_file(client, project, other_coordinator):
    request = FunderRequestFactory(grant=GrantDecisionFactory(project=project))
    attachment = request.attachments.create(
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), original_name="a.pdf"
    )
    client.force_login(other_coordinator)
    url = reverse("projects:funder_request_attachment", args=[project.slug, attachment.pk])
    assert client.get(url).status_code == 403


def test_a_submitted_report_needs_its_date(client, project, coordinator):
    grant = GrantDecisionFactory(project=project)
    client.force_login(coordinator)
    url = reverse("projects:funder_report_create", args=[project.slug])
    data = {"grant": grant.pk, "kind": "final", "due_date": "2019-02-28", "state": "submitted"}
    response = client.post(url, data)
    assertContains(response, "Lähetetylle tai hyväksytylle raportille on merkittävä lähetyspäivä.")
    assert not FunderReport.objects.exists()

    response = client.post(url, {**data, "submitted_on": "2019-02-20"})
    assert response.status_code == 302
    report = FunderReport.objects.get()
    assert report.state == FunderReportState.SUBMITTED
    page = client.get(reverse("projects:reporting", args=[project.slug]))
    assertContains(page, "28.2.2019")


def test_a_grant_of_another_project_cannot_be_chosen(client, project, other_project, coordinator):
    foreign = GrantDecisionFactory(project=other_project)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:instalment_create", args=[project.slug]),
        {"grant": foreign.pk, "date": "2017-03-01", "amount": "1000"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("grant")


def card_labels(response) -> list[str]:
    """The labels of the values on the page's (one) project card, icons left out."""
    labels = re.findall(r"<dt>(.*?)</dt>", response.content.decode(), re.DOTALL)
    return [re.sub(r"<svg.*?</svg>", "", label).strip() for label in labels]


def test_project_list_files_have_the_pages_columns_and_filters(client):
    helsinki, turku = RegionFactory(code="01"), RegionFactory(code="02")
    ProjectFactory(name="=HYPERLINK(1)", short_name="A", region=helsinki)
    ProjectFactory(name="Turun hanke", short_name="B", region=turku)
    page = client.get(reverse("projects:list"), {"region": "01"})
    assertContains(page, reverse("projects:list_csv") + "?region=01")

    response = client.get(reverse("projects:list_csv"), {"region": "01"})
    lines = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    # A card's title is the project's name, the first column; its values are the others.
    assert lines[0] == ["Hanke", *card_labels(page)]
    assert len(lines) == 2
    assert lines[1][0] == "'=HYPERLINK(1)"
    assert lines[1][-1] == "100000,00"

    response = client.get(reverse("projects:list_xlsx"), {"region": "01"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = sheet_rows(sheet)
    assert rows[0] == ["Hanke", *card_labels(page)]
    assert len(rows) == 2
    # Text, never a formula.
    assert sheet["A2"].data_type == "s"
    assert rows[1][rows[0].index("Alkaa")].date() == datetime.date(2017, 1, 1)


def test_budget_lines_file_ends_with_the_totals(client, project):
    uusimaa(project)
    response = client.get(reverse("projects:budget_lines_xlsx", args=[project.slug]))
    rows = sheet_rows(openpyxl.load_workbook(io.BytesIO(response.getvalue())).active)
    assert rows[0][:2] == ["Vuosi", "Kustannuslaji"]
    assert rows[-1][0] == "Yhteensä"
    assert rows[-1][5:] == [Decimal("1750000.00"), Decimal("1680.50")]
    assert len(rows) == 5


def test_report_marks_costs_the_sources_do_not_give_as_examples(client, project):
    uusimaa(project)
    url = reverse("projects:funding_report", args=[project.slug])
    pdf_url = reverse("projects:funding_report_pdf", args=[project.slug])
    assert "Esimerkkiaineisto" not in client.get(url).content.decode()
    assert "Esimerkkiaineisto" not in pdf_text(client.get(pdf_url).content)

    project.budget_lines.filter(year=2017).update(example_fields=["amount"])
    assertContains(client.get(url), "Esimerkkiaineisto")
    assert "Esimerkkiaineisto: lähteet eivät kerro" in pdf_text(client.get(pdf_url).content)
    response = client.get(reverse("projects:funding_report_xlsx", args=[project.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames[0] == "Huomautus"
    assert workbook["Huomautus"]["A2"].value.startswith("Esimerkkiaineisto: lähteet")
