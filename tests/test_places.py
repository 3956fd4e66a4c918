"""The gazetteer: 34 units of the 2025 map, old names and destinations as aliases, and the hard cases."""
import json
from pathlib import Path

import pytest

from quangba.core.text import fold_aligned

from quangba.taxonomy.places import (
    GAZETTEER_PATH, Province, all_places, find_place_mentions, find_places, gazetteer, get_place,
)

SLUGS_2025 = (
    "ha-noi hue lai-chau dien-bien son-la lang-son quang-ninh thanh-hoa nghe-an ha-tinh cao-bang "
    "tuyen-quang lao-cai thai-nguyen phu-tho bac-ninh hung-yen hai-phong ninh-binh quang-tri da-nang "
    "quang-ngai gia-lai khanh-hoa lam-dong dak-lak ho-chi-minh dong-nai tay-ninh can-tho vinh-long "
    "dong-thap ca-mau an-giang"
).split()

# Resolution 202/2025/QH15: the 29 provinces merged into another unit on 1 July 2025.
MERGED = {
    "Hà Giang": "tuyen-quang", "Yên Bái": "lao-cai", "Bắc Kạn": "thai-nguyen", "Vĩnh Phúc": "phu-tho",
    "Hòa Bình": "phu-tho", "Bắc Giang": "bac-ninh", "Thái Bình": "hung-yen", "Hải Dương": "hai-phong",
    "Hà Nam": "ninh-binh", "Nam Định": "ninh-binh", "Quảng Bình": "quang-tri", "Quảng Nam": "da-nang",
    "Kon Tum": "quang-ngai", "Bình Định": "gia-lai", "Ninh Thuận": "khanh-hoa", "Đắk Nông": "lam-dong",
    "Bình Thuận": "lam-dong", "Phú Yên": "dak-lak", "Bình Dương": "ho-chi-minh",
    "Bà Rịa - Vũng Tàu": "ho-chi-minh", "Bình Phước": "dong-nai", "Long An": "tay-ninh",
    "Sóc Trăng": "can-tho", "Hậu Giang": "can-tho", "Bến Tre": "vinh-long", "Trà Vinh": "vinh-long",
    "Tiền Giang": "dong-thap", "Bạc Liêu": "ca-mau", "Kiên Giang": "an-giang",
}


def slugs(text):
    return [p.slug for p in find_places(text)]


def test_gazetteer_holds_the_34_units_of_2025():
    places = all_places()
    assert [p.slug for p in places] == SLUGS_2025
    assert sum(p.kind == "city" for p in places) == 6  # Hà Nội, Huế, Hải Phòng, Đà Nẵng, TP.HCM, Cần Thơ
    assert {p.kind for p in places} == {"city", "province"}
    assert gazetteer().alias_count >= 150


def test_gazetteer_data_lists_all_63_former_provinces():
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    own = {p["name"] for p in data["provinces"]}
    former = {fold_aligned(name) for p in data["provinces"] for name in p["former"]}
    assert len(own) + len({fold_aligned(n) for n in MERGED} & former) == 63


def test_place_fields():
    hue = get_place("hue")
    assert (hue.name, hue.name_en, hue.kind) == ("Huế", "Hue", "city")
    assert get_place("ho-chi-minh").name_en == "Ho Chi Minh City"
    assert get_place("gia-lai").kind == "province"
    assert isinstance(find_places("Gia Lai")[0], Province)


@pytest.mark.parametrize("name,slug", MERGED.items())
def test_merged_provinces_resolve_to_their_new_unit(name, slug):
    assert slugs(f"Mưa lớn ở tỉnh {name} hôm qua.") == [slug]
    assert slugs(f"Heavy rain hit {fold_aligned(name).title()} province.") == [slug]


@pytest.mark.parametrize("slug", SLUGS_2025)
def test_every_unit_finds_its_own_name(slug):
    place = get_place(slug)
    assert slugs(f"Tin từ {place.name}.") == [slug]
    assert slugs(f"News from {place.name_en}.") == [slug]


