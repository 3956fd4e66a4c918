"""Machine translation for the portal: engines, segmentation, memory, glossary and the QA gate.

Everything in this package except the Django app files (models, admin, tasks) is a plain
library: ``translate_article(doc, "vi", "en", router.engines_for("vi", "en"), memory, glossary)``.
"""
from .errors import ConfigurationError, TranslationError
from .glossary import Glossary, GlossaryEntry
from .memory import InMemoryTranslationMemory, MemoryKey, TranslationMemory
from .pipeline import TranslatedDoc, translate_article, translate_articles, translate_segments
from .qa import QAIssue, QAReport
from .routing import RetryPolicy, Router
from .segment import ArticleDoc, ImageDoc

__all__ = [
    "ArticleDoc", "ConfigurationError", "Glossary", "GlossaryEntry", "ImageDoc",
    "InMemoryTranslationMemory", "MemoryKey", "QAIssue", "QAReport", "RetryPolicy", "Router",
    "TranslatedDoc", "TranslationError", "TranslationMemory", "translate_article",
    "translate_articles", "translate_segments",
]
