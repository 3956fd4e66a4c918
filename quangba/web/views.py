"""Public pages: home, sections, outlets, articles. Each page needs a handful of queries."""
import unicodedata

from django.conf import settings
from django.core.paginator import EmptyPage
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext as _

from quangba.articles import licence, listings
from quangba.articles.localize import localize, shown_in
from quangba.articles.models import Article, ArticleTranslation, ListCount, Listing, PlaceListing, images_with_files
from quangba.core import params
from quangba.core.text import sort_key
from quangba.sources.models import Outlet
from quangba.stories.front import picked, with_leads
from quangba.stories.models import RelatedArticle, Story, StoryArticle
from quangba.taxonomy.models import Place, Section

from .cache import cached_page

PER_PAGE = 20
HOME_LATEST = 7
HOME_PER_SECTION = 4


def cards(ids: list[int], language: str) -> list[Article]:
    """The articles of these ids, in this order, as cards in `language` (the lists chose them,
    readable in the language, from their listings)."""
    return shown_in(Article.objects.for_cards(), ids, language)


def _page(request, rows, total: int, language: str):
    """The page the reader asked for; past the end there is no such page (404)."""
    number = params.whole_number("page", request.GET.get("page"), default=1, minimum=1)
    try:
        page = listings.page_of(rows, number, per_page=PER_PAGE, total=total)
    except EmptyPage:
        raise Http404("No such page.") from None
    page.object_list = cards(list(page.object_list), language)
    return page


def _newest_per_section(language: str, sections: list[Section], per_section: int) -> dict[int, list[tuple]]:
    """The newest listings of every section in one statement of bounded index scans."""
    table = Listing._meta.db_table
    part = (f"SELECT * FROM (SELECT section_id, article_id, story FROM {table} WHERE language = %s AND section_id = %s "
            f"ORDER BY published_at DESC, article_id DESC LIMIT {per_section}) AS s")
    found: dict[int, list[tuple]] = {}
    if sections:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"{part}{n}" for n in range(len(sections))),
                           [value for section in sections for value in (language, section.pk)])
            for section_id, article_id, story in cursor.fetchall():
                found.setdefault(section_id, []).append((article_id, story))
    return found


@cached_page
def home(request):
    language = get_language()
    sections = list(Section.objects.all())
    # The newest listings, and each section's, in two statements; a story shows one card.
    newest = list(Listing.objects.filter(language=language).order_by("-published_at", "-article_id")
                  .values_list("article_id", "story")[:HOME_LATEST * 4])
    per_section = _newest_per_section(language, sections, HOME_PER_SECTION * 3)
    # The editors' picks lead; every story's card is its chosen lead article where it has one.
    picks = picked(language)
    swapped = iter(with_leads(newest + [row for rows in per_section.values() for row in rows], language))
    newest = [next(swapped) for _row in newest]
    per_section = {section: [next(swapped) for _row in rows] for section, rows in per_section.items()}
    latest_ids, shown_stories = one_per_story(picks + newest, HOME_LATEST)
    block_ids = {}
    for section in sections:
        rows = per_section.get(section.pk, [])
        fresh = [(pk, story) for pk, story in rows if story not in shown_stories]
        block_ids[section.pk], _stories = one_per_story(fresh, HOME_PER_SECTION)
        if len(block_ids[section.pk]) < 2:  # a section whose news is all in Latest still has its block
            block_ids[section.pk], _stories = one_per_story(rows, HOME_PER_SECTION)
    shown = cards(latest_ids + [pk for ids in block_ids.values() for pk in ids], language)
    by_pk = {a.pk: a for a in shown}
    count_other_reports(shown)
    blocks = [(section, [by_pk[pk] for pk in block_ids[section.pk] if pk in by_pk]) for section in sections]
    return render(request, "web/home.html", {
        "latest": [by_pk[pk] for pk in latest_ids if pk in by_pk],
        "blocks": [(section, items) for section, items in blocks if items],  # an empty block is not rendered
        "sections": sections, "alternates": _all_languages(request),
    })


RAIL_ITEMS = 5


