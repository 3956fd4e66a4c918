"""Glossary protection: terms become placeholders before the engine and target terms after."""
from quangba.translation.glossary import Glossary, GlossaryEntry, missing_placeholders, tone_variants

VI_EN = Glossary.starter("vi", "en")


def test_starter_glossary_has_the_2025_map_and_ministries():
    targets = {e.target for e in VI_EN.entries}
    provinces = {"Hanoi", "Ho Chi Minh City", "Hue", "Da Nang", "Hai Phong", "Can Tho", "Gia Lai",
                 "Khanh Hoa", "Dak Lak", "An Giang", "Ca Mau", "Dong Thap", "Vinh Long", "Tay Ninh",
                 "Dong Nai", "Lam Dong", "Quang Ngai", "Quang Tri", "Ninh Binh", "Hung Yen",
                 "Bac Ninh", "Phu Tho", "Thai Nguyen", "Lao Cai", "Tuyen Quang", "Cao Bang",
                 "Ha Tinh", "Nghe An", "Thanh Hoa", "Quang Ninh", "Lang Son", "Son La", "Dien Bien",
                 "Lai Chau"}
    assert len(provinces) == 34 and provinces <= targets
    ministries = {t for t in targets if t.startswith("Ministry of")}
    assert len(ministries) == 14
    assert {"Russia", "China", "United States", "State Bank of Vietnam", "National Assembly"} <= targets


def test_protect_and_restore_round_trip():
    p = VI_EN.protect("Bộ Ngoại giao và UBND TP.HCM họp tại Hà Nội, Khánh Hoà.")
    assert "Bộ Ngoại giao" not in p.text and "QGX1QGX" in p.text
    engine_output = p.text.replace("họp tại", "met in").replace("và", "and")
    restored = Glossary.restore(engine_output, p)
    assert restored == ("Ministry of Foreign Affairs and People's Committee Ho Chi Minh City met in "
                        "Hanoi, Khanh Hoa.")


def test_strict_terms_skip_names_and_sentence_starts():
    assert [e.target for _, _, e in VI_EN.find("Tổng thống Nga Putin đến Mỹ.")] == ["Russia", "United States"]
    assert VI_EN.find("Bà Nguyễn Thị Nga cho biết.") == []
    assert VI_EN.find("Nga tấn công.") == []
    assert [e.target for _, _, e in VI_EN.find("Người dân Mỹ Tho")] == ["My Tho"]


def test_html_mode_never_touches_tags():
    g = Glossary([GlossaryEntry("Hà Nội", "Hanoi")])
    p = g.protect('<a href="/ha-noi" title="Hà Nội">Hà Nội</a> đẹp', html=True)
    assert p.text == '<a href="/ha-noi" title="Hà Nội">QGX1QGX</a> đẹp'


def test_native_mode_keeps_terms_but_protects_do_not_translate():
    g = Glossary([GlossaryEntry("Hà Nội", "Hanoi"), GlossaryEntry("VnExpress", "VnExpress", dnt=True)])
    p = g.protect("VnExpress ở Hà Nội", native=True)
    assert p.text == "QGX1QGX ở Hà Nội" and p.native_terms == {"Hà Nội": "Hanoi"}


def test_lost_placeholder_is_reported_and_tolerant_forms_restored():
    g = Glossary([GlossaryEntry("Hà Nội", "Hanoi"), GlossaryEntry("Huế", "Hue")])
    p = g.protect("Hà Nội và Huế")
    assert [e.target for e in missing_placeholders("qgx1qgx and", p)] == ["Hue"]
    assert Glossary.restore("qgx 1 qgx and QGX2QGX", p) == "Hanoi and Hue"


def test_tone_mark_placement_variants():
    assert tone_variants("Khánh Hòa") == {"Khánh Hòa", "Khánh Hoà"}
    assert tone_variants("Thuỵ Sĩ") == {"Thụy Sĩ", "Thuỵ Sĩ"}


def test_tsv_alternatives_and_flags():
    g = Glossary.from_tsv(["# comment", "Mỹ|Hoa Kỳ\tUnited States\tterm\tstrict", "ASEAN\t\tdnt"])
    assert [(e.source, e.strict, e.dnt) for e in g.entries] == [
        ("Mỹ", True, False), ("Hoa Kỳ", True, False), ("ASEAN", False, True)]
    assert g.entries[2].target == "ASEAN"


def test_places_are_kept_as_they_are_from_english():
    glossary = Glossary.starter("en", "es")
    kept = {e.source: e for e in glossary.entries if e.dnt}
    # Engines turn "Ha Long" into "Ha Mucho tiempo" and "My Son" into "Mi Hijo".
    assert {"Ha Long", "Hoi An", "Quang Ninh"} <= set(kept)
    # The shipped file's own renderings win over keeping a name as it is.
    assert "Hanoi" not in kept and any(e.source == "Hanoi" and e.target == "Hanói" for e in glossary.entries)
    assert not [e for e in Glossary.starter("en", "vi").entries if e.source == "Ha Long" and e.dnt]