@pytest.mark.parametrize("text", [
    "TP.HCM", "TP HCM", "TPHCM", "Tp.HCM", "Tp. Hồ Chí Minh", "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh",
    "Thành phố Hồ Chí Minh", "THÀNH PHỐ HỒ CHÍ MINH", "Sài Gòn", "Saigon", "HCMC", "Ho Chi Minh City",
    "HCM City", "thanh pho Ho Chi Minh",
])
def test_ho_chi_minh_city_spellings(text):
    assert slugs(f"Giá nhà ở {text} tăng.") == ["ho-chi-minh"]


def test_president_ho_chi_minh_is_not_the_city():
    assert slugs("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.") == []
    assert slugs("Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập.") == []
    # … and his mausoleum stands in Hà Nội.
    assert slugs("Lăng Chủ tịch Hồ Chí Minh mở cửa trở lại.") == ["ha-noi"]
    assert slugs("Visitors queue at the Ho Chi Minh Mausoleum; đoàn vào viếng Lăng Bác.") == ["ha-noi"]


@pytest.mark.parametrize("text,slug", [
    ("Vịnh Hạ Long", "quang-ninh"), ("Ha Long Bay", "quang-ninh"), ("Halong Bay", "quang-ninh"),
    ("phố cổ Hội An", "da-nang"), ("Hoi An", "da-nang"), ("thánh địa Mỹ Sơn", "da-nang"),
    ("Sa Pa", "lao-cai"), ("Sapa", "lao-cai"), ("đỉnh Fansipan", "lao-cai"), ("Phú Quốc", "an-giang"),
    ("Phu Quoc island", "an-giang"), ("Phong Nha - Kẻ Bàng", "quang-tri"), ("hang Sơn Đoòng", "quang-tri"),
    ("Son Doong cave", "quang-tri"), ("Quy Nhơn", "gia-lai"), ("Nha Trang", "khanh-hoa"),
    ("Đà Lạt", "lam-dong"), ("Dalat", "lam-dong"), ("Mũi Né", "lam-dong"), ("Phan Thiết", "lam-dong"),
    ("Vũng Tàu", "ho-chi-minh"), ("Côn Đảo", "ho-chi-minh"), ("Tràng An", "ninh-binh"), ("Tam Cốc", "ninh-binh"),
    ("Buôn Ma Thuột", "dak-lak"), ("Ban Me Thuot", "dak-lak"), ("Pleiku", "gia-lai"), ("Cát Bà", "hai-phong"),
    ("Hà Giang", "tuyen-quang"), ("Điện Biên Phủ", "dien-bien"), ("Mộc Châu", "son-la"),
    ("Biên Hòa", "dong-nai"), ("Mỹ Tho", "dong-thap"), ("Châu Đốc", "an-giang"), ("Trường Sa", "khanh-hoa"),
    ("Hoàng Sa", "da-nang"), ("Đồng Hới", "quang-tri"), ("Thủ Dầu Một", "ho-chi-minh"),
])
def test_destinations_and_towns_resolve_to_their_province(text, slug):
    assert slugs(f"Du khách đến {text} dịp lễ.") == [slug]


@pytest.mark.parametrize("text,slug", [
    ("Ha Noi", "ha-noi"), ("HA NOI", "ha-noi"), ("Hanoi", "ha-noi"), ("Da Nang", "da-nang"),
    ("Danang", "da-nang"), ("Dak Lak", "dak-lak"), ("Đăk Lăk", "dak-lak"), ("Daklak", "dak-lak"),
    ("Thanh Hoá", "thanh-hoa"), ("Khánh Hoà", "khanh-hoa"), ("Hoà Bình", "phu-tho"), ("Can Tho", "can-tho"),
    ("Ba Ria - Vung Tau", "ho-chi-minh"), ("Bà Rịa – Vũng Tàu", "ho-chi-minh"), ("Bà Rịa-Vũng Tàu", "ho-chi-minh"),
    ("Thừa Thiên Huế", "hue"), ("Thừa Thiên - Huế", "hue"), ("Thua Thien Hue", "hue"), ("Kontum", "quang-ngai"),
])
def test_spellings_without_diacritics_or_in_english(text, slug):
    assert slugs(f"Visitors to {text} rose.") == [slug]


