"""A user's own page ("Oma sivu"): where a coordinator lands after logging in.

Everyone sees their own registrations to coming meetings and what they follow, with the
choices of each follow; a coordinator also sees their
projects, the projects' next meetings with their registrations, minutes still in draft,
texts missing in Swedish for bilingual municipalities (``workshops.swedish``) and budget lines
over their plan.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from notifications.models import Follow, FollowDelivery
from projects.models import BudgetLine, Project
from workshops.models import Meeting, Minutes, Registration
from workshops.swedish import swedish_gaps

NEXT_MEETINGS = 10


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        projects = list(Project.objects.coordinated_by(user).order_by("name"))
        context = {
            "projects": projects,
            "registrations": list(Registration.objects.upcoming_of(user)),
            "follows": list(Follow.objects.for_dashboard(user)),
            "delivery_choices": FollowDelivery.choices,
            "language_choices": settings.LANGUAGES,
        }
        if projects:
            context.update(
                next_meetings=list(
                    Meeting.objects.upcoming()
                    .filter(project__in=projects)
                    .select_related("project")
                    .with_registration_count()[:NEXT_MEETINGS]
                ),
                draft_minutes=list(Minutes.objects.drafts_of(projects)),
                swedish_gaps=swedish_gaps(
                    Meeting.objects.filter(project__in=projects).to_prepare_in_swedish()
                ),
                short_of_registrations=list(
                    Meeting.objects.flagged_short_of_registrations(projects)
                ),
                budget_lines_over_plan=list(
                    BudgetLine.objects.filter(project__in=projects)
                    .for_funding_table()
                    .over_plan()
                    .select_related("project")
                ),
            )
        return super().get_context_data(**context, **kwargs)
