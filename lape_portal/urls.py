from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "LAPE-portaali"
admin.site.site_title = "LAPE-portaali"
admin.site.index_title = "Ylläpito"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("projects.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
