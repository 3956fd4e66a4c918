"""Places an article is about, not every place it mentions.

`tests/data/places_about.jsonl` holds 1,809 article-level labels written by reading each article
(the 46 sample articles, the 33 real outlets' article pages of the corpus and 1,730 VNTC training
articles that name a place): `about` (what a reader of that place's Local page expects there),
`mentioned` (named in passing) and why. They came in twenty-three batches: A (lines 1–70, read while the
rules were written), B (71–139), D (140–209: 70 VNTC articles labelled by two readers who saw
neither the rules nor their output, after the rules were written), and E (210–289), F (290–369)
G (370–449), H (450–529), I (530–609), J (610–689), K (690–769), L (770–849), M (850–929), N (930–1009), O (1010–1089), P (1090–1169), Q (1170–1249), R (1250–1329), S (1330–1409), T (1410–1489), U (1490–1569), V (1570–1649), W (1650–1729) and X (1730–1809): 80 VNTC articles each, drawn at random (fixed seeds) among the training part's
texts that name a place, each read whole by two readers who saw only a one-page guide
(`places_about_guide.md`), the article and the list of units, never the rules, their output or
the other reader's labels. The two readers agreed on 77, 77, 80, 78, 80, 78, 79, 76, 76, 75, 77, 74, 79, 76, 75, 78, 75, 74, 76 and 80 of the 80 articles
of E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W and X; the sixty disagreements were settled by a third reading of the article before the rules
were run on it. Each batch was measured as it came, before anything was changed after reading it: E 0.766 /
0.831, F 0.689 / 0.823, G 0.676 / 0.868. Two entries of the gazetteer came from E and F's misses
since (surnames such as "Hứa" before a district's name — "Hứa Đức Trọng" is a boxer — and the
"Nam Côn Sơn" gas field): F is 0.708 / 0.823 now. G's misses were never read; the rules written
since from hand-written cases (`test_hand_written_cases`) moved it to 0.687 / 0.868. H came a year
of rules later and was measured the same way: 0.938 / 0.726 (every mention 0.600 / 1.000: its
articles name fewer places in passing); three rules came from its misses since (a hotel named
brand-then-city stands in it, a university a title names, "VN" and "thăm chính thức" in a headline
are national), and I, read right after them, was 0.906 / 0.762 at first (every mention 0.465 /
0.952); its misses gave two rules (a title's Vietnamese words read with their marks — "Nam nữ tình
tự" counted as "năm … tỉnh", five provinces —, a region in a title is no national headline). J (a
third reading settling its two disagreements place by place, two readings of three) was measured with
the rules as they stood: 0.840 / 0.829 (every mention 0.562 / 0.988), its halves 0.841 / 0.804 and
0.838 / 0.861 — the nine batches' own figure, on text no rule was written from; one rule came from
its misses since (a city in brackets after "tại" and a venue's name; in a football story, the other
side of a match): 0.863 / 0.841. K, read after those two rules and measured with them, fell short
of every batch before it on recall: 0.810 / 0.653 (halves 0.774 / 0.727 and 0.852 / 0.590; every
mention 0.473 / 0.986); three rules came from its misses since ("trẻ em" is no title before a name,
"các ngân hàng TP HCM" are the city's banks, a spaced dash parts "Thổ Nhĩ Kỳ - Anh"): 0.831 / 0.681. L, read after those and
the short batches' rules, was 0.812 / 0.836 (halves 0.758 / 0.833 and 0.861 / 0.838); three rules
came from its misses since (a police department's number is no hull number, a dated list is a list,
a conservatory a student attends): 0.826 / 0.851. M, read after those, was 0.873 / 0.797 (halves
0.875 / 0.737 and 0.871 / 0.871; every mention 0.472 / 0.986); one rule came from its misses since (a
place's court, police, procuracy or people's committee acting says where the case is, however late
in the text: "Hôm nay, TAND TP HCM đã tuyên phạt…"), which found five more places across the set
and lost none: M 0.877 / 0.826. N, read after it, was 0.831 / 0.766 (halves 0.933 / 0.778 and
0.756 / 0.756; every mention 0.577 / 0.974); three rules came from its misses since (a clock named
by its city, "19h Hà Nội", is no place; "ớt Đà Lạt" is a pepper; "từ hướng Đà Lạt" is where a bus
comes from): N 0.868 / 0.766, three wrong places fewer across the set and none lost. The rules from
the short batches AZ and BA since (the two big cities named as a pair under a title naming no place
are where national news is measured, and four more) left four wrong places fewer and two right ones
fewer: all 0.854 / 0.816, M 0.892 / 0.841, N 0.866 / 0.753; the naming batch AZ's (a photographer's
credit is no place, landmarks the list lacked) then two right ones more: all 0.854 / 0.819. O, read
after all of these, was 0.850 / 0.773 (halves 0.879 / 0.806 and 0.815 / 0.733; every mention 0.478 /
0.985); its misses are judgement (a national trade deal that names Hà Nội for the government, a
craft-village feature, stalled land titles counted in one district) and gave no rule: all 1,089
0.854 / 0.815. P, read after the short batches BB and BC's rules, was 0.800 / 0.676 (halves 0.828 /
0.706 and 0.774 / 0.649; every mention 0.443 / 0.986), the second-lowest recall after K (a court
trying a case from another province, a mine's explosion named by its company's seat, a round-up
led by one match); one fix came from it (the TP.HCM ward Phú Thọ Hòa and its Thống Nhất stadium, which
the list lacked): P 0.820 / 0.704, all 1,169 0.851 / 0.810. Q, read after all of these, was 0.921 / 0.866 (halves
0.903 / 0.933 and 0.938 / 0.811; every mention 0.512 / 0.970); one rule read from earlier batches'
wrong places since (a reader's signature closing a question, "(Trần Thanh Tùng, An Giang)", is the
reader's home) left two wrong places fewer and none lost: all 1,249 0.857 / 0.813. R, read after
that, was 0.793 / 0.742 (halves 0.852 / 0.719 and 0.742 / 0.767; every mention 0.403 / 0.968); two
rules came from its misses since (a signature "(Tran Van - Hà Nội)" with a dash; weather named by the
ends of its stretch in the title, "Bão số 9 ảnh hưởng từ Quảng Ninh đến Khánh Hòa"), and the short
batches BF and BG's rules changed nothing on the long set: R 0.852 / 0.742, all 1,329 0.857 / 0.809.
S, read after those, was 0.833 / 0.859 (halves 0.857 / 0.828 and 0.816 / 0.886; every mention 0.389 /
0.984). Two rules read from the whole set's misses and tried on S before it was scored (an interview's
places, its questions on their own lines after a dash, need more than one opening mention; the one
place a story gives, a person's home in brackets where it opens, "chị Lệ (25 tuổi, huyện Tây Sơn, Bình
Định)", is where it happens) changed nothing on S and, across the set, removed eight wrong places and
four right ones, then found seven right ones and one wrong; two came from S's misses (a lawyer's bar,
"Đoàn luật sư Khánh Hòa", is no place; a resort named brand-then-city stands in it, "tại khu nghỉ mát
Furama Đà Nẵng"): S 0.848 / 0.875, all 1,409 0.864 / 0.815. T, read after those, was 0.775 / 0.795
(halves 0.825 / 0.805 and 0.725 / 0.784; every mention 0.459 / 1.000), the lowest precision since G
(scholarship talks and gold prices quoted in the two big cities, league round-ups, a national
corruption case); the short batch BI's rules since changed nothing on the long set: all 1,489 0.858 /
0.814. Rules read from the set's misses since (a ministry's meeting in the capital, "do Bộ Y tế tổ
chức … tại Hà Nội"; a delegate's province or a home town in a person's brackets; an expert quoted by
workplace, "Theo một bác sĩ thuộc Trung tâm Dinh dưỡng TP HCM"; beside a place the headline names,
another needs more than an opening mention and one more) left eleven wrong places fewer and one right
one fewer: all 1,489 0.866 / 0.813. U, drawn before those rules and read after them, was 0.840 /
0.900 with either (halves 0.778 / 0.875 and 0.897 / 0.921; every mention 0.402 / 1.000): all 1,569
0.864 / 0.818, held out (D to U) 0.858 / 0.810. Two rules came from U's misses since (a player's club
in brackets in a football story, "thủ môn Văn Hạnh (HA Gia Lai)"; a student's school in brackets,
"Đinh Lê Tuấn Anh (Đại học Bách khoa Hà Nội)"): two wrong places fewer, none lost. V, read after
those, was 0.891 / 0.713 (halves 0.862 / 0.641 and 0.914 / 0.780; every mention 0.533 / 1.000),
precision the third-best yet and recall the lowest since K: lists of provinces that are the news
(flood aid shared among five provinces, dengue across the Mekong delta, provinces holding investment
conferences in TP.HCM), which the rules take for a round-up (returning every place of a round-up
instead finds ten right places and 43 wrong ones across the set); one rule came from its misses
since (any city where a national body meets is its venue, "Ngày 28/6, tại Đà Nẵng, VKSND tối cao
đã họp…"), two wrong places fewer across the set, none lost; then five read from the set's wrong
places (a review meeting's venue; a national gathering told place first, "tại TP Hồ Chí Minh đã
diễn ra hội nghị … do Cục Quản lý dược tổ chức"; a ship named after a place, "tàu Cần Giờ"; "sâm
Ngọc Linh", which grows on both sides of the mountain, is no alias; a delegate "of" a province), one
wrong place fewer each, none lost. All 1,649 0.871 / 0.812, held out (D to V) 0.866 / 0.804. W, read
after all of this round's rules and the short batch BJ's, was 0.803 / 0.740 (halves 0.886 / 0.861 and
0.722 / 0.634; every mention 0.481 / 1.000): its second half is league round-ups and club news, the
kind the rules read worst, and gave the lowest half-batch recall yet; the rules as they stood
before this round score W the same. All 1,729 0.868 / 0.808, held
out (D to W) 0.863 / 0.800. X, read after none of its misses changed a rule (seed 20261228; its two
readers agreed on all 80), was 0.794 / 0.758 (halves 0.824 / 0.875 and 0.759 / 0.647); a model
learned from every other batch (bench/places.py) scored it 0.797 / 0.773. One gazetteer fix came from
it since (a defendant, "bị cáo Đồng Đăng Phúc", is no Lạng Sơn): X 0.806 / 0.758. All 1,809 0.865 /
0.806, held out (D to X) 0.860 / 0.798. The texts are read from the package and from ../shared/corpus, never copied here.
"""
import sys
from pathlib import Path

import pytest

from quangba.taxonomy.focus import places_about
from quangba.taxonomy.places import find_places

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from _places_data import batches, corpus_texts, demo_texts, labels, score  # noqa: E402
import _places_data as data  # noqa: E402


def about(title, lead, body):
    return [p.slug for p in places_about(title, lead, body)]


def every_mention(title, lead, body):
    return [p.slug for text in (title, lead, body) for p in find_places(text)]


def test_labels_name_real_places_and_cover_every_source():
    from quangba.taxonomy.places import all_places

    slugs = {p.slug for p in all_places()}
    cases = labels()
    assert len(cases) >= 60 and len({c["ref"] for c in cases}) == len(cases)
    assert {c["ref"].split(":")[0] for c in cases} == {"demo", "vn", "vntc"}
    assert all(set(c["about"]) <= slugs and set(c["mentioned"]) <= slugs for c in cases)


def test_trace_tells_what_the_rules_read_in_each_mention():
    """`weigh(trace=…)` (what bench/places.py learns from) lists every mention with the rules' reading,
    and agrees with the weights: a place weighs only through a mention read as the news."""
    from quangba.taxonomy.focus import weigh

    trace = []
    weigh("Hà Nội mở thêm tuyến buýt điện", "Sở Xây dựng Hà Nội cho biết tuyến mới chạy từ tháng sau.",
          "Chị Lan, quê Nghệ An, đi tuyến này mỗi sáng. Tuyến nối Hà Nội với Bắc Ninh, Hưng Yên và Hải Phòng.",
          trace)
    assert [(m.slug, m.zone, m.reason, m.listed) for m in trace] == [
        ("ha-noi", "title", None, False), ("ha-noi", "lead", None, False), ("nghe-an", "body", "origin", False),
        ("ha-noi", "body", None, False), ("bac-ninh", "body", None, True), ("hung-yen", "body", None, True),
        ("hai-phong", "body", None, True)]
    assert trace[2].end - trace[2].start == len("Nghệ An")
    articles = list(demo_texts().values()) + [(c["title"], c["lead"], c["body"]) for c in data.cases()[::7]]
    for title, lead, body in articles:
        trace = []
        ranked = weigh(title, lead, body, trace)
        assert {w.place.slug for w in ranked} == {m.slug for m in trace}
        texts = {"title": title, "lead": lead, "body": body}
        assert all(0 <= m.start < m.end <= len(texts[m.zone]) for m in trace)
        read_as_news = {m.slug for m in trace if m.reason in (None, "route", "line")}
        assert {w.place.slug for w in ranked if w.weight > 0} <= read_as_news | {
            m.slug for m in trace if m.reason == "residence"}, title


