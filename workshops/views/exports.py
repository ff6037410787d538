"""Files out of the portal: attachment downloads, the meeting list and registrations as
CSV, XLSX and PDF, minutes and a working group's meetings as PDF, and iCalendar feeds."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from django.views.generic import View

from core.exports import Table, csv_response, xlsx_response
from core.pdf import PdfDocument
from projects.models import Project
from workshops.columns import MEETING_COLUMNS, registration_columns
from workshops.documents import add_meeting
from workshops.ics import meetings_calendar
from workshops.models import Attachment, Meeting, WorkingGroup
from workshops.permissions import (
    can_view_attachment,
    can_view_minutes,
    can_view_registrations,
    visible_attachments_filter,
)
from workshops.uploads import INLINE_CONTENT_TYPES, served_content_type
from workshops.views.mixins import MeetingFilterMixin, MeetingManagerMixin, registrations_of

# Registrations read from the database at a time while a CSV export streams.
EXPORT_CHUNK = 2000


@require_safe
def attachment_download(request, pk: int):
    """The file under its original name; 404 for an attachment the user may not see.

    It is served as the type detected on upload. Only PDFs and images open in the browser;
    everything else is downloaded, and nosniff keeps the browser from guessing otherwise.
    """
    attachment = get_object_or_404(
        Attachment.objects.select_related("meeting__project", "meeting__minutes"), pk=pk
    )
    if not can_view_attachment(request.user, attachment):
        raise Http404
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = served_content_type(attachment.content_type)
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_CONTENT_TYPES,
        filename=attachment.original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class RegistrationsFileView(MeetingManagerMixin, View):
    """The registrations of a meeting in the columns of the meeting page's list, as a file of
    ``file_format``: CSV and XLSX for spreadsheets, PDF as a participants' list to print."""

    permission = staticmethod(can_view_registrations)
    file_format = "csv"

    def get(self, request, *args, **kwargs):
        meeting = self.meeting
        columns = registration_columns(meeting.questions.all())
        filename = f"ilmoittautuneet-{meeting.pk}.{self.file_format}"
        if self.file_format in ("csv", "xlsx"):
            # Read EXPORT_CHUNK registrations at a time and written out as they are read (the
            # CSV streamed, the workbook to a temporary file): a worker's memory does not grow
            # with the meeting.
            rows = meeting.registrations.with_answers().iterator(chunk_size=EXPORT_CHUNK)
            if self.file_format == "csv":
                return csv_response(Table(columns, rows), filename=filename)
            return xlsx_response([(_("Ilmoittautuneet"), Table(columns, rows))], filename=filename)
        table = Table(columns, registrations_of(meeting))
        document = PdfDocument(_("Osallistujalista: %(meeting)s") % {"meeting": meeting.title})
        document.heading(document.title)
        document.paragraph(str(meeting))
        document.export_table(table)
        return document.response(filename=filename)


class MeetingListFileView(MeetingFilterMixin, View):
    """The meeting list's rows, all pages of them, with the list's filters, as CSV or XLSX."""

    file_format = "csv"

    def get(self, request, *args, **kwargs):
        table = Table(MEETING_COLUMNS, self.filtered_meetings().for_list_page())
        if self.file_format == "csv":
            return csv_response(table, filename="kokoukset.csv")
        return xlsx_response([(_("Kokoukset"), table)], filename="kokoukset.xlsx")


@require_safe
def minutes_pdf(request, pk: int):
    """The minutes of a meeting with its facts, agenda and attachment list; 404 for minutes
    the user may not see (a draft is its editors')."""
    visible = visible_attachments_filter(request.user)
    meeting = get_object_or_404(
        Meeting.objects.filter(minutes__isnull=False).for_documents(visible_attachments=visible),
        pk=pk,
    )
    if not can_view_minutes(request.user, meeting.minutes):
        raise Http404
    document = PdfDocument(_("Muistio: %(meeting)s") % {"meeting": meeting.title})
    add_meeting(document, meeting, minutes=meeting.minutes, attachments=meeting.visible_attachments)
    return document.response(filename=f"muistio-{meeting.pk}.pdf")


@require_safe
def working_group_pdf(request, pk: int):
    """All meetings of a working group in one document, each with its agenda, the minutes
    the user may see and its attachment list."""
    group = get_object_or_404(
        WorkingGroup.objects.select_related("project", "development_area"), pk=pk
    )
    meetings = group.meetings.for_documents(
        visible_attachments=visible_attachments_filter(request.user)
    )
    document = PdfDocument(_("Työryhmän kokoukset: %(group)s") % {"group": group.name})
    document.heading(document.title)
    document.paragraph(group.project.localized_name)
    if group.development_area:
        document.paragraph(str(group.development_area))
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        add_meeting(
            document,
            meeting,
            minutes=minutes if minutes and can_view_minutes(request.user, minutes) else None,
            attachments=meeting.visible_attachments,
            level=2,
        )
    if not meetings:
        document.paragraph(_("Ei kokouksia."))
    return document.response(filename=f"tyoryhman-kokoukset-{group.pk}.pdf")


def calendar_response(request, *, name: str, meetings) -> HttpResponse:
    def url_of(meeting: Meeting) -> str:
        return request.build_absolute_uri(reverse("workshops:meeting_detail", args=[meeting.pk]))

    return HttpResponse(
        meetings_calendar(name=name, meetings=meetings, url_of=url_of),
        content_type="text/calendar; charset=utf-8",
    )


def feed_etag(meetings) -> str:
    """The ETag of a feed of ``meetings`` in the user's language, from the data alone: the
    feed's own text stamps the time of each request."""
    return f"{get_language()}-{meetings.feed_fingerprint()}"


@require_safe
@condition(etag_func=lambda request, slug: feed_etag(Meeting.objects.filter(project__slug=slug)))
def project_ics(request, slug: str):
    project = get_object_or_404(Project, slug=slug)
    return calendar_response(
        request,
        name=project.localized_name,
        meetings=project.meetings.for_feed(),
    )


@require_safe
@condition(etag_func=lambda request, pk: feed_etag(Meeting.objects.filter(working_group=pk)))
def working_group_ics(request, pk: int):
    group = get_object_or_404(WorkingGroup.objects.select_related("project"), pk=pk)
    return calendar_response(
        request,
        name=f"{group.name} – {group.project}",
        meetings=group.meetings.for_feed(),
    )
