"""Choices shared by a project and the querysets that list projects."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("suunnitteilla")
    RUNNING = "running", _("käynnissä")
    ENDED = "ended", _("päättynyt")
