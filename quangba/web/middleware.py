"""Serving baked pages in the embedded setup (in production nginx or a CDN does this)."""
import re

from django.conf import settings
from django.http import HttpResponse

from .bake import RENDER_KEY, bake_on_request, file_for
from .cache import generation, meaningful_query

# /vi/travel/, /vi/article/12-slug/: no empty segment (//vi/, an encoded slash), no dot segment.
CANONICAL_PATH = re.compile(r"(?:/[^/.][^/]*)*/")


class BakedPagesMiddleware:
    """Answers GET/HEAD requests for a page's own address (parameters no page reads are ignored:
    `?x=` is the same page) from the baked file when there is one; everything else goes on to the
    views, and a page the bake stage keeps that was not baked yet is baked as it is served.
    OPTIONS on a page is answered here too: no page is rendered for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "OPTIONS" and not request.path.startswith(("/api/", "/admin/")):
            return HttpResponse(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})
        if settings.QUANGBA_BAKE and request.method in ("GET", "HEAD") and not meaningful_query(request) \
                and RENDER_KEY not in request.META and CANONICAL_PATH.fullmatch(request.path):
            target = file_for(request.path)
            if target is not None:
                try:
                    body = target.read_bytes()  # pages are tens of KB: one read beats streaming
                except OSError:
                    body = None
                if body is not None:
                    response = HttpResponse(body, content_type="text/html; charset=utf-8")
                    response["X-Quangba-Baked"] = "1"
                    return response
                # Possibly a second old: then the page is not written, which is safe.
                request.generation_seen = generation()
                response = self.get_response(request)
                bake_on_request(request, response)
                return response
        return self.get_response(request)
