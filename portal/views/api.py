"""The read-only open data API (``/api/v1/``) and its documentation page (``/api/``).

Plain views returning JSON: the API only reads, pages and serializes a few querysets
(``portal.open_data``), which needs no framework of its own.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from portal import open_data

PAGE_SIZE = 20


class ApiDocumentationView(TemplateView):
    template_name = "portal/api.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            system_url=self.request.build_absolute_uri(reverse("portal:api_system")),
            page_size=PAGE_SIZE,
            **kwargs,
        )


class JsonView(View):
    """A GET that answers with JSON, readable from any origin."""

    def get(self, request, *args, **kwargs):
        response = JsonResponse(self.data(open_data.Serializer(request), **kwargs))
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def data(self, serializer: open_data.Serializer, **kwargs) -> dict:
        raise NotImplementedError


class SystemView(JsonView):
    """The entry point: what lists the API has."""

    def data(self, serializer, **kwargs):
        return {
            "id": serializer.url("api_system"),
            "type": f"{open_data.SCHEMA}System",
            "oparlVersion": "https://schema.oparl.org/1.1/",
            "name": "LAPE-portaali",
            "body": serializer.url("api_bodies"),
            "meeting": serializer.url("api_meetings"),
            "paper": serializer.url("api_papers"),
            "file": serializer.url("api_files"),
            "practice": serializer.url("api_practices"),
            "website": serializer.page_url("portal:home"),
            "documentation": serializer.url("api_documentation"),
        }


class ListView(JsonView):
    """One page of a list, OParl's way: ``data``, ``pagination`` and ``links``."""

    url_name = ""

    def rows(self):
        raise NotImplementedError

    def serialize(self, serializer, row) -> dict:
        raise NotImplementedError

    def data(self, serializer, **kwargs):
        paginator = Paginator(self.rows(), PAGE_SIZE)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404 from error
        base = serializer.url(self.url_name)
        filters = self.request.GET.copy()

        def page_link(number: int) -> str:
            filters["page"] = number
            return f"{base}?{filters.urlencode()}"

        links = {"first": page_link(1), "last": page_link(paginator.num_pages)}
        if page.has_previous():
            links["prev"] = page_link(page.previous_page_number())
        if page.has_next():
            links["next"] = page_link(page.next_page_number())
        return {
            "data": [self.serialize(serializer, row) for row in page.object_list],
            "pagination": {
                "totalElements": paginator.count,
                "elementsPerPage": PAGE_SIZE,
                "currentPage": page.number,
                "totalPages": paginator.num_pages,
            },
            "links": links,
        }


class BodyListView(ListView):
    url_name = "api_bodies"

    def rows(self):
        return open_data.public_projects()

    def serialize(self, serializer, row):
        return serializer.body(row)


class BodyView(JsonView):
    def data(self, serializer, slug):
        return serializer.body(get_object_or_404(open_data.public_projects(), slug=slug))


class MeetingListView(ListView):
    """Meetings, of one project with ``?body=<slug>``."""

    url_name = "api_meetings"

    def rows(self):
        meetings = open_data.public_meetings()
        if body := self.request.GET.get("body"):
            meetings = meetings.filter(project__slug=body)
        return meetings

    def serialize(self, serializer, row):
        return serializer.meeting(row)


class MeetingView(JsonView):
    def data(self, serializer, pk):
        return serializer.meeting(get_object_or_404(open_data.public_meetings(), pk=pk))


class PaperListView(ListView):
    url_name = "api_papers"

    def rows(self):
        return open_data.public_minutes()

    def serialize(self, serializer, row):
        return serializer.paper(row)


class PaperView(JsonView):
    def data(self, serializer, pk):
        return serializer.paper(get_object_or_404(open_data.public_minutes(), pk=pk))


class FileListView(ListView):
    url_name = "api_files"

    def rows(self):
        return open_data.public_attachments()

    def serialize(self, serializer, row):
        return serializer.file(row)


class FileView(JsonView):
    def data(self, serializer, pk):
        return serializer.file(get_object_or_404(open_data.public_attachments(), pk=pk))


class PracticeListView(ListView):
    """Practices, of one project with ``?body=<slug>``."""

    url_name = "api_practices"

    def rows(self):
        practices = open_data.public_practices()
        if body := self.request.GET.get("body"):
            practices = practices.filter(project__slug=body)
        return practices

    def serialize(self, serializer, row):
        return serializer.practice(row)


class PracticeView(JsonView):
    def data(self, serializer, slug):
        return serializer.practice(get_object_or_404(open_data.public_practices(), slug=slug))
