"""quangba.extract on small hand-written pages: API, cascade, dates, figures, bad input."""
import json
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from quangba.extract import ExtractedImage, ExtractedArticle, ExtractionError, extract
from quangba.extract.clean import split_credit
from quangba.extract.dates import parse_date
from quangba.extract.people import clean_author
from quangba.extract.rules import all_rule_sets

VN = timezone(timedelta(hours=7))
PARAGRAPHS = "".join(
    f"<p>Đoạn văn thứ {i} của bài báo, đủ dài để được coi là nội dung chính, có dấu phẩy, và nhiều chữ nữa.</p>"
    for i in range(8)
)


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_result_is_a_slotted_dataclass_with_every_field():
    article = extract(page(f"<h1>Tiêu đề</h1><article>{PARAGRAPHS}</article>"), "https://example.vn/a.html")
    assert isinstance(article, ExtractedArticle)
    assert not hasattr(article, "__dict__")
    for name in ("url", "canonical_url", "title", "lead", "body_html", "text", "images", "author",
                 "published_at", "updated_at", "language", "tags", "section_hint", "extractor", "confidence"):
        assert hasattr(article, name)
    assert article.title == "Tiêu đề"
    assert article.language == "vi"
    assert article.text.count("\n\n") == 7
    assert 0.0 <= article.confidence <= 1.0
    json.dumps(article.as_dict())


@pytest.mark.parametrize("raw, expected", [
    ("07/03/2026 08:47", datetime(2026, 3, 7, 8, 47, tzinfo=VN)),
    ("Thứ bảy, 7/3/2026, 08:05 (GMT+7)", datetime(2026, 3, 7, 8, 5, tzinfo=VN)),
    ("2026-03-07T08:52:11.000 +07:00", datetime(2026, 3, 7, 8, 52, 11, tzinfo=VN)),
    ("07-03-2026 - 00:01 AM", datetime(2026, 3, 7, 0, 1, tzinfo=VN)),
    ("2026-03-07T01:52:11Z", datetime(2026, 3, 7, 8, 52, 11, tzinfo=VN)),
    ("March 7, 2026 3:05 pm", datetime(2026, 3, 7, 15, 5, tzinfo=VN)),
    ("ngày 7 tháng 3 năm 2026", datetime(2026, 3, 7, tzinfo=VN)),
])
def test_vietnamese_dates_default_to_vietnam_time(raw, expected):
    parsed = parse_date(raw)
    assert parsed == expected and parsed.tzinfo is not None


@pytest.mark.parametrize("caption, expected", [
    ("Công nhân đi qua các ống dẫn dầu. Ảnh: Reuters", ("Công nhân đi qua các ống dẫn dầu.", "Reuters")),
    ("Một bó hoa hồng - Ảnh: H.Y.T.", ("Một bó hoa hồng", "H.Y.T")),
    ("Dòng xe ùn ứ nối dài (Ảnh: Hải Long).", ("Dòng xe ùn ứ nối dài", "Hải Long")),
    ("Protesters in the square. Photo: AP", ("Protesters in the square.", "AP")),
    ("Minh hoạ sản phẩm (Ảnh minh hoạ)", ("Minh hoạ sản phẩm (Ảnh minh hoạ)", "")),
])
def test_photo_credits_are_split_from_captions(caption, expected):
    assert split_credit(caption) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Nguyễn Văn A - Báo Dân trí", "Nguyễn Văn A"),
    ("By Jane Doe | Reuters", "Jane Doe"),
    ("Hà Thu (tổng hợp)", "Hà Thu"),
    ("Theo VnExpress", ""),
])
def test_authors_lose_the_outlet_name(raw, expected):
    assert clean_author(raw, "Dân trí") == expected


def test_metadata_stage_fills_fields_from_json_ld_and_opengraph():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tin chính",
          "datePublished": "2026-03-07T08:52:11+07:00", "dateModified": "2026-03-07T09:00:00+07:00",
          "author": [{"@type": "Person", "name": "Lan Anh"}], "articleSection": "Kinh tế", "keywords": "vàng, giá"}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="og:description" content="Tóm tắt bài."><link rel="canonical" href="/bai-viet.html">')
    article = extract(page(f"<article>{PARAGRAPHS}</article>", head), "https://example.vn/x?utm=1")
    assert article.title == "Tin chính"
    assert article.published_at == datetime(2026, 3, 7, 8, 52, 11, tzinfo=VN)
    assert article.updated_at == datetime(2026, 3, 7, 9, 0, tzinfo=VN)
    assert article.author == "Lan Anh"
    assert article.section_hint == "Kinh tế"
    assert article.tags == ["vàng", "giá"]
    assert article.lead == "Tóm tắt bài."
    assert article.canonical_url == "https://example.vn/bai-viet.html"


