"""Form fields of municipalities that other apps' forms use."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import LookupField
from municipalities.models import Municipality


def municipality_lookup(help_text: str = "") -> LookupField:
    """A filter by one municipality: its name in either language or its code, suggested as
    the user types (``municipalities:suggest``)."""
    return LookupField(
        label=_("Kunta"),
        help_text=help_text,
        queryset=Municipality.objects.all(),
        key="code",
        name_fields=("name_fi", "name_sv"),
        suggest_url=reverse_lazy("municipalities:suggest"),
    )
