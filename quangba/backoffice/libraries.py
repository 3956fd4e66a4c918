"""Two libraries' apps under names the staff can read in their language (the admin's index lists
apps by these): each app itself is the library's, unchanged."""
from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class SignInProtectionConfig(AxesAppConfig):
    verbose_name = _("Sign-in protection")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
