import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import BilingualNameMixin, in_user_language
from core.money import ZERO, MoneyField, format_money, non_negative
from core.search import search_vector_field
from municipalities.models import Consortium, Municipality, Organisation, Region


def money_sum(
    model: type[models.Model],
    field: str,
    project_path: str = "project",
    *,
    empty=ZERO,
    condition: Q | None = None,
) -> Coalesce:
    """A correlated SUM over ``model`` rows of the outer project (those that meet
    ``condition``), ``empty`` when there are none.

    Subqueries keep several sums in one query without the row multiplication of joins.
    """
    rows = (
        model.objects.filter(condition or Q(), **{project_path: OuterRef("pk")})
        .order_by()
        .values(project_path)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(empty), output_field=MoneyField()
    )


def unknown_count(model: type[models.Model], field: str, project_path: str = "project") -> Coalesce:
    """A correlated COUNT of ``model`` rows of the outer project whose ``field`` is unknown
    (NULL), 0 when there are none."""
    rows = (
        model.objects.filter(**{project_path: OuterRef("pk"), f"{field}__isnull": True})
        .order_by()
        .values(project_path)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows), 0)


class DevelopmentArea(BilingualNameMixin):
    """One of the four national development areas (kehittämiskokonaisuudet) of LAPE."""

    number = models.PositiveSmallIntegerField(_("numero"), unique=True)

    class Meta:
        verbose_name = _("kehittämiskokonaisuus")
        verbose_name_plural = _("kehittämiskokonaisuudet")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=4), name="development_area_number_i_to_iv"
            ),
        ]

    @property
    def roman(self) -> str:
        return ["I", "II", "III", "IV"][self.number - 1]

    def __str__(self) -> str:
        return f"{self.roman} {self.name}"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("suunnitteilla")
    RUNNING = "running", _("käynnissä")
    ENDED = "ended", _("päättynyt")


