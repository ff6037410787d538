"""The change history: every create, update and delete of a record that a coordinator or an
admin can change (a project and its grants, funders' requests, budget lines, expenses, contacts
and partners; consortia and their members; working groups, meetings, minutes, attachments and
registrations), through the portal or the admin, writes exactly one history row naming the
user of the request; coordinators see it on the project's and the meeting's page, and admins
restore an earlier version in the admin. The portal writes no second trail into the admin's
log."""

import datetime
import zoneinfo
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.history import HISTORY_LENGTH
from municipalities.models import Consortium, ConsortiumMembership
from municipalities.tests.factories import (
    ConsortiumFactory,
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from portal.tests.page_forms import form_values
from projects.history import project_history
from projects.models import (
    BudgetLine,
    Contact,
    ContactRole,
    CostCategory,
    Expense,
    FunderRequest,
    GrantDecision,
    PartnerRole,
    Project,
    ProjectPartner,
)
from projects.tests.factories import (
    BudgetLineFactory,
    ContactFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    FunderRequestFactory,
    GrantDecisionFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from workshops.models import (
    Attachment,
    Meeting,
    MeetingStatus,
    Minutes,
    Registration,
    WorkingGroup,
)
from workshops.permissions import can_view_meeting_history
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")

pytestmark = pytest.mark.django_db

TRACKED = [
    Project,
    GrantDecision,
    FunderRequest,
    BudgetLine,
    Expense,
    Contact,
    ProjectPartner,
    Consortium,
    ConsortiumMembership,
    WorkingGroup,
    Meeting,
    Minutes,
    Attachment,
    Registration,
]


@contextmanager
def new_history_rows():
    """Collects the history rows written inside the block as (model, type, username)."""
    before = {
        model: model.history.aggregate(last=Max("history_id"))["last"] or 0 for model in TRACKED
    }
    rows: list[tuple] = []
    yield rows
    for model in TRACKED:
        for record in model.history.filter(history_id__gt=before[model]).select_related(
            "history_user"
        ):
            user = record.history_user.username if record.history_user else None
            rows.append((model.__name__, record.history_type, user))


def text_file(name: str = "Esityslista.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"Esityslista\n", content_type="text/plain")


# --- The portal -------------------------------------------------------------------------------


def submit(client, url: str, field: str, **changes):
    """Load the form at ``url`` and send it back with ``changes``."""
    return client.post(url, {**form_values(client.get(url), field), **changes})


def test_portal_project_edit_writes_one_row(client, project, coordinator):
    client.force_login(coordinator)
    with new_history_rows() as rows:
        submit(client, reverse("projects:edit", args=[project.slug]), "version", status="ended")
    assert rows == [("Project", "~", "koordinaattori")]


def test_portal_budget_line_create_update_delete_write_one_row_each(client, project, coordinator):
    client.force_login(coordinator)
    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:budget_line_create", args=[project.slug]),
            "amount",
            year="2017",
            category=CostCategory.TRAVEL,
            amount="25000,00",
        )
    assert rows == [("BudgetLine", "+", "koordinaattori")]
    line = BudgetLine.objects.get()

    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:budget_line_update", args=[project.slug, line.pk]),
            "amount",
            amount="125000,00",
        )
    assert rows == [("BudgetLine", "~", "koordinaattori")]

    with new_history_rows() as rows:
        client.post(reverse("projects:budget_line_delete", args=[project.slug, line.pk]))
    assert rows == [("BudgetLine", "-", "koordinaattori")]
    assert not BudgetLine.objects.exists()


def test_portal_expense_create_update_delete_write_one_row_each(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017)
    client.force_login(coordinator)
    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:expense_create", args=[project.slug]),
            "amount",
            budget_line=line.pk,
            date="2017-03-01",
            amount="120,00",
            description="Matkalasku",
        )
    assert rows == [("Expense", "+", "koordinaattori")]
    expense = Expense.objects.get()

    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:expense_update", args=[project.slug, expense.pk]),
            "amount",
            amount="130,00",
        )
    assert rows == [("Expense", "~", "koordinaattori")]

    with new_history_rows() as rows:
        client.post(reverse("projects:expense_delete", args=[project.slug, expense.pk]))
    assert rows == [("Expense", "-", "koordinaattori")]