def test_decomposed_unicode_matches():
    import unicodedata

    assert slugs(unicodedata.normalize("NFD", "Ở Đà Nẵng và Huế")) == ["da-nang", "hue"]


def test_nam_is_not_a_place():
    assert slugs("Anh Nam về quê ăn Tết ở miền Nam.") == []
    assert slugs("Đội tuyển Việt Nam thắng.") == []
    assert slugs("Nam Định và Hà Nam cùng Quảng Nam.") == ["ninh-binh", "da-nang"]


def test_names_that_are_also_words_need_capitals():
    assert slugs("Cả thế giới mong hòa bình.") == []  # peace
    assert slugs("Hòa bình là khát vọng chung.") == []  # sentence start, still peace
    assert slugs("Tỉnh Hòa Bình cũ nay thuộc Phú Thọ.") == ["phu-tho"]
    assert slugs("Vua ra quân bình định đất nước, mong thái bình.") == []  # to pacify, peaceful
    assert slugs("Tàu ra hải dương bao la, cao bằng ngọn núi.") == []  # ocean, as tall as
    assert slugs("BÃO ĐỔ BỘ VÀO BÌNH ĐỊNH") == ["gia-lai"]  # all-caps headline


def test_hue_lowercase_is_the_city_but_english_hue_is_a_colour():
    assert slugs("Mưa lớn ở huế suốt đêm.") == ["hue"]
    assert slugs("Món bún bò huế ngon nhất.") == []  # a dish, named after the city
    assert slugs("Festival Huế 2026") == ["hue"]
    assert slugs("Visitors love Hue and its citadel.") == ["hue"]
    assert slugs("The sky took on a golden hue.") == []


def test_pacific_ocean_is_not_thai_binh_or_binh_duong():
    assert slugs("Bão hình thành trên Thái Bình Dương.") == []
    assert slugs("Khu vực châu Á - Thái Bình Dương và Bình Dương") == ["ho-chi-minh"]
    # The offshore gas field is no Côn Sơn (the relic in Chí Linh, Hải Dương).
    assert slugs("Mỏ khí Nam Côn Sơn cung cấp khí cho Phú Mỹ.") == []
    assert slugs("Khu di tích Côn Sơn - Kiếp Bạc") == ["hai-phong"]


