"""The programme page: every project's money on one table with totals by region and
development area, a chart of the same, and which municipality takes part in what."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.page_cache import VisitorPageCacheMixin
from portal.programme import participation_grid, programme_totals
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
        projects = list(Project.objects.for_programme_page())
        return super().get_context_data(
            totals=programme_totals(projects),
            grids=participation_grid(projects),
            figure_labels=FIGURE_LABELS,
            shows_examples=any(project.example_fields for project in projects),
            **kwargs,
        )
