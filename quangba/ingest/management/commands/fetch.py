"""`quangba fetch URL`: one page through the pipeline's guarded client and extraction."""
import json

from django.core.management.base import BaseCommand, CommandError

from quangba.core.errors import FetchError, FetchRefused
from quangba.core.http import GuardedClient
from quangba.extract import ExtractionError, extract


class Command(BaseCommand):
    help = "Fetch one page through the guarded client and extraction the pipeline uses; print the result."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--allow-private", action="store_true",
                            help="Allow private, loopback and link-local addresses (as for an allowed outlet).")
        parser.add_argument("--json", action="store_true", help="Print the extracted article as JSON.")
        parser.add_argument("--rules", default=None, help="Extraction rule set to use.")

    def handle(self, *args, url, allow_private, json: bool, rules, **options):
        # A one-off command: don't make the person wait for politeness delays.
        with GuardedClient.from_settings(allow_private=allow_private, politeness=0) as client:
            try:
                response = client.get(url)
            except FetchRefused as exc:
                raise CommandError(f"refused: {exc.reason}\n  URL: {url}") from exc
            except FetchError as exc:
                raise CommandError(f"fetch failed: {exc.reason}\n  URL: {exc.url or url}") from exc
        try:
            article = extract(response.content, url=response.url, rules=rules)
        except ExtractionError as exc:
            raise CommandError(f"extraction failed: {exc.reason}\n  URL: {response.url}") from exc
        if json:
            self.stdout.write(_json_dumps(article.as_dict()))
            return
        self.stdout.write(f"Title:      {article.title}")
        self.stdout.write(f"URL:        {article.canonical_url or article.url}")
        self.stdout.write(f"Published:  {article.published_at.isoformat() if article.published_at else '-'}")
        self.stdout.write(f"Author:     {article.author or '-'}")
        self.stdout.write(f"Section:    {article.section_hint or '-'}")
        self.stdout.write(f"Extractor:  {article.extractor} (confidence {article.confidence:.2f})")
        self.stdout.write(f"Lead:       {article.lead}")
        for image in article.images:
            credit = f" [{image.credit}]" if image.credit else ""
            self.stdout.write(f"Image:      {image.url} — {image.caption}{credit}")
        self.stdout.write("")
        self.stdout.write(article.text)


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
