"""The accessibility statement with its feedback form, and the privacy notice: in three
languages, linked from every page, and feedback that reaches the admin and the maintainers."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from portal.accessibility import KNOWN_SHORTCOMINGS
from portal.models import Feedback

pytestmark = pytest.mark.django_db

STATEMENT_HEADINGS = {
    "fi": ("Saavutettavuusseloste", "Valvontaviranomainen", "Ei-saavutettava sisältö"),
    "sv": ("Tillgänglighetsutlåtande", "Tillsynsmyndighet", "Otillgängligt innehåll"),
    "en": ("Accessibility statement", "Supervisory authority", "Non-accessible content"),
}
PRIVACY_HEADINGS = {
    "fi": ("Tietosuojaseloste", "Rekisterinpitäjä", "Säilytysaika"),
    "sv": ("Dataskyddsbeskrivning", "Personuppgiftsansvarig", "Lagringstid"),
    "en": ("Privacy notice", "Controller", "Retention"),
}


def get_in(client, language: str, url: str):
    client.cookies["django_language"] = language
    return client.get(url)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_statement_has_the_legal_parts_in_each_language(client, language):
    text = get_in(client, language, reverse("portal:accessibility")).content.decode()

    for heading in STATEMENT_HEADINGS[language]:
        assert heading in text
    for contact in ("saavutettavuusvaatimukset.fi", "saavutettavuus@avi.fi", "0295 016 000"):
        assert contact in text
    assert '<form method="post"' in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_statement_lists_every_known_shortcoming_in_the_readers_language(client, language):
    text = get_in(client, language, reverse("portal:accessibility")).content.decode()

    with translation.override(language):
        for shortcoming in KNOWN_SHORTCOMINGS:
            assert f'id="shortcoming-{shortcoming.key}"' in text
            assert escape(str(shortcoming.what)) in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_privacy_notice_names_controller_retention_and_rights(client, settings, language):
    settings.PORTAL_CONTROLLER = "Lohjan kaupunki"
    settings.REGISTRATION_RETENTION_DAYS = 400
    text = get_in(client, language, reverse("portal:privacy")).content.decode()

    for heading in PRIVACY_HEADINGS[language]:
        assert heading in text
    assert "Lohjan kaupunki" in text
    assert "400" in text


def test_pages_are_linked_from_every_pages_footer(client):
    for url in (reverse("portal:home"), reverse("projects:list")):
        text = client.get(url).content.decode()
        assert f'href="{reverse("portal:accessibility")}"' in text
        assert f'href="{reverse("portal:privacy")}"' in text


def test_statement_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # 1 savepoint, 2 release savepoint: the page reads nothing else.
    with django_assert_num_queries(2):
        assert client.get(reverse("portal:accessibility")).status_code == 200


def test_forms_that_take_personal_data_link_the_privacy_notice(client, coordinator, project):
    client.force_login(coordinator)
    privacy = f'href="{reverse("portal:privacy")}"'
    contact_form = client.get(reverse("projects:contact_create", args=[project.slug]))
    statement = client.get(reverse("portal:accessibility"))

    assert contact_form.content.decode().count(privacy) == 2  # the form and the footer
    assert statement.content.decode().count(privacy) == 2


def test_feedback_lands_in_the_admin_and_reaches_the_maintainers(client, settings, run_tasks):
    settings.PORTAL_FEEDBACK_EMAILS = ["yllapito@example.fi", "saavutettavuus@example.fi"]
    client.cookies["django_language"] = "sv"
    response = client.post(
        reverse("portal:accessibility"),
        {
            "message": "Kalenterin kuukausi ei ole ruudunlukijalla luettavissa.",
            "page_url": "/kokoukset/kalenteri/",
            "email": "lukija@example.fi",
        },
        follow=True,
    )
    run_tasks()

    assert "Tack för responsen" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.language == "sv"
    assert feedback.page_url == "/kokoukset/kalenteri/"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        settings.PORTAL_FEEDBACK_EMAILS
    )
    assert "Kalenterin kuukausi" in mail.outbox[0].body
    assert "lukija@example.fi" in mail.outbox[0].body


def test_empty_feedback_is_refused_with_the_form_shown_again(client):
    response = client.post(reverse("portal:accessibility"), {"message": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert not Feedback.objects.exists()


def test_admin_lists_the_feedback(admin_client):
    Feedback.objects.create(message="Painike ei saa kohdistusta.")

    response = admin_client.get(reverse("admin:portal_feedback_changelist"))

    assert "Painike ei saa kohdistusta." in response.content.decode()
