"""The admin of the three apps: every page opens, queries don't grow with rows, the actions work."""

import datetime
from decimal import Decimal

import factory
import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

import projects.admin
from core.admin import Writes
from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Organisation,
    Region,
    ServiceArrangement,
)
from municipalities.tests.factories import (
    ConsortiumFactory,
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    ServiceArrangementFactory,
)
from notifications.models import OutboxMessage
from projects.models import (
    BudgetLine,
    Contact,
    Cooperation,
    DevelopmentArea,
    EmbeddingPlan,
    Expense,
    FunderRequest,
    GrantDecision,
    Practice,
    PracticeAdoption,
    Project,
    ProjectDevelopmentArea,
    ProjectPartner,
)
from projects.tests.factories import (
    BudgetLineFactory,
    ContactFactory,
    CooperationFactory,
    DevelopmentAreaFactory,
    EmbeddingPlanFactory,
    ExpenseFactory,
    FunderRequestFactory,
    GrantDecisionFactory,
    PracticeAdoptionFactory,
    PracticeFactory,
    ProjectDevelopmentAreaFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from workshops.models import (
    Attachment,
    Meeting,
    MeetingStatus,
    Minutes,
    Registration,
    TextStatus,
    WorkingGroup,
    WorkingGroupChair,
)
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupChairFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    Region: RegionFactory,
    Municipality: MunicipalityFactory,
    Organisation: OrganisationFactory,
    Consortium: ConsortiumFactory,
    ConsortiumMembership: ConsortiumMembershipFactory,
    ServiceArrangement: ServiceArrangementFactory,
    DevelopmentArea: DevelopmentAreaFactory,
    Project: ProjectFactory,
    ProjectDevelopmentArea: ProjectDevelopmentAreaFactory,
    ProjectPartner: ProjectPartnerFactory,
    Cooperation: CooperationFactory,
    GrantDecision: GrantDecisionFactory,
    FunderRequest: FunderRequestFactory,
    BudgetLine: BudgetLineFactory,
    Expense: ExpenseFactory,
    Contact: ContactFactory,
    WorkingGroup: WorkingGroupFactory,
    WorkingGroupChair: WorkingGroupChairFactory,
    Meeting: MeetingFactory,
    Minutes: MinutesFactory,
    Attachment: AttachmentFactory,
    Registration: RegistrationFactory,
    Practice: PracticeFactory,
    PracticeAdoption: PracticeAdoptionFactory,
    EmbeddingPlan: EmbeddingPlanFactory,
}

REGISTERED_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in {"municipalities", "projects", "workshops"}
    ),
    key=lambda model: model._meta.label,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"kayttaja{n}")


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def count_queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_every_registered_model_has_a_factory():
    assert set(REGISTERED_MODELS) == set(FACTORIES)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_open(admin_client, model):
    obj = FACTORIES[model]()

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]:
        assert admin_client.get(url).status_code == 200, url


# Regions and development areas are a fixed set, reused by their factories, with no relations.
GROWING_MODELS = [model for model in REGISTERED_MODELS if model not in {Region, DevelopmentArea}]


@pytest.mark.parametrize("model", GROWING_MODELS, ids=lambda model: model._meta.label)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    """Guards against an n+1: six rows take as many queries as three."""
    url = admin_url(model, "changelist")
    FACTORIES[model].create_batch(3)
    with_three_rows = count_queries(admin_client, url)

    FACTORIES[model].create_batch(3)

    assert count_queries(admin_client, url) == with_three_rows


def test_admin_search_of_a_large_table_finds_every_word_in_one_of_its_fields(admin_client):
    """As Django's own search: a part of a word in any case, the words in different fields
    (of the meeting and of its project), a quoted phrase as one."""
    uusimaa = MeetingFactory(
        title="Perhekeskusten verkostokokous", working_group__project__short_name="LAPE Uusimaa"
    )
    pohjanmaa = MeetingFactory(
        title="Verkostokokous", working_group__project__short_name="LAPE Pohjanmaa"
    )
    MeetingFactory(title="Työpaja", project=uusimaa.project)
    url = admin_url(Meeting, "changelist")

    def found(term: str) -> set:
        return set(admin_client.get(url, {"q": term}).context["cl"].result_list)

    assert found("VERKOSTO") == {uusimaa, pohjanmaa}
    assert found("verkosto uusimaa") == {uusimaa}
    assert found('"lape pohjanmaa"') == {pohjanmaa}
    assert found("uusimaa pohjanmaa") == set()


