"""A visitor reaches the demo's 2018 meetings from today's calendar in a real browser: by
choosing the month and year, and by jumping over the empty months."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from workshops.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_chooses_a_month_and_jumps_over_empty_months(page):
    first = Meeting.objects.order_by("starts_at").first()
    local = timezone.localtime(first.starts_at)
    page.goto(reverse("workshops:calendar", args=[2030, 1]))
    expect(page.get_by_role("heading", name="Tammikuu 2030")).to_be_visible()

    page.get_by_label("Kuukausi").select_option(str(local.month))
    page.get_by_label("Vuosi").select_option(str(local.year))
    page.get_by_role("button", name="Siirry").click()

    assert page.url.endswith(reverse("workshops:calendar", args=[local.year, local.month]))
    expect(
        page.locator(".meeting-calendar").get_by_role("link", name=first.title).first
    ).to_be_visible()
    # Before the first meeting there is nothing to jump back to; forward jumps skip empty months.
    expect(page.get_by_role("link", name="Edellinen kuukausi, jolla on kokouksia")).to_have_count(0)
    later = (
        Meeting.objects.filter(
            starts_at__gte=datetime.datetime(
                local.year + (local.month == 12), local.month % 12 + 1, 1, tzinfo=local.tzinfo
            )
        )
        .order_by("starts_at")
        .first()
    )
    later_local = timezone.localtime(later.starts_at)
    page.get_by_role("link", name="Seuraava kuukausi, jolla on kokouksia").click()
    assert page.url.endswith(
        reverse("workshops:calendar", args=[later_local.year, later_local.month])
    )
    expect(
        page.locator(".meeting-calendar").get_by_role("link", name=later.title).first
    ).to_be_visible()
