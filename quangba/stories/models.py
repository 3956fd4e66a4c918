"""Stories: the same event told by several outlets, grouped so it reads as one; and the related
reading of each article, computed once when it is grouped."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from quangba.articles.models import Article


class Story(models.Model):
    title = models.CharField(_("title"), max_length=500)
    reports = models.PositiveIntegerField(_("public reports"), default=0, db_index=True,
                                          help_text=_("Its articles readers can see (kept by the bake stage)."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
    profile = models.BinaryField(blank=True, help_text="Emptied once the article is older than the windows.")
    day = models.IntegerField(help_text="Publication day (proleptic ordinal).")
    content_hash = models.CharField(max_length=64)
    score = models.FloatField(default=1.0, help_text="Similarity to the article it joined on (1: founder).")
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
