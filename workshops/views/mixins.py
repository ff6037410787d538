"""What the meeting views share: the listing filters and the coordinator's access check."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, View

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
    """The registrations of ``meeting`` in order of arrival, with their organisation,
    municipality and answers."""
    return list(meeting.registrations.with_answers())


class ServiceFormView(FormView):
    """A form whose valid data goes to ``save``; a refusal of the service is shown on the form."""

    success_message = ""

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


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


class MeetingActionView(MeetingManagerMixin, View):
    """One POST action of the meeting's coordinator, back to ``get_success_url``; a refusal of
    the service (or of the action's form) is shown there as an error message."""

    http_method_names = ["post"]
    success_message = ""

    def act(self) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


def valid_data(form: BaseForm) -> dict:
    """The form's cleaned data, or a ValidationError of its errors."""
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    return form.cleaned_data
