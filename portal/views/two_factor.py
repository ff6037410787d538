"""The second step of a password sign-in for admins and coordinators: a one-time code from an
authenticator app, set up on the first sign-in (``portal.middleware``)."""

from base64 import b32encode

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from portal.services import totp_device_confirm, totp_device_for_setup


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kertakäyttökoodi"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def two_factor(request):
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    setting_up = not user_has_device(request.user)
    device = totp_device_for_setup(user=request.user) if setting_up else None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        if setting_up:
            verified = device if totp_device_confirm(device=device, token=token) else None
        else:
            verified = match_token(request.user, token)
        if verified:
            otp_login(request, verified)
            return redirect(next_url or "portal:dashboard")
        form.add_error(
            "token", _("Koodi ei kelpaa. Tarkista koodi ja kellonaika ja yritä uudelleen.")
        )
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "device": device,
            # The key typed into the authenticator app, in the base32 that apps expect.
            "secret": b32encode(device.bin_key).decode() if device else "",
        },
    )