def test_two_readers_apart_bound_what_the_labels_support():
    """U, V, W and X were each labelled by two readers apart before the disagreements were settled:
    their labels are kept (`places_about_readers.jsonl`), so the labels' own ceiling can be measured
    (bench/places.py). Where the two agreed, that is the label."""
    from quangba.taxonomy.places import all_places

    slugs = {p.slug for p in all_places()}
    readers, settled = data.readers(), batches(labels())
    assert [r["ref"] for r in readers] == [c["ref"] for name in "UVWX" for c in settled[name]]
    final = {c["ref"]: set(c["about"]) for c in labels()}
    assert all(set(r["a"]) <= slugs and set(r["b"]) <= slugs for r in readers)
    assert all(final[r["ref"]] == set(r["a"]) for r in readers if set(r["a"]) == set(r["b"]))
    assert all(final[r["ref"]] <= set(r["a"]) | set(r["b"]) for r in readers)
    agreed = sum(set(r["a"]) == set(r["b"]) for r in readers)
    assert agreed == 75 + 74 + 76 + 80  # as the docstring above says


def test_sample_articles_are_filed_under_what_they_are_about():
    cases = [c for c in labels() if c["ref"].startswith("demo:")]
    precision, recall, wrong = score(cases, demo_texts(), about)
    assert precision >= 0.95 and recall >= 0.95, wrong


def test_real_articles_precision_and_recall(corpus_dir):
    cases = labels()
    texts = {**demo_texts(), **corpus_texts(corpus_dir, {c["ref"] for c in cases})}
    precision, recall, wrong = score(cases, texts, about)
    before = score(cases, texts, every_mention)
    # Twenty-three batches: the spread says how far the figure carries (D to X were held out when measured).
    by_batch = {name: score(part, texts, about)[:2] for name, part in batches(cases).items()}
    held_out = score(cases[139:], texts, about)[:2]
    print(f"\nplaces about: P {precision:.3f} R {recall:.3f}; held out (D to X) P {held_out[0]:.3f} "
          f"R {held_out[1]:.3f}; by batch {by_batch}; every mention: P {before[0]:.3f} R {before[1]:.3f}")
    assert before[0] < 0.5  # what Local pages listed before: most places were only mentioned
    # Floors under what is measured (all: 0.865 / 0.806; held out 0.860 / 0.798), not the goal
    # (0.95 / 0.90), which is missed.
    assert precision >= 0.82 and recall >= 0.80, wrong
    assert held_out[0] >= 0.80 and held_out[1] >= 0.78, held_out
    assert min(p for p, _ in by_batch.values()) >= 0.65 and min(r for _, r in by_batch.values()) >= 0.64, by_batch

