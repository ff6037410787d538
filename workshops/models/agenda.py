"""A meeting's agenda items and the action items decided under them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import bilingual
from workshops.models.minutes import MinutesStatus


class OutcomeKind(models.TextChoices):
    DECISION = "decision", _("päätös")
    NOTES = "notes", _("merkittiin tiedoksi")


class AgendaItem(models.Model):
    """One item of a meeting's agenda; the minutes record its outcome."""

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("kokous"),
    )
    order = models.PositiveIntegerField(_("järjestys"), default=0)
    title = models.CharField(_("otsikko"), max_length=300)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=300, blank=True)
    presenter = models.CharField(_("esittelijä"), max_length=200, blank=True)
    description = models.TextField(_("kuvaus"), blank=True)
    description_sv = models.TextField(_("kuvaus ruotsiksi"), blank=True)
    outcome_kind = models.CharField(
        _("käsittelyn tulos"), max_length=16, choices=OutcomeKind.choices, blank=True
    )
    outcome = models.TextField(_("päätös tai muistiinpanot"), blank=True)

    class Meta:
        verbose_name = _("asialistan kohta")
        verbose_name_plural = _("asialistan kohdat")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_kind__in=["", *OutcomeKind.values]),
                name="agenda_item_outcome_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    localized_title = bilingual("title", "title_sv")
    localized_description = bilingual("description", "description_sv")


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        """Action items not done yet."""
        return self.filter(done_at__isnull=True)

    def with_meeting(self):
        """Action items with their agenda item and meeting, oldest meeting first."""
        return self.select_related("agenda_item__meeting").order_by(
            "agenda_item__meeting__starts_at", "agenda_item__order", "pk"
        )

    def of_approved_minutes(self):
        """Action items whose meeting's minutes are approved (so public)."""
        return self.filter(agenda_item__meeting__minutes__status=MinutesStatus.APPROVED)

    def open_of_working_group(self, working_group):
        """The working group's open action items, oldest meeting first."""
        return self.open().filter(agenda_item__meeting__working_group=working_group).with_meeting()

    def carried_to(self, meeting):
        """The open action items of the earlier meetings of ``meeting``'s working group,
        whichever municipality hosted them: they stay on its agenda until done."""
        if meeting.working_group_id is None:
            return self.none()
        return (
            self.open()
            .filter(
                agenda_item__meeting__working_group_id=meeting.working_group_id,
                agenda_item__meeting__starts_at__lt=meeting.starts_at,
            )
            .with_meeting()
        )


class ActionItem(models.Model):
    """Something to do that a meeting agreed on under one agenda item; open until done."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("asialistan kohta"),
    )
    what = models.TextField(_("tehtävä"))
    who = models.CharField(_("vastuuhenkilö"), max_length=200, blank=True)
    due_date = models.DateField(_("määräaika"), null=True, blank=True)
    done_at = models.DateTimeField(_("tehty"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("toimenpide")
        verbose_name_plural = _("toimenpiteet")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="action_item_has_text"),
        ]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
