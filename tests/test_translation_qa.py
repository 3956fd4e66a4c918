"""The QA gate catches planted faults and lets a good translation through."""
from quangba.translation import ArticleDoc, Glossary, ImageDoc, translate_article
from _translation_fakes import RecordingEngine
from quangba.translation.qa import SegmentPair, check_translation, source_names

GLOSSARY = Glossary.starter("vi", "en")
DOC = ArticleDoc(
    title="Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Nga tại Hà Nội",
    lead="Ngày 7/3/2026, Thủ tướng tiếp đoàn gồm 25 đại biểu.",
    body_html="<p>Hai bên thống nhất tăng thương mại lên 1.000.000 tấn.</p>",
    images=[ImageDoc("a.jpg", caption="Quang cảnh buổi tiếp tại Hà Nội", credit="Ảnh: TTXVN")],
)
# A translator that knows this article's wording: what the engine sees are placeholders.
GOOD = {
    "QGX1QGX Phạm Minh Chính tiếp Bộ trưởng Ngoại giao QGX2QGX tại QGX3QGX":
        "QGX1QGX Pham Minh Chinh receives QGX2QGX's Foreign Minister in QGX3QGX",
    "Ngày 7/3/2026, QGX1QGX tiếp đoàn gồm 25 đại biểu.":
        "On 7/3/2026, the QGX1QGX received a delegation of 25 members.",
    "Hai bên thống nhất tăng thương mại lên 1.000.000 tấn.":
        "The two sides agreed to raise trade to 1,000,000 tonnes.",
    "Quang cảnh buổi tiếp tại QGX1QGX": "The reception in QGX1QGX",
    "Ảnh: QGX1QGX": "Photo: QGX1QGX",
}


def translate(phrases):
    engine = RecordingEngine("fake", phrases=phrases)
    return translate_article(DOC, "vi", "en", [engine], glossary=GLOSSARY)


def test_good_translation_passes():
    result = translate(GOOD)
    assert result.qa.passed, result.qa.reasons()
    assert result.doc.title == "Prime Minister Pham Minh Chinh receives Russia's Foreign Minister in Hanoi"
    assert result.doc.images[0].credit == "Photo: Vietnam News Agency"


def test_leftover_vietnamese_caption_is_caught():
    bad = {k: v for k, v in GOOD.items() if not k.startswith("Quang cảnh")}
    result = translate(bad)
    assert not result.qa.passed
    [issue] = [i for i in result.qa.issues if i.code == "leftover_source"]
    assert issue.segment_id == "image.0.caption" and "cảnh" in issue.reason


def test_glossary_violation_is_caught():
    pair = SegmentPair("lead", "lead", "Bộ Ngoại giao cho biết", "The Foreign Office said",
                       terms=[e for _, _, e in GLOSSARY.find("Bộ Ngoại giao cho biết")])
    report = check_translation([pair], "vi", "en")
    assert [i.code for i in report.issues] == ["glossary"]
    assert "Ministry of Foreign Affairs" in report.issues[0].reason


def test_numbers_and_dates_must_carry_over():
    pairs = [SegmentPair("body.0", "block", "Ngày 15/8/2025 có 1.500 người", "On August 15 there were 1,500 people"),
             SegmentPair("body.1", "block", "Giá 2,5 tỷ đồng năm 2024", "Price 2.5 billion VND in 2024")]
    report = check_translation(pairs, "vi", "en")
    assert [(i.segment_id, i.code) for i in report.issues] == [("body.0", "number")]
    assert "2025" in report.issues[0].reason


def test_names_missing_from_title():
    assert source_names("Ông Nguyễn Văn An thăm Đà Lạt", title_case=False) == ["Ông Nguyễn Văn An", "Đà Lạt"]
    assert source_names("Minister Visits Da Lat Today") == []
    pair = SegmentPair("title", "title", "Nguyễn Văn An thăm Đà Lạt", "Mr An visits Da Lat")
    report = check_translation([pair], "vi", "en")
    assert [i.code for i in report.issues] == ["name"] and "Nguyễn Văn An" in report.issues[0].reason
    ok = SegmentPair("title", "title", "Nguyễn Văn An thăm Đà Lạt", "Nguyen Van An visits Da Lat")
    assert check_translation([ok], "vi", "en").passed


