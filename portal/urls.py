from django.urls import path

from portal.views import dashboard, home, legal, municipality, own_data, search, two_factor

app_name = "portal"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("haku/", search.SearchView.as_view(), name="search"),
    path("oma-sivu/", dashboard.DashboardView.as_view(), name="dashboard"),
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
