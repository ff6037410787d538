"""What the meeting views share: the listing filters and the coordinator's access check."""

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property

from workshops.forms import MeetingFilterForm
from workshops.models import Meeting, Registration
from workshops.permissions import can_manage_meeting


def add_service_error(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def registrations_of(meeting: Meeting) -> list[Registration]:
    """The registrations of ``meeting`` in order, with their organisation and municipality."""
    return list(meeting.registrations.for_table())


class MeetingFilterMixin:
    """Meetings narrowed by the filter form in the query string."""

    filter_form_class = MeetingFilterForm

    @cached_property
    def filter_form(self) -> MeetingFilterForm:
        return self.filter_form_class(self.request.GET)

    def filtered_meetings(self):
        return Meeting.objects.matching(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("filter_form", self.filter_form)
        return super().get_context_data(**kwargs)


class MeetingManagerMixin(UserPassesTestMixin):
    """A page about the meeting ``pk`` for those ``permission`` allows.

    Visitors are sent to log in; a logged-in user without the right gets 403.
    """

    permission = staticmethod(can_manage_meeting)

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(
            Meeting.objects.select_related("project", "minutes"), pk=self.kwargs["pk"]
        )

    def test_func(self) -> bool:
        return self.permission(self.request.user, self.meeting)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("meeting", self.meeting)
        return super().get_context_data(**kwargs)

    def get_success_url(self) -> str:
        return reverse("workshops:meeting_detail", args=[self.meeting.pk])
