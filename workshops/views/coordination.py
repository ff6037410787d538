"""The coordinator's pages: plan, edit and cancel meetings, manage attachments (the agenda and
the minutes have modules of their own)."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from projects.models import Project
from workshops.forms import (
    AttachmentForm,
    AttachmentTitlesForm,
    MeetingCancelForm,
    MeetingForm,
)
from workshops.models import Attachment, Meeting
from workshops.permissions import can_create_meeting
from workshops.services import (
    attachment_create,
    attachment_delete,
    attachment_update_titles,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from workshops.swedish import swedish_gaps
from workshops.uploads import AttachmentSizeLimit
from workshops.views.mixins import MeetingManagerMixin, ServiceFormView


class MeetingCreateView(UserPassesTestMixin, ServiceFormView):
    template_name = "workshops/meeting_form.html"
    form_class = MeetingForm
    success_message = gettext_lazy("Kokous on tallennettu.")

    @cached_property
    def project(self) -> Project:
        return get_object_or_404(Project, slug=self.kwargs["slug"])

    def test_func(self) -> bool:
        return can_create_meeting(self.request.user, self.project)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.project,
            "instance": Meeting(project=self.project),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, **kwargs)

    def save(self, form):
        self.meeting = meeting_create(meeting=Meeting(project=self.project), **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("workshops:meeting_detail", args=[self.meeting.pk])


class MeetingUpdateView(MeetingManagerMixin, ServiceFormView):
    template_name = "workshops/meeting_form.html"
    form_class = MeetingForm
    success_message = gettext_lazy("Kokouksen tiedot on tallennettu.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.meeting.project,
            "instance": self.meeting,
        }

    def get_context_data(self, **kwargs):
        meetings = Meeting.objects.filter(pk=self.meeting.pk).to_prepare_in_swedish()
        return super().get_context_data(
            project=self.meeting.project, swedish_gaps=swedish_gaps(meetings), **kwargs
        )

    def save(self, form):
        meeting_update(
            meeting=self.meeting, expected_version=form.expected_version, **form.cleaned_data
        )


class MeetingCancelView(MeetingManagerMixin, ServiceFormView):
    template_name = "workshops/meeting_cancel_form.html"
    form_class = MeetingCancelForm
    success_message = gettext_lazy("Kokous on peruttu.")

    def save(self, form):
        meeting_cancel(meeting=self.meeting, reason=form.cleaned_data["reason"])


@method_decorator(csrf_exempt, name="dispatch")
class AttachmentUploadView(MeetingManagerMixin, ServiceFormView):
    """Upload an attachment; a file over the size limit is stopped while it streams in (413)."""

    template_name = "workshops/attachment_form.html"
    form_class = AttachmentForm
    success_message = gettext_lazy("Liite on tallennettu.")

    def dispatch(self, request, *args, **kwargs):
        # The size limit must be in place before anything reads the body. The CSRF middleware
        # would read it first, so the view is exempt from it and checks the token itself here.
        self.size_limit = AttachmentSizeLimit(request)
        request.upload_handlers.insert(0, self.size_limit)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()  # reads the body on POST
        return {**kwargs, "upload_error": self.size_limit.error}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if self.size_limit.error is not None:
            response.status_code = 413
        return response

    def save(self, form):
        attachment_create(meeting=self.meeting, user=self.request.user, **form.cleaned_data)


class AttachmentTitlesView(MeetingManagerMixin, ServiceFormView):
    """Change the titles of an attachment of a meeting the user manages."""

    template_name = "workshops/attachment_form.html"
    form_class = AttachmentTitlesForm
    success_message = gettext_lazy("Liite on tallennettu.")

    @cached_property
    def attachment(self) -> Attachment:
        return get_object_or_404(
            Attachment.objects.select_related("meeting__project"), pk=self.kwargs["pk"]
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.attachment.meeting

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.attachment}

    def get_context_data(self, **kwargs):
        return super().get_context_data(attachment=self.attachment, **kwargs)

    def save(self, form):
        attachment_update_titles(attachment=self.attachment, **form.cleaned_data)


class AttachmentDeleteView(MeetingManagerMixin, TemplateView):
    """Confirm (GET) and delete (POST) an attachment of a meeting the user manages."""

    template_name = "workshops/attachment_confirm_delete.html"

    @cached_property
    def attachment(self) -> Attachment:
        return get_object_or_404(
            Attachment.objects.select_related("meeting__project"), pk=self.kwargs["pk"]
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.attachment.meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(attachment=self.attachment, **kwargs)

    def post(self, request, *args, **kwargs):
        attachment_delete(attachment=self.attachment)
        messages.success(request, _("Liite on poistettu."))
        return HttpResponseRedirect(self.get_success_url())
