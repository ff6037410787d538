from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.models import Follow, FollowDelivery


class FollowCreateForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Ilmoitukset"), choices=FollowDelivery.choices, initial=FollowDelivery.IMMEDIATE
    )


class FollowUpdateForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Kieli"), choices=settings.LANGUAGES)

    class Meta:
        model = Follow
        fields = ["delivery", "language"]
