"""HTML helpers shared by extraction, translation and the site."""
import re

_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def limit_depth(html: str, max_depth: int = 100) -> str:
    """`html` with the tags nested deeper than `max_depth` dropped (their text kept).

    Sanitizers and tree builders are quadratic on absurd nesting; no article needs a hundred
    levels. One linear pass over the tags, no parser: unbalanced input stays unbalanced."""
    out, depth, last = [], 0, 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
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
    return "".join(out)


# The article body's HTML subset, as stored and as shown.
BODY_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th",
             "td", "figure", "img", "figcaption", "a", "strong", "em", "b", "i", "br", "span", "sup", "sub"}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"},
                   "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}


def clean_body(html: str) -> str:
    """Article body HTML reduced to the subset above: nothing that runs, loads or submits."""
    import nh3

    return nh3.clean(limit_depth(html or ""), tags=BODY_TAGS, attributes=BODY_ATTRIBUTES,
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer nofollow")
