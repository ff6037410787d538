"""Registrations for a meeting, its questions and answers, and its invitations."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.search import trigram_index
from municipalities.models import Municipality, Organisation
from workshops.models.choices import REMINDER_BEFORE, MeetingStatus, RegistrationStatus

# The generation number of the kept pages that show registrations (core.page_cache): a sign-up
# moves it, not the one that every kept page reads. A sequence (migration 0017).
REGISTRATION_GENERATION = "workshops_registration_page_generation"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations holding a seat or waiting for one: not cancelled."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waiting_in_order(self):
        """The waitlist in the order of arrival."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def for_coordinator(self):
        """Registrations with what the coordinator's list shows, in the order of arrival."""
        return self.select_related("organisation", "municipality").order_by("created_at", "pk")

    def with_answers(self):
        """``for_coordinator`` with each registration's answers to the meeting's questions as
        the list ``question_answers``. A list, not the related manager's cache, which keeps a
        queryset per registration: an export reading tens of thousands in chunks would hold
        thousands of them at a time."""
        return self.for_coordinator().prefetch_related(
            Prefetch("answers", to_attr="question_answers")
        )

    def counts(self) -> dict:
        """How many are registered, waiting, cancelled and attended (one query)."""
        return self.aggregate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )

    def counts_per_municipality(self) -> list[dict]:
        """The counts of ``counts`` for each municipality (None: no municipality given)."""
        return list(
            self.order_by("municipality__name_fi")
            .values("municipality__name_fi")
            .annotate(
                registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
                waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
                cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
                attended=Count("pk", filter=Q(attended=True)),
            )
        )

    def due_reminder(self):
        """Registrations holding a seat in a planned meeting that starts within
        ``REMINDER_BEFORE`` and whose registrant has not been reminded of this start time."""
        now = timezone.now()
        return self.filter(
            Q(reminded_for_start__isnull=True) | ~Q(reminded_for_start=F("meeting__starts_at")),
            status=RegistrationStatus.REGISTERED,
            meeting__status=MeetingStatus.PLANNED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + REMINDER_BEFORE,
        )

    def upcoming_of(self, user):
        """``user``'s active registrations to meetings still to come, soonest first."""
        return (
            self.active()
            .filter(
                user=user,
                meeting__status=MeetingStatus.PLANNED,
                meeting__starts_at__gte=timezone.now(),
            )
            .select_related("meeting__project")
            .order_by("meeting__starts_at", "pk")
        )


class Registration(models.Model):
    """One person's registration to a meeting; one per email address per meeting."""

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("tilaisuus"),
    )
    name = models.CharField(_("nimi"), max_length=200)
    email = models.EmailField(_("sähköposti"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("kunta"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("käyttäjä"),
    )
    created_at = models.DateTimeField(_("ilmoittautunut"), default=timezone.now)
    status = models.CharField(
        _("tila"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    attended = models.BooleanField(_("osallistui"), default=False)
    # The language of the registrant's e-mails: the one they registered in.
    language = models.CharField(_("kieli"), max_length=10, default="fi")
    # The meeting's start the reminder was sent for: a meeting moved since is reminded again.
    reminded_for_start = models.DateTimeField(
        _("muistutettu alkamisajasta"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["reminded_for_start"])

    objects = RegistrationQuerySet.as_manager()
    # Only the meeting's page and the search of signed-in users show registrations.
    page_generation = REGISTRATION_GENERATION

    class Meta:
        verbose_name = _("ilmoittautuminen")
        verbose_name_plural = _("ilmoittautumiset")
        ordering = ["meeting", "created_at"]
        # The first and last year of sign-ups, which the admin's list offers to filter by.
        indexes = [
            models.Index(fields=["created_at"], name="registration_created"),
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("name", name="registration_name_trigrams"),
            trigram_index("email", name="registration_email_trigrams"),
        ]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_email",
                violation_error_message=_("Tällä sähköpostiosoitteella on jo ilmoittauduttu."),
            ),
            # One account cannot take two seats; others register through the coordinator.
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False) & ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_user",
                violation_error_message=_("Olet jo ilmoittautunut tähän tilaisuuteen."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status=RegistrationStatus.REGISTERED),
                name="registration_attended_only_registered",
                violation_error_message=_("Vain ilmoittautunut voi olla osallistunut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"


class QuestionKind(models.TextChoices):
    DIETARY = "dietary", _("ruokavalio")
    ACCESSIBILITY = "accessibility", _("esteettömyystarpeet")
    FREE_TEXT = "free_text", _("vapaa teksti")


class RegistrationQuestion(models.Model):
    """A question the coordinator asks everyone who registers to a meeting."""

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("tilaisuus"),
    )
    text = models.CharField(_("kysymys"), max_length=300)
    kind = models.CharField(_("laji"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("pakollinen"), default=False)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)

    class Meta:
        verbose_name = _("ilmoittautumiskysymys")
        verbose_name_plural = _("ilmoittautumiskysymykset")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="registration_question_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("ilmoittautuminen"),
    )
    question = models.ForeignKey(
        RegistrationQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("kysymys"),
    )
    text = models.TextField(_("vastaus"), blank=True)

    # Shown with the registrations only (``Registration.page_generation``).
    page_generation = REGISTRATION_GENERATION

    class Meta:
        verbose_name = _("vastaus")
        verbose_name_plural = _("vastaukset")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="registration_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class InvitationStatus(models.TextChoices):
    SENT = "sent", _("lähetetty")
    REGISTERED = "registered", _("ilmoittautunut")
    DECLINED = "declined", _("kieltäytynyt")
    BOUNCED = "bounced", _("palautui")


class InvitationQuerySet(models.QuerySet):
    def for_coordinator(self):
        """Invitations with their invitee, municipalities first, by name."""
        return self.select_related("municipality", "organisation").order_by(
            "municipality__name_fi", "organisation__name", "pk"
        )


class Invitation(models.Model):
    """The sent invitation of one invited municipality or organisation to a meeting, and
    where it stands."""

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("tilaisuus"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("kunta"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisaatio"),
    )
    status = models.CharField(
        _("tila"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.SENT
    )
    # Where the invitation went, one address a line; empty when the invitee has none.
    addresses = models.TextField(_("osoitteet"), blank=True)
    sent_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kutsu")
        verbose_name_plural = _("kutsut")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) ^ Q(organisation__isnull=True),
                name="invitation_one_invitee",
            ),
            models.UniqueConstraint(
                fields=["meeting", "municipality"], name="invitation_municipality_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="invitation_organisation_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.organisation)

    @property
    def invitee(self):
        return self.municipality or self.organisation
