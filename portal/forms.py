"""Forms of the site as a whole: accessibility feedback and confirming one's own erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Palaute"),
            "page_url": _("Sivu, jota palaute koskee (vapaaehtoinen)"),
            "name": _("Nimi (vapaaehtoinen)"),
            "email": _("Sähköposti, jos haluat vastauksen (vapaaehtoinen)"),
        }
        help_texts = {
            "message": _(
                "Kerro, mikä sisältö tai toiminto ei ollut saavutettava, tai pyydä sisältö "
                "saavutettavassa muodossa."
            ),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ymmärrän, että tunnukseni ja tietoni poistetaan pysyvästi."), required=True
    )