def searched(client, model, term: str) -> tuple[set, list[str]]:
    """The rows that the admin's list of ``model`` shows for ``term``, and its notes."""
    response = client.get(admin_url(model, "changelist"), {"q": term})
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    return set(response.context["cl"].result_list), notes


LIMITED_SEARCH = (
    "Jokainen hakusana löytyi useammalta kuin 2 riviltä, joten näytetään vain uusimmat "
    "osumat. Tarkenna hakua harvinaisemmalla sanalla löytääksesi vanhemmat."
)


def test_admin_search_of_a_large_table_shows_the_newest_rows_of_a_common_word(
    admin_client, monkeypatch
):
    """A word in more rows of a field than the search's limit: every row newer than the
    oldest of the field's newest ones that holds the word in any field is listed, and the
    page says that older ones are left out. A word in as many rows as the limit, or a rarer
    word beside the common one, finds every row, without the note."""
    monkeypatch.setattr(admin.site._registry[Meeting], "search_limit", 2)
    oldest = MeetingFactory(title="Ohjausryhmän kokous")
    room, other_room = MeetingFactory.create_batch(2, title="Työpaja", place="Kokoushuone")
    newer, newest = MeetingFactory.create_batch(2, title="Verkostokokous")

    assert searched(admin_client, Meeting, "kokous") == (
        {room, other_room, newer, newest},
        [LIMITED_SEARCH],
    )
    assert searched(admin_client, Meeting, "ohjausryhmän kokous") == ({oldest}, [])
    assert searched(admin_client, Meeting, "kokoushuone") == ({room, other_room}, [])
    assert searched(admin_client, Meeting, "verkosto") == ({newer, newest}, [])


def test_admin_search_of_common_words_reaches_as_far_back_as_the_rarer_one(
    admin_client, monkeypatch
):
    """Both words in more rows than the limit: the rows that hold both are looked for among
    the newest of the word whose newest rows reach further back."""
    monkeypatch.setattr(admin.site._registry[Meeting], "search_limit", 2)
    first, second = MeetingFactory.create_batch(2, title="Kvartsi graniitti")
    MeetingFactory.create_batch(2, title="Graniitti")
    last = MeetingFactory(title="Kvartsi graniitti")

    assert searched(admin_client, Meeting, "graniitti kvartsi") == (
        {second, last},
        [LIMITED_SEARCH],
    )
    assert first not in searched(admin_client, Meeting, "kvartsi graniitti")[0]


def year_choices(response, title: str) -> list[str]:
    changelist = response.context["cl"]
    (year_filter,) = [spec for spec in changelist.filter_specs if spec.title == title]
    return [label for _, label in year_filter.lookup_choices]


def test_admin_lists_filter_by_the_years_between_the_first_and_the_last(admin_client):
    """The expenses by the year of their date and the budget lines by their year: each year
    from the last to the first is offered, and a chosen year lists its rows only."""
    older = ExpenseFactory(budget_line__year=2017, date=datetime.date(2017, 3, 1))
    newer = ExpenseFactory(budget_line__year=2019, date=datetime.date(2019, 5, 1))
    expenses = admin_url(Expense, "changelist")
    budget_lines = admin_url(BudgetLine, "changelist")

    for address in (expenses, budget_lines):
        assert year_choices(admin_client.get(address), "vuosi") == ["2019", "2018", "2017"]
    for address, shown in [
        (f"{expenses}?date_year=2017", [older]),
        (f"{expenses}?date_year=2019", [newer]),
        (f"{budget_lines}?year=2017", [older.budget_line]),
    ]:
        assert list(admin_client.get(address).context["cl"].result_list) == shown, address


def test_admin_meeting_list_offers_the_year_of_a_meeting_on_new_years_night(admin_client):
    """Half an hour into 2027 in Finland is still 2026 in UTC."""
    MeetingFactory(starts_at=datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC))
    new_year = MeetingFactory(
        starts_at=datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC)
    )
    meetings = admin_url(Meeting, "changelist")

    assert year_choices(admin_client.get(meetings), "vuosi") == ["2027", "2026"]
    response = admin_client.get(meetings, {"starts_at_year": "2027"})
    assert list(response.context["cl"].result_list) == [new_year]


