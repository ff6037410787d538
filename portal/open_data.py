"""The public records as open data: what the read-only API (``/api/v1/``) and the Atom feed
publish, and how each record reads as JSON.

The objects are shaped after OParl 1.1, the open standard for council information: a project
is a ``Body``, a meeting a ``Meeting``, published minutes a ``Paper``, an attachment a
``File``; practices are this portal's own ``Practice``. Every object has its own URL as
``id``, a ``type``, and ``created`` and ``modified`` times. Names of fields are OParl's
camelCase.

Only what an anonymous visitor sees on the pages is published: the rows come through the
visitor's own access rules (``workshops.permissions``), so a change to those rules changes
the API and the feed with the pages.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from projects.models import Practice, PracticeAdoption, Project
from workshops.models import Attachment, Meeting, MeetingStatus, Minutes
from workshops.permissions import openable_attachments_filter, visible_minutes_filter

SCHEMA = "https://schema.oparl.org/1.1/"
API_VERSION = "v1"


def with_history_dates(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` annotated with ``created`` and ``modified``, the times of the first and
    the latest change in its records' history (django-simple-history)."""
    history = queryset.model.history.model.objects.filter(id=OuterRef("pk")).order_by()
    return queryset.annotate(
        created=Subquery(history.order_by("history_date").values("history_date")[:1]),
        modified=Subquery(history.order_by("-history_date").values("history_date")[:1]),
    )


# What the visitor sees, and so what is published.


def public_minutes() -> models.QuerySet:
    """Minutes an anonymous visitor may read, with their meeting, newest publication first."""
    return (
        with_history_dates(Minutes.objects.filter(visible_minutes_filter(AnonymousUser())))
        .select_related("meeting")
        .order_by("-published_at", "pk")
    )


def public_attachments() -> models.QuerySet:
    """Attachments an anonymous visitor may download, with their meeting."""
    return (
        with_history_dates(Attachment.objects.filter(openable_attachments_filter(AnonymousUser())))
        .select_related("meeting")
        .order_by("meeting__starts_at", "uploaded_at", "pk")
    )


def public_projects() -> models.QuerySet:
    """Every project (all are public), with its region, areas and funding figures."""
    return with_history_dates(Project.objects.for_programme_page())


def public_meetings() -> models.QuerySet:
    """Every meeting (all are public, cancelled ones too), with its project and working
    group, oldest first."""
    return with_history_dates(
        Meeting.objects.select_related(
            "project", "working_group", "host_municipality"
        ).prefetch_related("agenda_items")
    ).order_by("starts_at", "pk")


def public_practices() -> models.QuerySet:
    """Every practice (all are public), with its adoptions and embedding plan."""
    return (
        Practice.objects.select_related("project", "development_area", "embedding_plan")
        .prefetch_related(
            models.Prefetch(
                "adoptions",
                queryset=PracticeAdoption.objects.select_related("municipality").order_by(
                    "municipality__name_fi"
                ),
            ),
            "embedding_plan__steps",
        )
        .order_by("development_area__number", "name", "pk")
    )


# How each record reads.


def _time(value) -> str | None:
    return value.isoformat() if value else None


def _money(value) -> str | None:
    """Euros as a decimal string ("1400000.00"): exact, unlike a JSON number."""
    return None if value is None else f"{value:.2f}"


