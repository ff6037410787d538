"""The search page: hits of every type the user may see, or of one type."""

from django.views.generic import TemplateView

from portal.search import (
    MAX_QUERY_LENGTH,
    SEARCH_TYPES,
    SEARCH_TYPES_BY_KEY,
    search,
    search_words,
    total_label,
)
from portal.search_suggestions import suggestion

# Without a type the page is an overview; with one it lists that type's hits at length.
OVERVIEW_HITS = 5
TYPE_HITS = 50


class SearchView(TemplateView):
    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        # An unknown type (an edited link) shows every type rather than an error.
        selected = self.request.GET.get("type", "")
        if selected not in SEARCH_TYPES_BY_KEY:
            selected = ""
        results = search(
            query,
            user=self.request.user,
            show=[selected] if selected else list(SEARCH_TYPES_BY_KEY),
            limit=TYPE_HITS if selected else OVERVIEW_HITS,
        )
        total = sum(result.total for result in results)
        return super().get_context_data(
            query=query,
            selected_type=selected,
            search_types=SEARCH_TYPES,
            results=results,
            total=total,
            total_label=total_label(results),
            # One more query, only when the words found nothing.
            suggestion=suggestion(search_words(query)) if results and not total else "",
            max_length=MAX_QUERY_LENGTH,
            **kwargs,
        )
