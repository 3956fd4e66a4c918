"""python -m quangba.extract PATH_OR_URL [--url URL] [--rules NAME] [--json]"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from . import ExtractionError, extract


def _read(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        import httpx

        response = httpx.get(source, follow_redirects=True, timeout=20,
                             headers={"User-Agent": "quangba-extract/1.0"})
        response.raise_for_status()
        return response.content
    data = Path(source).read_bytes()
    return gzip.decompress(data) if source.endswith(".gz") else data


def main(argv: list[str] | None = None) -> int:
    """Print the extracted article of a file or URL, as text or as JSON."""
    parser = argparse.ArgumentParser(prog="python -m quangba.extract", description=__doc__)
    parser.add_argument("source", metavar="PATH_OR_URL")
    parser.add_argument("--url", help="the page's URL when reading a file (resolves links, picks rules)")
    parser.add_argument("--rules", help="force a rule set by name")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    url = args.url or (args.source if args.source.startswith(("http://", "https://")) else None)
    try:
        article = extract(_read(args.source), url, rules=args.rules)
    except ExtractionError as exc:
        print(f"extraction failed: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(article.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(article.title)
    print(f"{article.published_at or ''}  {article.author}  [{article.section_hint}]")
    print(f"extractor={article.extractor} confidence={article.confidence}\n")
    if article.lead:
        print(article.lead + "\n")
    print(article.text)
    for image in article.images:
        print(f"\n[image] {image.url}\n  {image.caption} — {image.credit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
