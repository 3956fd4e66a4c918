from django.urls import path

from quangba.comments.views import post_comment

from . import search, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("article/<int:pk>-<slug:slug>/", views.article, name="article"),
    path("article/<int:pk>/comment/", post_comment, name="comment"),
    path("search/", search.search, name="search"),
    path("outlets/", views.outlets, name="outlets"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("<slug:slug>/", views.section, name="section"),
]
