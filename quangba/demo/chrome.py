"""Page furniture the demo outlets share: <head>, masthead and menu, sidebar, comments, footer, listings.

Real outlet pages are mostly chrome around a small article; these pieces give the extractor the
same noise to cut through. Class names are passed in so each CMS imitation keeps its own.
"""
import hashlib
import json
import re
from html import escape

from .outlets import Article, Outlet

WORDS = {
    "vi": {
        "home": "Trang chủ", "read_also": "Đọc thêm", "see_more": "Xem thêm", "related": "Tin liên quan",
        "most_read": "Đọc nhiều", "latest": "Tin mới nhất", "share": "Chia sẻ", "comments": "Ý kiến",
        "comment_hint": "Chia sẻ ý kiến của bạn", "send": "Gửi", "photo": "Ảnh", "ad": "Quảng cáo",
        "newsletter": "Nhận bản tin buổi sáng", "newsletter_hint": "Email của bạn", "subscribe": "Đăng ký",
        "tags": "Từ khóa", "back": "Trở lại", "copy": "Sao chép liên kết", "print": "In bài viết",
        "about": "Giới thiệu", "contact": "Liên hệ tòa soạn", "ads_contact": "Liên hệ quảng cáo",
        "terms": "Điều khoản sử dụng", "rss": "RSS", "search": "Tìm kiếm", "login": "Đăng nhập",
        "no_comments": "Chưa có ý kiến nào. Hãy là người đầu tiên bình luận.", "not_found": "Không tìm thấy trang",
    },
    "en": {
        "home": "Home", "read_also": "Read also", "see_more": "Read more", "related": "Related stories",
        "most_read": "Most read", "latest": "Latest", "share": "Share", "comments": "Comments",
        "comment_hint": "Share your thoughts", "send": "Post", "photo": "Photo", "ad": "Advertisement",
        "newsletter": "Get the morning briefing", "newsletter_hint": "Your email address", "subscribe": "Subscribe",
        "tags": "Tags", "back": "Back to", "copy": "Copy link", "print": "Print",
        "about": "About us", "contact": "Contact the newsroom", "ads_contact": "Advertise with us",
        "terms": "Terms of use", "rss": "RSS", "search": "Search", "login": "Sign in",
        "no_comments": "No comments yet. Be the first to comment.", "not_found": "Page not found",
    },
}

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")

STYLE = """
*{box-sizing:border-box}body{margin:0;font:16px/1.6 Arial,Helvetica,sans-serif;color:#222;background:#fff}
a{color:inherit;text-decoration:none}a:hover{color:%(color)s}.container{max-width:1130px;margin:0 auto;padding:0 15px}
.top-header{border-bottom:1px solid #e5e5e5}.logo img{height:40px}.main-nav ul{display:flex;flex-wrap:wrap;gap:18px;
list-style:none;margin:0;padding:10px 0}.main-nav a{font-weight:700;font-size:14px;text-transform:uppercase}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:40px;margin-top:20px}h1{font-size:32px;line-height:1.3}
figure{margin:20px 0}figure img,figure video,figure iframe{max-width:100%%;height:auto;display:block}
figcaption{font-size:14px;color:#555;background:#f5f5f5;padding:8px 12px}.sidebar .box-title{font-size:18px;
border-top:3px solid %(color)s;padding-top:8px}.sidebar ol{padding-left:20px}.sidebar li{margin-bottom:10px}
.ad-slot{background:#fafafa;border:1px dashed #ccc;text-align:center;color:#999;font-size:11px;min-height:250px;
margin:20px 0}.box-related{border-left:3px solid %(color)s;padding:8px 14px;margin:20px 0;background:#f7f7f7}
.share-bar a{display:inline-block;margin-right:10px;font-size:13px}.newsletter{background:#f3f6f9;padding:16px;margin:20px 0}
.newsletter input{width:70%%;padding:6px}.comments{margin-top:30px;border-top:1px solid #eee}.comments textarea{width:100%%;
height:80px}.site-footer{margin-top:40px;background:#1f2a37;color:#cfd6de;font-size:13px;padding:30px 0}
.site-footer a{color:#fff}.site-footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px}
.breadcrumb{list-style:none;padding:0;margin:0;display:flex;gap:8px;font-size:14px}.tags a{display:inline-block;
background:#eef1f4;border-radius:3px;padding:2px 10px;margin:0 6px 6px 0;font-size:13px}
.list-news .item{display:grid;grid-template-columns:220px 1fr;gap:16px;padding:16px 0;border-bottom:1px solid #eee}
.list-news .item img{width:220px;height:124px;object-fit:cover}.video-wrap{position:relative;background:#000}
"""


