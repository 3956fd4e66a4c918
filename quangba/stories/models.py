"""Stories: the same event told by several outlets, grouped so it reads as one; and the related
reading of each article, computed once when it is grouped."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quangba.articles.models import Article


class Story(models.Model):
    title = models.CharField(_("title"), max_length=500)
    lead = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("lead article"),
                             help_text=_("The report the front pages show for the story (an editor's choice)."))
    reports = models.PositiveIntegerField(_("public reports"), default=0, db_index=True,
                                          help_text=_("Its articles readers can see (kept by the bake stage)."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["-updated_at", "-id"], condition=models.Q(reports__gt=1), name="story_told")]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class StoryArticle(models.Model):
    """An article's place in a story, with the profile the matcher compares (similarity.Profile)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="links")
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="story_link")
    profile = models.BinaryField(blank=True, help_text=_("Emptied once the article is older than the windows."))
    day = models.IntegerField(help_text=_("Publication day (proleptic ordinal)."))
    content_hash = models.CharField(max_length=64)
    score = models.FloatField(default=1.0, help_text=_("Similarity to the article it joined on (1: founder)."))
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "joined_at"]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.article_id} in {self.story_id}"


class StoryKey(models.Model):
    """The inverted index the matcher finds candidates in: an article under each of its rarest
    terms (32-bit hashes), by day, kept for the related-reading window."""

    key = models.IntegerField()
    day = models.IntegerField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["key", "day"]), models.Index(fields=["day"])]


class RelatedArticle(models.Model):
    """One of an article's related articles (closest earlier articles of other stories), ranked."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    other = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [models.UniqueConstraint(fields=["article", "rank"], name="unique_related_rank")]
        indexes = [models.Index(fields=["other"])]


class FrontPickQuerySet(models.QuerySet):
    def current(self, language: str, section_id: int | None, now=None):
        """The page's picks not ended by `now` (live or still to start). Two index searches, one for
        picks with no end and one for those ending later, so the page's years of ended picks are
        never read (one OR over the column scanned them all: 4 ms at two years of ten a day)."""
        now = now or timezone.now()
        page = FrontPick.objects.filter(language=language, section_id=section_id).order_by()
        open_ended = page.filter(ends_at__isnull=True).values("pk")
        return self.filter(pk__in=open_ended.union(page.filter(ends_at__gt=now).values("pk")))


class FrontPick(models.Model):
    """An editor's choice on a front page (home, or a section's first page) in one language: a
    story pinned at the top or featured after the pins, from `starts_at` until `ends_at`."""

    class Kind(models.TextChoices):
        PIN = "pin", _("pinned")
        FEATURE = "feature", _("featured")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="picks", verbose_name=_("story"))
    language = models.CharField(_("language"), max_length=10)
    section = models.ForeignKey("taxonomy.Section", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("section"), help_text=_("Empty: the home page."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PIN)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FrontPickQuerySet.as_manager()

    class Meta:
        ordering = ["language", "section", "position", "pk"]
        indexes = [models.Index(fields=["language", "section", "ends_at"], name="pick_page"),
                   models.Index(fields=["starts_at"], name="pick_starts"),
                   models.Index(fields=["ends_at"], name="pick_ends")]
        verbose_name = _("front-page pick")
        verbose_name_plural = _("front-page picks")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.story}"

    def live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    @property
    def page(self) -> str:
        """The URL path of the page it is on."""
        return f"/{self.language}/" + (f"{self.section.slug}/" if self.section_id else "")
