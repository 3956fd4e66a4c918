"""Article pages of the demo outlets, one layout per imitated Vietnamese news CMS.

* ``fck``       — the `.title-detail` / `.description` / `article.fck_detail` family, lazy <picture>s,
                  author in bold at the end of the body.
* ``shared``    — the widespread `.detail-title` / `.detail-sapo` / `.detail-content` CMS with
                  `figure.VCSortableInPreviewMode`, `thumb_w/` resized images and JSON-LD.
* ``singular``  — `.singular-container` / `.singular-sapo` / `.singular-content`, plus the
                  `.e-magazine` photo-story variant.
* ``vnn``       — `.content-detail-title` / `.content-detail-sapo` / `#maincontent`, <noscript> images.
* ``magazine``  — `.title-detail` div / `.sapo_detail` / `#content_detail_news`, WordPress-style srcset.
"""
from html import escape

from .chrome import (WORDS, ad_slot, comments, document, footer, head, inline, masthead, most_read,
                     newsletter, plain, share_bar, sidebar, stable_order)
from .outlets import Article, Image, Outlet

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
VI_DAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
# Spelled out rather than strftime's %A/%B, which follow the process locale.
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


def image_url(style: str, base: str, image: Image, width: int | None = None) -> str:
    """Where a layout points for an image, resized the way that CMS resizes (query, path prefix or suffix)."""
    if not width:
        return base + image.path
    if style == "fck":
        return f"{base}{image.path}?w={width}&h=0&q=100&dpr=1&fit=crop"
    if style == "vnn":
        return f"{base}{image.path}?width={width}"
    if style == "magazine":
        return f"{base}{image.path[:-4]}-{width}x{width * image.height // image.width}.png"
    return f"{base}/thumb_w/{width}{image.path}"


def credit_caption(outlet: Outlet, image: Image, fmt: str) -> str:
    """Caption text with the photo credit placed the way this outlet writes it."""
    word = WORDS[outlet.language]["photo"]
    return fmt.format(caption=escape(image.caption), credit=escape(image.credit), photo=word)


def related(article: Article, articles, n: int = 2) -> list[Article]:
    """Other articles worth linking: same category first, then the rest in a stable order."""
    others = [a for a in stable_order(articles, article.slug) if a.slug != article.slug]
    return sorted(others, key=lambda a: a.category.slug != article.category.slug)[:n]


def compose(outlet, article, articles, base, *, para, figure, box, video="", ad="") -> str:
    """Body HTML: paragraphs with their figures, a related box mid-way, an ad slot, a closing link."""
    links = {a.slug: base + a.path for a in articles}
    images = article.images[1:] if article.video else article.images
    last = len(article.body) - 1
    parts = [video] + [figure(i) for i in images if i.after < 0]
    for n, text in enumerate(article.body):
        parts.append(para(inline(text[3:], links), True) if text.startswith("## ") else para(inline(text, links), False))
        parts += [figure(i) for i in images if min(i.after, last) == n and i.after >= 0]
        if n == 0 and ad:
            parts.append(ad)
        if n == len(article.body) // 2 and len(article.body) > 2:
            parts.append(box(related(article, articles, 1)))
    more = related(article, articles, 2)[-1]
    see = WORDS[outlet.language]["see_more"]
    parts.append(para(f'<em>{see}:</em> <a href="{base}{more.path}">{escape(more.title)}</a>', False))
    return "\n".join(p for p in parts if p)


def tags_html(article: Article, base: str, css: str) -> str:
    """Topic tags under the article."""
    return f'<div class="{css}">' + "".join(
        f'<h4 class="item-tag"><a href="{base}/" title="{escape(t)}">{escape(t)}</a></h4>' for t in article.tags) + "</div>"


def video_tag(base: str, article: Article, css: str, width: int = 680) -> str:
    """A self-hosted <video> or a YouTube iframe, whichever the article carries."""
    v = article.video
    if not v:
        return ""
    if v.youtube_id:
        return (f'<div class="{css}"><iframe width="{width}" height="{width * 9 // 16}" src="{v.embed_url}" '
                'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; encrypted-media; '
                'picture-in-picture" allowfullscreen></iframe></div>')
    return (f'<div class="{css}"><video controls preload="none" width="{width}" height="{width * 9 // 16}" '
            f'poster="{base}{v.poster.path}" data-duration="{v.duration}"><source src="{base}{v.path}" '
            'type="video/mp4"></video></div>')


