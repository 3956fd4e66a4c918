"""`quangba synth`: the synthetic archive is what the live pipeline would leave, kept counts and all
(a bench on it measures the real structures)."""
import lzma
from collections import Counter

import pytest
from django.core.management import call_command

from quangba.articles.models import Article, ListCount, Listing, PlaceListing
from quangba.stories import grouping
from quangba.stories.models import RelatedArticle, Story, StoryArticle

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_vntc(corpus_dir, tmp_path):
    """The first 600 articles of VNTC's training part (never its test part)."""
    path = tmp_path / "train.jsonl.xz"
    with lzma.open(corpus_dir / "vntc" / "train.jsonl.xz", "rt", encoding="utf-8") as source, \
            lzma.open(path, "wt", encoding="utf-8") as out:
        for number, line in enumerate(source):
            if number == 600:
                break
            out.write(line)
    return path


def test_a_synthetic_archive_keeps_the_counts_pages_read(small_vntc, capsys):
    call_command("synth", articles=400, outlets=12, corpus=small_vntc, processes=1, seed=3)
    assert "400 articles" in capsys.readouterr().out
    assert Article.objects.published().count() == 400

    # The kept list counts equal the listings they count.
    kept = {(c.kind, c.key, c.language): c.count for c in ListCount.objects.exclude(kind=ListCount.Kind.STORY)}
    counted = Counter()
    for section, outlet, language in Listing.objects.values_list("section_id", "outlet_id", "language"):
        counted[(ListCount.Kind.SECTION, section, language)] += section is not None
        counted[(ListCount.Kind.OUTLET, outlet, language)] += 1
    for place, language in PlaceListing.objects.values_list("place_id", "language"):
        counted[(ListCount.Kind.PLACE, place, language)] += 1
    for article_id, language in PlaceListing.objects.values_list("article_id", "language").distinct():
        counted[(ListCount.Kind.PLACE, 0, language)] += 1
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in counted.items() if v}

    # Stories: several reports of one event, their public counts as a recount finds them.
    told = Story.objects.filter(reports__gt=1).count()
    assert told >= 10 and StoryArticle.objects.count() == 400
    assert ListCount.objects.get(kind=ListCount.Kind.STORY).count == told
    before = dict(Story.objects.values_list("pk", "reports"))
    grouping.recount(list(before))
    assert dict(Story.objects.values_list("pk", "reports")) == before
    assert ListCount.objects.get(kind=ListCount.Kind.STORY).count == told
    assert RelatedArticle.objects.exists()