@pytest.mark.parametrize(
    ("model", "field_name"),
    [(Expense, "budget_line"), (FunderRequest, "grant"), (Minutes, "meeting")],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_autocomplete_queries_do_not_grow_with_results(admin_client, model, field_name):
    """The labels of the choices need no query per choice."""
    url = reverse("admin:autocomplete")
    opts = model._meta
    params = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field_name}
    target = FACTORIES[opts.get_field(field_name).related_model]
    target.create_batch(3)
    with_three_results = count_queries(admin_client, url, params)

    target.create_batch(3)

    assert count_queries(admin_client, url, params) == with_three_results


def add_project_rows(project):
    """One row to each inline, every autocomplete field filled."""
    area_link = ProjectDevelopmentAreaFactory(project=project)
    BudgetLineFactory(project=project, development_area=area_link.development_area)
    ProjectPartnerFactory(project=project, municipality=MunicipalityFactory(), organisation=None)
    ContactFactory(
        project=project,
        organisation=OrganisationFactory(),
        municipality=MunicipalityFactory(),
        user=UserFactory(),
    )
    GrantDecisionFactory(project=project)


@pytest.mark.parametrize(
    ("parent_factory", "add_rows"),
    [
        (ProjectFactory, add_project_rows),
        (ConsortiumFactory, lambda consortium: ConsortiumMembershipFactory(consortium=consortium)),
        (GrantDecisionFactory, lambda grant: FunderRequestFactory(grant=grant)),
        (WorkingGroupFactory, lambda group: WorkingGroupChairFactory(working_group=group)),
        (MeetingFactory, lambda meeting: AttachmentFactory(meeting=meeting)),
    ],
    ids=["Project", "Consortium", "GrantDecision", "WorkingGroup", "Meeting"],
)
def test_change_page_queries_do_not_grow_with_inline_rows(admin_client, parent_factory, add_rows):
    """Three rows in each inline take as many queries as one."""
    parent = parent_factory()
    url = admin_url(parent_factory._meta.model, "change", parent.pk)
    add_rows(parent)
    with_one_row = count_queries(admin_client, url)

    add_rows(parent)
    add_rows(parent)

    assert count_queries(admin_client, url) == with_one_row


def test_approve_action_approves_selected_circulated_minutes(admin_client):
    minutes = MinutesFactory.create_batch(2, status="circulated", circulated_at=timezone.now())

    response = admin_client.post(
        admin_url(Minutes, "changelist"),
        {"action": "approve_minutes", ACTION_CHECKBOX_NAME: [each.pk for each in minutes]},
    )

    assert response.status_code == 302
    for each in minutes:
        each.refresh_from_db()
        assert each.status == "approved"
        assert each.published_at is not None


def test_approve_action_skips_minutes_never_circulated_and_says_why(admin_client):
    circulated = MinutesFactory(status="circulated", circulated_at=timezone.now())
    draft = MinutesFactory()

    response = admin_client.post(
        admin_url(Minutes, "changelist"),
        {"action": "approve_minutes", ACTION_CHECKBOX_NAME: [circulated.pk, draft.pk]},
    )

    circulated.refresh_from_db()
    draft.refresh_from_db()
    assert circulated.status == "approved"
    assert (draft.status, draft.published_at, draft.version) == ("draft", None, 1)
    assert sorted(message_texts(response)) == [
        "1 muistio hyväksyttiin.",
        f"{draft}: Muistiota ei voi hyväksyä, koska sitä ei ole lähetetty osallistujille "
        "kommentoitavaksi.",
    ]


def cancel_meetings(client, meetings, **data):
    return client.post(
        admin_url(Meeting, "changelist"),
        {"action": "cancel_meetings", ACTION_CHECKBOX_NAME: [m.pk for m in meetings], **data},
    )