def news_ld(outlet: Outlet, article: Article, base: str) -> dict:
    """schema.org NewsArticle, as the CMSs that publish it fill it in."""
    return {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": base + article.path},
        "headline": article.title, "description": plain(article.sapo),
        "image": [base + i.path for i in article.images],
        "datePublished": article.published.isoformat(), "dateModified": article.updated.isoformat(),
        "articleSection": article.category.name, "inLanguage": outlet.language,
        "author": {"@type": "Person", "name": article.author},
        "publisher": {"@type": "Organization", "name": outlet.name,
                      "logo": {"@type": "ImageObject", "url": base + outlet.logo_path}},
    }


def _head(outlet, article, base, jsonld=None):
    image = base + article.images[0].path if article.images else ""
    return head(outlet, base, title=f"{article.title} - {outlet.name}", description=plain(article.sapo),
                path=article.path, image=image, article=article, jsonld=jsonld)


def fck(outlet: Outlet, article: Article, articles, base: str) -> str:
    """The `.fck_detail` layout: lazy <picture> figures, bold author line closing the body."""
    d = article.published

    def figure(img):
        size = image_url("fck", base, img, 680)
        return (f'<figure data-size="true" itemprop="associatedMedia image" itemscope itemtype="http://schema.org/'
                f'ImageObject" class="tplCaption"><meta itemprop="url" content="{base}{img.path}">'
                f'<div class="fig-picture"><picture><source data-srcset="{size} 1x, '
                f'{image_url("fck", base, img, 1020)} 1.5x"><img itemprop="contentUrl" loading="lazy" '
                f'alt="{escape(img.caption)}" class="lazy" src="{PIXEL}" data-src="{size}"></picture></div>'
                f'<figcaption itemprop="description"><p class="Image">'
                f'{credit_caption(outlet, img, "{caption} {photo}: <em>{credit}</em>")}</p></figcaption></figure>')

    def box(items):
        return "".join(f'<div class="box-related"><p>{WORDS[outlet.language]["read_also"]}: '
                       f'<a href="{base}{a.path}">{escape(a.title)}</a></p></div>' for a in items)

    body = compose(outlet, article, articles, base, figure=figure, box=box,
                   para=lambda t, h: f'<p class="Normal"><strong>{t}</strong></p>' if h else f'<p class="Normal">{t}</p>',
                   video=video_tag(base, article, "box_embed_video"))
    byline = escape(outlet.byline.format(author=article.author))
    date = f"{VI_DAYS[d.weekday()]}, {d.day}/{d.month}/{d.year}, {d:%H:%M} (GMT+7)"
    main = (
        f'<section class="section page-detail top-detail"><div class="container layout"><div class="sidebar-1">'
        f'<div class="header-content width_common"><ul class="breadcrumb"><li><a href="{base}{article.category.path}" '
        f'title="{escape(article.category.name)}">{escape(article.category.name)}</a></li></ul>'
        f'<span class="date">{date}</span></div><h1 class="title-detail">{escape(article.title)}</h1>'
        f'{share_bar(outlet, base + article.path, "social_pin")}<p class="description">{escape(plain(article.sapo))}</p>'
        f'<article class="fck_detail ">{body}<p class="Normal" style="text-align:right;"><strong>{byline}</strong></p>'
        f'<span id="article-end"></span></article><div class="footer-content width_common">'
        f'<a href="{base}{article.category.path}" class="back-folder">{WORDS[outlet.language]["back"]} {escape(article.category.name)}</a>'
        f'{share_bar(outlet, base + article.path, "social")}</div>{tags_html(article, base, "tags")}'
        f'{comments(outlet, article, "box_comment_vne width_common")}</div>'
        f'{sidebar(outlet, articles, base, article.slug)}</div></section>'
    )
    script = f"<script>var article_id={article.id}, category_id='{article.category.slug}';</script>"
    return document(outlet, _head(outlet, article, base),
                    masthead(outlet, base, header_class="section top-header", nav_class="main-nav",
                             active=article.category.slug) + main + footer(outlet, base) + script, "page-detail")


