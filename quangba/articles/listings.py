"""The lists readers page through — home, sections, Local, places, outlets, feeds, sitemaps — read
Listing rows (one per article and language it can be read in) on their own indexes, and their
counts from ListCount; the bake stage keeps both in step with the articles, so no public page
costs more than its own rows however large the archive grows."""
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F

from .models import Article, ArticleTranslation, ListCount, Listing, PlaceListing


def readable_languages(article: Article) -> list[str]:
    """The site languages a public article can be read in: its own and its published translations'."""
    if article.status != Article.Status.PUBLISHED or not article.outlet.active:
        return []
    site = {code for code, _name in settings.LANGUAGES}
    languages = [article.language] if article.language in site else []
    languages += [t.language for t in article.translations.all()
                  if t.status == ArticleTranslation.Status.PUBLISHED and t.language in site
                  and t.language != article.language]
    return languages


@dataclass(frozen=True)
class Row:
    language: str
    published_at: object
    section: int | None
    outlet: int
    story: int | None
    placed: bool
    original: bool


@dataclass
class Changes:
    """What a listings update touched: the stories whose public reports may have changed, and the
    (language, section id) of every list page that shows (or showed) one of the articles."""

    stories: set[int]
    pages: set[tuple[str, int | None]]


def update(article_ids: list[int]) -> Changes:
    """Bring the listings (and their counts) of these articles in step."""
    articles = {a.pk: a for a in Article.objects.filter(pk__in=article_ids).select_related("outlet", "story_link")
                .prefetch_related("translations", "places")}
    existing: dict[tuple[int, str], Listing] = {
        (row.article_id, row.language): row for row in Listing.objects.filter(article_id__in=article_ids)}
    existing_places = set(PlaceListing.objects.filter(article_id__in=article_ids)
                          .values_list("article_id", "place_id", "language"))
    wanted: dict[tuple[int, str], Row] = {}
    wanted_places: set[tuple[int, int, str]] = set()
    for pk, article in articles.items():
        link = getattr(article, "story_link", None)
        places = [p.pk for p in article.places.all()]
        for language in readable_languages(article):
            wanted[(pk, language)] = Row(language, article.published_at, article.section_id, article.outlet_id,
                                         link.story_id if link else None, bool(places), language == article.language)
            wanted_places.update((pk, place, language) for place in places)
    counts: Counter = Counter()
    stories = set()
    for key, row in existing.items():
        if key not in wanted or _row(row) != wanted[key]:
            counts[(ListCount.Kind.SECTION, row.section_id, row.language)] -= 1
            counts[(ListCount.Kind.OUTLET, row.outlet_id, row.language)] -= 1
            counts[(ListCount.Kind.PLACE, 0, row.language)] -= row.placed
            stories.add(row.story)
    for key, row in wanted.items():
        if key not in existing or _row(existing[key]) != row:
            counts[(ListCount.Kind.SECTION, row.section, row.language)] += 1
            counts[(ListCount.Kind.OUTLET, row.outlet, row.language)] += 1
            counts[(ListCount.Kind.PLACE, 0, row.language)] += row.placed
            stories.add(row.story)
    changed = [key for key in existing if key not in wanted or _row(existing[key]) != wanted[key]]
    Listing.objects.filter(pk__in=[existing[key].pk for key in changed]).delete()
    Listing.objects.bulk_create([
        Listing(article_id=key[0], language=row.language, published_at=row.published_at, section_id=row.section,
                outlet_id=row.outlet, story=row.story, placed=row.placed, original=row.original)
        for key, row in wanted.items() if key not in existing or key in changed])
    gone, new = existing_places - wanted_places, wanted_places - existing_places
    for article_id, place, language in gone:
        PlaceListing.objects.filter(article_id=article_id, place_id=place, language=language).delete()
        counts[(ListCount.Kind.PLACE, place, language)] -= 1
    PlaceListing.objects.bulk_create([
        PlaceListing(place_id=place, language=language, article_id=article_id,
                     published_at=articles[article_id].published_at) for article_id, place, language in new])
    for _article_id, place, language in new:
        counts[(ListCount.Kind.PLACE, place, language)] += 1
    for article_id, place, language in wanted_places & existing_places:
        # A new publication date moves the article within its places' lists.
        PlaceListing.objects.filter(article_id=article_id, place_id=place, language=language) \
            .exclude(published_at=articles[article_id].published_at) \
            .update(published_at=articles[article_id].published_at)
    _apply(counts)
    pages = {(row.language, row.section) for row in wanted.values()}
    pages |= {(existing[key].language, existing[key].section_id) for key in changed}
    return Changes({story for story in stories if story is not None}, pages)


def _row(listing: Listing) -> Row:
    return Row(listing.language, listing.published_at, listing.section_id, listing.outlet_id, listing.story,
               listing.placed, listing.original)


def _apply(counts: Counter) -> None:
    for (kind, key, language), delta in counts.items():
        if key is None or not delta:
            continue
        if not ListCount.objects.filter(kind=kind, key=key, language=language).update(count=F("count") + delta):
            ListCount.objects.get_or_create(kind=kind, key=key, language=language, defaults={"count": 0})
            ListCount.objects.filter(kind=kind, key=key, language=language).update(count=F("count") + delta)


def add(kind: str, key: int, language: str, delta: int) -> None:
    """Move one kept count by `delta` (in the caller's transaction)."""
    _apply(Counter({(kind, key, language): delta}))


def count(kind: str, key: int, language: str) -> int:
    return ListCount.objects.filter(kind=kind, key=key, language=language).values_list("count", flat=True).first() or 0


def counts(kind: str, language: str) -> dict[int, int]:
    """Every list of a kind with articles in this language: key → count."""
    return dict(ListCount.objects.filter(kind=kind, language=language, count__gt=0).values_list("key", "count"))


class CountedPaginator(Paginator):
    """A paginator told its count (kept in ListCount), so no page counts its list."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known = count

    @property
    def count(self) -> int:
        return self._known


def page_of(rows, number: int, *, per_page: int, total: int) -> Page:
    """Page `number` of listing rows (newest first) whose total is known; raises
    django.core.paginator.EmptyPage past the end."""
    return CountedPaginator(rows.order_by("-published_at", "-article_id").values_list("article_id", flat=True),
                            per_page, count=total).page(number)
