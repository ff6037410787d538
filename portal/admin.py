"""The admin site as a whole: its titles, that it is for admins only, accessibility feedback
and a person's data (found by e-mail, exported, erased)."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal.models import Feedback
from portal.personal_data import person_records
from portal.services import person_erase
from portal.views.own_data import export_response
from projects.permissions import is_admin

admin.site.site_header = _("LAPE-portaali")
admin.site.site_title = _("LAPE-portaali")
admin.site.index_title = _("Ylläpito")
# The admin is for admins only: coordinators work in the portal's own pages, where the
# object-level rules of projects.permissions apply.
admin.site.has_permission = lambda request: is_admin(request.user)


class PersonEmailForm(forms.Form):
    email = forms.EmailField(label=_("Sähköpostiosoite"))


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "message", "page_url", "email", "language", "handled"]
    list_filter = ["handled", "language"]
    search_fields = ["message", "email", "name"]
    readonly_fields = ["created_at"]

    def get_urls(self):
        person = path(
            "henkilo/", self.admin_site.admin_view(self.person_view), name="portal_person_data"
        )
        return [person, *super().get_urls()]

    def person_view(self, request):
        """A person found by e-mail: what is stored of them, exported as JSON or erased."""
        form = PersonEmailForm(request.POST or request.GET or None)
        records = person_records(form.cleaned_data["email"]) if form.is_valid() else None
        if records and request.method == "POST" and "erase" in request.POST:
            erased = person_erase(email=form.cleaned_data["email"])
            self.message_user(
                request,
                _("Henkilön tiedot on poistettu: %(erased)s")
                % {"erased": ", ".join(f"{name} {count}" for name, count in erased.items())},
                messages.SUCCESS,
            )
            return redirect("admin:portal_person_data")
        if records and "export" in request.GET:
            return export_response(form.cleaned_data["email"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Henkilön tiedot"),
            "form": form,
            "records": records,
            "counts": records
            and {
                _("käyttäjätunnukset"): records.users.count(),
                _("yhteyshenkilöt"): records.contacts.count(),
                _("ilmoittautumiset"): records.registrations.count(),
                _("saavutettavuuspalautteet"): records.feedback.count(),
                _("lähtevät viestit"): records.messages.count(),
            },
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/portal/person_data.html", context)