def inline(text: str, links: dict[str, str]) -> str:
    """Escape a paragraph of content and turn `[words](article-slug)` into the outlet's own links."""
    def link(match):
        target = links.get(match.group(2), match.group(2))
        return f'<a href="{escape(target)}">{match.group(1)}</a>'
    return LINK.sub(link, escape(text, quote=False))


def plain(text: str) -> str:
    """Content text with its link markup dropped, for meta tags and feeds."""
    return LINK.sub(r"\1", text)


def stable_order(items, key: str):
    """The items in an order that looks arbitrary but never changes ("most read" lists)."""
    return sorted(items, key=lambda a: hashlib.md5((key + a.slug).encode()).hexdigest())


def has_feed(outlet: Outlet) -> bool:
    """Whether the outlet offers readers a feed (one that publishes only a news sitemap does not)."""
    return outlet.feed_format in ("atom", "rss")


def head(outlet: Outlet, base: str, *, title: str, description: str, path: str, image: str = "",
         article: Article | None = None, jsonld: dict | None = None) -> str:
    """The <head>: title, canonical, feed discovery, OpenGraph and, when given, JSON-LD."""
    feed_type = "application/atom+xml" if outlet.feed_format == "atom" else "application/rss+xml"
    meta = [
        '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f'<meta name="description" content="{escape(description)}">',
        f'<link rel="canonical" href="{escape(base + path)}">',
        *([f'<link rel="alternate" type="{feed_type}" title="{escape(outlet.name)}" href="{base}{outlet.feed_path}">']
          if has_feed(outlet) else []),
        f'<link rel="icon" href="{base}{outlet.logo_path}">',
        f'<meta property="og:site_name" content="{escape(outlet.name)}">',
        f'<meta property="og:type" content="{"article" if article else "website"}">',
        f'<meta property="og:title" content="{escape(title if not article else article.title)}">',
        f'<meta property="og:description" content="{escape(description)}">',
        f'<meta property="og:url" content="{escape(base + path)}">',
        f'<meta property="og:locale" content="{"vi_VN" if outlet.language == "vi" else "en_US"}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    if image:
        meta.append(f'<meta property="og:image" content="{escape(image)}">')
    if article:
        meta += [
            f'<meta property="article:published_time" content="{article.published.isoformat()}">',
            f'<meta property="article:modified_time" content="{article.updated.isoformat()}">',
            f'<meta property="article:section" content="{escape(article.category.name)}">',
            f'<meta name="keywords" content="{escape(", ".join(article.tags))}">',
        ] + [f'<meta property="article:tag" content="{escape(t)}">' for t in article.tags]
    if jsonld:
        data = json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/")
        meta.append(f'<script type="application/ld+json">{data}</script>')
    meta.append(f"<style>{STYLE % {'color': outlet.color}}</style>")
    meta.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
                f"gtag('js',new Date());gtag('config','G-{outlet.slug.upper().replace('-', '')}');</script>")
    return "<head>\n" + "\n".join(meta) + "\n</head>"


