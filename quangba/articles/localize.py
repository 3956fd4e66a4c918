"""Showing articles in the reader's language: the original where it is in that language, else
its published translation. Articles without either do not appear."""
from django.db.models import Prefetch, Q

from .models import Article, ArticleTranslation


def published_translations(language: str):
    return ArticleTranslation.objects.filter(language=language, status=ArticleTranslation.Status.PUBLISHED)


def with_translation(queryset, language: str):
    """`queryset` with each article's published translation into `language` prefetched."""
    return queryset.prefetch_related(Prefetch("translations", queryset=published_translations(language), to_attr="shown"))


def in_language(queryset, language: str):
    """Articles of `queryset` that exist in `language`, with that translation prefetched."""
    return queryset.filter(
        Q(language=language) | Q(pk__in=published_translations(language).values("article_id"))
    ).prefetch_related(Prefetch("translations", queryset=published_translations(language), to_attr="shown"))


def localize(article: Article, language: str) -> Article:
    """Put the `language` version's title, lead and body on the (unsaved) article instance."""
    article.shown_language = article.language
    article.translation = None
    if article.language != language:
        translations = getattr(article, "shown", None)
        if translations is None:
            translations = list(published_translations(language).filter(article=article))
        if translations:
            translation = translations[0]
            article.translation = translation
            article.shown_language = language
            article.title, article.slug = translation.title, translation.slug
            article.lead, article.body_html = translation.lead, translation.body_html
    return article


def localize_all(articles, language: str) -> list[Article]:
    return [localize(a, language) for a in articles]


def shown_in(queryset, ids: list[int], language: str) -> list[Article]:
    """The articles of `queryset` with these ids, in this order, localized to `language`. The
    published translations are read only for those not written in it: none on the pages of a
    language's own outlets (no query then)."""
    found = {a.pk: a for a in queryset.filter(pk__in=ids)}
    foreign = [pk for pk, article in found.items() if article.language != language]
    shown: dict[int, list] = {}
    if foreign:
        for translation in published_translations(language).filter(article_id__in=foreign):
            shown.setdefault(translation.article_id, []).append(translation)
    for pk, article in found.items():
        article.shown = shown.get(pk, [])
    return localize_all([found[pk] for pk in ids if pk in found], language)


def languages_of(article: Article) -> list[str]:
    """The languages an article can be read in: its own and its published translations'."""
    return [article.language] + list(
        ArticleTranslation.objects.filter(article_id=article.pk, status=ArticleTranslation.Status.PUBLISHED)
        .values_list("language", flat=True))
