"""The search page: hits of every type the user may see, or of one type; and following a
search from it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from core.page_cache import VisitorPageCacheMixin, kept_fragment
from notifications.forms import FollowCreateForm
from portal.search import (
    MAX_QUERY_LENGTH,
    SEARCH_TYPES,
    SEARCH_TYPES_BY_KEY,
    search,
    search_audience,
    search_words,
    total_label,
)
from portal.search_follows import followed_search_of, search_follow
from portal.search_suggestions import suggestion
from workshops.models import REGISTRATION_GENERATION

# Without a type the page is an overview; with one it lists that type's hits at length.
OVERVIEW_HITS = 5
TYPE_HITS = 50


class SearchView(VisitorPageCacheMixin, TemplateView):
    page_changes_with_time = False
    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        # An unknown type (an edited link) shows every type rather than an error.
        selected = self.request.GET.get("type", "")
        if selected not in SEARCH_TYPES_BY_KEY:
            selected = ""
        user = self.request.user
        # The same for everyone who may see the same: kept until the next change, a sign-up
        # included (a signed-in user finds the circulated minutes of the meetings they signed
        # up for).
        results = kept_fragment(
            f"search:{search_audience(user)}:{selected}:{query}",
            lambda: self.render_results(query, selected),
            generations=(REGISTRATION_GENERATION,),
        )
        return super().get_context_data(
            query=query,
            selected_type=selected,
            search_types=SEARCH_TYPES,
            has_words=results["has_words"],
            search_results=results["html"],
            max_length=MAX_QUERY_LENGTH,
            # The user's follow of this search (one query when logged in), or the form to
            # follow it.
            search_follow=followed_search_of(self.request.user, query=query, search_type=selected),
            follow_form=FollowCreateForm(),
            follow_fields=[("q", query), ("type", selected)],
            **kwargs,
        )

    def render_results(self, query: str, selected: str) -> dict:
        """The hits of ``query`` of every type the user may see (of the type ``selected`` at
        length), and whether the query has any words to search for."""
        results = search(
            query,
            user=self.request.user,
            show=[selected] if selected else list(SEARCH_TYPES_BY_KEY),
            limit=TYPE_HITS if selected else OVERVIEW_HITS,
        )
        total = sum(result.total for result in results)
        html = render_to_string(
            "portal/partials/search_results.html",
            {
                "query": query,
                "selected_type": selected,
                "results": results,
                "total": total,
                "total_label": total_label(results),
                # One more query, only when the words found nothing.
                "suggestion": suggestion(search_words(query)) if results and not total else "",
            },
            request=self.request,
        )
        return {"html": html, "has_words": bool(results)}


@login_required
@require_POST
def search_follow_create(request):
    """Follow the search of the results page; back to its results."""
    form = FollowCreateForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        follow = search_follow(
            user=request.user,
            query=request.POST.get("q", "")[:MAX_QUERY_LENGTH],
            search_type=request.POST.get("type", ""),
            delivery=form.cleaned_data["delivery"],
            language=request.LANGUAGE_CODE,
        )
    except ValidationError:
        return HttpResponseBadRequest()
    messages.success(request, _("Seuraat nyt: %(target)s") % {"target": follow.target})
    return redirect(follow.target)
