from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from municipalities.models import Municipality, Participation
from projects.models import Project
from workshops.models import Meeting, MeetingStatus, TextStatus, WorkingGroup

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
    funded = consortium.memberships.filter(participation=Participation.FUNDED)
    invited = consortium.memberships.filter(participation=Participation.INVITED)
    assert funded.count() == 18
    assert sorted(m.municipality.name_fi for m in invited) == ["Myrskylä", "Pukkila"]
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
