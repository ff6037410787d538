from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from projects.permissions import is_admin
from projects.views.health import health

admin.site.site_header = _("LAPE-portaali")
admin.site.site_title = _("LAPE-portaali")
admin.site.index_title = _("Ylläpito")
# The admin is for admins only: coordinators work in the portal's own pages, where the
# object-level rules of projects.permissions apply.
admin.site.has_permission = lambda request: is_admin(request.user)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tili/", include("django.contrib.auth.urls")),
    path("kunnat/", include("municipalities.urls")),
    path("", include("workshops.urls")),
    path("", include("projects.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
