"""A logged-in user's own data: downloaded as JSON or erased, from their own page."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.forms import EraseConfirmForm
from portal.personal_data import person_export
from portal.services import person_erase


def export_response(email: str) -> HttpResponse:
    """The person's data as a JSON file to download."""
    response = HttpResponse(
        json.dumps(person_export(email), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="omat-tiedot.json"'
    return response


@login_required
def own_data_export(request):
    if not request.user.email:
        messages.error(
            request, _("Tunnuksellasi ei ole sähköpostiosoitetta: ota yhteys ylläpitoon.")
        )
        return redirect("portal:dashboard")
    return export_response(request.user.email)


@login_required
def own_data_erase(request):
    if not request.user.email:
        messages.error(
            request, _("Tunnuksellasi ei ole sähköpostiosoitetta: ota yhteys ylläpitoon.")
        )
        return redirect("portal:dashboard")
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = request.user.email
        logout(request)
        person_erase(email=email)
        messages.success(request, _("Tunnuksesi ja tietosi on poistettu."))
        return redirect("portal:home")
    return render(request, "portal/own_data_erase.html", {"form": form})
