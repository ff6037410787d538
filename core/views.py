"""Views that every app's pages share."""

from django.http import JsonResponse
from django.views import View

from core.forms import LookupField

# How many names a suggestion list offers, and the shortest text it answers.
SUGGESTIONS = 20
SUGGESTION_MIN_LENGTH = 2


class LookupSuggestionsView(View):
    """The names a ``LookupField`` would find for the text typed so far (``?q=``), as JSON
    for the field's list of suggestions (``static/js/suggest.js``): at most ``SUGGESTIONS``,
    exact names first, each with the key that the filter then sends.

    The rows are those the field itself searches, which every visitor may see.
    """

    field: LookupField = None

    def get(self, request):
        text = request.GET.get("q", "").strip()[: self.field.max_length]
        rows = self.field.matches(text, SUGGESTIONS) if len(text) >= SUGGESTION_MIN_LENGTH else []
        response = JsonResponse(
            {
                "suggestions": [
                    {"label": self.field.row_label(row), "key": str(getattr(row, self.field.key))}
                    for row in rows
                ]
            }
        )
        # The same answer for everyone: a browser may reuse it for a minute.
        response["Cache-Control"] = "public, max-age=60"
        return response
