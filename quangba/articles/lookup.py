"""Finding the article a person names — its id, one of its pages on the portal, or the original's
URL — for the command line (`quangba takedown`, `restore`) and the desk."""
import re
from urllib.parse import urlsplit

from quangba.core.text import identity_hash
from quangba.sources.models import Outlet

from .models import Article

_OUR_PAGE = re.compile(r"^/[a-z]{2}(?:-[a-z]+)?/article/(\d+)(?:-[^/]*)?/?$")


def find_article(name: str, *, scan: bool = False) -> Article | None:
    """The article named by its id, one of its pages here, or the original's URL (None if none).
    A URL is looked up by its identity hash under every outlet (the (outlet, identity) index, a
    seek per outlet). `scan`: then as stored, original or canonical URL — a scan of the archive
    (a second at 300,000 articles, far more cold), for the command line only."""
    name = name.strip()
    if name.isdigit():
        return Article.objects.filter(pk=int(name)).first() if len(name) < 19 else None
    ours = _OUR_PAGE.match(urlsplit(name).path or "")
    if ours:
        found = Article.objects.filter(pk=int(ours.group(1))).first()
        if found is not None:
            return found
    outlets = list(Outlet.objects.values_list("pk", flat=True))
    found = Article.objects.filter(outlet_id__in=outlets, identity=identity_hash(name)).first()
    if found is None and scan:
        found = Article.objects.filter(original_url=name).first() or Article.objects.filter(canonical_url=name).first()
    return found