def test_cancel_action_asks_for_the_reason_first(admin_client):
    meeting = MeetingFactory()

    response = cancel_meetings(admin_client, [meeting])

    assert response.status_code == 200
    assert "admin/workshops/meeting/cancel.html" in [t.name for t in response.templates]
    assert not response.context["form"].is_bound
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_cancel_action_cancels_planned_meeting_with_reason(admin_client):
    meeting = MeetingFactory()

    response = cancel_meetings(
        admin_client, [meeting], apply="1", reason="Liian vähän ilmoittautuneita."
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancellation_reason == "Liian vähän ilmoittautuneita."
    assert message_texts(response) == ["1 tilaisuus peruttiin."]


def test_cancel_action_without_reason_shows_the_form_again(admin_client):
    meeting = MeetingFactory()

    response = cancel_meetings(admin_client, [meeting], apply="1", reason="  ")

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.cancellation_reason == ""


def test_cancel_action_leaves_held_meeting_and_reports_it(admin_client):
    held = MeetingFactory(status=MeetingStatus.HELD)
    planned = MeetingFactory()

    response = cancel_meetings(admin_client, [held, planned], apply="1", reason="Sairastumisia.")

    held.refresh_from_db()
    planned.refresh_from_db()
    assert (held.status, held.cancellation_reason) == (MeetingStatus.HELD, "")
    assert planned.status == MeetingStatus.CANCELLED
    assert message_texts(response) == [
        f"{held}: Pidettyä tilaisuutta ei voi perua.",
        "1 tilaisuus peruttiin.",
    ]


def refusing_contact_deletion(monkeypatch):
    """The contacts' deletion service refuses, as a service does when its rule is broken."""

    def refuse(*, contact):
        raise ValidationError("Yhteyshenkilöä ei voi poistaa.")

    monkeypatch.setitem(projects.admin.WRITES, Contact, Writes("contact", delete=refuse))


def test_refused_deletion_says_why_and_deletes_nothing(admin_client, monkeypatch):
    refusing_contact_deletion(monkeypatch)
    contact = ContactFactory()

    response = admin_client.post(admin_url(Contact, "delete", contact.pk), {"post": "yes"})

    assert response.status_code == 302
    assert message_texts(response) == ["Yhteyshenkilöä ei voi poistaa."]
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert not LogEntry.objects.exists()


def test_refused_bulk_deletion_says_why_and_deletes_nothing(admin_client, monkeypatch):
    refusing_contact_deletion(monkeypatch)
    contacts = ContactFactory.create_batch(2)

    response = admin_client.post(
        admin_url(Contact, "changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            ACTION_CHECKBOX_NAME: [contact.pk for contact in contacts],
        },
    )

    assert response.status_code == 302
    assert message_texts(response) == ["Yhteyshenkilöä ei voi poistaa."]
    assert Contact.objects.count() == 2
    assert not LogEntry.objects.exists()


def test_municipality_search_finds_by_name(admin_client):
    lohja = MunicipalityFactory(name_fi="Lohja")
    MunicipalityFactory(name_fi="Vihti")

    response = admin_client.get(admin_url(Municipality, "changelist"), {"q": "Lohja"})

    assert list(response.context["cl"].result_list) == [lohja]


PDF = b"%PDF-1.4"


def pdf_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("Esityslista.pdf", PDF, content_type="application/pdf")


def assert_upload_recorded(attachment, user):
    assert attachment.original_name == "Esityslista.pdf"
    assert attachment.size == len(PDF)
    assert attachment.content_type == "application/pdf"
    assert attachment.uploaded_by == user
    # Stored by attachment_create: its text is queued for the background worker.
    assert attachment.text_status == TextStatus.PENDING
    assert ProcrastinateJob.objects.get().args == {"attachment_id": attachment.pk}


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def attachment_page_data(meeting, **fields) -> dict:
    return {
        "meeting": meeting.pk,
        "title": "Esityslista",
        "kind": "invitation",
        "language": "fi",
        "uploaded_at_0": "2017-04-20",
        "uploaded_at_1": "12:00:00",
        **fields,
    }


def meeting_page_data(meeting, attachments: list[dict], initial: int = 0) -> dict:
    """The meeting's change form with ``attachments`` as the rows of its attachment inline."""
    data = {
        "project": meeting.project_id,
        "working_group": meeting.working_group_id,
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at_0": "2017-05-03",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2017-05-03",
        "ends_at_1": "12:00:00",
        "status": meeting.status,
        "minutes-TOTAL_FORMS": "0",
        "minutes-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": str(len(attachments)),
        "attachments-INITIAL_FORMS": str(initial),
    }
    for index, row in enumerate(attachments):
        data.update({f"attachments-{index}-{name}": value for name, value in row.items()})
    return data


def test_meeting_added_in_admin_invites_as_the_coordinators_page_does(admin_client):
    group = WorkingGroupFactory()
    municipality = MunicipalityFactory(invitation_email="kirjaamo@lohja.fi")
    data = meeting_page_data(MeetingFactory.build(working_group=group, project=group.project), [])
    data.update(
        starts_at_0="2030-05-03",
        ends_at_0="2030-05-03",
        invited_municipalities=[municipality.pk],
    )

    response = admin_client.post(admin_url(Meeting, "add"), data)

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.invited_municipalities.all()) == [municipality]
    [invitation] = OutboxMessage.objects.filter(kind="meeting_invitation")
    assert invitation.to == "kirjaamo@lohja.fi"
    assert f"UID:meeting-{meeting.pk}@lape-portaali" in invitation.ics


