"""Kept pictures served by the embedded server (in production nginx or the CDN serves the media
directory or bucket itself, with the same headers): GET and HEAD only, names as the media stage
writes them, a year's cache lifetime (a name never changes its bytes), and an SVG logo opened on
its own runs nothing (a CSP that allows no script)."""
import mimetypes
import re

from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .pictures import MIME
from .addresses import storage

NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{20}/(?:full|card-(?:auto|\d{4}))-\d{1,5}\.(?:avif|webp|jpeg|png)"
                  r"|[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{20}/logo\.svg")


@require_safe
def media_file(request, name: str):
    store = storage()
    if not NAME.fullmatch(name) or not isinstance(store, FileSystemStorage):
        raise Http404("no such picture")
    try:
        handle = store.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404("no such picture") from None
    kind = MIME.get(name.rsplit(".", 1)[-1]) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
