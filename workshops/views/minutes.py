"""Minutes: the coordinator writes them with each agenda item's outcome and action items,
circulates them for comments, answers the comments and approves them; participants comment by
the personal link e-mailed to them."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from workshops.comment_links import registration_of_token
from workshops.forms import (
    ActionItemForm,
    MinutesCommentForm,
    MinutesCorrectionForm,
    MinutesForm,
    MinutesReplyForm,
)
from workshops.history import minutes_last_saved
from workshops.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    MinutesStatus,
)
from workshops.services import (
    MinutesNotCirculated,
    action_item_create,
    action_item_mark_done,
    minutes_approve,
    minutes_comment_create,
    minutes_correction_create,
    minutes_save,
)
from workshops.views.mixins import (
    MeetingActionView,
    MeetingManagerMixin,
    ServiceFormView,
    add_service_error,
    valid_data,
)


def minutes_of(meeting: Meeting) -> Minutes:
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        raise ValidationError(_("Kokouksella ei ole vielä muistiota."))
    return minutes


def comments_of(minutes: Minutes | None) -> list[MinutesComment]:
    """The comments on ``minutes`` in order, each with its replies (``replies_in_order``)."""
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return []
    comments = list(minutes.comments.order_by("created_at", "pk"))
    for comment in comments:
        comment.replies_in_order = [each for each in comments if each.reply_to_id == comment.pk]
    return [comment for comment in comments if comment.reply_to_id is None]


def corrections_of(minutes: Minutes | None) -> list[MinutesCorrection]:
    """The dated corrections of approved minutes, oldest first."""
    if minutes is None or not minutes.is_approved:
        return []
    return list(minutes.corrections.order_by("created_at", "pk"))


class MinutesEditView(MeetingManagerMixin, ServiceFormView):
    """Write the minutes and the agenda items' outcomes; "Tallenna ja lähetä kommentoitavaksi"
    saves and circulates them at once. Below the form: the action items of each agenda item,
    the participants' comments with reply forms, approval, and for approved minutes the form
    of a dated correction.

    A save over someone else's newer version shows their text beside the user's own. When
    circulating waits for a confirmation (the meeting has not started), the text is saved and
    the page comes back asking for it.
    """

    template_name = "workshops/minutes_form.html"
    form_class = MinutesForm
    success_message = gettext_lazy("Muistio on tallennettu.")
    circulate_button = "circulate"
    ask_before_start = "vahvista"  # in the query string: the page asks to confirm circulating

    @cached_property
    def minutes(self) -> Minutes | None:
        return getattr(self.meeting, "minutes", None)

    @cached_property
    def agenda_items(self) -> list[AgendaItem]:
        return list(
            self.meeting.agenda_items.prefetch_related("action_items").order_by("order", "pk")
        )

    @cached_property
    def circulate(self) -> bool:
        return self.circulate_button in self.request.POST

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.minutes,
            "agenda_items": self.agenda_items,
            "ask_before_start": self.ask_before_start in self.request.GET,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            minutes=self.minutes,
            comments=comments_of(self.minutes),
            action_item_form=ActionItemForm(),
            reply_form=MinutesReplyForm(),
            correction_form=MinutesCorrectionForm(),
            corrections=corrections_of(self.minutes),
            **kwargs,
        )
        if context["form"].has_error(NON_FIELD_ERRORS, code="stale"):
            context["saved_minutes"] = minutes_last_saved(self.meeting)
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except MinutesNotCirculated as refusal:
            messages.success(self.request, self.success_message)
            messages.warning(self.request, " ".join(refusal.reason.messages))
            return HttpResponseRedirect(f"{self.request.path}?{self.ask_before_start}")

    def save(self, form):
        minutes_save(
            meeting=self.meeting,
            text=form.cleaned_data["text"],
            text_sv=form.cleaned_data["text_sv"],
            outcomes=form.outcomes(),
            expected_version=form.expected_version,
            circulate=self.circulate,
            circulate_before_start=form.cleaned_data.get("circulate_before_start", False),
        )
        if self.circulate:
            self.success_message = _(
                "Muistio on tallennettu ja lähetetty osallistujille kommentoitavaksi."
            )


class MinutesActionView(MeetingActionView):
    """An action on the minutes page, back to it."""

    def get_success_url(self) -> str:
        return reverse("workshops:minutes_edit", args=[self.meeting.pk])


class MinutesApproveView(MinutesActionView):
    success_message = gettext_lazy("Muistio on hyväksytty ja julkaistu.")

    def act(self) -> None:
        minutes_approve(minutes=minutes_of(self.meeting), user=self.request.user)


class MinutesCorrectionCreateView(MinutesActionView):
    success_message = gettext_lazy("Korjaus on kirjattu muistioon.")

    def act(self) -> None:
        data = valid_data(MinutesCorrectionForm(self.request.POST))
        minutes_correction_create(
            minutes=minutes_of(self.meeting), user=self.request.user, text=data["text"]
        )


class MinutesCommentReplyView(MinutesActionView):
    """The coordinator's reply to the participant's comment ``pk``."""

    success_message = gettext_lazy("Vastaus on tallennettu.")

    @cached_property
    def comment(self) -> MinutesComment:
        return get_object_or_404(
            MinutesComment.objects.select_related("minutes__meeting__project"),
            pk=self.kwargs["pk"],
            reply_to=None,
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.comment.minutes.meeting

    def act(self) -> None:
        data = valid_data(MinutesReplyForm(self.request.POST))
        minutes_comment_create(
            minutes=self.comment.minutes,
            user=self.request.user,
            reply_to=self.comment,
            text=data["text"],
        )


class ActionItemCreateView(MinutesActionView):
    """A new action item under the agenda item ``pk``."""

    success_message = gettext_lazy("Toimenpide on lisätty.")

    @cached_property
    def agenda_item(self) -> AgendaItem:
        return get_object_or_404(
            AgendaItem.objects.select_related("meeting__project"), pk=self.kwargs["pk"]
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.agenda_item.meeting

    def act(self) -> None:
        data = valid_data(ActionItemForm(self.request.POST))
        action_item_create(agenda_item=self.agenda_item, **data)


class ActionItemDoneView(MinutesActionView):
    """Mark the action item ``pk`` done; back to the page it was marked on (``next``)."""

    success_message = gettext_lazy("Toimenpide on merkitty tehdyksi.")

    @cached_property
    def action_item(self) -> ActionItem:
        return get_object_or_404(
            ActionItem.objects.select_related("agenda_item__meeting__project"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.action_item.agenda_item.meeting

    def act(self) -> None:
        action_item_mark_done(action_item=self.action_item)

    def get_success_url(self) -> str:
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return super().get_success_url()


class MinutesCommentView(FormView):
    """Circulated minutes read and commented by a participant through their e-mailed link,
    without logging in. The link stays valid: after approval it shows the approved minutes."""

    template_name = "workshops/minutes_comment.html"
    form_class = MinutesCommentForm

    @cached_property
    def registration(self):
        registration = registration_of_token(self.kwargs["token"])
        minutes = None if registration is None else getattr(registration.meeting, "minutes", None)
        # Drafts are the coordinators' own until circulated.
        if minutes is None or minutes.status == MinutesStatus.DRAFT:
            raise Http404
        return registration

    @cached_property
    def minutes(self) -> Minutes:
        return self.registration.meeting.minutes

    def get_context_data(self, **kwargs):
        meeting = self.registration.meeting
        return super().get_context_data(
            meeting=meeting,
            minutes=self.minutes,
            agenda_items=list(
                meeting.agenda_items.prefetch_related("action_items").order_by("order", "pk")
            ),
            comments=comments_of(self.minutes),
            corrections=corrections_of(self.minutes),
            participant=self.registration,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            minutes_comment_create(
                minutes=self.minutes, registration=self.registration, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Kommenttisi on tallennettu. Kiitos!"))
        return HttpResponseRedirect(self.request.path)
