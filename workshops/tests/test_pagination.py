"""Counting the pages of a large table (the admin's lists of meetings and the like) by the
planner's estimate (``core.pagination``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagination
from core.pagination import EstimatedCountPaginator
from workshops.models import Meeting
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def counted(objects) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(objects, 25).count
    [query] = queries.captured_queries
    return count, query["sql"]


def test_a_whole_large_table_is_counted_by_its_estimate(monkeypatch):
    meetings = MeetingFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workshops_meeting")
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 2)
    count, sql = counted(Meeting.objects.order_by("pk"))
    assert (count, "reltuples" in sql) == (3, True)
    # A filtered list is counted exactly.
    count, sql = counted(Meeting.objects.filter(project=meetings[0].project))
    assert (count, "COUNT(" in sql) == (1, True)


def test_a_table_under_the_threshold_is_counted_exactly():
    MeetingFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workshops_meeting")
    with CaptureQueriesContext(connection) as queries:
        assert EstimatedCountPaginator(Meeting.objects.all(), 25).count == 3
    assert "COUNT(" in queries.captured_queries[-1]["sql"]
