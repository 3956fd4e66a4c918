"""Strings of Django's admin templates and of two libraries that their own Vietnamese and Spanish
catalogues lack (Django's vi has no "Skip to main content"; django-axes ships no vi or es): marked
here so the project's catalogues carry them, which Django reads before any library's."""
from django.utils.translation import gettext_noop, pgettext_lazy

LIBRARY_STRINGS = [
    # django.contrib.admin templates
    gettext_noop("Skip to main content"), gettext_noop("Model name"), gettext_noop("Add link"),
    gettext_noop("Change or view list link"), gettext_noop("Show counts"), gettext_noop("Hide counts"),
    gettext_noop("Toggle theme (current theme: auto)"), gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"), gettext_noop("Toggle navigation"),
    gettext_noop("Start typing to filter…"), gettext_noop("Filter navigation items"),
    # django.contrib.auth's user form
    gettext_noop("Enabled"), gettext_noop("Disabled"), gettext_noop("Password-based authentication"),
    gettext_noop("Whether the user will be able to authenticate using a password or not. If disabled, they may "
                 "still be able to authenticate using other backends, such as Single Sign-On or LDAP."),
    # django-axes
    gettext_noop("access attempt"), gettext_noop("access attempts"), gettext_noop("access failure"),
    gettext_noop("access failures"), gettext_noop("access log"), gettext_noop("access logs"),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"), gettext_noop("IP Address"), gettext_noop("Username"), gettext_noop("HTTP Accept"),
    gettext_noop("Path"), gettext_noop("Attempt Time"), gettext_noop("Access lock out"), gettext_noop("GET Data"),
    gettext_noop("POST Data"), gettext_noop("Failed Logins"), gettext_noop("Access Attempt"),
    gettext_noop("Expires At"), gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"), gettext_noop("Session key hash (sha256)"),
    # django-tasks-db
    gettext_noop("Task Result"), gettext_noop("Task Results"),
]
# django-tasks' task statuses (a context of their own)
TASK_STATUSES = [pgettext_lazy("Task", "Ready"), pgettext_lazy("Task", "Running"), pgettext_lazy("Task", "Failed"),
                 pgettext_lazy("Task", "Successful")]
