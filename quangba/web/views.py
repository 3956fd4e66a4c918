"""Public pages: home, sections, outlets, articles. Each page needs a handful of queries."""
from itertools import islice

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

from quangba.articles import licence
from quangba.articles.localize import in_language, localize, localize_all
from quangba.articles.models import Article
from quangba.sources.models import Outlet
from quangba.stories.grouping import related_ids, story_members
from quangba.stories.models import StoryArticle
from quangba.taxonomy.models import Place, Section

from .cache import cached_page

PER_PAGE = 20
HOME_LATEST = 7
HOME_PER_SECTION = 4


def _cards(language: str):
    """Published articles readable in `language`, with what a card shows, newest first."""
    # Explicit order: Meta.ordering does not apply to the GROUP BY the count needs.
    return in_language(Article.objects.published().for_cards(), language) \
        .annotate(comment_count=Count("comments", filter=Q(comments__status="approved"))) \
        .order_by("-published_at", "-pk")


def _page(request, queryset, language):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = localize_all(page.object_list, language)
    return page


@cached_page
def home(request):
    language = get_language()
    sections = list(Section.objects.all())
    # One query for the recent articles, grouped per section in Python, keeps the page cheap.
    recent = one_card_per_story(localize_all(_cards(language)[:400], language))
    latest = recent[:HOME_LATEST]
    shown = {a.pk for a in latest}
    blocks = []
    for section in sections:
        items = list(islice((a for a in recent if a.section_id == section.pk and a.pk not in shown),
                            HOME_PER_SECTION))
        if items:  # an empty block is not rendered at all
            blocks.append((section, items))
    return render(request, "web/home.html", {
        "latest": latest, "blocks": blocks, "sections": sections, "alternates": _all_languages(request),
    })


def _listing(request, template: str, articles=None, **context):
    """A page of the site chrome: the sections menu, the language alternates and, given
    `articles`, one page of them in the reader's language."""
    if articles is not None:
        context["page"] = _page(request, articles, get_language())
    return render(request, template, {"sections": Section.objects.all(), "alternates": _all_languages(request),
                                      **context})


@cached_page
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    return _listing(request, "web/section.html", _cards(get_language()).filter(section=section), section=section)


@cached_page
def local(request):
    """The Local section: every province with articles in this language, then the latest ones."""
    language = get_language()
    readable = in_language(Article.objects.published(), language)
    places = [p for p in Place.objects.annotate(
        article_count=Count("articles", filter=Q(articles__in=readable.values("pk")))).order_by("name")
        if p.article_count]
    for place in places:
        place.shown_name = place.display_name(language)
    return _listing(request, "web/local.html", _cards(language).filter(places__isnull=False).distinct(),
                    places=places)


@cached_page
def place(request, slug):
    place = get_object_or_404(Place, slug=slug)
    place.shown_name = place.display_name(get_language())
    return _listing(request, "web/place.html", _cards(get_language()).filter(places=place), place=place)


@cached_page
def outlet(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    if not outlet.active:
        return gone(request, "outlet")
    return _listing(request, "web/outlet.html", _cards(get_language()).filter(outlet=outlet), outlet=outlet)


@cached_page
def outlets(request):
    readable = in_language(Article.objects.published(), get_language())
    items = Outlet.objects.filter(active=True).annotate(
        article_count=Count("articles", filter=Q(articles__in=readable.values("pk"))))
    return _listing(request, "web/outlets.html", outlets=[o for o in items if o.article_count])


def gone(request, what: str = "article"):
    """410: the partner withdrew it; search engines drop it faster than after a 404."""
    return render(request, "web/gone.html", {"what": what, "sections": Section.objects.all(), "alternates": []},
                  status=410)


def article(request, pk, slug):
    language = get_language()
    article = Article.objects.published().select_related("outlet", "section").prefetch_related("images", "places") \
        .annotate(comment_count=Count("comments", filter=Q(comments__status="approved"))).filter(pk=pk).first()
    if article is None:
        if Article.objects.filter(pk=pk).filter(Q(status=Article.Status.WITHDRAWN) | Q(outlet__active=False)).exists():
            return gone(request)
        raise Http404("No such article.")
    original_slug = article.slug
    localize(article, language)
    if article.shown_language != language:
        raise Http404("This article is not available in this language.")
    if slug != article.slug:
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    members = story_members([article.pk])[article.pk]
    also = also_reported(members, language)
    related = related_articles(article, language)
    comments = list(article.comments.approved().only("name", "text", "created_at")[:200])
    with override(article.language):
        original_url = reverse("web:article", kwargs={"pk": article.pk, "slug": original_slug or "a"})
    alternates = [(article.language, original_url)]
    alternates += [(t.language, t.get_absolute_url()) for t in
                   article.translations.filter(status="published").only("language", "slug", "article_id")]
    return render(request, "web/article.html", {
        "article": article, "also_reported": also,
        "related": related, "comments": comments, "sections": Section.objects.all(),
        "full_text": licence.full_text(article.outlet),
        "original_page": alternates[0][1] if article.translation else None,
        "alternates": alternates,
    })


def related_articles(article: Article, language: str, count: int = 4) -> list[Article]:
    """The related reading chosen when the article was grouped (closest earlier articles of other
    stories), those readable in this language."""
    similar = related_ids(article.pk)
    picked = {a.pk: a for a in _cards(language).filter(pk__in=similar)}
    return localize_all([picked[pk] for pk in similar if pk in picked][:count], language)


def one_card_per_story(articles: list[Article]) -> list[Article]:
    """The newest article of each story stands for it; its card counts the other outlets."""
    story_of = dict(StoryArticle.objects.filter(article_id__in=[a.pk for a in articles])
                    .values_list("article_id", "story_id"))
    kept, seen = [], {}
    for article in articles:
        story = story_of.get(article.pk)
        if story is None:
            kept.append(article)
        elif story in seen:
            seen[story].also_count += 1
        else:
            article.also_count = 0
            seen[story] = article
            kept.append(article)
    return kept


def also_reported(members, language: str) -> list[dict]:
    """Other outlets' reports of the same story: our page where readable here, else the original."""
    public = [m for m in members if m.article.status == Article.Status.PUBLISHED and m.article.outlet.active]
    readable = {a.pk: a for a in localize_all(
        in_language(Article.objects.filter(pk__in=[m.article_id for m in public]), language), language)}
    return [{"outlet": m.article.outlet, "title": readable[m.article_id].title if m.article_id in readable
             else m.article.title, "url": readable[m.article_id].get_absolute_url() if m.article_id in readable
             else m.article.source_url, "external": m.article_id not in readable,
             "published_at": m.article.published_at} for m in public]


def _all_languages(request) -> list[tuple[str, str]]:
    """The same page in every site language (pages whose content exists in all of them)."""
    return [(code, translate_url(request.path, code)) for code, _name in settings.LANGUAGES]
