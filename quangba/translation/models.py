"""The shared translation memory and the editable glossary (an article's translations are
articles.ArticleTranslation)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationMemoryEntry(models.Model):
    """(engine, source, target, normalized segment) → translation, shared by all articles."""

    digest = models.CharField(_("digest"), max_length=64, unique=True)
    engine = models.CharField(_("engine"), max_length=100)
    source_language = models.CharField(_("source language"), max_length=10)
    target_language = models.CharField(_("target language"), max_length=10)
    source_text = models.TextField(_("source text"))
    translation = models.TextField(_("translation"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("approved by"),
                                    help_text=_("An editor's translation: preferred over every engine's."))

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