def shared(outlet: Outlet, article: Article, articles, base: str) -> str:
    """The `.detail-content` CMS: `thumb_w/` images with width/height, RelatedNews box, JSON-LD."""
    def figure(img):
        return (f'<figure class="VCSortableInPreviewMode" type="Photo"><div><img src="{image_url("shared", base, img, 730)}" '
                f'data-original="{base}{img.path}" w="{img.width}" h="{img.height}" width="{img.width}" '
                f'height="{img.height}" alt="{escape(img.caption)}" title="{escape(article.title)}" rel="lightbox" '
                f'type="photo" style="max-width:100%;" loading="lazy"></div><figcaption class="PhotoCMS_Caption">'
                f'<p data-placeholder="Nhập chú thích ảnh">{credit_caption(outlet, img, "{caption} - {photo}: {credit}")}'
                "</p></figcaption></figure>")

    def box(items):
        links = "".join(f'<li><a href="{base}{a.path}" title="{escape(a.title)}">{escape(a.title)}</a></li>' for a in items)
        return (f'<div class="VCSortableInPreviewMode box-related" type="RelatedNewsBox"><p class="related-title">'
                f'{WORDS[outlet.language]["read_also"]}</p><ul>{links}</ul></div>')

    body = compose(outlet, article, articles, base, figure=figure, box=box,
                   para=lambda t, h: f"<h2>{t}</h2>" if h else f"<p>{t}</p>",
                   video=video_tag(base, article, "VCSortableInPreviewMode embed-video", 730),
                   ad=ad_slot(outlet, 211))
    d = article.published
    main = (
        f'<div class="detail__main container layout"><div class="detail__cmain" id="main-detail"><div class="detail-top">'
        f'<div class="detail-cate"><a href="{base}{article.category.path}" title="{escape(article.category.name)}" '
        f'data-role="cate-name">{escape(article.category.name)}</a></div><div class="detail-time">'
        f'<div data-role="publishdate">{d:%d/%m/%Y %H:%M} GMT+7</div></div></div>'
        f'<h1 class="detail-title article-title" data-role="title">{escape(article.title)}</h1>'
        f'<div class="detail-info"><div class="detail-author"><div class="author-info"><a class="name" '
        f'href="{base}/tac-gia.htm" title="{escape(article.author)}">'
        f'{escape(outlet.byline.format(author=article.author))}</a></div></div>{share_bar(outlet, base + article.path)}</div>'
        f'<h2 class="detail-sapo" data-role="sapo">({escape(outlet.short_name)}) - {escape(plain(article.sapo))}</h2>'
        f'<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content" itemprop="articleBody">'
        f'{body}</div></div>{tags_html(article, base, "detail-tab")}{newsletter(outlet)}'
        f'{comments(outlet, article, "detail-comment")}</div>{sidebar(outlet, articles, base, article.slug)}</div>'
    )
    return document(outlet, _head(outlet, article, base, news_ld(outlet, article, base)),
                    masthead(outlet, base, header_class="header", nav_class="menu-nav", active=article.category.slug)
                    + main + footer(outlet, base), "detail-page")


def _singular_figure(outlet, base, img, css="image align-center"):
    return (f'<figure class="{css}" contenteditable="false"><img title="{escape(img.caption)}" '
            f'src="{image_url("singular", base, img, 680)}" alt="{escape(img.caption)}" data-width="{img.width}" '
            f'data-height="{img.height}" data-original="{base}{img.path}" data-src="{image_url("singular", base, img, 680)}">'
            f'<figcaption><p>{credit_caption(outlet, img, "{caption} ({photo}: {credit}).")}</p></figcaption></figure>')


