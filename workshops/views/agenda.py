"""The coordinator's agenda pages: add, edit, reorder and remove a meeting's agenda items.

Each item has its own small form and buttons, so the page works without JavaScript.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from workshops.forms import AgendaItemForm
from workshops.models import AgendaItem, Meeting
from workshops.services import (
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
)
from workshops.views.mixins import MeetingActionView, MeetingManagerMixin, ServiceFormView

MOVES = {"up": -1, "down": 1}


class AgendaEditView(MeetingManagerMixin, ServiceFormView):
    """The agenda's items in order, each with its buttons, and a form adding an item."""

    template_name = "workshops/agenda_form.html"
    form_class = AgendaItemForm
    success_message = gettext_lazy("Asialistan kohta on lisätty.")

    def get_context_data(self, **kwargs):
        items = list(self.meeting.agenda_items.order_by("order", "pk"))
        return super().get_context_data(items=items, **kwargs)

    def save(self, form):
        agenda_item_create(meeting=self.meeting, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("workshops:agenda_edit", args=[self.meeting.pk])


class AgendaItemMixin:
    """A page or action about the agenda item ``pk``, for its meeting's coordinators."""

    @cached_property
    def item(self) -> AgendaItem:
        return get_object_or_404(
            AgendaItem.objects.select_related("meeting__project", "meeting__minutes"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.item.meeting

    def get_success_url(self) -> str:
        return reverse("workshops:agenda_edit", args=[self.meeting.pk])


class AgendaItemUpdateView(AgendaItemMixin, MeetingManagerMixin, ServiceFormView):
    template_name = "workshops/agenda_item_form.html"
    form_class = AgendaItemForm
    success_message = gettext_lazy("Asialistan kohta on tallennettu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, **kwargs)

    def save(self, form):
        agenda_item_update(item=self.item, **form.cleaned_data)


class AgendaItemMoveView(AgendaItemMixin, MeetingActionView):
    """Move the item one place up or down (``direction`` in the POST)."""

    success_message = gettext_lazy("Asialistan järjestys on tallennettu.")

    def act(self) -> None:
        step = MOVES.get(self.request.POST.get("direction", ""), 0)
        agenda_item_move(item=self.item, step=step)


class AgendaItemDeleteView(AgendaItemMixin, MeetingActionView):
    success_message = gettext_lazy("Asialistan kohta on poistettu.")

    def act(self) -> None:
        agenda_item_delete(item=self.item)
