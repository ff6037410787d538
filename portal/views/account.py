"""Account pages that differ from Django's own."""

from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.views import PasswordResetView
from django.http import HttpResponseRedirect

from core.ratelimit import within_limit

RESET_WINDOW = timedelta(hours=1)


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, sending at most PASSWORD_RESET_LIMIT_PER_EMAIL messages to one
    address and answering at most PASSWORD_RESET_LIMIT_PER_CLIENT requests from one client
    address an hour. Beyond a limit the answer is the same page, so that it tells nothing."""

    def form_valid(self, form):
        # Both counted on every request, so that one limit does not hide the other's count.
        email_ok = within_limit(
            "password-reset-email",
            form.cleaned_data["email"].strip().lower(),
            limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            window=RESET_WINDOW,
        )
        client_ok = within_limit(
            "password-reset-client",
            get_client_ip_address(self.request) or "",
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            window=RESET_WINDOW,
        )
        if email_ok and client_ok:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