def test_streets_communes_and_people_named_after_places():
    assert slugs("Cửa hàng trên đường Điện Biên Phủ, quận 3.") == []
    assert slugs("Quán phở ở phố Huế.") == []
    assert slugs("Xã Hòa Bình, huyện Chợ Mới.") == []
    assert slugs("Nguyễn Hải Dương giành huy chương.") == []
    assert slugs("Chị Thái Bình bán hàng.") == []
    # Surnames beyond the commonest: a boxer named after a district of Lâm Đồng.
    assert slugs("Các võ sĩ Hứa Đức Trọng và Đàm Thái Bình dừng bước.") == []
    assert slugs("Mưa lớn ở Đức Trọng.") == ["lam-dong"]
    # A defendant or a suspect is a person, whose name may begin as a town's ("Đồng Đăng", Lạng Sơn),
    # and the name alone is theirs again: the title of the court report too.
    assert slugs("HĐXX cho rằng bị cáo Đồng Đăng Phúc không bị tâm thần.") == []
    assert slugs("Nghi phạm Hải Dương bị bắt tại Đà Nẵng.") == ["da-nang"]
    assert slugs("Bi can Thai Binh khai nhan hanh vi.") == []
    assert slugs("Báo cáo Hà Nội gửi Chính phủ; cửa khẩu Đồng Đăng thông quan.") == ["ha-noi", "lang-son"]
    from quangba.taxonomy.focus import places_about
    assert places_about("Đồng Đăng Phúc lãnh án tử hình", "", "Bị cáo Đồng Đăng Phúc không bị tâm thần.") == []
    # … and a dynasty's is no surname: the Trần temple is in Nam Định.
    assert slugs("Lễ khai ấn đền Trần Nam Định.") == ["ninh-binh"]
    assert slugs("Ca sĩ Thanh Hoa ra album; cô giáo Hà Giang về Đất Mũi.") == ["ca-mau"]
    assert slugs("Fintech founder Le Quang Nam and singer Thanh Hoa.") == []
    # English streets, ships and boats named after places.
    assert slugs("A fire on Hue Street in Hanoi.") == ["ha-noi"]
    assert slugs("The bulk carrier Thai Binh 68 sank off Malaysia.") == []
    assert slugs("Tàu Thanh Liêm 09 chở dầu; đi tàu Hà Nội – Lào Cai.") == ["ha-noi", "lao-cai"]
    # A kind of boat in two words after "tàu", but a survey team of eight is no ship.
    assert slugs("Tàu khảo sát Hải Dương 8 rời vùng biển.") == []
    assert slugs("Đoàn khảo sát Hải Dương 8 người đến Côn Đảo.") == ["hai-phong", "ho-chi-minh"]
    # Written without marks, "Bo Y te" is the Ministry of Health, not the Bờ Y border gate.
    assert slugs("Bo Y te canh bao nang nong") == []
    assert slugs("Bộ Y tế cảnh báo; cửa khẩu Bờ Y đông khách") == ["quang-ngai"]
    assert slugs("thành phố Đà Nẵng và thị xã Sa Pa") == ["da-nang", "lao-cai"]
    assert slugs("Ở Hải Dương, ông Nguyễn Văn A cho biết.") == ["hai-phong"]
    # Since 2025 a ward keeps its former city's name; "phường Điện Biên" is in many cities.
    assert slugs("Lễ hội ở phường Thái Bình và phường Hải Dương.") == ["hung-yen", "hai-phong"]
    assert slugs("Cháy nhà ở phường Điện Biên.") == []
    # In text written with marks a context word needs its own: "ghe ngo" is a boat, no "ngõ".
    assert slugs("Đua ghe ngo Sóc Trăng; ngõ Hà Nội ở quận 10.") == ["can-tho"]
    # Chinese cities named like Vietnamese provinces, near their Chinese province.
    assert slugs("Thái Nguyên, thủ phủ tỉnh Sơn Tây (Trung Quốc), ô nhiễm nặng.") == []
    assert slugs("Chè Thái Nguyên xuất sang Trung Quốc.") == ["thai-nguyen"]
    # A band, a district abroad, a musical; an English occupation before a name.
    assert slugs("Hanoi Rocks played Helsinki; Little Saigon in California; Miss Saigon in London.") == []
    assert slugs("Designer Ha Giang Nguyen opened a shop in Melbourne.") == []
    # A dish or a beer, a work's title (bare or in quotes), a warship, a highway, "-style".
    assert slugs("Phở Nam Định, bún bò Huế và Bia Hà Nội; thành phố Nha Trang.") == ["khanh-hoa"]
    assert slugs("Bo phim 'Co Ba Sai Gon' va ca khúc “Hà Nội mùa thu”; sông Sài Gòn.") == ["ho-chi-minh"]
    assert slugs("The film Dien Bien Phu; the USS Hue City; Hanoi-style bun cha in Da Nang.") == ["da-nang"]
    assert slugs("Xa lộ Hà Nội qua Thủ Đức.") == ["ho-chi-minh"]
    # Words of place are compared with their marks: "dưỡng" is no "đường", "bàn" no "bản".
    assert slugs("Trung tâm Dinh dưỡng TPHCM; trên địa bàn Hà Nội.") == ["ho-chi-minh", "ha-noi"]
    # "Vinh" is a given name too: the city only with a word of place.
    assert slugs("Flights from Vinh resumed; anh Vinh và Vinh said so; Vinh city.") == ["nghe-an"]
    assert slugs("Anh Vinh nói rằng Vinh sẽ đi.") == []
    # Changsha near Hunan; submarines by hull number; the English name of the Nậm Cắn gate.
    assert slugs("Bay từ Hà Nội đến Trường Sa, thủ phủ tỉnh Hồ Nam.") == ["ha-noi"]
    assert slugs("Tàu ngầm HQ-182 Hà Nội và HQ-183 Ho Chi Minh City.") == []
    assert slugs("Smuggled through the Nam Can border gate.") == ["nghe-an"]


