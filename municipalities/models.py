from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import BilingualNameMixin
from core.search import search_vector_field


class Region(BilingualNameMixin):
    """A region (maakunta) with its official two-digit code."""

    code = models.CharField(_("maakuntakoodi"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("maakunta")
        verbose_name_plural = _("maakunnat")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{2}$"), name="region_code_two_digits"
            ),
        ]


class LanguageStatus(models.IntegerChoices):
    """Statistics Finland's classification of municipalities by language."""

    FINNISH = 0, _("yksikielinen suomenkielinen")
    BILINGUAL_FINNISH_MAJORITY = 1, _("kaksikielinen, suomenkielinen enemmistö")
    SWEDISH = 2, _("yksikielinen ruotsinkielinen")
    BILINGUAL_SWEDISH_MAJORITY = 3, _("kaksikielinen, ruotsinkielinen enemmistö")


# Municipalities whose residents the Language Act entitles to be served in Swedish: the
# bilingual ones and the Swedish-speaking ones.
SERVED_IN_SWEDISH = (
    LanguageStatus.BILINGUAL_FINNISH_MAJORITY,
    LanguageStatus.SWEDISH,
    LanguageStatus.BILINGUAL_SWEDISH_MAJORITY,
)


class MunicipalityQuerySet(models.QuerySet):
    def for_list_page(self):
        """Municipalities with their region, for listings grouped by region."""
        return self.select_related("region").order_by("region__code", "name_fi")

    def served_in_swedish(self):
        """Bilingual and Swedish-speaking municipalities (``SERVED_IN_SWEDISH``)."""
        return self.filter(language_status__in=SERVED_IN_SWEDISH)


class Municipality(BilingualNameMixin):
    code = models.CharField(_("kuntanumero"), max_length=3, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("maakunta")
    )
    language_status = models.PositiveSmallIntegerField(
        _("kielellinen asema"), choices=LanguageStatus.choices, default=LanguageStatus.FINNISH
    )
    invitation_email = models.EmailField(
        _("kutsujen sähköposti"),
        blank=True,
        help_text=_("Kirjaamo tai yhteyshenkilö, jolle kokouskutsut lähetetään."),
    )

    search_vector = search_vector_field(name_fi="A", name_sv="A", code="B")

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunta")
        verbose_name_plural = _("kunnat")
        ordering = ["name_fi"]
        indexes = [GinIndex(fields=["search_vector"], name="municipality_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{3}$"), name="municipality_code_three_digits"
            ),
            models.CheckConstraint(
                condition=Q(language_status__in=LanguageStatus.values),
                name="municipality_language_status_valid",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("portal:municipality_detail", args=[self.code])

    @property
    def is_served_in_swedish(self) -> bool:
        return self.language_status in SERVED_IN_SWEDISH


class OrganisationKind(models.TextChoices):
    JOINT_AUTHORITY = "joint_authority", _("kuntayhtymä")
    COMPETENCE_CENTRE = "competence_centre", _("osaamiskeskus")
    NGO = "ngo", _("järjestö")
    PARISH = "parish", _("seurakunta")
    UNIVERSITY = "university", _("korkeakoulu")
    AUTHORITY = "authority", _("ministeriö tai virasto")
    COMPANY = "company", _("yritys")
    EDUCATIONAL_INSTITUTION = "educational_institution", _("oppilaitos")
    PROJECT = "project", _("hanke")
    OTHER = "other", _("muu")


class Organisation(models.Model):
    """A non-municipal actor: joint authority, competence centre, NGO, ministry, company..."""

    name = models.CharField(_("nimi"), max_length=200)
    short_name = models.CharField(_("lyhenne"), max_length=40, blank=True)
    kind = models.CharField(_("tyyppi"), max_length=32, choices=OrganisationKind.choices)
    website = models.URLField(_("verkkosivu"), blank=True)
    invitation_email = models.EmailField(
        _("kutsujen sähköposti"),
        blank=True,
        help_text=_("Kirjaamo tai yhteyshenkilö, jolle kokouskutsut lähetetään."),
    )
    search_vector = search_vector_field(name="A", short_name="A")

    class Meta:
        verbose_name = _("organisaatio")
        verbose_name_plural = _("organisaatiot")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_vector"], name="organisation_search")]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Consortium(models.Model):
    """A consortium of municipalities (kuntakonsortio) administered by one of them."""

    name = models.CharField(_("nimi"), max_length=200, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="consortia", verbose_name=_("maakunta")
    )
    administrator = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="administered_consortia",
        verbose_name=_("hallinnoiva kunta"),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        through="ConsortiumMembership",
        related_name="consortia",
        verbose_name=_("kunnat"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kuntakonsortio")
        verbose_name_plural = _("kuntakonsortiot")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    ADMINISTRATOR = "administrator", _("hallinnoija")
    MEMBER = "member", _("jäsen")


class Participation(models.TextChoices):
    FUNDED = "funded", _("rahoitusosuudella mukana")
    INVITED = "invited", _("vain kutsuttuna")


class ConsortiumMembership(models.Model):
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("konsortio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="consortium_memberships",
        verbose_name=_("kunta"),
    )
    role = models.CharField(
        _("rooli"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    participation = models.CharField(
        _("osallistuminen"),
        max_length=16,
        choices=Participation.choices,
        default=Participation.FUNDED,
    )
    start_date = models.DateField(_("alkaa"))
    end_date = models.DateField(_("päättyy"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konsortion jäsenyys")
        verbose_name_plural = _("konsortion jäsenyydet")
        ordering = ["consortium", "municipality__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "municipality"], name="membership_unique_per_consortium"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("Päättymispäivän on oltava alkamispäivän jälkeen."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(participation__in=Participation.values),
                name="membership_participation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.consortium}"


class ServiceKind(models.TextChoices):
    SOCIAL_AND_HEALTH = "social_and_health", _("sosiaali- ja terveyspalvelut")


class ServiceArrangement(models.Model):
    """One municipality's services provided by another (Orimattila for Myrskylä and Pukkila)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="services_provided_by",
        verbose_name=_("kunta"),
    )
    provider = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="services_provided_for",
        verbose_name=_("palvelujen tuottaja"),
    )
    service = models.CharField(
        _("palvelut"),
        max_length=32,
        choices=ServiceKind.choices,
        default=ServiceKind.SOCIAL_AND_HEALTH,
    )
    note = models.TextField(_("huomautus"), blank=True)

    class Meta:
        verbose_name = _("palvelujen järjestäminen")
        verbose_name_plural = _("palvelujen järjestämiset")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service"], name="service_arrangement_unique"
            ),
            models.CheckConstraint(
                condition=~Q(municipality=models.F("provider")),
                name="service_provider_is_another_municipality",
                violation_error_message=_("Kunta ei voi olla oman palvelujensa muu tuottaja."),
            ),
            models.CheckConstraint(
                condition=Q(service__in=ServiceKind.values), name="service_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ← {self.provider} ({self.get_service_display()})"
