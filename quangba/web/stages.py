"""The last stage: the pages that show the articles baked again from fresh data, the articles'
search entries updated, and the page cache's generation moved on (in every process)."""
from modelsearch.index import insert_or_update_object, remove_object

from quangba.articles import listings
from quangba.articles.models import Article
from quangba.core.models import Counter
from quangba.core.stages import Stage
from quangba.search import index
from quangba.stories.grouping import recount

from .bake import bake_articles
from .cache import GENERATION


class Bake(Stage):
    name = "bake"
    rows_per_task = 50
    batched = True  # home and section pages are baked once for the whole batch

    def run_batch(self, keys: list) -> None:
        if index.own_index():
            index.update(keys)
        else:
            found = {a.pk: a for a in Article.objects.filter(pk__in=keys)}
            for key in keys:
                if key in found:
                    insert_or_update_object(found[key])
                else:
                    remove_object(Article(pk=key))
        changes = listings.update(keys)
        recount(changes.stories)
        bake_articles(keys, changes.pages)
        Counter.bump(GENERATION)
