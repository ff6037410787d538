"""The programme page: the money of every project summed by region and development area, with
a chart of the same; and a page per region with its projects' money and which of its
municipalities takes part in what."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.page_cache import VisitorPageCacheMixin, kept_fragment
from core.pagination import detailed_rows
from municipalities.models import Region
from portal.programme import participation_grid, programme_totals, region_totals
from projects.models import Project

FIGURE_LABELS = [
    _("Myönnetty avustus"),
    _("Kokonaisbudjetti"),
    _("Omarahoitus"),
    _("Toteutunut"),
]


class ProgrammeView(VisitorPageCacheMixin, TemplateView):
    page_changes_with_time = False
    # What the page shows: no meeting, so a change of one leaves it kept.
    page_apps = ("municipalities", "projects")
    template_name = "portal/programme.html"

    def get_context_data(self, **kwargs):
        # The same for everyone: kept until the next change of what it shows, tables and
        # charts alike.
        body = kept_fragment(
            "programme",
            lambda: render_to_string(
                "portal/partials/programme_body.html",
                {"totals": programme_totals(), "figure_labels": FIGURE_LABELS},
                request=self.request,
            ),
            apps=self.page_apps,
        )
        return super().get_context_data(programme_body=body, **kwargs)


class ProgrammeRegionView(VisitorPageCacheMixin, TemplateView):
    """A region's part of the programme: its totals, its projects' money a page at a time,
    and its municipalities' roles in the projects of the page."""

    page_changes_with_time = False
    template_name = "portal/programme_region.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        region = get_object_or_404(Region, code=self.kwargs["code"])
        page_number = self.request.GET.get("page") or 1
        # The same for everyone: kept until the next change.
        body = kept_fragment(
            f"programme_region:{region.pk}:{page_number}",
            lambda: self.render_body(region, page_number),
        )
        return super().get_context_data(region=region, programme_region_body=body, **kwargs)

    def render_body(self, region: Region, page_number) -> str:
        """The region's totals, the projects of page ``page_number`` (404 when there is no
        such page) with their funding sums, and their grid."""
        projects = Project.objects.filter(region=region).order_by("name", "pk")
        try:
            page = Paginator(projects, self.paginate_by).page(page_number)
        except InvalidPage as error:
            raise Http404 from error
        # The funding sums are computed for the page's rows alone.
        page.object_list = detailed_rows(
            page, Project.objects.for_programme_page().filter(region=region)
        )
        return render_to_string(
            "portal/partials/programme_region_body.html",
            {
                "region": region,
                "projects": page.object_list,
                "page_obj": page,
                "totals_rows": [region_totals(region)],
                "grid": participation_grid(region, page.object_list),
                "figure_labels": FIGURE_LABELS,
                "shows_examples": any(project.example_fields for project in page.object_list),
            },
            request=self.request,
        )
