from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.models import (
    ConsortiumMembership,
    Municipality,
    OrganisationKind,
    Participation,
)
from projects.models import BudgetLine, Contact, Expense, PartnerRole, Project, ProjectPartner
from workshops.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    TextStatus,
    WorkingGroup,
)

pytestmark = pytest.mark.django_db

DEMO_APPS = {"municipalities", "projects", "workshops"}


def row_counts():
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }
    counts["auth.User"] = get_user_model().objects.count()
    return counts


@pytest.fixture
def demo():
    call_command("load_demo")


def test_loading_the_demo_twice_creates_no_duplicates(demo, media_root):
    first = row_counts()
    files = sorted(p for p in media_root.rglob("*") if p.is_file())
    call_command("load_demo")
    assert row_counts() == first
    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == files
    assert first["workshops.Attachment"] == len(files) == 15


def test_demo_has_the_uusimaa_municipalities_and_orimattila(demo):
    assert Municipality.objects.filter(region__code="01").count() == 26
    assert Municipality.objects.get(code="560").name_fi == "Orimattila"
    assert Municipality.objects.get(code="018").name_sv == "Askola"


def test_demo_lape_uusimaa_funding_figures(demo):
    project = Project.objects.with_funding().get(slug="lape-uusimaa")
    assert project.total_budget == Decimal("1750000.00")
    assert project.amount_applied == Decimal("1670000.00")
    assert project.amount_granted == Decimal("1400000.00")
    assert project.own_financing == Decimal("350000.00")
    assert project.amount_planned == project.total_budget
    assert (project.start_date.isoformat(), project.end_date.isoformat()) == (
        "2017-01-01",
        "2018-12-31",
    )


def test_demo_lape_uusimaa_consortium_of_eighteen_administered_by_lohja(demo):
    project = Project.objects.get(slug="lape-uusimaa")
    consortium = project.consortium
    assert consortium.administrator.name_fi == "Lohja"
    assert project.administering_municipality.name_fi == "Lohja"
    assert consortium.memberships.count() == 18
    assert not consortium.memberships.exclude(participation=Participation.FUNDED).exists()
    funded_partners = project.partners.filter(role="funded_partner")
    assert sorted(p.organisation.short_name for p in funded_partners) == [
        "FSKC",
        "MLL Uudenmaan piiri",
        "Sosiaalitaito",
        "Verso",
    ]


def test_demo_orimattila_provides_services_of_myrskyla_and_pukkila(demo):
    orimattila = Municipality.objects.get(name_fi="Orimattila")
    assert sorted(a.municipality.name_fi for a in orimattila.services_provided_for.all()) == [
        "Myrskylä",
        "Pukkila",
    ]


def test_demo_capital_region_project(demo):
    project = Project.objects.with_funding().get(slug="lapsen-paras")
    assert project.amount_granted == Decimal("2300000.00")
    assert project.staff_count == 17
    assert project.administering_organisation.short_name == "Socca"
    assert sorted(p.municipality.name_fi for p in project.partners.exclude(municipality=None)) == [
        "Espoo",
        "Helsinki",
        "Kauniainen",
        "Kerava",
        "Kirkkonummi",
        "Vantaa",
    ]
    assert sorted(a.development_area.number for a in project.area_links.all()) == [2, 3, 4]


def test_demo_trio_and_ostrobothnia(demo):
    uusimaa = Project.objects.get(slug="lape-uusimaa")
    trio = uusimaa.cooperations.get().projects.all()
    assert {p.slug for p in trio} == {"lape-uusimaa", "lapsen-paras", "lape-paijat-hame"}
    assert Project.objects.get(slug="lape-pohjanmaa").region.code == "15"


@pytest.mark.parametrize("slug", ["lape-pohjanmaa", "lape-paijat-hame"])
def test_demo_grants_whose_amount_the_sources_do_not_give_are_unknown_not_zero(demo, slug):
    project = Project.objects.with_funding().get(slug=slug)
    grant = project.grants.get()
    assert (grant.funder.short_name, grant.amount_granted) == ("STM", None)
    assert project.amount_granted is None
    assert project.own_financing is None