def singular(outlet: Outlet, article: Article, articles, base: str) -> str:
    """The `.singular-container` layout (and `.e-magazine` for photo stories); related links in a table."""
    def box(items):
        rows = "".join(f'<tr><td><a href="{base}{a.path}">{escape(a.title)}</a></td></tr>' for a in items)
        return (f'<table class="related" contenteditable="false"><tbody><tr><th>'
                f'{WORDS[outlet.language]["related"]}</th></tr>{rows}</tbody></table>')

    magazine = article.layout == "emagazine"
    body = compose(outlet, article, articles, base, box=box,
                   figure=lambda i: _singular_figure(outlet, base, i, "image align-overflow" if magazine else "image align-center"),
                   para=lambda t, h: f"<h2>{t}</h2>" if h else f"<p>{t}</p>",
                   video=video_tag(base, article, "video-wrap"))
    d = article.published
    author = (f'<div class="author-wrap"><div class="author-name"><a href="{base}/tac-gia.htm"><b>'
              f'{escape(article.author)}</b></a></div><time class="author-time" datetime="{d:%Y-%m-%d %H:%M}">'
              f'{VI_DAYS[d.weekday()]}, {d:%d/%m/%Y - %H:%M}</time></div>')
    sapo = f"({escape(outlet.short_name)}) - {escape(plain(article.sapo))}"
    byline = f'<div class="singular-author"><strong>{escape(outlet.byline.format(author=article.author))}</strong></div>'
    crumbs = (f'<ul class="dt-breadcrumb breadcrumb"><li><a href="{base}/">{WORDS[outlet.language]["home"]}</a></li><li>'
              f'<a href="{base}{article.category.path}">{escape(article.category.name)}</a></li></ul>')
    if magazine:
        main = (f'<main class="body container">{crumbs}<article class="e-magazine bg-wrap photo-story">'
                f'<div class="e-magazine__info"><h1 class="e-magazine__title">{escape(article.title)}</h1>{author}</div>'
                f'<div class="e-magazine__sapo sapo-top">{sapo}</div><div class="e-magazine__body">{body}{byline}</div>'
                f'{tags_html(article, base, "tags-wrap")}</article>{most_read(outlet, articles, base, article.slug)}'
                f'{comments(outlet, article)}</main>')
    else:
        main = (f'<main class="body container"><div class="singular-wrap layout"><div class="singular-main">{crumbs}'
                f'<article class="singular-container"><h1 class="title-page detail">{escape(article.title)}</h1>'
                f'{author}{share_bar(outlet, base + article.path)}<h2 class="singular-sapo">{sapo}</h2>'
                f'<div class="singular-content">{body}</div>{byline}{tags_html(article, base, "tags-wrap")}</article>'
                f'{comments(outlet, article)}</div>{sidebar(outlet, articles, base, article.slug)}</div></main>')
    return document(outlet, _head(outlet, article, base),
                    masthead(outlet, base, header_class="header container bg-wrap", nav_class="menu container",
                             active=article.category.slug) + main + footer(outlet, base), "singular")


def vnn(outlet: Outlet, article: Article, articles, base: str) -> str:
    """The `#maincontent` layout: placeholder-src images with data-srcset and a <noscript> copy."""
    def figure(img):
        big = image_url("vnn", base, img, 760)
        return (f'<figure class="image vnn-content-image"><picture><source data-srcset="{big}" media="--large">'
                f'<img class="lazy" src="{PIXEL}" data-srcset="{big}" alt="{escape(img.caption)}" '
                f'width="760" height="{760 * img.height // img.width}"></picture><noscript><img src="{big}" '
                f'alt="{escape(img.caption)}"></noscript><figcaption><p>'
                f'{credit_caption(outlet, img, "{caption} {photo}: {credit}")}</p></figcaption></figure>')

    def box(items):
        links = "".join(f'<li class="related-news__item"><a href="{base}{a.path}">{escape(a.title)}</a></li>' for a in items)
        return (f'<div class="vnn-box-related related-news"><h3>{WORDS[outlet.language]["related"]}</h3>'
                f"<ul>{links}</ul></div>")

    body = compose(outlet, article, articles, base, figure=figure, box=box,
                   para=lambda t, h: f"<h2>{t}</h2>" if h else f"<p>{t}</p>",
                   video=video_tag(base, article, "vnn-embed-video", 760), ad=ad_slot(outlet, 91))
    d = article.published
    main = (
        f'<div class="container layout"><div class="content-detail content-detail-type-1">'
        f'<div class="breadcrumb-box"><ul class="breadcrumb"><li><a href="{base}{article.category.path}">'
        f'{escape(article.category.name)}</a></li></ul><div class="bread-crumb-detail__time">'
        f'{EN_DAYS[d.weekday()]}, {d:%d/%m/%Y - %H:%M}</div></div><h1 class="content-detail-title">{escape(article.title)}</h1>'
        f'<div class="article-detail-author-wrapper"><div class="article-detail-author"><p class="article-detail-author__info">'
        f'<span class="name"><a href="{base}/author.html" title="{escape(article.author)}">{escape(article.author)}</a>'
        f'</span></p></div></div><div class="vnn-share-social">{share_bar(outlet, base + article.path)}'
        f'<div class="publish-date">{EN_MONTHS[d.month - 1]} {d.day}, {d:%Y %H:%M} GMT+7</div></div>'
        f'<h2 class="content-detail-sapo sm-sapo-mb-0">{escape(plain(article.sapo))}</h2>{ad_slot(outlet, 90)}'
        f'<div class="maincontent main-content" id="maincontent">{body}</div>{tags_html(article, base, "tag-content")}'
        f'{newsletter(outlet)}{comments(outlet, article, "comment-box")}</div>{sidebar(outlet, articles, base, article.slug)}</div>'
    )
    meta = (f'<meta name="pubdate" content="{d:%Y-%m-%dT%H:%M:%S}.000 +07:00">'
            f'<meta name="author" content="{escape(article.author)}">')
    page = document(outlet, _head(outlet, article, base, news_ld(outlet, article, base)),
                    masthead(outlet, base, header_class="header-desktop", nav_class="header__menu",
                             active=article.category.slug) + main + footer(outlet, base), "detail")
    return page.replace("</head>", meta + "\n</head>", 1)


