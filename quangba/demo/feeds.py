"""The demo outlets' syndication feeds: RSS 2.0 (with Media RSS and content:encoded) and Atom 1.0.

Written with plain strings on purpose: real outlet feeds are hand-rolled templates too, with CDATA
descriptions, thumbnails glued into the summary and enclosures only on video items.
"""
from email.utils import format_datetime
from html import escape

from . import media
from .chrome import plain
from .outlets import Article, Outlet


def _cdata(html: str) -> str:
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def body_html(article: Article, base: str) -> str:
    """The article body as simple HTML for content:encoded / Atom content."""
    parts = []
    for n, text in enumerate(article.body):
        parts.append(f"<h2>{escape(plain(text[3:]))}</h2>" if text.startswith("## ") else f"<p>{escape(plain(text))}</p>")
        for img in article.images:
            if img.after == n and not (article.video and img is article.images[0]):
                parts.append(f'<figure><img src="{base}{img.path}" alt="{escape(img.caption)}">'
                             f"<figcaption>{escape(img.caption)}</figcaption></figure>")
    return "".join(parts)


def _teaser(article: Article, base: str) -> str:
    img = article.images[0] if article.images else None
    pic = f'<a href="{base}{article.path}"><img width="130" height="100" src="{base}{img.path}"></a></br>' if img else ""
    return pic + escape(plain(article.sapo))


def _video_media(article: Article, base: str, atom: bool) -> str:
    v = article.video
    if not v:
        return ""
    thumb = f'<media:thumbnail url="{base}{v.poster.path}" width="{v.poster.width}" height="{v.poster.height}"/>'
    if v.youtube_id:
        return (f'<media:content url="{v.embed_url}" type="text/html" medium="video" duration="{v.duration}">'
                f'<media:player url="{v.embed_url}"/></media:content>{thumb}')
    length = len(media.mp4(article.slug, v.duration))
    enclosure = (f'<link rel="enclosure" type="video/mp4" length="{length}" href="{base}{v.path}"/>' if atom
                 else f'<enclosure url="{base}{v.path}" length="{length}" type="video/mp4"/>')
    return (enclosure + f'<media:content url="{base}{v.path}" type="video/mp4" medium="video" '
            f'duration="{v.duration}" fileSize="{length}"/>{thumb}')


def rss(outlet: Outlet, articles, base: str, hub: str = "") -> str:
    """RSS 2.0 listing every article, newest first."""
    options = outlet.feed_options
    items = []
    for a in articles:
        guid = (f'<guid isPermaLink="false">{outlet.slug}-{a.id}</guid>' if options.get("guid") == "id"
                else f'<guid isPermaLink="true">{base}{a.path}</guid>')
        extra = f"<content:encoded>{_cdata(body_html(a, base))}</content:encoded>" if options.get("content") else ""
        if not a.video and a.images and options.get("thumbnails"):
            extra += f'<media:thumbnail url="{base}{a.images[0].path}" width="{a.images[0].width}" height="{a.images[0].height}"/>'
        items.append(
            f"<item>\n<title>{escape(a.title)}</title>\n<link>{base}{a.path}</link>\n{guid}\n"
            f"<pubDate>{format_datetime(a.published)}</pubDate>\n<atom:updated>{a.updated.isoformat()}</atom:updated>\n"
            f"<description>{_cdata(_teaser(a, base))}</description>\n<category>{escape(a.category.name)}</category>\n"
            f"<dc:creator>{escape(a.author)}</dc:creator>\n{extra}{_video_media(a, base, atom=False)}\n</item>")
    newest = max(a.updated for a in articles)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
        f"<title>{escape(options.get('title', outlet.name))}</title>\n<link>{base}/</link>\n"
        f"<description>{escape(outlet.tagline)}</description>\n<language>{outlet.language}</language>\n"
        f"<image><url>{base}{outlet.logo_path}</url><title>{escape(outlet.name)}</title><link>{base}/</link></image>\n"
        f"<pubDate>{format_datetime(articles[0].published)}</pubDate>\n<lastBuildDate>{format_datetime(newest)}</lastBuildDate>\n"
        f'<generator>{escape(outlet.name)}</generator>\n<ttl>10</ttl>\n'
        f'<atom:link href="{base}{outlet.feed_path}" rel="self" type="application/rss+xml"/>\n'
        + (f'<atom:link href="{hub}" rel="hub"/>\n' if hub else "")
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    )


