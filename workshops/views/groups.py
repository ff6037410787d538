"""The coordinator's pages for a working group's members."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, TemplateView

from workshops.forms import WorkingGroupMemberForm
from workshops.models import WorkingGroup, WorkingGroupMember
from workshops.permissions import can_manage_working_group
from workshops.services import working_group_member_create, working_group_member_delete


class WorkingGroupManagerMixin(UserPassesTestMixin):
    """A page about a working group for its project's coordinators (visitors log in first)."""

    def test_func(self) -> bool:
        return can_manage_working_group(self.request.user, self.working_group)

    def get_context_data(self, **kwargs):
        return super().get_context_data(working_group=self.working_group, **kwargs)

    def get_success_url(self) -> str:
        return reverse("workshops:working_group_detail", args=[self.working_group.pk]) + (
            "#group-members"
        )


class WorkingGroupMemberCreateView(WorkingGroupManagerMixin, CreateView):
    form_class = WorkingGroupMemberForm
    template_name = "workshops/working_group_member_form.html"

    @cached_property
    def working_group(self) -> WorkingGroup:
        return get_object_or_404(
            WorkingGroup.objects.select_related("project"), pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"working_group": self.working_group}

    def form_valid(self, form):
        self.object = working_group_member_create(member=form.instance)
        messages.success(self.request, _("Jäsen on lisätty työryhmään."))
        return HttpResponseRedirect(self.get_success_url())


class WorkingGroupMemberDeleteView(WorkingGroupManagerMixin, TemplateView):
    """Confirm (GET) and remove (POST) a member of a working group."""

    template_name = "workshops/working_group_member_confirm_delete.html"

    @cached_property
    def member(self) -> WorkingGroupMember:
        return get_object_or_404(
            WorkingGroupMember.objects.select_related("working_group__project"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def working_group(self) -> WorkingGroup:
        return self.member.working_group

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)

    def post(self, request, *args, **kwargs):
        working_group_member_delete(member=self.member)
        messages.success(request, _("Jäsen on poistettu työryhmästä."))
        return HttpResponseRedirect(self.get_success_url())
