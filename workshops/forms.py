"""Forms of the meeting pages: the listing filters, coordinators' edits and registration."""

from collections.abc import Iterable

from crispy_forms.helper import FormHelper
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import (
    LookupField,
    LookupFiltersMixin,
    ParentInValidationMixin,
    https_url_formfield,
)
from core.versioning import VersionedModelForm
from municipalities.forms import municipality_lookup
from municipalities.models import Municipality, Organisation
from projects.models import Project
from workshops.models import (
    AgendaItem,
    Attachment,
    AttachmentKind,
    AttachmentLanguage,
    AttachmentRestriction,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    OutcomeKind,
    QuestionKind,
    RegistrationQuestion,
    WorkingGroup,
    WorkingGroupMember,
)
from workshops.uploads import AttachmentFileField

DATETIME_INPUT = {"type": "datetime-local"}
# Under every Swedish version of a text.
SWEDISH_HELP = _(
    "Kaksikielisten kuntien lukijoille; tyhjänä he näkevät suomenkielisen tekstin merkittynä."
)
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def read_choices(form: forms.BaseForm) -> None:
    """Read the choices of the form's model choice fields now, once.

    The view builds the form, so the queries run there and not while the template renders.
    """
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            # iter() first: list() would ask the iterator's len(), a COUNT query of its own.
            field.choices = list(iter(field.choices))


