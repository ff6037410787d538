"""Demo data from the project documents (``../shared/seeds``), loadable any number of times.

Every row is looked up by a natural key and updated in place, so a second run changes nothing
and creates no duplicates. What the documents do not give is left out where the portal can do
without it; where it cannot (meeting times, the budget's split into lines, expenses, minutes
texts, Swedish names), it is a plausible value marked as an example (``core.examples``), so that
the pages label it "Esimerkkiaineisto".
"""

from django.db import transaction

from portal.demo import practices, projects, reference, users, workshops
from portal.roles import ensure_role_groups


@transaction.atomic
def load_demo() -> None:
    """Load or refresh every demo record."""
    ensure_role_groups()
    reference.load()
    created_users = users.load()
    projects.load(coordinator=created_users.coordinator)
    workshops.load(uploader=created_users.coordinator)
    practices.load()
