"""What `quangba takedown` and `quangba restore` share: finding the article a person names."""
from django.core.management.base import BaseCommand, CommandError

from quangba.articles.lookup import find_article as lookup


def find_article(name: str):
    """The article named by its id, one of its pages here, or the original's URL."""
    found = lookup(name, scan=True)  # an operator's one-off: a scan of the archive is acceptable here
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