def test_once_per_province_in_order_of_first_mention():
    text = "Hội An đông khách; Đà Nẵng, Hà Nội và Quảng Nam cũng vậy. TP.HCM, Sài Gòn, Vũng Tàu."
    assert slugs(text) == ["da-nang", "ha-noi", "ho-chi-minh"]


def test_mentions_carry_alias_and_span():
    text = "Hôm nay, Tp. Hồ Chí Minh và Quảng Nam."
    first, second = find_place_mentions(text)
    assert text[first.start:first.end] == first.text == "Tp. Hồ Chí Minh"
    assert (second.place.slug, second.text, second.former) == ("da-nang", "Quảng Nam", True)
    assert not first.former


def test_names_do_not_match_inside_words_or_across_lines():
    assert slugs("Hanoian, Saigoneer") == []
    assert slugs("Tiêu đề: Hòa\nBình minh lên") == []


def test_a_police_departments_number_is_no_hull_number():
    """ "PA 25 Hà Nội" is the city police's department, and Hà Nội stays a place everywhere else."""
    text = "Hà Nội: thu giữ sách lậu. Tại hai cửa hàng, PA 25 Hà Nội đã thu giữ 300 cuốn."
    assert [m.place.slug for m in find_place_mentions(text)] == ["ha-noi", "ha-noi"]
    assert slugs("Tàu ngầm HQ-182 Hà Nội về cảng Cam Ranh.") == ["khanh-hoa"]


def test_a_spaced_dash_parts_two_names():
    """ "Kỳ Anh" is no district across a dash between teams; "Kỳ-Anh", "Thừa Thiên - Huế" are one name."""
    assert slugs("Đáng chú ý nhất là cuộc chạm trán Thổ Nhĩ Kỳ - Anh tối nay.") == []
    assert slugs("Mưa lớn ở Kỳ-Anh.") == ["ha-tinh"]
    assert slugs("Mưa lớn ở Thừa Thiên - Huế.") == ["hue"]


def test_empty_text():
    assert find_places("") == [] and find_place_mentions("   ") == []


MENTIONS = Path(__file__).with_name("data") / "places_mentions.jsonl"