@cached_page
def rail(request, slug):
    """The article pages' side column for a section, as a fragment their script fetches: more
    from the section, the latest, videos. Baked with the section's front pages, so an article's
    page never holds a stale list (a takedown re-bakes this one fragment, not every article)."""
    section = get_object_or_404(Section, slug=slug)
    language = get_language()
    video = Section.objects.filter(slug="video").first()
    newest = Listing.objects.filter(language=language).order_by("-published_at", "-article_id")
    more = list(newest.filter(section=section).values_list("article_id", flat=True)[:RAIL_ITEMS + 1])
    latest = list(newest.exclude(section__in=[s for s in (section, video) if s])
                  .values_list("article_id", flat=True)[:RAIL_ITEMS])  # videos have their own block
    clips = list(newest.filter(section=video).values_list("article_id", flat=True)[:3]) \
        if video and video != section else []
    by_pk = {a.pk: a for a in cards(list(dict.fromkeys(more + latest + clips)), language)}
    blocks = [(_("More in %(section)s") % {"section": section.name}, more, "more"),
              (_("Latest"), latest, "latest"), (_("Video"), clips, "video")]
    return render(request, "web/rail.html", {"blocks": [
        (title, [by_pk[pk] for pk in ids if pk in by_pk], kind) for title, ids, kind in blocks
        if any(pk in by_pk for pk in ids)], "section": section})


PAGES = {"about", "contact", "privacy"}


@cached_page
def page(request, name):
    """The site's own pages: About, Contact, Privacy."""
    if name not in PAGES:
        raise Http404("No such page.")
    return render(request, f"web/pages/{name}.html")


def one_per_story(rows: list[tuple], limit: int) -> tuple[list[int], set]:
    """The first article of each story among (article, story) rows, up to `limit`."""
    ids, stories = [], set()
    for pk, story in rows:
        if story is not None and story in stories:
            continue
        stories.add(story)
        ids.append(pk)
        if len(ids) == limit:
            break
    return ids, stories - {None}


def count_other_reports(articles: list[Article]) -> None:
    """Each card's count of the story's other public reports ("2 more outlets")."""
    story_of = dict(StoryArticle.objects.filter(article_id__in=[a.pk for a in articles])
                    .values_list("article_id", "story_id"))
    reports = dict(Story.objects.filter(pk__in=set(story_of.values())).values_list("pk", "reports"))
    for article in articles:
        article.also_count = max(0, reports.get(story_of.get(article.pk), 1) - 1)


def _listing(request, template: str, rows=None, total: int = 0, **context):
    """A page of the site chrome: the sections menu, the language alternates and, given listing
    `rows` and their `total`, one page of them in the reader's language."""
    if rows is not None:
        context["page"] = _page(request, rows, total, get_language())
    return render(request, template, {"sections": Section.objects.all(), "alternates": _all_languages(request),
                                      **context})


@cached_page
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    language = get_language()
    # The editors' picks for the section lead its first page.
    chosen = [pk for pk, _story in picked(language, section.pk)] if request.GET.get("page", "1") == "1" else []
    return _listing(request, "web/section.html", Listing.objects.filter(language=language, section=section),
                    listings.count(ListCount.Kind.SECTION, section.pk, language), section=section,
                    current_section=section.slug, picks=cards(chosen, language) if chosen else [])


@cached_page
def local(request):
    """The Local section: every province with articles in this language, then the latest ones."""
    language = get_language()
    counted = listings.counts(ListCount.Kind.PLACE, language)
    places = list(Place.objects.filter(pk__in=[pk for pk in counted if pk]))
    for place in places:
        place.shown_name, place.article_count = place.display_name(language), counted[place.pk]
    places.sort(key=lambda p: sort_key(p.shown_name, language))  # "Hà Nội" before "Huế"
    return _listing(request, "web/local.html", Listing.objects.filter(language=language, placed=True),
                    counted.get(0, 0), places=places, current_section="local")


@cached_page
def place(request, slug):
    place = get_object_or_404(Place, slug=slug)
    language = get_language()
    place.shown_name = place.display_name(language)
    return _listing(request, "web/place.html", PlaceListing.objects.filter(place=place, language=language),
                    listings.count(ListCount.Kind.PLACE, place.pk, language), place=place)


@cached_page
def outlet(request, slug):
    outlet = get_object_or_404(Outlet.objects.select_related("logo_file"), slug=slug)
    if not outlet.active:
        return gone(request, "outlet")
    language = get_language()
    return _listing(request, "web/outlet.html", Listing.objects.filter(language=language, outlet=outlet),
                    listings.count(ListCount.Kind.OUTLET, outlet.pk, language), outlet=outlet)


