"""What `quangba takedown` and `quangba restore` share: finding the article a person names."""
import re
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from quangba.articles.models import Article
from quangba.core.text import identity_hash

_OUR_PAGE = re.compile(r"^/[a-z]{2}(?:-[a-z]+)?/article/(\d+)(?:-[^/]*)?/?$")


def find_article(name: str) -> Article:
    """The article named by its id, one of its pages on the portal, or the original's URL."""
    name = name.strip()
    if name.isdigit():
        found = Article.objects.filter(pk=int(name)).first()
    else:
        ours = _OUR_PAGE.match(urlsplit(name).path or "")
        found = Article.objects.filter(pk=int(ours.group(1))).first() if ours else None
        if found is None:
            found = (Article.objects.filter(original_url=name).first() or Article.objects.filter(canonical_url=name).first()
                     or Article.objects.filter(identity=identity_hash(name)).first())
    if found is None:
        raise CommandError(f"no article is known by {name!r} (an id, one of its pages here, or the original's URL)")
    return found


class EditorialCommand(BaseCommand):
    """Runs one article Action from the command line (audited as an operator's)."""

    action = None
    done = ""

    def add_arguments(self, parser):
        parser.add_argument("article", help="The article: its id, one of its pages here, or the original's URL.")
        parser.add_argument("--reason", default="", help="Why (kept in the audit log).")

    def handle(self, *args, article, reason, **options):
        found = find_article(article)
        self.action(found, reason=reason or f"{self.action.name} from the command line").run()
        self.stdout.write(f"{self.done}: #{found.pk} {found.title} ({found.outlet.name}); every page showing it "
                          "is baked again by the next pass of the bake stage")
