"""Two coordinators saving the same record at once: one save wins, the other is refused with what
changed, and no update is lost. Expenses booked and registrations made at the same moment are
all counted, never overfill a meeting and wait in the order they arrived.

The races run in real threads, each on its own database connection, released together by a
barrier and repeated; the tests check the outcome of every repeat, not timings.
"""

import datetime
import threading
from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from simple_history.middleware import HistoryRequestMiddleware

from core.money import format_money
from core.versioning import StaleEdit
from portal.roles import COORDINATORS
from portal.tests.page_forms import form_values
from projects import services
from projects.models import BudgetLine, ContactRole, CostCategory, Expense, Project
from projects.tests.factories import BudgetLineFactory, ContactFactory
from workshops.models import Minutes, RegistrationStatus
from workshops.services import minutes_save, registration_create
from workshops.tests.factories import MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db(transaction=True)

REPEATS = 20


def run_together(*actions) -> list:
    """Run each action in its own thread, all released at once; their results in order, an
    exception in place of the result of an action that raised one."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread raised
            results[index] = error
        finally:
            # Each thread opened a connection of its own; the test database is dropped later.
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def second_coordinator(project, django_user_model, role_groups):
    """Another coordinator of ``project``, editing it at the same time as ``coordinator``."""
    user = django_user_model.objects.create_user(username="toinenkoordinaattori")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    ContactFactory(project=project, user=user, role=ContactRole.COORDINATOR)
    return user


UPDATES = {
    BudgetLine: lambda line, version: services.budget_line_update(
        budget_line=line, expected_version=version
    ),
    Project: lambda project, version: services.project_update(
        project=project, expected_version=version
    ),
}


def as_request_of(user, action):
    """Run ``action`` as a request of ``user`` would: the history rows it writes name the user
    (simple-history's middleware, as in the portal's requests)."""
    request = RequestFactory().post("/")
    request.user = user
    return HistoryRequestMiddleware(lambda request: action())(request)


def saving(model, pk: int, user, version: int, **values):
    """A save of the record as ``user`` changed it in a copy loaded at ``version``."""
    copy = model.objects.get(pk=pk)

    def save():
        for name, value in values.items():
            setattr(copy, name, value)
        return as_request_of(user, lambda: UPDATES[model](copy, version))

    return save


def assert_one_wins(results) -> int:
    """Exactly one save succeeded and the other was refused; the winner's index."""
    refused = [isinstance(result, StaleEdit) for result in results]
    assert sorted(refused) == [False, True], results
    return refused.index(False)


def test_two_saves_of_one_budget_line_version_keep_exactly_one(
    project, coordinator, second_coordinator
):
    line = BudgetLineFactory(project=project, amount=Decimal("40000.00"))
    users = [coordinator, second_coordinator]
    for repeat in range(REPEATS):
        before = BudgetLine.objects.get(pk=line.pk)
        amounts = [Decimal(41000 + repeat), Decimal(61000 + repeat)]
        results = run_together(
            *(
                saving(BudgetLine, line.pk, user, before.version, amount=amount)
                for user, amount in zip(users, amounts, strict=True)
            )
        )
        winner = assert_one_wins(results)
        after = BudgetLine.objects.get(pk=line.pk)
        # The refused save changed nothing: the row is the winner's, one version on.
        assert after.amount == amounts[winner]
        assert after.version == before.version + 1
        latest = after.history.first()
        assert (latest.version, latest.history_user) == (after.version, users[winner])
        # The refusal says what the winner changed.
        assert f"Summa: {format_money(before.amount)} → {format_money(amounts[winner])}" in str(
            results[1 - winner].message
        )
    # One history row per successful save, after the one of the creation.
    assert line.history.count() == 1 + REPEATS


