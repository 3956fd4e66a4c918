"""HTML helpers shared by extraction, translation and the site."""
import re

_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")  # no "<" inside: stray ones cost nothing
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


_TAG_BYTES = re.compile(rb"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")


def limit_depth_bytes(data: bytes, max_depth: int = 100) -> bytes:
    """`limit_depth` for an undecoded document in an ASCII-compatible encoding (UTF-8,
    windows-1258…); UTF-16 input is returned as it is."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data
    return _limit(data, _TAG_BYTES, max_depth, b"")


def limit_depth(html: str, max_depth: int = 100) -> str:
    """`html` with the tags nested deeper than `max_depth` dropped (their text kept).

    Sanitizers and tree builders are quadratic on absurd nesting; no article needs a hundred
    levels. One linear pass over the tags, no parser: unbalanced input stays unbalanced."""
    return _limit(html, _TAG, max_depth, "")


def _limit(html, pattern, max_depth, empty):
    out, depth, last = [], 0, 0
    for match in pattern.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if isinstance(name, bytes):
            name = name.decode("ascii", "replace")
        out.append(html[last:match.start()])
        last = match.end()
        if name in VOID or self_closing:
            keep = depth < max_depth
        elif closing:
            keep = depth <= max_depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            keep = depth <= max_depth
        if keep:
            out.append(match.group(0))
    out.append(html[last:])
    return empty.join(out)


# No article body is this long; past it, sanitizers spend seconds on what is not an article.
MAX_BODY_CHARS = 500_000


def bounded(html: str) -> str:
    """`html` capped in length and nesting depth, ready for a sanitizer."""
    return limit_depth((html or "")[:MAX_BODY_CHARS])


# The article body's HTML subset, as stored and as shown.
BODY_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th",
             "td", "figure", "img", "figcaption", "a", "strong", "em", "b", "i", "br", "span", "sup", "sub"}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"},
                   "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}


def clean_body(html: str) -> str:
    """Article body HTML reduced to the subset above: nothing that runs, loads or submits."""
    import nh3

    return nh3.clean(bounded(html), tags=BODY_TAGS, attributes=BODY_ATTRIBUTES,
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer nofollow")
