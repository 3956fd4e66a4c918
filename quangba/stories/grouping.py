"""Grouping articles into stories and choosing their related reading, against the database.

Each article's profile is kept on its StoryArticle row and its keys in StoryKey (the inverted
index), so finding candidates is one statement of bounded index lookups and no process holds a
model of the archive. A new article joins the story of its best match within 72 hours or founds
one; its related reading is the closest earlier articles of the month (its story left out).
When an article arrives after articles published later than it (out of order), their related
reading is computed again, so the result does not depend on the order articles arrive in."""
from datetime import datetime

from django.db import connection
from django.utils import timezone

from quangba.articles import listings
from quangba.articles.models import Article, ListCount
from quangba.core.models import Counter

from .models import RelatedArticle, Story, StoryArticle, StoryKey
from .similarity import Candidate, Matcher, Profile, most_shared

matcher = Matcher()
PER_KEY = 200  # newest index entries read per key
NEWER = 20  # later articles whose related reading one arrival may change, at most
KEEP_DAYS = 40  # index entries and profiles older than this are dropped (the windows are 30 days)
FORGET_CURSOR = "stories.forget"  # where forget_old looks for stale profiles next


def signed(key: int) -> int:
    """A 32-bit hash as the signed integer the database column holds."""
    return key - (1 << 32) if key >= 1 << 31 else key


def profile_of(article: Article) -> Profile:
    return Profile.of(article.title, f"{article.lead} {article.text}")


def lock_stories() -> None:
    """Inside a transaction: one worker process at a time assigns stories, so two reports of the
    same event arriving at once cannot found two stories (SQLite's write lock does it there)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('quangba.stories'))")


def candidates(profile: Profile, first_day: int, last_day: int, *, exclude: int) -> list[Candidate]:
    """Articles filed under the profile's keys between the two days, those sharing most first."""
    keys = [signed(k) for k in profile.keys.tolist()]
    if not keys:
        return []
    table = StoryKey._meta.db_table
    part = (f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE key = %s AND day BETWEEN %s AND %s "
            f"ORDER BY day DESC LIMIT {PER_KEY}) AS k")
    sql = " UNION ALL ".join(f"{part}{n}" for n in range(len(keys)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for key in keys for value in (key, first_day, last_day)])
        hits = [row[0] for row in cursor.fetchall() if row[0] != exclude]
    chosen = most_shared(hits)
    rows = StoryArticle.objects.filter(article_id__in=chosen).exclude(profile=b"") \
        .values_list("article_id", "profile", "story_id", "article__published_at")
    found = {pk: Candidate(pk, Profile.from_bytes(bytes(blob)), published, story) for pk, blob, story, published in rows}
    return [found[pk] for pk in chosen if pk in found]


def assign(article: Article) -> tuple[StoryArticle, list[int]]:
    """Put the article in a story and choose its related reading (idempotent). Returns its link
    and the other articles whose related reading changed (their pages must be baked again).
    Call it inside a transaction."""
    lock_stories()
    link = StoryArticle.objects.filter(article=article).first()
    if link is not None and link.content_hash == article.content_hash:
        return link, []
    profile = profile_of(article)
    day = article.published_at.toordinal()
    window = matcher.window.days + 1
    if link is None:
        match = matcher.same_story(profile, article.published_at,
                                   candidates(profile, day - window, day + window, exclude=article.pk))
        if match is None:
            story_id, score = Story.objects.create(title=article.title[:500]).pk, 1.0
        else:
            story_id, score = match.story, match.score
            Story.objects.filter(pk=story_id).update(updated_at=timezone.now())
        link = StoryArticle.objects.create(story_id=story_id, article=article, profile=profile.to_bytes(), day=day,
                                           content_hash=article.content_hash, score=score)
    else:
        StoryArticle.objects.filter(pk=link.pk).update(profile=profile.to_bytes(), day=day,
                                                      content_hash=article.content_hash)
    StoryKey.objects.filter(article=article).delete()
    StoryKey.objects.bulk_create([StoryKey(key=signed(k), day=day, article=article) for k in profile.keys.tolist()])
    relate(article.pk, article.published_at, profile, link.story_id)
    span = matcher.related_window.days
    changed = []
    for later in candidates(profile, day, day + span, exclude=article.pk)[:NEWER]:
        if later.published_at > article.published_at and relate(later.key, later.published_at, later.profile, later.story):
            changed.append(later.key)
    return link, changed


