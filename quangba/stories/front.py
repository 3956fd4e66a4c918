"""The editors' front pages, as the public views read them: the stories picked for a page (pinned
first, then featured, each in the editors' order) and each story's chosen lead article, where it
is readable in the page's language. A few indexed queries a page, whatever the archive."""
from django.utils import timezone

from quangba.articles.models import Listing

from .models import FrontPick, Story, StoryArticle

MAX_PICKS = 8


def live_picks(language: str, section_id: int | None, now=None) -> list[FrontPick]:
    now = now or timezone.now()
    return in_order(FrontPick.objects.current(language, section_id, now).filter(starts_at__lte=now)
                    .select_related("story").order_by("position", "-starts_at", "pk")[:MAX_PICKS * 2])


def in_order(picks) -> list[FrontPick]:
    """Pins first, then features, each in the editors' order, as many as a page shows."""
    picks = list(picks)
    pins = [p for p in picks if p.kind == FrontPick.Kind.PIN]
    return (pins + [p for p in picks if p.kind != FrontPick.Kind.PIN])[:MAX_PICKS]


def picked(language: str, section_id: int | None = None, picks: list[FrontPick] | None = None) -> list[tuple[int, int]]:
    """(article, story) of each live pick of the page (`picks`, when the caller has them): the
    story's lead article when readers can read it in `language`, else its newest report they can."""
    if picks is None:
        picks = live_picks(language, section_id)
    if not picks:
        return []
    members = list(StoryArticle.objects.filter(story_id__in=[p.story_id for p in picks])
                   .values_list("article_id", "story_id")[:MAX_PICKS * 50])
    readable = dict(Listing.objects.filter(article_id__in=[a for a, _s in members], language=language)
                    .values_list("article_id", "published_at"))
    chosen = []
    for pick in picks:
        lead = pick.story.lead_id
        if lead in readable:
            chosen.append((lead, pick.story_id))
            continue
        candidates = [a for a, story in members if story == pick.story_id and a in readable]
        if candidates:
            chosen.append((max(candidates, key=lambda a: (readable[a], a)), pick.story_id))
    return chosen


def with_leads(rows: list[tuple[int, int | None]], language: str) -> list[tuple[int, int | None]]:
    """`rows` (article, story) with each story's card swapped for its chosen lead article, where
    readers can read that in `language`."""
    stories = {story for _a, story in rows if story is not None}
    if not stories:
        return rows
    leads = dict(Story.objects.filter(pk__in=stories, lead__isnull=False).values_list("pk", "lead_id"))
    if not leads:
        return rows
    readable = set(Listing.objects.filter(article_id__in=list(leads.values()), language=language)
                   .values_list("article_id", flat=True))
    return [(leads[story], story) if leads.get(story) in readable else (article, story) for article, story in rows]
