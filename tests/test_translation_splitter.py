"""Vietnamese sentence splitting: abbreviations, numbers and dates do not end sentences."""
import pytest

from quangba.translation.splitter import pack, split_html, split_sentences


@pytest.mark.parametrize("text, expected", [
    ("PGS.TS. Nguyễn Văn A phát biểu. Hội nghị kết thúc.",
     ["PGS.TS. Nguyễn Văn A phát biểu.", "Hội nghị kết thúc."]),
    ("Người dân TP.HCM vui mừng. Trời mưa.", ["Người dân TP.HCM vui mừng.", "Trời mưa."]),
    ("Sống ở TP.HCM. Sáng nay trời mưa.", ["Sống ở TP.HCM.", "Sáng nay trời mưa."]),
    ("Cửa hàng ở Q.1 mở cửa. Khách đông.", ["Cửa hàng ở Q.1 mở cửa.", "Khách đông."]),
    ("Tp. Thủ Đức có 1.000.000 dân. Họ vui.", ["Tp. Thủ Đức có 1.000.000 dân.", "Họ vui."]),
    ("Từ ngày 7/3/2026. Giá tăng 3,5%.", ["Từ ngày 7/3/2026.", "Giá tăng 3,5%."]),
    ("Ông nói: \"Tốt lắm.\" Sau đó ông về.", ["Ông nói: \"Tốt lắm.\"", "Sau đó ông về."]),
    ("Có thật không? Có! Thế thì tốt…", ["Có thật không?", "Có!", "Thế thì tốt…"]),
    ("GS. Trần Văn B và ThS. Lê C đến. Xong.", ["GS. Trần Văn B và ThS. Lê C đến.", "Xong."]),
    ("Mr. Smith met Dr. Jones. They spoke.", ["Mr. Smith met Dr. Jones.", "They spoke."]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_html_keeps_elements_whole():
    fragment = 'Ông <b>A nói. Bà B</b> cười. Giá <a href="https://x.vn/a.b">1.000</a> đồng. Hết.'
    assert split_html(fragment) == ['Ông <b>A nói. Bà B</b> cười.',
                                    'Giá <a href="https://x.vn/a.b">1.000</a> đồng.', 'Hết.']


def test_pack_respects_limit_and_keeps_text():
    pieces = ["Câu một.", "Câu hai dài hơn.", "Ba.", "x" * 30 + " " + "y" * 30]
    chunks = pack(pieces, 25)
    assert all(len(c) <= 25 for c in chunks)
    assert "".join(chunks).replace(" ", "") == "".join(pieces).replace(" ", "")