def test_body_is_clean_subset_without_boilerplate_and_with_resolved_figures():
    body = (
        '<article class="content">'
        '<div class="share-bar"><a href="https://facebook.com/share">Chia sẻ</a></div>'
        f"{PARAGRAPHS}"
        '<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/a.jpg" width="800" height="600" alt="A">'
        "<figcaption>Người dân đi bộ. Ảnh: Minh Châu</figcaption></figure>"
        '<p><img src="pixel.gif" srcset="/img/b-300.jpg 300w, /img/b-1200.jpg 1200w"></p>'
        '<div class="box-related"><a href="/khac.html">Bài khác</a></div>'
        '<p><a href="/doc-them.html">Xem thêm: Giá vàng hôm nay</a></p>'
        '<div class="newsletter-box">Đăng ký nhận tin</div>'
        '<p onclick="alert(1)">Đoạn cuối <script>alert(1)</script><span style="color:red">có kiểu</span>.</p>'
        "</article>"
    )
    article = extract(page(body), "https://example.vn/bai.html")
    assert "Chia sẻ" not in article.text and "Bài khác" not in article.text
    assert "Xem thêm" not in article.body_html and "Đăng ký" not in article.text
    assert "<script" not in article.body_html and "onclick" not in article.body_html and "style=" not in article.body_html
    assert "Đoạn cuối có kiểu." in article.text
    first, second = article.images
    assert first == ExtractedImage(url="https://example.vn/img/a.jpg", caption="Người dân đi bộ.", credit="Minh Châu",
                                 alt="A", width=800, height=600)
    assert second.url == "https://example.vn/img/b-1200.jpg"
    assert 'src="https://example.vn/img/a.jpg"' in article.body_html
    assert "<figcaption>Người dân đi bộ. Ảnh: Minh Châu</figcaption>" in article.body_html


def test_noscript_twin_replaces_a_lazy_placeholder():
    body = (f"<article>{PARAGRAPHS}<figure><img class='lazy' src='data:,'>"
            "<noscript><img src='https://cdn.example.vn/real.jpg'></noscript><figcaption>Ảnh thật</figcaption>"
            "</figure></article>")
    article = extract(page(body), "https://example.vn/bai.html")
    assert [image.url for image in article.images] == ["https://cdn.example.vn/real.jpg"]


def test_rules_by_name_by_dict_and_by_page_hint():
    body = ('<div class="ten">Tiêu đề theo luật</div><div class="tom-tat">Sapo</div>'
            f'<div class="noi-dung">{PARAGRAPHS}<div class="quang-cao">QC</div></div>'
            '<span class="ngay">07/03/2026 08:47</span>')
    rules = {"name": "thu", "title": [".ten"], "lead": [".tom-tat"], "body": [".noi-dung"], "date": [".ngay"],
             "remove": [".quang-cao"]}
    article = extract(page(body), None, rules=rules)
    assert (article.title, article.lead, article.extractor) == ("Tiêu đề theo luật", "Sapo", "rules:thu")
    assert article.published_at == datetime(2026, 3, 7, 8, 47, tzinfo=VN) and "QC" not in article.text
    hinted = page(f'<h1 class="title-detail">Tiêu đề</h1><article class="fck_detail">{PARAGRAPHS}</article>',
                  '<meta name="quangba-rules" content="vnexpress">')
    assert extract(hinted).extractor == "rules:vnexpress"
    assert extract(hinted, rules="vnexpress").extractor == "rules:vnexpress"
    with pytest.raises(KeyError):
        extract(hinted, rules="no-such-outlet")


def test_rule_sets_cover_the_partner_outlets():
    names = set(all_rule_sets())
    assert {"vnexpress", "dantri", "tuoitre", "thanhnien", "vietnamnet", "nld", "cafef", "baochinhphu",
            "baodautu", "nhandan", "vietnamplus", "vn-cms"} <= names


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    ("   \n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary"),
    (b"x" * (9 * 1024 * 1024), "too large"),
    ("just some words without any markup", "no HTML"),
])
def test_bad_input_raises_extraction_error_with_a_reason(raw, reason):
    with pytest.raises(ExtractionError) as error:
        extract(raw, "https://example.vn/x.html")
    assert reason in error.value.reason and error.value.url == "https://example.vn/x.html"


def to_windows_1258(text: str) -> bytes:
    """Encode as legacy Vietnamese pages did: base letters precomposed, tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


def test_windows_1258_and_misdeclared_utf8_decode_right():
    text = "Giá vàng hôm nay tăng mạnh ở Hà Nội"
    html = page(f"<h1>{text}</h1><article>{PARAGRAPHS}</article>")
    legacy = to_windows_1258(html.replace("utf-8", "windows-1258"))
    assert extract(legacy).title == text
    # Declared windows-1258 but really UTF-8: the bytes win.
    assert extract(html.replace("utf-8", "windows-1258").encode("utf-8")).title == text
    # Declared UTF-8 but really windows-1258.
    assert extract(to_windows_1258(html)).title == text


def test_truncated_absurd_and_empty_pages_come_back_poor_not_crashing():
    truncated = page(f"<h1>Tiêu đề</h1><article>{PARAGRAPHS}</article>")[:700]
    assert extract(truncated).confidence < 0.5
    nested = "<html><body>" + "<div>" * 100_000 + "chữ" + "</div>" * 100_000 + "</body></html>"
    assert extract(nested).confidence < 0.5
    assert extract(page("<nav><a href='/'>Trang chủ</a></nav>")).confidence < 0.5


def test_command_line_prints_json(tmp_path, capsys):
    from quangba.extract.__main__ import main

    path = tmp_path / "bai.html"
    path.write_text(page(f"<h1>Tiêu đề</h1><article>{PARAGRAPHS}</article>"), encoding="utf-8")
    assert main([str(path), "--url", "https://example.vn/bai.html", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Tiêu đề" and data["url"] == "https://example.vn/bai.html"
    (tmp_path / "empty.html").write_bytes(b"")
    assert main([str(tmp_path / "empty.html")]) == 2
