from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from portal.views.account import LimitedPasswordResetView
from portal.views.health import health, live

# Uploaded files are never served from MEDIA_ROOT directly, not even in development: they are
# downloaded through the portal, which checks who may see them (workshops:attachment_download).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("health/live/", live, name="live"),
    # The language form is in every page's header and carries no CSRF token, so that a public
    # page is the same for every visitor and can be kept (core.page_cache). A forged post could
    # only change the language a browser is shown pages in.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Before Django's own: the same page with limits on how often it sends.
    path("tili/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path("tili/", include("django.contrib.auth.urls")),
    path("", include("portal.urls")),
    path("kunnat/", include("municipalities.urls")),
    path("", include("workshops.urls")),
    path("", include("projects.urls")),
    path("seuranta/", include("notifications.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
