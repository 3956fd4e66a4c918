"""What search engines and link previews read from an article page: JSON-LD (NewsArticle and
BreadcrumbList), OpenGraph and Twitter card tags. The data is built here, in Python, and emitted as
inert `application/ld+json` blocks, so no executable inline script is ever needed."""
import json
import re

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, to_locale

from quangba.articles import licence
from quangba.media.addresses import absolute

from .context import SITE_NAME

# OpenGraph wants a territory; these are the usual ones for the site's languages.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "es": "es_ES"}

# The characters that could end the <script> element or start markup, as JSON escapes.
_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026",
               ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def site_name() -> str:
    """The portal's name in the active language (settings.QUANGBA_SITE_NAME overrides it)."""
    return str(settings.QUANGBA_SITE_NAME or SITE_NAME)


def site_logo(request) -> str:
    """The absolute URL of the portal's logo (settings.QUANGBA_SITE_LOGO: a URL, or a static file)."""
    logo = settings.QUANGBA_SITE_LOGO
    return logo if "://" in logo else request.build_absolute_uri(static(logo))


def og_locale(language: str) -> str:
    """`vi` → `vi_VN`: the OpenGraph spelling of a site language."""
    return OG_LOCALES.get(language) or to_locale(language)


def ld_json(data) -> str:
    """A `<script type="application/ld+json">` element whose content cannot break out of it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_LD_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def iso(moment) -> str:
    """A date-time in ISO 8601, in the site's time zone (as on the page), to the second."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def lead_image_url(article) -> str:
    """The lead image's absolute URL (the portal's copy), or "" when there is none or the outlet
    does not allow images."""
    image = licence.lead_image(article)
    return absolute(image.src) if image is not None and image.src else ""


_CREDIT_WORD = re.compile(r"^\s*(?:ảnh|photo|foto|nguồn|source|fuente)\s*:\s*", re.I)


def image_objects(article) -> list[dict]:
    """schema.org ImageObject of each picture shown, with its credit, the outlet's copyright and
    the photographer (or the outlet) as creator."""
    found = []
    for image in licence.shown_images(article):
        media = image.kept
        name = _CREDIT_WORD.sub("", image.credit).strip()
        item = {"@type": "ImageObject", "url": absolute(image.src), "width": media.width, "height": media.height,
                "copyrightNotice": f"© {article.outlet.name}",
                "creator": {"@type": "Person", "name": name} if name else _organization(article.outlet),
                "creditText": image.credit or article.outlet.name}
        found.append(item)
    return found


def _organization(outlet) -> dict:
    data = {"@type": "NewsMediaOrganization", "name": outlet.name}
    if outlet.site_url:
        data["url"] = outlet.site_url
    if outlet.logo:
        data["logo"] = {"@type": "ImageObject", "url": absolute(outlet.logo)}
    return data


def news_article(article, request, *, original_page: str = "") -> dict:
    """schema.org NewsArticle of a (localized) article, crediting its outlet and original URL."""
    url = request.build_absolute_uri(article.get_absolute_url())
    home = request.build_absolute_uri(reverse("web:home"))
    modified = article.updated_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(article.published_at),
        "dateModified": iso(modified),
        "inLanguage": getattr(article, "shown_language", article.language),
        "isBasedOn": article.source_url,
        "isAccessibleForFree": True,
        "sourceOrganization": _organization(article.outlet),
        "publisher": {"@type": "Organization", "name": site_name(), "url": home,
                      "logo": {"@type": "ImageObject", "url": site_logo(request)}},
        "author": ([{"@type": "Person", "name": article.author}] if article.author
                   else [_organization(article.outlet)]),
    }
    if not data["isBasedOn"]:
        del data["isBasedOn"]
    if article.lead:
        data["description"] = article.lead
    if article.section_id:
        data["articleSection"] = str(article.section.name)
    pictures = image_objects(article)
    if pictures:
        data["image"] = pictures
    elif image := lead_image_url(article):  # a video's poster
        data["image"] = [image]
    if original_page:
        # A machine translation: point to our page of the original as the work it translates.
        data["translationOfWork"] = {"@type": "NewsArticle", "url": request.build_absolute_uri(original_page),
                                     "inLanguage": article.language}
    return data


def breadcrumbs(article, request) -> dict:
    """schema.org BreadcrumbList: Home › Section › Article."""
    trail = [(gettext("Home"), reverse("web:home"))]
    if article.section_id:
        trail.append((str(article.section.name), article.section.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": request.build_absolute_uri(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def social_tags(article, request, alternates) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of the OpenGraph and Twitter card meta tags of an article page."""
    language = getattr(article, "shown_language", article.language)
    url = request.build_absolute_uri(article.get_absolute_url())
    image = lead_image_url(article)
    summary = Truncator(article.lead).chars(300)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site_name()),
        ("property", "og:title", article.title),
        ("property", "og:description", summary),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(language)),
    ]
    tags += [("property", "og:locale:alternate", og_locale(code)) for code, _url in alternates if code != language]
    if image:
        tags.append(("property", "og:image", image))
    tags += [
        ("property", "article:published_time", iso(article.published_at)),
        ("property", "article:modified_time", iso(article.updated_at)),
        ("property", "article:author", article.author or article.outlet.name),
    ]
    if article.section_id:
        tags.append(("property", "article:section", str(article.section.name)))
    tags += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", article.title),
        ("name", "twitter:description", summary),
    ]
    if image:
        tags.append(("name", "twitter:image", image))
    return [(attr, name, content) for attr, name, content in tags if content]