def test_portal_contact_and_partner_writes_one_row_each(client, project, coordinator):
    client.force_login(coordinator)
    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:contact_create", args=[project.slug]),
            "name",
            name="Aino Virtanen",
            role=ContactRole.CHANGE_AGENT,
        )
        submit(
            client,
            reverse("projects:partner_create", args=[project.slug]),
            "role",
            organisation=OrganisationFactory().pk,
            role=PartnerRole.PARTNER,
        )
    assert rows == [("Contact", "+", "koordinaattori"), ("ProjectPartner", "+", "koordinaattori")]
    contact = Contact.objects.get(name="Aino Virtanen")
    partner = ProjectPartner.objects.get()

    with new_history_rows() as rows:
        submit(
            client,
            reverse("projects:contact_update", args=[project.slug, contact.pk]),
            "name",
            title="Muutosagentti",
        )
        submit(
            client,
            reverse("projects:partner_update", args=[project.slug, partner.pk]),
            "role",
            note="Perhekeskusten kehittäminen",
        )
    assert rows == [("Contact", "~", "koordinaattori"), ("ProjectPartner", "~", "koordinaattori")]

    with new_history_rows() as rows:
        client.post(reverse("projects:contact_delete", args=[project.slug, contact.pk]))
        client.post(reverse("projects:partner_delete", args=[project.slug, partner.pk]))
    assert rows == [("Contact", "-", "koordinaattori"), ("ProjectPartner", "-", "koordinaattori")]


def test_portal_saves_write_nothing_into_the_admins_log(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017)
    client.force_login(coordinator)
    submit(client, reverse("projects:edit", args=[project.slug]), "version", status="ended")
    submit(
        client,
        reverse("projects:budget_line_update", args=[project.slug, line.pk]),
        "amount",
        amount="125000,00",
    )
    submit(
        client,
        reverse("projects:expense_create", args=[project.slug]),
        "amount",
        budget_line=line.pk,
        date="2017-03-01",
        amount="120,00",
        description="Matkalasku",
    )
    client.post(
        reverse("projects:contact_delete", args=[project.slug, ContactFactory(project=project).pk])
    )
    assert Expense.objects.exists() and Project.objects.get().status == "ended"
    assert not LogEntry.objects.exists()


def test_registration_names_the_registered_user(client, municipal_staff):
    meeting = MeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2),
    )
    client.force_login(municipal_staff)
    with new_history_rows() as rows:
        response = client.post(
            reverse("workshops:register", args=[meeting.pk]),
            {"name": "Maija Meikäläinen", "email": "maija@example.fi"},
        )
    assert response.status_code == 302
    assert rows == [("Registration", "+", "kuntatyontekija")]


def test_portal_meeting_minutes_and_attachment_writes_one_row_each(client, project, coordinator):
    client.force_login(coordinator)
    with new_history_rows() as rows:
        submit(
            client,
            reverse("workshops:meeting_create", args=[project.slug]),
            "title",
            title="Perhekeskustyöpaja",
            kind="regional_workshop",
            starts_at="2017-05-03T09:00",
            ends_at="2017-05-03T12:00",
        )
    assert rows == [("Meeting", "+", "koordinaattori")]
    meeting = Meeting.objects.get()

    steps = [
        (
            lambda: submit(
                client,
                reverse("workshops:meeting_update", args=[meeting.pk]),
                "title",
                place="Kirjasto",
            ),
            ("Meeting", "~"),
        ),
        (
            lambda: submit(
                client, reverse("workshops:minutes_edit", args=[meeting.pk]), "text", text="A"
            ),
            ("Minutes", "+"),
        ),
        (
            lambda: submit(
                client, reverse("workshops:minutes_edit", args=[meeting.pk]), "text", text="B"
            ),
            ("Minutes", "~"),
        ),
        # Saving and publishing at once is one version of the minutes.
        (
            lambda: submit(
                client,
                reverse("workshops:minutes_edit", args=[meeting.pk]),
                "text",
                text="C",
                publish="1",
            ),
            ("Minutes", "~"),
        ),
        (
            lambda: client.post(
                reverse("workshops:attachment_upload", args=[meeting.pk]),
                {
                    "title": "Esityslista",
                    "kind": "invitation",
                    "language": "fi",
                    "file": text_file(),
                },
            ),
            ("Attachment", "+"),
        ),
        (
            lambda: client.post(
                reverse("workshops:attachment_delete", args=[Attachment.objects.get().pk])
            ),
            ("Attachment", "-"),
        ),
        (
            lambda: client.post(
                reverse("workshops:meeting_cancel", args=[meeting.pk]), {"reason": "Sairastumisia"}
            ),
            ("Meeting", "~"),
        ),
    ]
    for step, (model, history_type) in steps:
        with new_history_rows() as rows:
            assert step().status_code == 302
        assert rows == [(model, history_type, "koordinaattori")]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


