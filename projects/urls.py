from django.urls import path

from projects.views import editing, funding, practices, public, reporting

app_name = "projects"

PROJECT = "hankkeet/<slug:slug>/"

urlpatterns = [
    path("hankkeet/", public.ProjectListView.as_view(), name="list"),
    path("hankkeet.csv", funding.project_list_csv, name="list_csv"),
    path("hankkeet.xlsx", funding.project_list_xlsx, name="list_xlsx"),
    path(PROJECT, public.ProjectDetailView.as_view(), name="detail"),
    path(f"{PROJECT}rahoitus/", funding.FundingReportView.as_view(), name="funding_report"),
    path(f"{PROJECT}rahoitus.xlsx", funding.funding_report_xlsx, name="funding_report_xlsx"),
    path(f"{PROJECT}rahoitus.pdf", funding.funding_report_pdf, name="funding_report_pdf"),
    path(f"{PROJECT}budjetti.csv", funding.budget_lines_csv, name="budget_lines_csv"),
    path(f"{PROJECT}budjetti.xlsx", funding.budget_lines_xlsx, name="budget_lines_xlsx"),
    path(f"{PROJECT}raportointi/", reporting.ReportingView.as_view(), name="reporting"),
    path(f"{PROJECT}avustukset/uusi/", reporting.GrantCreateView.as_view(), name="grant_create"),
    path(
        f"{PROJECT}avustukset/<int:pk>/muokkaa/",
        reporting.GrantUpdateView.as_view(),
        name="grant_update",
    ),
    path(
        f"{PROJECT}maksuerat/uusi/",
        reporting.InstalmentCreateView.as_view(),
        name="instalment_create",
    ),
    path(
        f"{PROJECT}maksuerat/<int:pk>/muokkaa/",
        reporting.InstalmentUpdateView.as_view(),
        name="instalment_update",
    ),
    path(
        f"{PROJECT}raportit/uusi/",
        reporting.FunderReportCreateView.as_view(),
        name="funder_report_create",
    ),
    path(
        f"{PROJECT}raportit/<int:pk>/muokkaa/",
        reporting.FunderReportUpdateView.as_view(),
        name="funder_report_update",
    ),
    path(
        f"{PROJECT}pyynnot/uusi/",
        reporting.FunderRequestCreateView.as_view(),
        name="funder_request_create",
    ),
    path(
        f"{PROJECT}pyynnot/<int:pk>/muokkaa/",
        reporting.FunderRequestUpdateView.as_view(),
        name="funder_request_update",
    ),
    path(
        f"{PROJECT}pyynnot/liitteet/<int:pk>/",
        reporting.FunderRequestAttachmentView.as_view(),
        name="funder_request_attachment",
    ),
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