def test_attachment_added_in_admin_records_the_upload(admin_client, admin_user):
    meeting = MeetingFactory()

    response = admin_client.post(
        admin_url(Attachment, "add"), attachment_page_data(meeting, file=pdf_upload())
    )

    assert response.status_code == 302
    assert_upload_recorded(Attachment.objects.get(), admin_user)


def test_attachment_added_in_meeting_inline_records_the_upload(admin_client, admin_user):
    meeting = MeetingFactory()
    row = {"title": "Esityslista", "file": pdf_upload(), "kind": "invitation", "language": "fi"}

    response = admin_client.post(
        admin_url(Meeting, "change", meeting.pk), meeting_page_data(meeting, [row])
    )

    assert response.status_code == 302
    assert_upload_recorded(meeting.attachments.get(), admin_user)


def fail_attachment_insert(execute, sql, params, many, context):
    """The database refuses the attachment's row, after its file was written to storage."""
    if sql.startswith('INSERT INTO "workshops_attachment"'):
        raise IntegrityError("simulated")
    return execute(sql, params, many, context)


def test_attachment_refused_by_the_database_in_admin_leaves_no_file(admin_client, media_root):
    meeting = MeetingFactory()

    with connection.execute_wrapper(fail_attachment_insert), pytest.raises(IntegrityError):
        admin_client.post(
            admin_url(Attachment, "add"), attachment_page_data(meeting, file=pdf_upload())
        )

    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_attachment_refused_by_the_database_in_meeting_inline_leaves_no_file(
    admin_client, media_root
):
    meeting = MeetingFactory()
    row = {"title": "Esityslista", "file": pdf_upload(), "kind": "invitation", "language": "fi"}

    with connection.execute_wrapper(fail_attachment_insert), pytest.raises(IntegrityError):
        admin_client.post(
            admin_url(Meeting, "change", meeting.pk), meeting_page_data(meeting, [row])
        )

    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_attachment_changed_in_admin_keeps_its_file(admin_client, media_root):
    attachment = AttachmentFactory()
    stored = attachment.file.read()

    response = admin_client.post(
        admin_url(Attachment, "change", attachment.pk),
        attachment_page_data(attachment.meeting, title="Uusi otsikko", file=pdf_upload()),
    )

    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.title == "Uusi otsikko"
    assert attachment.file.read() == stored
    assert stored_files(media_root) == [media_root / attachment.file.name]


