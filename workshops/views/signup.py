"""Sign-up pages: a registrant's own page behind their e-mailed link, an invitee's "we will
not attend", and the coordinator's registrations page with its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core.exports import Table
from workshops.columns import registration_columns
from workshops.forms import (
    RegistrationChangeForm,
    RegistrationForm,
    RegistrationMoveForm,
    RegistrationQuestionForm,
)
from workshops.links import INVITATION_SALT, REGISTRATION_SALT, signed_pk
from workshops.models import (
    Invitation,
    Meeting,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from workshops.services import (
    invitation_decline,
    invitation_mark_bounced,
    registration_cancel,
    registration_create,
    registration_move,
    registration_promote,
    registration_question_create,
    registration_question_delete,
    registration_set_attended,
    registration_update,
)
from workshops.views.mixins import MeetingManagerMixin, add_service_error, registrations_of

# --- The registrant's own link ----------------------------------------------------------------


class RegistrationManageView(TemplateView):
    """A registration seen through its signed link: its details, a form to change them and
    a button to cancel. A forged or damaged link is a 404."""

    template_name = "workshops/registration_manage.html"

    @cached_property
    def registration(self) -> Registration:
        pk = signed_pk(self.kwargs["token"], salt=REGISTRATION_SALT)
        if pk is None:
            raise Http404
        return get_object_or_404(
            Registration.objects.select_related("meeting", "organisation", "municipality"),
            pk=pk,
        )

    def form(self, data=None) -> RegistrationChangeForm:
        registration = self.registration
        answers = {answer.question_id: answer.text for answer in registration.answers.all()}
        questions = list(registration.meeting.questions.all())
        initial = {
            "name": registration.name,
            "organisation": registration.organisation_id,
            "municipality": registration.municipality_id,
            **{f"question_{q.pk}": answers.get(q.pk, "") for q in questions},
        }
        return RegistrationChangeForm(data, initial=initial, questions=questions)

    def get_context_data(self, **kwargs):
        registration = self.registration
        active = registration.status != RegistrationStatus.CANCELLED
        if "form" not in kwargs and active:
            kwargs["form"] = self.form()
        return super().get_context_data(
            registration=registration,
            meeting=registration.meeting,
            answers=list(registration.answers.select_related("question")),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.registration_data()
            try:
                registration_update(registration=self.registration, **data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Muutokset on tallennettu."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class RegistrationSelfCancelView(RegistrationManageView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration_cancel(registration=self.registration)
        messages.success(request, _("Ilmoittautumisesi on peruttu."))
        return HttpResponseRedirect(
            reverse("workshops:registration_manage", args=[self.kwargs["token"]])
        )


class InvitationDeclineView(TemplateView):
    """An invitee says they will not attend (GET asks, POST records it)."""

    template_name = "workshops/invitation_decline.html"

    @cached_property
    def invitation(self) -> Invitation:
        pk = signed_pk(self.kwargs["token"], salt=INVITATION_SALT)
        if pk is None:
            raise Http404
        return get_object_or_404(
            Invitation.objects.select_related("meeting", "municipality", "organisation"), pk=pk
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def post(self, request, *args, **kwargs):
        invitation_decline(invitation=self.invitation)
        messages.success(request, _("Kiitos, tieto on välitetty järjestäjälle."))
        return HttpResponseRedirect(request.path)


# --- The coordinator's registrations page -----------------------------------------------------


class MeetingRegistrationsView(MeetingManagerMixin, TemplateView):
    """Counts per meeting and per municipality, the registrations with their actions, the
    questions of the form and the invitations with where each stands."""

    template_name = "workshops/meeting_registrations.html"

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        questions = list(meeting.questions.all())
        registrations = registrations_of(meeting)
        table = Table(registration_columns(questions), registrations)
        kwargs.setdefault("add_form", RegistrationForm(questions=questions))
        kwargs.setdefault("question_form", RegistrationQuestionForm())
        return super().get_context_data(
            counts=meeting.registrations.counts(),
            per_municipality=meeting.registrations.counts_per_municipality(),
            table=table,
            questions=questions,
            invitations=list(meeting.invitations.for_coordinator()),
            move_form=RegistrationMoveForm(meeting=meeting),
            has_started=meeting.starts_at <= timezone.now(),
            **kwargs,
        )


class RegistrationAddView(MeetingRegistrationsView):
    """The coordinator registers someone else, also after the deadline."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST, questions=self.meeting.questions.all())
        if form.is_valid():
            try:
                registration_create(
                    meeting=self.meeting, user=None, by_coordinator=True, **form.registration_data()
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Ilmoittautuminen on lisätty."))
                return HttpResponseRedirect(registrations_url(self.meeting))
        return self.render_to_response(self.get_context_data(add_form=form))


class QuestionAddView(MeetingRegistrationsView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RegistrationQuestionForm(request.POST)
        if form.is_valid():
            registration_question_create(meeting=self.meeting, **form.cleaned_data)
            messages.success(request, _("Kysymys on lisätty ilmoittautumislomakkeeseen."))
            return HttpResponseRedirect(registrations_url(self.meeting))
        return self.render_to_response(self.get_context_data(question_form=form))


def registrations_url(meeting: Meeting) -> str:
    return reverse("workshops:meeting_registrations", args=[meeting.pk])


class MeetingRecordActionView(MeetingManagerMixin, View):
    """A coordinator's one-click action on a record of a meeting: ``act`` runs the service,
    whose refusal is shown as a message; back to the registrations page either way."""

    http_method_names = ["post"]
    model: type = Registration
    success_message = ""

    @cached_property
    def record(self):
        return get_object_or_404(
            self.model.objects.select_related("meeting__project"), pk=self.kwargs["pk"]
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.record.meeting

    def act(self) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(registrations_url(self.meeting))


class RegistrationCancelView(MeetingRecordActionView):
    def act(self):
        registration_cancel(registration=self.record)
        self.success_message = _("Ilmoittautuminen on peruttu.")


class RegistrationPromoteView(MeetingRecordActionView):
    def act(self):
        registration_promote(registration=self.record)
        self.success_message = _(
            "Jonossa ollut on nostettu osallistujaksi, ja hänelle on kerrottu."
        )


class RegistrationMoveView(MeetingRecordActionView):
    def act(self):
        form = RegistrationMoveForm(self.request.POST, meeting=self.meeting)
        if not form.is_valid():
            raise ValidationError(_("Valitse tilaisuus, johon ilmoittautuminen siirretään."))
        registration_move(registration=self.record, meeting=form.cleaned_data["meeting"])
        self.success_message = _("Ilmoittautuminen on siirretty.")


class RegistrationAttendedView(MeetingRecordActionView):
    def act(self):
        attended = self.request.POST.get("attended") == "1"
        registration_set_attended(registration=self.record, attended=attended)
        self.success_message = _("Osallistuminen on merkitty.")


class QuestionDeleteView(MeetingRecordActionView):
    model = RegistrationQuestion

    def act(self):
        registration_question_delete(question=self.record)
        self.success_message = _("Kysymys on poistettu.")


class InvitationBouncedView(MeetingRecordActionView):
    model = Invitation

    def act(self):
        invitation_mark_bounced(invitation=self.record)
        self.success_message = _("Kutsu on merkitty palautuneeksi.")
