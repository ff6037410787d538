from django.urls import path

from portal.views import dashboard, home, municipality, programme, search

app_name = "portal"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("haku/", search.SearchView.as_view(), name="search"),
    path("oma-sivu/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("ohjelma/", programme.ProgrammeView.as_view(), name="programme"),
    path(
        "kunnat/<str:code>/",
        municipality.MunicipalityDetailView.as_view(),
        name="municipality_detail",
    ),
]