def magazine(outlet: Outlet, article: Article, articles, base: str) -> str:
    """The `#content_detail_news` layout: related list above the body, srcset images, JSON-LD @graph."""
    def figure(img):
        h = img.height
        srcset = ", ".join(f"{image_url('magazine', base, img, w)} {w}w" for w in (300, 768)) + f", {base}{img.path} {img.width}w"
        return (f'<figure class="wp-block-image size-large"><img src="{image_url("magazine", base, img, 768)}" '
                f'srcset="{srcset}" sizes="(max-width: 768px) 100vw, 768px" width="768" height="{768 * h // img.width}" '
                f'alt="{escape(img.caption)}" loading="lazy" decoding="async"><figcaption class="wp-element-caption">'
                f'{credit_caption(outlet, img, "{caption} ({photo}: {credit})")}</figcaption></figure>')

    def box(items):
        return "".join(f'<div class="box-related">{WORDS[outlet.language]["read_also"]}: <a href="{base}{a.path}">'
                       f"{escape(a.title)}</a></div>" for a in items)

    body = compose(outlet, article, articles, base, figure=figure, box=box,
                   para=lambda t, h: f"<h3>{t}</h3>" if h else f'<p style="text-align: justify;">{t}</p>',
                   video=video_tag(base, article, "video-embed", 630))
    d = article.published
    top = "".join(f'<li><a title="{escape(a.title)}" href="{base}{a.path}">{escape(a.title)}</a></li>'
                  for a in related(article, articles, 3)[1:])
    main = (
        f'<div class="container layout"><div class="col630 ml-auto mb40"><div class="fs16 text-uppercase">'
        f'<a href="{base}{article.category.path}">{escape(article.category.name)}</a></div>'
        f'<div class="title-detail">{escape(article.title)}</div><div class="author-share-top">'
        f'<div class="mr-auto"><a href="{base}/about/" class="author cl_green">{escape(article.author)}</a>'
        f'<span class="post-time"> - {EN_MONTHS[d.month - 1]} {d.day}, {d:%Y | %H:%M} GMT+7</span></div>'
        f'{share_bar(outlet, base + article.path, "ml-auto")}</div><div class="sapo_detail">{escape(plain(article.sapo))}</div>'
        f'<div class="list_news_relation_top"><span class="head_relation"><strong>{WORDS[outlet.language]["related"].upper()}'
        f'</strong></span><ul>{top}</ul></div><div id="content_detail_news">{body}</div>'
        f'{tags_html(article, base, "tag_detail")}{newsletter(outlet)}{comments(outlet, article)}</div>'
        f'{sidebar(outlet, articles, base, article.slug)}</div>'
    )
    ld = news_ld(outlet, article, base)
    del ld["@context"]
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": base + article.path, "url": base + article.path, "name": article.title},
        dict(ld, **{"@type": "Article"}), {"@type": "Organization", "name": outlet.name, "url": base + "/"}]}
    return document(outlet, _head(outlet, article, base, graph),
                    masthead(outlet, base, header_class="header", nav_class="menu_main", active=article.category.slug)
                    + main + footer(outlet, base), "single single-post")


LAYOUTS = {"fck": fck, "shared": shared, "singular": singular, "vnn": vnn, "magazine": magazine}


def article_page(outlet: Outlet, article: Article, articles, base: str) -> str:
    """Render one article page in its outlet's CMS layout."""
    return LAYOUTS[outlet.style](outlet, article, articles, base)
