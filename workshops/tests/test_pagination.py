"""Counting the pages of a large table (the admin's lists of meetings and the like) by the
planner's estimate (``core.pagination``), in one query whatever the table's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagination
from core.pagination import EstimatedCountPaginator
from workshops.models import Meeting
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def counted(objects) -> int:
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(objects, 25).count
    assert len(queries) == 1
    return count


@pytest.fixture
def estimated_three_counted_five():
    """Five meetings, of which the planner's statistics know three."""
    meetings = MeetingFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workshops_meeting")
    return meetings + MeetingFactory.create_batch(2)


def test_a_whole_large_table_is_counted_by_its_estimate(monkeypatch, estimated_three_counted_five):
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 3)
    assert counted(Meeting.objects.order_by("pk")) == 3
    # A filtered list is counted exactly.
    project = estimated_three_counted_five[0].project
    assert counted(Meeting.objects.filter(project=project)) == 1


def test_a_smaller_table_is_counted_exactly(estimated_three_counted_five):
    assert counted(Meeting.objects.all()) == 5