# Each rule on a case written for it.
@pytest.mark.parametrize("title, lead, body, want", [
    # A village named like a Hanoi district, in Huế.
    ("Về làng Tây Hồ ăn chè", "Làng Tây Hồ bên sông Hương, Huế, nổi tiếng với sen.", "", ["hue"]),
    # National business in the capital is not Hanoi's news; the delegate's province is named once.
    ("Quốc hội thông qua Luật Đất đai sửa đổi", "Sáng 7/11, tại Hà Nội, Quốc hội biểu quyết thông qua luật.",
     "Đại biểu Đà Nẵng cho rằng luật sẽ giúp người dân.", []),
    # Home town, residence and seat are passing.
    ("Cứu sống bé trai đuối nước", "Bé trai quê Nghệ An được cứu sống tại bệnh viện ở Cần Thơ.",
     "Gia đình bé đến từ Nghệ An, trú tại Cần Thơ. Công ty (trụ sở tại Hà Nội) hỗ trợ chi phí.", ["can-tho"]),
    # Names in quotes are someone's or something's: Dũng "Huế", the ship "Cần Giờ".
    ("Hỏi cung bị can Dũng “Huế”", "Cơ quan điều tra tiếp tục hỏi cung Dũng “Huế”.", "Tàu \"Cần Giờ\" bị giữ.", []),
    # A list of places is a round-up of them.
    ("Mưa lớn kéo dài", "Mưa lớn ở Hà Nội, Hải Phòng, Quảng Ninh và Lạng Sơn.", "Nhiệt độ giảm mạnh.", []),
    # Henan is not Ninh Bình's Hà Nam; a brand or a hotel is not a place.
    ("Tuyết rơi ở Trung Quốc", "Tuyết rơi dày tại Trịnh Châu, thủ phủ tỉnh Hà Nam.",
     "Hội thảo diễn ra tại khách sạn Melia Hà Nội.", []),
    ("Công ty Thanh Hoa bị kiện", "Công ty Thanh Hoa của Việt Nam bị kiện vì chưa giao gạo cho đối tác nước ngoài.",
     "Tòa án nước ngoài đã ra lệnh bắt giữ tàu chở gạo của công ty.", []),
    # A project between two named provinces is about both.
    ("Cao tốc Tuyên Quang - Phú Thọ cần thêm vốn", "Dự án nối Tuyên Quang với Phú Thọ được điều chỉnh.",
     "Tỉnh Tuyên Quang và tỉnh Phú Thọ đề xuất bổ sung vốn.", ["tuyen-quang", "phu-tho"]),
    # A club, and a firm whose short name follows in brackets, are named after the place.
    ("Hoàng Anh Gia Lai thắng Hà Nội FC", "Trên sân Pleiku, HAGL đánh bại Hà Nội FC 2-1.", "", ["gia-lai"]),
    ("Habeco báo lãi quý III", "Tổng công ty Bia - Rượu - Nước giải khát Hà Nội (Habeco) báo lãi tăng 20%.", "", []),
    # Visitors from two places: both are where they come from. The festival is the news.
    ("Lễ hội pháo hoa Đà Nẵng khai mạc", "Lễ hội khai mạc bên sông Hàn, thu hút du khách từ Hà Nội và TP.HCM.", "",
     ["da-nang"]),
    # "trẻ em" is no person named: the market's city in brackets says where it is.
    ("Thị trường đồ chơi thiếu mẫu mới", "", "Khu bán sỉ đồ chơi trẻ em chợ Bình Tây (TP HCM) hôm nay nhộn nhịp.",
     ["ho-chi-minh"]),
    # A bracket after a place is no firm's short name when it is a source's tag, a dateline or the
    # place's own initials; "F.C." is a club too.
    ("Khởi công tàu điện ngầm", "", "TPHCM (NLĐ)- Sáng nay tàu điện ngầm ở TPHCM khởi công tuyến số 2.",
     ["ho-chi-minh"]),
    ("Hạn hán kéo dài", "Tỉnh Đắk Lắk (ĐL) hạn hán kéo dài, nhiều diện tích cà phê thiếu nước.", "", ["dak-lak"]),
    ("Flooding hits the capital", "HANOI (Reuters) - Flooding hit Hanoi on Monday after heavy rain.", "", ["ha-noi"]),
    ("Hà Nội F.C. thắng", "Hà Nội F.C. thắng 2-0 trên sân Thiên Trường ở Nam Định.", "", ["ninh-binh"]),
    # Only an origin passes on to the place joined to it, not a newspaper's name or a venue.
    ("Đà Nẵng cấm xe", "Theo Báo Thanh Niên Hà Nội, Đà Nẵng sẽ cấm xe máy vào phố cổ.", "", ["da-nang"]),
    ("Sạt lở bờ sông", "Hội nghị Chính phủ tại Hà Nội và Cần Thơ bàn về sạt lở bờ sông Cần Thơ.", "", ["can-tho"]),
    # Person words as written: "Châu Thành", "Anh Sơn", "Cư M'gar" are places; "Bà Lan, 60 tuổi" a person.
    ("Sạt lở", "Sạt lở tại Châu Thành (Tiền Giang) khiến 3 nhà sụp xuống sông.", "", ["dong-thap"]),
    ("Mưa lớn", "Mưa lớn ở Anh Sơn (Nghệ An) gây ngập nhiều xã.", "", ["nghe-an"]),
    ("Cháy rừng", "Cháy rừng ở Cư M'gar (Đắk Lắk) thiêu rụi 5 ha.", "", ["dak-lak"]),
    ("Bà Lan đoạt giải", "Bà Lan, 60 tuổi (Nghệ An), đoạt giải nhất cuộc thi nấu ăn tại Huế.", "", ["hue"]),
    # English: a Hanoi-based company and traders from Hanoi are not Hanoi's news.
    ("Pomelo harvest starts in Phu Tho", "Growers in Doan Hung, Phu Tho, began the main harvest.",
     "Orders came from Hanoi traders and a Hanoi-based online shop.", ["phu-tho"]),
    # The headline says what national business the capital is the venue of.
    ("National Assembly passes revised Land Law", "Lawmakers approved the law at the session in Hanoi.", "", []),
    ("Quốc hội thông qua Luật Thuế", "Tại phiên họp sáng nay ở Nhà Quốc hội, Hà Nội, 92% đại biểu tán thành.", "", []),
    # The capital standing for the government; visitors from a place; a comparison; where goods grow.
    ("Hanoi protests foreign ships' activities", "Vietnam's Foreign Ministry demanded an end to the actions.", "", []),
    ("Hanoi tourists rescued in Phong Nha cave", "Four travellers were found after 18 hours.", "", ["quang-tri"]),
    ("Mẫu Sơn xuất hiện băng giá, lạnh hơn cả Sa Pa", "Nhiệt độ trên núi ở Lạng Sơn xuống âm 1 độ C.", "",
     ["lang-son"]),
    ("US chain stocks Vietnamese dragon fruit", "Stores in Texas now sell the fruit, mostly grown in Binh Thuan.",
     "", []),
    ("Hanoi-born chef earns a Michelin star in Paris", "Nguyen Linh, who left Hanoi at 18, cooks in Paris.", "", []),
    ("Đội cứu hộ lên đường sang Myanmar", "Đoàn cất cánh từ sân bay Nội Bài tối qua.", "", []),
    # A dish, a newspaper, a brand, a bank whose name joins two places.
    ("Hơn 30 người nhập viện sau khi ăn bún bò Huế ở Thủ Đức", "Sở Y tế TP.HCM đã lấy mẫu.", "", ["ho-chi-minh"]),
    ("Giá vàng lập đỉnh", "Theo báo Hà Nội Mới, giá vàng vượt 130 triệu đồng.", "", []),
    ("Cảnh báo Hà Nội mưa lớn", "Dự báo Hà Nội mưa to từ chiều nay.", "", ["ha-noi"]),
    ("Tàu hàng Đồng Nai Express gặp nạn ngoài khơi Philippines", "18 thuyền viên được cứu.", "", []),
    ("SHB báo lãi quý III", "Ngân hàng TMCP Sài Gòn – Hà Nội (SHB) công bố báo cáo tài chính.", "", []),
    # A span of provinces; a list with a figure after each item; a list in the title.
    ("Floods leave 27 dead", "Rain flooded nine provinces from Thanh Hoa to Khanh Hoa.", "", []),
    ("Nắng nóng gay gắt", "Nắng nóng có thể kéo dài.",
     "Nhiệt độ cao nhất tại Tương Dương (Nghệ An) 41,2 độ, Con Cuông 40,8 độ, Hà Nội 39 độ, Huế 38 độ.", []),
    ("Du bao thoi tiet", "Ha Noi cao nhat 36 do, Da Nang 34 do, TP.HCM 33 do va co mua.", "", []),
    ("Gia Lai, Đắk Lắk và Lâm Đồng liên kết phát triển du lịch", "Ba địa phương xây dựng tour chung.", "",
     ["gia-lai", "dak-lak", "lam-dong"]),
    # A football story: a place after a club's sponsor names the club; outside sport, the police.
    ("Tuyển Việt Nam chốt danh sách dự SEA Games", "HLV trưởng gọi 5 cầu thủ Công an Hà Nội và 4 của Sông Lam Nghệ An.",
     "", []),
    ("Công an Hà Nội triệt phá đường dây cá độ", "Công an Hà Nội bắt 12 người tại quận Hoàn Kiếm.", "", ["ha-noi"]),
    # A nickname likening one place to another; "on par with" compares.
    ("Mộc Châu, nơi được mệnh danh là Đà Lạt thu nhỏ, hút khách", "Đồi chè Mộc Châu kín khách dịp cuối tuần.", "",
     ["son-la"]),
    ("Tràng An đông khách", "Khu du lịch được ví như Hạ Long trên cạn đón 10.000 khách.", "", ["ninh-binh"]),
    ("Phan Thiet hopes to stand on par with Nha Trang", "Resorts in Mui Ne added 2,000 rooms this year.", "",
     ["lam-dong"]),
    # A bank's "TMCP", a beer (marks or none), an English brand, a hull number: names, not places.
    ("Lợi nhuận ngân hàng tăng", "Ngân hàng TMCP Sài Gòn Công Thương báo lãi 500 tỷ đồng.", "", []),
    ("Bia Sai Gon tang gia", "Hang bia lon tang gia 4% tu thang sau tren ca nuoc.", "", []),
    ("Hanoi Beer launches a low-alcohol lager", "The brewer will sell it nationwide from May.", "", []),
    ("Coast guard ship CSB 8002 Quang Ninh docks in Manila", "The crew will train with Philippine officers.", "", []),
    # Where goods are bound; a vehicle's route; a named line, which counts when it is the news itself.
    ("Cà Mau crabs shipped to Hanoi fetch record prices", "Farmers in Nam Can sold 20 tonnes this week.", "",
     ["ca-mau"]),
    ("Coach travelling from Hanoi to Sa Pa crashes", "The coach hit a rock on the road near Sa Pa at 2am.", "",
     ["lao-cai"]),
    ("Xe khách tuyến Hà Nội – Lào Cai cháy trên cao tốc ở Phú Thọ", "Hành khách thoát ra an toàn.", "",
     ["phu-tho"]),
    ("Mở đường bay Hà Nội – Côn Đảo", "Hãng bay khai thác ba chuyến mỗi tuần.", "", ["ha-noi", "ho-chi-minh"]),
    # Under a national headline, places given as examples of a rule's reach.
    ("Bộ Y tế yêu cầu các tỉnh giám sát sốt xuất huyết", "Bộ đề nghị tăng phun hóa chất ở các ổ dịch.",
     "Những địa phương có số ca cao như Đồng Nai và Khánh Hòa cần báo cáo hằng tuần.", []),
    # A firm named in the title is that firm again, bare, later; after "tại" it is the place.
    ("Tập đoàn Mường Thanh khai trương khách sạn ở Campuchia", "Mường Thanh hiện có 60 khách sạn trong nước.", "",
     []),
    ("Tập đoàn Mường Thanh mở khách sạn ở Điện Biên", "Khách sạn nằm tại Mường Thanh, gần sân bay.", "",
     ["dien-bien"]),
    # A title counting places is a round-up.
    ("7 bãi biển đẹp nhất miền Trung", "Từ Lăng Cô đến Quy Nhơn, bờ biển miền Trung có nhiều lựa chọn.",
     "Mỹ Khê ở Đà Nẵng dài 10 km.", []),
    # Since 2025 a ward keeps its former city's name; "phường Điện Biên" is in many cities.
    ("Lễ khai ấn đền Trần", "Lễ diễn ra tại phường Nam Định lúc nửa đêm.", "", ["ninh-binh"]),
    ("Cháy nhà dân", "Cháy nhà ở phường Điện Biên, quận Ba Đình (Hà Nội).", "", ["ha-noi"]),
    # A border gate; an arena named after another province.
    ("Xe container ùn ở cửa khẩu Hữu Nghị", "Hơn 500 xe chờ thông quan.", "", ["lang-son"]),
    ("Giải cầu lông khai mạc tại Nhà thi đấu Phú Thọ", "120 vận động viên tranh tài.", "", ["ho-chi-minh"]),
    # A dateline under a national headline is the reporter's desk; under a local one, the news's place.
    ("Bo Giao duc cong bo lich thi tot nghiep", "HA NOI - Bo GD-DT vua cong bo lich thi cho ca nuoc.", "", []),
    ("National Assembly approves budget", "HANOI (VNA) - Lawmakers approved the state budget on Friday.", "", []),
    # A delegation, a produce's origin, a person's workplace or school: where they come from.
    ("National Assembly debates tax bill", "The debate ran all morning.",
     "Deputy Le Thi Mai of the Quang Tri delegation asked for lower rates on farm land.", []),
    ("Vietnamese fruit fair opens in Seoul", "Korean shoppers queued on the first day.",
     "Stalls sold Hai Duong lychees, Ben Tre coconut candy and fish sauce from Phu Quoc.", []),
    ("Hội chợ hàng Việt tại Paris", "Khách Pháp xếp hàng mua đặc sản.",
     "Gian hàng bán cà phê Buôn Ma Thuột, nước mắm Phú Quốc và vải thiều Lục Ngạn.", []),
    ("Flu season arrives early", "Hospitals report more cases.",
     "Patients should rest and drink water, said Dr. Nguyen Van Long of Hanoi's Bach Mai Hospital.", []),
    ("Vietnamese engineer wins award in Berlin", "The prize honours young inventors.",
     "Tran Minh, 29, studied at Ho Chi Minh City University of Technology before moving to Germany.", []),
    ("Bus crash kills three near Pleiku", "The injured were taken to Gia Lai General Hospital.", "", ["gia-lai"]),
    # Replicating another place's model; a football squad's clubs (the sport named only by "squad").
    ("Tay Ninh plans new industrial parks", "The province wants to replicate the model that turned Binh Duong "
     "into a factory hub.", "", ["tay-ninh"]),
    ("Coach names 26-man squad", "Cong An Ha Noi and Thep Xanh Nam Dinh provided seven players each.", "", []),
    # A wire's dateline with its date under a national headline; a national forum in the capital.
    ("Vietnam's exports rise 15%", "HANOI, March 3 (Reuters) - Exports rose 15% in February, data showed.", "",
     []),
    ("Vietnam, Japan firms meet at Hanoi summit", "Over 200 executives attended the Vietnam-Japan business summit.",
     "", []),
    # Where a firm was founded; a firm or a ship by its English or foreign-word name.
    ("Coffee chain opens in Seoul", "The chain, founded in Buon Ma Thuot in 2005, now runs 90 cafes.", "", []),
    ("Quang Ngai Sugar opens a plant in Laos", "The listed firm will invest $40 million.", "", []),
    ("Tàu Đà Nẵng Pearl cập cảng Singapore", "Con tàu chở 20 container hàng đông lạnh.", "", []),
    # A list joined by "va" in text without marks is a list; "'the next X'" compares.
    ("Diem chuan vao lop 10", "Nhieu dia phuong cong bo diem chuan, cao nhat la Ha Noi, Da Nang, Hai Phong va Hue.",
     "", []),
    ("Ly Son hopes to become 'the next Phu Quoc'", "The island off Quang Ngai drew 300,000 visitors.", "",
     ["quang-ngai"]),
    # A name with a capital written without marks keeps its lower-case words unmarked.
    ("Khai mac giai bong ro tai Nha thi dau Phu Tho", "Hon 3.000 khan gia den xem.", "", ["ho-chi-minh"]),
    # The capital beside a foreign capital is the government.
    ("Vietnam and Japan to upgrade ties", "Hanoi and Tokyo agreed to cooperate on semiconductors.", "", []),
    # A doctor's hospital "in Hanoi" under a general headline; where someone grew up.
    ("Doctors warn about dengue", "Cases are rising.", "Dr. Le Van Nam of Cho Ray Hospital in Ho Chi Minh City "
     "urged people to clear standing water.", []),
    ("Badminton player signs with Danish club", "The 22-year-old grew up in a farming village in Thanh Hoa.", "",
     []),
    # Travellers leaving from an airport "in" a city; a national range "from X to Y".
    ("Outbound tours to Japan sell out", "Most groups fly from Tan Son Nhat in Ho Chi Minh City.", "", []),
    ("Vietnam's coffee exports hit a record", "Farms from Lam Dong in the highlands to the former Dak Nong expanded.",
     "", []),
    ("Vietnam's team returns with four medals", "The students will be welcomed home at Noi Bai airport.", "", []),
    # A line named by its ends: in a title alone it is the news; beside the place of an incident, not.
    ("Hanoi–Haiphong express train hits a truck in Hung Yen", "No passengers were hurt.", "", ["hung-yen"]),
    ("Hanoi–Haiphong express train service resumes", "Tickets go on sale today.", "", ["ha-noi", "hai-phong"]),
    # A cargo ship by its name and number; a delegate by the delegation.
    ("Tàu hàng Quảng Ninh 18 mắc cạn ngoài khơi Malaysia", "Thuyền viên an toàn.", "", []),
    ("Quốc hội thảo luận luật đất đai", "Phiên họp kéo dài cả ngày.",
     "Một đại biểu đoàn Cần Thơ đề nghị bổ sung quy định bồi thường.", []),
    # Under a national headline naming no place, one opening mention is not enough; a gathering's
    # place is its venue; researchers' university, a factory "from its" city, an airport's city.
    ("Vietnam's exports rise 12% in ten months", "Electronics led the growth.",
     "Samsung's plants in Thai Nguyen shipped more phones than last year.", []),
    ("Prime Minister urges faster disbursement", "He spoke to ministries at a conference in Can Tho on Friday.",
     "", []),
    ("Mekong dams cut sediment, study finds", "Researchers at Can Tho University measured silt for ten years.",
     "", []),
    ("Vinamilk profit rises 9%", "Most of the milk came from its Nghe An farms.", "", []),
    ("SIM cards for travellers in Vietnam", "Kiosks in the arrival halls at Noi Bai in Hanoi sell them.", "", []),
    # "Unlike Ha Long" compares; a title naming only a place it is not about.
    ("Lan Ha Bay, unlike Ha Long, stays quiet", "The bay off Cat Ba still has fish farms.", "", ["hai-phong"]),
    # A restaurant abroad named after a city; a submarine by its hull number.
    ("Saigon Kitchen wins a London award", "The family-run restaurant serves pho and banh mi.", "", []),
    ("Tàu ngầm HQ-182 Hà Nội diễn tập", "Tàu phối hợp với không quân trên biển.", "", []),
    # A warship named by its hull number is that ship again alone; a birth year before a birthplace;
    # an artist's title before a name.
    ("Tau ngam Ha Noi tham gia dien tap", "Tau ngam HQ-182 Ha Noi vua roi cang.", "", []),
    ("Nhà khoa học gốc Việt nhận giải ở Paris", "Ông sinh năm 1975 ở Hà Tĩnh, sang Pháp du học.", "", []),
    ("NSND Thanh Hoa hát lại ca khúc cũ", "Thanh Hoa chuẩn bị đêm nhạc kỷ niệm.", "", []),
    # Two ships under one word for a ship; a bus station its journey leaves from; "hay" joins origins;
    # stadiums named after another place; "sân Vinh"; a stock exchange; "gốc Huế"; a tourist from
    # the capital; "as a model"; a leader's visit for talks; a crash on a line named by its ends;
    # "followed by" under a national headline; a list of foreign cities; a town's name that is a
    # street here; a two-word English brand; English clubs in a football story.
    ("Tàu ngầm Hải Phòng và Đà Nẵng cập quân cảng Cam Ranh", "Hai tàu vừa hoàn thành chuyến huấn luyện dài ngày.",
     "", ["khanh-hoa"]),
    ("Xe giường nằm bốc cháy trên quốc lộ 1 ở Nghệ An", "Chiếc xe xuất phát từ bến xe Mỹ Đình tối qua.", "",
     ["nghe-an"]),
    ("Mẹo chọn bưởi ngon dịp Tết", "Bưởi từ Đồng Nai hay Bến Tre đều ngon nếu vỏ căng, nặng tay.", "", []),
    ("Fans pack Go Dau Stadium for the derby", "The home side won 2-1.", "", ["ho-chi-minh"]),
    ("Khán giả chật kín sân Vinh xem trận cầu", "Đội chủ nhà thắng 2-1 ở phút cuối.", "", ["nghe-an"]),
    ("Cổ phiếu ngân hàng dẫn dắt thị trường", "Chỉ số trên Sở Giao dịch Chứng khoán TP.HCM tăng 15 điểm.", "",
     []),
    ("Nhà thiết kế gốc Huế trình diễn áo dài ở Hà Nội", "Bộ sưu tập gồm 30 mẫu áo lụa.", "", ["ha-noi"]),
    ("Hanoi tourist injured in Sa Pa fall", "The man slipped on a trail near Fansipan.", "", ["lao-cai"]),
    ("Ministry wants more walking streets, citing Hoi An as a model", "Provinces have until June to propose them.",
     "", []),
    ("Indonesian president visits Hanoi for talks on trade", "The two sides will discuss energy too.", "", []),
    ("Coach crash on Hanoi – Hai Phong expressway kills two", "The crash happened in Hung Yen at dawn.", "",
     ["hung-yen"]),
    ("Vietnam's rice exports hit a record", "The Mekong Delta led the harvest, followed by Dong Thap and An Giang.",
     "", []),
    ("Thai airline adds flights across Asia", "New routes link Bangkok with Jakarta, Manila and Da Nang.", "", []),
    ("Underpass planned at Dien Bien Phu–Nguyen Binh Khiem junction",
     "Dien Bien Phu Street is among the busiest in Ho Chi Minh City.", "", ["ho-chi-minh"]),
    ("Ha Long Canned Food moves its factory", "The new plant in Hai Phong will double output.", "", ["hai-phong"]),
    ("Champions Nam Dinh open the V.League season against Hanoi FC", "The match kicks off on Friday.", "", []),
    # A fuel-price story filed from the capital; two places side by side naming one thing; a train's
    # two ends under a national lead (a guard: the ends are a span, not a route the article is about);
    # an English ship's name; "Nguyen Binh …" without marks is a person, not Nguyên Bình district.
    ("Giá xăng giảm lần thứ hai trong tháng", "Mỗi lít xăng RON95 giảm 300 đồng từ 15 giờ chiều nay.",
     "HÀ NỘI – Liên Bộ Công Thương – Tài chính vừa điều chỉnh giá bán lẻ xăng dầu.", []),
    ("UNESCO keeps Non Nuoc Cao Bang geopark on its list", "Experts reviewed the site over the summer.", "",
     ["cao-bang"]),
    ("Sleeper berths sold out before Tet", "Tickets went fast nationwide.",
     "All berths on trains between Hanoi and Hue were sold a month ahead.", []),
    ("Cargo ship Hai Phong Star rescues fishermen off Luzon", "The crew pulled 12 men from the sea.", "", []),
    ("Nguyen Binh Minh wins the Hue marathon", "The runner finished in 2 hours 31 minutes.", "", ["hue"]),
    # A market abroad named after a resort; a state award's ceremony, a plenum, a state visit's
    # airport; a story about another country; "Hạ Long phương Nam"; a coach's line "Mỹ Đình – Điện
    # Biên" or "TP.HCM di Bac Lieu" under a crash; "… Express"; trips a hospital spares; "north of
    # Hanoi"; "như Đà Lạt" in a title; a round-up "from Co To to Phu Quoc"; the capital's and TP.HCM's
    # coach stations; "outside Vinh"; a dish in quotes; "Hanoi-born" is no "born … in Da Lat".
    ("Người Việt tại Séc đón Tết sớm", "Hơn 1.000 kiều bào tại Praha dự hội chợ Tết ở trung tâm thương mại Sapa.",
     "", []),
    ("Trao Giải thưởng Nhà nước về khoa học", "Lễ trao giải diễn ra tại Hà Nội tối qua.", "", []),
    ("Party Central Committee closes its plenum", "The plenum, held in Hanoi, elected two new members.", "", []),
    ("Bangkok cắt giảm 30% xe máy ở nội đô", "Thành phố thu phí xe vào trung tâm từ năm ngoái.",
     "Giới chuyên gia nói Hà Nội có thể học cách làm này.", []),
    ("President leaves for state visit to India", "He departed Noi Bai International Airport on Monday.", "", []),
    ("Phuket plans a tourist tax", "The island, often compared with Vietnam's Phu Quoc, drew 9 million visitors.",
     "", []),
    ("Nam Du, Hạ Long phương Nam, vào mùa biển lặng", "Tàu cao tốc từ Rạch Giá ra đảo mất hai giờ.", "",
     ["an-giang"]),
    ("Xe giường nằm Mỹ Đình – Điện Biên lật ở Sơn La", "Năm người bị thương nhẹ.", "", ["son-la"]),
    ("Xe khach TP.HCM di Bac Lieu gap nan o Can Tho", "Hai nguoi bi thuong.", "", ["can-tho"]),
    ("Freighter 'Haiphong Express' stranded off Taiwan", "The crew of 20 are safe.", "", []),
    ("Quang Ngai hospital opens heart unit, sparing patients trips to Da Nang", "The unit has 40 beds.", "",
     ["quang-ngai"]),
    ("New Foxconn plant opens in Bac Giang", "The factory lies 50 km north of Hanoi.", "", ["bac-ninh"]),
    ("Sa Pa hạn chế xây khách sạn để không như Đà Lạt", "Thị xã dừng cấp phép công trình trên 9 tầng.", "",
     ["lao-cai"]),
    ("Vietnam's seven best islands, from Co To to Phu Quoc", "Our picks for a summer escape.", "", []),
    ("Bến xe Miền Đông đông nghẹt trước Tết", "Hàng nghìn người xếp hàng mua vé.", "", ["ho-chi-minh"]),
    ("A day at the craft village outside Vinh", "Carpenters there still build boats by hand.", "", ["nghe-an"]),
    ("Bắt giữ 2.000 hộp bánh pía 'Sóc Trăng' giả ở Hà Nội", "Hàng được làm ngay tại kho.", "", ["ha-noi"]),
    ("A Hanoi-born baker opens a shop in Da Lat", "The bakery sells French loaves.", "", ["lam-dong"]),
    # Nicknames and landmarks ("Đất Tổ", "Thành phố ngàn hoa", "xứ Thanh", the Perfume Pagoda, the
    # Thăng Long II park, the racecourse); learning from a place, "overtake"; a firm's seat ("whose
    # main factory is in", "back home in"); Đà Lạt lettuce; expats; a province's conference in the
    # capital; a national meeting in Hanoi; an industrial park's name; a bank named by two cities;
    # a regional heat wave; a concert named after a song; a "tourist loop" is no tourist.
    ("Hàng vạn người về Đất Tổ dâng hương", "Dòng người xếp hàng từ chân núi Nghĩa Lĩnh.", "", ["phu-tho"]),
    ("Thành phố ngàn hoa đón 1 triệu khách dịp lễ", "Các khách sạn kín phòng từ đầu tuần.", "", ["lam-dong"]),
    ("Xứ Thanh đón 2 triệu khách dịp hè", "Các bãi biển kín người từ sáng sớm.", "", ["thanh-hoa"]),
    ("Boat fares set for the Perfume Pagoda festival", "A return trip costs 60,000 dong.", "", ["ha-noi"]),
    ("KCN Thăng Long II đón thêm dự án Nhật Bản", "Nhà máy mới rộng 8 ha.", "", ["hung-yen"]),
    ("Old Phu Tho racecourse to become a park", "The city will plant 5,000 trees.", "", ["ho-chi-minh"]),
    ("Cần Thơ học tập Hội An, thắp đèn lồng phố cổ", "Mô hình tương tự ở Hội An từng hút khách.", "", ["can-tho"]),
    ("Hanoi apartment prices overtake Ho Chi Minh City", "Prices in the capital rose 12% this year.", "",
     ["ha-noi"]),
    ("VinFast opens a plant in Indonesia",
     "The carmaker, whose main factory is in Hai Phong, will build 50,000 cars a year.", "", []),
    ("Egg coffee chain opens in Seoul", "It ships beans from its roastery back home in Hanoi.", "", []),
    ("5 mẹo giữ rau tươi lâu", "Xà lách Đà Lạt mua ở siêu thị có thể tươi một tuần.", "", []),
    ("Kon Tum school gets solar panels from a Saigon expat group", "The kids now have lights and fans.", "",
     ["quang-ngai"]),
    ("Lâm Đồng mời gọi 120 dự án tại hội nghị ở Hà Nội", "Tổng vốn hơn 300.000 tỷ đồng.", "", ["lam-dong"]),
    ("Vietnam and the EU review their trade pact", "Officials met in Hanoi on Tuesday to review five years of it.", "",
     []),
    ("Korean maker expands in Ha Nam", "Its plant is in Dong Van III Industrial Park.", "", ["ninh-binh"]),
    ("SHB tăng vốn điều lệ", "Ngân hàng TMCP Sài Gòn – Hà Nội sẽ phát hành thêm cổ phiếu.", "", []),
    ("Nắng nóng bao trùm Bắc Bộ và Trung Bộ", "Đợt nắng kéo dài đến cuối tuần.",
     "Chiều qua nhiệt độ tại Hà Nội đạt 39,5 độ C.", []),
    ("Đêm nhạc “Nhớ về Hà Nội” cháy vé ở TP.HCM", "Hơn 2.000 khán giả đến nhà hát.", "", ["ho-chi-minh"]),
    ("New road joins the Ha Giang and Cao Bang tourist loops", "It cuts the trip to an hour.", "",
     ["tuyen-quang", "cao-bang"]),
    # Streets named in a list; a national course's venue; "similar to capital Hanoi"; a title counting
    # provinces and its lead's list; a press conference's venue; a junction named by streets; a ring
    # "operating from" a port; a national team's match venue; advice; a story about a US state.
    ("HCMC resurfaces Hoang Sa, Truong Sa streets", "The two canal-side roads were widened.", "", ["ho-chi-minh"]),
    ("Interior ministry trains commune officials on two-tier local government",
     "More than 600 commune chairpersons attended the training course held in Da Nang on October 2.", "", []),
    ("Da Nang seeks powers similar to capital Hanoi", "The city wants more say over its budget.", "",
     ["da-nang"]),
    ("Ba tỉnh miền Tây công bố tình huống khẩn cấp về hạn mặn",
     "Bến Tre, Tiền Giang và Sóc Trăng vừa đồng loạt công bố.",
     "", ["vinh-long", "dong-thap", "can-tho"]),
    ("GDP quý III tăng 8,2%", "Tăng trưởng dẫn dắt bởi công nghiệp chế biến.",
     "Cơ quan thống kê công bố số liệu tại buổi họp báo ở Hà Nội sáng 6/10.", []),
    ("Phố Huế ùn tắc vì rào chắn thi công", "Dòng xe kéo dài từ ngã tư Huế – Trần Khát Chân, Hà Nội.", "",
     ["ha-noi"]),
    ("Police bust drug ring operating from Hai Phong port", "Officers seized 40 kg of drugs.", "", ["hai-phong"]),
    ("Vietnam beat Malaysia 2-0 in Asian Cup qualifier", "The team stay top of the group.",
     "More than 30,000 fans watched the match at My Dinh National Stadium in Hanoi.", []),
    ("How to avoid scams when booking holiday rentals", "Fake listings surge before every holiday.",
     "In one case a family paid for a villa in Vung Tau that did not exist.", []),
    ("VinFast delays its North Carolina plant", "Demand for electric cars in the US has cooled.",
     "The firm builds most of its cars at a complex in the port city of Haiphong.", []),
])
def test_about_not_mentioned(title, lead, body, want):
    assert about(title, lead, body) == want