def test_two_saves_of_one_project_version_keep_exactly_one(
    project, coordinator, second_coordinator
):
    users = [coordinator, second_coordinator]
    for repeat in range(REPEATS):
        before = Project.objects.get(pk=project.pk)
        descriptions = [f"Koordinaattorin kuvaus {repeat}", f"Toisen kuvaus {repeat}"]
        results = run_together(
            *(
                saving(Project, project.pk, user, before.version, description=description)
                for user, description in zip(users, descriptions, strict=True)
            )
        )
        winner = assert_one_wins(results)
        after = Project.objects.get(pk=project.pk)
        assert after.description == descriptions[winner]
        assert after.version == before.version + 1
    assert project.history.count() == 1 + REPEATS


def test_two_first_saves_of_minutes_create_them_once(project, coordinator, second_coordinator):
    for repeat in range(REPEATS):
        meeting = MeetingFactory(working_group__project=project)
        texts = [f"Muistio {repeat}", f"Toinen muistio {repeat}"]
        results = run_together(
            *(
                # 0: both forms were loaded before any minutes existed.
                partial(
                    as_request_of,
                    user,
                    partial(minutes_save, meeting=meeting, text=text, expected_version=0),
                )
                for user, text in zip([coordinator, second_coordinator], texts, strict=True)
            )
        )
        winner = assert_one_wins(results)
        assert Minutes.objects.get(meeting=meeting).text == texts[winner]


def test_expenses_booked_at_once_are_all_in_the_sums(project):
    """Two expenses booked at the same moment are both in the spent sums, the project's kept
    by PostgreSQL (``ProjectSums``) and the budget line's summed from its rows."""
    line = BudgetLineFactory(project=project, year=2017, amount=Decimal("100000.00"))
    for repeat in range(REPEATS):
        amounts = [Decimal(f"{100 + repeat}.25"), Decimal(f"{300 + repeat}.50")]
        results = run_together(
            *(
                partial(
                    services.expense_create,
                    expense=Expense(
                        budget_line=line,
                        date=datetime.date(2017, 6, 1),
                        amount=amount,
                        description="Matkalasku",
                    ),
                )
                for amount in amounts
            )
        )
        assert all(isinstance(result, Expense) for result in results), results
    booked = sum(Expense.objects.filter(budget_line=line).values_list("amount", flat=True))
    expected = sum(Decimal(f"{100 + n}.25") + Decimal(f"{300 + n}.50") for n in range(REPEATS))
    assert Expense.objects.filter(budget_line=line).count() == 2 * REPEATS
    assert booked == expected
    assert Project.objects.with_funding().get(pk=project.pk).amount_spent == expected
    assert project.budget_lines.for_funding_table().get().amount_spent == expected


def test_twenty_at_once_for_the_last_three_seats_fill_them_and_wait_in_order_of_arrival(
    project,
):
    starts_at = timezone.now() + datetime.timedelta(days=30)
    meeting = MeetingFactory(
        working_group__project=project,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        capacity=5,
    )
    for n in range(2):
        registration_create(meeting=meeting, user=None, name=f"Aiempi {n}", email=f"a{n}@e.fi")

    results = run_together(
        *(
            partial(
                registration_create,
                meeting=meeting,
                user=None,
                name=f"Samaan aikaan {n}",
                email=f"h{n}@example.fi",
            )
            for n in range(20)
        )
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    registered = meeting.registrations.filter(status=RegistrationStatus.REGISTERED)
    assert registered.count() == 5
    # The row lock lets one in at a time: the order of the rows is the order of arrival, the
    # first three of the twenty took the seats and the waitlist keeps the others' order.
    arrivals = list(meeting.registrations.order_by("pk").values_list("email", "status"))
    assert [status for _, status in arrivals] == ["registered"] * 5 + ["waiting"] * 17
    waiting = list(meeting.registrations.waiting_in_order().values_list("email", flat=True))
    assert waiting == [email for email, status in arrivals if status == "waiting"]


# --- The edit forms ---------------------------------------------------------------------------


def test_stale_budget_line_form_says_what_changed_and_keeps_the_input(client, project, coordinator):
    line = BudgetLineFactory(
        project=project, year=2017, category=CostCategory.TRAVEL, amount=Decimal("40000.00")
    )
    url = reverse("projects:budget_line_update", args=[project.slug, line.pk])
    client.force_login(coordinator)
    loaded = form_values(client.get(url), "version")
    assert loaded["version"] == "1"

    someone_else = BudgetLine.objects.get(pk=line.pk)
    someone_else.amount = Decimal("45000.00")
    services.budget_line_update(budget_line=someone_else, expected_version=1)
    response = client.post(url, {**loaded, "amount": "50000,00"})

    assert response.status_code == 200
    assertContains(
        response,
        "Joku muu tallensi tämän tiedon sillä välin. Muuttuneet tiedot: "
        f"Summa: {format_money(Decimal(40000))} → {format_money(Decimal(45000))}. "
        "Tarkista tiedot ja tallenna uudelleen.",
    )
    assertContains(response, 'value="50000,00"')
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal("45000.00"), 2)

    # Having read what changed, the coordinator saves the kept input again, and it is taken.
    again = form_values(response, "version")
    assert again["version"] == "2"
    response = client.post(url, again)
    assertRedirects(response, reverse("projects:detail", args=[project.slug]))
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal("50000.00"), 3)


