from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from quangba.web import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("quangba.api.urls")),
    path("robots.txt", sitemaps.robots, name="robots"),
    # Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the icon.
    path("favicon.ico", RedirectView.as_view(url=static("quangba/favicon.svg"), permanent=True)),
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
