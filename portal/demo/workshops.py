"""The working group of seed 004 with its meetings and attachments, and seed 001's cancelled
workshop. The documents give dates and places only: the times and the minutes texts are demo
content, and each attachment is a small generated text file that says so."""

import datetime
import zoneinfo

from django.core.files.base import ContentFile

from municipalities.models import Municipality
from portal.demo.upsert import upsert
from projects.models import DevelopmentArea, Project
from workshops.models import (
    Attachment,
    AttachmentKind,
    AttachmentLanguage,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
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
MINUTES_TEXT = (
    "Demoaineisto: alkuperäisen muistion teksti ei ole portaalin lähdeaineistossa.\n\n"
    "Kehittämisalueen työryhmän kokous {date}, {place}. Käsiteltiin kehittämisalueen "
    "ajankohtaiset asiat, puheenjohtajakuntien Lohjan ja Porvoon osakokonaisuudet sekä "
    "tulevat maakunnalliset työpajat."
)
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


def load(*, uploader) -> None:
    project = Project.objects.get(slug="lape-uusimaa")
    invited = list(project.consortium.municipalities.all())
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
            },
        )
        meeting.invited_municipalities.set(invited)
        upsert(
            Minutes,
            meeting=meeting,
            defaults={
                "text": MINUTES_TEXT.format(date=f"{date:%-d.%-m.%Y}", place=host),
                "is_published": True,
                "published_at": _at(date + datetime.timedelta(days=7), 12),
            },
        )
        for title, kind, language in attachments:
            _attachment(meeting, title, kind, AttachmentLanguage(language), uploader)

    # Seed 001: a workshop for educational institutions and the key projects (I&O and LAPE)
    # had so few registrations that it was cancelled. Its date is not given.
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
            "min_registrations": 15,
            "capacity": 60,
            "registration_deadline": _at(datetime.date(2018, 10, 1), 16),
        },
    )
    cancelled.invited_municipalities.set(invited)
