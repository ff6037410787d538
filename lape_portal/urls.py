from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal.views.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tili/", include("django.contrib.auth.urls")),
    path("", include("portal.urls")),
    path("kunnat/", include("municipalities.urls")),
    path("", include("workshops.urls")),
    path("", include("projects.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
