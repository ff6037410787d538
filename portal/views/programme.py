"""The programme page: the money of every project summed by region and development area, with
a chart of the same; and a page per region with its projects' money and which of its
municipalities takes part in what."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from core.page_cache import VisitorPageCacheMixin
from core.pagination import detailed_rows
from municipalities.models import Region
from portal.programme import kept_programme_totals, participation_grid
from projects.models import Project

FIGURE_LABELS = [
    _("Myönnetty avustus"),
    _("Kokonaisbudjetti"),
    _("Omarahoitus"),
    _("Toteutunut"),
]


class ProgrammeView(VisitorPageCacheMixin, TemplateView):
    template_name = "portal/programme.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            totals=kept_programme_totals(), figure_labels=FIGURE_LABELS, **kwargs
        )


class ProgrammeRegionView(VisitorPageCacheMixin, ListView):
    """A region's part of the programme: its totals, its projects' money a page at a time,
    and its municipalities' roles in the projects of the page."""

    template_name = "portal/programme_region.html"
    context_object_name = "projects"
    paginate_by = 25

    def get_queryset(self):
        self.region = get_object_or_404(Region, code=self.kwargs["code"])
        return Project.objects.filter(region=self.region).order_by("name", "pk")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # The funding sums are computed for the page's rows alone.
        page.object_list = detailed_rows(
            page, Project.objects.for_programme_page().filter(region=self.region)
        )
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = context["projects"]
        context.update(
            region=self.region,
            totals_rows=[kept_programme_totals().region(self.region)],
            grid=participation_grid(self.region, projects),
            figure_labels=FIGURE_LABELS,
            shows_examples=any(project.example_fields for project in projects),
        )
        return context