def masthead(outlet: Outlet, base: str, *, header_class: str, nav_class: str, active: str = "") -> str:
    """Logo, top links and the section menu."""
    w = WORDS[outlet.language]
    items = [f'<li class="home"><a href="{base}/" title="{w["home"]}">{w["home"]}</a></li>']
    for c in outlet.categories:
        on = ' class="active"' if c.slug == active else ""
        items.append(f'<li{on}><a href="{base}{c.path}" title="{escape(c.name)}">{escape(c.name)}</a></li>')
    return (
        f'<header class="{header_class}"><div class="container">'
        f'<a class="logo" href="{base}/" title="{escape(outlet.name)}"><img src="{base}{outlet.logo_path}" '
        f'alt="{escape(outlet.name)}" width="240" height="48"></a>'
        f'<span class="tagline">{escape(outlet.tagline)}</span>'
        f'<div class="header-tools"><a href="{base}/" class="search">{w["search"]}</a> '
        f'<a href="{base}/" class="login" rel="nofollow">{w["login"]}</a> '
        + (f'<a href="{base}{outlet.feed_path}" class="rss">{w["rss"]}</a>' if has_feed(outlet) else "") + '</div></div>'
        f'<nav class="{nav_class} main-nav"><div class="container"><ul class="parent">{"".join(items)}</ul>'
        "</div></nav></header>"
    )


def share_bar(outlet: Outlet, url: str, css: str = "share-bar") -> str:
    """Share buttons the way outlets print them (javascript links, never content)."""
    w = WORDS[outlet.language]
    return (
        f'<div class="{css}"><a href="javascript:;" class="btn_share fb" data-url="{escape(url)}" rel="nofollow" '
        f'title="{w["share"]} Facebook">Facebook</a><a href="javascript:;" class="btn_share zalo" '
        f'data-url="{escape(url)}" rel="nofollow" title="{w["share"]} Zalo">Zalo</a>'
        f'<a href="javascript:;" class="btn_share x" rel="nofollow" data-url="{escape(url)}">X</a>'
        f'<a href="javascript:;" class="btn_copy" rel="nofollow">{w["copy"]}</a>'
        f'<a href="javascript:;" class="print" rel="nofollow">{w["print"]}</a></div>'
    )


def ad_slot(outlet: Outlet, zone: int) -> str:
    """An empty ad container with the loader script that would fill it."""
    return (
        f'<div id="adzone{zone}" class="ad-slot banner-advertisement" data-zone="{zone}">'
        f'<span class="ad-label">{WORDS[outlet.language]["ad"]}</span>'
        f"<script>(window.adsqueue=window.adsqueue||[]).push({{zone:{zone},site:'{outlet.slug}'}});</script></div>"
    )


def newsletter(outlet: Outlet) -> str:
    """The newsletter sign-up box."""
    w = WORDS[outlet.language]
    return (
        f'<div class="newsletter box-newsletter"><p class="newsletter-title"><strong>{w["newsletter"]}</strong></p>'
        f'<form action="/newsletter/subscribe" method="post"><input type="email" name="email" '
        f'placeholder="{w["newsletter_hint"]}"><button type="submit">{w["subscribe"]}</button></form></div>'
    )


def comments(outlet: Outlet, article: Article, css: str = "comments") -> str:
    """The comment form and the (empty) comment thread."""
    w = WORDS[outlet.language]
    return (
        f'<section class="{css}" id="box_comment"><h3 class="title-box-comment">{w["comments"]}</h3>'
        f'<form class="comment-form" action="/comment/post" method="post"><input type="hidden" name="article_id" '
        f'value="{article.id}"><textarea name="content" placeholder="{w["comment_hint"]}"></textarea>'
        f'<button type="submit">{w["send"]}</button></form><div class="list-comment" data-objectid="{article.id}">'
        f'<p class="no-comment">{w["no_comments"]}</p></div></section>'
    )


