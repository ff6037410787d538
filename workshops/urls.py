from django.urls import path

from core.views import LookupSuggestionsView
from workshops.forms import MeetingFilterForm
from workshops.views import agenda, coordination, exports, groups, meetings, minutes, signup

app_name = "workshops"

urlpatterns = [
    path("kokoukset/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("kokoukset/kalenteri/", meetings.MeetingCalendarView.as_view(), name="calendar"),
    path(
        "kokoukset/ehdotukset/hanke.json",
        LookupSuggestionsView.as_view(field=MeetingFilterForm.base_fields["project"]),
        name="suggest_project",
    ),
    path(
        "kokoukset/ehdotukset/tyoryhma.json",
        LookupSuggestionsView.as_view(field=MeetingFilterForm.base_fields["working_group"]),
        name="suggest_working_group",
    ),
    path(
        "kokoukset/kalenteri/<int:year>/<int:month>/",
        meetings.MeetingCalendarView.as_view(),
        name="calendar",
    ),
    path("kokoukset/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "kokoukset/<int:pk>/ilmoittaudu/",
        meetings.MeetingRegisterView.as_view(),
        name="register",
    ),
    path("kokoukset.csv", exports.MeetingListFileView.as_view(), name="meeting_list_csv"),
    path(
        "kokoukset.xlsx",
        exports.MeetingListFileView.as_view(file_format="xlsx"),
        name="meeting_list_xlsx",
    ),
    path(
        "kokoukset/<int:pk>/ilmoittautuneet.csv",
        exports.RegistrationsFileView.as_view(),
        name="registrations_csv",
    ),
    path(
        "kokoukset/<int:pk>/ilmoittautuneet.xlsx",
        exports.RegistrationsFileView.as_view(file_format="xlsx"),
        name="registrations_xlsx",
    ),
    path(
        "kokoukset/<int:pk>/ilmoittautuneet.pdf",
        exports.RegistrationsFileView.as_view(file_format="pdf"),
        name="registrations_pdf",
    ),
    path("kokoukset/<int:pk>/muistio.pdf", exports.minutes_pdf, name="minutes_pdf"),
    path(
        "hankkeet/<slug:slug>/kokoukset/uusi/",
        coordination.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(
        "kokoukset/<int:pk>/muokkaa/",
        coordination.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path(
        "kokoukset/<int:pk>/peru/", coordination.MeetingCancelView.as_view(), name="meeting_cancel"
    ),
    path("kokoukset/<int:pk>/muistio/", minutes.MinutesEditView.as_view(), name="minutes_edit"),
    path(
        "kokoukset/<int:pk>/muistio/hyvaksy/",
        minutes.MinutesApproveView.as_view(),
        name="minutes_approve",
    ),
    path(
        "kokoukset/<int:pk>/muistio/korjaus/",
        minutes.MinutesCorrectionCreateView.as_view(),
        name="minutes_correction_create",
    ),
    path(
        "muistiot/kommentit/<int:pk>/vastaa/",
        minutes.MinutesCommentReplyView.as_view(),
        name="minutes_comment_reply",
    ),
    path(
        "muistiot/kommentoi/<str:token>/",
        minutes.MinutesCommentView.as_view(),
        name="minutes_comment",
    ),
    path("kokoukset/<int:pk>/asialista/", agenda.AgendaEditView.as_view(), name="agenda_edit"),
    path(
        "asialista/<int:pk>/muokkaa/",
        agenda.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path(
        "asialista/<int:pk>/siirra/", agenda.AgendaItemMoveView.as_view(), name="agenda_item_move"
    ),
    path(
        "asialista/<int:pk>/poista/",
        agenda.AgendaItemDeleteView.as_view(),
        name="agenda_item_delete",
    ),
    path(
        "asialista/<int:pk>/toimenpiteet/uusi/",
        minutes.ActionItemCreateView.as_view(),
        name="action_item_create",
    ),
    path(
        "toimenpiteet/<int:pk>/tehty/",
        minutes.ActionItemDoneView.as_view(),
        name="action_item_done",
    ),
    path(
        "kokoukset/<int:pk>/liitteet/uusi/",
        coordination.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path("liitteet/<int:pk>/", exports.attachment_download, name="attachment_download"),
    path(
        "liitteet/<int:pk>/muokkaa/",
        coordination.AttachmentTitlesView.as_view(),
        name="attachment_update",
    ),
    path(
        "liitteet/<int:pk>/poista/",
        coordination.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path("hankkeet/<slug:slug>/kokoukset.ics", exports.project_ics, name="project_ics"),
    path(
        "tyoryhmat/<int:pk>/",
        meetings.WorkingGroupDetailView.as_view(),
        name="working_group_detail",
    ),
    path("tyoryhmat/<int:pk>/kokoukset.ics", exports.working_group_ics, name="working_group_ics"),
    path(
        "tyoryhmat/<int:pk>/jasenet/uusi/",
        groups.WorkingGroupMemberCreateView.as_view(),
        name="working_group_member_create",
    ),
    path(
        "tyoryhmat/jasenet/<int:pk>/poista/",
        groups.WorkingGroupMemberDeleteView.as_view(),
        name="working_group_member_delete",
    ),
    path(
        "ilmoittautuminen/<str:token>/",
        signup.RegistrationManageView.as_view(),
        name="registration_manage",
    ),
    path(
        "ilmoittautuminen/<str:token>/peru/",
        signup.RegistrationSelfCancelView.as_view(),
        name="registration_self_cancel",
    ),
    path(
        "kutsu/<str:token>/en-osallistu/",
        signup.InvitationDeclineView.as_view(),
        name="invitation_decline",
    ),
    path(
        "kokoukset/<int:pk>/ilmoittautumiset/",
        signup.MeetingRegistrationsView.as_view(),
        name="meeting_registrations",
    ),
    path(
        "kokoukset/<int:pk>/ilmoittautumiset/uusi/",
        signup.RegistrationAddView.as_view(),
        name="registration_add",
    ),
    path(
        "kokoukset/<int:pk>/kysymykset/uusi/",
        signup.QuestionAddView.as_view(),
        name="question_add",
    ),
    path(
        "kysymykset/<int:pk>/poista/", signup.QuestionDeleteView.as_view(), name="question_delete"
    ),
    path(
        "ilmoittautumiset/<int:pk>/peru/",
        signup.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "ilmoittautumiset/<int:pk>/nosta/",
        signup.RegistrationPromoteView.as_view(),
        name="registration_promote",
    ),
    path(
        "ilmoittautumiset/<int:pk>/siirra/",
        signup.RegistrationMoveView.as_view(),
        name="registration_move",
    ),
    path(
        "ilmoittautumiset/<int:pk>/osallistuminen/",
        signup.RegistrationAttendedView.as_view(),
        name="registration_attended",
    ),
    path(
        "kutsut/<int:pk>/palautui/",
        signup.InvitationBouncedView.as_view(),
        name="invitation_bounced",
    ),
    path("tyoryhmat/<int:pk>/kokoukset.pdf", exports.working_group_pdf, name="working_group_pdf"),
]
