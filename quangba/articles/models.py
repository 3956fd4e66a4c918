"""Articles taken from partner outlets: the article in its source language, its kept versions,
its images and its translations — everything a reader may be shown of it."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _, override
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin

from quangba.core.text import fold, web_url
from quangba.sources.models import Outlet


def images_with_files():
    """The prefetch of an article's image rows with their kept pictures (one query each)."""
    return models.Prefetch("images", queryset=ArticleImage.objects.select_related("file"))


class ArticleQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, outlet__active=True)

    def in_language(self, language: str):
        return self.filter(language=language)

    def for_cards(self):
        return self.select_related("outlet__logo_file", "section").prefetch_related(images_with_files())


class Article(index.Indexed, models.Model):
    """One partner article in its source language, as last extracted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the publish stage")
        PUBLISHED = "published", _("Published")
        REVIEW = "review", _("Held for review")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="articles", verbose_name=_("outlet"))
    identity = models.CharField(_("identity"), max_length=64, help_text=_("Hash of the URL the outlet knows the article by."))
    original_url = models.URLField(_("original URL"), max_length=1000)
    canonical_url = models.URLField(_("canonical URL"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=10, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    text = models.TextField(_("text"), blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    source_updated_at = models.DateTimeField(_("updated at source"), null=True, blank=True)
    section = models.ForeignKey("taxonomy.Section", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="articles", verbose_name=_("section"))
    section_locked = models.BooleanField(
        _("section set by an editor"), default=False,
        help_text=_("Keeps the section through re-ingests."),
    )
    section_hint = models.CharField(_("outlet's category"), max_length=200, blank=True)
    categories = models.JSONField(_("outlet's categories"), default=list, blank=True,
                                  help_text=_("From the page and the feed; the filing stage maps them to a section."))
    tags = models.JSONField(_("tags"), default=list, blank=True)
    places = models.ManyToManyField("taxonomy.Place", blank=True, related_name="articles", verbose_name=_("places"))
    places_locked = models.BooleanField(
        _("places set by an editor"), default=False, help_text=_("Keeps the places through re-ingests."))
    media = models.JSONField(_("media"), default=list, blank=True, help_text=_("Videos and other media from the feed."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REVIEW,
                              db_index=True)
    review_reason = models.TextField(_("why held"), blank=True)
    decided_by_editor = models.BooleanField(
        _("status set by an editor"), default=False,
        help_text=_("The publish stage leaves an editor's decision alone."))
    extractor = models.CharField(_("extractor"), max_length=50, blank=True)
    confidence = models.FloatField(_("confidence"), default=0.0)
    content_hash = models.CharField(_("content hash"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0)
    first_seen_at = models.DateTimeField(_("first seen at"), default=timezone.now)
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # The bake stage indexes the article (after the publish stage), not a save signal.
    search_auto_update = False

    # SQLite FTS5 does not fold Vietnamese letters with two marks or đ, so folded copies are
    # indexed and queries are folded the same way ("ha noi" finds "Hà Nội"), on every backend.
    search_fields = [
        index.SearchField("folded_title", boost=4),
        index.SearchField("folded_lead", boost=2),
        index.SearchField("folded_text"),
        index.SearchField("folded_translations"),
        index.FilterField("id"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("section"),
        index.FilterField("outlet"),
        index.FilterField("published_at"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "language", "-published_at"]),
                   models.Index(fields=["outlet", "published_at"], name="article_outlet_date")]
        # An article's identity belongs to its outlet: no partner can name another's article.
        constraints = [models.UniqueConstraint(fields=["outlet", "identity"], name="unique_outlet_identity")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self, language: str | None = None) -> str:
        with override(language or getattr(self, "shown_language", None) or self.language):
            return reverse("web:article", kwargs={"pk": self.pk, "slug": self.slug or "a"})

    @property
    def updated_at(self):
        """When the article last changed, by its own dates (the outlet's update, else its
        publication): not when the portal happened to store it."""
        return max(self.published_at, self.source_updated_at or self.published_at)

    @property
    def source_url(self) -> str:
        """The original's URL, for the "Source:" link: a web URL or nothing."""
        return web_url(self.original_url)

    def folded_title(self) -> str:
        return fold(self.title)

    def folded_lead(self) -> str:
        return fold(self.lead)

    def folded_text(self) -> str:
        return fold(self.text)

    def folded_translations(self) -> str:
        """Published translations' words, so a search in their language finds the article."""
        return fold(" ".join(f"{t.title} {t.lead} {strip_tags(t.body_html)}"
                             for t in self.translations.filter(status="published")))