# Rules from the misses of blind batches, each on a case written for it (guards say where a rule
# must stop).
@pytest.mark.parametrize("title, lead, body, want", [
    # A person's home region before the name ("cô gái Hà Nội", "chàng trai xứ Thanh"); a nickname
    # "of the Central Highlands"; titles counting passes or ranking waterfalls; a spice's origin; a
    # crash on an expressway named by its ends is news of the section it happened on, while an
    # expressway's own news is its ends' (guards: the Cam Lộ crash, the Cần Thơ expressway, Train Street).
    ("Cô gái Hà Nội mở lớp dạy bơi miễn phí ở Cà Mau", "",
     "Mỗi sáng chị dạy khoảng 30 em ở một ao làng.", ["ca-mau"]),
    ("Chàng trai xứ Thanh nuôi ong giữa rừng thông Đà Lạt", "",
     "Anh có 200 đàn ong.", ["lam-dong"]),
    ("Mang Den, the 'Da Lat of the Central Highlands', draws campers",
     "Pine forests and cool air bring weekenders to the plateau in former Kon Tum.",
     "", ["quang-ngai"]),
    ("Sáu con đèo đẹp nhất miền Bắc", "Mã Pí Lèng, Ô Quy Hồ, Khau Phạ và Pha Đin đều có mặt.",
     "", []),
    ("Vietnam's most beautiful waterfalls", "Ban Gioc in Cao Bang and Dambri in Lam Dong lead our list.",
     "", []),
    ("Quán bún bò 40 năm ở Huế", "Chủ quán chỉ dùng hoa hồi Lạng Sơn và sả tươi.",
     "", ["hue"]),
    ("Xe khách lật trên cao tốc Cam Lộ – La Sơn, 5 người bị thương",
     "Vụ tai nạn xảy ra ở đoạn qua huyện Phong Điền, Huế.",
     "", ["hue"]),
    ("Xe khách lật trên cao tốc Hà Nội – Hải Phòng, 7 người bị thương",
     "Chiếc xe chạy tuyến Hà Nội – Quảng Ninh lật ở đoạn qua Hưng Yên.",
     "", ["hung-yen"]),
    ("Cao tốc Cần Thơ – Cà Mau cần thêm 2.000 tỷ đồng", "",
     "", ["can-tho", "ca-mau"]),
    # A place in single quotes is a label ("fake 'Buon Ma Thuot' coffee"), not an apostrophe's.
    ("Police seize fake 'Buon Ma Thuot' coffee at a Hanoi warehouse", "", "", ["ha-noi"]),
    ("Hanoi's 'Train Street' cafes told to close", "", "", ["ha-noi"]),
    # An institute's or a firm's seat after its name, when someone speaks for it or works there
    # ("tác giả X, Viện Y, Hà Nội"; "chuyên gia của Viện Z (Hà Nội)"); "ngụ ở" (lives in) read with its
    # marks ("cầu ngư ở Quảng Ngãi" is a rite there). Guards: a fire at a firm, a hospital doing the news.
    ("Trao giải sáng tạo kỹ thuật nhà nông", "",
     "Giải nhất thuộc về máy gặt mini của tác giả Lê Văn Tư, Viện Cơ điện nông nghiệp, Hà Nội. Giải nhì là "
     "quy trình ủ phân của nhóm Trường Đại học Nông Lâm, Thủ Đức, TP.HCM.", []),
    ("Cháy lớn tại Công ty may Phú Thịnh, Bình Dương", "",
     "", ["ho-chi-minh"]),
    ("Phục dựng lễ hội cầu ngư ở Quảng Ngãi",
     "Các nhà nghiên cứu của Viện Văn hóa Nghệ thuật (Hà Nội) đã ghi chép lễ hội suốt ba năm.",
     "Lễ hội diễn ra ở xã Bình Châu.", ["quang-ngai"]),
    ("Ghép gan thành công cho bé 2 tuổi", "Bệnh viện Nhi Trung ương (Hà Nội) vừa ghép gan cho một bé gái quê Nghệ An.",
     "", ["ha-noi"]),
    ("Bat doi tuong trom xe may", "Cong an TP Vinh bat Nguyen Van A, ngu o Ha Tinh, khi dang trom xe.",
     "", ["nghe-an"]),
    # A list the text counts and names as the news ("ở ba tỉnh là…", "in three provinces:") is no
    # round-up; a list it does not count still is (the guard).
    ("Sạt lở đất sau mưa lớn, 4 người mất tích", "",
     "Mưa lớn đêm qua gây sạt lở ở ba tỉnh là Lào Cai, Hà Giang và Cao Bằng.", ["lao-cai", "tuyen-quang", "cao-bang"]),
    ("Landslides cut roads after heavy rain", "",
     "Rain overnight triggered landslides in three provinces: Lao Cai, Ha Giang and Cao Bang.", ["lao-cai",
     "tuyen-quang", "cao-bang"]),
    ("Mùa lúa chín đẹp nhất năm", "",
     "Du khách có thể ngắm lúa ở Lào Cai, Hà Giang và Lai Châu.", []),
    # A group named by its home is away from it when it acts somewhere else ("Saigon cycling club
    # delivers flood aid in Hue"); at home it is the news (the last two are guards).
    ("Saigon cycling club delivers flood aid in Hue", "",
     "", ["hue"]),
    ("Hanoi volunteers rebuild homes in Quang Ngai", "",
     "", ["quang-ngai"]),
    ("Hanoi students win gold at maths olympiad", "",
     "", ["ha-noi"]),
    ("Da Nang doctors open free clinic for fishermen", "",
     "", ["da-nang"]),
    # A scientist's university named after its city ("giảng viên Đại học Bách khoa Hà Nội"), but not a
    # venue ("tại Đại học Cần Thơ"); a dateline with a numeric date under a national figure ("Ha Noi,
    # 6/11 -" over CPI); a cement named after its town; an institute's seat however long its name, but
    # not the hospital one goes to (guards: the Cần Thơ workshop, the Hà Nội hospital).
    ("Nữ kỹ sư trẻ nhận giải thưởng khoa học về pin mặt trời",
     "PGS Trần Thu Hà, giảng viên Đại học Bách khoa Hà Nội, được vinh danh cùng hai nhà khoa học khác.",
     "", []),
    ("Hoi thao ve pin mat troi tai Dai hoc Can Tho", "",
     "", ["can-tho"]),
    ("CPI thang 10 tang 0,3%", "Ha Noi, 6/11 - Cuc Thong ke vua cong bo chi so gia tieu dung thang 10.",
     "Gia xang dau va dien tang la nguyen nhan chinh.", []),
    ("Cổ phiếu Xi măng Hà Tiên tăng trần sau báo cáo lãi quý III", "",
     "Giá mới áp dụng từ ngày 1/5.", []),
    ("Bờ biển Tây sạt lở nghiêm trọng",
     "Khảo sát của Viện Khoa học Thủy lợi miền Nam (TP.HCM) cho thấy đoạn bờ ở xã Đất Mũi, Cà Mau, mất 30 m "
     "rừng mỗi năm.",
     "", ["ca-mau"]),
    ("Bệnh viện tâm thần ban ngày được nhân rộng", "",
     "Mỗi sáng anh Bình đưa bố đến Bệnh viện tâm thần ban ngày Mai Hương (Hà Nội) để điều trị.", ["ha-noi"]),
    # A hotel named brand-then-city stands in that city ("tại khách sạn Sheraton Hà Nội"), and so does a
    # university a title names ("Trường ĐH Ngân hàng TP.HCM"); a chain named after a place is no such
    # name ("khách sạn Mường Thanh ven biển Mỹ Khê"), and under a national headline ("thăm chính thức
    # VN", "Đội tuyển VN") the hotel or the training ground is only the venue (guards: the second, fourth).
    ("Đấu giá tranh gây quỹ cho trẻ em nghèo", "",
     "Tối 12/10, tại khách sạn Sheraton Hà Nội, 40 bức tranh đã được bán với tổng số tiền 2 tỷ đồng.", ["ha-noi"]),
    ("Diễn tập chữa cháy tại khách sạn Mường Thanh ven biển Mỹ Khê", "",
     "", ["da-nang"]),
    ("Trường ĐH Ngân hàng TP.HCM công bố điểm chuẩn", "",
     "Thí sinh có thể tra cứu điểm trên trang của trường.", ["ho-chi-minh"]),
    ("Nhà vua Thụy Điển thăm chính thức VN", "",
     "Nhân dịp này, 40 doanh nghiệp Thụy Điển dự hội thảo ba ngày tại khách sạn Melia Hà Nội.", []),
    ("Đội tuyển VN tập trung chuẩn bị cho AFF Cup", "",
     "Các cầu thủ có mặt tại Trung tâm đào tạo bóng đá trẻ ở Hà Nội từ chiều qua.", []),
    # Round-ups counting festivals, or listing a name the gazetteer leaves out ("Hà Nội, Hải Phòng, Vinh,
    # Đà Nẵng…"); a congress's or a national forum's venue, however long its name; a boat's name in
    # single quotes; a deputy of a province's delegation ("đại biểu Quốc hội đoàn Kon Tum"); the airport a
    # leader leaves from; "Hanoi has told Manila"; a newspaper named after its city ("the Hanoi Times").
    # Guards (the last three): a forum that is not national, an airport's own news, a paper's report.
    ("Eight festivals to plan a trip around this autumn",
     "From lantern nights in Hoi An to the balloon fiesta in Hue, each draws crowds.",
     "", []),
    ("Vietnam Chess Federation elects new chairman at congress in Hanoi",
     "Delegates from 40 provinces voted on Sunday.",
     "", []),
    ("'Hai Phong - Viet Nam' takes third place on the Pacific leg",
     "The amateur crew of the 70-foot yacht reached Seattle after 26 days.",
     "", []),
    ("Ban nhac Buc Tuong luu dien xuyen Viet",
     "Tour se di qua Ha Noi, Hai Phong, Vinh, Da Nang, TP.HCM va Can Tho trong ba thang.",
     "", []),
    ("Dai bieu de nghi tang thue thuoc la",
     "Gop y du thao luat, mot dai bieu Quoc hoi doan Kon Tum cho rang muc thue hien nay qua thap.",
     "", []),
    ("Chủ tịch nước lên đường thăm Nhật Bản", "Sáng 3/4, Chủ tịch nước và đoàn đại biểu cấp cao rời sân bay Nội Bài.",
     "", []),
    ("Hanoi tells Manila to respect its fishermen's rights",
     "Hanoi has told Manila that the arrests violate international law, the foreign ministry said.",
     "", []),
    ("National forum on digital transformation held in Da Lat",
     "The ministry gathered officials from all 34 provinces and cities.",
     "", []),
    ("Trade minister expects exports to top $450 billion", "The minister told the Hanoi Times that orders were strong.",
     "", []),
    ("Forum on Mekong climate adaptation held in Can Tho", "",
     "", ["can-tho"]),
    ("Sân bay Nội Bài đón 100.000 khách mỗi ngày dịp Tết", "",
     "", ["ha-noi"]),
    ("Book fair opens in Hanoi", "The fair opened on Friday by Hoan Kiem Lake, the Hanoi Times reported.",
     "", ["ha-noi"]),
    # A title's words read with their marks ("Nam nữ tình tự…" counts no five provinces); a region in
    # the title ("Tây Nguyên") is no national headline; an institute's bracket is where its field lies
    # when nobody speaks for it.
    ("Nam nữ tình tự nơi vắng bị cướp", "",
     "Tối 12/3, một cặp đôi đang ngồi ở bờ đê thuộc xã Vĩnh Quỳnh, Thanh Trì, Hà Nội thì bị ba thanh niên "
     "kề dao cướp tài sản.", ["ha-noi"]),
    ("Vụ án tham nhũng lớn nhất Tây Nguyên ra tòa", "",
     "VKSND tỉnh Đắk Lắk vừa truy tố 9 bị can là cán bộ một công ty xuất nhập khẩu.", ["dak-lak"]),
    ("Cặp đôi bị cướp giữa cánh đồng", "",
     "Họ đang ngồi ở cánh đồng của trại thí nghiệm Viện Khoa học Nông nghiệp (Thanh Trì, Hà Nội) thì bị kề "
     "dao.", ["ha-noi"]),
    # Biển Hồ is also Cambodia's Tonlé Sap; "Tau" without marks before a numbered name is a ship; "Thai
    # Binh Lau" a pavilion; officials "gathered in Hanoi" under a national headline; a newspaper's seat
    # ("một tờ báo ở TP.HCM"); a group of young people from Hanoi building elsewhere. Guards: the lake in
    # Pleiku, a patient no longer sent to Huế, doctors leaving Can Tho.
    ("Bác sĩ Phnom Penh khám bệnh cho người gốc Việt ven Biển Hồ",
     "Đoàn đã phát thuốc cho 500 người sống trên nhà bè ở tỉnh Kampong Chhnang, Campuchia.",
     "", []),
    ("Du khách đạp xe quanh Biển Hồ mùa dã quỳ", "Hồ nước ở ngoại ô Pleiku đón hàng nghìn người mỗi cuối tuần.",
     "", ["gia-lai"]),
    ("Tau Thai Binh 27 mac can ngoai khoi Cua Lo", "Con tau cho 2.000 tan than bi song danh dat vao bai can trong dem.",
     "", ["nghe-an"]),
    ("Thai Binh Lau reading pavilion in Hue reopens",
     "The royal pavilion inside the Forbidden City welcomed visitors again on Saturday.",
     "", ["hue"]),
    ("Vietnam sets 2030 target for ending malaria",
     "Health officials from all 34 provinces and cities gathered in Hanoi on Tuesday to review the national programme.",
     "", []),
    ("Bệnh viện Quảng Trị lần đầu đặt stent cấp cứu",
     "Trước đây bệnh nhân phải chuyển vào Huế, nay được can thiệp ngay tại Đông Hà.",
     "", ["quang-tri"]),
    ("Doctors leave Can Tho for better pay",
     "Can Tho's public hospitals lost 85 doctors in two years, many of whom left for Ho Chi Minh City.",
     "", ["can-tho"]),
    ("Cây cầu mới cho học sinh xã U Minh",
     "Cầu do bạn đọc một tờ báo ở TP.HCM quyên góp vừa được bàn giao cho người dân ở Cà Mau.",
     "", ["ca-mau"]),
    ("Nhom ban tre Ha Noi xay cau treo cho hoc sinh Cao Bang",
     "Cay cau dai 40 m vua hoan thanh o mot xa vung cao cua Cao Bang.",
     "", ["cao-bang"]),
    # A brand ("mang thương hiệu Hà Tiên", "Saigon Co.op" in Vietnamese copy); a jam or a landslide on
    # an expressway named by its ends is news of the section; a battle named after its place (not
    # the Trần temple: the guard); a "Hanoi-bound" train; "tiệm cận Hà Nội" is a comparison.
    ("Xi măng tăng giá thêm 60.000 đồng mỗi tấn",
     "Từ ngày 1/3, các dòng xi măng bao mang thương hiệu Hà Tiên được điều chỉnh giá.",
     "", []),
    ("Ket xe 8 km tren cao toc Ha Noi - Hai Phong doan qua Hung Yen",
     "Mot vu va cham giua 3 o to khien dong xe dung im nhieu gio.",
     "", ["hung-yen"]),
    ("Saigon Co.op mở siêu thị đầu tiên ở Cao Bằng", "Siêu thị rộng 3.000 m2 đón khách từ sáng nay.",
     "", ["cao-bang"]),
    ("Berlin exhibition revisits the battle of Dien Bien Phu",
     "Letters by French and Vietnamese soldiers go on show at a museum in the German capital.",
     "", []),
    ("Train derails in Quang Ngai", "Two carriages of a Hanoi-bound express left the tracks early on Friday.",
     "", ["quang-ngai"]),
    ("Giá thuê văn phòng ở Đà Nẵng tăng 12%, tiệm cận Hà Nội", "Nguồn cung văn phòng hạng A ở Đà Nẵng khan hiếm.",
     "", ["da-nang"]),
    ("Lễ khai ấn đền Trần Nam Định thu hút hàng vạn người", "",
     "", ["ninh-binh"]),
    # J: a city in brackets after "tại" and a venue's name is where the news is (a club's name
    # alone, "CLB Hà Nội", and a firm's seat in brackets stay passing).
    ("Tay vợt Mỹ đăng quang giải nhà nghề",
     "Giải quần vợt nhà nghề kết thúc chiều qua tại CLB Lan Anh (TPHCM) với chức vô địch của Fleishman Zack.",
     "", ["ho-chi-minh"]),
    ("Tay vợt Mỹ đăng quang giải nhà nghề",
     "Fleishman Zack, thành viên CLB Lan Anh (TPHCM), vừa đoạt chức vô địch đơn nam.",
     "", []),
    # J: in a football story the other side of a match is a club ("thua 2-3 trước Hải Phòng",
    # "trận gặp Hải Phòng"); the same words outside sport leave the place alone.
    ("HLV Đoàn Minh Xương chia tay Bình Dương?",
     "Nói về việc thua 2-3 trước Hải Phòng ngay trên sân nhà, HLV Xương nhận hết trách nhiệm. "
     "Trận gặp Hải Phòng, đội hình chắp vá.", "", ["ho-chi-minh"]),
    ("Mưa lớn ở Hải Phòng", "Đoàn công tác của bộ đã đến gặp Hải Phòng để bàn việc khắc phục.", "", ["hai-phong"]),
    # K: "trẻ em" (children) is no title before a person's name; "em Hà Giang" still is one.
    ("Cuộc thi cho gia đình về giáo dục sức khỏe sinh sản",
     "Cuộc thi do Ủy ban Dân số Gia đình và Trẻ em TP Hồ Chí Minh tổ chức nhân ngày Gia đình Việt Nam.",
     "", ["ho-chi-minh"]),
    ("Học sinh nghèo vượt khó", "Cô giáo Lan rất thương em Hà Giang, học sinh lớp 5 luôn đứng đầu lớp.", "", []),
    # K: "các ngân hàng TP HCM" are the city's banks, not a bank named so (nor are its later mentions).
    ("Các ngân hàng TP HCM cạnh tranh gay gắt",
     "Sự cạnh tranh giữa các ngân hàng trên địa bàn TP HCM đang cực kỳ phức tạp, theo tổng kết chiều qua.",
     "", ["ho-chi-minh"]),
    ("Ngân hàng Sài Gòn tăng vốn điều lệ", "Ngân hàng vừa được chấp thuận tăng vốn thêm 2.000 tỷ đồng.", "", []),
    # AW, AX: people named by their home before they act elsewhere; a "-raised" home town; an
    # origin's province in brackets; a capitalised "Expressway" after a road's two ends; a foreign
    # story's "including those to Hanoi"; "close the gap with"; U23 football's club names.
    ("Two Hanoi teenagers drown at Sam Son Beach",
     "Two 16-year-old boys from Hanoi drowned while swimming at Sam Son Beach in Thanh Hoa Province on Sunday.",
     "", ["thanh-hoa"]),
    ("Quy Nhon-raised pianist wins top prize in Warsaw",
     "Pianist Nguyen Minh Khoa, 22, has won first prize at an international piano competition in Warsaw.",
     "", []),
    ("Nữ võ sĩ giành HCV boxing châu Á",
     "Võ sĩ Ngô Thị Hạnh, 22 tuổi, quê Lục Ngạn (Bắc Giang), đánh bại đối thủ Kazakhstan ở chung kết tại Bangkok.",
     "", []),
    ("Container truck overturns on Hanoi – Hai Phong Expressway in Hung Yen",
     "The truck overturned on the section passing through Hung Yen Province, blocking two lanes.", "", ["hung-yen"]),
    ("Vietnamese travelers stranded in Hong Kong as typhoon grounds flights",
     "Hundreds of tourists were stuck at the airport after the typhoon cancelled all flights, including those "
     "to Hanoi and HCMC.", "", []),
    ("Da Nang property prices close gap with Hanoi",
     "Apartment prices in Da Nang rose 18 percent, approaching levels in Hanoi, a report says.", "", ["da-nang"]),
    ("U23 Việt Nam ngược dòng thắng Thái Lan tại Bangkok",
     "Cú đúp của Nguyễn Đình Bắc (CLB Công an Hà Nội) giúp U23 Việt Nam thắng chủ nhà ở lượt trận thứ hai.", "", []),
    ("Hanoi volunteers clean up Hoan Kiem Lake", "Some 300 students joined the clean-up on Sunday morning.",
     "", ["ha-noi"]),
    # L: a list of places with a date after each is a list ("Quảng Bình ngày 27-4, Cần Thơ 7-5 và …").
    ("Hơn 4 tháng không có trường hợp nhiễm cúm gia cầm",
     "Ngành y tế tiếp tục giám sát chặt dịch bệnh ở người.",
     "Diễn tập phòng chống đại dịch cúm sẽ được tổ chức ở các tỉnh: Quảng Bình ngày 27-4, Cần Thơ 7-5 và "
     "Vĩnh Phúc 14-5.", []),
    # L: a conservatory a student attends, or a school one graduated from, is no news of its city.
    ("Đêm chung kết Sao Mai khép lại với giải nhất cho thí sinh trẻ nhất",
     "Đào Tiến Lợi, sinh viên năm cuối Nhạc viện Hà Nội, giành giải nhất dòng thính phòng.",
     "", []),
    ("Ca sĩ Đoan Trang ra mắt album mới", "Cô tốt nghiệp xuất sắc Nhạc viện TP HCM năm 1999.", "", []),
    # M: a place's court, police or people's committee acting says where the case is, however late it
    # comes ("Hôm nay, TAND TP HCM đã tuyên phạt…"); guards: the police of a place in a football story
    # is a club, and a place named once late in passing still counts for little.
    ("Lãnh án vì làm giả hồ sơ để lập công ty ma", "",
     "Từ năm 2003, bị cáo dùng giấy tờ giả để thành lập công ty rồi mua hóa đơn giá trị gia tăng. " * 6
     + "Hôm nay, TAND TP HCM đã tuyên phạt bị cáo 7 năm tù.", ["ho-chi-minh"]),
    ("Án mạng do hàng xóm mâu thuẫn", "",
     "Tối qua, hai người đàn ông cãi nhau vì chuyện đổ rác rồi một người cầm dao đâm người kia tử vong. " * 5
     + "Công an quận Phú Nhuận đến phong tỏa hiện trường.", ["ho-chi-minh"]),
    ("Tuyển Việt Nam triệu tập 28 cầu thủ cho vòng loại", "",
     "HLV trưởng công bố danh sách tập trung, nhiều tiền đạo trẻ lần đầu góp mặt ở đội tuyển. " * 6
     + "Câu lạc bộ Công an Hà Nội có bốn cầu thủ được gọi.", []),
    ("Giá vàng tăng theo thế giới", "",
     "Giá vàng trong nước tăng 120.000 đồng mỗi lượng theo đà của thị trường thế giới. " * 6
     + "Một số cửa hàng vàng ở Hà Nội bán ra chậm.", []),
    # N: a clock named by its city is no place ("19h Hà Nội", "8pm Hanoi time"); a pepper named after
    # its town is a pepper ("ớt Đà Lạt"); a bus "từ hướng Đà Lạt về TP.HCM" comes from somewhere, as
    # one "từ Đà Lạt" does. Guards: "7h sáng nay tại Hà Nội" is where it happens, a wind farm ("điện
    # gió Bạc Liêu") no clock.
    ("Bầu cử bắt đầu trên toàn nước Mỹ", "",
     "Sau 7 giờ sáng EST ngày 2/11 (tức 19h Hà Nội cùng ngày), 12 bang miền đông mở cửa điểm bỏ phiếu.", []),
    ("US voters head to the polls", "", "Polls opened at 7am EST, 7pm Hanoi time, in 12 eastern states.", []),
    ("Cà ri cá nấu dừa", "", "Nguyên liệu: 300g phi lê cá chẽm, 1/2 quả ớt Đà Lạt xanh, 2 quả ớt sừng.", []),
    ("Hai xe khách đối đầu trên quốc lộ 20", "",
     "Sáng qua, chiếc xe khách chạy từ hướng Đà Lạt xuống đã tông vào xe tải tại xã Túc Trưng, huyện Định "
     "Quán, tỉnh Đồng Nai. Hai hành khách bị thương được đưa về Đà Lạt.", ["dong-nai"]),
    ("Xe buýt điện lăn bánh", "", "7h sáng nay tại Hà Nội, tuyến xe buýt điện đầu tiên bắt đầu chạy.", ["ha-noi"]),
    ("Canh dong dien gio Bac Lieu thanh diem check-in ngay Tet", "Hang nghin nguoi do ve khu dien gio.", "",
     ["ca-mau"]),
    # AZ and BA: the two big cities as a pair under a title naming no place are where national news is
    # measured (guard: a title naming them); an institution named by what it is for; a hideout; a
    # group named by its home acting elsewhere; an expressway's ends in a title naming its province.
    ("Giá vàng nhẫn tăng thêm nửa triệu đồng mỗi lượng",
     "Sáng nay, các doanh nghiệp kinh doanh vàng tại Hà Nội và TP.HCM đồng loạt nâng giá vàng nhẫn.", "", []),
    ("Hà Nội và TP.HCM kín phòng khách sạn dịp cuối năm",
     "Các khách sạn 3-5 sao tại Hà Nội và TP.HCM đều đã kín phòng đến tháng 1.", "", ["ha-noi", "ho-chi-minh"]),
    ("Dengue patients should avoid aspirin, doctors say",
     "Doctors at the Hospital for Tropical Diseases in Ho Chi Minh City urged people with fever to use "
     "paracetamol only.", "", []),
    ("Công an Hà Tĩnh bắt nghi phạm lừa đảo lẩn trốn ở TP.HCM",
     "Nghi phạm giả danh nhân viên ngân hàng chiếm đoạt 1,2 tỷ đồng của người dân trong tỉnh.", "", ["ha-tinh"]),
    ("Sinh vien Ha Noi len duong tinh nguyen o vung bien Nghe An",
     "Hon 300 sinh vien se o lai cac xa bien gioi trong mot thang.", "", ["nghe-an"]),
    ("Chu tich An Giang kiem tra cao toc Chau Doc - Can Tho - Soc Trang",
     "Lanh dao tinh yeu cau nha thau tang ca de thong tuyen doan qua An Giang.", "", ["an-giang"]),
    # BB and BC: the capital where a visiting minister or a delegation is received is the government's
    # (guards: the city's own news, its visitors "received", a traveller's "visit to Hanoi"); where crowds
    # come "out of"; a size compared.
    ("Vietnam, Brazil agree to widen farm trade",
     "Vietnam and Brazil signed a memorandum during the Brazilian agriculture minister's visit to Hanoi.", "", []),
    ("Party chief receives Cuban delegation in Hanoi", "The delegation pledged continued cooperation.", "", []),
    ("Hanoi opens three new bus routes to the airport", "The routes link Noi Bai with the Old Quarter.", "",
     ["ha-noi"]),
    ("Hanoi welcomes record visitors", "Hanoi received 28 million visitors last year, the city tourism "
     "department said.", "", ["ha-noi"]),
    ("A weekend in the capital", "A visit to Hanoi is not complete without a bowl of pho in the Old Quarter.",
     "", ["ha-noi"]),
    ("Sam Son beach packed as heatwave drives crowds out of Hanoi",
     "More than 100,000 visitors thronged the Thanh Hoa resort town.", "", ["thanh-hoa"]),
    ("Country's largest province turns to mobile service teams",
     "Lam Dong is now nearly ten times the size of Hung Yen, and distance is the main obstacle.", "",
     ["lam-dong"]),
    # Q: a reader's signature closing a question is the reader's home (guard: a bracket naming the
    # place first, after a sentence, says where the news is).
    ("Đau lưng có phải lao cột sống?", "",
     "Hỏi: Tôi bị đau lưng nhiều tháng nay, có phải lao cột sống không? (Trần Thanh Tùng, An Giang)\n"
     "Đáp: Bạn nên đi chụp phim cột sống.", []),
    ("Hỏi đáp sức khỏe", "", "Bác sĩ có mẹo nào giúp em không?\" (Cô gái bối rối, Q.2, TPHCM)\nBạn thân mến…", []),
    ("Lũ quét trong đêm", "", "Lũ quét làm 3 người chết trong đêm qua. (Mường Lát, Thanh Hóa)\n"
     "Chính quyền đang khắc phục hậu quả.", ["thanh-hoa"]),
    ("Hỏi: Vợ em bị ốm nghén, xin hướng dẫn chế độ ăn cho thai phụ. (Tran Van - Hà Nội)", "",
     "Đáp: Ăn uống đóng vai trò rất quan trọng đối với thai phụ.", []),
    # R, BF and BG: weather named by the ends of its stretch (guard: a race between two places); a label
    # or a name given after a place; a list a road runs through; a firm or a school the lead names, in the
    # title; a school named after one place standing in another (guard: in its own place); a patient
    # named by home, treated elsewhere; a developer "in former Hoa Binh"; commuters' destination.
    ("Rét đậm từ Lào Cai đến Thanh Hóa", "Nhiệt độ thấp nhất 8-10 độ C.", "", []),
    ("Heavy rain forecast from Thanh Hoa to Hue this weekend", "Up to 200 mm of rain may fall.", "", []),
    ("Yachts race from Do Son to Ha Long Bay", "Twelve crews set sail on Saturday.", "", ["hai-phong", "quang-ninh"]),
    ("Thu giu 2 tan keo dua mao danh dac san Ben Tre o Ha Noi",
     "Quan ly thi truong Ha Noi thu giu keo dua dan nhan 'dac san Ben Tre' tai mot kho hang.", "", ["ha-noi"]),
    ("Vietnam's ST25 rice fetches premium in Australia",
     "ST25 fragrant rice, named after its birthplace Soc Trang, sells at twice the price of Thai rice.", "", []),
    # A ministry's meeting in the capital; a delegate's province or a home town in brackets; an expert quoted by
    # workplace (guards: the hospital acting; a province's own centre speaking for it).
    ("Nhiều bệnh viện lạm dụng kháng sinh", "",
     "Tại hội nghị sử dụng thuốc hợp lý do Bộ Y tế tổ chức mới đây, tại Hà Nội, ông Kính cho biết nhiều nơi "
     "kê đơn quá mức.", []),
    ("Bảo đảm quyền tiếp cận thông tin", "",
     "Đại biểu Đặng Ngọc Tùng (TP HCM) chiều nay đề nghị công khai thông tin của các tổ chức tín dụng.", []),
    # Beside the place the headline names, another named where the text opens and once more is passing
    # (guard: two places the headline names).
    ("Hà Tĩnh: Bắt giữ gỗ lậu", "", "Hạt kiểm lâm Hương Sơn vừa bắt giữ 5 m3 gỗ trắc. Chủ số gỗ là ông Sơn, trú tại "
     "phường Hồng Sơn, TP Vinh, Nghệ An." + " Gỗ được tạm giữ." * 40 + " Ông Sơn khai mua gỗ từ Nghệ An.", ["ha-tinh"]),
    ("Đà Nẵng và Quảng Ngãi hợp tác phát triển du lịch biển", "",
     "Lãnh đạo hai địa phương ký kết thỏa thuận tại Đà Nẵng. Quảng Ngãi sẽ kết nối tour Lý Sơn.", ["da-nang", "quang-ngai"]),
    # U: a player's club in brackets in a football story (guard: a stadium's city in brackets); a
    # student's school in brackets (guard: the school acting).
    ("Văn Quyến trở lại đội tuyển quốc gia", "",
     "HLV Tavares công bố danh sách tập trung đội tuyển chuẩn bị cho vòng loại Asian Cup. Ông quyết định chọn "
     "thêm thủ môn Văn Hạnh (HA Gia Lai), còn trung vệ Mạnh Dũng (HA Gia Lai) trở lại sau án kỷ luật. Hậu vệ "
     "Hải Lâm bị gạch tên.", []),
    ("AFC hài lòng về sân bãi", "",
     "Đoàn kiểm tra của AFC hài lòng về cơ sở vật chất tại sân Thiên Trường (Nam Định) trước vòng loại Asian Cup, "
     "cầu thủ hai đội sẽ tập trên sân phụ.", ["ninh-binh"]),
    ("Hướng dẫn viên siêu thị bỏ túi", "",
     "Nhóm sinh viên gồm Đinh Lê Tuấn Anh (Đại học Bách khoa Hà Nội) và Nguyễn Ngọc Quỳnh đã viết phần mềm "
     "trợ giúp mua sắm trên máy tính bỏ túi.", []),
    ("44 ứng viên dự thi học bổng", "",
     "Trường ĐH KHXH&NV (ĐH Quốc gia TP.HCM) vừa tổ chức vòng thi viết cho 44 ứng viên.", ["ho-chi-minh"]),
    # V: any city where a national body meets is its venue, as is a review meeting's (guard: the city's own
    # body meeting there).
    ("Trường hợp oan sai sẽ được bồi thường trong năm 2005", "",
     "Ngày 28/6, tại Đà Nẵng, VKSND tối cao đã họp đánh giá việc bồi thường cho người bị oan trên cả nước.", []),
    ("Thực hiện cam kết Mê Kông", "",
     "Ngày 1-4, tại TPHCM, Ủy ban Mê Kông Việt Nam đã tổ chức lễ kỷ niệm 10 năm ký hiệp định.", []),
    ("Chấm dứt tình trạng xí chỗ hội chợ",
     "Cục trưởng Cục Xúc tiến thương mại nhấn mạnh như vậy trong cuộc họp tổng kết công tác năm 2005 tổ chức "
     "ngày 27-12 tại Hà Nội.", "", []),
    ("Định hướng phát triển ngành dược",
     "Hôm qua 17/8, tại TP Hồ Chí Minh đã diễn ra hội nghị định hướng phát triển ngành dược đến năm 2010 do "
     "Cục Quản lý dược tổ chức.", "", []),
    ("Thu hút vốn vào khu công nghệ cao",
     "Sáng 5/3, tại Đà Nẵng đã diễn ra hội nghị xúc tiến đầu tư do UBND thành phố tổ chức.", "", ["da-nang"]),
    # Ngọc Linh ginseng grows on both sides of the mountain: the produce names no unit.
    ("Quảng Nam: Phát hiện một bãi sâm Ngọc Linh", "Người dân xã A Tiêng, huyện Tây Giang phát hiện bãi sâm quý.",
     "", ["da-nang"]),
    # A delegate "of" a province (guard: a delegation meeting voters at home).
    ("Cần báo cáo về chất lượng giáo dục", "", "Đề nghị do ông Nguyễn Đức Dũng, đại biểu Quốc hội chuyên trách của "
     "tỉnh Kon Tum, đưa ra tại phiên họp sáng nay.", []),
    ("Tiếp xúc cử tri vùng biên", "", "Đoàn ĐBQH tỉnh Nghệ An tiếp xúc cử tri huyện Kỳ Sơn.", ["nghe-an"]),
    # BJ: people named by home, workplace or delegation where the news is elsewhere or national (guards: a
    # man, a surgeon named by home doing the news there).
    ("Quang Tri boy with rare heart defect saved in Hue",
     "Doctors at Hue Central Hospital repaired the defect on Monday.", "", ["hue"]),
    ("Hai Phong striker earns first national team call-up",
     "Coach Kim Sang-sik named the forward in his 26-man squad.", "", []),
    ("Lecturer wins prize for mangrove study",
     "Dr Le Van Nam of the University of Can Tho received the award on Friday.", "", []),
    ("Young adults face rising stroke risk, Hanoi cardiologist warns",
     "Strokes among people under 45 have doubled in a decade.", "", []),
    ("Chuyen gia Vien Pasteur Nha Trang: Tiem du 2 mui vac xin la cach phong soi tot nhat",
     "Tre chua tiem du mui co nguy co mac soi cao.", "", []),
    ("Đoàn công tác Quảng Ninh tìm hiểu mô hình chính quyền số của Đà Nẵng",
     "Đoàn đã làm việc với Sở Khoa học và Công nghệ Đà Nẵng.", "", ["da-nang"]),
    ("Lawmaker calls for ban on e-cigarettes",
     "Hanoi deputy Nguyen Thi Lan said a nationwide ban should take effect next year.", "", []),
    ("Surgeon among 10 outstanding young Vietnamese of the year",
     "Dr Tran Huu Phuoc was honoured at a ceremony in Hanoi on Sunday.", "", []),
    ("Hanoi man arrested for stealing motorbikes",
     "Police in Dong Da District caught him on Tuesday.", "", ["ha-noi"]),
    ("Da Nang surgeon performs city's first heart transplant",
     "The operation at Da Nang Hospital lasted nine hours.", "", ["da-nang"]),
    # A ship named after a place.
    ("Thủ tướng chỉ đạo bảo lãnh tàu Cần Giờ", "Con tàu bị giữ tại cảng Dar es Salaam vì tranh chấp hợp đồng gạo.",
     "", []),
    ("Đẩy nhanh giải ngân vốn đầu tư công", "",
     "Ngày 5/3, tại Đà Nẵng, UBND thành phố đã họp với các chủ đầu tư để tháo gỡ vướng mắc.", ["da-nang"]),
    ("Đừng để mất mạng vì những vết thương nhỏ", "",
     "Ông Lường Văn Thắng (46 tuổi, quê Hòa Bình) bị uốn ván sau một vết thương nhỏ ở gót chân.", []),
    ("Giữ dáng sau hút mỡ", "",
     "Theo một bác sĩ thuộc Trung tâm Dinh dưỡng TP HCM, người vừa hút mỡ nên tránh đồ ngọt.", []),
    ("Trẻ thiếu máu cần chữa sớm", "",
     "Tiến sĩ Lâm Thị Mỹ, Phó chủ nhiệm bộ môn nhi Đại học Y dược TP HCM, cho biết trẻ cần được truyền máu.", []),
    ("Mổ thành công ca u gan hiếm gặp", "",
     "Bệnh viện Nhi Đồng 2 TP HCM vừa phẫu thuật cho bé trai 3 tuổi, bác sĩ cho biết bé đã ổn định.",
     ["ho-chi-minh"]),
    ("Sốt xuất huyết giảm mạnh", "",
     "Theo bác sĩ Nguyễn Minh Tùng, giám đốc Trung tâm Y tế dự phòng tỉnh Bạc Liêu, số ca bệnh giảm 80%.",
     ["ca-mau"]),
    ("Ra mắt nước mắm mang tên Phú Quốc và gạo nhãn hiệu Sóc Trăng tại Hà Nội",
     "Hai sản phẩm được giới thiệu ở hội chợ nông sản Hà Nội.", "", ["ha-noi"]),
    ("Khởi công tuyến cao tốc ven biển", "Tuyến cao tốc dài 120 km đi qua Hà Tĩnh, Quảng Bình và Quảng Trị.", "",
     ["ha-tinh", "quang-tri"]),
    ("Mường Thanh đưa vào hoạt động khách sạn mới ở Cửa Lò",
     "Tập đoàn Mường Thanh vừa khai trương khách sạn 28 tầng bên bờ biển Cửa Lò (Nghệ An).", "", ["nghe-an"]),
    ("Trường ĐH Sư phạm Hà Nội 2 đưa vào sử dụng phòng thí nghiệm STEM",
     "Trường Đại học Sư phạm Hà Nội 2 tại phường Xuân Hòa, tỉnh Phú Thọ vừa mở phòng thí nghiệm.", "", ["phu-tho"]),
    ("Phan hieu Dai hoc Y Ha Noi tai Thanh Hoa don 500 tan sinh vien",
     "Phan hieu Truong Dai hoc Y Ha Noi tai Thanh Hoa vua khai giang nam hoc moi.", "", ["thanh-hoa"]),
    ("Đại học Huế mở ngành mới", "Đại học Huế tại thành phố Huế tuyển 200 sinh viên ngành bán dẫn.", "", ["hue"]),
    ("Benh nhan Kon Tum duoc ghep gan thanh cong tai Hue",
     "Benh vien Trung uong Hue vua ghep gan cho mot benh nhan 45 tuoi o Kon Tum.", "", ["hue"]),
    ("Hanoi developer to build $500 million eco-township in former Hoa Binh",
     "The 350-hectare project is in Luong Son, Phu Tho Province.", "", ["phu-tho"]),
    ("Thai Binh Shoes expands factory in former Binh Duong",
     "The footwear exporter opened a new line at its factory in Di An, Ho Chi Minh City.", "", ["ho-chi-minh"]),
    ("Tay Ninh launches free buses for students commuting to HCMC",
     "Buses run from Tan An and Ben Luc for 3,000 students of the former Long An Province.", "", ["tay-ninh"]),
    # The long set's misses: an interview's places come up in talk, and one opening mention does not
    # make it that place's (guard: an interview whose title names the place); the one place a story
    # gives is a person's home in brackets where it opens (guard: a hospital's seat in brackets after
    # the doctor who speaks for it).
    ("Nhà thơ Thận Nhiên ở lại cùng 'Tổ quốc'", "",
     "Nhà thơ đang có ý định sống hẳn trong nước.\n- Anh có mặt ở Sài Gòn đã lâu, ý định ở lại là thật?\n"
     "- Là thật. Tôi kiếm sống bằng nghề dịch.\n- Anh có định viết tiếp không?\n- Có chứ.", []),
    ("Đà Nẵng sẽ mở thêm tuyến xe buýt ven biển", "",
     "Giám đốc Sở Xây dựng trả lời phỏng vấn.\n- Khi nào tuyến mới chạy?\n- Từ tháng 6.\n- Giá vé ra sao?\n"
     "- Giữ nguyên.", ["da-nang"]),
    ("Chồng cắt cổ vợ ngay giữa cánh đồng lúa", "",
     "Thủ phạm giết chị Đặng Thị Lệ (25 tuổi, huyện Tây Sơn, Bình Định) chính là người chồng. Sự việc xảy "
     "ra chiều 27/4 khi chị Lệ đang làm việc ngoài đồng.", ["gia-lai"]),
    ("Bác sĩ cảnh báo ngộ độc nấm dại mùa mưa",
     "ThS.BS Lê Văn Thắng, Trung tâm Chống độc Bệnh viện Bạch Mai (Hà Nội), khuyến cáo không hái nấm hoang.",
     "", []),
    # S: a lawyer's bar is no place; a resort named brand-then-city stands in it.
    ("Luật sư bắt đầu tiếp cận hồ sơ vụ án", "",
     "Phó chủ nhiệm Đoàn Luật sư Hà Nội Nguyễn Huy Thiệp được cấp giấy chứng nhận bào chữa cho bị can.", []),
    ("Hội nghị APEC về kiểm soát dịch bệnh khai mạc", "",
     "Sáng nay, tại khu nghỉ mát Furama Đà Nẵng, hội nghị cấp Bộ trưởng đầu tiên của APEC 2006 nhóm họp.",
     ["da-nang"]),
    # BI: a regional court of appeal where it sits; a distance's far reference point (guard: a village
    # "cách trung tâm Phan Rang khoảng 10 km" is Phan Rang's); a fishing ground; a coach line's ends
    # when it burns elsewhere; "fake Buon Ma Thuot coffee"; "from" before a verb is no route.
    ("Tòa cấp cao tại Đà Nẵng y án tử hình kẻ sát hại hai người ở Ea Kar",
     "TAND cấp cao tại Đà Nẵng tuyên y án tử hình bị cáo trong vụ sát hại vợ chồng chủ vườn cà phê ở Đắk Lắk.",
     "", ["dak-lak"]),
    ("Appeals court in HCMC upholds death sentence for Long An drug trafficker",
     "The High People's Court in Ho Chi Minh City upheld the sentence for trafficking heroin through Long An.",
     "", ["tay-ninh"]),
    ("Áp thấp nhiệt đới trên Biển Đông có thể mạnh lên thành bão",
     "Tâm áp thấp cách quần đảo Hoàng Sa khoảng 300 km về phía Đông Đông Nam, sức gió mạnh cấp 7.", "", []),
    ("Làng gốm Bàu Trúc đỏ lửa ngày giáp Tết", "Phụ nữ Chăm vẫn nặn gốm bằng tay.",
     "Làng nằm cạnh quốc lộ 1, cách trung tâm Phan Rang khoảng 10 km.", ["khanh-hoa"]),
    ("Cứu 7 ngư dân Quảng Ngãi gặp nạn khi đánh bắt ở ngư trường Hoàng Sa",
     "Tàu cá của ngư dân xã Bình Sơn, tỉnh Quảng Ngãi bị sóng đánh vỡ; 7 thuyền viên được cứu.", "", ["quang-ngai"]),
    ("Xe khach Sai Gon - Buon Ma Thuot chay rui tren quoc lo 14",
     "Xe khach giuong nam boc chay tren quoc lo 14 doan qua Chon Thanh, tinh Dong Nai; 30 hanh khach thoat nan.",
     "", ["dong-nai"]),
    ("Police seize fake Buon Ma Thuot coffee at Hanoi warehouse",
     "Market inspectors seized 8 tons of ground coffee at a warehouse in Hanoi's Thanh Tri area.", "", ["ha-noi"]),
    ("Vietnamese man jailed in UK over cannabis farm",
     "A 24-year-old man from Nghe An Province has been sentenced to 20 months in prison by a court in Birmingham.",
     "", []),
    # BH: the stadium of a home win; the other side of a match, "win over Hai Phong", "tiếp Hải Phòng";
    # "the 'new Nha Trang'"; a coach "chở khách đi Sa Pa"; Cát Tiên National Park is Đồng Nai's.
    ("Thép Xanh Nam Định giành trọn ba điểm trên sân Thiên Trường",
     "Pha đánh đầu phút 78 giúp đội bóng thành Nam thắng 1-0 ở vòng 5 V.League, vươn lên đầu bảng.", "",
     ["ninh-binh"]),
    ("Song Lam Nghe An snap losing run with win over Hai Phong",
     "Song Lam Nghe An beat visitors Hai Phong FC 2-1 at Vinh Stadium, said the coach.", "", ["nghe-an"]),
    ("Quy Nhon, the 'new Nha Trang', draws surfers",
     "Quy Nhon in Gia Lai Province has become a magnet for surfers along Bai Xep.", "", ["gia-lai"]),
    ("Xe giường nằm chở du khách đi Sa Pa gặp nạn, 5 người bị thương",
     "Xe khách va chạm với xe tải trên cao tốc, đoạn qua địa phận tỉnh Phú Thọ.", "", ["phu-tho"]),
    ("Rescued pangolins released into Cat Tien National Park",
     "Twenty pangolins seized from traffickers were released into the park on Friday.", "", ["dong-nai"]),
])
def test_about_rules_from_blind_batches(title, lead, body, want):
    assert sorted(about(title, lead, body)) == sorted(want)




