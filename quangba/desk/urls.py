from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "desk"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:sources"), name="home"),  # the board is the desk's first page
    path("sources/", views.sources, name="sources"),
    path("sources/report.csv", views.report, name="report"),
]