def test_demo_working_group_with_chairs_and_meetings(demo):
    group = WorkingGroup.objects.get(project__slug="lape-uusimaa")
    assert sorted(c.municipality.name_fi for c in group.chair_links.all()) == ["Lohja", "Porvoo"]
    meetings = list(group.meetings.order_by("starts_at"))
    assert len(meetings) == 8
    assert str(meetings[0]).startswith("3.5.2017")
    assert meetings[0].host_municipality.name_fi == "Porvoo"
    assert str(meetings[-1]).startswith("21.8.2018")
    assert meetings[5].attachments.count() == 6
    assert meetings[6].attachments.count() == 9
    assert "VIPInbjudan.regional samling.2018" in {a.title for a in meetings[5].attachments.all()}
    attachment = meetings[6].attachments.first()
    assert attachment.file.read().startswith(b"DEMOAINEISTO")
    # Read at once, without a worker: the demo's attachments are found by their text.
    assert attachment.text_status == TextStatus.INDEXED
    assert attachment.text.startswith("DEMOAINEISTO")


def test_demo_cancelled_workshop_says_why(demo):
    cancelled = Meeting.objects.get(status=MeetingStatus.CANCELLED)
    assert "ilmoittautuneita" in cancelled.cancellation_reason
    assert cancelled.invited_municipalities.filter(name_fi="Myrskylä").exists()


def test_demo_users_one_per_role(demo):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    coordinator = users.get(username="koordinaattori")
    assert coordinator.check_password("lape-koordinaattori-demo")
    assert list(Project.objects.coordinated_by(coordinator).values_list("slug", flat=True)) == [
        "lape-uusimaa"
    ]
    assert not users.get(username="kuntatyontekija").is_staff


# --- The demo against the seeds (../shared/seeds) -------------------------------------------


def partners(slug: str, role: str) -> dict[str, str]:
    """The names of ``role`` partners of the project ``slug``, each with its note."""
    rows = ProjectPartner.objects.filter(project__slug=slug, role=role)
    return {
        str(p.organisation.short_name or p.organisation.name)
        if p.organisation
        else p.municipality.name_fi: p.note
        for p in rows.select_related("organisation", "municipality")
    }


def test_myrskyla_and_pukkila_are_invited_to_every_uusimaa_event_not_members(demo):
    """Seed 001: neither took part with a funded share, but every invitation went to them."""
    project = Project.objects.get(slug="lape-uusimaa")
    members = project.consortium.municipalities.values_list("name_fi", flat=True)
    assert "Myrskylä" not in members and "Pukkila" not in members
    assert not ProjectPartner.objects.filter(municipality__name_fi__in=["Myrskylä", "Pukkila"])
    for meeting in project.meetings.all():
        invited = set(meeting.invited_municipalities.values_list("name_fi", flat=True))
        assert {"Myrskylä", "Pukkila", "Lohja", "Hanko"} <= invited, meeting
        assert len(invited) == 20, meeting


def test_reloading_the_demo_removes_the_earlier_memberships_of_invited_municipalities(demo):
    project = Project.objects.get(slug="lape-uusimaa")
    ConsortiumMembership.objects.create(
        consortium=project.consortium,
        municipality=Municipality.objects.get(name_fi="Myrskylä"),
        participation=Participation.INVITED,
        start_date=project.start_date,
    )
    call_command("load_demo")
    assert project.consortium.memberships.count() == 18


def test_demo_has_the_four_regional_workshops_of_seed_004_with_example_dates(demo):
    workshops = Meeting.objects.filter(
        project__slug="lape-uusimaa", kind=MeetingKind.REGIONAL_WORKSHOP
    ).exclude(status=MeetingStatus.CANCELLED)
    assert sorted(w.theme for w in workshops) == [
        "Monialainen yhteistyö",
        "Osallisuus",
        "Yhteisöllinen hyvinvointityö",
        "Yksilöllisen hyvinvointityön vahvistaminen",
    ]
    for workshop in workshops:
        # The seed gives neither dates nor places: the dates are marked, the places left out.
        assert workshop.example_fields[0] == "date"
        assert (workshop.place, workshop.host_municipality) == ("", None)
        assert workshop.working_group is None


