"""RSS 2.0 and Atom feeds of the public site: per language (the URL's), and per section, outlet and
province. Items are the published articles readable in that language, crediting their outlet."""
import mimetypes
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import get_language, gettext as _

from quangba.articles import licence
from quangba.articles.localize import shown_in
from quangba.articles.models import Article, Listing, PlaceListing
from quangba.core.text import web_url
from quangba.media.addresses import absolute, absolute_html, fallback, url
from quangba.media.pictures import MIME
from quangba.sources.models import Outlet
from quangba.taxonomy.models import Place, Section

from .seo import lead_image_url, site_name
from .templatetags.quangba import body

FEED_ITEMS = 50
MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the one <enclosure> RSS allows, and every medium as Media RSS <media:content>."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        enclosures = list(item["enclosures"])
        super().add_item_elements(handler, {**item, "enclosures": enclosures[:1]})
        for enclosure in enclosures:
            handler.addQuickElement("media:content", "", {
                "url": enclosure.url, "type": enclosure.mime_type, "medium": enclosure.mime_type.split("/")[0]})
        if item.get("thumbnail"):
            handler.addQuickElement("media:thumbnail", "", {"url": item["thumbnail"]})


def _guess_type(url: str, default: str) -> str:
    return mimetypes.guess_type(urlsplit(url).path)[0] or default


def video_enclosures(article) -> list[Enclosure]:
    """The article's video files from its partner feed (pages such as YouTube's are not enclosures)."""
    found = []
    for media in article.media or []:
        url = (media.get("url") or "").strip() if isinstance(media, dict) else ""
        if not web_url(url) or any(e.url == url for e in found):
            continue
        kind = (media.get("type") or "").lower()
        if not kind.startswith("video/"):
            kind = _guess_type(url, "")
        if kind.startswith("video/"):
            length = str(media.get("length") or "")
            found.append(Enclosure(url, length if length.isdigit() else "0", kind))
    return found


def video_poster(article) -> str:
    """The poster image of the article's first video that has one, or ""."""
    for media in article.media or []:
        if isinstance(media, dict) and (poster := licence.poster(article, media)):
            return absolute(poster)
    return ""


class LatestArticlesFeed(Feed):
    """The newest articles readable in the URL's language (RSS 2.0 with Media RSS)."""

    feed_type = MediaRssFeed

    def rows(self, language, obj):
        """The listings of this feed's scope (all, a section, an outlet, a province), newest first."""
        return Listing.objects.filter(language=language)

    def scope_name(self, obj) -> str:
        return ""

    def title(self, obj):
        scope = self.scope_name(obj)
        return _("%(site)s — %(scope)s") % {"site": site_name(), "scope": scope} if scope else site_name()

    def link(self, obj):
        return reverse("web:home")

    def description(self, obj):
        scope = self.scope_name(obj)
        if scope:
            return _("The latest articles of %(scope)s from Vietnam's partner newspapers, credited to "
                     "every outlet.") % {"scope": scope}
        return _("The latest articles from Vietnam's partner newspapers, credited to every outlet.")

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        language = get_language()
        ids = list(self.rows(language, obj).order_by("-published_at", "-article_id")
                   .values_list("article_id", flat=True)[:FEED_ITEMS])
        return shown_in(Article.objects.for_cards(), ids, language)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        """The lead, then the body unless the outlet shares excerpts only, then the credit line."""
        parts = [format_html("<p>{}</p>", article.lead)] if article.lead else []
        if licence.full_text(article.outlet):
            parts.append(absolute_html(body(article)))  # feed readers do not resolve relative pictures
        parts.append(format_html('<p>{} <a href="{}">{}</a></p>', _("Source:"), article.source_url or self.item_link(article),
                                 article.outlet.name))
        return "".join(str(part) for part in parts)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_author_name(self, article):
        return article.outlet.name

    def item_author_link(self, article):
        return article.outlet.site_url or None

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [str(article.section.name)] if article.section_id else []

    def item_enclosures(self, article):
        """Videos first (RSS keeps only the first enclosure), then the lead image if allowed."""
        enclosures = video_enclosures(article)
        lead = licence.lead_image(article)
        chosen = fallback(lead.kept) if lead is not None and lead.kept else None
        if chosen:  # the very file the URL names: its length is known
            enclosures.append(Enclosure(absolute(url(chosen["n"])), str(chosen["b"]), MIME[chosen["f"]]))
        return enclosures

    def item_extra_kwargs(self, article):
        poster = video_poster(article)
        return {"thumbnail": poster or lead_image_url(article)}


class SectionFeed(LatestArticlesFeed):
    """The newest articles of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def rows(self, language, section):
        return Listing.objects.filter(language=language, section=section)

    def scope_name(self, section):
        return str(section.name)

    def link(self, section):
        return section.get_absolute_url()


class OutletFeed(LatestArticlesFeed):
    """The newest articles of one partner outlet (none once it is taken down)."""

    def get_object(self, request, slug):
        return get_object_or_404(Outlet, slug=slug, active=True)

    def rows(self, language, outlet):
        return Listing.objects.filter(language=language, outlet=outlet)

    def scope_name(self, outlet):
        return outlet.name

    def link(self, outlet):
        return outlet.get_absolute_url()


class ProvinceFeed(LatestArticlesFeed):
    """The newest articles about one province of the 2025 map."""

    def get_object(self, request, slug):
        return get_object_or_404(Place, slug=slug)

    def rows(self, language, place):
        return PlaceListing.objects.filter(language=language, place=place)

    def scope_name(self, place):
        return place.display_name(get_language())

    def link(self, place):
        return place.get_absolute_url()


class AtomFeedMixin:
    feed_type = Atom1Feed


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    pass


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class OutletAtomFeed(AtomFeedMixin, OutletFeed):
    pass


class ProvinceAtomFeed(AtomFeedMixin, ProvinceFeed):
    pass
