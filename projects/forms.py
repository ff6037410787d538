"""The project list's filters and the coordinator's forms for a project and its rows."""

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import LookupFiltersMixin, ParentInValidationMixin, https_url_formfield
from core.versioning import VersionedModelForm
from municipalities.forms import municipality_lookup
from municipalities.models import Region
from projects.models import (
    BudgetLine,
    Contact,
    DevelopmentArea,
    Expense,
    FunderReport,
    FunderRequest,
    GrantDecision,
    Instalment,
    Project,
    ProjectPartner,
    ProjectQuerySet,
    ProjectStatus,
)

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ProjectFilterForm(LookupFiltersMixin, forms.Form):
    """Filters and order of the project list, from the query string; every field optional."""

    SORT_CHOICES = [
        ("name", _("Nimen mukaan")),
        ("-start_date", _("Uusimmat ensin")),
        ("start_date", _("Vanhimmat ensin")),
        ("-granted", _("Suurin avustus ensin")),
        ("granted", _("Pienin avustus ensin")),
    ]

    region = forms.ChoiceField(label=_("Maakunta"), required=False)
    status = forms.ChoiceField(
        label=_("Tila"),
        required=False,
        choices=[("", _("Kaikki tilat")), *ProjectStatus.choices],
    )
    development_area = forms.TypedChoiceField(
        label=_("Kehittämiskokonaisuus"), required=False, coerce=int, empty_value=None
    )
    municipality = municipality_lookup(_("Konsortion jäsen- tai kumppanikunta: nimi tai sen osa"))
    sort = forms.ChoiceField(label=_("Järjestys"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lists, not querysets, so that rendering the form runs no queries.
        self.fields["region"].choices = [("", _("Kaikki maakunnat"))] + [
            (region.code, region.name) for region in Region.objects.all()
        ]
        self.fields["development_area"].choices = [("", _("Kaikki kokonaisuudet"))] + [
            (area.number, str(area)) for area in DevelopmentArea.objects.all()
        ]

    def apply(self, projects: ProjectQuerySet) -> ProjectQuerySet:
        """``projects`` filtered and sorted by the valid fields; an invalid field is ignored."""
        self.is_valid()
        self.show_names()
        data = self.cleaned_data
        municipality = data.get("municipality")
        return projects.matching(
            region_code=data.get("region", ""),
            status=data.get("status", ""),
            development_area_number=data.get("development_area"),
            municipality_code=municipality.code if municipality else "",
        ).sorted_by(data.get("sort") or "name")


class ProjectForm(VersionedModelForm):
    """What a coordinator may change in the project itself."""

    class Meta:
        formfield_callback = https_url_formfield
        model = Project
        fields = [
            "description",
            "description_sv",
            "plan_url",
            "report_url",
            "status",
            "total_budget",
        ]
        widgets = {"description_sv": forms.Textarea(attrs={"lang": "sv"})}


class ProjectRecordForm(ParentInValidationMixin, forms.ModelForm):
    """A form for a row of ``project``, which the URL names rather than a field."""

    parent_field = "project"

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project


def budget_line_label(line: BudgetLine) -> str:
    parts = [str(line.year), line.get_category_display()]
    if line.development_area:
        parts.append(str(line.development_area))
    return " – ".join(parts)


class BudgetLineForm(VersionedModelForm, ProjectRecordForm):
    year = forms.TypedChoiceField(label=_("Vuosi"), coerce=int)

    class Meta:
        model = BudgetLine
        fields = ["year", "category", "development_area", "partner", "amount", "description"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["partner"].queryset = project.partners.select_related(
            "organisation", "municipality"
        )
        # The years of the project, and the line's own year should it lie outside them.
        years = set(range(project.start_date.year, project.end_date.year + 1))
        if self.instance.year:
            years.add(self.instance.year)
        self.fields["year"].choices = [(year, year) for year in sorted(years)]


class ExpenseForm(forms.ModelForm):
    """An expense booked against one of the project's budget lines."""

    class Meta:
        model = Expense
        fields = ["budget_line", "date", "amount", "description"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        budget_line = self.fields["budget_line"]
        budget_line.queryset = project.budget_lines.for_choices()
        budget_line.label_from_instance = budget_line_label


class ContactForm(ProjectRecordForm):
    """A contact person; the link to a user account is for the admins to set."""

    class Meta:
        model = Contact
        fields = [
            "name",
            "role",
            "title",
            "organisation",
            "municipality",
            "email",
            "phone",
            "public_contact_details",
        ]


class PartnerForm(ProjectRecordForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "municipality", "role", "funded_share", "note"]
        error_messages = {
            NON_FIELD_ERRORS: {"unique_together": _("Kumppani on jo mukana hankkeessa.")},
        }


class GrantForm(ProjectRecordForm):
    """A funder's grant; leave an amount empty when it is not known."""

    class Meta:
        model = GrantDecision
        fields = [
            "funder",
            "amount_applied",
            "amount_granted",
            "decision_date",
            "reference",
            "note",
        ]
        widgets = {"decision_date": DATE_WIDGET}


class GrantRecordForm(forms.ModelForm):
    """A form for a row of one of the grants of ``project``."""

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = project.grants.select_related("funder")


class InstalmentForm(GrantRecordForm):
    class Meta:
        model = Instalment
        fields = ["grant", "date", "amount", "is_paid"]
        widgets = {"date": DATE_WIDGET}


class FunderReportForm(GrantRecordForm):
    class Meta:
        model = FunderReport
        fields = ["grant", "kind", "due_date", "state", "submitted_on", "note"]
        widgets = {"due_date": DATE_WIDGET, "submitted_on": DATE_WIDGET}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files, as a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(file, initial) for file in files if file]
        if any(file.size > settings.ATTACHMENT_MAX_BYTES for file in cleaned):
            raise forms.ValidationError(
                _("Tiedosto on liian suuri; enintään %(size)s.")
                % {"size": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
            )
        return cleaned


class FunderRequestForm(GrantRecordForm):
    """A funder's request and the project's answer, with files to attach to it."""

    files = MultipleFileField(label=_("Liitä tiedostoja"), required=False)

    class Meta:
        model = FunderRequest
        fields = ["grant", "kind", "description", "due_date", "status", "answer", "answered_on"]
        widgets = {"due_date": DATE_WIDGET, "answered_on": DATE_WIDGET}
