"""What every public page needs: the site's name and languages, its sections for the menu and
the same page in the other languages (a view may pass its own `sections` and `alternates`)."""
from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

SITE_NAME = _("Vietnam Promotion Portal")


def site(request):
    from quangba.taxonomy.models import Section

    return {"SITE_NAME": settings.QUANGBA_SITE_NAME or SITE_NAME,
            "SITE_LANGUAGES": settings.LANGUAGES,
            "CONTACT_EMAIL": settings.QUANGBA_CONTACT_EMAIL,
            "sections": SimpleLazyObject(lambda: list(Section.objects.all())),
            "alternates": SimpleLazyObject(lambda: [(code, translate_url(request.path, code))
                                                    for code, _name in settings.LANGUAGES])}
