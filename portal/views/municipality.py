"""A municipality's own page: everything the region's projects and meetings say of it.

It lives above the domain apps, since it gathers projects, working groups and meetings.
"""

from django.db import models
from django.template.loader import render_to_string
from django.views.generic import DetailView

from core.page_cache import VisitorPageCacheMixin, kept_fragment
from municipalities.models import ConsortiumMembership, Municipality, ServiceArrangement
from notifications.views import FollowButtonMixin
from projects.models import Project, ProjectPartner
from workshops.models import Meeting, WorkingGroupChair

# The newest projects of each of the municipality's consortia that its page lists; the
# project list filtered by the municipality has them all.
CONSORTIUM_PROJECTS = 10


def municipalities_for_detail_page(*, meetings_limit: int = 20) -> models.QuerySet:
    """Municipalities with everything their own page shows, in a fixed number of queries.

    Consortium memberships with the number of the consortia's projects (``project_count``)
    and the ``CONSORTIUM_PROJECTS`` newest of them (``latest_projects`` of the consortium),
    project partnerships, chaired working groups, service arrangements both ways, and the
    latest ``meetings_limit`` hosted meetings and meeting invitations (in
    ``latest_hosted_meetings`` and ``latest_meeting_invitations``).
    """
    latest_meetings = Meeting.objects.order_by("-starts_at")[:meetings_limit]
    return Municipality.objects.select_related("region").prefetch_related(
        models.Prefetch(
            "consortium_memberships",
            queryset=ConsortiumMembership.objects.select_related("consortium").annotate(
                project_count=models.Count("consortium__projects")
            ),
        ),
        models.Prefetch(
            "consortium_memberships__consortium__projects",
            queryset=Project.objects.order_by("-start_date", "pk")[:CONSORTIUM_PROJECTS],
            to_attr="latest_projects",
        ),
        models.Prefetch(
            "partnerships",
            queryset=ProjectPartner.objects.select_related("project").order_by("project__name"),
        ),
        models.Prefetch(
            "workinggroupchair_set",
            queryset=WorkingGroupChair.objects.select_related("working_group__project").order_by(
                "working_group__name"
            ),
            to_attr="working_group_chairs",
        ),
        models.Prefetch(
            "hosted_meetings", queryset=latest_meetings, to_attr="latest_hosted_meetings"
        ),
        models.Prefetch(
            "meeting_invitations",
            queryset=latest_meetings,
            to_attr="latest_meeting_invitations",
        ),
        models.Prefetch(
            "services_provided_by",
            queryset=ServiceArrangement.objects.select_related("provider").order_by(
                "provider__name_fi"
            ),
        ),
        models.Prefetch(
            "services_provided_for",
            queryset=ServiceArrangement.objects.select_related("municipality").order_by(
                "municipality__name_fi"
            ),
        ),
    )


class MunicipalityDetailView(VisitorPageCacheMixin, FollowButtonMixin, DetailView):
    """One municipality with its projects, consortia, working groups, meetings and services."""

    page_changes_with_time = False
    template_name = "portal/municipality_detail.html"
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "municipality"

    def get_queryset(self):
        return Municipality.objects.select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The same for everyone: kept until the next change.
        context["municipality_body"] = kept_fragment(
            f"municipality:{self.object.pk}", self.render_body
        )
        return context

    def render_body(self) -> str:
        """The municipality's facts, projects, consortia, working groups, meetings and
        services."""
        municipality = municipalities_for_detail_page().get(pk=self.object.pk)
        # The newest projects of the consortia the municipality belongs to, each with the
        # membership that brings the municipality in; and how many the page leaves out.
        memberships = municipality.consortium_memberships.all()
        consortium_projects = [
            (membership, project)
            for membership in memberships
            for project in membership.consortium.latest_projects
        ]
        return render_to_string(
            "portal/partials/municipality_body.html",
            {
                "municipality": municipality,
                "consortium_projects": consortium_projects,
                "consortium_projects_left_out": sum(
                    membership.project_count for membership in memberships
                )
                - len(consortium_projects),
            },
            request=self.request,
        )
