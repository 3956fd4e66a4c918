"""The filing stage: an article's section (the outlet's category through its map, the portal's
table, a model of the text, News) and its places on the 2025 map. An editor's choice sticks."""
from quangba.articles.models import Article
from quangba.core.stages import Stage

from .filing import place_slugs, section_for, sections_from_texts
from .models import Place, Section


def is_video(article: Article) -> bool:
    """A video item is filed under Video whatever its outlet calls it."""
    return any(str(m.get("type", "")).startswith(("video/", "text/html"))
               for m in article.media or [] if isinstance(m, dict))


def section_slug(article: Article, from_text: str | None = None) -> str:
    if is_video(article):
        return "video"
    return section_for(outlet_map=article.outlet.section_map, categories=article.categories,
                       url=article.original_url, language=article.language, title=article.title, text=article.text,
                       from_text=from_text)


class File(Stage):
    name = "file"
    rows_per_task = 20  # one task for a batch of articles: less queue overhead

    def __init__(self):
        self.from_text = {}

    def prepare(self, keys: list) -> None:
        """The topic model over the task's Vietnamese articles at once (a sixth of its cost one by
        one); each row still files alone, and asks the model itself if this failed."""
        rows = list(Article.objects.filter(pk__in=keys, language="vi", section_locked=False).exclude(text="")
                    .values_list("pk", "title", "text"))
        self.from_text = dict(zip([pk for pk, _t, _x in rows],
                                  sections_from_texts("vi", [(title, text) for _pk, title, text in rows])))

    def run(self, key) -> None:
        article = Article.objects.select_related("outlet").filter(pk=key).first()
        # The models run before the transaction: it stays short.
        slug = section_slug(article, self.from_text.pop(key, None)) \
            if article is not None and not article.section_locked else None
        places = place_slugs(article.title, article.lead, article.text) \
            if article is not None and not article.places_locked else None
        with self.commit(key):
            if slug is not None:
                Article.objects.filter(pk=key).update(section=Section.for_slug(slug))
            if places is not None:
                article.places.set(Place.for_slugs(places))
            self.hand_off([key])
