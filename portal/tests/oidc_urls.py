"""The portal's URLs with single sign-on switched on, as OIDC_RP_CLIENT_ID does."""

from django.urls import include, path

from lape_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]
