from django.urls import path

from . import front, review, views

app_name = "desk"
urlpatterns = [
    path("", views.dashboard, name="today"),
    path("sources/", views.sources, name="sources"),
    path("sources/report.csv", views.report, name="report"),
    path("review/", review.queue, name="review"),
    path("review/act/", review.act, name="act"),
    path("preview/<slug:kind>/<int:pk>/", review.preview, name="preview"),
    path("translations/<int:pk>/", views.translation, name="translation"),
    path("front/", front.front, name="front"),
    path("stories/<int:pk>/", front.story, name="story"),
]
