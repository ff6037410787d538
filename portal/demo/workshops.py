"""The working group of seed 004 with its meetings and attachments, seed 004's four regional
workshops, seed 001's cancelled workshop and seed 002's two working groups of LAPE Pohjanmaa.

The documents give the working group's meeting dates and places only: the clock times, the
minutes, and the agendas, action items and comments of the last two meetings are marked as
example values (``core.examples``), and each attachment is a small
generated text file that says it is an example. Of the regional workshops and the cancelled one
they give no date at all."""

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.db.models import Q

from municipalities.models import Municipality, Organisation
from portal.demo.projects import UUSIMAA_INVITED, UUSIMAA_MEMBERS
from portal.demo.upsert import upsert
from projects.models import DevelopmentArea, Project
from workshops.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    AttachmentKind,
    AttachmentLanguage,
    Meeting,
    MeetingExample,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesExample,
    MinutesStatus,
    OutcomeKind,
    Registration,
    RegistrationStatus,
    WorkingGroup,
    WorkingGroupChair,
)
from workshops.services import attachment_create, attachment_read_text

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")

# (date, host municipality, attachments as (title, kind, language))
WORKING_GROUP_MEETINGS = [
    (datetime.date(2017, 5, 3), "Porvoo", []),
    (datetime.date(2017, 6, 20), "Nurmijärvi", []),
    (datetime.date(2017, 9, 13), "Lohja", []),
    (datetime.date(2017, 11, 15), "Porvoo", []),
    (datetime.date(2018, 1, 16), "Hyvinkää", []),
    (
        datetime.date(2018, 3, 26),
        "Porvoo",
        [
            ("LIITE Muutosagentin ajankohtaiset", AttachmentKind.PRESENTATION, "fi"),
            ("LIITE Monialaisen arvioinnin työrukkanen 14.2.2018", AttachmentKind.OTHER, "fi"),
            ("LIITE Muuta ajankohtaista", AttachmentKind.OTHER, "fi"),
            ("VIPalueell_kutsukirje_SU", AttachmentKind.INVITATION, "fi"),
            ("VIPInbjudan.regional samling.2018", AttachmentKind.INVITATION, "sv"),
            ("Perheet keskiöön_Uusimaa VARKO_260318", AttachmentKind.PRESENTATION, "fi"),
        ],
    ),
    (
        datetime.date(2018, 5, 7),
        "Lohja",
        [
            ("Muutosagentin ajankohtaiset toukokuu 2018", AttachmentKind.PRESENTATION, "fi"),
            ("Kehittämisalueen ajankohtaisia Lindman osa 1", AttachmentKind.PRESENTATION, "fi"),
            ("Kehittämisalueen ajankohtaisia Lindman osa 2", AttachmentKind.PRESENTATION, "fi"),
            ("OMAOLO-projekti ODA Porvoo", AttachmentKind.PRESENTATION, "fi"),
            ("Porvoo kouluterveyskyselyn 2017 kasittely", AttachmentKind.PRESENTATION, "fi"),
            ("Työyhteisövalmennus Lohja", AttachmentKind.PRESENTATION, "fi"),
            ("KiVa skola i LNH 2017-18_suP", AttachmentKind.PRESENTATION, "sv"),
            ("Koulun perhetyö Järvenpää", AttachmentKind.PRESENTATION, "fi"),
            ("Ehkäisevä päihdetyö Järvenpää", AttachmentKind.PRESENTATION, "fi"),
        ],
    ),
    (datetime.date(2018, 8, 21), "Porvoo", []),
]
WORKING_GROUP_CHAIRS = [
    ("Lohja", "Yhteisöllisen hyvinvointityön vahvistaminen", "anu.koivumaki@lohja.fi"),
    (
        "Porvoo",
        "Yksilökohtaisen opiskeluhuoltotyön toimintatapojen kehittäminen",
        "tuija.oberg@porvoo.fi",
    ),
]
# No source gives the meetings' agendas, decisions or action items, nor comments on minutes: the
# last two meetings show them as example data (marked "agenda" and "comments"). The May meeting's
# action items are open, so they stay on the August meeting's agenda; its minutes are circulated.
CIRCULATED_MINUTES_DATE = datetime.date(2018, 8, 21)
# date: [(title, presenter, outcome kind, outcome, [(action, who, due date)])]
EXAMPLE_AGENDAS = {
    datetime.date(2018, 5, 7): [
        ("Muutosagentin ajankohtaiset", "muutosagentti", OutcomeKind.NOTES,
         "Merkittiin tiedoksi.", []),
        ("Koulun perhetyö ja ehkäisevä päihdetyö Järvenpäässä", "Järvenpää", OutcomeKind.DECISION,
         "Päätettiin koota kuntien kokemukset koulun perhetyöstä syksyn työpajaan.",
         [("Kootaan kuntien kokemukset koulun perhetyöstä syksyn työpajaa varten.",
           "Porvoon puheenjohtajakunta", datetime.date(2018, 8, 31))]),
        ("Kouluterveyskyselyn 2017 tulosten käsittely", "Porvoo", OutcomeKind.DECISION,
         "Tulokset esitellään kuntien rehtoreille syyslukukauden alussa.",
         [("Sovitaan kouluterveyskyselyn tulosten esittelystä rehtoreille.",
           "Lohjan puheenjohtajakunta", datetime.date(2018, 9, 14))]),
    ],
    CIRCULATED_MINUTES_DATE: [
        ("Edellisen kokouksen avoimet toimenpiteet", "puheenjohtaja", OutcomeKind.NOTES,
         "Toimenpiteet ovat kesken; ne käsitellään seuraavassa kokouksessa.", []),
        ("Syksyn maakunnallinen työpaja: yhteisöllinen hyvinvointityö", "Lohja",
         OutcomeKind.DECISION,
         "Työpajan ohjelmaluonnos hyväksyttiin; puheenjohtajakunnat täydentävät sitä.",
         [("Täydennetään työpajan ohjelmaluonnos.", "Lohjan ja Porvoon puheenjohtajakunnat",
           datetime.date(2018, 9, 7))]),
    ],
}  # fmt: skip
# (participant, comment, the coordinator's reply)
EXAMPLE_COMMENTS = [
    ("Esimerkkiosallistuja, Porvoo",
     "Kohtaan 2 voisi lisätä, että työpajaan kutsutaan myös oppilaitosten edustajat.",
     "Kiitos, lisätään muistioon ennen hyväksymistä."),
]  # fmt: skip
MINUTES_TEXT = (
    "Esimerkkiteksti: alkuperäisen muistion teksti ei ole portaalin lähdeaineistossa.\n\n"
    "Kehittämisalueen työryhmän kokous {date}, {place}. Käsiteltiin kehittämisalueen "
    "ajankohtaiset asiat, puheenjohtajakuntien Lohjan ja Porvoon osakokonaisuudet sekä "
    "tulevat maakunnalliset työpajat."
)
# Seed 004: "four regional workshops during the project, partly shared with the other development
# areas", on these themes; "the dates are in the events calendar", which is not among the sources.
# "Held" follows seed 001, which writes of the project's workshops as held and names only the
# one for educational institutions as cancelled.
REGIONAL_WORKSHOPS = [
    ("Monialainen yhteistyö", datetime.date(2017, 10, 24)),
    ("Osallisuus", datetime.date(2018, 2, 13)),
    ("Yksilöllisen hyvinvointityön vahvistaminen", datetime.date(2018, 4, 17)),
    ("Yhteisöllinen hyvinvointityö", datetime.date(2018, 9, 25)),
]
# Seed 001: the workshop was for educational institutions and the key projects I&O and LAPE; it
# does not say which institutions were invited, so these (those in the project's workshops) are
# examples.
CANCELLED_WORKSHOP_INVITEES = [
    "I&O", "Valteri", "Luksia", "Porvoon amisto", "Edupoli", "Point College",
]  # fmt: skip
OSTROBOTHNIA_GROUPS = [
    (
        "Maakunnallinen perhekeskustyöryhmä",
        2,
        "Työryhmän tehtävänä on mm. tehdä ehdotus perhekeskustoiminnan rakenteesta "
        "Pohjanmaalla sekä miettiä, mitä toimintamuotoja perhekeskus tulisi pitää sisällään.",
    ),
    (
        "Varhaiskasvatus, koulu ja oppilaitos -työryhmä",
        3,
        "Työryhmässä kehitetään sivistystoimen ja sosiaali- ja terveydenhuollon "
        "yhteistyökäytäntöjä sekä oppilashuoltoa. Työryhmä tuo myös hankkeen pilotteihin "
        "varhaiskasvatuksen ja koulun näkemystä.",
    ),
]
# One regional workshop shows a full meeting with a waitlist (example registrations).
WAITLIST_WORKSHOP = "Yhteisöllinen hyvinvointityö"
WAITLIST_CAPACITY = 3
DEMO_FILE_TEXT = (
    "DEMOAINEISTO – LAPE-portaalin esimerkkiliite.\n\n"
    "Alkuperäinen liite: {title}\nTilaisuus: {meeting}\n\n"
    "Tämä tiedosto on luotu portaalin demodataa varten; alkuperäisen liitteen sisältö ei ole "
    "portaalin lähdeaineistossa.\n"
)


