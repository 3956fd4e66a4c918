from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.cache import patch_cache_control

from quangba.ingest import websub
from quangba.media.views import media_file
from quangba.web import sitemaps


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the icon,
    under its name of the day (it changes with the file), so not a permanent redirect."""
    response = HttpResponseRedirect(static("quangba/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("quangba.desk.urls")),
    path("i18n/", include("django.conf.urls.i18n")),  # the desk's language switch
    path("api/v1/", include("quangba.api.urls")),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("favicon.ico", favicon),
    path("media/<path:name>", media_file, name="media"),
    path("websub/<str:token>/", websub.callback, name="websub"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
]
urlpatterns += i18n_patterns(
    path("", include("quangba.comments.urls")),
    path("", include("quangba.web.urls")),
    prefix_default_language=True,
)

handler400 = "quangba.web.errors.bad_request"
handler403 = "quangba.web.errors.permission_denied"
handler404 = "quangba.web.errors.page_not_found"
handler500 = "quangba.web.errors.server_error"
