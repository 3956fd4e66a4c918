"""The grouping stage: each article joins the story of the same event or founds one, and gets its
related reading; articles whose related reading its arrival changed are baked again."""
from django.utils import timezone

from quangba.articles.models import Article
from quangba.core.stages import Stage, send

from .grouping import assign, forget_old


class Group(Stage):
    name = "stories"
    rows_per_task = 20  # one task for a batch of articles: less queue overhead

    def run(self, key) -> None:
        article = Article.objects.filter(pk=key).first()
        with self.commit(key):
            if article is not None:
                _link, changed = assign(article)
                send("bake", changed)
            self.hand_off([key])

    def sweep(self, now) -> int:
        return forget_old(timezone.localdate(now).toordinal())
