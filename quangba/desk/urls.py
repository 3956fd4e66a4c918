from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.dashboard, name="today"),
    path("sources/", views.sources, name="sources"),
    path("sources/report.csv", views.report, name="report"),
]
