"""What every public page needs: the site's languages and name."""
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SITE_NAME = _("Vietnam Promotion Portal")


def site(request):
    return {"SITE_NAME": settings.QUANGBA_SITE_NAME or SITE_NAME,
            "SITE_LANGUAGES": settings.LANGUAGES}
