from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from quangba.web import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("quangba.api.urls")),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
]
urlpatterns += i18n_patterns(
    path("", include("quangba.comments.urls")),
    path("", include("quangba.web.urls")),
    prefix_default_language=True,
)
