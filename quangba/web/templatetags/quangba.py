"""Template helpers for the public site."""
import re

import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

BODY_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th",
             "td", "figure", "img", "figcaption", "a", "strong", "em", "b", "i", "br", "span", "sup", "sub"}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"},
                   "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}
_IMAGES = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.S | re.I)


@register.filter
def body(html: str, images_allowed: bool = True) -> str:
    """Article body HTML, sanitized again at render (it was sanitized before storage too)."""
    if not images_allowed:
        html = _IMAGES.sub("", html or "")
    cleaned = nh3.clean(html or "", tags=BODY_TAGS, attributes=BODY_ATTRIBUTES,
                        url_schemes={"http", "https"}, link_rel="noopener noreferrer nofollow")
    # Images load lazily and never block the first paint.
    cleaned = cleaned.replace("<img ", '<img loading="lazy" decoding="async" ')
    return mark_safe(cleaned)