def _at(date: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=HELSINKI)


def _attachment(meeting: Meeting, title: str, kind: str, language: str, uploader) -> None:
    if Attachment.objects.filter(meeting=meeting, title=title).exists():
        return
    text = DEMO_FILE_TEXT.format(title=title, meeting=meeting).encode("utf-8")
    attachment = attachment_create(
        meeting=meeting,
        file=ContentFile(text, name=f"{title}.txt"),
        title=title,
        user=uploader,
        kind=kind,
        language=language,
        uploaded_at=_at(meeting.starts_at.date(), 16),
    )
    # Read at once, as the loader runs outside any request: the demo is searchable without a
    # worker, whose queued job then finds the text read.
    attachment_read_text(attachment=attachment)


def _example_waitlist(workshop: Meeting, municipalities: list[Municipality]) -> None:
    """Registrations that fill the workshop and two more waiting, in the order they came: the
    sources give no registrations, so these and the capacity are marked as examples."""
    for number in range(1, WAITLIST_CAPACITY + 3):
        upsert(
            Registration,
            meeting=workshop,
            email=f"esimerkkiosallistuja{number}@example.fi",
            defaults={
                "name": f"Esimerkkiosallistuja {number}",
                "municipality": municipalities[number % len(municipalities)],
                "created_at": _at(workshop.starts_at.date() - datetime.timedelta(days=30), 9)
                + datetime.timedelta(hours=number),
                "status": RegistrationStatus.REGISTERED
                if number <= WAITLIST_CAPACITY
                else RegistrationStatus.WAITING,
            },
        )


