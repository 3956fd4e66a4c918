"""`quangba takedown ARTICLE [--reason TEXT]`: the partner withdrew an article."""
from quangba.articles.actions import TakedownArticle

from ._editorial import EditorialCommand


class Command(EditorialCommand):
    help = "Take an article off every public surface (410 on its pages), as the admin's takedown does."
    action = TakedownArticle
    done = "taken down"
