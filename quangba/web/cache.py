"""Whole-page caching for the views that are not baked (search, later pages of lists), keyed by
a content generation that every publish, update, takedown or approved comment moves on."""
import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "quangba:content-generation"
TTL = 300


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def bump(**kwargs) -> None:
    """Every cached page becomes stale at once (signal receiver)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached_page(view):
    """Cache a public GET view's 200 responses for anonymous readers until the content changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated \
            and not request.COOKIES.get("messages")
        if not cacheable:
            return view(request, *args, **kwargs)
        raw = f"{generation()}|{request.get_host()}|{request.get_full_path()}"
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
