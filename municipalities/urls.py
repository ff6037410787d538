from django.urls import path

from core.views import LookupSuggestionsView
from municipalities import views
from municipalities.forms import municipality_lookup

app_name = "municipalities"

urlpatterns = [
    path("", views.MunicipalityListView.as_view(), name="list"),
    path(
        "ehdotukset.json",
        LookupSuggestionsView.as_view(field=municipality_lookup()),
        name="suggest",
    ),
]
