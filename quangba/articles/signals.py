"""Signals other stages listen to; sent after the transaction that changed the article commits."""
from django.dispatch import Signal

# sender=Article, article=<Article>, action="created" | "updated"
article_changed = Signal()
