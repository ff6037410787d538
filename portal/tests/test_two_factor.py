"""Two-factor sign-in: admins and coordinators who sign in with a password confirm a code from
an authenticator app before any page, the admin included, when TWO_FACTOR_REQUIRED is on."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code(device: TOTPDevice) -> str:
    return (
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"
    )


def sign_in(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_coordinator_sets_up_an_authenticator_app_on_first_sign_in(client, coordinator):
    sign_in(client, "koordinaattori")
    response = client.get(reverse("portal:dashboard"))
    assert response.url.startswith(reverse("portal:two_factor"))

    setup = client.get(response.url)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert setup.context["secret"] in setup.content.decode()

    confirmed = client.post(
        reverse("portal:two_factor") + "?next=/hankkeet/", {"token": code(device)}
    )
    assert confirmed.url == "/hankkeet/"
    assert client.get(reverse("portal:dashboard")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_wrong_code_is_refused(client, coordinator):
    sign_in(client, "koordinaattori")
    client.get(reverse("portal:two_factor"))
    device = TOTPDevice.objects.get(user=coordinator)
    wrong_code = "000000" if code(device) != "000000" else "111111"

    wrong = client.post(reverse("portal:two_factor"), {"token": wrong_code})

    assert wrong.context["form"].errors["token"]
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_admin_needs_the_code_for_the_admin_and_gets_in_with_it(client, portal_admin):
    device = TOTPDevice.objects.create(user=portal_admin, name="puhelin", confirmed=True)
    sign_in(client, "paakayttaja")

    refused = client.get(reverse("admin:index"))
    assert refused.url.startswith(reverse("portal:two_factor"))

    client.post(reverse("portal:two_factor"), {"token": code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_municipal_staff_signs_in_with_the_password_alone(client, municipal_staff):
    sign_in(client, "kuntatyontekija")

    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_code_is_not_asked_when_the_setting_is_off(client, settings, coordinator):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, "koordinaattori")

    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_signing_out_and_the_public_pages_stay_open_before_the_code(client, coordinator):
    sign_in(client, "koordinaattori")

    assert client.get(reverse("health")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
