from django.urls import path

from . import ingest, views

app_name = "api"

urlpatterns = [
    path("articles/", views.article_list, name="articles"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("stories/", views.story_list, name="stories"),
    path("sections/", views.section_list, name="sections"),
    path("outlets/", views.outlet_list, name="outlets"),
    path("places/", views.place_list, name="places"),
    path("ingest/", ingest.ingest, name="ingest"),
    path("openapi.json", views.schema, name="openapi"),
]
