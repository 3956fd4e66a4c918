"""Back-office chrome: the admin site's titles."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("quangba back office")
admin.site.site_title = _("quangba")
admin.site.index_title = _("Partners, articles and readers")
