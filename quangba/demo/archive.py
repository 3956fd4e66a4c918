"""A synthetic national archive (`quangba synth`): months of a portal's intake — articles of 150
outlets from real Vietnamese news recombined (quangba.demo.synthetic), with their sections,
places, stories, related reading, search documents, listings, comments and a share of
translations — written in bulk through the same filing, story and index code the pipeline runs
per article, so every structure a page or a search reads is as the live pipeline leaves it.

The text models run in a pool of processes, a chunk of articles at a time; stories and related
reading are matched in publication order against the in-memory form of the story index (the
last month only, like the database's); rows go to the database a chunk per transaction."""
from __future__ import annotations

import hashlib
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from quangba.articles import listings
from quangba.articles.models import (Article, ArticleImage, ArticleTranslation, ArticleVersion, ListCount, Listing,
                                     PlaceListing)
from quangba.comments.models import Comment
from quangba.core.text import identity_hash, slugify
from quangba.search.index import Document, backend, folded, row_id
from quangba.sources.models import Outlet
from quangba.stories.grouping import KEEP_DAYS, signed
from quangba.stories.models import RelatedArticle, Story, StoryArticle, StoryKey
from quangba.stories.similarity import Candidate, Matcher, Profile, WindowIndex
from quangba.taxonomy.filing import place_slugs, sections_from_texts
from quangba.taxonomy.models import Place, Section
from quangba.taxonomy.places import all_places

from .synthetic import SyntheticArticle, load_bases, stream

CHUNK = 2000
OUTLET_KINDS = ["Báo", "Tạp chí", "Cổng thông tin", "Đài Phát thanh và Truyền hình"]


def features(batch: list[tuple[str, str, str]]) -> list[tuple[str, list[str], bytes]]:
    """(section slug, place slugs, story profile) of (title, lead, text) triples: the filing and
    story code of the pipeline (run in worker processes)."""
    sections = sections_from_texts("vi", [(title, text) for title, _lead, text in batch])
    return [(section, place_slugs(title, lead, text), Profile.of(title, f"{lead} {text}").to_bytes())
            for section, (title, lead, text) in zip(sections, batch)]


@dataclass
class Report:
    articles: int = 0
    stories: int = 0
    seconds: float = 0.0
    timings: Counter = field(default_factory=Counter)


