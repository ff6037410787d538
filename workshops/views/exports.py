"""Files out of the portal: attachment downloads, registration CSV and iCalendar feeds."""

import csv
from collections.abc import Iterator

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe
from django.views.generic import View

from projects.models import Project
from workshops.ics import meetings_calendar
from workshops.models import Attachment, Meeting, WorkingGroup
from workshops.permissions import can_view_attachment, can_view_registrations
from workshops.registration_columns import registration_headers, registration_rows
from workshops.uploads import INLINE_CONTENT_TYPES, served_content_type
from workshops.views.mixins import MeetingManagerMixin

# A spreadsheet reads a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Times in one format whatever the user's language, which spreadsheets read as times.
FILE_TIME_FORMAT = "j.n.Y H.i"
# Registrations read from the database at a time while an export streams.
EXPORT_CHUNK = 2000


def csv_cell(value) -> str:
    """The value as CSV text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


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


class RegistrationsCsvView(MeetingManagerMixin, View):
    """The registrations of a meeting for Excel: UTF-8 with BOM, semicolons, the columns and
    headings of the meeting page's list."""

    permission = staticmethod(can_view_registrations)

    def get(self, request, *args, **kwargs):
        response = StreamingHttpResponse(self.lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="ilmoittautuneet-{self.meeting.pk}.csv"'
        )
        return response

    def lines(self) -> Iterator[str]:
        """The file line by line, read from the database in chunks as it is sent: a worker
        holds one chunk of a meeting's thousands of registrations at a time."""
        writer = csv.writer(Line(), delimiter=";")
        yield "\ufeff" + writer.writerow(registration_headers())
        registrations = self.meeting.registrations.for_table().iterator(chunk_size=EXPORT_CHUNK)
        for row in registration_rows(registrations, FILE_TIME_FORMAT):
            yield writer.writerow(csv_cell(value) for value in row)


class Line:
    """A file-like target for ``csv.writer`` that hands each written line back."""

    def write(self, line: str) -> str:
        return line


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