# --- The admin --------------------------------------------------------------------------------


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def admin_add_values():
    """(model, a field of its form, what the admin fills in on its add page)."""
    project = ProjectFactory()
    meeting = MeetingFactory()
    return [
        (
            Project,
            "short_name",
            {
                "name": "LAPE Testi",
                "short_name": "Testi",
                "slug": "testi",
                "region": RegionFactory().pk,
                "start_date": "2017-01-01",
                "end_date": "2018-12-31",
            },
        ),
        (
            GrantDecision,
            "amount_granted",
            {"project": project.pk, "funder": OrganisationFactory().pk, "amount_granted": "10"},
        ),
        (
            BudgetLine,
            "amount",
            {
                "project": project.pk,
                "year": "2017",
                "category": CostCategory.TRAVEL,
                "amount": "10",
            },
        ),
        (
            Expense,
            "amount",
            {
                "budget_line": BudgetLineFactory(
                    project=project, category=CostCategory.PERSONNEL
                ).pk,
                "date": "2017-02-01",
                "amount": "10",
                "description": "Tilavuokra",
            },
        ),
        (
            Meeting,
            "title",
            {
                "project": project.pk,
                "kind": "seminar",
                "title": "Seminaari",
                "starts_at_0": "2017-05-03",
                "starts_at_1": "09:00:00",
                "ends_at_0": "2017-05-03",
                "ends_at_1": "12:00:00",
            },
        ),
        (Minutes, "text", {"meeting": meeting.pk, "text": "Muistio."}),
        (
            Attachment,
            "title",
            {"meeting": meeting.pk, "title": "Esityslista", "file": text_file()},
        ),
        (
            FunderRequest,
            "description",
            {
                "grant": GrantDecisionFactory(project=project).pk,
                "kind": "condition",
                "description": "Raportoi puolivuosittain.",
            },
        ),
        (
            Contact,
            "name",
            {"project": project.pk, "name": "Aino Virtanen", "role": ContactRole.DIRECTOR},
        ),
        (
            ProjectPartner,
            "role",
            {
                "project": project.pk,
                "organisation": OrganisationFactory().pk,
                "role": PartnerRole.PARTNER,
            },
        ),
        (
            Consortium,
            "name",
            {
                "name": "Testikonsortio",
                "region": RegionFactory().pk,
                "administrator": MunicipalityFactory().pk,
            },
        ),
        (
            ConsortiumMembership,
            "start_date",
            {
                "consortium": ConsortiumFactory().pk,
                "municipality": MunicipalityFactory().pk,
                "start_date": "2017-01-01",
            },
        ),
        (WorkingGroup, "name", {"project": project.pk, "name": "Perhekeskukset"}),
        (
            Registration,
            "name",
            {"meeting": meeting.pk, "name": "Maija Meikäläinen", "email": "maija@example.fi"},
        ),
    ]


def test_admin_add_writes_one_row_naming_the_admin(client, portal_admin):
    client.force_login(portal_admin)
    for model, field, values in admin_add_values():
        with new_history_rows() as rows:
            response = submit(client, admin_url(model, "add"), field, **values)
        assert response.status_code == 302, (
            model,
            response.context and response.context.get("errors"),
        )
        assert rows == [(model.__name__, "+", "paakayttaja")], model


CHANGES = [
    (Project, ProjectFactory, "description", "Uusi kuvaus"),
    (GrantDecision, GrantDecisionFactory, "note", "Päätös tarkistettu"),
    (BudgetLine, BudgetLineFactory, "amount", "125000.00"),
    (Expense, ExpenseFactory, "description", "Korjattu selite"),
    (Meeting, MeetingFactory, "title", "Uusi otsikko"),
    (Minutes, MinutesFactory, "text", "Korjattu muistio"),
    (Attachment, AttachmentFactory, "title", "Uusi otsikko"),
    (FunderRequest, FunderRequestFactory, "description", "Korjattu kuvaus"),
    (Contact, ContactFactory, "name", "Aino Virtanen"),
    (ProjectPartner, ProjectPartnerFactory, "note", "Perhekeskusten kehittäminen"),
    (Consortium, ConsortiumFactory, "name", "Uusi konsortio"),
    (ConsortiumMembership, ConsortiumMembershipFactory, "start_date", "2017-02-01"),
    (WorkingGroup, WorkingGroupFactory, "name", "Uusi työryhmä"),
    (Registration, RegistrationFactory, "name", "Maija Meikäläinen"),
]