class Builder:
    def __init__(self, *, outlets: int, days: float, translations: float, comments: float, seed: int,
                 log=print, processes: int = 2):
        self.rng = random.Random(seed)
        self.days, self.translations, self.comments, self.log = days, translations, comments, log
        self.seed, self.processes = seed, processes
        self.end = timezone.now().replace(microsecond=0)
        self.start = self.end - timedelta(days=days)
        self.matcher = Matcher()
        self.index = WindowIndex(days=self.matcher.related_window.days + 1)
        self.story_size: Counter = Counter()
        self.members: dict[int, list[int]] = {}
        self.counts: Counter = Counter()
        self.outlets = self._outlets(outlets)
        Section.ensure_all()
        self.sections = {s.slug: s.pk for s in Section.objects.all()}
        self.places = {p.slug: p.pk for p in Place.for_slugs([p.slug for p in all_places()])}
        self.report = Report()

    def _outlets(self, count: int) -> list[Outlet]:
        provinces = [p.name for p in all_places()]
        made = []
        for n in range(count):
            slug = f"synth-{n:03d}"
            name = f"{OUTLET_KINDS[n % len(OUTLET_KINDS)]} {provinces[n % len(provinces)]} {n // len(provinces) + 1}"
            outlet, _created = Outlet.objects.get_or_create(slug=slug, defaults={
                "name": name, "homepage": f"https://{slug}.example/", "language": "vi"})
            made.append(outlet)
        return made

    def build(self, vntc: Path, count: int) -> Report:
        began = time.monotonic()
        bases = load_bases(vntc)
        self.log(f"{len(bases):,} VNTC articles to recombine; {count:,} articles over {self.days:g} days")
        articles = stream(bases, count, start=self.start, days=self.days, outlets=len(self.outlets), seed=self.seed)
        chunk: list[SyntheticArticle] = []
        with ProcessPoolExecutor(self.processes) as pool:
            pending = None
            for article in articles:
                chunk.append(article)
                if len(chunk) == CHUNK:
                    pending = self._flush(pool, pending, chunk)
                    chunk = []
            if chunk:
                pending = self._flush(pool, pending, chunk)
            self._flush(pool, pending, None)
        self._finish()
        self.report.seconds = time.monotonic() - began
        return self.report

    def _flush(self, pool, pending, chunk):
        """Send `chunk` to the text models and write the chunk sent before (the two overlap)."""
        future = None
        if chunk is not None:
            triples = [(a.title, a.lead, a.text) for a in chunk]
            parts = [triples[i::self.processes] for i in range(self.processes)]
            future = (chunk, [pool.submit(features, part) for part in parts])
        if pending is not None:
            done_chunk, futures = pending
            started = time.monotonic()
            parts = [f.result() for f in futures]
            self.report.timings["text models (wait)"] += time.monotonic() - started
            merged = [None] * len(done_chunk)
            for i, part in enumerate(parts):
                merged[i::self.processes] = part
            self._write(done_chunk, merged)
            self.report.articles += len(done_chunk)
            rate = self.report.articles / max(0.001, sum(self.report.timings.values()))
            self.log(f"  {self.report.articles:,} articles ({rate:,.0f}/s)")
        return future

    def _write(self, chunk: list[SyntheticArticle], found: list[tuple]) -> None:
        timings = self.report.timings
        started = time.monotonic()
        with transaction.atomic():
            rows = []
            for article, (section, _places, _profile) in zip(chunk, found):
                digest = hashlib.sha256(f"{article.number}|{article.title}".encode()).hexdigest()
                rows.append(Article(
                    outlet=self.outlets[article.outlet], identity=identity_hash(f"synth:{self.seed}:{article.number}"),
                    original_url=f"https://synth-{article.outlet:03d}.example/{article.number}.html",
                    language="vi", title=article.title[:500], slug=slugify(article.title) or "bai-viet",
                    lead=article.lead, body_html="".join(f"<p>{p}</p>" for p in _paragraphs(article.text)),
                    text=article.text, published_at=article.published_at, section_id=self.sections[section],
                    categories=[article.topic], status=Article.Status.PUBLISHED, confidence=0.9, content_hash=digest,
                    comment_count=0))
            Article.objects.bulk_create(rows, batch_size=500)
            timings["articles"] += time.monotonic() - started
            started = time.monotonic()
            ArticleVersion.objects.bulk_create([
                ArticleVersion(article=a, number=1, title=a.title, lead=a.lead, body_html=a.body_html,
                               content_hash=a.content_hash, source_url=a.original_url) for a in rows], batch_size=500)
            ArticleImage.objects.bulk_create([
                ArticleImage(article=a, position=0, url=f"https://img.synth.example/{a.pk}.jpg", caption=a.title[:200],
                             credit=a.outlet.name, width=1200, height=800) for a in rows], batch_size=1000)
            through = Article.places.through
            through.objects.bulk_create([through(article_id=a.pk, place_id=self.places[slug])
                                         for a, (_s, places, _p) in zip(rows, found) for slug in places],
                                        batch_size=2000)
            timings["versions, images, places"] += time.monotonic() - started
            started = time.monotonic()
            stories = self._stories(rows, found)
            timings["stories and related"] += time.monotonic() - started
            started = time.monotonic()
            translated = self._translations(rows)
            self._comments(rows)
            timings["translations, comments"] += time.monotonic() - started
            started = time.monotonic()
            self._listings(rows, found, stories, translated)
            timings["listings"] += time.monotonic() - started
            started = time.monotonic()
            docs = []
            for a in rows:
                docs.append(Document(row_id(a.pk, "vi"), "vi", folded(a.title), folded(f"{a.lead} {a.text}"),
                                     _slug_of(self.sections, a.section_id), a.outlet_id, a.published_at))
                if a.pk in translated:
                    title, lead, text = translated[a.pk]
                    docs.append(Document(row_id(a.pk, "en"), "en", folded(title), folded(f"{lead} {text}"),
                                         _slug_of(self.sections, a.section_id), a.outlet_id, a.published_at))
            backend().replace([], docs)
            timings["search index"] += time.monotonic() - started

    def _stories(self, rows: list[Article], found: list[tuple]) -> dict[int, int]:
        """Story of each article, in publication order; related reading; the database's story index
        for the last KEEP_DAYS days (what the pipeline keeps). New stories carry a negative id
        until they are written."""
        recent = (self.end - timedelta(days=KEEP_DAYS)).toordinal()
        span = self.matcher.window.days + 1
        links, keys, related, new_stories = [], [], [], {}
        for article, (_section, _places, blob) in zip(rows, found):
            profile = Profile.from_bytes(blob)
            day = article.published_at.toordinal()
            match = self.matcher.same_story(profile, article.published_at,
                                            self.index.lookup(profile, day - span, day + span))
            if match is None:
                story, score = -(len(new_stories) + 1), 1.0
                new_stories[story] = Story(title=article.title[:500])
            else:
                story, score = match.story, match.score
            members = set(self.members.get(story, ()))
            window = self.index.lookup(profile, day - self.matcher.related_window.days - 1, day)
            for rank, m in enumerate(self.matcher.closest(profile, article.published_at, window,
                                                          exclude=members | {article.pk})):
                related.append(RelatedArticle(article_id=article.pk, other_id=m.key, rank=rank, score=m.score))
            self.index.add(article.pk, Candidate(article.pk, profile, article.published_at, story))
            self.members.setdefault(story, []).append(article.pk)
            keep = day >= recent
            links.append((article, story, score, blob if keep else b"", day))
            if keep:
                keys += [StoryKey(key=signed(k), day=day, article_id=article.pk) for k in profile.keys.tolist()]
        Story.objects.bulk_create(list(new_stories.values()), batch_size=1000)
        real = {temp: story.pk for temp, story in new_stories.items()}
        self.report.stories += len(new_stories)
        for candidate in self.index.entries.values():  # later articles join by the written id
            candidate.story = real.get(candidate.story, candidate.story)
        for temp, pk in real.items():
            self.members[pk] = self.members.pop(temp)
        story_of, rows_out = {}, []
        for article, story, score, blob, day in links:
            story_id = real.get(story, story)
            story_of[article.pk] = story_id
            self.story_size[story_id] += 1
            rows_out.append(StoryArticle(story_id=story_id, article_id=article.pk, profile=blob, day=day,
                                         content_hash=article.content_hash, score=score))
        StoryArticle.objects.bulk_create(rows_out, batch_size=1000)
        StoryKey.objects.bulk_create(keys, batch_size=5000)
        RelatedArticle.objects.bulk_create(related, batch_size=5000)
        self._forget_members()
        return story_of

    def _forget_members(self) -> None:
        """Members of stories no article in the window belongs to any more are let go."""
        if len(self.members) > 4 * len(self.index.entries) + 10000:
            live = {c.story for c in self.index.entries.values()}
            self.members = {story: keys for story, keys in self.members.items() if story in live}

    def _translations(self, rows: list[Article]) -> dict[int, tuple[str, str, str]]:
        """A share of the articles get an English version — synthetic, its text the Vietnamese
        without diacritics: the archive's shape, not a translation (marked engine "synthetic")."""
        made, chosen = [], {}
        for a in rows:
            if self.rng.random() < self.translations:
                title, lead, text = (folded(a.title).capitalize(), folded(a.lead), folded(a.text))
                chosen[a.pk] = (title, lead, text)
                made.append(ArticleTranslation(
                    article=a, language="en", title=title[:500], slug=slugify(title) or "article", lead=lead,
                    body_html=f"<p>{text}</p>", status=ArticleTranslation.Status.PUBLISHED, qa_passed=True,
                    engines="synthetic", source_hash=a.content_hash, translated_at=a.published_at))
        ArticleTranslation.objects.bulk_create(made, batch_size=1000)
        return chosen

    def _comments(self, rows: list[Article]) -> None:
        made = []
        for a in rows:
            if self.rng.random() < self.comments:
                n = self.rng.randint(1, 3)
                a.comment_count = n
                made += [Comment(article=a, language="vi", name=f"Bạn đọc {a.pk % 997}", email=f"r{a.pk}@example.org",
                                 text="Bài viết hữu ích, cảm ơn tòa soạn.", status=Comment.Status.APPROVED)
                         for _ in range(n)]
        Comment.objects.bulk_create(made, batch_size=2000)
        Article.objects.bulk_update([a for a in rows if a.comment_count], ["comment_count"], batch_size=1000)

    def _listings(self, rows, found, stories, translated) -> None:
        listing, place_listing = [], []
        for a, (_section, places, _profile) in zip(rows, found):
            for language in ["vi"] + (["en"] if a.pk in translated else []):
                if language not in {code for code, _n in settings.LANGUAGES}:
                    continue
                listing.append(Listing(article_id=a.pk, language=language, published_at=a.published_at,
                                       section_id=a.section_id, outlet_id=a.outlet_id, story=stories[a.pk],
                                       placed=bool(places), original=language == "vi"))
                self.counts[(ListCount.Kind.SECTION, a.section_id, language)] += 1
                self.counts[(ListCount.Kind.OUTLET, a.outlet_id, language)] += 1
                if places:
                    self.counts[(ListCount.Kind.PLACE, 0, language)] += 1
                for slug in places:
                    place_listing.append(PlaceListing(place_id=self.places[slug], language=language, article_id=a.pk,
                                                      published_at=a.published_at))
                    self.counts[(ListCount.Kind.PLACE, self.places[slug], language)] += 1
        Listing.objects.bulk_create(listing, batch_size=2000)
        PlaceListing.objects.bulk_create(place_listing, batch_size=2000)

    def _finish(self) -> None:
        """The kept counts (lists, stories' public reports) and the planner's statistics."""
        started = time.monotonic()
        with transaction.atomic():
            for (kind, key, language), n in self.counts.items():
                row, _created = ListCount.objects.get_or_create(kind=kind, key=key, language=language)
                ListCount.objects.filter(pk=row.pk).update(count=row.count + n)
            sized = [Story(pk=pk, reports=n) for pk, n in self.story_size.items() if n > 1]
            Story.objects.bulk_update(sized, ["reports"], batch_size=2000)
            listings.add(ListCount.Kind.STORY, 0, "", len(sized))
            _single_reports(self.story_size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.report.timings["counts"] += time.monotonic() - started


def _single_reports(sizes: Counter) -> None:
    singles = [pk for pk, n in sizes.items() if n == 1]
    for start in range(0, len(singles), 5000):
        Story.objects.filter(pk__in=singles[start:start + 5000]).update(reports=1)


def _slug_of(sections: dict[str, int], section_id: int) -> str:
    return next((slug for slug, pk in sections.items() if pk == section_id), "")


def _paragraphs(text: str, size: int = 3) -> list[str]:
    sentences = text.split(". ")
    return [". ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]
