"""The interface's icons (core.icons) are decorative: hidden from assistive technology, out of
the tab order, and each beside visible text that says what it means."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from core.icons import ICONS, SPRITE, UnknownIcon
from projects.tests.factories import ProjectDevelopmentAreaFactory
from workshops.tests.factories import AttachmentFactory, MeetingFactory, MinutesFactory

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class IconsWithText(HTMLParser):
    """Each icon's attributes with the visible text of the element it sits in (the text of
    visually hidden elements and of icons left out)."""

    def __init__(self):
        super().__init__()
        self.open = []
        self.icons = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        hidden = "visually-hidden" in (attrs.get("class") or "").split()
        element = {"tag": tag, "text": [], "icons": [], "hidden": hidden}
        if tag == "svg" and "icon" in (attrs.get("class") or "").split():
            self.open[-1]["icons"].append(attrs)
            element["hidden"] = True
        self.open.append(element)

    def handle_data(self, data):
        if any(element["hidden"] for element in self.open):
            return
        for element in self.open:
            element["text"].append(data)

    def handle_endtag(self, tag):
        while self.open:
            element = self.open.pop()
            for attrs in element["icons"]:
                self.icons.append((attrs, "".join(element["text"]).strip()))
            if element["tag"] == tag:
                break


def icons_of(response) -> list[tuple[dict, str]]:
    parser = IconsWithText()
    parser.feed(response.content.decode())
    return parser.icons


@pytest.fixture
def meeting(project):
    """A meeting with all that its card marks: a place, an online link, a working group,
    published minutes and an attachment."""
    meeting = MeetingFactory(
        working_group__project=project,
        place="Kaupungintalo",
        online_url="https://meet.example.fi/lape",
        starts_at=timezone.now() + timezone.timedelta(days=2),
        ends_at=timezone.now() + timezone.timedelta(days=2, hours=2),
    )
    MinutesFactory(meeting=meeting, status="approved", published_at=timezone.now())
    AttachmentFactory(meeting=meeting)
    ProjectDevelopmentAreaFactory(project=project)
    return meeting


@pytest.mark.django_db
def test_every_icon_is_decorative_and_sits_with_visible_text(client, coordinator, meeting):
    project = meeting.project
    client.force_login(coordinator)
    pages = [
        reverse("portal:home"),
        reverse("projects:list"),
        reverse("projects:detail", args=[project.slug]),
        reverse("workshops:calendar"),
        reverse("workshops:meeting_list"),
    ]
    for url in pages:
        icons = icons_of(client.get(url))
        assert icons, url
        for attrs, text in icons:
            assert attrs["aria-hidden"] == "true", (url, attrs)
            assert attrs["focusable"] == "false", (url, attrs)
            assert text, (url, attrs)


@pytest.mark.django_db
def test_meeting_card_marks_place_online_working_group_minutes_and_attachments(client, meeting):
    texts = {text for _, text in icons_of(client.get(reverse("portal:home")))}
    assert {
        "Kaupungintalo",
        "Etäyhteys",
        meeting.working_group.name,
        "muistio",
        "1 liite",
    } <= texts


def test_every_icon_is_in_the_sprite():
    sprite = (Path(settings.BASE_DIR) / "static" / SPRITE).read_text()
    for name in ICONS:
        assert f'<symbol id="{name}" ' in sprite


def test_an_icon_the_sprite_lacks_is_refused():
    with pytest.raises(UnknownIcon):
        Template('{% load icons %}{% icon "rocket" %}').render(Context())
