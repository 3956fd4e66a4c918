from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "quangba.web"
    label = "web"

    def ready(self):
        from django.conf import settings

        from quangba.articles.signals import article_changed, content_changed

        def rebake(sender, article=None, articles=None, **kwargs):
            if not settings.QUANGBA_BAKE:
                return
            from .tasks import bake

            ids = [article.pk] if article is not None else list(articles or [])
            if ids:
                bake.enqueue(ids)

        from quangba.articles import scheduler

        from . import bake
        from .cache import bump

        scheduler.register(bake.sweep)

        article_changed.connect(rebake, weak=False, dispatch_uid="quangba.web.rebake.article")
        content_changed.connect(rebake, weak=False, dispatch_uid="quangba.web.rebake.content")
        article_changed.connect(bump, weak=False, dispatch_uid="quangba.web.cache.article")
        content_changed.connect(bump, weak=False, dispatch_uid="quangba.web.cache.content")
