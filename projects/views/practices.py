"""The practices: the public catalogue, a practice's page and a region's matrix of where the
practices took root; and the coordinators' pages that edit them through
``projects.services``."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from core.page_cache import VisitorPageCacheMixin
from municipalities.models import Municipality, Region
from projects import services
from projects.models import (
    AdoptionState,
    EmbeddingPlan,
    Practice,
    PracticeAdoption,
)
from projects.permissions import can_coordinate, can_edit_practice, editable_projects
from projects.practice_forms import (
    AdoptionForm,
    EmbeddingPlanForm,
    EmbeddingStepFormSet,
    PracticeFilterForm,
    PracticeForm,
)
from projects.views.editing import ProjectEditMixin, SaveAndReturnMixin


class PracticeListView(VisitorPageCacheMixin, ListView):
    """The catalogue of practices, filtered by project and development area."""

    page_changes_with_time = False
    # What the page shows: no meeting, so a change of one leaves it kept.
    page_apps = ("municipalities", "projects")
    template_name = "projects/practice_list.html"
    context_object_name = "practices"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = PracticeFilterForm(self.request.GET)
        return Practice.objects.matching(**self.filter_form.filters()).for_catalogue()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's rows are fetched here, not while the template renders.
        page.object_list = list(object_list)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            filter_form=self.filter_form,
            matrix_regions=list(
                Region.objects.filter(projects__practices__isnull=False).distinct()
            ),
            new_practice_projects=list(editable_projects(user)) if can_coordinate(user) else [],
            **kwargs,
        )


class PracticeDetailView(VisitorPageCacheMixin, DetailView):
    page_changes_with_time = False
    # What the page shows: no meeting, so a change of one leaves it kept.
    page_apps = ("municipalities", "projects")
    template_name = "projects/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return Practice.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        practice = self.object
        plan = getattr(practice, "embedding_plan", None)
        adoptions = list(practice.adoptions.all())
        return super().get_context_data(
            plan=plan,
            adoptions=adoptions,
            shows_examples=bool(practice.example_fields)
            or any(adoption.example_fields for adoption in adoptions)
            or (plan is not None and has_examples(plan)),
            can_edit=can_edit_practice(self.request.user, practice),
            **kwargs,
        )


def has_examples(plan: EmbeddingPlan) -> bool:
    """Whether the plan or any of its (prefetched) steps holds example values."""
    return bool(plan.example_fields) or any(step.example_fields for step in plan.steps.all())


class PracticeMatrixView(VisitorPageCacheMixin, TemplateView):
    """Practice by municipality across a region: each cell says the municipality's state
    with the practice in words."""

    page_changes_with_time = False
    # What the page shows: no meeting, so a change of one leaves it kept.
    page_apps = ("municipalities", "projects")
    template_name = "projects/practice_matrix.html"

    def get_context_data(self, **kwargs):
        region = get_object_or_404(Region, code=self.kwargs["code"])
        practices = list(Practice.objects.of_region(region))
        municipalities = list(Municipality.objects.filter(region=region).order_by("name_fi"))
        states = {
            (adoption.practice_id, adoption.municipality_id): adoption
            for practice in practices
            for adoption in practice.adoptions.all()
        }
        rows = [
            (
                municipality,
                [states.get((practice.pk, municipality.pk)) for practice in practices],
            )
            for municipality in municipalities
        ]
        return super().get_context_data(
            region=region,
            practices=practices,
            rows=rows,
            states=AdoptionState,
            shows_examples=any(adoption.example_fields for adoption in states.values()),
            **kwargs,
        )


class PracticeCreateView(ProjectEditMixin, SaveAndReturnMixin, CreateView):
    model = Practice
    form_class = PracticeForm
    template_name = "projects/record_form.html"
    heading = _("Uusi toimintamalli")
    success_message = _("Toimintamalli on lisätty.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.project}

    def write(self, form):
        self.object = services.practice_create(practice=form.instance)

    def get_success_url(self):
        return reverse("projects:practice_detail", args=[self.object.slug])


class PracticeEditMixin(UserPassesTestMixin):
    """A page about the practice of the URL's slug, for those who may edit its project."""

    heading = ""
    success_message = ""

    @cached_property
    def practice(self) -> Practice:
        return get_object_or_404(
            Practice.objects.select_related("project"), slug=self.kwargs["slug"]
        )

    def test_func(self):
        return can_edit_practice(self.request.user, self.practice)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practice=self.practice, project=self.practice.project, heading=self.heading, **kwargs
        )

    def saved(self):
        """Say so and return to the practice's page."""
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("projects:practice_detail", args=[self.practice.slug]))


class PracticeFormView(PracticeEditMixin):
    """Base of the forms that write through ``write()``; a refusal shows on the form."""

    template_name = "projects/practice_form.html"

    def write(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.write(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return self.saved()


class PracticeUpdateView(PracticeFormView, UpdateView):
    form_class = PracticeForm
    heading = _("Muokkaa toimintamallia")
    success_message = _("Toimintamalli on tallennettu.")

    def get_object(self, queryset=None):
        return self.practice

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.practice.project}

    def write(self, form):
        services.practice_update(practice=form.instance)


class AdoptionCreateView(PracticeFormView, CreateView):
    form_class = AdoptionForm
    heading = _("Lisää kunta")
    success_message = _("Kunnan tila on kirjattu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.practice}

    def write(self, form):
        services.adoption_create(adoption=form.instance)


class AdoptionRecordMixin:
    """An adoption of the URL's practice; another practice's adoption is a 404."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            PracticeAdoption.objects.select_related("municipality"),
            pk=self.kwargs["pk"],
            practice=self.practice,
        )


class AdoptionUpdateView(AdoptionRecordMixin, PracticeFormView, UpdateView):
    form_class = AdoptionForm
    heading = _("Muokkaa kunnan tilaa")
    success_message = _("Kunnan tila on tallennettu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.practice}

    def write(self, form):
        services.adoption_update(adoption=form.instance)


class AdoptionDeleteView(AdoptionRecordMixin, PracticeEditMixin, DeleteView):
    template_name = "projects/practice_confirm_delete.html"
    heading = _("Poista kunnan tila")
    success_message = _("Kunnan tila on poistettu.")

    def form_valid(self, form):
        services.adoption_delete(adoption=self.object)
        return self.saved()


class EmbeddingPlanView(PracticeEditMixin, TemplateView):
    """The practice's embedding plan and its steps, added, changed and removed in one form."""

    template_name = "projects/embedding_plan_form.html"
    heading = _("Juurruttamissuunnitelma")
    success_message = _("Juurruttamissuunnitelma on tallennettu.")

    def forms(self, data=None):
        plan = getattr(self.practice, "embedding_plan", None) or EmbeddingPlan(
            practice=self.practice
        )
        return EmbeddingPlanForm(data, instance=plan), EmbeddingStepFormSet(data, instance=plan)

    def get(self, request, *args, **kwargs):
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            steps = formset.save(commit=False)
            services.embedding_plan_save(
                plan=form.instance, steps=steps, removed_steps=formset.deleted_objects
            )
            return self.saved()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))
