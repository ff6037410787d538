"""Single sign-on against a real OpenID Connect provider started on a local port: the
provider's e-mail and groups become the portal's user and role, and no second code is asked."""

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.roles import COORDINATORS, MUNICIPAL_STAFF
from portal.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, start_provider
from projects.models import ContactRole
from projects.tests.factories import ContactFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("portal.tests.oidc_urls")]

CALLBACK = "http://testserver/oidc/callback/"
USERS = {
    "anna": {
        "email": "anna.aaltonen@lohja.fi",
        "email_verified": True,
        "given_name": "Anna",
        "family_name": "Aaltonen",
        "groups": ["LAPE-koordinaattorit", "Lohja-kaikki"],
    },
    "bertta": {
        "email": "bertta.berg@porvoo.fi",
        "given_name": "Bertta",
        "family_name": "Berg",
        "groups": ["Porvoo-kaikki"],
    },
}


@pytest.fixture
def provider(settings, role_groups):
    local, stop = start_provider(redirect_uri=CALLBACK, users=USERS)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "portal.oidc.PortalOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = local.endpoint("authorize")
    settings.OIDC_OP_TOKEN_ENDPOINT = local.endpoint("token")
    settings.OIDC_OP_USER_ENDPOINT = local.endpoint("userinfo")
    settings.OIDC_OP_JWKS_ENDPOINT = local.endpoint("jwks")
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_COORDINATOR_GROUPS = ["LAPE-koordinaattorit"]
    settings.TWO_FACTOR_REQUIRED = True
    yield local
    stop()


def sign_in_at_provider(client, provider, username: str):
    """The browser's round trip: the portal sends it to the provider, the provider (where
    ``username`` has signed in) back to the portal with a code."""
    provider.signed_in_user = username
    to_provider = client.get(reverse("oidc_authentication_init"))
    back = requests.get(to_provider.url, allow_redirects=False, timeout=10)
    assert back.headers["Location"].startswith(CALLBACK)
    return client.get(back.headers["Location"].removeprefix("http://testserver"))


def test_coordinator_signs_in_through_the_provider_as_a_coordinator(client, provider):
    response = sign_in_at_provider(client, provider, "anna")

    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna.aaltonen@lohja.fi")
    assert (user.first_name, user.last_name) == ("Anna", "Aaltonen")
    assert [group.name for group in user.groups.all()] == [COORDINATORS]
    # The provider asked for its own second factor: the portal asks for no code.
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_coordinator_gets_the_projects_whose_contact_has_their_address(client, provider):
    project = ProjectFactory()
    ContactFactory(project=project, role=ContactRole.COORDINATOR, email="Anna.Aaltonen@lohja.fi")
    held = ContactFactory(role=ContactRole.COORDINATOR, email="anna.aaltonen@lohja.fi")
    held.user = get_user_model().objects.create_user("toinen", email="toinen@lohja.fi")
    held.save()

    sign_in_at_provider(client, provider, "anna")

    user = get_user_model().objects.get(email="anna.aaltonen@lohja.fi")
    assert [contact.project for contact in user.contacts.all()] == [project]
    assert client.get(reverse("projects:edit", args=[project.slug])).status_code == 200
    history = project.contacts.get().history.first()
    assert (history.history_type, history.user) == ("~", user)


def test_municipal_staff_are_not_given_a_contacts_project(client, provider):
    contact = ContactFactory(role=ContactRole.COORDINATOR, email="bertta.berg@porvoo.fi")

    sign_in_at_provider(client, provider, "bertta")

    contact.refresh_from_db()
    assert contact.user is None


def test_provider_groups_decide_the_role_at_every_sign_in(client, provider, settings):
    sign_in_at_provider(client, provider, "bertta")
    user = get_user_model().objects.get(email="bertta.berg@porvoo.fi")
    assert [group.name for group in user.groups.all()] == [MUNICIPAL_STAFF]

    client.logout()
    settings.OIDC_COORDINATOR_GROUPS = ["Porvoo-kaikki"]
    sign_in_at_provider(client, provider, "bertta")
    assert [group.name for group in user.groups.all()] == [COORDINATORS]
    assert get_user_model().objects.filter(email="bertta.berg@porvoo.fi").count() == 1


def test_login_page_offers_the_organisations_sign_in(client, provider):
    assert reverse("oidc_authentication_init") in client.get(reverse("login")).content.decode()