def test_hand_written_mentions():
    """`places_mentions.jsonl`: eight batches of 100 short texts (Vietnamese with and without marks,
    English) written by readers who saw only a brief and the list of units, a third with a trap (a
    person, a street, a word, a Chinese city, a band, a film, a dish, a ship). Each measured blind
    first: M 94/100 exact, precision 0.939, recall 1.000 (misses: Taiyuan and Xining, "Hanoi Rocks",
    "Little Saigon", "Miss Saigon", "designer Ha Giang Nguyen"); P, after M's rules, 90/100, 0.878 /
    0.988 (the rules before M: 84/100) — misses: dishes, titles of a song and two films, the USS
    Hue City, "Xa lộ Hà Nội" (a highway in TP.HCM), "from Vinh"; S, after P's, 94/100, 0.926 / 1.000
    (before M: 85/100) — misses: Changsha (Trường Sa) in Hunan, submarines by hull number, the Nam
    Can border gate, a bank and a London restaurant named after cities; AC, after S's, 99/100,
    0.990 / 1.000 (miss: "Architect Ha Giang Nguyen"); AV, much later, 98/100, 0.988 / 0.988
    (misses: Hồ Chí Minh's mausoleum, which stands in Hà Nội, and the coach "Hue Jackson"); AY,
    later still and full of traps (54 of 100), 83/100, 0.910 / 0.941 — dishes written without marks
    ("com tam Sai Gon", "banh canh Trang Bang"), a song's and a book's titles after "hợp xướng" and
    "book", landmarks missing (chợ Bến Thành, kênh Nhiêu Lộc, Nhà hát Hòa Bình — a theatre in TP.HCM,
    which the list had as no place —, hồ Lắk, biển Cảnh Dương); 93/100 after they were added. Left:
    firms, brands and a school named after a place ("Tập đoàn Xây dựng Hòa Bình (HBC)", "Hoa Binh
    Construction", "Dalat Milk", "Hanoi House" in New York, "Dalat International School in Penang"),
    which the filing rules (`focus`) judge in context; that coach; "xã Y Tý" (a commune word before
    a name drops it: most commune names repeat across provinces); "Chi Thanh Hoa" without marks;
    "Quan 5". AZ (captions, bylines, listings, bulletins, notices after the merger; 60 traps), with
    the rules frozen after AY's, 76/100, 0.817 / 0.973 — a photographer's or a writer's credit
    ("Ảnh: Hà Giang", "Story by Hai Duong"), districts named like provinces ("huyện Hòa Bình" in
    Bạc Liêu, "huyện Quảng Ninh" in Quảng Bình), dishes ("bánh căn Phan Rang", "hu tieu My Tho"),
    "VĐV" before a name, "war drama 'Dien Bien Phu'", nicknames ("Hanoi Jane", "Hanoi Hannah",
    "Saigon cinnamon"), landmarks the list lacked (Perfume River, sân Lạch Tray, Hòa Lạc); 90/100
    after them. Left from AZ: Chinese and Taiwanese cities spelled like Vietnamese places (Trùng
    Khánh, Gia Nghĩa, Long An county of Nanning — each also a Vietnamese place near the border or
    a former province, where a veto by China's name would drop real ones), a Malaysian "Dalat",
    products, brands and a hotel named after a place, a song and a book titled by a place with no
    kind before them, "chi Hue" without marks. BB (what a portal republishes: headlines, captions
    with credits, "Source:" lines, scores, prices by city, listings; 50 traps), with AZ's rules,
    93/100, 0.957 / 0.973 — "nem chua Thanh Hóa", China's Dongxing (Đông Hưng) across from Móng
    Cái, Thất Khê, chùa Dơi and "ao Bà Om" written in lower case; 97/100 after them (left: a film
    title after "chiếu", a dish named by a long phrase, "the Da Lat of Kon Tum"). All 800: 775
    exact, precision 0.969, recall 0.996."""
    cases = [json.loads(line) for line in MENTIONS.read_text("utf-8").splitlines()]
    assert len(cases) == 800
    tp = fp = fn = 0
    wrong = []
    for case in cases:
        got, want = {p.slug for p in find_places(case["text"])}, set(case["places"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            wrong.append((case["text"][:80], sorted(got), sorted(want)))
    assert len(wrong) <= 25 and tp / (tp + fp) >= 0.965 and tp / (tp + fn) >= 0.99, wrong


@pytest.mark.parametrize("text, want", [
    ("Mùa lúa chín trên ruộng bậc thang xã Mù Cang Chải, tỉnh Lào Cai. Ảnh: Hà Giang", ["lao-cai"]),
    ("Ruong bac thang Ban Luoc, Hoang Su Phi mua nuoc do. Anh: Thanh Hoa", ["tuyen-quang"]),
    ("Story by Hai Duong; photos by Nguyen Minh Quan. Reporting from Da Lat.", ["lam-dong"]),
    # Guards: a caption that goes on names the place; a credit is one mention, not the name everywhere.
    ("Ảnh: Hà Giang mùa hoa tam giác mạch nở rộ", ["tuyen-quang"]),
    ("Photo: Da Nang Tourism Department", ["da-nang"]),
    ("Du lịch Hà Giang mùa lúa chín (Ảnh: Hà Giang)", ["tuyen-quang"]),
])
def test_a_credit_names_a_person(text, want):
    """The name in a photographer's or a writer's credit that ends its caption is no place."""
    assert [p.slug for p in find_places(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Nước đục ở chung cư Vườn Lài, P.Phú Thọ Hòa, Q.Tân Phú", ["ho-chi-minh"]),
    ("Chung kết LG Cup diễn ra trên sân Thống Nhất chiều nay", ["ho-chi-minh"]),
    ("Phú Thọ dẫn đầu cả nước về tăng trưởng công nghiệp", ["phu-tho"]),  # guard: the province itself
])
def test_names_inside_a_city_that_begin_like_a_province(text, want):
    """A ward or a stadium of TP.HCM whose name begins like a province ("Phú Thọ Hòa") is the city's."""
    assert [p.slug for p in find_places(text)] == want
