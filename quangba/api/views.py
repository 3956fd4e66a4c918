"""The API's endpoints: plain Django views returning JSON (see openapi.py for the contract)."""
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import override

from quangba.articles import listings
from quangba.articles.localize import localize, with_translation
from quangba.articles.models import Article, ArticleTranslation, ListCount, Listing, PlaceListing
from quangba.core import params
from quangba.sources.models import Outlet
from quangba.stories.models import Story, StoryArticle
from quangba.taxonomy.models import Place, Section

from . import representations
from .openapi import openapi_schema
from .responses import BadRequest, api_view, json_response, paginate


def _language(request, default: str | None = None) -> str | None:
    """`lang` (or its alias `language`; each one given must be a site language), else `default`."""
    known = {c for c, _name in settings.LANGUAGES}
    for name in ("lang", "language"):
        if request.GET.get(name) and request.GET[name] not in known:
            raise BadRequest(f"Unknown language {request.GET[name]!r} in '{name}'; use one of the site's languages.")
    return request.GET.get("lang") or request.GET.get("language") or default


def _since(request):
    return params.moment("since", request.GET.get("since"))


def _articles():
    published = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PUBLISHED) \
        .only("id", "article_id", "language").order_by("language")
    return Article.objects.published().for_cards().prefetch_related(
        Prefetch("translations", queryset=published, to_attr="published_translations"))


@api_view
def article_list(request):
    """Published articles, newest first; in one language (`lang`) or each in its own. Pages read
    the listings, and the count comes from the kept counts where the filters allow."""
    language = _language(request)
    shown = language or settings.LANGUAGE_CODE
    count = None
    if request.GET.get("place"):
        place = Place.objects.filter(slug=request.GET["place"]).first()
        rows = PlaceListing.objects.filter(place=place, language=shown)
        count = listings.count(ListCount.Kind.PLACE, place.pk, shown) if place else 0
    else:
        rows = Listing.objects.filter(language=language) if language else Listing.objects.filter(original=True)
        section = Section.objects.filter(slug=request.GET["section"]).first() if request.GET.get("section") else None
        outlet = Outlet.objects.filter(slug=request.GET["outlet"]).first() if request.GET.get("outlet") else None
        if request.GET.get("section"):
            rows = rows.filter(section=section)
        if request.GET.get("outlet"):
            rows = rows.filter(outlet=outlet)
        if language and section and not outlet:
            count = listings.count(ListCount.Kind.SECTION, section.pk, language)
        elif language and outlet and not section:
            count = listings.count(ListCount.Kind.OUTLET, outlet.pk, language)
        elif language and not (section or outlet or request.GET.get("section") or request.GET.get("outlet")):
            count = sum(listings.counts(ListCount.Kind.OUTLET, language).values())
    since = _since(request)
    if since:
        rows, count = rows.filter(published_at__gte=since), None

    def represent_page(ids):
        found = {a.pk: a for a in with_translation(_articles().filter(pk__in=ids), shown)}
        return [representations.article(localize(found[pk], language or found[pk].language), request)
                for pk in ids if pk in found]

    with override(shown):
        return paginate(request, rows.order_by("-published_at", "-article_id").values_list("article_id", flat=True),
                        represent_page, many=True, count=count)


@api_view
def article_detail(request, pk):
    """One article, in `lang` (its original language by default), with its body and comments."""
    article = _articles().filter(pk=pk).first()
    if article is None:
        raise Http404("No published article with this id.")
    language = _language(request, article.language)
    localize(article, language)
    if article.shown_language != language:
        raise Http404(f"This article is not available in {language!r}.")
    with override(language):
        return json_response(representations.article(article, request, full=True))


@api_view
def section_list(request):
    """The portal's sections, named in `lang`."""
    with override(_language(request, settings.LANGUAGE_CODE)):
        return paginate(request, Section.objects.order_by("position", "pk"),
                        lambda s: representations.section(s, request))


@api_view
def outlet_list(request):
    """Active partner outlets (taken-down outlets are not listed)."""
    with override(_language(request, settings.LANGUAGE_CODE)):
        return paginate(request, Outlet.objects.filter(active=True).select_related("logo_file").order_by("name", "pk"),
                        lambda o: representations.outlet(o, request))


@api_view
def story_list(request):
    """Stories told by more than one published article, newest first, with their articles (on a
    partial index of those stories; the count is kept)."""
    public = StoryArticle.objects.filter(article__status=Article.Status.PUBLISHED, article__outlet__active=True) \
        .defer("profile")
    stories = Story.objects.filter(reports__gt=1).order_by("-updated_at", "-pk") \
        .prefetch_related(Prefetch("links", queryset=public.select_related("article__outlet")
                                   .order_by("article__published_at"), to_attr="public_links"))
    with override(_language(request, settings.LANGUAGE_CODE)):
        return paginate(request, stories, lambda s: representations.story(s, request),
                        count=listings.count(ListCount.Kind.STORY, 0, ""))


@api_view
def place_list(request):
    """The 34 provinces and cities of the 2025 map."""
    places = Place.objects.order_by("slug")
    with override(_language(request, settings.LANGUAGE_CODE)):
        return paginate(request, places, lambda p: representations.place(p, request))


@api_view
def schema(request):
    """The OpenAPI 3.1 description of this API."""
    return json_response(openapi_schema(request.build_absolute_uri("/api/v1")))