def fields_only_helper() -> FormHelper:
    """Crispy renders the fields; the template writes the form tag, CSRF token and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class ProjectLookupField(LookupField):
    def row_label(self, row: Project) -> str:
        return row.localized_name


class WorkingGroupLookupField(LookupField):
    def row_label(self, row: WorkingGroup) -> str:
        return f"{row.name} ({row.project})"


class MeetingFilterForm(LookupFiltersMixin, forms.Form):
    """The filters of the meeting list; an invalid filter is ignored."""

    project = ProjectLookupField(
        label=_("Hanke"),
        help_text=_("Hankkeen nimi tai sen osa"),
        queryset=Project.objects.all(),
        key="slug",
        name_fields=("name", "short_name", "name_sv"),
        suggest_url=reverse_lazy("workshops:suggest_project"),
    )
    working_group = WorkingGroupLookupField(
        label=_("Työryhmä"),
        help_text=_("Työryhmän nimi tai sen osa"),
        queryset=WorkingGroup.objects.select_related("project"),
        key="pk",
        name_fields=("name",),
        suggest_url=reverse_lazy("workshops:suggest_working_group"),
    )
    kind = forms.ChoiceField(
        label=_("Tyyppi"),
        choices=[("", _("Kaikki tyypit")), *MeetingKind.choices],
        required=False,
    )
    municipality = municipality_lookup(_("Isäntä- tai kutsuttu kunta: nimi tai sen osa"))
    year = forms.IntegerField(label=_("Vuosi"), min_value=2000, max_value=2100, required=False)
    day = forms.DateField(
        label=_("Päivä"),
        required=False,
        # The browser's date picker sends and shows ISO dates; a typed Finnish date also works.
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(
        label=_("Tila"),
        choices=[("", _("Kaikki tilat")), *MeetingStatus.choices],
        required=False,
    )

    def filters(self) -> dict:
        """The valid filters as keyword arguments of ``MeetingQuerySet.matching``."""
        self.is_valid()
        self.show_names()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class CalendarFilterForm(MeetingFilterForm):
    """The meeting filters without the year and day, which the calendar month already gives."""

    year = None
    day = None


class MeetingForm(VersionedModelForm):
    """A coordinator's meeting; the working group is one of the meeting's project.

    The rules on its times and numbers are the model's constraints: model validation shows
    their own messages.
    """

    class Meta:
        formfield_callback = https_url_formfield
        model = Meeting
        fields = [
            "title",
            "title_sv",
            "kind",
            "working_group",
            "theme",
            "theme_sv",
            "starts_at",
            "ends_at",
            "host_municipality",
            "place",
            "online_url",
            "invited_municipalities",
            "invited_organisations",
            "capacity",
            "min_registrations",
            "registration_deadline",
            "status",
        ]
        widgets = {
            "title_sv": forms.TextInput(attrs={"lang": "sv"}),
            "theme_sv": forms.TextInput(attrs={"lang": "sv"}),
            "starts_at": forms.DateTimeInput(DATETIME_INPUT, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(DATETIME_INPUT, format=DATETIME_FORMAT),
            "registration_deadline": forms.DateTimeInput(DATETIME_INPUT, format=DATETIME_FORMAT),
            # Checkboxes in a box that a filter field above it narrows (static/js/choices.js).
            "invited_municipalities": forms.CheckboxSelectMultiple(
                attrs={"data-filterable": "true"}
            ),
            "invited_organisations": forms.CheckboxSelectMultiple(
                attrs={"data-filterable": "true"}
            ),
        }
        help_texts = {
            "title_sv": SWEDISH_HELP,
            "theme_sv": SWEDISH_HELP,
            "invited_municipalities": _(
                "Kutsut lähtevät tallennettaessa. Kaksikielisiä kuntia palvellaan myös "
                "ruotsiksi: kirjoita otsikko ja teema ruotsiksi ennen kuin tallennat."
            ),
            "registration_deadline": _("Tyhjänä ilmoittautuminen päättyy tilaisuuden alkaessa."),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = project.working_groups.all()
        if self.instance.pk is None or self.instance.status == MeetingStatus.CANCELLED:
            # New meetings are planned; a cancellation goes through its own page with a reason.
            del self.fields["status"]
        else:
            self.fields["status"].choices = [
                choice for choice in MeetingStatus.choices if choice[0] != MeetingStatus.CANCELLED
            ]
        read_choices(self)
        self.helper = fields_only_helper()


class MeetingCancelForm(forms.Form):
    """The reason for cancelling meetings, on the coordinator's page and the admin's action."""

    reason = forms.CharField(
        label=_("Peruutuksen syy"),
        help_text=_("Syy näytetään kokouksen sivulla."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MinutesForm(VersionedModelForm):
    """The minutes' text and, for each agenda item, its outcome (decision or notes)."""

    class Meta:
        model = Minutes
        fields = ["text", "text_sv"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "text_sv": forms.Textarea(attrs={"rows": 12, "lang": "sv"}),
        }
        help_texts = {"text_sv": SWEDISH_HELP}

    def __init__(
        self, *args, agenda_items: list[AgendaItem] = (), ask_before_start: bool = False, **kwargs
    ):
        """``ask_before_start``: circulating was refused because the meeting has not started
        yet, so the form asks the user to confirm it."""
        super().__init__(*args, **kwargs)
        self.agenda_items = agenda_items
        for item in agenda_items:
            self.fields[f"outcome_kind_{item.pk}"] = forms.ChoiceField(
                label=_("Käsittelyn tulos"),
                choices=[("", _("Ei kirjattu")), *OutcomeKind.choices],
                required=False,
                initial=item.outcome_kind,
            )
            self.fields[f"outcome_{item.pk}"] = forms.CharField(
                label=_("Päätös tai muistiinpanot: %(item)s") % {"item": item.title},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=item.outcome,
            )
        if ask_before_start and self.instance.status == MinutesStatus.DRAFT:
            self.fields["circulate_before_start"] = forms.BooleanField(
                label=_("Kokous ei ole vielä alkanut. Lähetä silti kommentoitavaksi."),
                required=False,
            )

    def outcome_rows(self):
        """(agenda item, its outcome kind field, its outcome field) for the template."""
        return [
            (item, self[f"outcome_kind_{item.pk}"], self[f"outcome_{item.pk}"])
            for item in self.agenda_items
        ]

    def outcomes(self) -> dict[int, tuple[str, str]]:
        """The outcome (kind, text) sent for each agenda item, by its id; an item added after
        the form was loaded has none and keeps its own."""
        return {
            item.pk: (
                self.cleaned_data.get(f"outcome_kind_{item.pk}", ""),
                self.cleaned_data.get(f"outcome_{item.pk}", ""),
            )
            for item in self.agenda_items
            if self.add_prefix(f"outcome_{item.pk}") in self.data
        }


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "title_sv", "presenter", "description", "description_sv"]
        widgets = {
            "title_sv": forms.TextInput(attrs={"lang": "sv"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
        }
        help_texts = {"title_sv": SWEDISH_HELP, "description_sv": SWEDISH_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class ActionItemForm(forms.Form):
    what = forms.CharField(label=_("Tehtävä"), widget=forms.Textarea(attrs={"rows": 2}))
    who = forms.CharField(label=_("Vastuuhenkilö"), max_length=200, required=False)
    due_date = forms.DateField(
        label=_("Määräaika"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class MinutesCommentForm(forms.Form):
    text = forms.CharField(label=_("Kommentti"), widget=forms.Textarea(attrs={"rows": 4}))


class MinutesReplyForm(forms.Form):
    text = forms.CharField(label=_("Vastaus"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesCorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Korjaus"),
        help_text=_("Hyväksyttyä muistiota ei muuteta; korjaus näytetään päivättynä sen kanssa."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Otsikko"), max_length=300)
    title_sv = forms.CharField(
        label=_("Otsikko ruotsiksi"),
        max_length=300,
        required=False,
        help_text=SWEDISH_HELP,
        widget=forms.TextInput(attrs={"lang": "sv"}),
    )
    kind = forms.ChoiceField(
        label=_("Tyyppi"),
        choices=AttachmentKind.choices,
        initial=AttachmentKind.OTHER,
        help_text=_("Muistion liitteet näkyvät vierailijoille vasta, kun muistio on hyväksytty."),
    )
    restriction = forms.ChoiceField(
        label=_("Näkyvyys"),
        choices=[("", _("Julkinen")), *AttachmentRestriction.choices],
        required=False,
        help_text=_(
            "Rajatun liitteen voivat avata vain kokouksen koordinaattorit; muut näkevät syyn."
        ),
    )
    language = forms.ChoiceField(
        label=_("Kieli"), choices=AttachmentLanguage.choices, initial=AttachmentLanguage.FINNISH
    )
    file = AttachmentFileField(label=_("Tiedosto"), max_length=255)

    def __init__(self, *args, upload_error: forms.ValidationError | None = None, **kwargs):
        """``upload_error`` says why the file was stopped while it streamed in, if it was."""
        super().__init__(*args, **kwargs)
        self.upload_error = upload_error
        if upload_error is not None:
            # The stopped file is missing: name the reason instead of "this field is required".
            self.fields["file"].required = False

    def clean_file(self):
        if self.upload_error is not None:
            raise self.upload_error
        return self.cleaned_data["file"]


class AttachmentTitlesForm(forms.ModelForm):
    """The titles of a stored attachment; its file stays (a new file is a new attachment)."""

    class Meta:
        model = Attachment
        fields = ["title", "title_sv"]
        widgets = {"title_sv": forms.TextInput(attrs={"lang": "sv"})}
        help_texts = {"title_sv": SWEDISH_HELP}


class RegistrationForm(forms.Form):
    """A person's registration with the meeting's questions as fields ``question_<pk>``."""

    name = forms.CharField(label=_("Nimi"), max_length=200)
    email = forms.EmailField(label=_("Sähköposti"))
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Ei valittu"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kunta"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        empty_label=_("Ei valittu"),
    )

    def __init__(self, *args, user=None, questions: Iterable[RegistrationQuestion] = (), **kwargs):
        """``user``: the logged-in user, whose name and address fill the form; the
        coordinator adding someone else gives None."""
        if user is not None and user.is_authenticated:
            kwargs.setdefault(
                "initial",
                {"name": user.get_full_name() or user.get_username(), "email": user.email},
            )
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2})
                if question.kind == QuestionKind.FREE_TEXT
                else forms.TextInput,
            )
        read_choices(self)
        self.helper = fields_only_helper()

    def registration_data(self) -> dict:
        """The cleaned data as keyword arguments of the registration services."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("question_")
        }
        data["answers"] = {
            question.pk: self.cleaned_data.get(f"question_{question.pk}", "")
            for question in self.questions
        }
        return data


class RegistrationChangeForm(RegistrationForm):
    """The registrant's own change through their link: the e-mail address stays."""

    email = None


class RegistrationQuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["text", "kind", "required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class RegistrationMoveForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Siirrä tilaisuuteen"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        """The choices are the other coming, planned meetings of ``meeting``'s project."""
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.upcoming().filter(project=meeting.project_id).exclude(pk=meeting.pk)
        )
        read_choices(self)


class WorkingGroupMemberForm(ParentInValidationMixin, forms.ModelForm):
    parent_field = "working_group"

    class Meta:
        model = WorkingGroupMember
        fields = ["name", "role", "municipality", "organisation"]
        help_texts = {
            "municipality": _("Valitse joko kunta tai organisaatio, jota jäsen edustaa."),
        }

    def __init__(self, *args, working_group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.working_group = working_group