class Serializer:
    """Turns records into OParl-shaped dictionaries, with absolute URLs for ``request``."""

    def __init__(self, request):
        self.request = request

    def url(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"portal:{name}", args=args))

    def page_url(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(name, args=args))

    def body(self, project: Project) -> dict:
        return {
            "id": self.url("api_body", project.slug),
            "type": f"{SCHEMA}Body",
            "name": project.name,
            "nameSv": project.name_sv,
            "shortName": project.short_name,
            "region": project.region.name_fi,
            "startDate": project.start_date.isoformat(),
            "endDate": project.end_date.isoformat(),
            "status": project.status,
            "description": project.description,
            "developmentAreas": [link.development_area.number for link in project.area_links.all()],
            "amountGranted": _money(project.amount_granted),
            # Whether amountGranted leaves out grants whose amount is unknown.
            "amountGrantedIsPartial": project.granted_is_partial,
            "totalBudget": _money(project.total_budget),
            "ownFinancing": _money(project.own_financing),
            "amountSpent": _money(project.amount_spent),
            "meeting": self.url("api_meetings") + f"?body={project.slug}",
            "practice": self.url("api_practices") + f"?body={project.slug}",
            "web": self.page_url("projects:detail", project.slug),
            "exampleFields": list(project.example_fields),
            "created": _time(project.created),
            "modified": _time(project.modified),
        }

    def meeting(self, meeting: Meeting) -> dict:
        return {
            "id": self.url("api_meeting", meeting.pk),
            "type": f"{SCHEMA}Meeting",
            "name": meeting.title,
            "meetingKind": meeting.kind,
            "theme": meeting.theme,
            "start": _time(meeting.starts_at),
            "end": _time(meeting.ends_at),
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
            "location": {
                "description": meeting.place,
                "locality": meeting.host_municipality.name_fi if meeting.host_municipality else "",
            },
            "body": self.url("api_body", meeting.project.slug),
            "organization": meeting.working_group.name if meeting.working_group else None,
            # The agenda as the meeting page shows it; outcomes belong to the minutes (Paper).
            "agendaItem": [
                {"type": f"{SCHEMA}AgendaItem", "number": str(number), "name": item.title}
                for number, item in enumerate(meeting.agenda_items.all(), start=1)
            ],
            "web": self.page_url("workshops:meeting_detail", meeting.pk),
            "exampleFields": list(meeting.example_fields),
            "created": _time(meeting.created),
            "modified": _time(meeting.modified),
        }

    def paper(self, minutes: Minutes) -> dict:
        return {
            "id": self.url("api_paper", minutes.pk),
            "type": f"{SCHEMA}Paper",
            "paperType": "minutes",
            "name": str(minutes.meeting.title),
            "date": _time(minutes.published_at),
            "text": minutes.text,
            "meeting": self.url("api_meeting", minutes.meeting_id),
            "web": self.page_url("workshops:meeting_detail", minutes.meeting_id),
            "exampleFields": list(minutes.example_fields),
            "created": _time(minutes.created),
            "modified": _time(minutes.modified),
        }

    def file(self, attachment: Attachment) -> dict:
        return {
            "id": self.url("api_file", attachment.pk),
            "type": f"{SCHEMA}File",
            "name": attachment.title,
            "fileName": attachment.original_name,
            "mimeType": attachment.content_type,
            "size": attachment.size,
            "language": attachment.language,
            "fileKind": attachment.kind,
            "accessUrl": self.page_url("workshops:attachment_download", attachment.pk),
            "meeting": self.url("api_meeting", attachment.meeting_id),
            "created": _time(attachment.created),
            "modified": _time(attachment.modified),
        }

    def practice(self, practice: Practice) -> dict:
        plan = getattr(practice, "embedding_plan", None)
        return {
            "id": self.url("api_practice", practice.slug),
            "type": "Practice",
            "name": practice.name,
            "nameSv": practice.name_sv,
            "description": practice.description,
            "developmentArea": practice.development_area.number,
            "innokylaUrl": practice.innokyla_url or None,
            "body": self.url("api_body", practice.project.slug),
            "adoption": [
                {
                    "municipality": adoption.municipality.name_fi,
                    "municipalityCode": adoption.municipality.code,
                    "state": adoption.state,
                    "date": adoption.date.isoformat(),
                    "note": adoption.note,
                    "exampleFields": list(adoption.example_fields),
                }
                for adoption in practice.adoptions.all()
            ],
            "embeddingPlan": None
            if plan is None
            else {
                "responsible": plan.responsible,
                "note": plan.note,
                "step": [
                    {
                        "description": step.description,
                        "dueDate": step.due_date.isoformat(),
                        "done": step.is_done,
                    }
                    for step in plan.steps.all()
                ],
            },
            "web": self.page_url("projects:practice_detail", practice.slug),
            "exampleFields": list(practice.example_fields),
            "created": _time(practice.created_at),
            "modified": _time(practice.modified_at),
        }
