"""What the media app does when editors act on articles (the Actions' `acted` signal, inside the
action's transaction): a takedown removes the article's pictures from the media storage once it
commits (unless another live article or an outlet's logo uses the same picture); a restore has
the pictures whose files went fetched again by the retry stage."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quangba.articles.models import Article, ArticleImage
from quangba.sources.models import Outlet

from .models import MediaFile
from .store import delete_files


def on_action(sender, action, before=None, **kwargs) -> None:
    target = action.target
    if not isinstance(target, Article):
        return
    if action.name == "takedown":
        files = [image.file for image in ArticleImage.objects.filter(article=target, file__isnull=False)
                 .select_related("file")]
        if files:
            transaction.on_commit(lambda: release(files))
    elif action.name == "restore":
        ArticleImage.objects.filter(article=target).filter(
            Q(file__isnull=True, media_error="") | Q(file__renditions=[])).update(media_retry_at=timezone.now())


def release(files: list[MediaFile]) -> int:
    """Delete the renditions of `files` no live use needs any more (no article that is not
    withdrawn, no outlet's logo); their rows stay (without renditions) so the same bytes are
    known again. Returns how many pictures were released. Run after the takedown commits."""
    released = 0
    for media in files:
        in_use = (ArticleImage.objects.filter(file=media).exclude(article__status=Article.Status.WITHDRAWN).exists()
                  or Outlet.objects.filter(logo_file=media).exists())
        if in_use or not media.renditions:
            continue
        names = [r["n"] for r in media.renditions]
        MediaFile.objects.filter(pk=media.pk).update(renditions=[])
        delete_files(names)
        released += 1
    return released