def most_read(outlet: Outlet, articles, base: str, current: str = "", css: str = "box-most-read") -> str:
    """The sidebar's "most read" list, stable across runs."""
    others = [a for a in stable_order(articles, outlet.slug) if a.slug != current][:6]
    items = "".join(f'<li><a href="{base}{a.path}" title="{escape(a.title)}">{escape(a.title)}</a></li>' for a in others)
    return (f'<div class="{css}"><h3 class="box-title">{WORDS[outlet.language]["most_read"]}</h3>'
            f"<ol>{items}</ol></div>")


def sidebar(outlet: Outlet, articles, base: str, current: str = "") -> str:
    """Right column: an ad, the most-read list, the newsletter box and another ad."""
    return (f'<aside class="sidebar sidebar-2">{ad_slot(outlet, 101)}'
            f"{most_read(outlet, articles, base, current)}{newsletter(outlet)}{ad_slot(outlet, 102)}</aside>")


def footer(outlet: Outlet, base: str) -> str:
    """Footer: menu again, legal lines, contact."""
    w = WORDS[outlet.language]
    cats = "".join(f'<li><a href="{base}{c.path}">{escape(c.name)}</a></li>' for c in outlet.categories)
    lines = "".join(f"<p>{escape(line)}</p>" for line in outlet.footer)
    mail = outlet.slug.replace("-", "") + ".example"
    return (
        f'<footer class="site-footer footer"><div class="container"><ul class="footer-menu">{cats}</ul>'
        f'<div class="footer-info"><strong>{escape(outlet.name)}</strong>{lines}</div>'
        f'<ul class="footer-links"><li><a href="mailto:toasoan@{mail}">{w["contact"]}</a></li>'
        f'<li><a href="mailto:quangcao@{mail}">{w["ads_contact"]}</a></li>'
        + (f'<li><a href="{base}{outlet.feed_path}">{w["rss"]}</a></li>' if has_feed(outlet) else "") + '</ul></div></footer>'
    )


def document(outlet: Outlet, head_html: str, body_html: str, body_class: str = "") -> str:
    """Glue a page together."""
    return (f'<!DOCTYPE html>\n<html lang="{outlet.language}">\n{head_html}\n'
            f'<body class="{body_class}">\n{body_html}\n</body>\n</html>\n')


def listing(outlet: Outlet, articles, base: str, *, path: str, heading: str, thumb) -> str:
    """Homepage or category page: the article list, newest first, with thumbnails and leads."""
    rows = []
    for a in articles:
        img = (f'<a class="thumb" href="{base}{a.path}"><img src="{thumb(a.images[0], 360)}" '
               f'alt="{escape(a.title)}" loading="lazy"></a>') if a.images else ""
        rows.append(
            f'<article class="item item-news">{img}<div><h3 class="title-news"><a href="{base}{a.path}" '
            f'title="{escape(a.title)}">{escape(a.title)}</a></h3><p class="description">{escape(plain(a.sapo))}</p>'
            f'<a class="cat" href="{base}{a.category.path}">{escape(a.category.name)}</a></div></article>')
    title = outlet.name if path == outlet.homepage_path else f"{heading} - {outlet.name}"
    body = (
        masthead(outlet, base, header_class="top-header", nav_class="menu-nav")
        + f'<main class="container layout"><section class="list-news"><h1 class="title-folder">{escape(heading)}</h1>'
        + "".join(rows) + f"</section>{sidebar(outlet, outlet.articles, base)}</main>" + footer(outlet, base)
    )
    return document(outlet, head(outlet, base, title=title, description=outlet.tagline, path=path),
                    body, "page-home" if path == outlet.homepage_path else "page-folder")


def not_found(outlet: Outlet, base: str, path: str) -> str:
    """A 404 page in the outlet's own dress."""
    w = WORDS[outlet.language]
    body = (masthead(outlet, base, header_class="top-header", nav_class="menu-nav")
            + f'<main class="container"><h1>404 - {w["not_found"]}</h1><p><a href="{base}/">{w["home"]}</a></p></main>'
            + footer(outlet, base))
    return document(outlet, head(outlet, base, title=f"404 - {outlet.name}", description=w["not_found"], path=path),
                    body, "page-404")
