"""Every sample partner article extracts exactly: title, sapo, date, author without the outlet
name, section, the body's paragraphs and nothing else, every figure with caption and credit split."""
import re
import urllib.request
from datetime import timedelta, timezone

import pytest

from quangba.extract import extract

VN = timezone(timedelta(hours=7))


def plain(text: str) -> str:
    """A content paragraph as readers see it: no markup, no [link](slug) syntax, no ## heading mark."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", re.sub(r"<[^>]+>", "", text))
    return " ".join(text.removeprefix("## ").replace("**", "").split())


def test_every_sample_article_extracts_exactly(partner_server):
    checked = 0
    for outlet in partner_server.outlets:
        for article, url in zip(outlet.articles, partner_server.article_urls(outlet.slug)):
            with urllib.request.urlopen(url, timeout=10) as response:
                result = extract(response.read(), url)
            where = f"{outlet.slug} ({outlet.style}) {url}"
            assert result.extractor.startswith("rules:"), where
            assert result.confidence >= 0.5, where
            assert result.title == article.title, where
            assert plain(article.sapo) in result.lead, where
            published = article.published if article.published.tzinfo else article.published.replace(tzinfo=VN)
            assert abs((result.published_at - published).total_seconds()) < 60, where
            assert result.author == article.author, where
            assert result.section_hint == article.category.name, where
            paragraphs = [plain(p) for p in article.body]
            text = " ".join(result.text.split())
            for paragraph in paragraphs:
                assert paragraph in text, f"{where}: missing {paragraph[:60]!r}"
            # Nothing but the paragraphs: no related box, share bar, newsletter, ad label or "Xem thêm".
            assert len(text) <= sum(len(p) + 1 for p in paragraphs), f"{where}: extra text {result.text[-200:]!r}"
            figures = article.images[1:] if article.video else article.images  # a video's poster is no figure
            assert sorted((i.caption, i.credit) for i in result.images) == \
                sorted((i.caption, i.credit) for i in figures), where
            assert all(i.url.startswith(partner_server.base_url(outlet.slug)) for i in result.images), where
            checked += 1
    assert checked >= 40


@pytest.mark.parametrize("hint", ["vnexpress", "vn-cms"])
def test_a_rules_hint_in_the_page_picks_the_rule_set(hint):
    html = (f'<html><head><meta name="quangba-rules" content="{hint}"></head><body>'
            '<h1 class="title-detail detail-title">Tiêu đề</h1><article class="fck_detail">'
            '<div class="detail-content afcbc-body">' + "<p>Một đoạn văn đủ dài để làm nội dung chính.</p>" * 10
            + "</div></article></body></html>")
    assert extract(html).extractor == f"rules:{hint}"
