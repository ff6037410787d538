"""Writes on a working group's members."""

from django.db import transaction

from workshops.models import WorkingGroupMember


@transaction.atomic
def working_group_member_create(*, member: WorkingGroupMember) -> WorkingGroupMember:
    """Add a person to their working group (the form has checked the group's rules)."""
    member.save()
    return member


@transaction.atomic
def working_group_member_delete(*, member: WorkingGroupMember) -> None:
    """Take a person off their working group; the change history keeps that they were in it."""
    member.delete()
