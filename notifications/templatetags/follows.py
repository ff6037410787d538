"""``{% load follows %}``: the follow button of a project, working group or municipality."""

from django import template

from notifications.forms import FollowCreateForm

register = template.Library()


@register.inclusion_tag("notifications/partials/follow_button.html", takes_context=True)
def follow_button(context, target, follow):
    """Follow ``target``, or stop following it. ``follow`` is the user's follow of it or None,
    found by the view (``FollowButtonMixin``): the button itself runs no query."""
    request = context["request"]
    return {
        "target": target,
        "target_type": target._meta.label_lower,
        "follow": follow,
        "form": FollowCreateForm(),
        "user": request.user,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
