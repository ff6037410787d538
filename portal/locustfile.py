"""Simulated visitors and coordinators for the load test (``manage.py loadtest``).

Run by locust, not imported by the portal. The addresses to visit come from the environment
variable LAPE_LOADTEST_TARGETS (JSON written by the command, from the database), so that this
file needs no Django. LAPE_LOADTEST_MAX_REQUESTS bounds the run besides its time limit; the
final figures are written as JSON to LAPE_LOADTEST_RESULT.
"""

import itertools
import json
import os
import random
from html.parser import HTMLParser

import gevent
from locust import HttpUser, between, events, task
from locust.runners import STATE_CLEANUP, STATE_STOPPED, STATE_STOPPING

TARGETS = json.loads(os.environ.get("LAPE_LOADTEST_TARGETS", "{}"))
MAX_REQUESTS = int(os.environ.get("LAPE_LOADTEST_MAX_REQUESTS", "0"))
RESULT = os.environ.get("LAPE_LOADTEST_RESULT")
SKIPPED_INPUT_TYPES = {"submit", "button", "image", "file", "reset"}


class FormReader(HTMLParser):
    """The forms of a page as a browser would submit them: every named input, the selected
    option of each select (the first if none is), the text of each textarea."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._first_option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form":
            self.forms.append(
                {
                    "action": attributes.get("action") or "",
                    "method": (attributes.get("method") or "get").lower(),
                    "fields": {},
                }
            )
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            unchecked = kind in {"checkbox", "radio"} and "checked" not in attributes
            if kind not in SKIPPED_INPUT_TYPES and not unchecked:
                self.forms[-1]["fields"][name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attributes:
                self.forms[-1]["fields"][self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.forms[-1]["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.forms[-1]["fields"].setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            fields = self.forms[-1]["fields"]
            # A browser drops the one newline that follows <textarea>.
            fields[self._textarea] += data if fields[self._textarea] else data.removeprefix("\n")


def page_form(html: str) -> dict[str, str]:
    """The fields of the page's own POST form (the one that posts back to the page itself,
    not the header's language form)."""
    reader = FormReader()
    reader.feed(html)
    forms = [form for form in reader.forms if form["method"] == "post" and not form["action"]]
    if not forms:
        raise ValueError("no form that posts back to the page")
    return forms[0]["fields"]


def stop_at_request_limit(environment):
    """Stop the run (within half a second) once MAX_REQUESTS requests are made."""
    while environment.runner.state not in (STATE_STOPPING, STATE_STOPPED, STATE_CLEANUP):
        if environment.runner.stats.total.num_requests >= MAX_REQUESTS:
            environment.runner.quit()
            return
        gevent.sleep(0.5)


def write_result(environment) -> None:
    """The figures of the whole run, once every user has stopped. Errors are failed requests
    and exceptions in the simulated users (a form that could not be read, for one)."""
    total = environment.stats.total
    exceptions = environment.runner.exceptions.values()
    result = {
        "requests": total.num_requests,
        "errors": total.num_failures + sum(exception["count"] for exception in exceptions),
        "rps": total.total_rps,
        **{
            f"p{percent}": total.get_response_time_percentile(percent / 100)
            for percent in (50, 95, 99)
        },
        "error_report": [
            f"{error.method} {error.name}: {error.error} ({error.occurrences}x)"
            for error in environment.stats.errors.values()
        ]
        + [f"{exception['msg']} ({exception['count']}x)" for exception in exceptions],
    }
    with open(RESULT, "w") as handle:
        json.dump(result, handle)


@events.init.add_listener
def bound_and_report(environment, **kwargs):
    if MAX_REQUESTS:
        gevent.spawn(stop_at_request_limit, environment)
    if RESULT:
        environment.events.quit.add_listener(lambda **_: write_result(environment))


def redirected(response) -> bool:
    """Whether a form was accepted: Django answers a valid POST with a redirect, an invalid
    one with the form again."""
    return bool(response.history) and response.history[0].status_code == 302


class Visitor(HttpUser):
    """Someone reading the portal without logging in: lists, pages, calendar, search, files."""

    wait_time = between(0.5, 1.5)

    def visit(self, group: str):
        """A random address of ``group``, reported under the group's name."""
        self.client.get(random.choice(TARGETS[group]), name=group)  # noqa: S311 - not crypto

    @task(3)
    def front_page(self):
        self.visit("front_page")

    @task(3)
    def project_list(self):
        self.visit("project_list")

    @task(3)
    def project_detail(self):
        self.visit("project_detail")

    @task(2)
    def municipality_list(self):
        self.visit("municipality_list")

    @task(2)
    def meeting_list(self):
        self.visit("meeting_list")

    @task(2)
    def calendar(self):
        self.visit("calendar")

    @task(3)
    def meeting_detail(self):
        self.visit("meeting_detail")

    @task(3)
    def search(self):
        self.visit("search")

    @task(2)
    def download(self):
        self.visit("download")


class Coordinator(HttpUser):
    """A coordinator who logs in once and keeps saving budget lines of their project.

    Few of them (``fixed_count``): each logs in once, so the login throttle never counts a
    failure; each has budget lines of its own, so their saves never conflict.
    """

    fixed_count = 2
    wait_time = between(1, 3)
    numbers = itertools.count()

    def on_start(self):
        number, forms = next(self.numbers), TARGETS["budget_line_forms"]
        self.budget_line_forms = forms[number % self.fixed_count :: self.fixed_count] or forms
        fields = page_form(self.client.get(TARGETS["login"], name="login").text)
        fields.update(TARGETS["coordinator"])
        with self.client.post(
            TARGETS["login"], data=fields, name="login", catch_response=True
        ) as response:
            if not redirected(response):
                response.failure("login refused")

    @task(3)
    def project_page(self):
        self.client.get(TARGETS["coordinator_project"], name="project_detail (coordinator)")

    @task(1)
    def save_budget_line(self):
        """Open a budget line's form and save it back as it is, like a coordinator who
        checks the figures and presses Save."""
        url = random.choice(self.budget_line_forms)  # noqa: S311 - not crypto
        fields = page_form(self.client.get(url, name="budget_line_form").text)
        with self.client.post(
            url, data=fields, name="budget_line_save", catch_response=True
        ) as response:
            if not redirected(response):
                response.failure("save was not accepted (no redirect back to the project)")
