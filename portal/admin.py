"""The admin site as a whole: its titles, and that it is for admins only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from projects.permissions import is_admin

admin.site.site_header = _("LAPE-portaali")
admin.site.site_title = _("LAPE-portaali")
admin.site.index_title = _("Ylläpito")
# The admin is for admins only: coordinators work in the portal's own pages, where the
# object-level rules of projects.permissions apply.
admin.site.has_permission = lambda request: is_admin(request.user)