class ArticleVersion(models.Model):
    """A kept version of an article, as it was extracted at one time. Version N is the article's
    state after its N-th change; the newest equals the article itself."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions", verbose_name=_("article"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    images = models.JSONField(_("images"), default=list, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    source_url = models.URLField(_("source URL"), max_length=1000)
    fetched_at = models.DateTimeField(_("fetched at"), default=timezone.now)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_article_version")]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ArticleImage(models.Model):
    """An image of an article, with the caption and the credit kept apart."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("article"))
    position = models.PositiveSmallIntegerField(_("position"))
    url = models.URLField(_("URL"), max_length=1000)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    alt = models.CharField(_("alt"), max_length=500, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    # The portal's own copy (the media stage): shown only once kept; never hot-linked.
    file = models.ForeignKey("media.MediaFile", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="article_images", verbose_name=_("kept picture"))
    media_error = models.CharField(_("why it is not kept"), max_length=500, blank=True)
    media_tries = models.PositiveSmallIntegerField(_("fetch attempts"), default=0)
    media_retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    poster_for = models.URLField(_("poster of the video"), max_length=1000, blank=True,
                                 help_text=_("Set on a video's poster (not shown among the article's pictures)."))

    class Meta:
        ordering = ["article", "position"]
        constraints = [models.UniqueConstraint(fields=["article", "position"], name="unique_article_image")]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")

    def __str__(self) -> str:
        return self.url

    @property
    def kept(self):
        """The portal's copy (a MediaFile with renditions), or None: then the picture is not shown."""
        return self.file if self.file_id is not None and self.file.renditions else None

    @property
    def src(self) -> str:
        """The kept picture's URL (the JPEG/PNG near 960 px wide), or "": never the partner's."""
        return self.file.src() if self.kept is not None else ""


class ArticleTranslation(models.Model):
    """An article in one more language. Published only through the publish stage (QA passed) or
    an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the engine")
        TRANSLATED = "translated", _("Waiting for the publish stage")
        PUBLISHED = "published", _("Published")
        REVIEW = "review", _("Held for review")
        FAILED = "failed", _("Failed")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations", verbose_name=_("article"))
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=500, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    images = models.JSONField(_("images"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    qa_passed = models.BooleanField(_("QA passed"), default=False)
    qa_issues = models.JSONField(_("QA findings"), default=list, blank=True)
    decided_by_editor = models.BooleanField(_("status set by an editor"), default=False)
    engines = models.CharField(_("engines"), max_length=200, blank=True)
    source_hash = models.CharField(_("source hash"), max_length=64, blank=True, help_text=_("The article content it translates."))
    engine_calls = models.PositiveIntegerField(_("engine calls"), default=0)
    segments_sent = models.PositiveIntegerField(_("segments sent"), default=0)
    segments_total = models.PositiveIntegerField(_("segments total"), default=0)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    translated_at = models.DateTimeField(_("translated at"), null=True, blank=True)
    by_editors = models.BooleanField(
        _("translated by the editors"), default=False,
        help_text=_("Every segment is one an editor approved: readers see “Translated by the editors”."))
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("last edited by"))
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    approved_hash = models.CharField(_("approved hash"), max_length=64, blank=True,
                                     help_text=_("The article content the editors last approved a translation of."))
    machine = models.JSONField(_("machine"), default=dict, blank=True,
                               help_text=_("The engine's output of each segment an editor changed, by segment id."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="unique_article_language")]
        indexes = [models.Index(fields=["language", "status"]), models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")

    def __str__(self) -> str:
        return f"{self.title or self.article.title} [{self.language}]"

    @property
    def current(self) -> bool:
        return self.source_hash == self.article.content_hash

    def get_absolute_url(self) -> str:
        with override(self.language):
            return reverse("web:article", kwargs={"pk": self.article_id, "slug": self.slug or "a"})


class Listing(models.Model):
    """One row per (article, language) a reader can see it in: what every list page, feed and
    sitemap pages through, newest first, on its own indexes (kept by the bake stage)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="listings")
    language = models.CharField(max_length=10)
    published_at = models.DateTimeField()
    section = models.ForeignKey("taxonomy.Section", null=True, on_delete=models.SET_NULL, related_name="+")
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="+")
    story = models.BigIntegerField(null=True)
    placed = models.BooleanField(default=False, help_text=_("The article names a place (the Local index lists it)."))
    original = models.BooleanField(default=True, help_text=_("The article's own language (not a translation)."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="unique_listing")]
        indexes = [
            models.Index(fields=["language", "-published_at", "-article"], name="listing_recent"),
            models.Index(fields=["language", "placed", "-published_at", "-article"], name="listing_placed"),
            models.Index(fields=["original", "-published_at", "-article"], name="listing_original"),
            models.Index(fields=["language", "section", "-published_at", "-article"], name="listing_section"),
            models.Index(fields=["language", "outlet", "-published_at", "-article"], name="listing_outlet"),
        ]


class PlaceListing(models.Model):
    """A listed article under one of its places: the Local pages page through these."""

    place = models.ForeignKey("taxonomy.Place", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    published_at = models.DateTimeField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "language", "article"], name="unique_place_listing")]
        indexes = [models.Index(fields=["place", "language", "-published_at", "-article"], name="place_recent"),
                   models.Index(fields=["article"], name="place_listing_article")]


class ListCount(models.Model):
    """How many articles a list has in a language (section, outlet or place; place 0: any place),
    kept as listings change, so no page counts over the archive; and how many stories more than
    one public report tells (story, key 0, no language)."""

    class Kind(models.TextChoices):
        SECTION = "section"
        OUTLET = "outlet"
        PLACE = "place"
        STORY = "story"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.BigIntegerField()
    language = models.CharField(max_length=10)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "language"], name="unique_list_count")]