class ProjectQuerySet(models.QuerySet):
    def with_funding(self):
        """Projects annotated with applied, granted, planned and spent sums (one query).

        ``amount_granted`` is the sum of the grants whose amount is known; ``unknown_grants``
        counts the others. When every grant's amount is unknown, so is the sum (None); a
        project without grants has been granted 0.
        """
        known_granted = money_sum(GrantDecision, "amount_granted", empty=None)
        return self.annotate(
            # Unknown (None) rather than 0 when no application amount is recorded.
            amount_applied=money_sum(GrantDecision, "amount_applied", empty=None),
            unknown_grants=unknown_count(GrantDecision, "amount_granted"),
            # The sum is NULL both without grants and with only unknown amounts: the count
            # tells the two apart.
            amount_granted=models.Case(
                models.When(unknown_grants=0, then=Coalesce(known_granted, Value(ZERO))),
                default=known_granted,
                output_field=MoneyField(),
            ),
            amount_planned=money_sum(BudgetLine, "amount"),
            amount_spent=money_sum(Expense, "amount", "budget_line__project"),
        )

    def with_development_areas(self):
        """Projects with their links to development areas, and the areas, in ``area_links``
        (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "area_links",
                queryset=ProjectDevelopmentArea.objects.select_related("development_area"),
            )
        )

    def for_front_page(self):
        """The project list's rows (``for_list_page()``), running ones first."""
        return self.for_list_page().order_by(
            models.Case(models.When(status=ProjectStatus.RUNNING, then=0), default=1),
            "-start_date",
        )

    def for_programme_page(self):
        """Every project with its region, development areas and funding figures, by region
        and name: the rows of the programme's table."""
        return (
            self.select_related("region")
            .with_funding()
            .with_development_areas()
            .order_by("region__code", "name", "pk")
        )

    def coordinated_by(self, user):
        """Projects whose coordinator contact is linked to ``user``."""
        return self.filter(contacts__user=user, contacts__role=ContactRole.COORDINATOR).distinct()

    def running(self):
        """Projects under way, for the front page's first section."""
        return self.filter(status=ProjectStatus.RUNNING)

    def ended(self):
        """Projects that have ended, whose results and reports remain on show."""
        return self.filter(status=ProjectStatus.ENDED)

    def for_list_page(self):
        """Projects with their region, administrator, development areas and funding figures:
        the project list's cards and files (``projects.columns.PROJECT_COLUMNS``)."""
        return (
            self.select_related(
                "region", "administering_municipality", "administering_organisation"
            )
            .with_funding()
            .with_development_areas()
        )

    def matching(
        self,
        *,
        region_code: str = "",
        status: str = "",
        development_area_number: int | None = None,
        municipality_code: str = "",
    ):
        """Projects that match every filter given.

        A project involves a municipality that is a member of its consortium or its partner.
        """
        projects = self
        if region_code:
            projects = projects.filter(region__code=region_code)
        if status:
            projects = projects.filter(status=status)
        if development_area_number is not None:
            # One link per project and area (a unique constraint), so the join adds no rows.
            projects = projects.filter(development_areas__number=development_area_number)
        if municipality_code:
            involved = self.model.objects.filter(
                Q(consortium__memberships__municipality__code=municipality_code)
                | Q(partners__municipality__code=municipality_code)
            )
            projects = projects.filter(pk__in=involved.values("pk"))
        return projects

    def sorted_by(self, key: str):
        """Projects in the order ``key`` names: "name", "start_date" or "granted", each
        optionally with a leading "-" for descending; the name breaks ties.

        "granted" adds ``with_funding()`` when it is missing; projects whose granted sum is
        unknown come last either way.
        """
        field = {"name": "name", "start_date": "start_date", "granted": "amount_granted"}[
            key.removeprefix("-")
        ]
        column = F(field)
        ordering = (
            column.desc(nulls_last=True) if key.startswith("-") else column.asc(nulls_last=True)
        )
        projects = self
        if field not in {"name", "start_date"} and field not in self.query.annotations:
            projects = self.with_funding()
        return projects.order_by(ordering, "name", "pk")

    def for_detail_page(self):
        """Projects with everything their own page shows except the budget lines.

        Funding figures, administrator, development areas, consortium members, partners,
        contacts, cooperations with their projects and working groups with their chairs.
        """
        return (
            self.select_related(
                "region",
                "consortium",
                "administering_municipality",
                "administering_organisation",
            )
            .with_funding()
            .with_development_areas()
            .prefetch_related(
                "consortium__memberships__municipality",
                models.Prefetch(
                    "partners",
                    queryset=ProjectPartner.objects.select_related("organisation", "municipality"),
                ),
                models.Prefetch(
                    "contacts",
                    queryset=Contact.objects.select_related("organisation", "municipality"),
                ),
                models.Prefetch("grants", queryset=GrantDecision.objects.for_funding_pages()),
                "cooperations__projects",
                # Strings, not Prefetch objects: workshops.models imports this module.
                "working_groups__development_area",
                "working_groups__chair_links__municipality",
            )
        )


class ProjectExample(models.TextChoices):
    """What of a project can be an example value (``core.examples``)."""

    NAME_SV = "name_sv", _("nimi ruotsiksi")
    DESCRIPTION_SV = "description_sv", _("kuvaus ruotsiksi")
    START_DATE = "start_date", _("alkamispäivä")
    END_DATE = "end_date", _("päättymispäivä")


