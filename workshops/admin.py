from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    HTTPS_URL_FIELDS,
    LargeTableMixin,
    RelatedRowsInlineMixin,
    ServiceWritesMixin,
    TrackedAdmin,
    year_list_filter,
)
from workshops.forms import MeetingCancelForm
from workshops.models import (
    Attachment,
    Meeting,
    Minutes,
    Registration,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from workshops.services import (
    attachment_create,
    attachment_delete,
    meeting_cancel,
    meeting_create,
    meeting_update,
    minutes_approve,
    registration_cancel,
)
from workshops.uploads import AttachmentFileField


class AttachmentAdminForm(forms.ModelForm):
    """A stored attachment keeps its file: only ``attachment_create`` stores one. To replace a
    file, delete the attachment and add a new one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "file" in self.fields:
            self.fields["file"].disabled = True


def create_from_form(form: forms.ModelForm, *, user) -> Attachment:
    """Store the attachment of a validated admin form through ``attachment_create``.

    The form is the attachment page's or a row of a meeting's inline, whose meeting field
    holds the meeting of the page.
    """
    # The admin names its read-only fields in ``_meta.fields`` too, but leaves them out of the
    # form; an inline row's extra fields (id, DELETE) are not in ``_meta.fields``.
    fields = {
        name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data
    }
    return attachment_create(user=user, **fields)


class AttachmentFormSet(BaseInlineFormSet):
    """The attachments of a meeting's admin page, added by ``attachment_create`` and deleted by
    ``attachment_delete`` (which removes the file); ``uploaded_by`` is the admin saving."""

    uploaded_by = None

    def save_new(self, form, commit=True):
        if not commit:
            return super().save_new(form, commit=False)
        return create_from_form(form, user=self.uploaded_by)

    def delete_existing(self, obj, commit=True):
        if commit:
            attachment_delete(attachment=obj)


# Admin uploads pass the same checks as the coordinators' upload form.
CHECKED_UPLOADS = {models.FileField: {"form_class": AttachmentFileField}}


class WorkingGroupChairInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = WorkingGroupChair
    autocomplete_fields = ["municipality"]
    select_related = ("municipality",)
    extra = 0


class WorkingGroupMemberInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = WorkingGroupMember
    autocomplete_fields = ["municipality", "organisation"]
    select_related = ("municipality", "organisation")
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TrackedAdmin):
    list_display = ["name", "project", "development_area"]
    list_filter = ["development_area"]
    list_select_related = ["project", "development_area"]
    search_fields = ["name", "description", "project__short_name", "project__name"]
    autocomplete_fields = ["project", "development_area"]
    inlines = [WorkingGroupChairInline, WorkingGroupMemberInline]


@admin.register(WorkingGroupChair)
class WorkingGroupChairAdmin(admin.ModelAdmin):
    list_display = ["municipality", "working_group", "working_group__project", "theme"]
    list_filter = ["working_group__development_area"]
    list_select_related = ["municipality", "working_group__project"]
    search_fields = ["municipality__name_fi", "working_group__name", "theme"]
    autocomplete_fields = ["working_group", "municipality"]


class MinutesInline(admin.StackedInline):
    model = Minutes
    max_num = 1
    readonly_fields = ["status", "circulated_at", "published_at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentAdminForm
    formset = AttachmentFormSet
    formfield_overrides = CHECKED_UPLOADS
    fields = ["title", "title_sv", "file", "kind", "language", "restriction"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(LargeTableMixin, ServiceWritesMixin, TrackedAdmin):
    """Meetings; a new one is saved through ``meeting_create`` and a change through
    ``meeting_update``, as on the coordinator's pages (invitations sent, followers told), and a
    cancellation through ``meeting_cancel`` (the action)."""

    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "starts_at", "kind", "status", "project", "working_group"]
    # A filter by project would list every project: the search finds a project's meetings.
    list_filter = ["status", "kind", year_list_filter("starts_at", _("vuosi"))]
    list_select_related = ["project", "working_group"]
    # The meeting list's order, which an index serves.
    ordering = ["-starts_at", "pk"]
    search_fields = [
        "title",
        "title_sv",
        "theme",
        "place",
        "project__short_name",
        "project__name",
    ]
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
        service = meeting_update if change else meeting_create
        service(meeting=obj, **form.cleaned_data)

    def save_related(self, request, form, formsets, change):
        # The service saved the invitations with the rest of the meeting.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Attachment:
            formset.uploaded_by = request.user
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
class MinutesAdmin(LargeTableMixin, TrackedAdmin):
    list_display = ["meeting", "meeting__project", "status", "published_at"]
    list_filter = ["status", "meeting__kind"]
    list_select_related = ["meeting__project"]
    # Newest first by key: the model's order (by the meeting's time) would walk the newest
    # meetings, most of which, still to come, have no minutes: a tenth of every meeting.
    ordering = ["-pk"]
    search_fields = ["meeting__title", "text"]
    autocomplete_fields = ["meeting"]
    # The state moves by its rules (draft, circulated, approved) through the services only.
    readonly_fields = ["status", "circulated_at", "published_at"]
    actions = ["approve_minutes"]

    @admin.action(description=_("Hyväksy valitut muistiot"), permissions=["change"])
    def approve_minutes(self, request, queryset):
        """Approve the selected minutes; those that ``minutes_approve`` refuses (not circulated
        for comments yet, or approved already) are skipped, each with the reason."""
        approved = 0
        for minutes in queryset.select_related("meeting"):
            try:
                minutes_approve(minutes=minutes, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{minutes}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                approved += 1
        if approved:
            message = ngettext(
                "%(count)d muistio hyväksyttiin.", "%(count)d muistiota hyväksyttiin.", approved
            )
            self.message_user(request, message % {"count": approved}, messages.SUCCESS)


@admin.register(Attachment)
class AttachmentAdmin(LargeTableMixin, TrackedAdmin):
    list_display = [
        "title",
        "meeting",
        "kind",
        "language",
        "original_name",
        "size",
        "uploaded_at",
        "uploaded_by",
        "text_status",
    ]
    list_filter = ["kind", "language", "text_status", year_list_filter("uploaded_at", _("vuosi"))]
    list_select_related = ["meeting", "uploaded_by"]
    # Newest first, as an index serves it (the model's order would sort every row by meeting).
    ordering = ["-uploaded_at", "-pk"]
    search_fields = ["title", "title_sv", "original_name", "meeting__title"]
    autocomplete_fields = ["meeting"]
    readonly_fields = [
        "original_name",
        "size",
        "content_type",
        "uploaded_by",
        "text_status",
        "text_error",
    ]
    form = AttachmentAdminForm
    formfield_overrides = CHECKED_UPLOADS

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # The admin goes on with ``obj`` (its log entry, the redirect): it becomes the row stored.
        obj.pk = create_from_form(form, user=request.user).pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        attachment_delete(attachment=obj)

    def delete_queryset(self, request, queryset):
        for attachment in queryset:
            attachment_delete(attachment=attachment)


@admin.register(Registration)
class RegistrationAdmin(LargeTableMixin, TrackedAdmin):
    list_display = [
        "name",
        "email",
        "meeting",
        "municipality",
        "organisation",
        "created_at",
        "status",
        "attended",
    ]
    list_filter = ["status", "meeting__kind", year_list_filter("created_at", _("vuosi"))]
    # The seat and the waitlist move only through the services (workshops.services.registrations).
    readonly_fields = ["status", "attended"]
    actions = ["cancel_registrations"]
    list_select_related = ["meeting", "municipality", "organisation"]
    # Newest first by key: the model's order would sort every row by its meeting.
    ordering = ["-pk"]
    search_fields = ["name", "email", "meeting__title", "organisation__name"]
    autocomplete_fields = ["meeting", "organisation", "municipality", "user"]

    @admin.action(description=_("Peru valitut ilmoittautumiset (jonossa ensimmäinen saa paikan)"))
    def cancel_registrations(self, request, queryset):
        for registration in queryset.select_related("meeting"):
            registration_cancel(registration=registration)
