"""``{% load follows %}``: the follow button of a project, working group or municipality."""

from django import template
from django.urls import reverse

from notifications.forms import FollowCreateForm

register = template.Library()


@register.inclusion_tag("notifications/partials/follow_button.html", takes_context=True)
def follow_button(context, target, follow):
    """Follow ``target``, or stop following it. ``follow`` is the user's follow of it or None,
    found by the view (``FollowButtonMixin``): the button itself runs no query. (The search
    page includes the same template with its own ``create_url`` and ``fields``.)"""
    request = context["request"]
    return {
        "create_url": reverse(
            "notifications:follow_create", args=[target._meta.label_lower, target.pk]
        ),
        "fields": (),
        "follow": follow,
        "form": FollowCreateForm(),
        "user": request.user,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
