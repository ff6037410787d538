"""Coordinators' pages for editing a project and its budget lines, expenses, contacts and
partners. Every write goes through ``projects.services``."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DeleteView, UpdateView

from projects import services
from projects.forms import BudgetLineForm, ContactForm, ExpenseForm, PartnerForm, ProjectForm
from projects.models import BudgetLine, Contact, Expense, Project, ProjectPartner
from projects.permissions import can_edit_contact, can_edit_project


class ProjectEditMixin(UserPassesTestMixin):
    """The project named by the URL, which the user must be allowed to edit.

    An anonymous user is sent to log in, any other user who may not edit it gets 403. Rows
    are looked up among the project's own (through ``project_path``), so another project's
    row under this project's address is a 404.
    """

    project_path = "project"
    heading = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.project = get_object_or_404(Project, slug=kwargs["slug"])

    def test_func(self):
        return can_edit_project(self.request.user, self.project)

    def get_queryset(self):
        return super().get_queryset().filter(**{self.project_path: self.project})

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, heading=self.heading, **kwargs)


class SaveAndReturnMixin:
    """Writes through ``write()``, the page's service call, then says so and returns to the
    project's page. A rule the service refuses (a ValidationError) shows on the form instead."""

    success_message = ""

    def write(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.write(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse("projects:detail", kwargs={"slug": self.project.slug})


class RecordFormView(ProjectEditMixin, SaveAndReturnMixin):
    """Base of the pages that add or change a row of the project."""

    template_name = "projects/record_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.project}


class RecordDeleteView(ProjectEditMixin, SaveAndReturnMixin, DeleteView):
    """Base of the pages that confirm and delete a row of the project."""

    template_name = "projects/record_confirm_delete.html"


class ProjectUpdateView(ProjectEditMixin, SaveAndReturnMixin, UpdateView):
    form_class = ProjectForm
    template_name = "projects/record_form.html"
    heading = _("Muokkaa hankkeen tietoja")
    success_message = _("Hankkeen tiedot on tallennettu.")

    def get_object(self, queryset=None):
        return self.project

    def write(self, form):
        services.project_update(project=form.instance, expected_version=form.expected_version)


class BudgetLineCreateView(RecordFormView, CreateView):
    model = BudgetLine
    form_class = BudgetLineForm
    heading = _("Uusi budjettirivi")
    success_message = _("Budjettirivi on lisätty.")

    def write(self, form):
        services.budget_line_create(budget_line=form.instance)


class BudgetLineUpdateView(RecordFormView, UpdateView):
    model = BudgetLine
    form_class = BudgetLineForm
    heading = _("Muokkaa budjettiriviä")
    success_message = _("Budjettirivi on tallennettu.")

    def write(self, form):
        services.budget_line_update(
            budget_line=form.instance, expected_version=form.expected_version
        )


class BudgetLineDeleteView(RecordDeleteView):
    model = BudgetLine
    heading = _("Poista budjettirivi")
    success_message = _("Budjettirivi on poistettu.")

    def write(self, form):
        services.budget_line_delete(budget_line=self.object)


class ExpenseFormView(RecordFormView):
    model = Expense
    form_class = ExpenseForm
    project_path = "budget_line__project"


class ExpenseCreateView(ExpenseFormView, CreateView):
    heading = _("Uusi kulu")
    success_message = _("Kulu on kirjattu.")

    def write(self, form):
        services.expense_create(expense=form.instance)


class ExpenseUpdateView(ExpenseFormView, UpdateView):
    heading = _("Muokkaa kulua")
    success_message = _("Kulu on tallennettu.")

    def write(self, form):
        services.expense_update(expense=form.instance)


class ExpenseDeleteView(RecordDeleteView):
    model = Expense
    project_path = "budget_line__project"
    template_name = "projects/expense_confirm_delete.html"
    heading = _("Poista kulu")
    success_message = _("Kulu on poistettu.")

    def write(self, form):
        services.expense_delete(expense=self.object)


class ContactRecordMixin:
    """A contact linked to a user account is the admin's to change (can_edit_contact)."""

    def get_object(self, queryset=None):
        contact = super().get_object(queryset)
        if not can_edit_contact(self.request.user, contact):
            raise PermissionDenied
        return contact


class ContactCreateView(RecordFormView, CreateView):
    model = Contact
    form_class = ContactForm
    heading = _("Uusi yhteyshenkilö")
    success_message = _("Yhteyshenkilö on lisätty.")

    def write(self, form):
        services.contact_create(contact=form.instance)


class ContactUpdateView(ContactRecordMixin, RecordFormView, UpdateView):
    model = Contact
    form_class = ContactForm
    heading = _("Muokkaa yhteyshenkilöä")
    success_message = _("Yhteyshenkilö on tallennettu.")

    def write(self, form):
        services.contact_update(contact=form.instance)


class ContactDeleteView(ContactRecordMixin, RecordDeleteView):
    model = Contact
    heading = _("Poista yhteyshenkilö")
    success_message = _("Yhteyshenkilö on poistettu.")

    def write(self, form):
        services.contact_delete(contact=self.object)


class PartnerCreateView(RecordFormView, CreateView):
    model = ProjectPartner
    form_class = PartnerForm
    heading = _("Uusi kumppani")
    success_message = _("Kumppani on lisätty.")

    def write(self, form):
        services.partner_create(partner=form.instance)


class PartnerUpdateView(RecordFormView, UpdateView):
    model = ProjectPartner
    form_class = PartnerForm
    heading = _("Muokkaa kumppania")
    success_message = _("Kumppani on tallennettu.")

    def write(self, form):
        services.partner_update(partner=form.instance)


class PartnerDeleteView(RecordDeleteView):
    model = ProjectPartner
    heading = _("Poista kumppani")
    success_message = _("Kumppani on poistettu.")

    def write(self, form):
        services.partner_delete(partner=self.object)
