from django.urls import path

from workshops.views import coordination, exports, meetings

app_name = "workshops"

urlpatterns = [
    path("kokoukset/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("kokoukset/kalenteri/", meetings.MeetingCalendarView.as_view(), name="calendar"),
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
    path(
        "kokoukset/<int:pk>/muistio/", coordination.MinutesEditView.as_view(), name="minutes_edit"
    ),
    path(
        "kokoukset/<int:pk>/liitteet/uusi/",
        coordination.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path("liitteet/<int:pk>/", exports.attachment_download, name="attachment_download"),
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
    path("tyoryhmat/<int:pk>/kokoukset.pdf", exports.working_group_pdf, name="working_group_pdf"),
]
