from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "quangba.stories"
    label = "stories"

    def ready(self):
        from quangba.articles import scheduler
        from quangba.articles.signals import article_changed

        from . import service

        def on_article_changed(sender, article, **kwargs):
            service.assign(article)

        article_changed.connect(on_article_changed, weak=False, dispatch_uid="quangba.stories.assign")
        scheduler.register(service.sweep)
