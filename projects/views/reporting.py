"""Coordinators' pages for a project's grants, instalments, reports to the funders and the
funders' requests. Every write goes through ``projects.services``."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from projects import services
from projects.forms import FunderReportForm, FunderRequestForm, GrantForm, InstalmentForm
from projects.models import (
    FunderReport,
    FunderRequest,
    FunderRequestAttachment,
    GrantDecision,
    Instalment,
)
from projects.views.editing import ProjectEditMixin, RecordFormView


class ReportingView(ProjectEditMixin, DetailView):
    """The reporting schedule and the funders' requests of a project."""

    template_name = "projects/reporting.html"
    context_object_name = "project"

    def get_object(self, queryset=None):
        return self.project

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            grants=list(GrantDecision.objects.filter(project=self.project).for_funding_pages()),
            reports=list(FunderReport.objects.of_project(self.project)),
            requests=list(FunderRequest.objects.of_project(self.project)),
            **kwargs,
        )


class ReportingRecordView(RecordFormView):
    """A form of the reporting page, which it returns to."""

    def get_success_url(self):
        return reverse("projects:reporting", kwargs={"slug": self.project.slug})


class GrantCreateView(ReportingRecordView, CreateView):
    model = GrantDecision
    form_class = GrantForm
    heading = _("Uusi avustus")
    success_message = _("Avustus on lisätty.")

    def write(self, form):
        services.grant_create(grant=form.instance)


class GrantUpdateView(ReportingRecordView, UpdateView):
    model = GrantDecision
    form_class = GrantForm
    heading = _("Muokkaa avustusta")
    success_message = _("Avustus on tallennettu.")

    def write(self, form):
        services.grant_update(grant=form.instance)


class InstalmentFormView(ReportingRecordView):
    model = Instalment
    form_class = InstalmentForm
    project_path = "grant__project"


class InstalmentCreateView(InstalmentFormView, CreateView):
    heading = _("Uusi maksuerä")
    success_message = _("Maksuerä on lisätty.")

    def write(self, form):
        services.instalment_create(instalment=form.instance)


class InstalmentUpdateView(InstalmentFormView, UpdateView):
    heading = _("Muokkaa maksuerää")
    success_message = _("Maksuerä on tallennettu.")

    def write(self, form):
        services.instalment_update(instalment=form.instance)


class FunderReportFormView(ReportingRecordView):
    model = FunderReport
    form_class = FunderReportForm
    project_path = "grant__project"


class FunderReportCreateView(FunderReportFormView, CreateView):
    heading = _("Uusi raportti rahoittajalle")
    success_message = _("Raportti on lisätty aikatauluun.")

    def write(self, form):
        services.funder_report_create(report=form.instance)


class FunderReportUpdateView(FunderReportFormView, UpdateView):
    heading = _("Muokkaa raporttia")
    success_message = _("Raportti on tallennettu.")

    def write(self, form):
        services.funder_report_update(report=form.instance)


class FunderRequestFormView(ReportingRecordView):
    model = FunderRequest
    form_class = FunderRequestForm
    project_path = "grant__project"


class FunderRequestCreateView(FunderRequestFormView, CreateView):
    heading = _("Uusi rahoittajan pyyntö")
    success_message = _("Pyyntö on lisätty.")

    def write(self, form):
        services.funder_request_create(request=form.instance, files=form.cleaned_data["files"])


class FunderRequestUpdateView(FunderRequestFormView, UpdateView):
    heading = _("Muokkaa pyyntöä tai vastausta")
    success_message = _("Pyyntö on tallennettu.")

    def write(self, form):
        services.funder_request_update(request=form.instance, files=form.cleaned_data["files"])


class FunderRequestAttachmentView(ProjectEditMixin, DetailView):
    """A file of a funder's request, always as a download."""

    model = FunderRequestAttachment
    project_path = "request__grant__project"

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        try:
            handle = attachment.file.storage.open(attachment.file.name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
