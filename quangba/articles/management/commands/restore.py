"""`quangba restore ARTICLE [--reason TEXT]`: undo a takedown."""
from quangba.articles.actions import RestoreArticle

from ._editorial import EditorialCommand


class Command(EditorialCommand):
    help = "Restore a taken-down article (the publish stage decides again, as for a new article)."
    action = RestoreArticle
    done = "restored"