@cached_page
def outlets(request):
    """Every partner outlet (a portal credits all of them), with its articles in this language;
    one with none here links to its page in its own language."""
    language = get_language()
    items = sorted(Outlet.objects.filter(active=True).select_related("logo_file"), key=lambda o: sort_key(o.name, language))
    counted = {lang: listings.counts(ListCount.Kind.OUTLET, lang) for lang in {language} | {o.language for o in items}}
    for item in items:
        item.article_count = counted[language].get(item.pk, 0)
        if not item.article_count and item.language != language and counted.get(item.language, {}).get(item.pk):
            item.own_count = counted[item.language][item.pk]
            with override(item.language):
                item.own_url = item.get_absolute_url()
            item.own_language = unicodedata.normalize("NFC", get_language_info(item.language)["name_local"])
    return _listing(request, "web/outlets.html", outlets=items)


def gone(request, what: str = "article"):
    """410: the partner withdrew it; search engines drop it faster than after a 404."""
    return render(request, "web/gone.html", {"what": what, "sections": Section.objects.all(), "alternates": []},
                  status=410)


def article(request, pk, slug):
    language = get_language()
    published = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PUBLISHED)
    article = Article.objects.published().select_related("outlet__logo_file", "section").prefetch_related(
        images_with_files(), "places", Prefetch("translations", queryset=published, to_attr="public_translations")) \
        .filter(pk=pk).first()
    if article is None:
        if Article.objects.filter(pk=pk).filter(Q(status=Article.Status.WITHDRAWN) | Q(outlet__active=False)).exists():
            return gone(request)
        raise Http404("No such article.")
    article.shown = [t for t in article.public_translations if t.language == language]
    original_slug = article.slug
    localize(article, language)
    if article.shown_language != language:
        raise Http404("This article is not available in this language.")
    if slug != article.slug:
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    return render(request, "web/article.html", article_context(article, language, original_slug))


def article_context(article: Article, language: str, original_slug: str, **extra) -> dict:
    """What the article page shows besides the (localized) article: also reported by, related
    reading, comments, the language versions. The desk's preview renders the same."""
    also = also_reported(article, language)
    related = related_articles(article, language)
    comments = list(article.comments.approved().only("article_id", "name", "text", "created_at")[:200]) \
        if article.comment_count else []  # the count is kept as comments are approved and removed
    with override(article.language):
        original_url = reverse("web:article", kwargs={"pk": article.pk, "slug": original_slug or "a"})
    alternates = [(article.language, original_url)]
    alternates += [(t.language, t.get_absolute_url()) for t in article.public_translations]
    return {
        "article": article, "also_reported": also,
        "related": related, "comments": comments, "sections": Section.objects.all(),
        "full_text": licence.full_text(article.outlet),
        "original_page": alternates[0][1] if article.translation else None,
        "alternates": alternates, "current_section": article.section.slug if article.section else "",
        **extra,
    }


def related_articles(article: Article, language: str, count: int = 4) -> list[Article]:
    """The related reading chosen when the article was grouped (closest earlier articles of other
    stories), those readable in this language."""
    similar = list(RelatedArticle.objects.filter(article_id=article.pk, other__listings__language=language)
                   .order_by("rank").values_list("other_id", flat=True)[:count])
    return cards(similar, language)


def also_reported(article: Article, language: str) -> list[dict]:
    """Other outlets' reports of the same story: our page where readable here, else the original
    (two statements)."""
    members = [m for m in StoryArticle.objects.filter(
        story_id__in=StoryArticle.objects.filter(article_id=article.pk).values("story_id"))
        .exclude(article_id=article.pk).defer("profile").select_related("article__outlet")
        .order_by("article__published_at")
        if m.article.status == Article.Status.PUBLISHED and m.article.outlet.active]
    translated = {t.article_id: t for t in ArticleTranslation.objects.filter(
        article_id__in=[m.article_id for m in members], language=language, status=ArticleTranslation.Status.PUBLISHED)
        .only("article_id", "language", "title", "slug")} if any(m.article.language != language for m in members) else {}
    found = []
    for m in members:
        other = m.article
        if other.language == language or other.pk in translated:
            version = other if other.language == language else translated[other.pk]
            found.append({"outlet": other.outlet, "title": version.title, "url": version.get_absolute_url(),
                          "external": False, "published_at": other.published_at})
        else:
            found.append({"outlet": other.outlet, "title": other.title, "url": other.source_url, "external": True,
                          "published_at": other.published_at})
    return found


def _all_languages(request) -> list[tuple[str, str]]:
    """The same page in every site language (pages whose content exists in all of them)."""
    return [(code, translate_url(request.path, code)) for code, _name in settings.LANGUAGES]