def _agenda(meeting: Meeting, items) -> None:
    for order, (title, presenter, kind, outcome, actions) in enumerate(items):
        item, _ = upsert(
            AgendaItem,
            meeting=meeting,
            order=order,
            defaults={
                "title": title,
                "presenter": presenter,
                "outcome_kind": kind,
                "outcome": outcome,
            },
        )
        for what, who, due_date in actions:
            upsert(
                ActionItem, agenda_item=item, what=what, defaults={"who": who, "due_date": due_date}
            )


def _comments(minutes: Minutes, circulated_at: datetime.datetime) -> None:
    for number, (author, text, reply) in enumerate(EXAMPLE_COMMENTS, start=1):
        comment, _ = upsert(
            MinutesComment,
            minutes=minutes,
            author_name=author,
            reply_to=None,
            defaults={"text": text, "created_at": circulated_at + datetime.timedelta(days=number)},
        )
        upsert(
            MinutesComment,
            minutes=minutes,
            reply_to=comment,
            defaults={
                "author_name": "Koordinaattori (esimerkki)",
                "text": reply,
                "created_at": comment.created_at + datetime.timedelta(hours=3),
            },
        )


def load(*, uploader) -> None:
    project = Project.objects.get(slug="lape-uusimaa")
    # Every invitation of the project went to its members, Myrskylä and Pukkila (seed 001).
    invited = list(Municipality.objects.filter(name_fi__in=UUSIMAA_MEMBERS + UUSIMAA_INVITED))
    municipalities = {m.name_fi: m for m in Municipality.objects.all()}
    group, _ = upsert(
        WorkingGroup,
        project=project,
        name="Varhaiskasvatus, koulu ja oppilaitokset hyvinvoinnin tukena",
        defaults={
            "development_area": DevelopmentArea.objects.get(number=3),
            "description": "Kehitämme varhaiskasvatus-, koulu- ja oppilaitosympäristöjä ja "
            "-yhteisöjä sekä vahvistamme yksilöllistä hyvinvointia. Kehittämisalueella "
            "tehdään yhteistyötä STM:n, THL:n, OKM:n, muiden maakuntien ja sosiaalialan "
            "osaamiskeskusten kanssa.",
        },
    )
    for name, theme, email in WORKING_GROUP_CHAIRS:
        upsert(
            WorkingGroupChair,
            working_group=group,
            municipality=municipalities[name],
            defaults={"theme": theme, "contact_email": email},
        )
    for date, host, attachments in WORKING_GROUP_MEETINGS:
        meeting, _ = upsert(
            Meeting,
            working_group=group,
            starts_at=_at(date, 9),
            defaults={
                "project": project,
                "kind": MeetingKind.WORKING_GROUP,
                "title": "Kehittämisalueen työryhmän kokous",
                "theme": "Varhaiskasvatus, koulu ja oppilaitos hyvinvoinnin tukena",
                "ends_at": _at(date, 12),
                "host_municipality": municipalities[host],
                "place": host,
                "status": MeetingStatus.HELD,
                "example_fields": [
                    MeetingExample.TIME,
                    *([MeetingExample.AGENDA] if date in EXAMPLE_AGENDAS else []),
                ],
            },
        )
        meeting.invited_municipalities.set(invited)
        week_after = _at(date + datetime.timedelta(days=7), 12)
        circulated = date == CIRCULATED_MINUTES_DATE
        minutes, _ = upsert(
            Minutes,
            meeting=meeting,
            defaults={
                "text": MINUTES_TEXT.format(date=f"{date:%-d.%-m.%Y}", place=host),
                "status": MinutesStatus.CIRCULATED if circulated else MinutesStatus.APPROVED,
                "circulated_at": week_after,
                "published_at": None if circulated else week_after,
                "example_fields": [
                    MinutesExample.TEXT,
                    MinutesExample.CIRCULATED_AT if circulated else MinutesExample.PUBLISHED_AT,
                    *([MinutesExample.COMMENTS] if circulated else []),
                ],
            },
        )
        _agenda(meeting, EXAMPLE_AGENDAS.get(date, []))
        if circulated:
            _comments(minutes, week_after)
        for title, kind, language in attachments:
            _attachment(meeting, title, kind, AttachmentLanguage(language), uploader)

    for theme, date in REGIONAL_WORKSHOPS:
        waitlisted = theme == WAITLIST_WORKSHOP
        workshop, _ = upsert(
            Meeting,
            project=project,
            title=f"Maakunnallinen työpaja: {theme}",
            defaults={
                "kind": MeetingKind.REGIONAL_WORKSHOP,
                "theme": theme,
                "starts_at": _at(date, 12),
                "ends_at": _at(date, 16),
                "status": MeetingStatus.HELD,
                "capacity": WAITLIST_CAPACITY if waitlisted else None,
                "example_fields": [MeetingExample.DATE]
                + ([MeetingExample.CAPACITY] if waitlisted else []),
            },
        )
        workshop.invited_municipalities.set(invited)
        if waitlisted:
            _example_waitlist(workshop, invited)

    # Seed 001: a workshop for educational institutions and the key projects (I&O and LAPE)
    # had so few registrations that it was cancelled. Its date, capacity and minimum are not
    # given: the date is an example, the others are left out.
    cancelled, _ = upsert(
        Meeting,
        project=project,
        title="Oppilaitosten ja kärkihankkeiden (I&O ja LAPE) yhteinen työpaja",
        defaults={
            "kind": MeetingKind.REGIONAL_WORKSHOP,
            "theme": "Oppilaitosyhteistyö",
            "starts_at": _at(datetime.date(2018, 10, 10), 12),
            "ends_at": _at(datetime.date(2018, 10, 10), 16),
            "status": MeetingStatus.CANCELLED,
            "cancellation_reason": "Työpaja keräsi niin vähän ilmoittautuneita, että "
            "tilaisuus oli peruttava.",
            "min_registrations": None,
            "capacity": None,
            "registration_deadline": None,
            "example_fields": [MeetingExample.DATE, MeetingExample.INVITED_ORGANISATIONS],
        },
    )
    cancelled.invited_municipalities.set(invited)
    cancelled.invited_organisations.set(
        Organisation.objects.filter(
            Q(short_name__in=CANCELLED_WORKSHOP_INVITEES) | Q(name__in=CANCELLED_WORKSHOP_INVITEES)
        )
    )

    ostrobothnia = Project.objects.get(slug="lape-pohjanmaa")
    for name, area, description in OSTROBOTHNIA_GROUPS:
        upsert(
            WorkingGroup,
            project=ostrobothnia,
            name=name,
            defaults={
                "development_area": DevelopmentArea.objects.get(number=area),
                "description": description,
            },
        )
