"""The portal's own login, logout, password reset and password change, in Finnish."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Uusi-perhekeskus-2018"


@pytest.fixture(autouse=True)
def auth_settings(settings):
    settings.LOGIN_URL = "login"
    settings.LOGOUT_REDIRECT_URL = "portal:home"


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_is_in_finnish(client):
    response = client.get(reverse("login"))
    assertContains(response, "<h1>Kirjaudu sisään</h1>", html=True)
    assertContains(response, "Salasana")
    assertContains(response, reverse("password_reset"))


def test_wrong_password_shows_a_finnish_error_and_keeps_the_username(client, municipal_staff):
    response = client.post(
        reverse("login"), {"username": municipal_staff.username, "password": "väärä"}
    )
    assert response.status_code == 200
    assertContains(response, "syötä kelvollinen käyttäjätunnus ja salasana")
    assertContains(response, f'value="{municipal_staff.username}"')
    assert logged_in_user_id(client) is None


def test_login_lands_on_the_users_own_page(client, municipal_staff):
    response = client.post(
        reverse("login"), {"username": municipal_staff.username, "password": PASSWORD}
    )
    assertRedirects(response, reverse("portal:dashboard"))
    assert logged_in_user_id(client) == str(municipal_staff.pk)


def test_login_returns_to_the_page_that_asked_for_it(client, municipal_staff):
    target = reverse("password_change")
    response = client.get(target)
    assertRedirects(response, f"{reverse('login')}?next={target}")

    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": municipal_staff.username, "password": PASSWORD, "next": target},
    )
    assertRedirects(response, target)


def test_logout_by_post_ends_the_session(client, municipal_staff):
    client.force_login(municipal_staff)
    response = client.post(reverse("logout"))
    assertRedirects(response, reverse("portal:home"))
    assert logged_in_user_id(client) is None


def test_logout_by_get_is_refused(client, municipal_staff):
    client.force_login(municipal_staff)
    assert client.get(reverse("logout")).status_code == 405
    assert logged_in_user_id(client) == str(municipal_staff.pk)


def test_logout_form_posts_to_logout_with_csrf(rf):
    html = render_to_string("includes/logout_form.html", request=rf.get("/"))
    assert f'method="post" action="{reverse("logout")}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Kirjaudu ulos" in html


def test_password_reset_link_lets_the_user_set_a_new_password(client, municipal_staff):
    response = client.post(reverse("password_reset"), {"email": municipal_staff.email})
    assertRedirects(response, reverse("password_reset_done"))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [municipal_staff.email]
    assert message.subject == "Uuden salasanan asettaminen LAPE-portaaliin"
    assert municipal_staff.username in message.body
    link = re.search(r"https?://testserver(/tili/reset/\S+/)", message.body).group(1)

    # Django swaps the token in the link for one kept in the session, then shows the form.
    response = client.get(link, follow=True)
    assertContains(response, "<h1>Aseta uusi salasana</h1>", html=True)
    set_password_url = response.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assertRedirects(response, reverse("password_reset_complete"))
    municipal_staff.refresh_from_db()
    assert municipal_staff.check_password(NEW_PASSWORD)

    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_mismatch_shows_a_finnish_error(client, municipal_staff):
    client.post(reverse("password_reset"), {"email": municipal_staff.email})
    link = re.search(r"https?://testserver(/tili/reset/\S+/)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "jotain-muuta-1"}
    )
    assertContains(response, "Salasanakentät eivät täsmänneet")
    municipal_staff.refresh_from_db()
    assert municipal_staff.check_password(PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "ei-ketaan@example.fi"})
    assertRedirects(response, reverse("password_reset_done"))
    assert mail.outbox == []


def test_logged_in_user_changes_password(client, municipal_staff):
    client.force_login(municipal_staff)
    response = client.get(reverse("password_change"))
    assertContains(response, "<h1>Vaihda salasana</h1>", html=True)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assertRedirects(response, reverse("password_change_done"))
    assert get_user_model().objects.get(pk=municipal_staff.pk).check_password(NEW_PASSWORD)
    # The session survives the change.
    assert logged_in_user_id(client) == str(municipal_staff.pk)
