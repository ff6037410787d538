"""The practice catalogue's filters and the coordinators' forms for practices, their
adoptions and embedding plans."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from core.forms import https_url_formfield
from projects.forms import DATE_WIDGET, ProjectRecordForm
from projects.models import (
    DevelopmentArea,
    EmbeddingPlan,
    EmbeddingStep,
    Practice,
    PracticeAdoption,
    Project,
)


class PracticeFilterForm(forms.Form):
    """The catalogue's filters from the query string; every field optional."""

    project = forms.ChoiceField(label=_("Hanke"), required=False)
    development_area = forms.TypedChoiceField(
        label=_("Kehittämiskokonaisuus"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lists, not querysets, so that rendering the form runs no queries.
        self.projects = {project.slug: project for project in Project.objects.order_by("name")}
        self.areas = {area.number: area for area in DevelopmentArea.objects.all()}
        self.fields["project"].choices = [("", _("Kaikki hankkeet"))] + [
            (slug, project.localized_name) for slug, project in self.projects.items()
        ]
        self.fields["development_area"].choices = [("", _("Kaikki kokonaisuudet"))] + [
            (number, str(area)) for number, area in self.areas.items()
        ]

    def filters(self) -> dict:
        """The chosen project and area for ``PracticeQuerySet.matching``; an invalid field
        is ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "project": self.projects.get(data.get("project") or ""),
            "development_area": self.areas.get(data.get("development_area")),
        }


class PracticeForm(ProjectRecordForm):
    class Meta:
        formfield_callback = https_url_formfield
        model = Practice
        fields = ["name", "name_sv", "development_area", "description", "innokyla_url"]
        widgets = {"name_sv": forms.TextInput(attrs={"lang": "sv"})}


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = PracticeAdoption
        fields = ["municipality", "state", "date", "note"]
        widgets = {"date": DATE_WIDGET}
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("Kunnan tila tällä toimintamallilla on jo kirjattu.")
            },
        }

    def __init__(self, *args, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.practice = practice
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by(
            "name_fi"
        )

    def _get_validation_exclusions(self):
        # The practice is set above: keep it in, so that a second row for the same
        # municipality shows the constraint's message.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("practice")
        return exclusions


class EmbeddingPlanForm(forms.ModelForm):
    class Meta:
        model = EmbeddingPlan
        fields = ["responsible", "note"]


EmbeddingStepFormSet = forms.inlineformset_factory(
    EmbeddingPlan,
    EmbeddingStep,
    fields=["description", "due_date", "is_done"],
    widgets={"due_date": DATE_WIDGET},
    extra=2,
    can_delete=True,
)