@pytest.mark.parametrize(
    ("model", "factory", "field", "value"), CHANGES, ids=[change[0].__name__ for change in CHANGES]
)
def test_admin_change_and_delete_write_one_row_each(
    client, portal_admin, model, factory, field, value
):
    obj = factory()
    client.force_login(portal_admin)
    with new_history_rows() as rows:
        response = submit(client, admin_url(model, "change", obj.pk), field, **{field: value})
    assert response.status_code == 302
    assert rows == [(model.__name__, "~", "paakayttaja")]
    assert str(getattr(model.objects.get(pk=obj.pk), field)) == value

    with new_history_rows() as rows:
        response = client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert rows == [(model.__name__, "-", "paakayttaja")]
    assert not model.objects.filter(pk=obj.pk).exists()


def test_admin_change_moves_the_version_on(client, portal_admin):
    line = BudgetLineFactory(amount=Decimal("25000.00"))
    client.force_login(portal_admin)
    submit(client, admin_url(BudgetLine, "change", line.pk), "amount", amount="30000.00")
    line.refresh_from_db()
    assert line.version == 2


def test_budget_line_changed_in_the_project_admin_is_one_new_version(client, portal_admin):
    line = BudgetLineFactory(amount=Decimal("25000.00"))
    client.force_login(portal_admin)
    with new_history_rows() as rows:
        response = submit(
            client,
            admin_url(Project, "change", line.project_id),
            "short_name",
            **{"budget_lines-0-amount": "30000.00"},
        )
    assert response.status_code == 302
    assert sorted(rows) == [("BudgetLine", "~", "paakayttaja"), ("Project", "~", "paakayttaja")]
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal("30000.00"), 2)


def test_admin_actions_write_one_row_each(client, portal_admin):
    minutes = MinutesFactory(status="circulated", circulated_at=timezone.now())
    meeting = MeetingFactory()
    client.force_login(portal_admin)
    with new_history_rows() as rows:
        client.post(
            admin_url(Minutes, "changelist"),
            {"action": "approve_minutes", ACTION_CHECKBOX_NAME: [minutes.pk]},
        )
    assert rows == [("Minutes", "~", "paakayttaja")]
    with new_history_rows() as rows:
        client.post(
            admin_url(Meeting, "changelist"),
            {
                "action": "cancel_meetings",
                ACTION_CHECKBOX_NAME: [meeting.pk],
                "apply": "1",
                "reason": "Sairastumisia",
            },
        )
    assert rows == [("Meeting", "~", "paakayttaja")]


def test_admin_restores_an_earlier_budget_line_version(client, portal_admin, coordinator):
    line = BudgetLineFactory(amount=Decimal("25000.00"))
    first = line.history.get()
    client.force_login(portal_admin)
    submit(client, admin_url(BudgetLine, "change", line.pk), "amount", amount="125000.00")
    history_page = client.get(admin_url(BudgetLine, "history", line.pk))
    assertContains(history_page, "paakayttaja")

    revert_url = admin_url(BudgetLine, "simple_history", line.pk, first.history_id)
    with new_history_rows() as rows:
        response = submit(client, revert_url, "amount")
    assertRedirects(response, admin_url(BudgetLine, "changelist"), fetch_redirect_response=False)
    assert rows == [("BudgetLine", "~", "paakayttaja")]
    line.refresh_from_db()
    # The old amount with a new version number, so copies of version 2 are now stale.
    assert (line.amount, line.version) == (Decimal("25000.00"), 3)


