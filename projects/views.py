from django.views.generic import TemplateView

from projects.models import Project


class HomeView(TemplateView):
    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["projects"] = list(Project.objects.for_front_page())
        return context
