"""JSON responses, pagination and CORS for the public API. Hand-written because they are a few
lines each with plain Django; a framework (DRF) would be a large dependency for five GET views."""
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from quangba.core import params

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Parameters with a type, a format or a list of values in the schema: empty is not one of them.
TYPED = ("lang", "language", "since", "limit", "offset")


class BadRequest(Exception):
    """A query parameter the API cannot use; the message says which and why."""


def api_settings() -> dict:
    """settings.QUANGBA_API (page size, its maximum, cache lifetime; defaults in quangba.conf)."""
    return settings.QUANGBA_API


def json_response(data, status: int = 200) -> JsonResponse:
    """UTF-8 JSON as it reads (Vietnamese letters unescaped)."""
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(message: str, status: int) -> JsonResponse:
    """{"error": message} with the status."""
    return json_response({"error": message}, status=status)


def _allow_origin(request, response) -> None:
    """Echo the Origin only when QUANGBA_API_CORS_ORIGINS lists it: CORS is off by default."""
    origin = request.headers.get("Origin")
    allowed = settings.QUANGBA_API_CORS_ORIGINS
    if allowed:
        patch_vary_headers(response, ["Origin"])
    if origin and origin in allowed:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS


def api_view(view):
    """A read-only API view: GET/HEAD only, JSON errors, cacheable, CORS per the setting."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204, headers={"Allow": ALLOWED_METHODS})
        elif request.method not in ("GET", "HEAD"):
            response = error("This API is read-only.", 405)
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                empty = [name for name in TYPED if name in request.GET and not request.GET[name]]
                if empty:  # "?limit=" is neither a number nor absent: the schema refuses it, so do we
                    raise BadRequest(f"'{empty[0]}' is empty; leave it out or give it a value.")
                response = view(request, *args, **kwargs)
                patch_cache_control(response, public=True, max_age=api_settings()["MAX_AGE"])
            except (BadRequest, params.ParameterError) as exc:
                response = error(str(exc), 400)
            except Http404 as exc:
                response = error(str(exc) or "Not found.", 404)
        _allow_origin(request, response)
        return response

    # Read-only, no cookies used: a POST or a PUT gets this API's 405, not the site's CSRF page.
    return csrf_exempt(wrapped)


def _int_param(request, name: str, default: int, minimum: int) -> int:
    return params.whole_number(name, request.GET.get(name), default=default, minimum=minimum)


def _page_url(request, offset: int, limit: int) -> str:
    params = request.GET.copy()
    params["offset"], params["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.items()))}")


def paginate(request, queryset, represent, *, many: bool = False, count: int | None = None) -> JsonResponse:
    """One page of `queryset` as {count, next, previous, limit, offset, results} (limit/offset
    paging). `represent` takes one item, or with `many` the page's items at once; a `count`
    already known saves counting."""
    conf = api_settings()
    limit = min(_int_param(request, "limit", conf["PAGE_SIZE"], 1), conf["MAX_PAGE_SIZE"])
    offset = _int_param(request, "offset", 0, 0)
    if count is None:
        count = len(queryset) if isinstance(queryset, list) else queryset.count()
    items = list(queryset[offset:offset + limit])
    return json_response({
        "count": count,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0), limit) if offset > 0 else None,
        "limit": limit,
        "offset": offset,
        "results": represent(items) if many else [represent(item) for item in items],
    })
