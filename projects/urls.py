from django.urls import path

from projects.views import editing, practices, public

app_name = "projects"

PROJECT = "hankkeet/<slug:slug>/"

urlpatterns = [
    path("hankkeet/", public.ProjectListView.as_view(), name="list"),
    path(PROJECT, public.ProjectDetailView.as_view(), name="detail"),
    path(f"{PROJECT}muokkaa/", editing.ProjectUpdateView.as_view(), name="edit"),
    path(
        f"{PROJECT}budjetti/uusi/",
        editing.BudgetLineCreateView.as_view(),
        name="budget_line_create",
    ),
    path(
        f"{PROJECT}budjetti/<int:pk>/muokkaa/",
        editing.BudgetLineUpdateView.as_view(),
        name="budget_line_update",
    ),
    path(
        f"{PROJECT}budjetti/<int:pk>/poista/",
        editing.BudgetLineDeleteView.as_view(),
        name="budget_line_delete",
    ),
    path(f"{PROJECT}kulut/uusi/", editing.ExpenseCreateView.as_view(), name="expense_create"),
    path(
        f"{PROJECT}kulut/<int:pk>/muokkaa/",
        editing.ExpenseUpdateView.as_view(),
        name="expense_update",
    ),
    path(
        f"{PROJECT}kulut/<int:pk>/poista/",
        editing.ExpenseDeleteView.as_view(),
        name="expense_delete",
    ),
    path(
        f"{PROJECT}yhteyshenkilot/uusi/",
        editing.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        f"{PROJECT}yhteyshenkilot/<int:pk>/muokkaa/",
        editing.ContactUpdateView.as_view(),
        name="contact_update",
    ),
    path(
        f"{PROJECT}yhteyshenkilot/<int:pk>/poista/",
        editing.ContactDeleteView.as_view(),
        name="contact_delete",
    ),
    path(
        f"{PROJECT}kumppanit/uusi/",
        editing.PartnerCreateView.as_view(),
        name="partner_create",
    ),
    path(
        f"{PROJECT}kumppanit/<int:pk>/muokkaa/",
        editing.PartnerUpdateView.as_view(),
        name="partner_update",
    ),
    path(
        f"{PROJECT}kumppanit/<int:pk>/poista/",
        editing.PartnerDeleteView.as_view(),
        name="partner_delete",
    ),
]

PRACTICE = "toimintamallit/<slug:slug>/"

urlpatterns += [
    path("toimintamallit/", practices.PracticeListView.as_view(), name="practice_list"),
    path(
        "toimintamallit/maakunnat/<str:code>/",
        practices.PracticeMatrixView.as_view(),
        name="practice_matrix",
    ),
    path(
        f"{PROJECT}toimintamallit/uusi/",
        practices.PracticeCreateView.as_view(),
        name="practice_create",
    ),
    path(PRACTICE, practices.PracticeDetailView.as_view(), name="practice_detail"),
    path(f"{PRACTICE}muokkaa/", practices.PracticeUpdateView.as_view(), name="practice_update"),
    path(f"{PRACTICE}kunnat/uusi/", practices.AdoptionCreateView.as_view(), name="adoption_create"),
    path(
        f"{PRACTICE}kunnat/<int:pk>/muokkaa/",
        practices.AdoptionUpdateView.as_view(),
        name="adoption_update",
    ),
    path(
        f"{PRACTICE}kunnat/<int:pk>/poista/",
        practices.AdoptionDeleteView.as_view(),
        name="adoption_delete",
    ),
    path(
        f"{PRACTICE}juurruttaminen/",
        practices.EmbeddingPlanView.as_view(),
        name="embedding_plan",
    ),
]
