from django.views.generic import DetailView, ListView

from municipalities.models import Municipality


class MunicipalityListView(ListView):
    """All municipalities, grouped by region in the template."""

    context_object_name = "municipalities"
    template_name = "municipalities/municipality_list.html"

    def get_queryset(self):
        # A list, so that the template runs no queries.
        return list(Municipality.objects.for_list_page())


class MunicipalityDetailView(DetailView):
    """One municipality with its projects, consortia, working groups, meetings and services."""

    queryset = Municipality.objects.for_detail_page()
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "municipality"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The projects of the consortia the municipality belongs to, each with the membership
        # that brings the municipality in (all prefetched by for_detail_page).
        context["consortium_projects"] = [
            (membership, project)
            for membership in self.object.consortium_memberships.all()
            for project in membership.consortium.projects.all()
        ]
        return context