def test_admin_expense_outside_its_budget_lines_year_is_refused_and_nothing_saved(
    client, portal_admin
):
    """The admin saves through the same service as the portal, with its rule and message."""
    line = BudgetLineFactory(year=2017)
    client.force_login(portal_admin)
    values = {
        "budget_line": line.pk,
        "date": "2018-01-15",
        "amount": "10",
        "description": "Tilavuokra",
    }
    with new_history_rows() as rows:
        response = submit(client, admin_url(Expense, "add"), "amount", **values)
    assert response.status_code == 200
    assertContains(response, "Päivämäärän on oltava budjettirivin vuonna 2017.")
    # The form keeps what the admin typed.
    assertContains(response, 'value="Tilavuokra"')
    assert rows == []
    assert not Expense.objects.exists()

    expense = ExpenseFactory(budget_line=line, date=datetime.date(2017, 3, 1))
    with new_history_rows() as rows:
        response = submit(
            client, admin_url(Expense, "change", expense.pk), "amount", date="2016-12-31"
        )
    assertContains(response, "Päivämäärän on oltava budjettirivin vuonna 2017.")
    assert rows == []
    expense.refresh_from_db()
    assert expense.date == datetime.date(2017, 3, 1)


def test_admin_restore_that_breaks_a_rule_is_refused_with_its_message(client, portal_admin):
    expense = ExpenseFactory(budget_line__year=2017, date=datetime.date(2017, 3, 1))
    first = expense.history.get()
    # Since then the expense and its budget line moved on to the next year.
    BudgetLine.objects.filter(pk=expense.budget_line_id).update(year=2018)
    expense.date = datetime.date(2018, 3, 1)
    expense.save()
    client.force_login(portal_admin)

    revert_url = admin_url(Expense, "simple_history", expense.pk, first.history_id)
    with new_history_rows() as rows:
        response = submit(client, revert_url, "amount")
    assertContains(response, "Päivämäärän on oltava budjettirivin vuonna 2018.")
    assert rows == []
    expense.refresh_from_db()
    assert expense.date == datetime.date(2018, 3, 1)


def test_admin_meeting_change_keeps_the_invitations_chosen(client, portal_admin):
    meeting = MeetingFactory()
    meeting.invited_municipalities.add(MunicipalityFactory())
    invited = MunicipalityFactory()
    client.force_login(portal_admin)
    with new_history_rows() as rows:
        response = submit(
            client,
            admin_url(Meeting, "change", meeting.pk),
            "title",
            place="Kirjasto",
            invited_municipalities=[invited.pk],
        )
    assert response.status_code == 302
    assert rows == [("Meeting", "~", "paakayttaja")]
    meeting.refresh_from_db()
    assert (meeting.place, meeting.version) == ("Kirjasto", 2)
    assert list(meeting.invited_municipalities.all()) == [invited]


def test_admin_pages_show_the_history_of_the_new_tracked_records(client, portal_admin):
    contact = ContactFactory()
    client.force_login(portal_admin)
    submit(client, admin_url(Contact, "change", contact.pk), "name", name="Aino Virtanen")
    response = client.get(admin_url(Contact, "history", contact.pk))
    assertContains(response, "paakayttaja")
    assertContains(response, "Aino Virtanen")


# --- The history on the pages -----------------------------------------------------------------


def test_coordinator_sees_who_changed_what_on_the_project_page(
    client, project, coordinator, municipal_staff
):
    line = BudgetLineFactory(
        project=project, year=2017, category=CostCategory.TRAVEL, amount=Decimal("25000.00")
    )
    client.force_login(coordinator)
    submit(
        client,
        reverse("projects:budget_line_update", args=[project.slug, line.pk]),
        "amount",
        amount="125000,00",
    )
    url = reverse("projects:detail", args=[project.slug])

    response = client.get(url)

    assertContains(response, "Muutoshistoria")
    # One sentence: what, when and who, then which record and what changed in it.
    entry = response.context["history"][0]
    when = f"{entry.at.astimezone(HELSINKI):%-d.%-m.%Y} klo {entry.at.astimezone(HELSINKI):%-H.%M}"
    assertContains(
        response,
        f"Muutettu {when}, koordinaattori</time>:\n      Budjettirivi 2017 matkakulut: summa "
        "25\N{NO-BREAK SPACE}000,00\N{NO-BREAK SPACE}€ → 125\N{NO-BREAK SPACE}000,00",
    )
    client.force_login(municipal_staff)
    assertNotContains(client.get(url), "Muutoshistoria")
    client.logout()
    assertNotContains(client.get(url), "Muutoshistoria")