def atom(outlet: Outlet, articles, base: str, hub: str = "") -> str:
    """Atom 1.0 listing every article; ids are tag: URIs so they survive a change of host or port."""
    domain = outlet.slug.replace("-", "") + ".example"
    entries = []
    for a in articles:
        content = ""
        if outlet.licence == "full":
            content = f'<content type="html">{escape(body_html(a, base))}</content>\n'
        thumb = (f'<media:thumbnail url="{base}{a.images[0].path}"/>\n' if a.images and not a.video else "")
        entries.append(
            f"<entry>\n<id>tag:{domain},2026:article-{a.id}</id>\n<title type=\"html\">{escape(a.title)}</title>\n"
            f'<link rel="alternate" type="text/html" href="{base}{a.path}"/>\n'
            f"<published>{a.published.isoformat()}</published>\n<updated>{a.updated.isoformat()}</updated>\n"
            f"<author><name>{escape(a.author)}</name></author>\n"
            f'<category term="{a.category.slug}" label="{escape(a.category.name)}" scheme="{base}{a.category.path}"/>\n'
            f'<summary type="html">{escape(_teaser(a, base))}</summary>\n{content}{thumb}'
            f"{_video_media(a, base, atom=True)}\n</entry>")
    newest = max(a.updated for a in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        f'xmlns:media="http://search.yahoo.com/mrss/" xml:lang="{outlet.language}">\n'
        f"<title>{escape(outlet.feed_options.get('title', outlet.name))}</title>\n<subtitle>{escape(outlet.tagline)}</subtitle>\n"
        f'<link rel="alternate" type="text/html" href="{base}/"/>\n'
        f'<link rel="self" type="application/atom+xml" href="{base}{outlet.feed_path}"/>\n'
        + (f'<link rel="hub" href="{hub}"/>\n' if hub else "") +
        f"<id>tag:{domain},2026:feed</id>\n<updated>{newest.isoformat()}</updated>\n"
        f"<icon>{base}{outlet.logo_path}</icon>\n<rights>© 2026 {escape(outlet.name)}</rights>\n"
        f"<generator>{escape(outlet.name)} CMS</generator>\n" + "\n".join(entries) + "\n</feed>\n"
    )


def news_sitemap(outlet: Outlet, articles, base: str, hub: str = "") -> str:
    """A Google News sitemap (title, publication date, the section as keywords) with the video
    sitemap extension for clips: what an outlet without a feed publishes for search engines."""
    urls = []
    for a in articles:
        video = ""
        if a.video and a.video.path:
            v = a.video
            video = (f"<video:video><video:thumbnail_loc>{base}{v.poster.path}</video:thumbnail_loc>"
                     f"<video:title>{escape(a.title)}</video:title><video:description>{escape(plain(a.sapo))}"
                     f"</video:description><video:content_loc>{base}{v.path}</video:content_loc>"
                     f"<video:duration>{v.duration}</video:duration></video:video>")
        urls.append(
            f"<url><loc>{base}{a.path}</loc><lastmod>{a.updated.isoformat()}</lastmod><news:news><news:publication>"
            f"<news:name>{escape(outlet.name)}</news:name><news:language>{outlet.language}</news:language>"
            f"</news:publication><news:publication_date>{a.published.isoformat()}</news:publication_date>"
            f"<news:title>{escape(a.title)}</news:title><news:keywords>{escape(a.category.name)}</news:keywords>"
            f"</news:news>{video}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
            'xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">\n' + "\n".join(urls) + "\n</urlset>\n")


FORMATS = {"atom": (atom, "application/atom+xml"), "rss": (rss, "application/rss+xml"),
           "news-sitemap": (news_sitemap, "application/xml")}


def feed(outlet: Outlet, articles, base: str, hub: str = "") -> str:
    """The outlet's feed in its own format (naming its WebSub hub, if given)."""
    return FORMATS[outlet.feed_format][0](outlet, articles, base, hub)


def push_payload(outlet: Outlet, article: Article, base: str) -> dict:
    """A whole article as the outlet's CMS pushes it to the portal's ingest API: figures in the
    body with their credits, the clip as media."""
    parts = []
    for n, text in enumerate(article.body):
        parts.append(f"<h2>{escape(plain(text[3:]))}</h2>" if text.startswith("## ") else f"<p>{escape(plain(text))}</p>")
        for img in article.images:
            if img.after == n and not (article.video and img is article.images[0]):
                parts.append(f'<figure><img src="{base}{img.path}" width="{img.width}" height="{img.height}" '
                             f'alt="{escape(img.caption)}"><figcaption>{escape(img.caption)} (Ảnh: {escape(img.credit)})'
                             "</figcaption></figure>")
    media = []
    if article.video:
        v = article.video
        media.append({"url": v.embed_url or base + v.path, "type": "text/html" if v.youtube_id else "video/mp4",
                      "poster": base + v.poster.path, "duration": v.duration})
    return {"url": base + article.path, "title": article.title, "lead": plain(article.sapo), "body_html": "".join(parts),
            "author": article.author, "published_at": article.published.isoformat(),
            "updated_at": article.updated.isoformat(), "categories": [article.category.name],
            "tags": list(article.tags), "language": outlet.language, "media": media,
            "images": [{"url": base + img.path, "caption": img.caption, "credit": img.credit,
                        "width": img.width, "height": img.height} for img in article.images]}


def feed_type(outlet: Outlet) -> str:
    """The media type of the outlet's feed."""
    return FORMATS[outlet.feed_format][1]


def has_source(outlet: Outlet) -> bool:
    """Whether the outlet publishes a feed or a sitemap the portal reads (not: it only pushes)."""
    return outlet.feed_format in FORMATS


def sitemap(outlet: Outlet, articles, base: str) -> str:
    """A plain sitemap of article pages, as robots.txt advertises."""
    urls = "".join(f"<url><loc>{base}{a.path}</loc><lastmod>{a.updated.isoformat()}</lastmod></url>" for a in articles)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>\n")