def test_demo_has_a_full_workshop_with_a_waitlist_marked_as_example_data(client, demo):
    workshop = Meeting.objects.get(capacity__isnull=False, example_fields__contains=["capacity"])
    assert workshop.example_fields == ["date", "capacity"]
    waiting = workshop.registrations.waiting_in_order().values_list("name", flat=True)
    assert list(waiting) == ["Esimerkkiosallistuja 4", "Esimerkkiosallistuja 5"]
    assert workshop.registrations.counts()["registered"] == workshop.capacity == 3
    response = client.get(reverse("workshops:meeting_detail", args=[workshop.pk]))
    assertContains(response, "enimmäismäärä ja ilmoittautuneet")


def test_demo_cancelled_workshop_leaves_out_what_the_source_does_not_give(demo):
    cancelled = Meeting.objects.get(status=MeetingStatus.CANCELLED)
    assert (cancelled.capacity, cancelled.min_registrations) == (None, None)
    assert cancelled.registration_deadline is None
    assert set(cancelled.example_fields) == {"date", "invited_organisations"}
    kinds = {o.short_name or o.name: o.kind for o in cancelled.invited_organisations.all()}
    # For educational institutions and the key projects I&O and LAPE (seed 001).
    assert kinds["I&O"] == OrganisationKind.PROJECT
    assert kinds["Luksia"] == OrganisationKind.EDUCATIONAL_INSTITUTION
    assert set(kinds.values()) == {
        OrganisationKind.PROJECT,
        OrganisationKind.EDUCATIONAL_INSTITUTION,
    }


def test_demo_lape_uusimaa_partners_as_seed_001_groups_them(demo):
    partner = partners("lape-uusimaa", PartnerRole.PARTNER)
    # Worked with most closely 9 (besides the funded and steering ones), in the workshops 25,
    # networked with 11, companies 5, key projects 2.
    assert len(partner) == 9 + 25 + 11 + 5 + 2
    assert partner["Me-säätiö"] == "Tiivistä yhteistyötä hankkeen aikana."
    assert partner["Luksia"] == partner["Kevätkummun korttelicoach"]
    assert partner["Luksia"] == "Mukana hankkeen työpajoissa."
    assert partner["Kela"] == "Verkostoitumista hankkeen aikana."
    assert "digitaalisten palveluiden" in partner["Zoturi Oy"]
    assert "peruttiin" in partner["I&O"]
    assert "OMAOLO-projekti" in partner["ODA"]
    assert sorted(partners("lape-uusimaa", PartnerRole.FUNDED_PARTNER)) == [
        "FSKC",
        "MLL Uudenmaan piiri",
        "Sosiaalitaito",
        "Verso",
    ]
    assert sorted(partners("lape-uusimaa", PartnerRole.STEERING)) == ["OKM", "STM", "THL"]
    assert not partners("lape-uusimaa", PartnerRole.MEMBER_MUNICIPALITY)


def test_demo_partner_kinds(demo):
    kinds = dict(
        ProjectPartner.objects.filter(project__slug="lape-uusimaa").values_list(
            "organisation__name", "organisation__kind"
        )
    )
    assert kinds["Me-säätiö"] == OrganisationKind.NGO
    assert kinds["Point College"] == OrganisationKind.EDUCATIONAL_INSTITUTION
    assert kinds["ODA-kärkihanke (Omaolo)"] == OrganisationKind.PROJECT
    assert kinds["Socfinder Oy"] == OrganisationKind.COMPANY
    assert kinds["Lapsiasiainvaltuutetun kanslia"] == OrganisationKind.AUTHORITY


def test_demo_capital_region_keeps_participants_ngos_and_partners_apart(demo):
    """Seed 003: the municipalities and HUS are in it, four NGOs are in it, four more act as
    partners; none is said to be funded."""
    partner = partners("lapsen-paras", PartnerRole.PARTNER)
    assert partner["HUS"] == "Mukana hankkeessa."
    assert partner["HelsinkiMissio"] == "Järjestöistä mukana hankkeessa."
    assert partner["MLL Uudenmaan piiri"] == "Järjestöistä mukana hankkeessa."
    assert partner["Laurea"] == partner["FSKC"] == ""
    assert len(partner) == 9
    assert len(partners("lapsen-paras", PartnerRole.MEMBER_MUNICIPALITY)) == 6
    assert not partners("lapsen-paras", PartnerRole.FUNDED_PARTNER)


