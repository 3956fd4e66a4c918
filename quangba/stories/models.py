"""Stories: the same event told by several outlets, grouped so it reads as one."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from quangba.articles.models import Article


class Story(models.Model):
    title = models.CharField(_("title"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class StoryArticle(models.Model):
    """An article's place in a story, with the signature the detector compares."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="links")
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="story_link")
    signature = models.JSONField()
    content_hash = models.CharField(max_length=64)
    score = models.FloatField(default=1.0, help_text="Similarity to the article it joined on (1: founder).")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "joined_at"]

    def __str__(self) -> str:
        return f"{self.article_id} in {self.story_id}"
