"""The front page: what the programme has going on now, or, when nothing is, what it did."""

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from core.page_cache import VisitorPageCacheMixin
from municipalities.models import Municipality
from projects.models import Project, ProjectStatus
from workshops.models import Meeting, MeetingStatus, Minutes, MinutesStatus
from workshops.permissions import visible_attachments_filter

AGENDA_LENGTH = 8
RECENT_MINUTES = 5
# Projects of each section: the newest ones; the project list has them all.
FRONT_PAGE_PROJECTS = 10
# How long the programme's figures are reused: counting every meeting and minutes takes
# 60 ms at national scale (100,000 meetings). The same figures for every visitor and role.
FIGURES_SECONDS = 300


def programme_figures() -> dict:
    """The programme's figures, counted at most once in ``FIGURES_SECONDS`` (in each process,
    or across servers when CACHE_URL names a shared cache)."""
    return cache.get_or_set("portal:programme_figures", count_programme, FIGURES_SECONDS)


def count_programme() -> dict:
    """The programme in numbers for the front page (three queries): projects, municipalities
    taking part (consortium members or partners), meetings held and minutes published."""
    projects = Project.objects.aggregate(
        projects=Count("pk"), running=Count("pk", filter=Q(status=ProjectStatus.RUNNING))
    )
    municipalities = Municipality.objects.filter(
        Q(consortium_memberships__isnull=False) | Q(partnerships__isnull=False)
    ).aggregate(municipalities=Count("pk", distinct=True))
    meetings = Meeting.objects.aggregate(
        meetings_held=Count(
            "pk",
            filter=Q(starts_at__lt=timezone.now()) & ~Q(status=MeetingStatus.CANCELLED),
        ),
        minutes_published=Count("minutes", filter=Q(minutes__status=MinutesStatus.APPROVED)),
    )
    return {**projects, **municipalities, **meetings}


def newest(projects) -> list[Project]:
    """The ``FRONT_PAGE_PROJECTS`` newest of ``projects`` with their funding figures, summed
    for those rows alone (one query)."""
    keys = projects.order_by("-start_date", "pk").values("pk")[:FRONT_PAGE_PROJECTS]
    return list(Project.objects.for_front_page().filter(pk__in=keys))


class HomeView(VisitorPageCacheMixin, TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The cards mark what each meeting has (minutes, attachments) in the same query.
        meetings, meetings_are_upcoming = (
            Meeting.objects.select_related("working_group", "host_municipality")
            .with_material(visible_attachments_filter(self.request.user))
            .upcoming_or_latest(AGENDA_LENGTH)
        )
        context.update(
            figures=programme_figures(),
            running_projects=newest(Project.objects.running()),
            ended_projects=newest(Project.objects.ended()),
            meetings=meetings,
            meetings_are_upcoming=meetings_are_upcoming,
            recent_minutes=list(Minutes.objects.recently_published()[:RECENT_MINUTES]),
        )
        return context