def test_hand_written_cases():
    """`places_cases.jsonl`: short texts written by readers who saw only the task (a one-page brief
    and the list of units), never the rules — 90 per batch, 50 Vietnamese (15 without marks) and 40
    English. Each batch was measured blind first, then read to write rules: H before any (41/50
    Vietnamese, 31/40 English exact), I after H's rules (40/50, 35/40), J after I's (42/50, 31/40:
    precision 0.854 and 0.757, recall 0.976 and 1.000), K after J's (44/50, 37/40: precision 0.870 and
    0.889; and 45/50, 0.909, with the rules then being written from J's last misses), L after K's
    (49/50 and 33/40: precision 0.977 and 0.833; the rules as they stood before K: 48/50, 30/40), N
    after L's, 50 and 50 (46/50 and 44/50: precision 0.918 and 0.886; before K: 46/50, 41/50), Q after
    N's, 50 and 50 (48/50 and 42/50: precision 0.955 and 0.827; before K: 45/50, 42/50), R after Q's,
    50 and 50 (48/50 and 38/50: precision 0.955 and 0.735; before K: 46/50, 36/50), T after R's, 50
    and 50 (47/50 and 49/50: precision 0.927 and 0.973; before K: 41/50, 38/50). Then four batches
    written at once and measured in turn, each with the rules its predecessors' misses gave: X (50
    and 50; 47/50 and 50/50: precision 0.938 and 1.000), W (47/50 and 45/50: 0.955 and 0.884), U
    (46/50 and 42/50: 0.886 and 0.792) and V, longer wire copy with datelines and quotes (45/50 and
    45/50: 0.922 and 0.896); recall 0.975–1.000. Then three more: AB, the portal's mix of
    diplomacy, foreign news and national events, after V's rules (43/50 and 45/50: 0.815 and
    0.828), and after AB's, Y, provincial papers' local news (48/49 and 46/48: 0.980 and 0.955),
    and Z, travel and culture features (41/47 and 41/50: 0.896 and 0.836); after Z's, AA (traps:
    nicknames, brands, works, look-alikes; 39/48 and 44/48: 0.842 and 0.902), AD (everyday news,
    mostly without marks; 46/50 and 43/49: 0.909 and 0.891), AE (business; 43/49 and 45/50: 0.905
    and 0.870), and, after part of their rules, AF (long copy; 41/45 and 48/50: 0.913 and 0.978);
    after AF's, AI (government and administration; 50/50 and 47/50: 1.000 and 0.915), then AG (a
    week's mix; 44/47 and 46/50: 0.925 and 0.919) and AH (foreign wires on Vietnam; 45/49 and 45/50:
    0.941 and 0.919). Then, with the rules frozen, AJ (general; 42/43 and 45/46) and AK (a portal's
    mix; 47/47 and 47/49) as a held-out check: 181/185, precision 0.975, recall 1.000; then AL (feature
    sections: heritage, people, products, travel, video; 44/50 and 45/49: 0.882 and 0.898) and AM
    (several places, only some the news; 45/49 and 48/50: 0.925 and 0.956); after their rules, AN
    (everyday briefs full of look-alike names; 50/50 and 49/50: 1.000 and 0.979) and AO (economy,
    environment, science; 41/50 and 48/50: 0.833 and 0.930); after theirs, AQ (sport and
    entertainment; 46/50 and 45/49: 0.881 and 0.872) and, after AQ's, AP (the political system;
    47/50 and 45/50: 0.923 and 0.889); after AP's, AR (health, education, society; 41/50 and 47/50:
    0.848 and 0.936) and AS (a day of the portal's nine sections; 47/50 and 44/48: 0.957 and
    0.927). Then, with the rules frozen, AT (a portal's partner outlets; 47/50 and 46/47) and AU
    (what readers abroad see; 43/47 and 45/48) as a held-out check: 181/192, precision 0.939,
    recall 0.994. After the rules from the long batches J and K, frozen again, AW (local news from the
    merged provinces, named by their former provinces and towns; 43/49 and 43/48) and AX (the figure,
    video and business sections: people and firms named after places; 42/50 and 43/50): 171/197, precision 0.840,
    recall 0.994 — well below AT and AU. Rules from their misses since (a person's "-raised" home
    and "home city of"; people named by their home before they act elsewhere, "Two Hanoi teenagers
    drown at Sam Son Beach"; "Hanoi – Hai Phong Expressway" capitalised; "including those to
    Hanoi"; "close the gap with Hanoi"; U23 football; an origin's province in brackets, "quê Lục
    Ngạn (Bắc Giang)"): 180/197. After the rules from the long batches L, M and N, frozen again, AZ
    (an ordinary day of a portal's nine sections; 40/49 and 47/50: 0.848 and 0.909) and BA (Hà Nội
    and TP.HCM, the city's own news against the city named in national news; 41/49 and 41/50: 0.784
    and 0.755): 169/198, precision 0.820, recall 0.976 — BA, written to tell the two cities' news from
    their names, the lowest yet. Rules from their misses since (the two cities named as a pair under a
    title naming no place are where the country's news is measured, "giá vàng tại Hà Nội và TP.HCM";
    an institution named by what it is for, "Hospital for Tropical Diseases in Ho Chi Minh City"; a
    hideout, "lẩn trốn ở TP.HCM"; a group named by its home whose sentence takes it elsewhere,
    "sinh viên Hà Nội … ở Nghệ An"; an expressway's ends in a title naming its province; "bám sát",
    "gấp đôi" comparisons; then the naming batch AZ's): 183/198. Frozen again after the long batch O,
    BB (a foreign reader's week: travel, food, investment, infrastructure, weather, sport; 43/46 and
    42/46: 0.973 and 0.867) and BC (the political system and administration after the 2025 merger;
    45/50 and 45/49: 0.891 and 0.911): 175/191, precision 0.908, recall 0.981. Rules from their misses
    since (the capital where a minister's visit or a delegation is received, "visit to Hanoi",
    "received a delegation … in Hanoi"; "out of Hanoi"; "ten times the size of Hung Yen"): 179/191.
    Frozen again after the long batch P, BD (provincial papers' daily copy; 46/49 and 42/49: 0.939
    and 0.796) and BE (agencies' copy with datelines; 46/49 and 42/50: 0.929 and 0.822): 176/197,
    precision 0.868, recall 0.988 — English the weaker again (0.808). After the naming batch BB's
    additions ("Hanoi Highway" is TP.HCM's Xa lộ Hà Nội; a firm or investor named by its home city
    acting elsewhere): 178/197. Frozen again after the long batch Q, BF (business and economy:
    firms, brands and projects named after places; 43/46 and 43/49: 0.927 and 0.818) and BG (health,
    education and society: big-city hospitals and schools; 43/49 and 43/49: 0.860 and 0.860):
    172/193, precision 0.865, recall 0.980. Rules from their misses since (a label or a name given
    after a place, "dán nhãn 'đặc sản Bến Tre'", "named after its birthplace Soc Trang"; a school named
    after one city standing in another; a firm or a school the lead names, met in the title; a patient
    named by home, treated elsewhere; a list a road runs through; "in former Hoa Binh"; "commuting
    to"; then the long batch R's, weather named by the ends of its stretch): 183/193. Frozen again after
    the long batch S, BI (crime, courts, accidents, disasters, weather; 40/49 and 45/50: 0.827 and
    0.900): 85/99, precision 0.863, recall 0.989. Rules from its misses since (a regional court of
    appeal where it sits, "Tòa cấp cao tại Đà Nẵng"; a distance's far reference point, "cách quần đảo
    Hoàng Sa khoảng 300 km"; a fishing ground; a burning coach's line; "fake Buon Ma Thuot coffee";
    "from" before a verb, "a man from Nghe An has been sentenced to…", is no route): 93/99. Frozen
    again after the long batch T, BH (sport, culture, entertainment, travel; 40/49 and 41/48: 0.780
    and 0.796): 81/97, precision 0.788, recall 0.940 — the lowest yet. Rules from its misses since
    (the Thiên Trường stadium; the other side of a match, "win over Hai Phong", "tiếp Hải Phòng";
    "the 'new Nha Trang'"; a coach "chở khách đi Sa Pa"; Cát Tiên National Park is Đồng Nai's): 85/97.
    The long set's rules since (a ministry's meeting in the capital, a delegate's province, an expert's
    workplace, a second place beside a headline's) left four wrong places fewer and one right one fewer.
    Frozen again after the long batches U and V, BJ (people in the news: delegates, experts, students,
    athletes, patients, named by home, school, club or workplace; 41/50 and 39/50: 0.822 and 0.800):
    80/100, precision 0.811, recall 0.963. Rules from its misses since (English people named by home
    whom the sentence takes elsewhere or the country honours, "Hai Duong man … saved in Hanoi", "Da Nang
    striker earns first national team call-up"; "of the University of Can Tho"; "Hanoi cardiologist
    warns"; "Chuyên gia Viện Pasteur Nha Trang:"; "đoàn công tác Quảng Ninh"; "Hanoi deputy"; a
    national honour's ceremony in the capital): 89/100. All 4,672: 4,496 exact, precision 0.958,
    recall 0.989. Titles a batch shared with an earlier one were dropped (three of
    Y's, three of Z's, 12 of AA–AF's, four of AG–AI's, 15 of AJ–AK's, two of AL–AM's, one of
    AP–AQ's, two of AR–AS's, eight of AT–AU's, three of AW–AX's, two of AZ–BA's, nine of BB–BC's, three of BD–BE's, seven of BF–BG's, one of BI's, three of BH's, none of BJ's). What is left is judgement (a home town or a school named once, a firm's residence, a brand
    spelled like the city: "Dalat Hasfarm") more than a missing rule."""
    cases = data.cases()
    assert len(cases) == 4672
    texts = {i: (c["title"], c["lead"], c["body"]) for i, c in enumerate(cases)}
    for case, i in zip(cases, texts):
        case["ref"] = i
    precision, recall, wrong = score(cases, texts, about)
    exact = len(cases) - len(wrong)
    batches = sorted({c["batch"] for c in cases}, key=lambda b: (len(b), b))
    by_batch = {b: score([c for c in cases if c["batch"] == b], texts, about)[:2] for b in batches}
    print(f"\nhand-written cases: {exact}/{len(cases)} exact, P {precision:.3f} R {recall:.3f}; by batch {by_batch}")
    assert exact >= 4470 and precision >= 0.955 and recall >= 0.985, wrong
