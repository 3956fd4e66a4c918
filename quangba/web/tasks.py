"""Re-baking pages after their content changed (primary keys only)."""
from django_tasks import task

from .bake import bake_articles


@task()
def bake(article_ids: list[int]) -> int:
    return bake_articles(article_ids)
