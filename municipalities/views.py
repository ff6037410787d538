from django.views.generic import ListView

from core.page_cache import VisitorPageCacheMixin
from municipalities.models import Municipality


class MunicipalityListView(VisitorPageCacheMixin, ListView):
    """All municipalities, grouped by region in the template."""

    page_changes_with_time = False
    page_apps = ("municipalities",)
    context_object_name = "municipalities"
    template_name = "municipalities/municipality_list.html"

    def get_queryset(self):
        # A list, so that the template runs no queries.
        return list(Municipality.objects.for_list_page())
