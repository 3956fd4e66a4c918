"""The publish stage: what readers may see, decided from the outlet's agreement, the extraction's
confidence, the translation QA gate and the editors' decisions, through the editors' own Actions
(audited as automatic, with the reason)."""
from django.conf import settings

from quangba.core import reasons
from quangba.core.stages import Stage
from quangba.sources.models import Outlet

from .actions import HoldArticle, HoldTranslation, PublishArticle, PublishTranslation
from .models import Article, ArticleTranslation


def verdict(article: Article) -> tuple[str, str]:
    """(status, reason) the rules give a new article: held on low extraction confidence or when
    the outlet's agreement asks for review, published otherwise."""
    minimum = settings.QUANGBA_PIPELINE["MIN_CONFIDENCE"]
    if article.confidence < minimum:
        return Article.Status.REVIEW, reasons.LOW_CONFIDENCE(confidence=f"{article.confidence:.2f}",
                                                             minimum=f"{minimum:.2f}")
    if article.outlet.publish == Outlet.Publish.REVIEW:
        return Article.Status.REVIEW, reasons.AGREEMENT_REVIEW()
    return Article.Status.PUBLISHED, reasons.PUBLISHED_AUTOMATICALLY()


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
        PublishTranslation(translation, reason=reasons.QA_PASSED(), automatic=True, hand_off=False).run()
    else:
        HoldTranslation(translation, reason=reasons.QA_HELD(findings="; ".join(translation.qa_issues[:5])),
                        automatic=True, hand_off=False).run()


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