def test_coordinator_sees_contacts_partners_and_funder_requests_in_the_project_history(
    client, project, coordinator
):
    contact = ContactFactory(project=project, name="Aino Virtanen")
    partner = ProjectPartnerFactory(project=project, organisation__name="Pesäpuu ry")
    FunderRequestFactory(grant__project=project, description="Täydennä budjetti.")
    client.force_login(coordinator)
    submit(
        client,
        reverse("projects:contact_update", args=[project.slug, contact.pk]),
        "name",
        title="Muutosagentti",
    )
    client.post(reverse("projects:partner_delete", args=[project.slug, partner.pk]))

    response = client.get(reverse("projects:detail", args=[project.slug]))

    assertContains(response, "Yhteyshenkilö Aino Virtanen")
    assertContains(response, "tehtävänimike – → Muutosagentti")
    assertContains(response, "Kumppani Pesäpuu ry")
    assertContains(response, "Rahoittajan pyyntö: Täydennä budjetti.")


def test_registrations_are_in_the_meeting_history_only_for_its_managers(
    client, project, coordinator, municipal_staff
):
    starts = timezone.now() + datetime.timedelta(days=30)
    meeting = MeetingFactory(
        working_group__project=project,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    client.force_login(municipal_staff)
    client.post(
        reverse("workshops:register", args=[meeting.pk]),
        {"name": "Maija Meikäläinen", "email": "maija@example.fi"},
    )
    url = reverse("workshops:meeting_detail", args=[meeting.pk])
    assertNotContains(client.get(url), "Muutoshistoria")

    client.force_login(coordinator)
    response = client.get(url)
    assertContains(response, "Ilmoittautuminen Maija Meikäläinen")
    assertContains(response, ", kuntatyontekija</time>")


def test_meeting_history_needs_the_right_to_see_registrations(monkeypatch, project, coordinator):
    meeting = MeetingFactory(working_group__project=project)
    assert can_view_meeting_history(coordinator, meeting)
    monkeypatch.setattr("workshops.permissions.can_view_registrations", lambda user, meeting: False)
    assert not can_view_meeting_history(coordinator, meeting)


def test_coordinator_sees_the_meeting_history_and_visitors_do_not(client, project, coordinator):
    minutes = MinutesFactory(meeting__working_group__project=project, text="Luonnos")
    client.force_login(coordinator)
    submit(
        client, reverse("workshops:minutes_edit", args=[minutes.meeting_id]), "text", text="Valmis"
    )
    url = reverse("workshops:meeting_detail", args=[minutes.meeting_id])

    response = client.get(url)

    assertContains(response, "Muutoshistoria")
    assertContains(response, "Muistio: muistio Luonnos → Valmis")
    client.logout()
    assertNotContains(client.get(url), "Muutoshistoria")


def change_budget_lines(project, count: int) -> None:
    """``count`` budget lines, each changed twice (amount, development area) and one deleted,
    with an expense booked, changed and deleted."""
    for number in range(count):
        line = BudgetLineFactory(project=project, category=CostCategory.values[number % 6])
        line.amount += 1
        line.development_area = DevelopmentAreaFactory(number=number % 4 + 1)
        line.save()
        expense = ExpenseFactory(budget_line=line)
        expense.amount += 1
        expense.save()
        expense.delete()
    BudgetLine.objects.filter(project=project).first().delete()


@pytest.mark.parametrize("count", [3, 6])
def test_project_history_runs_seven_queries_however_much_changed(
    django_assert_num_queries, project, count
):
    change_budget_lines(project, count)
    for _ in range(count):
        ContactFactory(project=project)
        ProjectPartnerFactory(project=project)
        FunderRequestFactory(grant__project=project)
    # The project, its grants, the funders' requests, its budget lines, its expenses, its
    # contacts and its partners, each with the users, the linked objects and each record's
    # previous version.
    with django_assert_num_queries(7):
        entries = project_history(project)
    assert len(entries) == min(2 + 9 * count, HISTORY_LENGTH)


def test_project_history_is_newest_first_with_what_changed(project):
    change_budget_lines(project, 1)
    entries = project_history(project)
    assert [entry.action for entry in entries] == [
        "Poistettu",  # the budget line
        "Poistettu",  # the expense
        "Muutettu",
        "Lisätty",
        "Muutettu",
        "Lisätty",
        "Lisätty",  # the project
    ]
    line_change = entries[4]
    assert line_change.subject.startswith("Budjettirivi 2017")
    assert [change.label for change in line_change.changes] == ["Kehittämiskokonaisuus", "Summa"]
    assert line_change.changes[0].old == "–"
    assert line_change.changes[1].new == "10\N{NO-BREAK SPACE}001,00\N{NO-BREAK SPACE}€"
    assert entries[0].at >= entries[-1].at > datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
