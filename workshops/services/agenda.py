"""Writes on a meeting's agenda: its items in order and the action items agreed under them.
Once the meeting's minutes are approved, the agenda they record is not edited."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from workshops.models import ActionItem, AgendaItem, Meeting, Minutes, MinutesStatus
from workshops.services.minutes import _approved_refusal, _lock_meeting


def _refuse_editing_approved(meeting: Meeting) -> None:
    """Approved minutes, with the agenda and outcomes they record, are not edited in place."""
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise _approved_refusal()


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **fields) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    _lock_meeting(meeting)
    _refuse_editing_approved(meeting)
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"]
    item = AgendaItem(meeting=meeting, order=0 if last is None else last + 1, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    """Change an agenda item's title, presenter or description."""
    _refuse_editing_approved(item.meeting)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=list(fields))
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, step: int) -> AgendaItem:
    """Move an item ``step`` places up (negative) or down the agenda; at an end it stays."""
    _lock_meeting(item.meeting)
    _refuse_editing_approved(item.meeting)
    items = list(item.meeting.agenda_items.order_by("order", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = min(max(index + step, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    for order, each in enumerate(items):
        if each.order != order:
            each.order = order
            each.save(update_fields=["order"])
    return items[target]


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an item from the agenda, with its outcome and action items."""
    _refuse_editing_approved(item.meeting)
    item.delete()


@transaction.atomic
def action_item_create(
    *, agenda_item: AgendaItem, what: str, who: str = "", due_date=None
) -> ActionItem:
    """Record an action item agreed under ``agenda_item``; it is open until marked done."""
    _refuse_editing_approved(agenda_item.meeting)
    action = ActionItem(
        agenda_item=agenda_item, what=what.strip(), who=who.strip(), due_date=due_date
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_item_mark_done(*, action_item: ActionItem) -> ActionItem:
    """Mark an action item done, which takes it off the agendas it was carried to; marking it
    twice keeps the first time."""
    if action_item.done_at is None:
        action_item.done_at = timezone.now()
        action_item.save(update_fields=["done_at"])
    return action_item