class Project(models.Model):
    name = models.CharField(_("nimi"), max_length=300)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=300, blank=True)
    short_name = models.CharField(_("lyhyt nimi"), max_length=80)
    slug = models.SlugField(_("tunniste"), max_length=80, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="projects", verbose_name=_("maakunta")
    )
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("kuntakonsortio"),
    )
    administering_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_projects",
        verbose_name=_("hallinnoiva kunta"),
    )
    administering_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_projects",
        verbose_name=_("hallinnoiva organisaatio"),
    )
    start_date = models.DateField(_("alkaa"))
    end_date = models.DateField(_("päättyy"))
    status = models.CharField(
        _("tila"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    description = models.TextField(_("kuvaus"), blank=True)
    description_sv = models.TextField(_("kuvaus ruotsiksi"), blank=True)
    plan_url = models.URLField(_("hankesuunnitelma"), blank=True)
    report_url = models.URLField(_("loppuraportti"), blank=True)
    total_budget = MoneyField(_("kokonaisbudjetti"), null=True, blank=True)
    staff_count = models.PositiveSmallIntegerField(_("hanketyöntekijöitä"), null=True, blank=True)
    development_areas = models.ManyToManyField(
        DevelopmentArea,
        through="ProjectDevelopmentArea",
        related_name="projects",
        verbose_name=_("kehittämiskokonaisuudet"),
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=ProjectExample.choices)
    )

    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    search_vector = search_vector_field(
        name="A", name_sv="A", short_name="A", description="B", description_sv="B"
    )
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("hanke")
        verbose_name_plural = _("hankkeet")
        ordering = ["-start_date", "name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="project_search"),
            # The project list's orders: by name (its default) and by start date.
            models.Index("name", "id", name="project_name_order"),
            models.Index(F("start_date").desc(), "name", name="project_start_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("Hankkeen on päätyttävä alkamisensa jälkeen."),
            ),
            models.CheckConstraint(
                condition=~(
                    Q(administering_municipality__isnull=False)
                    & Q(administering_organisation__isnull=False)
                ),
                name="project_one_administrator",
                violation_error_message=_(
                    "Hallinnoijana on joko kunta tai organisaatio, ei molemmat."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
            non_negative("total_budget"),
            example_fields_valid(ProjectExample, name="project_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])

    @property
    def localized_name(self) -> str:
        return in_user_language(self.name, self.name_sv)

    @property
    def administrator(self) -> Municipality | Organisation | None:
        return self.administering_municipality or self.administering_organisation

    # The figures below need ProjectQuerySet.with_funding().
    @property
    def granted_is_partial(self) -> bool:
        """Whether the granted sum leaves out grants whose amount is unknown."""
        return self.amount_granted is not None and self.unknown_grants > 0

    @property
    def own_financing(self) -> Decimal | None:
        """The part of the total budget not covered by grants; unknown while any grant's
        amount is."""
        if self.total_budget is None or self.amount_granted is None or self.unknown_grants:
            return None
        return self.total_budget - self.amount_granted

    @property
    def is_over_plan(self) -> bool:
        """Whether more has been spent than the budget lines plan."""
        return self.amount_spent > self.amount_planned

    @property
    def spent_share(self) -> Decimal | None:
        """Spent so far as a fraction of the planned budget lines."""
        if not self.amount_planned:
            return None
        return self.amount_spent / self.amount_planned


class AreaScope(models.TextChoices):
    WHOLE = "whole", _("koko kokonaisuus")
    PARTS = "parts", _("valitut osat")


class ProjectDevelopmentArea(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="area_links", verbose_name=_("hanke")
    )
    development_area = models.ForeignKey(
        DevelopmentArea, on_delete=models.PROTECT, verbose_name=_("kehittämiskokonaisuus")
    )
    scope = models.CharField(
        _("laajuus"), max_length=8, choices=AreaScope.choices, default=AreaScope.WHOLE
    )
    note = models.TextField(_("huomautus"), blank=True)

    class Meta:
        verbose_name = _("hankkeen kehittämiskokonaisuus")
        verbose_name_plural = _("hankkeen kehittämiskokonaisuudet")
        ordering = ["development_area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "development_area"], name="project_area_unique"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=AreaScope.values), name="project_area_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.development_area}"


class PartnerRole(models.TextChoices):
    MEMBER_MUNICIPALITY = "member_municipality", _("jäsenkunta")
    FUNDED_PARTNER = "funded_partner", _("rahoitettu kumppani")
    PARTNER = "partner", _("yhteistyökumppani")
    STEERING = "steering", _("ohjaus")


class ProjectPartner(models.Model):
    """An organisation or municipality working in a project, with any funded share."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("hanke")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("kunta"),
    )
    role = models.CharField(_("rooli"), max_length=24, choices=PartnerRole.choices)
    funded_share = MoneyField(_("rahoitusosuus"), null=True, blank=True)
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kumppani")
        verbose_name_plural = _("kumppanit")
        ordering = ["role", "organisation__name", "municipality__name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) ^ Q(municipality__isnull=True),
                name="partner_is_organisation_or_municipality",
                violation_error_message=_("Valitse joko organisaatio tai kunta."),
            ),
            models.UniqueConstraint(
                fields=["project", "organisation"], name="partner_organisation_unique"
            ),
            models.UniqueConstraint(
                fields=["project", "municipality"], name="partner_municipality_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnerRole.values), name="partner_role_valid"
            ),
            non_negative("funded_share"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        """The organisation's or the municipality's name (needs both loaded)."""
        return self.organisation.name if self.organisation else self.municipality.name


class Cooperation(models.Model):
    """Projects that work together, such as the Uusimaa / capital-region / Päijät-Häme trio."""

    name = models.CharField(_("nimi"), max_length=200, unique=True)
    description = models.TextField(_("kuvaus"), blank=True)
    projects = models.ManyToManyField(
        Project, related_name="cooperations", verbose_name=_("hankkeet")
    )

    class Meta:
        verbose_name = _("hankeyhteistyö")
        verbose_name_plural = _("hankeyhteistyöt")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GrantDecisionQuerySet(models.QuerySet):
    def for_funding_pages(self):
        """Grants with their funder, ``amount_paid`` (the sum of their paid instalments) and
        their instalments in date order."""
        return (
            self.select_related("funder")
            .annotate(
                amount_paid=money_sum(Instalment, "amount", "grant", condition=Q(is_paid=True))
            )
            .prefetch_related("instalments")
        )


class GrantDecision(models.Model):
    """A funder's grant to a project: applied and granted amounts (either may be unknown),
    the decision and its instalments."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="grants", verbose_name=_("hanke")
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_decisions",
        verbose_name=_("rahoittaja"),
    )
    decision_date = models.DateField(_("päätöspäivä"), null=True, blank=True)
    reference = models.CharField(_("päätöksen diaarinumero"), max_length=100, blank=True)
    amount_applied = MoneyField(_("haettu summa"), null=True, blank=True)
    amount_granted = MoneyField(
        _("myönnetty summa"),
        null=True,
        blank=True,
        help_text=_("Jätä tyhjäksi, jos summa ei ole tiedossa."),
    )
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    objects = GrantDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("avustuspäätös")
        verbose_name_plural = _("avustuspäätökset")
        ordering = ["project", "decision_date"]
        constraints = [non_negative("amount_applied"), non_negative("amount_granted")]

    def __str__(self) -> str:
        return f"{self.funder.short_name or self.funder.name}: {format_money(self.amount_granted)}"


class Instalment(models.Model):
    """One payment of a grant: when, how much and whether it has been paid."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("avustuspäätös"),
    )
    date = models.DateField(_("maksupäivä"))
    amount = MoneyField(_("summa"))
    is_paid = models.BooleanField(_("maksettu"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maksuerä")
        verbose_name_plural = _("maksuerät")
        ordering = ["date", "pk"]
        constraints = [non_negative("amount")]

    def __str__(self) -> str:
        return f"{self.date} {format_money(self.amount)}"


class FunderReportKind(models.TextChoices):
    INTERIM = "interim", _("väliraportti")
    FINAL = "final", _("loppuraportti")


class FunderReportState(models.TextChoices):
    DRAFT = "draft", _("luonnos")
    SUBMITTED = "submitted", _("lähetetty")
    ACCEPTED = "accepted", _("hyväksytty")


class FunderReportQuerySet(models.QuerySet):
    def of_project(self, project):
        """The reports owed to the funders of ``project`` in the order they are due."""
        return (
            self.filter(grant__project=project)
            .select_related("grant__funder")
            .order_by("due_date", "pk")
        )


class FunderReport(models.Model):
    """An interim or final report owed to the funder of a grant, with its due date and state."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("avustuspäätös"),
    )
    kind = models.CharField(_("raportti"), max_length=8, choices=FunderReportKind.choices)
    due_date = models.DateField(_("määräpäivä"))
    state = models.CharField(
        _("tila"),
        max_length=10,
        choices=FunderReportState.choices,
        default=FunderReportState.DRAFT,
    )
    submitted_on = models.DateField(_("lähetetty"), null=True, blank=True)
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    objects = FunderReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("raportti rahoittajalle")
        verbose_name_plural = _("raportit rahoittajalle")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FunderReportKind.values), name="funder_report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=FunderReportState.values),
                name="funder_report_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=FunderReportState.DRAFT) | Q(submitted_on__isnull=False),
                name="funder_report_submitted_dated",
                violation_error_message=_(
                    "Lähetetylle tai hyväksytylle raportille on merkittävä lähetyspäivä."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date}"


class FunderRequestKind(models.TextChoices):
    CONDITION = "condition", _("ehto")
    SUPPLEMENT = "supplement", _("täydennyspyyntö")


class FunderRequestStatus(models.TextChoices):
    OPEN = "open", _("avoin")
    DONE = "done", _("täytetty")


class FunderRequestQuerySet(models.QuerySet):
    def of_project(self, project):
        """The requests of the funders of ``project`` with their attachments, open ones first,
        then by due date."""
        return (
            self.filter(grant__project=project)
            .select_related("grant__funder")
            .prefetch_related("attachments")
            .order_by(
                models.Case(models.When(status=FunderRequestStatus.OPEN, then=0), default=1),
                F("due_date").asc(nulls_last=True),
                "pk",
            )
        )


class FunderRequest(models.Model):
    """A condition of a grant or a request from the funder to supplement the application."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=_("avustuspäätös"),
    )
    kind = models.CharField(_("tyyppi"), max_length=16, choices=FunderRequestKind.choices)
    description = models.TextField(_("kuvaus"))
    status = models.CharField(
        _("tila"),
        max_length=8,
        choices=FunderRequestStatus.choices,
        default=FunderRequestStatus.OPEN,
    )
    due_date = models.DateField(_("määräpäivä"), null=True, blank=True)
    answer = models.TextField(_("vastaus"), blank=True)
    answered_on = models.DateField(_("vastattu"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FunderRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("rahoittajan pyyntö")
        verbose_name_plural = _("rahoittajan pyynnöt")
        ordering = ["grant", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FunderRequestKind.values), name="funder_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FunderRequestStatus.values),
                name="funder_request_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


def funder_request_path(attachment: "FunderRequestAttachment", filename: str) -> str:
    # The original name is kept on the row; the stored name only needs to be unique.
    return f"funder-requests/{attachment.request_id}/{uuid.uuid4().hex}"


class FunderRequestAttachment(models.Model):
    """A file sent with the answer to a funder's request (an updated plan, a clarification)."""

    request = models.ForeignKey(
        FunderRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("rahoittajan pyyntö"),
    )
    file = models.FileField(_("tiedosto"), upload_to=funder_request_path, max_length=300)
    original_name = models.CharField(_("tiedoston nimi"), max_length=255)
    uploaded_at = models.DateTimeField(_("lisätty"), auto_now_add=True)

    class Meta:
        verbose_name = _("vastauksen liite")
        verbose_name_plural = _("vastausten liitteet")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("henkilöstökulut")
    SERVICES = "services", _("palvelujen ostot")
    TRAVEL = "travel", _("matkakulut")
    MATERIALS = "materials", _("aineet ja tarvikkeet")
    EVENTS = "events", _("tilaisuudet")
    OTHER = "other", _("muut kulut")


class BudgetLineQuerySet(models.QuerySet):
    def for_funding_table(self):
        """Budget lines with their development area, ``amount_spent``, the sum of their
        expenses, and ``has_example_expenses``, whether any of those holds example values
        (``core.examples``)."""
        return self.select_related(
            "development_area", "partner__organisation", "partner__municipality"
        ).annotate(
            amount_spent=money_sum(Expense, "amount", "budget_line"),
            has_example_expenses=Exists(
                Expense.objects.filter(budget_line=OuterRef("pk")).exclude(example_fields=[])
            ),
        )

    def over_plan(self):
        """Budget lines whose expenses exceed their planned amount (needs
        ``for_funding_table``)."""
        return self.filter(amount_spent__gt=F("amount"))

    def with_expenses(self):
        """Budget lines with their expenses prefetched, newest first."""
        return self.prefetch_related("expenses")

    def for_choices(self):
        """Budget lines with what their label in a form's choices shows."""
        return self.select_related("development_area")


class BudgetLineExample(models.TextChoices):
    """What of a budget line can be an example value (``core.examples``)."""

    AMOUNT = "amount", _("suunniteltu summa")


class BudgetLine(models.Model):
    """Planned costs of a project for one year and cost category, optionally per area."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("hanke")
    )
    year = models.PositiveSmallIntegerField(_("vuosi"))
    category = models.CharField(_("kustannuslaji"), max_length=16, choices=CostCategory.choices)
    development_area = models.ForeignKey(
        DevelopmentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kehittämiskokonaisuus"),
    )
    partner = models.ForeignKey(
        ProjectPartner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("kumppani"),
        help_text=_("Jätä tyhjäksi, jos kulut ovat hallinnoijan omia."),
    )
    amount = MoneyField(_("summa"))
    description = models.CharField(_("selite"), max_length=300, blank=True)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=BudgetLineExample.choices)
    )
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    history = HistoricalRecords()

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("budjettirivi")
        verbose_name_plural = _("budjettirivit")
        ordering = ["project", "year", "category", "development_area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "category", "development_area", "partner"],
                nulls_distinct=False,
                name="budget_line_unique",
                violation_error_message=_(
                    "Hankkeella on jo budjettirivi tälle vuodelle, kustannuslajille, "
                    "kehittämiskokonaisuudelle ja kumppanille."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="budget_line_year_sane"
            ),
            models.CheckConstraint(
                condition=Q(category__in=CostCategory.values), name="budget_line_category_valid"
            ),
            non_negative("amount"),
            example_fields_valid(BudgetLineExample, name="budget_line_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year} {self.get_category_display()}"


class ExpenseExample(models.TextChoices):
    """What of an expense can be an example value (``core.examples``)."""

    DATE = "date", _("päivä")
    AMOUNT = "amount", _("summa")
    DESCRIPTION = "description", _("selite")


class Expense(models.Model):
    """An actual cost booked against a budget line."""

    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="expenses",
        verbose_name=_("budjettirivi"),
    )
    date = models.DateField(_("päivä"))
    amount = MoneyField(_("summa"))
    description = models.CharField(_("selite"), max_length=300)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=ExpenseExample.choices)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toteutunut kulu")
        verbose_name_plural = _("toteutuneet kulut")
        ordering = ["-date"]
        constraints = [
            non_negative("amount"),
            example_fields_valid(ExpenseExample, name="expense_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description} {format_money(self.amount)}"


class ContactRole(models.TextChoices):
    COORDINATOR = "coordinator", _("hankekoordinaattori")
    CHANGE_AGENT = "change_agent", _("muutosagentti")
    PROJECT_WORKER = "project_worker", _("projektityöntekijä")
    WORKING_GROUP_CHAIR = "working_group_chair", _("työryhmän puheenjohtaja")
    DIRECTOR = "director", _("johtaja")


class Contact(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("hanke")
    )
    name = models.CharField(_("nimi"), max_length=200)
    role = models.CharField(_("rooli"), max_length=24, choices=ContactRole.choices)
    title = models.CharField(_("tehtävänimike"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("kunta"),
    )
    email = models.EmailField(_("sähköposti"), blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    public_contact_details = models.BooleanField(
        _("yhteystiedot julkisia"),
        default=False,
        help_text=_(
            "Yhteyshenkilö on suostunut siihen, että sähköposti ja puhelin näkyvät myös "
            "kirjautumattomille."
        ),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("käyttäjätunnus"),
        help_text=_("Koordinaattori, jolla on tunnus, voi muokata hankkeen tietoja."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yhteyshenkilö")
        verbose_name_plural = _("yhteyshenkilöt")
        ordering = ["project", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=ContactRole.values), name="contact_role_valid"
            ),
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(user__isnull=False),
                name="contact_user_once_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


# The practices' models live in a module of their own; importing them here registers them as
# models of this app. Last, since they refer to the models above.
from projects.practices import (  # noqa: E402, F401
    AdoptionState,
    EmbeddingPlan,
    EmbeddingStep,
    Practice,
    PracticeAdoption,
)
