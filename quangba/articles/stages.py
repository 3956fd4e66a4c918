"""The publish stage: what readers may see, decided from the outlet's agreement, the extraction's
confidence, the translation QA gate and the editors' decisions, through the editors' own Actions
(audited as automatic, with the reason)."""
from django.conf import settings

from quangba.core.stages import Stage
from quangba.sources.models import Outlet

from .actions import HoldArticle, HoldTranslation, PublishArticle, PublishTranslation
from .models import Article, ArticleTranslation


def verdict(article: Article) -> tuple[str, str]:
    """(status, reason) the rules give a new article: held on low extraction confidence or when
    the outlet's agreement asks for review, published otherwise."""
    minimum = settings.QUANGBA_PIPELINE["MIN_CONFIDENCE"]
    if article.confidence < minimum:
        return Article.Status.REVIEW, (f"extraction confidence {article.confidence:.2f} is under {minimum:.2f}: "
                                       "check the body against the original")
    if article.outlet.publish == Outlet.Publish.REVIEW:
        return Article.Status.REVIEW, "the outlet's agreement asks for review before publishing"
    return Article.Status.PUBLISHED, "the outlet publishes automatically and the extraction is confident"


def decide(article: Article) -> None:
    """Publish or hold a new (or automatically held) article. A published article stays published,
    a withdrawn one withdrawn, and an editor's decision stands."""
    if article.decided_by_editor or article.status not in (Article.Status.PENDING, Article.Status.REVIEW):
        return
    status, reason = verdict(article)
    if status == article.status and article.review_reason == reason:
        return
    action = PublishArticle if status == Article.Status.PUBLISHED else HoldArticle
    action(article, reason=reason, automatic=True, hand_off=False).run()


def decide_translation(translation: ArticleTranslation) -> None:
    """Publish a fresh translation that passed the QA gate; hold it with the gate's findings if not."""
    if translation.source_hash != translation.article.content_hash:
        return  # the article changed since: the translate stage does it again
    if translation.qa_passed:
        PublishTranslation(translation, reason="passed the QA gate", automatic=True, hand_off=False).run()
    else:
        HoldTranslation(translation, reason="QA: " + "; ".join(translation.qa_issues[:5]), automatic=True,
                        hand_off=False).run()


class Publish(Stage):
    name = "publish"
    rows_per_task = 20  # one task for a batch of articles: less queue overhead

    def run(self, key) -> None:
        article = Article.objects.select_related("outlet").filter(pk=key).first()
        with self.commit(key):
            if article is not None:
                decide(article)
                for translation in article.translations.filter(status=ArticleTranslation.Status.TRANSLATED):
                    translation.article = article
                    decide_translation(translation)
            self.hand_off([key])
