"""Following from a project's, working group's or municipality's page, changing and stopping it
on one's own page, and the unsubscribe link of the e-mails, which needs no login."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from notifications import services
from notifications.forms import FollowCreateForm, FollowUpdateForm
from notifications.models import FOLLOWED_BY_BUTTON, Follow


class FollowButtonMixin:
    """A detail view whose object can be followed: its ``{% follow_button %}`` is given the
    user's follow of the object (``follow``), found here so that the template queries nothing."""

    def get_context_data(self, **kwargs):
        follow = Follow.objects.of_user_for(self.request.user, self.object)
        return super().get_context_data(follow=follow, **kwargs)


def _back(request):
    """Back to the page the form was on, or to the user's own page."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("portal:dashboard")


@login_required
@require_POST
def follow_create(request, target_type, pk):
    if target_type not in FOLLOWED_BY_BUTTON:
        raise Http404
    target = get_object_or_404(apps.get_model(target_type), pk=pk)
    form = FollowCreateForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.follow_create(
        user=request.user,
        target=target,
        delivery=form.cleaned_data["delivery"],
        language=request.LANGUAGE_CODE,
    )
    messages.success(request, _("Seuraat nyt: %(target)s") % {"target": target})
    return _back(request)


@login_required
@require_POST
def follow_update(request, pk):
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    form = FollowUpdateForm(request.POST, instance=follow)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.follow_update(follow=follow, **form.cleaned_data)
    messages.success(request, _("Seurauksen asetukset tallennettiin."))
    return _back(request)


@login_required
@require_POST
def follow_delete(request, pk):
    follow = get_object_or_404(
        Follow.objects.select_related("content_type"), pk=pk, user=request.user
    )
    target = follow.target
    services.follow_delete(follow=follow)
    messages.success(request, _("Et enää seuraa: %(target)s") % {"target": target})
    return _back(request)


class UnsubscribeView(TemplateView):
    """The unsubscribe link of an e-mail: the page asks to confirm, and only its form (POST)
    stops the following, so that a mail scanner that opens links changes nothing."""

    template_name = "notifications/unsubscribe.html"

    def dispatch(self, request, *args, token, **kwargs):
        try:
            follow_id = services.follow_id_from_token(token)
        except signing.BadSignature:
            raise Http404 from None
        # None: stopped already, by this link or on the user's own page.
        self.follow = (
            Follow.objects.select_related("content_type", "user").filter(pk=follow_id).first()
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        target = self.follow.target if self.follow else None
        return super().get_context_data(follow=self.follow, target=target, **kwargs)

    def post(self, request, *args, **kwargs):
        context = self.get_context_data(done=self.follow is not None)
        if self.follow is not None:
            services.follow_delete(follow=self.follow)
        return self.render_to_response(context)
