"""The public pages of projects: the project list and a project's own page."""

from django.template.loader import render_to_string
from django.views.generic import DetailView, ListView

from core.i18n import in_user_language
from core.page_cache import VisitorPageCacheMixin, kept_fragment
from core.pagination import detailed_rows
from notifications.views import FollowButtonMixin
from projects.forms import ProjectFilterForm
from projects.history import project_history
from projects.models import Project
from projects.permissions import (
    can_edit_contact,
    can_edit_project,
    can_view_contact_details,
    can_view_details_of_contact,
    can_view_history,
    is_admin,
)


class ProjectListView(VisitorPageCacheMixin, ListView):
    page_changes_with_time = False
    # What the page shows: no meeting, so a change of one leaves it kept.
    page_apps = ("municipalities", "projects")
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = ProjectFilterForm(self.request.GET)
        return self.filter_form.apply(Project.objects.all())

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's rows are fetched here, not while the template renders, and their funding
        # sums are computed for them alone.
        page.object_list = detailed_rows(
            page, self.filter_form.apply(Project.objects.for_list_page())
        )
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class ProjectDetailView(VisitorPageCacheMixin, FollowButtonMixin, DetailView):
    page_changes_with_time = False
    template_name = "projects/project_detail.html"
    context_object_name = "project"
    # The page's head (the name and the follow button); ``render_body`` reads the rest.
    queryset = Project.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        can_edit = can_edit_project(user, self.object)
        # The same for everyone with the same rights on the project (to edit it, to change
        # its contacts linked to accounts, to read contact details): kept until the next
        # change.
        rights = f"{can_edit}:{is_admin(user)}:{can_view_contact_details(user)}"
        context["project_body"] = kept_fragment(
            f"project:{self.object.pk}:{rights}", lambda: self.render_body(can_edit=can_edit)
        )
        return context

    def render_body(self, *, can_edit: bool) -> str:
        """The project's description, areas, funding with its budget lines (and their
        expenses for an editor), consortium, partners, contacts, working groups and
        cooperation, and for an editor its change history."""
        project = Project.objects.for_detail_page().get(pk=self.object.pk)
        user = self.request.user
        budget_lines = project.budget_lines.for_funding_table()
        if can_edit:
            budget_lines = budget_lines.with_expenses()
        budget_lines = list(budget_lines)
        context = {
            "project": project,
            "description": in_user_language(project.description, project.description_sv),
            "budget_lines": budget_lines,
            # Whether the page shows values marked as examples (core.examples), which its
            # notice then explains.
            "shows_examples": bool(project.example_fields)
            or any(line.example_fields or line.has_example_expenses for line in budget_lines),
            "spent_includes_examples": any(line.has_example_expenses for line in budget_lines),
            "can_edit": can_edit,
            "editable_contact_ids": {
                contact.pk for contact in project.contacts.all() if can_edit_contact(user, contact)
            },
            "show_contact_details": can_view_contact_details(user),
            "contact_ids_with_details": {
                contact.pk
                for contact in project.contacts.all()
                if can_view_details_of_contact(user, contact)
            },
            "history": project_history(project) if can_view_history(user, project) else None,
        }
        return render_to_string(
            "projects/partials/project_body.html", context, request=self.request
        )
