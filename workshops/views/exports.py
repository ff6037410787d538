"""Files out of the portal: attachment downloads, registration CSV and iCalendar feeds."""

import csv

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import View

from projects.models import Project
from workshops.ics import meetings_calendar
from workshops.models import Attachment, Meeting, WorkingGroup
from workshops.permissions import can_view_attachment, can_view_registrations
from workshops.registration_columns import registration_table
from workshops.uploads import INLINE_CONTENT_TYPES, served_content_type
from workshops.views.mixins import MeetingManagerMixin, registrations_of

# A spreadsheet reads a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Times in one format whatever the user's language, which spreadsheets read as times.
FILE_TIME_FORMAT = "j.n.Y H.i"


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
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="ilmoittautuneet-{self.meeting.pk}.csv"'
        )
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        table = registration_table(
            registrations_of(self.meeting),
            questions=self.meeting.questions.all(),
            time_format=FILE_TIME_FORMAT,
        )
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(csv_cell(value) for value in row)
        return response


def calendar_response(request, *, name: str, meetings) -> HttpResponse:
    def url_of(meeting: Meeting) -> str:
        return request.build_absolute_uri(reverse("workshops:meeting_detail", args=[meeting.pk]))

    return HttpResponse(
        meetings_calendar(name=name, meetings=meetings, url_of=url_of),
        content_type="text/calendar; charset=utf-8",
    )


@require_safe
def project_ics(request, slug: str):
    project = get_object_or_404(Project, slug=slug)
    return calendar_response(
        request,
        name=project.localized_name,
        meetings=project.meetings.for_feed(),
    )


@require_safe
def working_group_ics(request, pk: int):
    group = get_object_or_404(WorkingGroup.objects.select_related("project"), pk=pk)
    return calendar_response(
        request,
        name=f"{group.name} – {group.project}",
        meetings=group.meetings.for_feed(),
    )