def test_stale_project_form_is_refused_and_the_other_edit_stays(client, project, coordinator):
    url = reverse("projects:edit", args=[project.slug])
    client.force_login(coordinator)
    loaded = form_values(client.get(url), "version")
    someone_else = Project.objects.get(pk=project.pk)
    someone_else.description = "Toisen koordinaattorin kuvaus."
    services.project_update(project=someone_else, expected_version=project.version)

    response = client.post(url, {**loaded, "description": "Oma kuvaus."})

    assertContains(response, "Kuvaus: Hankkeessa kehitetään perhekeskustoimintaa. → Toisen")
    assertContains(response, "Oma kuvaus.")
    project.refresh_from_db()
    assert project.description == "Toisen koordinaattorin kuvaus."


def test_stale_meeting_form_is_refused_with_what_changed(
    client, project, coordinator, second_coordinator
):
    meeting = MeetingFactory(working_group__project=project, place="Kaupungintalo")
    url = reverse("workshops:meeting_update", args=[meeting.pk])
    client.force_login(coordinator)
    loaded = form_values(client.get(url), "version")
    client.force_login(second_coordinator)
    client.post(url, {**loaded, "place": "Kirjasto"})
    client.force_login(coordinator)

    response = client.post(url, {**loaded, "title": "Uusi otsikko"})

    assert response.status_code == 200
    # Who saved it and when, in words, rather than version numbers.
    saved_at = timezone.localtime(meeting.history.latest("history_id").history_date)
    assertContains(
        response,
        f"toinenkoordinaattori tallensi tämän tiedon sillä välin, {saved_at:%-d.%-m.%Y} klo "
        f"{saved_at:%-H.%M}. Muuttuneet tiedot: Paikka: Kaupungintalo → Kirjasto.",
    )
    assertNotContains(response, "(versio")
    assertContains(response, 'value="Uusi otsikko"')
    meeting.refresh_from_db()
    assert (meeting.place, meeting.title, meeting.version) == ("Kirjasto", loaded["title"], 2)


def test_stale_minutes_form_is_refused_and_circulating_makes_a_form_stale(
    client, project, coordinator, second_coordinator
):
    minutes = MinutesFactory(meeting__working_group__project=project, text="Luonnos.")
    url = reverse("workshops:minutes_edit", args=[minutes.meeting_id])
    client.force_login(coordinator)
    loaded = form_values(client.get(url), "version")
    client.force_login(second_coordinator)
    client.post(url, {**form_values(client.get(url), "version"), "circulate": "1"})
    client.force_login(coordinator)

    response = client.post(url, {**loaded, "text": "Korjattu luonnos."})

    assertContains(response, "Tila: luonnos → kommentoitavana")
    assertContains(response, "Korjattu luonnos.")
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == ("Luonnos.", "circulated", 2)