def test_attachment_deleted_in_admin_loses_its_file(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            admin_url(Attachment, "delete", attachment.pk), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_attachment_deleted_in_meeting_inline_loses_its_file(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory()
    row = {
        "id": attachment.pk,
        "meeting": attachment.meeting_id,
        "title": attachment.title,
        "kind": attachment.kind,
        "language": attachment.language,
        "DELETE": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            admin_url(Meeting, "change", attachment.meeting_id),
            meeting_page_data(attachment.meeting, [row], initial=1),
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_inline_autocomplete_shows_the_selected_object(admin_client):
    membership = ConsortiumMembershipFactory(municipality__name_fi="Lohja")

    response = admin_client.get(admin_url(Consortium, "change", membership.consortium_id))

    assert (
        f'<option value="{membership.municipality_id}" selected>Lohja</option>'
        in response.content.decode()
    )


# --- Money -------------------------------------------------------------------------------------

NBSP = "\N{NO-BREAK SPACE}"
TYPED = f"12{NBSP}500,50{NBSP}€"  # as a page shows an amount, copied into the admin
SHOWN = f"12{NBSP}500,50"  # as the admin's input shows it back


def no_inline_rows(*prefixes: str) -> dict:
    return {
        key: 0
        for prefix in prefixes
        for key in [f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"]
    }


def money_cell(field: str, text: str) -> str:
    return f'<td class="field-{field}">{text}</td>'


@pytest.mark.parametrize(
    "model, field, data",
    [
        (
            BudgetLine,
            "amount",
            lambda: {
                "project": ProjectFactory().pk,
                "year": 2017,
                "category": "travel",
                "amount": TYPED,
            },
        ),
        (
            GrantDecision,
            "amount_granted",
            lambda: {
                "project": ProjectFactory().pk,
                "funder": OrganisationFactory().pk,
                "amount_granted": TYPED,
                **no_inline_rows("instalments", "reports", "requests"),
            },
        ),
    ],
    ids=["BudgetLine", "GrantDecision"],
)
def test_admin_saves_an_amount_typed_as_pages_show_it_and_shows_it_back(
    admin_client, model, field, data
):
    response = admin_client.post(admin_url(model, "add"), data())

    assert response.status_code == 302
    saved = model.objects.get()
    assert getattr(saved, field) == Decimal("12500.50")
    change_page = admin_client.get(admin_url(model, "change", saved.pk)).content.decode()
    assert f'name="{field}" value="{SHOWN}"' in change_page
    changelist = admin_client.get(admin_url(model, "changelist")).content.decode()
    assert money_cell(field, f"{SHOWN}{NBSP}€") in changelist


def test_admin_inlines_of_a_project_save_amounts_typed_as_pages_show_them(admin_client):
    project = ProjectFactory()
    funder = OrganisationFactory()
    data = {
        "name": project.name,
        "short_name": project.short_name,
        "slug": project.slug,
        "region": project.region_id,
        "consortium": project.consortium_id,
        "administering_municipality": project.administering_municipality_id,
        "start_date": "2017-01-01",
        "end_date": "2018-12-31",
        "status": project.status,
        "total_budget": f"100{NBSP}000,00",
        **no_inline_rows("area_links", "partners", "contacts"),
        "grants-TOTAL_FORMS": 1,
        "grants-INITIAL_FORMS": 0,
        "grants-0-funder": funder.pk,
        "grants-0-amount_applied": "12 500,50 €",
        "grants-0-amount_granted": TYPED,
        "budget_lines-TOTAL_FORMS": 1,
        "budget_lines-INITIAL_FORMS": 0,
        "budget_lines-0-year": 2017,
        "budget_lines-0-category": "travel",
        "budget_lines-0-amount": "12500.50",
    }

    response = admin_client.post(admin_url(Project, "change", project.pk), data)

    assert response.status_code == 302, response.context["errors"]
    grant = project.grants.get()
    assert (grant.amount_applied, grant.amount_granted) == (Decimal("12500.50"),) * 2
    assert project.budget_lines.get().amount == Decimal("12500.50")
    change_page = admin_client.get(admin_url(Project, "change", project.pk)).content.decode()
    for name in ["grants-0-amount_applied", "grants-0-amount_granted", "budget_lines-0-amount"]:
        assert f'name="{name}" value="{SHOWN}"' in change_page


def test_admin_leaves_an_empty_granted_amount_unknown_rather_than_zero(admin_client):
    project = ProjectFactory(total_budget=Decimal("100000.00"))

    response = admin_client.post(
        admin_url(GrantDecision, "add"),
        {
            "project": project.pk,
            "funder": OrganisationFactory().pk,
            "amount_granted": "",
            **no_inline_rows("instalments", "reports", "requests"),
        },
    )

    assert response.status_code == 302
    assert project.grants.get().amount_granted is None
    grants = admin_client.get(admin_url(GrantDecision, "changelist")).content.decode()
    assert money_cell("amount_granted", "ei tiedossa") in grants
    projects = admin_client.get(admin_url(Project, "changelist")).content.decode()
    assert '<td class="field-granted">ei tiedossa</td>' in projects
    assert '<td class="field-own_financing">ei tiedossa</td>' in projects


def test_admin_project_list_notes_the_grants_its_granted_sum_leaves_out(admin_client):
    project = ProjectFactory()
    GrantDecisionFactory(project=project, amount_granted=Decimal("80000.00"))
    GrantDecisionFactory(project=project, amount_granted=None)

    projects = admin_client.get(admin_url(Project, "changelist")).content.decode()

    assert (
        f'<td class="field-granted">80{NBSP}000,00{NBSP}€ '
        "(ei sisällä 1 avustusta, jonka summa ei ole tiedossa)</td>"
    ) in projects


def test_staff_status_alone_does_not_open_the_admin(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
