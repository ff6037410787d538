"""Swedish as a first-class language: the Swedish texts of meetings, agenda items, minutes and
attachments, shown to Swedish readers with a marked Finnish fallback, found by the search, in
the e-mails of Swedish-speaking recipients, and the coordinator's list of what is missing in
Swedish for meetings of municipalities served in Swedish."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from core.money import format_money
from municipalities.models import LanguageStatus
from municipalities.tests.factories import MunicipalityFactory
from notifications.models import OutboxMessage
from projects.models import ContactRole
from projects.tests.factories import ContactFactory
from workshops.models import Meeting, MinutesStatus
from workshops.services import meeting_create
from workshops.tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

NOTE_SV = "(endast på finska)"


def swedish_reader(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    return client


def upcoming_meeting(project, **fields) -> Meeting:
    fields.setdefault("starts_at", timezone.now() + datetime.timedelta(days=14))
    return MeetingFactory(working_group=WorkingGroupFactory(project=project), **fields)


def bilingual_municipality(**fields):
    return MunicipalityFactory(language_status=LanguageStatus.BILINGUAL_FINNISH_MAJORITY, **fields)


# --- The texts in the reader's language ------------------------------------------------------


def test_a_meeting_text_is_swedish_for_swedish_readers_and_marked_when_it_falls_back():
    meeting = Meeting(title="Perhekeskusten työpaja", title_sv="Familjecentrets workshop")
    untranslated = Meeting(title="Perhekeskusten työpaja", theme="")
    with translation.override("sv"):
        assert meeting.localized_title == "Familjecentrets workshop"
        assert (meeting.localized_title.lang, meeting.localized_title.is_fallback) == ("sv", False)
        assert untranslated.localized_title == "Perhekeskusten työpaja"
        assert untranslated.localized_title.is_fallback
        # An empty text has nothing to fall back from.
        assert not untranslated.localized_theme.is_fallback
    with translation.override("fi"):
        assert meeting.localized_title == "Perhekeskusten työpaja"
        assert not meeting.localized_title.is_fallback


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "sv",
            '<span lang="fi">Työpaja</span> <span class="fallback-note small '
            'text-body-secondary" lang="sv">(endast på finska)</span>',
        ),
        ("fi", "Työpaja"),
        ("en", '<span lang="fi">Työpaja</span>'),
    ],
)
def test_the_localized_tag_marks_finnish_and_notes_a_missing_swedish_text(language, expected):
    template = Template("{% load languages %}{% localized meeting.localized_title %}")
    with translation.override(language):
        assert template.render(Context({"meeting": Meeting(title="Työpaja")})) == expected


def test_swedish_reader_sees_the_swedish_texts_of_a_meeting(client, project):
    meeting = upcoming_meeting(
        project,
        title="Perhekeskusten työpaja",
        title_sv="Familjecentrets workshop",
        theme="Vanhemmuuden tuki",
        theme_sv="Stöd för föräldraskap",
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Avaus",
        title_sv="Öppning",
        description="Puheenjohtaja avaa kokouksen.",
        description_sv="Ordföranden öppnar mötet.",
    )
    MinutesFactory(
        meeting=meeting,
        text="Käsiteltiin asiat.",
        text_sv="Ärendena behandlades.",
        status=MinutesStatus.APPROVED,
        published_at=timezone.now(),
    )
    AttachmentFactory(meeting=meeting, title="Esitys", title_sv="Presentation")
    response = swedish_reader(client).get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, "<h1>Familjecentrets workshop</h1>", html=True)
    for text in (
        "Stöd för föräldraskap",
        "Öppning",
        "Ordföranden öppnar mötet.",
        "Ärendena behandlades.",
        "Presentation",
    ):
        assertContains(response, text)
    assertNotContains(response, "Perhekeskusten työpaja")
    assertNotContains(response, NOTE_SV)


def test_swedish_reader_sees_finnish_marked_where_swedish_is_missing(client, project):
    meeting = upcoming_meeting(project, title="Perhekeskusten työpaja", theme="Vanhemmuus")
    AgendaItemFactory(meeting=meeting, title="Avaus", description="Kokous avataan.")
    MinutesFactory(
        meeting=meeting,
        text="Käsiteltiin asiat.",
        status=MinutesStatus.APPROVED,
        published_at=timezone.now(),
    )
    AttachmentFactory(meeting=meeting, title="Esitys")
    response = swedish_reader(client).get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, '<span lang="fi">Perhekeskusten työpaja</span>', html=True)
    assertContains(response, '<span lang="fi">Vanhemmuus</span>', html=True)
    assertContains(response, '<span lang="fi">Avaus</span>', html=True)
    assertContains(response, '<span lang="fi">Esitys</span>', html=True)
    assertContains(response, '<div lang="fi"><p>Käsiteltiin asiat.</p></div>', html=True)
    # Title, theme, agenda title and description, minutes and the attachment.
    assertContains(response, NOTE_SV, count=6)


@pytest.mark.parametrize(
    "url",
    [
        lambda meeting: reverse("workshops:meeting_list"),
        lambda meeting: reverse(
            "workshops:calendar", args=[meeting.starts_at.year, meeting.starts_at.month]
        ),
        lambda meeting: meeting.working_group.get_absolute_url(),
        lambda meeting: reverse("portal:search") + "?q=perhekeskus&type=meetings",
    ],
    ids=["list", "calendar", "working_group", "search"],
)
def test_meeting_listings_show_the_swedish_title_or_the_marked_finnish_one(client, project, url):
    translated = upcoming_meeting(
        project,
        title="Perhekeskus A",
        title_sv="Familjecenter A",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    untranslated = MeetingFactory(
        working_group=translated.working_group,
        title="Perhekeskus B",
        starts_at=translated.starts_at + datetime.timedelta(hours=4),
    )
    content = swedish_reader(client).get(url(untranslated)).content.decode()
    assert "Familjecenter A" in content
    assert "Perhekeskus A" not in content
    assert "Familjecenter A <span" not in content
    assert "Perhekeskus</mark> B <span" in content or "Perhekeskus B</span> <span" in content
    assert NOTE_SV in content


def test_the_search_finds_a_swedish_text_and_shows_it_to_swedish_readers(client, project):
    upcoming_meeting(project, title="Perhekeskusten työpaja", title_sv="Familjecentrets möte")
    response = swedish_reader(client).get(
        reverse("portal:search"), {"q": "mötet", "type": "meetings"}
    )
    assertContains(response, "<mark>Familjecentrets</mark>", count=0)
    assertContains(response, "Familjecentrets <mark>möte</mark>", html=False)
    assertNotContains(response, NOTE_SV)


def test_a_swedish_speaking_invitee_gets_the_swedish_title_or_is_told_it_is_only_finnish(
    project,
):
    raseborg = MunicipalityFactory(
        invitation_email="registratur@raseborg.fi",
        language_status=LanguageStatus.BILINGUAL_SWEDISH_MAJORITY,
    )
    starts = timezone.now() + datetime.timedelta(days=30)
    for title_sv in ("Familjecentrets workshop", ""):
        meeting_create(
            meeting=Meeting(project=project),
            kind="seminar",
            title="Perhekeskusten työpaja",
            title_sv=title_sv,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            invited_municipalities=[raseborg],
        )
    translated, untranslated = OutboxMessage.objects.filter(kind="meeting_invitation").order_by(
        "pk"
    )
    assert translated.language == "sv"
    assert translated.subject == "Inbjudan: Familjecentrets workshop"
    assert "SUMMARY:Familjecentrets workshop" in translated.ics
    assert "Familjecentrets workshop\n" in translated.body
    assert NOTE_SV not in translated.body
    assert "Perhekeskusten työpaja (endast på finska)\n" in untranslated.body


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2018, 5, 7), "7.5.2018"),
        (datetime.time(14, 0), "14.00"),
        (Decimal("12500.50"), "12\xa0500,50\xa0€"),
    ],
)
def test_swedish_dates_and_numbers_follow_finland_swedish_usage(value, expected):
    template = Template(
        '{% if kind == "date" %}{{ value|date:"SHORT_DATE_FORMAT" }}'
        '{% else %}{{ value|time:"TIME_FORMAT" }}{% endif %}'
    )
    with translation.override("sv"):
        if isinstance(value, Decimal):
            assert format_money(value) == expected
        else:
            kind = "date" if isinstance(value, datetime.date) else "time"
            assert template.render(Context({"value": value, "kind": kind})) == expected


# --- The coordinator's Swedish forms ---------------------------------------------------------


def test_coordinator_writes_the_swedish_texts_in_the_forms(client, coordinator, project):
    meeting = upcoming_meeting(project, title="Työpaja")
    item = AgendaItemFactory(meeting=meeting, title="Avaus")
    attachment = AttachmentFactory(meeting=meeting, title="Esitys")
    client.force_login(coordinator)
    response = client.post(
        reverse("workshops:agenda_item_update", args=[item.pk]),
        {
            "title": "Avaus",
            "title_sv": "Öppning",
            "description": "Avataan.",
            "description_sv": "Mötet öppnas.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("workshops:attachment_update", args=[attachment.pk]),
        {"title": "Esitys", "title_sv": "Presentation"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("workshops:minutes_edit", args=[meeting.pk]),
        {"text": "Käsiteltiin.", "text_sv": "Behandlades.", "version": 0},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    attachment.refresh_from_db()
    assert (item.title_sv, item.description_sv) == ("Öppning", "Mötet öppnas.")
    assert attachment.title_sv == "Presentation"
    assert Meeting.objects.get(pk=meeting.pk).minutes.text_sv == "Behandlades."


def test_another_coordinator_cannot_change_an_attachments_titles(
    client, other_coordinator, project
):
    attachment = AttachmentFactory(meeting=upcoming_meeting(project), title="Esitys")
    client.force_login(other_coordinator)
    response = client.post(
        reverse("workshops:attachment_update", args=[attachment.pk]),
        {"title": "Esitys", "title_sv": "Presentation"},
    )
    assert response.status_code == 403


# --- The Swedish-gap list --------------------------------------------------------------------


def meeting_with_gaps(project, municipality) -> Meeting:
    meeting = upcoming_meeting(project, title="Perhekeskusten työpaja", theme="Vanhemmuus")
    meeting.invited_municipalities.add(municipality)
    AgendaItemFactory(meeting=meeting, title="Avaus", title_sv="Öppning")
    AgendaItemFactory(meeting=meeting, title="Tilannekatsaus")
    AttachmentFactory(meeting=meeting, title="Esitys")
    AttachmentFactory(meeting=meeting, title="Henkilölista", restriction="personal_data")
    MinutesFactory(meeting=meeting, text="Luonnos.")
    return meeting


def test_the_gap_list_names_what_lacks_swedish_for_a_bilingual_municipality_invited(
    client, coordinator, project
):
    meeting = meeting_with_gaps(project, bilingual_municipality(name_fi="Espoo"))
    client.force_login(coordinator)
    response = client.get(reverse("portal:dashboard"))
    [entry] = response.context["swedish_gaps"]
    assert entry.meeting == meeting
    assert [m.name_fi for m in entry.municipalities] == ["Espoo"]
    # The translated agenda item and the restricted attachment are not gaps.
    assert [(gap.what, gap.text) for gap in entry.gaps] == [
        ("Otsikko", "Perhekeskusten työpaja"),
        ("Teema", "Vanhemmuus"),
        ("Asialistan kohta 2", "Tilannekatsaus"),
        ("Liitteen otsikko", "Esitys"),
        ("Muistio", ""),
    ]
    assertContains(response, "Ruotsinkielisiä tekstejä puuttuu")
    edit = reverse("workshops:meeting_update", args=[meeting.pk])
    assertContains(response, f'href="{edit}#id_title_sv"')
    second_item = meeting.agenda_items.get(title="Tilannekatsaus")
    assertContains(response, reverse("workshops:agenda_item_update", args=[second_item.pk]))
    attachment = meeting.attachments.get(title="Esitys")
    assertContains(response, reverse("workshops:attachment_update", args=[attachment.pk]))
    assertContains(response, reverse("workshops:minutes_edit", args=[meeting.pk]))


def test_the_gap_list_counts_a_bilingual_host_too(client, coordinator, project):
    meeting = upcoming_meeting(project, host_municipality=bilingual_municipality())
    client.force_login(coordinator)
    [entry] = client.get(reverse("portal:dashboard")).context["swedish_gaps"]
    assert entry.meeting == meeting


def test_no_gap_list_for_a_finnish_only_municipality_or_a_fully_translated_meeting(
    client, coordinator, project
):
    meeting_with_gaps(project, MunicipalityFactory(language_status=LanguageStatus.FINNISH))
    translated = upcoming_meeting(project, title="Työpaja", title_sv="Workshop")
    translated.invited_municipalities.add(bilingual_municipality())
    past = MeetingFactory(working_group=translated.working_group, title="Mennyt")
    past.invited_municipalities.add(bilingual_municipality())
    client.force_login(coordinator)
    response = client.get(reverse("portal:dashboard"))
    assert response.context["swedish_gaps"] == []
    assertNotContains(response, "Ruotsinkielisiä tekstejä puuttuu")


def test_other_projects_meetings_are_not_on_a_coordinators_gap_list(
    client, coordinator, other_project
):
    meeting_with_gaps(other_project, bilingual_municipality())
    client.force_login(coordinator)
    assert client.get(reverse("portal:dashboard")).context["swedish_gaps"] == []


def test_the_meeting_form_warns_before_the_invitations_go(client, coordinator, project):
    bilingual = meeting_with_gaps(project, bilingual_municipality(name_fi="Hanko"))
    finnish_only = meeting_with_gaps(
        project, MunicipalityFactory(language_status=LanguageStatus.FINNISH)
    )
    client.force_login(coordinator)
    response = client.get(reverse("workshops:meeting_update", args=[bilingual.pk]))
    assertContains(response, "Ruotsinkielisiä tekstejä puuttuu")
    assertContains(response, "Hanko")
    item = bilingual.agenda_items.get(title="Tilannekatsaus")
    assertContains(response, reverse("workshops:agenda_item_update", args=[item.pk]))
    response = client.get(reverse("workshops:meeting_update", args=[finnish_only.pk]))
    assertNotContains(response, "Ruotsinkielisiä tekstejä puuttuu")


@pytest.mark.parametrize("rows", [3, 6])
def test_the_meeting_form_with_its_gap_list_runs_the_same_queries_for_more_rows(
    client, django_assert_num_queries, coordinator, project, rows
):
    meeting = upcoming_meeting(project)
    for number in range(rows):
        meeting.invited_municipalities.add(bilingual_municipality())
        AgendaItemFactory(meeting=meeting, title=f"Kohta {number}")
        AttachmentFactory(meeting=meeting)
    ContactFactory(project=project, role=ContactRole.COORDINATOR)
    client.force_login(coordinator)
    # 1 session, 2 user, 3 savepoint, 4 the meeting with its project and minutes, 5 and 6
    # the user's permissions, 7 the projects they coordinate, 8-11 the Swedish-gap list (its
    # meeting, invited municipalities served in Swedish, agenda items, public attachments),
    # 12 and 13 the invited municipalities and organisations as the form's values, 14-17 the
    # choices of working group, host, municipalities and organisations, 18 release savepoint.
    with django_assert_num_queries(18):
        response = client.get(reverse("workshops:meeting_update", args=[meeting.pk]))
    assert len(response.context["swedish_gaps"][0].gaps) == 1 + 2 * rows
