"""Whole-page caching for the views that are not baked (search, later pages of lists), keyed by
the content generation the bake stage moves on after every change: a counter in the database, so
a change made in any process retires every process's cached pages within a second."""
import hashlib
import time
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse

from quangba.core.models import Counter

from .bake import GENERATION, RENDER_KEY
TTL = 300
_seen = {"value": 0, "at": 0.0}
READ_EVERY = 1.0  # seconds a process trusts the generation it read


def generation() -> int:
    now = time.monotonic()
    if now - _seen["at"] >= READ_EVERY:
        _seen.update(value=Counter.read(GENERATION), at=now)
    return _seen["value"]


def forget() -> None:
    """Read the generation again at the next request (tests)."""
    _seen["at"] = 0.0


# The parameters public pages read; anything else (?x=, tracking tags) is the same page.
PAGE_PARAMETERS = ("page", "q", "section", "outlet", "from", "to")


def page_query(request) -> str:
    """The query string as the page reads it: its parameters only, in one order."""
    return urlencode(sorted((k, v) for k in PAGE_PARAMETERS for v in request.GET.getlist(k)))


def meaningful_query(request) -> bool:
    """Whether the query changes the page (page 1 is the page itself)."""
    query = page_query(request)
    return bool(query) and query != "page=1"


def cached_page(view):
    """Cache a public GET view's 200 responses for anonymous readers until the content changes.
    A bake renders from the database, never from this cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated \
            and not request.COOKIES.get("messages") and RENDER_KEY not in request.META
        if not cacheable:
            return view(request, *args, **kwargs)
        raw = f"{generation()}|{request.get_host()}|{request.path}?{page_query(request)}"
        key = "quangba:page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            response = HttpResponse(hit["content"], content_type=hit["type"], status=200)
            response["X-Quangba-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            response.render() if hasattr(response, "render") and not response.is_rendered else None
            cache.set(key, {"content": response.content, "type": response["Content-Type"]}, TTL)
        return response

    return wrapper
