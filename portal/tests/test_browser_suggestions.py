"""A visitor filters the meetings by a working group that the field suggests as they type, in
a real browser: the suggestions come from the field's small endpoint, and the name chosen
sends the group's key."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from workshops.models import WorkingGroup

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_picks_a_suggested_working_group(page):
    group = WorkingGroup.objects.filter(meetings__isnull=False).select_related("project").first()
    label = f"{group.name} ({group.project})"
    page.goto(reverse("workshops:meeting_list"))
    field = page.get_by_label("Työryhmä")
    field.press_sequentially(group.name[:6])
    expect(page.locator(f'#id_working_group-suggestions option[value="{label}"]')).to_have_count(1)
    # Choosing from the list puts the name in the field, as filling it does.
    field.fill(label)
    page.get_by_role("button", name="Näytä").click()
    assert f"working_group={group.pk}" in page.url
    expect(page.get_by_label("Työryhmä")).to_have_value(label)
    expect(page.get_by_role("link", name=group.name).first).to_be_visible()
