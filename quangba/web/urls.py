from django.urls import path

from . import feeds, search, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("article/<int:pk>-<slug:slug>/", views.article, name="article"),
    path("search/", search.search, name="search"),
    path("local/", views.local, name="local"),
    path("local/<slug:slug>/", views.place, name="place"),
    path("outlets/", views.outlets, name="outlets"),
    path("rail/<slug:slug>/", views.rail, name="rail"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("contact/", views.page, {"name": "contact"}, name="contact"),
    path("privacy/", views.page, {"name": "privacy"}, name="privacy"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("feeds/rss.xml", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom.xml", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("feeds/sections/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section-feed-rss"),
    path("feeds/sections/<slug:slug>/atom.xml", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("feeds/outlets/<slug:slug>/rss.xml", feeds.OutletFeed(), name="outlet-feed-rss"),
    path("feeds/outlets/<slug:slug>/atom.xml", feeds.OutletAtomFeed(), name="outlet-feed-atom"),
    path("feeds/provinces/<slug:slug>/rss.xml", feeds.ProvinceFeed(), name="province-feed-rss"),
    path("feeds/provinces/<slug:slug>/atom.xml", feeds.ProvinceAtomFeed(), name="province-feed-atom"),
    path("<slug:slug>/", views.section, name="section"),
]
