from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import RelatedRowsInlineMixin, ServiceWritesMixin, TrackedAdmin
from workshops.forms import MeetingCancelForm
from workshops.models import (
    Attachment,
    Meeting,
    Minutes,
    Registration,
    WorkingGroup,
    WorkingGroupChair,
)
from workshops.services import (
    attachment_file_fields,
    meeting_cancel,
    meeting_update,
    minutes_publish,
)
from workshops.uploads import AttachmentFileField


def record_upload(form: forms.ModelForm, user) -> None:
    """Fill in what ``attachment_create`` records about a file uploaded through an admin form
    (``attachment_file_fields``, text for the search included).

    The name, size and type are not editable, so the form leaves them empty; a form without
    a new file is left alone. The form's ``AttachmentFileField`` has already refused a file
    that ``check_upload`` would refuse.
    """
    if "file" not in form.changed_data:
        return
    attachment = form.instance
    for name, value in attachment_file_fields(form.cleaned_data["file"]).items():
        setattr(attachment, name, value)
    attachment.uploaded_by = user


# Admin uploads pass the same checks as the coordinators' upload form.
CHECKED_UPLOADS = {models.FileField: {"form_class": AttachmentFileField}}


class WorkingGroupChairInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = WorkingGroupChair
    autocomplete_fields = ["municipality"]
    select_related = ("municipality",)
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TrackedAdmin):
    list_display = ["name", "project", "development_area"]
    list_filter = ["development_area", "project"]
    list_select_related = ["project", "development_area"]
    search_fields = ["name", "description", "project__short_name", "project__name"]
    autocomplete_fields = ["project", "development_area"]
    inlines = [WorkingGroupChairInline]


@admin.register(WorkingGroupChair)
class WorkingGroupChairAdmin(admin.ModelAdmin):
    list_display = ["municipality", "working_group", "working_group__project", "theme"]
    list_filter = ["working_group__project"]
    list_select_related = ["municipality", "working_group__project"]
    search_fields = ["municipality__name_fi", "working_group__name", "theme"]
    autocomplete_fields = ["working_group", "municipality"]


class MinutesInline(admin.StackedInline):
    model = Minutes
    max_num = 1
    readonly_fields = ["is_published", "published_at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    formfield_overrides = CHECKED_UPLOADS
    fields = ["title", "file", "kind", "language"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ServiceWritesMixin, TrackedAdmin):
    """Meetings; a change is saved through ``meeting_update``, as on the coordinator's page,
    and a cancellation through ``meeting_cancel`` (the action)."""

    list_display = ["title", "starts_at", "kind", "status", "project", "working_group"]
    list_filter = ["status", "kind", "project"]
    list_select_related = ["project", "working_group"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "theme", "place", "project__short_name", "project__name"]
    autocomplete_fields = [
        "project",
        "working_group",
        "host_municipality",
        "invited_municipalities",
        "invited_organisations",
    ]
    inlines = [MinutesInline, AttachmentInline]
    actions = ["cancel_meetings"]

    def save_model(self, request, obj, form, change):
        if change:
            meeting_update(meeting=obj, **form.cleaned_data)
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not change:
            super().save_related(request, form, formsets, change)
            return
        # meeting_update saved the invitations with the rest of the meeting.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Attachment:
            for attachment_form in formset:
                record_upload(attachment_form, request.user)
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Peru valitut tilaisuudet"), permissions=["change"])
    def cancel_meetings(self, request, queryset):
        """Ask for the reason on an intermediate page, then cancel each meeting with it."""
        form = MeetingCancelForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Peru valitut tilaisuudet"),
                "opts": self.opts,
                "form": form,
                "meetings": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/workshops/meeting/cancel.html", context)
        cancelled = 0
        for meeting in queryset:
            try:
                meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                self.message_user(request, f"{meeting}: {' '.join(error.messages)}", messages.ERROR)
            else:
                cancelled += 1
        if cancelled:
            message = ngettext(
                "%(count)d tilaisuus peruttiin.", "%(count)d tilaisuutta peruttiin.", cancelled
            )
            self.message_user(request, message % {"count": cancelled}, messages.SUCCESS)
        return None


@admin.register(Minutes)
class MinutesAdmin(TrackedAdmin):
    list_display = ["meeting", "meeting__project", "is_published", "published_at"]
    list_filter = ["is_published", "meeting__kind"]
    list_select_related = ["meeting__project"]
    search_fields = ["meeting__title", "text"]
    autocomplete_fields = ["meeting"]
    # Publishing has a rule (a published time), so it goes through the action and its service.
    readonly_fields = ["is_published", "published_at"]
    actions = ["publish_minutes"]

    @admin.action(description=_("Julkaise valitut muistiot"), permissions=["change"])
    def publish_minutes(self, request, queryset):
        """Publish the selected minutes; those that ``minutes_publish`` refuses (the meeting has
        not started yet) are skipped, each with the reason.

        The action has no confirmation step: minutes are published before their meeting only
        on the minutes page, where the user confirms it.
        """
        published = 0
        for minutes in queryset.select_related("meeting"):
            try:
                minutes_publish(minutes=minutes)
            except ValidationError as error:
                self.message_user(
                    request, f"{minutes}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                published += 1
        if published:
            message = ngettext(
                "%(count)d muistio julkaistiin.", "%(count)d muistiota julkaistiin.", published
            )
            self.message_user(request, message % {"count": published}, messages.SUCCESS)


@admin.register(Attachment)
class AttachmentAdmin(TrackedAdmin):
    list_display = [
        "title",
        "meeting",
        "kind",
        "language",
        "original_name",
        "size",
        "uploaded_at",
        "uploaded_by",
    ]
    list_filter = ["kind", "language"]
    list_select_related = ["meeting", "uploaded_by"]
    date_hierarchy = "uploaded_at"
    search_fields = ["title", "original_name", "meeting__title"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["original_name", "size", "content_type", "uploaded_by"]
    formfield_overrides = CHECKED_UPLOADS

    def save_model(self, request, obj, form, change):
        record_upload(form, request.user)
        super().save_model(request, obj, form, change)


@admin.register(Registration)
class RegistrationAdmin(TrackedAdmin):
    list_display = ["name", "email", "meeting", "municipality", "organisation", "created_at"]
    list_filter = ["meeting__kind", "meeting__project"]
    list_select_related = ["meeting", "municipality", "organisation"]
    date_hierarchy = "created_at"
    search_fields = ["name", "email", "meeting__title", "organisation__name"]
    autocomplete_fields = ["meeting", "organisation", "municipality", "user"]
