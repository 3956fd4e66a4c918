"""Which section an article goes under: the outlet's own category through its map, then the
portal's default category table, then News."""
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from quangba.core.text import fold

from .models import DEFAULT_SECTION, SECTION_NAMES


@lru_cache(maxsize=1)
def default_category_map() -> dict[str, str]:
    data = json.loads((Path(__file__).with_name("category_sections.json")).read_text("utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def _key(text: str) -> str:
    return " ".join(fold(text).lower().replace("-", " ").split())


def section_for(*, outlet_map: dict[str, str], categories: list[str], url: str = "") -> str:
    """The section slug for an article from its outlet's categories (breadcrumb, feed category)
    and URL path, looked up first in the outlet's map, then in the portal's default table."""
    candidates = [c for c in categories if c]
    candidates += [part for part in urlsplit(url).path.split("/")[:-1] if part]
    outlet_keys = {_key(k): v for k, v in (outlet_map or {}).items()}
    for table in (outlet_keys, default_category_map()):
        for candidate in candidates:
            slug = table.get(_key(candidate))
            if slug in SECTION_NAMES:
                return slug
    return DEFAULT_SECTION
