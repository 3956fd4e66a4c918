"""Translations of articles, the shared translation memory and the editable glossary."""
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, override

from quangba.articles.models import Article


class ArticleTranslation(models.Model):
    """An article in one more language. Published only when the QA gate passed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the engine")
        PUBLISHED = "published", _("Published")
        REVIEW = "review", _("Held for review")
        FAILED = "failed", _("Failed")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=500, blank=True)
    slug = models.SlugField(max_length=120, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    images = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    qa_issues = models.JSONField(_("QA findings"), default=list, blank=True)
    engines = models.CharField(max_length=200, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, help_text="The article content it translates.")
    engine_calls = models.PositiveIntegerField(default=0)
    segments_sent = models.PositiveIntegerField(default=0)
    segments_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    translated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="unique_article_language")]
        indexes = [models.Index(fields=["language", "status"])]
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


class TranslationMemoryEntry(models.Model):
    """(engine, source, target, normalized segment) → translation, shared by all articles."""

    digest = models.CharField(max_length=64, unique=True)
    engine = models.CharField(max_length=100)
    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    source_text = models.TextField()
    translation = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory")

    def __str__(self) -> str:
        return self.source_text[:60]


class GlossaryTerm(models.Model):
    """An editor's term for a language pair; it overrides the starter glossary."""

    source_language = models.CharField(_("from"), max_length=10)
    target_language = models.CharField(_("to"), max_length=10)
    source = models.CharField(_("term"), max_length=300, help_text=_("Alternatives separated by |"))
    target = models.CharField(_("translation"), max_length=300, blank=True)
    do_not_translate = models.BooleanField(_("do not translate"), default=False)
    case_sensitive = models.BooleanField(_("case sensitive"), default=True)
    strict = models.BooleanField(
        _("strict"), default=False,
        help_text=_("A short word that is also a common word or a name: matched only mid-sentence."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["source_language", "target_language", "source"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return f"{self.source} → {self.target or self.source}"
