from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal.views.account import LimitedPasswordResetView
from portal.views.health import health, live

# Uploaded files are never served from MEDIA_ROOT directly, not even in development: they are
# downloaded through the portal, which checks who may see them (workshops:attachment_download).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("health/live/", live, name="live"),
    path("i18n/", include("django.conf.urls.i18n")),
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
