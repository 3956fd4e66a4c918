from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "quangba.translation"
    label = "translation"
    verbose_name = "Translation"

    def ready(self):
        from django.utils import timezone

        from quangba.articles import scheduler
        from quangba.articles.signals import article_changed

        from . import service
        from .models import ArticleTranslation

        def on_article_changed(sender, article, **kwargs):
            service.request_translations(article)

        article_changed.connect(on_article_changed, weak=False, dispatch_uid="quangba.translation.request")
        scheduler.register(service.sweep)
        scheduler.register(service.dispatch_due)
        scheduler.register_due_check(lambda: ArticleTranslation.objects.filter(
            status=ArticleTranslation.Status.PENDING, next_attempt_at__lte=timezone.now()).exists())
