"""The grouping stage: each article joins the story of the same event or founds one."""
from quangba.articles.models import Article
from quangba.core.stages import Stage

from .grouping import assign


class Group(Stage):
    name = "stories"

    def run(self, key) -> None:
        article = Article.objects.select_related("outlet").filter(pk=key).first()
        with self.commit(key):
            if article is not None:
                assign(article)
            self.hand_off([key])