def test_identical_empty_and_length_outliers():
    same = "Kinh tế tăng trưởng mạnh trong quý đầu năm nay"
    pairs = [SegmentPair("lead", "lead", same, same),
             SegmentPair("body.0", "block", "Nội dung rất dài " * 5, ""),
             SegmentPair("body.1", "block", "Một đoạn văn bản đủ dài để kiểm tra độ dài bản dịch.", "Short.")]
    codes = {(i.segment_id, i.code) for i in check_translation(pairs, "vi", "en").issues}
    assert {("lead", "identical"), ("body.0", "empty"), ("body.1", "length")} <= codes


def test_names_with_diacritics_are_not_leftovers():
    pair = SegmentPair("lead", "lead", "Ông Nguyễn Văn Đức phát biểu", "Mr Nguyễn Văn Đức spoke")
    assert check_translation([pair], "vi", "en").passed


def test_honorific_may_be_dropped_from_a_title_name():
    pair = SegmentPair("title", "title", "Ông Nguyễn Văn An thăm Đà Lạt", "Mr Nguyen Van An visits Da Lat")
    assert check_translation([pair], "vi", "en").passed


# Source-language words left in a translation, judged with small word lists (the real ones are
# Debian's wspanish/wamerican; a test of them is in test_translation_apertium.py).
WORDS = {"en": frozenset("the farmers harvest rice growers shipment of in delta season river bank a".split()),
         "es": frozenset("los agricultores cosechan arroz en el delta temporada de la un".split())}


def _with_lists(monkeypatch):
    from quangba.translation import lexicon
    monkeypatch.setattr(lexicon, "words", lambda language: WORDS.get(language))


def test_source_word_left_in_a_title_holds_it(monkeypatch):
    _with_lists(monkeypatch)
    title = SegmentPair("title", "title", "The growers harvest rice", "Los growers cosechan arroz")
    report = check_translation([title], "en", "es")
    assert not report.passed
    assert [(i.code, i.severity) for i in report.issues] == [("leftover_words", "error")]
    assert "growers" in report.issues[0].reason


def test_few_leftovers_in_a_body_warn_many_hold(monkeypatch):
    _with_lists(monkeypatch)
    clean = "Los agricultores cosechan arroz en el delta. " * 30
    few = [SegmentPair("body.0", "block", "The growers harvest rice. " * 31, clean + "Los growers cosechan arroz.")]
    report = check_translation(few, "en", "es")
    assert report.passed and [(i.code, i.severity) for i in report.issues] == [("leftover_words", "warning")]
    many = [SegmentPair("body.0", "block", "The growers harvest a shipment of rice.", "Los growers cosechan un shipment de arroz.")]
    report = check_translation(many, "en", "es")
    assert not report.passed and "shipment" in report.issues[0].reason


def test_names_glossary_terms_and_missing_lists_are_not_leftovers(monkeypatch):
    _with_lists(monkeypatch)
    from quangba.translation.glossary import GlossaryEntry
    # Capitalised words are names; a protected term is the glossary's business.
    pair = SegmentPair("body.0", "block", "Farmers in Delta Rice harvest in the river season",
                       "Los agricultores de Delta Rice cosechan en la temporada de river",
                       terms=[GlossaryEntry("river season", "temporada de river", dnt=False)])
    assert check_translation([pair], "en", "es").issues == []
    # With no list for a language the check says nothing rather than guessing.
    pair = SegmentPair("title", "title", "The growers harvest rice", "Les growers récoltent du riz")
    assert check_translation([pair], "en", "fr").issues == []


def test_ordinal_may_become_a_roman_numeral():
    pair = SegmentPair("body.0", "block", "A pagoda of the 19th century, rebuilt in 1998",
                       "Una pagoda del siglo XIX, reconstruida en 1998")
    assert check_translation([pair], "en", "es").issues == []
    wrong = SegmentPair("body.0", "block", "A pagoda of the 19th century", "Una pagoda del siglo XVIII")
    assert [i.code for i in check_translation([wrong], "en", "es").issues] == ["number"]


def test_capitalised_common_words_are_not_names(monkeypatch):
    from quangba.translation import lexicon
    monkeypatch.setattr(lexicon, "words", lambda language: frozenset("metro line opens".split()) if language == "en" else None)
    pair = SegmentPair("title", "title", "Metro Line 1 opens to Nguyen Hue", "Abre la línea 1 del metro hasta Nguyen Hue")
    assert check_translation([pair], "en", "es").issues == []
    lost = SegmentPair("title", "title", "Metro Line 1 opens to Nguyen Hue", "Abre la línea 1 del metro")
    assert "Nguyen Hue" in check_translation([lost], "en", "es").issues[0].reason
