"""Article segmentation and rebuilding keep the structure and inline markup."""
from quangba.translation.segment import ArticleDoc, ImageDoc, rebuild_article, rebuild_body, segment_article, segment_body

BODY = ('<p>Đoạn <strong>một</strong> có <a href="https://x.vn/a.b">liên kết</a>.</p>'
        '<h2>Tiêu đề phụ</h2><ul><li>Mục 1</li><li>Mục hai <em>nghiêng</em><ul><li>Con</li></ul> đuôi</li></ul>'
        '<blockquote><p>Trích dẫn</p></blockquote>'
        '<figure><img src="a.jpg" alt="Ảnh minh họa"><figcaption>Chú thích ảnh</figcaption></figure>'
        '<table><tr><td>Ô 1</td><td><p>Ô 2</p></td></tr></table><pre>code giữ nguyên</pre>')


def test_body_blocks_in_order_with_inline_markup():
    segments, _ = segment_body(BODY)
    assert [(s.kind, s.text) for s in segments] == [
        ("block", 'Đoạn <strong>một</strong> có <a href="https://x.vn/a.b">liên kết</a>.'),
        ("block", "Tiêu đề phụ"), ("block", "Mục 1"), ("block", "Mục hai <em>nghiêng</em>"),
        ("block", "Con"), ("block", "đuôi"), ("block", "Trích dẫn"), ("alt", "Ảnh minh họa"),
        ("caption", "Chú thích ảnh"), ("block", "Ô 1"), ("block", "Ô 2")]
    assert not any("code" in s.text for s in segments)


def test_identity_rebuild_gives_the_same_html():
    segments, template = segment_body(BODY)
    assert rebuild_body(template, {s.id: s.text for s in segments}) == BODY


def test_rebuild_puts_translations_in_place_and_keeps_attributes():
    segments, template = segment_body('<p>a <img src="i.jpg" alt="ảnh"> b <a href="/x">y</a></p>')
    out = rebuild_body(template, {s.id: s.text.upper() for s in segments})
    assert out == '<p>A <img src="i.jpg" alt="ẢNH"> B <a href="/x">Y</a></p>'


def test_article_segments_cover_every_part():
    doc = ArticleDoc("Tiêu đề", "Sapo", "<p>Thân</p>",
                     [ImageDoc("x.jpg", caption="Chú thích", credit="Ảnh: TTXVN", alt="Mô tả")], "Nguyễn A")
    segments, template = segment_article(doc)
    assert [s.id for s in segments] == ["title", "lead", "body.0", "image.0.caption", "image.0.alt",
                                        "image.0.credit"]
    out = rebuild_article(doc, template, {s.id: f"<{s.id}>" if not s.html else s.id for s in segments})
    assert out.title == "<title>" and out.images[0].credit == "<image.0.credit>"
    assert out.body_html == "<p>body.0</p>" and out.author == "Nguyễn A"