def relate(article_id: int, published_at: datetime, profile: Profile, story_id: int) -> bool:
    """Choose (again) an article's related reading; returns whether it changed."""
    day = published_at.toordinal()
    members = set(StoryArticle.objects.filter(story_id=story_id).values_list("article_id", flat=True))
    found = candidates(profile, day - matcher.related_window.days - 1, day, exclude=article_id)
    chosen = matcher.closest(profile, published_at, found, exclude=members | {article_id})
    before = list(RelatedArticle.objects.filter(article_id=article_id).order_by("rank").values_list("other_id", flat=True))
    if before == [m.key for m in chosen]:
        return False
    RelatedArticle.objects.filter(article_id=article_id).delete()
    RelatedArticle.objects.bulk_create([RelatedArticle(article_id=article_id, other_id=m.key, rank=n, score=m.score)
                                        for n, m in enumerate(chosen)])
    return True


def forget_old(today: int, batch: int = 5000) -> int:
    """Drop index entries and profiles older than the windows (bounded work per call, whatever the
    size of the archive). Index entries go by day. Profiles are looked for in the next `batch` ids,
    a cursor going round the table: an article dated long ago may arrive any day, so no range of
    days holds every stale profile, and asking for them by day read the whole archive on every
    pass (over a second at a million)."""
    cutoff = today - KEEP_DAYS
    old = list(StoryKey.objects.filter(day__lt=cutoff).order_by().values_list("pk", flat=True)[:batch])
    StoryKey.objects.filter(pk__in=old).delete()
    ids = StoryArticle.objects.order_by("pk").values_list("pk", flat=True)
    start = ids.filter(pk__gte=Counter.read(FORGET_CURSOR)).first()
    if start is None:  # round again from the first
        start = ids.first() or 0
    stale = StoryArticle.objects.filter(pk__gte=start, pk__lt=start + batch, day__lt=cutoff).exclude(profile=b"")
    emptied = stale.order_by().update(profile=b"")
    Counter.write(FORGET_CURSOR, start + batch)
    return len(old) + emptied


def recount(story_ids) -> None:
    """Keep each story's count of public reports (the cards' "2 more outlets", the API's stories),
    and the count of stories told by more than one: a story's count moves only from the value read
    (compare and set), so two workers recounting one story move the total once."""
    told = 0
    for story_id, before in Story.objects.filter(pk__in=list(story_ids)).values_list("pk", "reports"):
        public = StoryArticle.objects.filter(story_id=story_id, article__status=Article.Status.PUBLISHED,
                                             article__outlet__active=True).count()
        if public != before and Story.objects.filter(pk=story_id, reports=before).update(reports=public):
            told += (public > 1) - (before > 1)
    if told:
        listings.add(ListCount.Kind.STORY, 0, "", told)


def story_members(article_ids: list[int]) -> dict[int, list[StoryArticle]]:
    """For each article, the other articles of its story (two queries)."""
    story_of = dict(StoryArticle.objects.filter(article_id__in=article_ids).values_list("article_id", "story_id"))
    members: dict[int, list[StoryArticle]] = {pk: [] for pk in article_ids}
    others = StoryArticle.objects.filter(story_id__in=set(story_of.values())).defer("profile") \
        .select_related("article__outlet").order_by("article__published_at")
    by_story: dict[int, list[StoryArticle]] = {}
    for link in others:
        by_story.setdefault(link.story_id, []).append(link)
    for pk, story_id in story_of.items():
        members[pk] = [link for link in by_story.get(story_id, []) if link.article_id != pk]
    return members


def related_ids(article_id: int) -> list[int]:
    """The article's related articles, best first."""
    return list(RelatedArticle.objects.filter(article_id=article_id).order_by("rank").values_list("other_id", flat=True))
