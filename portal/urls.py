from django.urls import path

from portal.feeds import PublishedMinutesFeed
from portal.views import (
    api,
    dashboard,
    home,
    legal,
    municipality,
    own_data,
    programme,
    search,
    two_factor,
)

app_name = "portal"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("haku/", search.SearchView.as_view(), name="search"),
    path("haku/seuraa/", search.search_follow_create, name="search_follow"),
    path("oma-sivu/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("ohjelma/", programme.ProgrammeView.as_view(), name="programme"),
    path(
        "ohjelma/maakunta/<str:code>/",
        programme.ProgrammeRegionView.as_view(),
        name="programme_region",
    ),
    path("muistiot.atom", PublishedMinutesFeed(), name="minutes_feed"),
    path("api/", api.ApiDocumentationView.as_view(), name="api_documentation"),
    path("api/v1/", api.SystemView.as_view(), name="api_system"),
    path("api/v1/bodies/", api.BodyListView.as_view(), name="api_bodies"),
    path("api/v1/bodies/<slug:slug>/", api.BodyView.as_view(), name="api_body"),
    path("api/v1/meetings/", api.MeetingListView.as_view(), name="api_meetings"),
    path("api/v1/meetings/<int:pk>/", api.MeetingView.as_view(), name="api_meeting"),
    path("api/v1/papers/", api.PaperListView.as_view(), name="api_papers"),
    path("api/v1/papers/<int:pk>/", api.PaperView.as_view(), name="api_paper"),
    path("api/v1/files/", api.FileListView.as_view(), name="api_files"),
    path("api/v1/files/<int:pk>/", api.FileView.as_view(), name="api_file"),
    path("api/v1/practices/", api.PracticeListView.as_view(), name="api_practices"),
    path("api/v1/practices/<slug:slug>/", api.PracticeView.as_view(), name="api_practice"),
    path("oma-sivu/omat-tiedot.json", own_data.own_data_export, name="own_data_export"),
    path("oma-sivu/poista-tiedot/", own_data.own_data_erase, name="own_data_erase"),
    path(
        "saavutettavuusseloste/",
        legal.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
    path("tili/kaksivaiheinen/", two_factor.two_factor, name="two_factor"),
    path("tietosuojaseloste/", legal.PrivacyNoticeView.as_view(), name="privacy"),
    path(
        "kunnat/<str:code>/",
        municipality.MunicipalityDetailView.as_view(),
        name="municipality_detail",
    ),
]
