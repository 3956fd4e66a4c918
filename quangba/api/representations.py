"""What the API says of each thing: plain dicts built from the models, never more than the public
site shows (no full text of excerpt-only outlets, no images when the outlet forbids them, no
commenters' e-mail addresses)."""
from django.urls import reverse
from django.utils.translation import override

from quangba.articles import licence
from quangba.articles.images import image_dict
from quangba.core.text import web_url
from quangba.media.addresses import absolute


def _iso(value):
    return value.isoformat() if value else None


def section(section, request) -> dict:
    """A section, named in the active language, with its page and feeds."""
    return {
        "slug": section.slug,
        "name": str(section.name),
        "url": request.build_absolute_uri(section.get_absolute_url()),
        "feeds": {kind: request.build_absolute_uri(reverse(f"web:section-feed-{kind}", args=[section.slug]))
                  for kind in ("rss", "atom")},
    }


def outlet(outlet, request) -> dict:
    """A partner outlet with its licence terms, its page on the portal and its feeds."""
    return {
        "slug": outlet.slug,
        "name": outlet.name,
        "homepage": outlet.site_url or None,
        "logo_url": absolute(outlet.logo) if outlet.logo else None,
        "language": outlet.language,
        "licence": outlet.licence,
        "images_allowed": outlet.images_allowed,
        "url": request.build_absolute_uri(outlet.get_absolute_url()),
        "feeds": {kind: request.build_absolute_uri(reverse(f"web:outlet-feed-{kind}", args=[outlet.slug]))
                  for kind in ("rss", "atom")},
    }


def place(place, request) -> dict:
    """A province of the 2025 map (its slug is the contract, e.g. `gia-lai`)."""
    return {"slug": place.slug, "name": place.name, "name_en": place.name_en, "kind": place.kind,
            "url": request.build_absolute_uri(place.get_absolute_url())}


def story(story, request) -> dict:
    """One event told by several outlets: its published articles, oldest first."""
    return {"id": story.pk, "title": story.title, "updated_at": story.updated_at.isoformat(),
            "articles": [{"id": link.article_id, "title": link.article.title, "language": link.article.language,
                          "outlet": link.article.outlet.name, "original_url": link.article.source_url or None,
                          "published_at": link.article.published_at.isoformat()}
                         for link in getattr(story, "public_links", [])]}


def _images(article) -> list[dict]:
    """The pictures shown, at the portal's own address (the JPEG/PNG near 960 px wide)."""
    return [{**image_dict(i), "url": absolute(i.src), "width": i.kept.width, "height": i.kept.height}
            for i in licence.shown_images(article)]


def _media(article) -> list[dict]:
    """The partner feed's media (videos…), posters dropped where images are not allowed."""
    found = []
    for item in article.media or []:
        if isinstance(item, dict) and web_url(item.get("url")):
            entry = {"url": web_url(item["url"]), "type": item.get("type") or None}
            for key in ("length", "duration"):
                if item.get(key):
                    entry[key] = str(item[key])
            if poster := licence.poster(article, item):
                entry["poster"] = absolute(poster)
            found.append(entry)
    return found


def article(article, request, *, full: bool = False) -> dict:
    """A localized article (see quangba.articles.localize); `full` adds the body and the comments."""
    language = article.shown_language
    languages = [article.language] + [t.language for t in article.published_translations
                                      if t.language != article.language]
    with override(language):
        section_data = section(article.section, request) if article.section_id else None
    excerpt_only = not licence.full_text(article.outlet)
    api_path = reverse("api:article", args=[article.pk])
    data = {
        "id": article.pk,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "api_url": request.build_absolute_uri(f"{api_path}?lang={language}"),
        "language": language,
        "original_language": article.language,
        "languages": languages,
        "machine_translated": article.translation is not None and not article.translation.by_editors,
        "translated_by_editors": article.translation is not None and article.translation.by_editors,
        "title": article.title,
        "lead": article.lead,
        "author": article.author,
        "published_at": _iso(article.published_at),
        "updated_at": _iso(article.updated_at),
        "section": section_data,
        "outlet": {"slug": article.outlet.slug, "name": article.outlet.name,
                   "homepage": article.outlet.site_url or None, "logo_url": absolute(article.outlet.logo) if article.outlet.logo else None},
        "original_url": article.source_url or None,
        "excerpt_only": excerpt_only,
        "images": _images(article),
        "media": _media(article),
        "tags": list(article.tags or []),
    }
    if full:
        # Excerpt-only outlets share their lead and nothing more.
        data["body_html"] = licence.body_html(article)
        data["comments"] = [{"name": c.name, "text": c.text, "created_at": _iso(c.created_at)}
                            for c in article.comments.approved().only("article_id", "name", "text", "created_at")[:200]]
    return data
