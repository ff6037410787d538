"""The front page: projects, upcoming meetings and the latest minutes."""

from django.views.generic import TemplateView

from projects.models import Project
from workshops.models import Meeting, Minutes

UPCOMING_MEETINGS = 10
RECENT_MINUTES = 5


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = Project.objects.for_front_page()
        context.update(
            running_projects=list(projects.running()),
            ended_projects=list(projects.ended()),
            upcoming_meetings=list(
                Meeting.objects.upcoming().select_related("project")[:UPCOMING_MEETINGS]
            ),
            recent_minutes=list(Minutes.objects.recently_published()[:RECENT_MINUTES]),
        )
        return context