def test_demo_ostrobothnia_is_steered_by_the_programme_and_has_its_two_working_groups(demo):
    steering = partners("lape-pohjanmaa", PartnerRole.STEERING)
    assert sorted(steering) == ["OKM", "STM", "THL"]
    groups = WorkingGroup.objects.filter(project__slug="lape-pohjanmaa")
    assert sorted((g.name, g.development_area.number) for g in groups) == [
        ("Maakunnallinen perhekeskustyöryhmä", 2),
        ("Varhaiskasvatus, koulu ja oppilaitos -työryhmä", 3),
    ]
    assert not Meeting.objects.filter(working_group__in=groups).exists()


def test_demo_gives_no_names_the_sources_do_not(demo):
    """Seed 004 gives the working group chairs' addresses only."""
    contacts = Contact.objects.filter(project__slug="lape-uusimaa")
    assert list(contacts.values_list("name", flat=True)) == ["Maarit Lindman"]


def test_demo_marks_the_values_the_sources_do_not_give(demo):
    group_meetings = Meeting.objects.filter(working_group__project__slug="lape-uusimaa")
    assert {tuple(m.example_fields) for m in group_meetings} == {("time",), ("time", "agenda")}
    assert {tuple(m.example_fields) for m in Minutes.objects.all()} == {
        ("text", "published_at"),
        ("text", "circulated_at", "comments"),
    }
    # Agendas, action items and comments are only on meetings marked for them.
    assert not AgendaItem.objects.exclude(meeting__example_fields__contains=["agenda"]).exists()
    assert not MinutesComment.objects.exclude(
        minutes__example_fields__contains=["comments"]
    ).exists()


def test_demo_shows_circulated_minutes_with_comments_and_open_action_items(demo):
    circulated = Minutes.objects.get(status=MinutesStatus.CIRCULATED)
    assert circulated.comments.filter(reply_to=None).exists()
    assert circulated.comments.exclude(reply_to=None).exists()
    carried = ActionItem.objects.carried_to(circulated.meeting)
    assert carried.exists()
    assert {action.agenda_item.meeting.host_municipality for action in carried} != {
        circulated.meeting.host_municipality
    }
    assert {tuple(line.example_fields) for line in BudgetLine.objects.all()} == {("amount",)}
    assert {len(expense.example_fields) for expense in Expense.objects.all()} == {3}
    marks = dict(Project.objects.values_list("slug", "example_fields"))
    assert marks == {
        "lape-uusimaa": ["name_sv"],
        "lapsen-paras": ["name_sv", "start_date", "end_date"],
        "lape-pohjanmaa": ["description_sv", "start_date"],
        "lape-paijat-hame": ["name_sv", "start_date", "end_date"],
    }
    # The label is on the page, not written into the data.
    assert not BudgetLine.objects.filter(description__icontains="demoaineisto").exists()


def test_demo_pages_label_example_values(client, demo):
    meeting = Meeting.objects.get(starts_at__date="2018-03-26")
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, 'title="Esimerkkiarvo, jota lähteet eivät kerro: kellonaika"')
    assertContains(
        response, 'title="Esimerkkiarvo, jota lähteet eivät kerro: muistion teksti, hyväksymisaika"'
    )
    assertContains(response, "Näin merkityt tiedot eivät ole lähteistä")

    for url in [
        reverse("workshops:meeting_list"),
        reverse("workshops:calendar", args=[2018, 3]),
        reverse("projects:detail", args=["lape-uusimaa"]),
        reverse("portal:home"),
    ]:
        assertContains(client.get(url), ">Esimerkkiaineisto</span>")

    response = client.get(reverse("projects:detail", args=["lape-uusimaa"]))
    assertContains(response, "<h1>LAPE Uusimaa – Yhdessä olemme enemmän</h1>", html=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.get(reverse("projects:detail", args=["lape-uusimaa"]))
    assertContains(response, "Exempelvärde som källorna inte anger: namn på svenska")


def test_demo_page_of_a_project_of_facts_only_has_no_label(client, demo):
    Project.objects.filter(slug="lape-uusimaa").update(example_fields=[])
    BudgetLine.objects.update(example_fields=[])
    Expense.objects.update(example_fields=[])
    response = client.get(reverse("projects:detail", args=["lape-uusimaa"]))
    assertNotContains(response, "Esimerkkiaineisto")
