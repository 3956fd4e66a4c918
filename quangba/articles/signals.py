"""Signals other stages listen to; sent after the transaction that changed the article commits."""
from django.dispatch import Signal

# sender=Article, article=<Article>, action="created" | "updated"
article_changed = Signal()

# sender=anything, articles=[pk, …]: the public pages showing these articles must refresh
# (editorial actions, translations, approved comments).
content_changed = Signal()
