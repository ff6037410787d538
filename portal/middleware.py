"""Two-factor sign-in: an admin or coordinator signed in with a password is sent to
confirm a one-time code (or to set up their authenticator app) before any other page."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse

from portal.roles import needs_two_factor

# Single sign-on users proved themselves to their employer's identity provider, which asks
# for its own second factor.
SINGLE_SIGN_ON_BACKEND = "portal.oidc.PortalOIDCBackend"
# Pages that stay open before the code is given: the code's own page, signing out, the
# language switch and the health check (WhiteNoise serves static files before this runs).
OPEN_PATH_NAMES = ("portal:two_factor", "logout", "set_language", "health")


def two_factor_middleware(get_response):
    def middleware(request):
        user = request.user
        if (
            settings.TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and needs_two_factor(user)
            and request.session.get(BACKEND_SESSION_KEY) != SINGLE_SIGN_ON_BACKEND
            and request.path not in {reverse(name) for name in OPEN_PATH_NAMES}
        ):
            return redirect(f"{reverse('portal:two_factor')}?next={request.get_full_path()}")
        return get_response(request)

    return middleware
