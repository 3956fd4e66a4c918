"""The last stage: the pages that show the articles baked again from fresh data, the articles'
search entries updated, and the page cache's generation moved on (in every process)."""
from datetime import datetime, timezone as dt_timezone

from django.db.models import Q
from modelsearch.index import insert_or_update_object, remove_object

from quangba.articles import listings
from quangba.articles.models import Article
from quangba.core.models import Counter
from quangba.core.stages import Stage
from quangba.search import index
from quangba.stories.grouping import recount
from quangba.stories.models import FrontPick

from .bake import bake_articles, bake_pages
from .cache import GENERATION


PICK_SWEEP_SECONDS = 5


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

    def sweep(self, now) -> int:
        """Front pages whose editors' picks started or ended since the last pass, baked again."""
        stamp = int(now.timestamp())
        last = Counter.read("sweep:picks")
        if stamp - last < PICK_SWEEP_SECONDS:
            return 0
        Counter.write("sweep:picks", stamp)
        if not last:
            return 0
        since = datetime.fromtimestamp(last, dt_timezone.utc)
        picks = FrontPick.objects.filter(Q(starts_at__gt=since, starts_at__lte=now) | Q(ends_at__gt=since, ends_at__lte=now))
        pages = sorted({pick.page for pick in picks.select_related("section")[:100]})
        if pages:
            bake_pages(pages)
        return len(pages)
