"""Serving baked pages in the embedded setup (in production nginx or a CDN does this)."""
import re

from django.conf import settings
from django.http import HttpResponse

from .bake import ENCODINGS, RENDER_KEY, bake_on_request, file_for
from .cache import generation, meaningful_query

# /vi/travel/, /vi/article/12-slug/: no empty segment (//vi/, an encoded slash), no dot segment.
CANONICAL_PATH = re.compile(r"(?:/[^/.][^/]*)*/")


def accepted_encodings(request) -> list[str]:
    """The encodings of ENCODINGS the client accepts (`br;q=0` refuses), by its preference (q),
    then ours (br before gzip)."""
    offered = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, *params = [piece.strip().lower() for piece in part.split(";")]
        quality = next((p.split("=", 1)[1].strip() for p in params if p.replace(" ", "").startswith("q=")), "1")
        try:
            offered[name] = float(quality)
        except ValueError:
            continue
    taken = [(offered.get(name, offered.get("*", 0)), -n, name) for n, name in enumerate(ENCODINGS)]
    return [name for quality, _order, name in sorted(taken, reverse=True) if quality > 0]


def baked_response(request, target) -> HttpResponse | None:
    """The baked page from its file, in the best encoding the client takes that was baked with
    it (a page is compressed once when baked, not at every request), or None when not baked
    (the plain file says whether it is: it is written last and removed first)."""
    if not target.is_file():
        return None
    for encoding in [*accepted_encodings(request), None]:
        try:
            body = (target.with_name(target.name + ENCODINGS[encoding]) if encoding else target).read_bytes()
        except OSError:  # pages are tens of KB: one read beats streaming
            continue
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
        if encoding:
            response["Content-Encoding"] = encoding
        response["Vary"] = "Accept-Encoding"
        response["X-Quangba-Baked"] = "1"
        return response
    return None


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
                response = baked_response(request, target)
                if response is not None:
                    return response
                # Possibly a second old: then the page is not written, which is safe.
                request.generation_seen = generation()
                response = self.get_response(request)
                bake_on_request(request, response)
                return response
        return self.get_response(request)
