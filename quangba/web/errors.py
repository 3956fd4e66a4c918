"""The site's own error pages, in the reader's language and with the site's header, search and
sections (the API answers JSON). The 500 page reads nothing from the database: it may be why."""
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from quangba.taxonomy.models import SECTIONS, Section

MESSAGES = {
    400: lambda: _("This address asks for something the site cannot understand."),
    403: lambda: _("This action is not allowed."),
    404: lambda: _("There is no page at this address. It may have moved; try the search or the sections."),
    500: lambda: _("Something went wrong on our side. Please try again in a moment."),
}


def _sections() -> list[Section]:
    return [Section(slug=slug, position=n) for n, (slug, _name) in enumerate(SECTIONS)]


def error_page(request, status: int, detail: str = ""):
    if request.path.startswith("/api/"):
        return JsonResponse({"error": detail or MESSAGES[status]()}, status=status)
    titles = {400: _("Bad request"), 403: _("Not allowed"), 404: _("Page not found"), 500: _("Server error")}
    return render(request, "web/error.html", {"status": status, "title": titles[status],
                                              "message": MESSAGES[status](), "detail": detail,
                                              "sections": _sections(), "alternates": []}, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400, str(exception) if exception and str(exception) else "")


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)
