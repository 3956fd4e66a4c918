"""What the editors' and the pipeline's Actions count toward each outlet's day (the sources board
and the monthly partner report): a publication, a translation published, a hold, a takedown, a
comment approved — each when it changes the target's status, not when it confirms it."""
from quangba.articles.models import Article
from quangba.sources.health import tally

COUNTED = {  # Action.name → OutletDay count
    "publish": "published",
    "publish translation": "translated",
    "hold": "held",
    "hold translation": "held",
    "takedown": "taken_down",
    "approve": "comments",
}


def count_action(sender, action, before=None, **kwargs) -> None:
    count = COUNTED.get(action.name)
    if count is None or before == getattr(action, "status", None):
        return
    target = action.target
    outlet_id = getattr(target, "outlet_id", None)
    if outlet_id is None and getattr(target, "article_id", None) is not None:
        outlet_id = Article.objects.filter(pk=target.article_id).values_list("outlet_id", flat=True).first()
    if outlet_id is not None:
        tally(outlet_id, count)
