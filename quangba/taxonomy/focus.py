"""Which places an article is *about*, as against the ones it only mentions.

Pure library (no Django). A Local page lists the articles about its place: the festival in Huế,
the crash on a road in Đồng Nai. An article that names Hà Nội as a minister's venue, a
company's seat, a reader's home town or one province among twelve is not about it.

Each place collects weight from its mentions (``places.PlaceMention``), by where they stand and
what stands around them:

* where: the title weighs most, then the lead, then the opening of the body (the dateline and
  first sentences, where the news says where it happens); later mentions add a little each, up
  to a cap, so a place discussed throughout counts and a place named once in passing does not;
* around: a mention weighs nothing when it names an origin, a residence, a seat or a
  delegation (after "quê", "đến từ", "trú tại", "trụ sở tại", "đại biểu", "du khách", "trồng ở",
  "native of", "based in", "left", "grown in"…, before "tourists"; "hoa từ Đà Lạt", "traders from
  Hanoi", "từ sân bay Nội Bài", though "từ Hà Nội đến Huế" is a route), a comparison ("lạnh hơn
  cả Sa Pa", "longer than Hanoi's"), a span of provinces ("nine provinces from Thanh Hoa to Khanh
  Hoa"), the capital as the venue of national business (the National Assembly, the Government, a
  ministry meeting "tại Hà Nội", or "in Hanoi" under such a headline) or standing for the
  government ("Hanoi protests…"), something else by a place's name (in quotes: a nickname, a
  ship: Dũng “Huế”, tàu "Cần Giờ"; a firm named so: "công ty Thanh Hoa"; a newspaper or a club:
  "Báo Tuổi Trẻ Thành phố Hồ Chí Minh", "theo báo Hà Nội Mới", "CLB Hà Nội" (a dish, "bún bò
  Huế", the gazetteer drops); in Vietnamese text, a word of more than one syllable before or after it, a brand:
  "khách sạn Melia Hà Nội", "Đồng Nai Express"; a club or an organisation whose short name
  follows: "Hà Nội FC", "… Hà Nội (Habeco)", "Sài Gòn – Hà Nội (SHB)"), a residence or a firm's
  address (in brackets after a person or a firm: "chị Hạnh (Hà Nội)"), or one item of a list of
  three or more places in the lead or the body ("Hà Nội, Cần Thơ, Cà Mau, Đồng Tháp…", "Con Cuông
  40,8 độ, Hà Nội 39 độ…"; a list in the title names what the article is about). A name joined by
  "và", "and" or a comma to an origin is an origin too ("du khách từ Hà Nội và TP.HCM"). Also in
  passing: a nickname likening one place to another ("Đà Lạt thu nhỏ", "dubbed 'the next Da
  Nang'"), a club after its sponsor in a football story ("Công an Hà Nội"), where goods are bound
  ("shipped to HCMC"), a place given as an example under a national headline with no place in it
  ("như Đồng Nai và Khánh Hòa"), an English brand ("Saigon Beer"), a name the title gives a firm,
  met bare later; outside the title, a
  delegation ("the Ha Tinh delegation"), produce by its origin ("Phu Quoc pepper", "nước mắm Phú
  Quốc"), a person's institution in English ("Dr. Long of Hanoi's Bach Mai Hospital", "at Cho Ray
  Hospital in HCMC") or where they grew up ("grew up in a village in Thanh Hoa"), the capital beside
  a foreign capital ("Hanoi and Tokyo agreed…"), a place after an origin's "in" ("from Tan Son Nhat
  in HCMC"), and under a national headline the dateline ("HA NOI - Bộ Y tế…"), a range across the
  country ("from Lam Dong … to the former Dak Nong"), a gathering's place ("told a conference in
  Can Tho") and the airport a team lands at; and there, one opening mention in the body is not
  enough (the strongest place needs ``ABOUT``, not ``ABOUT_FIRST``). A vehicle's route ("a coach
  travelling from Hanoi to Sa Pa") and a line named by its ends ("tuyến TP.HCM – Đà Lạt", "the
  Hanoi–Saigon express train") weigh apart: their ends count only when nothing else does, or, for
  a line, when the title names nothing else ("Can Tho–Ca Mau expressway opens"). A title counting
  places ("Five beach towns…", "7 điểm đến…") and naming none is a round-up.

Also in passing: a reader's signature closing a question ("… không? (Trần Thanh Tùng, An Giang)"), a
lawyer's bar ("Đoàn luật sư Khánh Hòa"), a label or a name given after a place ("dán nhãn 'đặc sản
Bến Tre'", "named after its birthplace Soc Trang", "fake Buon Ma Thuot coffee"), a school named
after one place standing in another ("Phân hiệu Đại học Y Hà Nội tại Thanh Hóa"; met bare in the
title too), a regional court of appeal where it sits, a far distance's reference point ("cách quần
đảo Hoàng Sa khoảng 300 km"), a fishing ground, weather named by the ends of its stretch in a title
("Nắng nóng từ Thanh Hóa đến Huế"), a ministry's meeting in the capital ("do Bộ Y tế tổ chức … tại
Hà Nội"), a delegate's province or a home town in a person's brackets ("Đại biểu Đặng Ngọc Tùng (TP
HCM)", "(46 tuổi, quê Hòa Bình)"), an expert quoted by workplace ("Theo một bác sĩ thuộc Trung tâm
Dinh dưỡng TP HCM"), a player's club in brackets in a football story ("thủ môn Văn Hạnh (HA Gia
Lai)"), a student's school in brackets ("(Đại học Bách khoa Hà Nội)"). Beside a place the headline
names, another needs more than an opening mention and one more. Any city where a national body meets
is its venue ("Ngày 28/6, tại Đà Nẵng, VKSND tối cao đã họp…"), as is a review meeting's and a
national gathering's told place first ("tại TP Hồ Chí Minh đã diễn ra hội nghị … do Cục Quản lý dược
tổ chức"); a ship named after a place ("tàu Cần Giờ") and a delegate "of" a province are passing, as
are, in English, people named by home whom the sentence takes elsewhere or the country honours ("Hai
Duong man … saved in Hanoi", "Da Nang striker earns first national team call-up"), "Hanoi deputy",
"Hanoi cardiologist warns" and "of the University of Can Tho", and a title quoting an expert by
workplace ("Chuyên gia Viện Pasteur Nha Trang: …"). An interview (its questions on their own lines
after a dash) needs more than one opening mention, as a national headline does; and where the one
place an article gives is a person's home in brackets where it opens ("chị Lệ (25 tuổi, huyện Tây
Sơn, Bình Định)"), the story happens there.

A place is about the article when its weight reaches ``ABOUT`` and a good share of the
strongest place's (``SHARE``); the strongest place needs only ``ABOUT_FIRST`` (an article that
names one place, once, where it opens is about that place); an article where more than
``LISTING`` places qualify, or where as many have weight and the strongest holds less than
``ROUND_UP`` of it all, none in its title or lead, is a round-up, about none.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from quangba.core.text import fold, fold_aligned

from .places import PlaceMention, Province, gazetteer

TITLE, LEAD, OPENING, LATER, LATER_CAP = 3.0, 2.0, 1.5, 0.5, 2.0
OPENING_CHARS = 400  # the dateline and first sentences of the body
ABOUT = 2.0  # weight that makes a place what the article is about
ABOUT_FIRST = OPENING  # … or the strongest place's
SHARE = 0.5  # … if it is at least this share of the strongest place's
LISTING = 4  # more places than this and none in title or lead: a round-up
ROUND_UP = 0.3  # … as is one naming this many places, the strongest with less than this share

# Words right before a name that make it someone's origin or something's seat, folded.
_ORIGIN = [fold(w).lower() for w in (
    "quê", "quê quán", "quê ở", "quê hương", "quê nhà", "người con", "sinh ra ở", "sinh ra tại", "sinh tại",
    "trú tại", "trú ở", "cư trú tại", "đại biểu", "đoàn đại biểu", "đại biểu đoàn", "ĐBQH",
    "đoàn ĐBQH", "Quốc hội đoàn", "ĐBQH đoàn", "delegate", "deputy",
    "đến từ", "trụ sở tại", "trụ sở ở", "trụ sở chính tại", "đóng trụ sở tại", "có trụ sở tại",
    "du khách", "khách du lịch", "đoàn khách", "trồng ở", "trồng tại", "sản xuất tại", "sản xuất ở",
    "native of", "born in", "based in", "headquartered in", "hometown of", "home town of", "home city of",
    "home province of", "left", "grew up in",
    "raised in", "grown in", "produced in", "made in", "có tên", "thương hiệu",
    "founded in", "established in",
    "departed", "departs", "departing",
    "thành lập tại", "thành lập ở", "chàng trai", "cô gái", "tờ báo ở", "tờ báo tại", "nhóm bạn trẻ",
    "nhóm bạn trẻ ở", "đoàn công tác")]
# A battle named after its place is history told elsewhere: "the siege of Dien Bien Phu", "trận Điện Biên Phủ"
# (read with its marks: "đền Trần Nam Định" is a temple).
_BATTLE_BEFORE = re.compile(r"(?:^|\W)(?:siege of|battle of|the battle at|trận|trận đánh|chiến dịch|tran danh|"
                            r"chien dich)\W*$")
# A ship named after a place: "bảo lãnh tàu Cần Giờ" (read with its marks: "tau" is many words).
_SHIP_BEFORE = re.compile(r"(?:^|\W)(?:tàu|con tàu|chiếc tàu|Tàu)[^\S\n]+$")
# A clock named by its city: "19h Hà Nội", "(giờ Hà Nội)", "7pm Hanoi time".
_TIME_BEFORE = re.compile(r"(?:\d{1,2}[^\S\n]*(?:h|g|giờ)(?:[^\S\n]*\d{2})?|\b[Gg]iờ)[^\S\n]*$")
_TIME_AFTER = re.compile(r"[^\S\n]+time\b")
# Read with their marks ("gốc Huế": of Huế origin, "một góc Hà Nội" is a corner of it; "rời Huế": left).
_ORIGIN_MARKED = re.compile(r"(?:^|\W)(?:gốc|rời|rời khỏi)\W*$")
# "ngụ ở" (lives in), written with or without marks; "cầu ngư ở Quảng Ngãi" is a fishermen's rite there.
_RESIDES = re.compile(r"(?:^|\W)ng(?:ụ|u) (?:tại|ở|tai|o)\W*$")
# A firm's seat: "whose main factory is in Hai Phong", "ships beans from its roastery back home in Hanoi".
_SEAT_NEAR = re.compile(r"\bwhose\b[^.\n]{0,20}\b(?:factory|factories|plants?|headquarters|head office|base)\b"
                        r"[^.\n]{0,15}\b(?:in|are in|is in)\W*$|\bback home in\W*$")
# "grew up in a fishing village in Nghe An", "sinh ra trong một gia đình nông dân ở Nghệ An".
_ORIGIN_NEAR = re.compile(r"\b(?:grew up|(?<!-)born|raised|sinh ra|sinh nam \d{4}|lon len)\b[^.\n]{0,40}"
                          r"\b(?:in|o|tai)\W*$")
_ORIGIN_BEFORE = re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in sorted(_ORIGIN, key=len, reverse=True))
                            + r")\W*$")
# "Hanoi-based", "Hà Nội-born", and "Hanoi tourists": people away from home.
_ORIGIN_AFTER = re.compile(r"^(?:-(?:based|born|raised|reared|bred|headquartered|bound|brand|branded)|"
                           r"\s+(?:tourists|visitors|travell?ers|holidaymakers|"
                           r"(?:tourist|visitor|travell?er|holidaymaker)(?!\s+(?:loops?|areas?|sites?|routes?|spots?|"
                           r"attractions?|destinations?|zones?|towns?|seasons?|trails?|hubs?|police|boats?|buses|"
                           r"centres?|centers?|numbers?|arrivals?))|"
                           r"pilgrims?|holiday-makers?|delegation|delegates?|deputies|deputy|lawmakers?|native|expats?)\b)")
# A group named by its home before it acts somewhere else: "Saigon motorbike club delivers flood aid
# in Quang Binh", "Hanoi volunteers rebuild homes in Quang Ngai".
_GROUP_AFTER = re.compile(r"^[^\S\n]+(?:(?:motorbike|cycling|running|football|charity|volunteer|youth)[^\S\n]+)?"
                          r"(?:club|volunteers|students|doctors|medics|nurses|charity|artists|musicians|bikers|"
                          r"cyclists|runners|riders|youths|teachers|engineers|teenagers|teens|boys|girls|"
                          r"migrants?|workers|pianist|singer|painter|athletes?|fishermen|farmers|families|"
                          r"couple|tourists|developer|developers|firm|firms|company|companies|investor|investors|"
                          r"builder|contractor|man|woman|girl|boy|choir|troupe|band|doctor|surgeon|nurse|"
                          r"lecturer|teacher|student|scientist|researcher|striker|midfielder|defender|goalkeeper|"
                          r"artist|potter)\b")
# … or honoured by the country: "Da Nang lecturer wins national prize", "Can Tho surgeon among 10
# outstanding young Vietnamese", "Da Nang striker earns first national team call-up".
_NATIONAL_HONOUR = re.compile(r"\b(?:national (?:prize|award|team)|call-up|outstanding young|hero of labour|"
                              r"giai thuong|doi tuyen quoc gia|vinh danh)")
_ELSEWHERE = re.compile(r"\b(?:in|to|at|for)[^\S\n]+(?:the[^\S\n]+)?(?:former[^\S\n]+)?(?=[A-Z])")
# Produce by its origin, outside the title: "Phu Quoc pepper", "Binh Thuan dragon fruit", "cà phê
# Buôn Ma Thuột", "nước mắm Phú Quốc" (in the title the produce may be the news: "Ca Mau crab prices").
_PRODUCE_AFTER = re.compile(r"^[^\S\n]+(?:pepper|coffee|tea|lychees?|longans?|dragon fruit|coconut|candy|rice|"
                            r"fish sauce|mangoe?s?|durians?|pomelos?|oranges?|honey|cinnamon|cashews?|silk|"
                            r"brocade|pottery|ceramics|wine|noodles|sausages?|oysters?|crabs?|shrimps?)\b")
_PRODUCE_BEFORE = re.compile(r"(?:^|\s)(?:cà phê|nước mắm|vải thiều|vải|nhãn lồng|nhãn|chè|trà|gạo|hồ tiêu|tiêu|"
                             r"bưởi|xoài|thanh long|mật ong|quế|hạt điều|sầu riêng|lụa|thổ cẩm|cam|nho|"
                             r"ca phe|nuoc mam|vai thieu|nhan long|gao|ho tieu|buoi|xoai|mat ong|hat dieu|"
                             r"sau rieng|tho cam|xà lách|xa lach|dâu tây|dau tay|atiso|rau|hoa hồi|hoa hoi|"
                             r"ớt)[^\S\n]+$")
# In English, a person's workplace ("Dr. Tuan of Hanoi's Bach Mai Hospital") or an institution
# named after its city ("Hanoi National University of Education"), outside the title.
_INSTITUTION_AFTER = re.compile(r"(?:['’]s)?(?:[^\S\n]+[A-Z][\w&-]*){0,4}?[^\S\n]+(?:University|College|Institute|"
                                r"Academy|Hospital|Conservatory|Polytechnic)\b")
# … also one named by what it is for or of ("Hospital for Tropical Diseases in", "Vietnam National University, ").
_INSTITUTION_BEFORE = re.compile(r"\b(?:University|College|Institute|Academy|Hospital|Centre|Center|School)"
                                 r"(?:[^\S\n]+(?:for|of)[^\S\n]+(?:[A-Z][\w-]*[^\S\n]+){0,3}[A-Z][\w-]*)?"
                                 r"(?:[^\S\n]+in[^\S\n]+|,[^\S\n]*)$|"
                                 r"\b(?:University|College|Institute|Academy|Hospital)[^\S\n]+of[^\S\n]+$")
# Where someone hides or flees to is no news of its own: "lẩn trốn ở TP.HCM", "found hiding in Tay Ninh".
# (bare "trốn" only right before "ở", "vào"…: folded, "tron" is also "tròn", "trọn").
_HIDEOUT = re.compile(r"(?:^|\W)(?:(?:lan tron|bo tron|an nau|an nap|hiding|hid|hides|fled|fleeing|on the run)"
                      r"\W+(?:[a-z]+\W+){0,4}?|tron\W+)(?:o|tai|vao|ra|len|in|at|to)\W*$")
# A group named by its home ("sinh viên Hà Nội", "ca sĩ TP.HCM") where the sentence takes it elsewhere
# ("… lên đường tình nguyện ở Nghệ An"): where it comes from (see `_GROUP_AFTER` for English).
_GROUP_BEFORE_VI = re.compile(r"(?:^|\W)(?:sinh vien|hoc sinh|tinh nguyen vien|doan vien|thanh nien|y bac si|bac si|"
                              r"nghe si|ca si|van dong vien|cau thu|doan|nhom|benh nhan|nguoi benh|san phu)\W*$")
_ELSEWHERE_VI = re.compile(r"\b(?:o|tai|ve|len|xuong|vao|ra|den|toi)\b\W+")
_AFFILIATED = re.compile(r"\b(?:dr|doctors?|professors?|prof|lecturers?|researchers?|experts?|scientists?|students?|"
                         r"graduated?|attended|studied|teaches|taught|works|worked)\b", re.IGNORECASE)
# The tail of a name: a club ("Hà Nội FC") or an organisation whose short name follows in
# brackets ("… Hà Nội (Habeco)", "Đại học Quốc gia Hà Nội (ĐHQGHN)").
_NAME_AFTER = re.compile(r"(?:\s+(?:FC|Club)\b|\s+F\.C\.(?!\w)|((?:[^\S\n]+[A-ZÀ-ỸĐ]\w*){0,3})\s*"
                         r"\(([A-ZĐ][\w.&-]{1,15})\)(?!\s*[-–—:]))")
# Brackets after a place that are no organisation's short name: news agencies' and outlets' tags
# ("Hà Nội (TTXVN)"), and the place's own abbreviations ("Mê Linh (HN)").
_TAGS = {"TTXVN", "VNA", "NLĐ", "NLĐO", "TTO", "TN", "VNE", "PLO", "PV", "VTV", "VTC", "AFP", "AP", "Reuters",
         "Xinhua", "HN", "HCM", "HCMC", "SG", "TPHCM"}
# National business in the capital: the capital is the venue, not the subject.
_MINISTRIES = (r"bo (?:y te|cong an|tai chinh|cong thuong|gd|giao duc|nn&ptnt|nong nghiep|ngoai giao|"
               r"quoc phong|xay dung|gtvt|giao thong|tai nguyen|tu phap|noi vu|ld-tb&xh|lao dong|"
               r"vh-tt|van hoa|khoa hoc|ke hoach|thong tin|tt&tt|kh&cn|kh-dt)")
_NATIONAL = re.compile(r"\b(?:quoc hoi|chinh phu|thu tuong|chu tich nuoc|trung uong|bo chinh tri|ban bi thu|"
                       r"toan quoc|ca nuoc|bo truong|national assembly|government|prime minister|politburo|"
                       r"nationwide|ministry|minister|lawmakers|legislators|parliament|cabinet|" + _MINISTRIES + r")\b|"
                       r"\b(?:vietnam|viet nam)\b[^.\n]{0,60}\b(?:forum|summit|conference|dialogue|expo|meeting|talks|"
                       r"trade pact|agreement)\b")
# Any city where a national body meets: "Ngày 28/6, tại Đà Nẵng, VKSND tối cao đã họp…".
_NATIONAL_MEETS = re.compile(r"\W*,\W*(?:" + _MINISTRIES + r"|vksnd toi cao|tand toi cao|"
                             r"vien kiem sat nhan dan toi cao|toa an nhan dan toi cao|chinh phu|quoc hoi|"
                             r"uy ban thuong vu quoc hoi|thu tuong|ban chi dao trung uong|trung uong|"
                             r"(?:uy ban|hiep hoi|hoi|tong cuc|cuc|tong cong ty|tap doan)\b[^,.\n]{0,30}"
                             r"\b(?:viet nam|vn|quoc gia))\b[^.\n]{0,40}?\b(?:hop|hoi nghi|to chuc|tong ket|"
                             r"so ket|trien khai)\b")
# … and a national gathering told place first: "tại TP Hồ Chí Minh đã diễn ra hội nghị … do Cục Quản lý
# dược tổ chức".
_GATHERING_AFTER = re.compile(r"\W*(?:da\W+|se\W+)?(?:dien ra|khai mac|to chuc)\W+(?:hoi nghi|hoi thao|dien dan|"
                              r"cuoc hop|le ky niem|le trao)\b")
_NATIONAL_ORGANISER = re.compile(r"\b(?:cuc|tong cuc|" + _MINISTRIES + r"|toan quoc|ca nuoc|trung uong|chinh phu|"
                                 r"viet nam)\b")
# "Hanoi protests…", "Hanoi says…": the capital standing for the government (English).
_GOVERNMENT_VERB = re.compile(r"^\s+(?:protests|protested|urges|urged|demands|demanded|rejects|rejected|"
                              r"condemns|condemned|welcomes|welcomed|says|said|slams|warns|warned|vows|denies|"
                              r"denied|calls on|told|tells|has told|has urged|has asked|has rejected|has protested|"
                              r"insists|insisted)\b")
# Two capitals standing for their governments: "Hanoi and Washington", "Hà Nội – Bắc Kinh".
_FOREIGN_CAPITALS = ("Washington", "Beijing", "Bắc Kinh", "Tokyo", "Seoul", "Moscow", "Mát-xcơ-va", "Matxcova",
                     "Paris", "London", "Canberra", "Bangkok", "Vientiane", "Viêng Chăn", "Phnom Penh", "Phnôm Pênh",
                     "Manila", "Jakarta", "Kuala Lumpur", "New Delhi", "Berlin", "Brussels", "Ottawa", "Singapore",
                     "Tehran", "Kyiv", "Pyongyang", "Bình Nhưỡng", "Havana")
# After the capital as written ("Hanoi and Washington"), before it folded ("Washington and Hanoi").
_CAPITALS = re.compile(r"[^\S\n]*(?:and|và|va|–|-|—|,)[^\S\n]*(?:" + "|".join(
    re.escape(name) for name in _FOREIGN_CAPITALS) + "|" + "|".join(
    re.escape(fold(name)) for name in _FOREIGN_CAPITALS) + r")\b")
_CAPITALS_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(fold(name).lower()) for name in _FOREIGN_CAPITALS)
                              + r")\W+(?:and|va|–|-)\W*$")
# A place listed after a foreign city: "new routes to Bali, Manila and Ho Chi Minh City".
_ABROAD_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(fold(name).lower()) for name in _FOREIGN_CAPITALS)
                            + r")\W*(?:,|\band\b|\bva\b)\W*$")
# Provinces from one to another: a span, neither end the news ("nine provinces from Thanh Hoa to
# Khanh Hoa", "các tỉnh từ Thanh Hóa đến Khánh Hòa").
_SPAN = re.compile(r"(?:provinces|localities|tinh|tinh thanh|dia phuong)\b[^.\n]{0,40}(?:\bfrom|\btu)\W*$")
# … and weather named by the ends of the stretch it covers: "Nắng nóng gay gắt từ Thanh Hóa đến Huế",
# "Heavy rain forecast from Thanh Hoa to Hue", "Bão số 9 ảnh hưởng từ Quảng Ninh đến Khánh Hòa".
_WEATHER = re.compile(r"\b(?:nang nong|mua lon|mua to|mua rao|bao so \d+|bao|ap thap|ret|ret dam|ret hai|gio mua|"
                      r"ngap lut|lu|lu lut|nang|heat|heatwave|rain|rains|storm|typhoon|cold spell|cold snap|"
                      r"flood|floods|flooding|forecast|du bao|thoi tiet|weather)\b")
_BETWEEN = re.compile(r"(?:^|\W)(?:between|giua)\W*$")
# "a drug ring operating from Hai Phong port": where it works, not where it comes from.
_OPERATING_FROM = re.compile(r"\b(?:operating|operated|operates|run|hoat dong)\W+(?:from|tu)\W*$")
_SPAN_GAP = re.compile(r"\s*(?:\bto\b|\bđến\b|\btới\b|\bden\b|\btoi\b|\bđi\b|\bdi\b|–|-)\s*")
_FROM = re.compile(r"(?:^|\W)(?:tu|from|out of)\W*(?:(?:san bay|ben xe|nha ga|ga|the airport|airport|the bus station|"
                   r"bus station|huong|its|their)\W*)?$")
# A comparison: "lạnh hơn cả Sa Pa", "longer than Hanoi's" ("như", "such as" give examples, which in a
# local story are the news: "các quận xa trung tâm như Thủ Đức").
_COMPARED = re.compile(r"(?:^|\W)(?:hon ca|hon|so voi|than|compared with|compared to|modell?ed on|on par with|"
                       r"replicate the model that turned|model that turned|the success of|emulate|replicate|"
                       r"unlike|alternative to|instead of|thay vi|khac voi|"
                       r"sanh ngang|sanh voi|ngang tam|rival|rivals|tiem can|bam duoi|"
                       r"inspired by|theo mo hinh|is not|isn['’]t|similar to (?:the )?capital|hoc tap|hoc theo|"
                       r"hoc hoi|learn from|learns from|"
                       r"tuong tu o|tuong tu tai|similar to|gan ngang|ngang|overtakes?|overtook|than in|"
                       r"than those in|than at|as was done for|as done in|gap with|catch up with|catches up with|"
                       r"approaching levels in|approaching those in|levels seen in"
                       r"|bam sat|gap doi|gap ba|gap \d+ lan|hon mat bang|so voi mat bang|the size of|lon gap|rong gap)"
                       r"\W*(?:(?:vietnam|viet nam)['’]s\W+|the\W+)?$")
# A nickname likening a place to another: "được mệnh danh là Đà Lạt thu nhỏ", "Hạ Long trên cạn",
# "dubbed 'the new Nha Trang'".
_LIKENED = re.compile(r"(?:^|\W)(?:menh danh la|menh danh|vi nhu|vi von la|dubbed|nicknamed|billed as|"
                      r"hailed as|known as)\W*(?:(?:the new|the next|a second|another|the|a)\W+)?$")
# … or in quotes: "to become 'the next Dalat'".
_LIKENED_QUOTED = re.compile(r"['‘\"“](?:the new|the next|a second|another|new|next|mot|moi)[^\S\n]+$")
_LIKENED_AFTER = re.compile(r"^[^\S\n]*(?:thu nho|thu hai|tren can|on land|in miniature|phuong nam|phuong bac|"
                            r"(?:bay[^\S\n]+)?of the (?:south|north|mekong|central highlands|highlands|northwest|west)|"
                            r"cua (?:mien bac|mien trung|mien nam|mien tay|tay nguyen|tay bac)|"
                            r"(?:['’]s\W+[^.\n]{0,30})?as an? (?:model|example|template|blueprint|lesson|warning)|"
                            r"(?:[^.\n]{0,25}?\W)?nhu (?:mot )?(?:bai hoc|vi du|hinh mau|mo hinh|dien hinh))\b")
_AUXILIARY = re.compile(r"\b(?:has|have|had|was|were|is|are|been|will)\b")  # a verb between: no route
_ROUTE = re.compile(r"[^.\n]{0,30}?(?:\bden\b|\bđến\b|\btới\b|\bra\b|\bvào\b|\bto\b|–|-)")
# "tại Hà Nội", or a building in it: "ở Nhà Quốc hội, Hà Nội".
# A vehicle's journey: its route's ends are where it goes, not where the news happens.
_JOURNEY = re.compile(r"\b(?:bus|buses|coach|coaches|trains?|flights?|planes?|trucks?|lorry|lorries|travell?ing|"
                      r"xe khach|xe giuong nam|xe tai|"
                      r"chuyen bay|doan tau|tau hoa|chay tuyen|luu thong)\b")
# "… như Đà Lạt" in a title: a likeness ("Mộc Châu tránh vết xe đổ như Đà Lạt").
_AS_IN = re.compile(r"(?:^|\W)nhu\W*$")
# Where something lies, told from a better-known place: "plants north of Hanoi", "cách Hà Nội 100 km".
_ORIENTATION = re.compile(r"(?:^|\W)(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                          r"(?:ern)? of|km from|kilometres from|kilometers from|miles from|"
                          r"phia (?:bac|nam|dong|tay) (?:cua )?|cach)\W*$")
# A regional court of appeal where it sits ("Tòa cấp cao tại Đà Nẵng y án…", "the appeals court in
# HCMC upheld…"): it hears cases from many provinces; a distance's reference point ("cách quần đảo
# Hoàng Sa khoảng 300 km", "cách Hà Nội 100 km"); a fishing ground named by its islands.
_HIGH_COURT = re.compile(r"(?:\b(?:toa an nhan dan cap cao|tand cap cao|toa cap cao|toa an cap cao|toa phuc tham|"
                         r"high people'?s court|appeals? court|appellate court|court of appeals?)"
                         r"\W+(?:tai|o|in|at)?\W*$)")
_REFERENCE = re.compile(r"(?:^|\W)cach(?:\W+(?:quan dao|dao|trung tam|thanh pho|tp|thi xa|tinh|thu do))?\W*$")
# … far enough to be elsewhere (a village "cách trung tâm Phan Rang khoảng 10 km" is Phan Rang's).
_DISTANCE_AFTER = re.compile(r"^[^\S\n]*(?:khoang|chung|gan|hon|tren|chi|chua day)?[^\S\n]*"
                             r"(?:[5-9]\d|\d{3,}|\d{1,3}\.\d{3})[^\S\n]*(?:km|ki-lo-met|kilomet|cay so|hai ly)\b")
_FISHING_GROUND = re.compile(r"(?:^|\W)ngu truong(?:\W+(?:quan dao|dao))?\W*$")
# A mishap on a line is news of where it happens, not of the line's ends ("Sleeper bus crash on
# Noi Bai – Lao Cai expressway", "Xe khách tuyến Hà Nội - Sơn La lật trên đèo", "… chay rui").
_MISHAP = re.compile(r"\b(?:crash|crashes|crashed|collides|collided|collision|derails|derailed|overturns|overturned|"
                     r"plunges|kills|killed|injures|injured|lat|lao xuong|tai nan|va cham|dam xe|chay xe|bi thuong|"
                     r"ket xe|un tac|sat lo|sat taluy|landslide|traffic jam|"
                     r"tu vong|thiet mang|boc chay|chay rui|bi phat|bi xu phat|cho qua so|caught fire|catches fire|"
                     r"fined|overloaded)\b")
# A named line or route: "tuyến TP.HCM – Đà Lạt", "đường bay Hà Nội – Phú Quốc", "route".
# … or a line named by its ends, then its kind: "Hanoi–Saigon express train", "Hanoi–Lao Cai railway".
_PAIR_LINE = re.compile(r"[^\S\n]*[-–—][^\S\n]*[A-ZÀ-ỸĐ][\w.]*(?:[^\S\n]+[A-ZÀ-ỸĐ][\w.]*){0,3}[^\S\n]+(?i:express|"
                        r"train|route|line|flights?|railway|expressway|highway|bus|coach)\b")
_LINE_BEFORE = re.compile(r"(?:^|\W)(?:tuyen|duong bay|route|line|service|xe khach|xe giuong nam|xe buyt|"
                          r"chuyen bay|chuyen tau|bus|coach|train|flight)\W*$")
# A road or railway named by its ends is the news of a story about it ("cao tốc Tuyên Quang – Phú Thọ
# cần thêm vốn"), not of a crash on it ("lật trên cao tốc Nội Bài – Lào Cai"): the ends are no news then,
# nor in a title naming another place too ("Chủ tịch An Giang kiểm tra cao tốc Châu Đốc – Cần Thơ").
_ROAD_BEFORE = re.compile(r"(?:^|\W)(?:cao toc|duong sat|expressway|railway)\W*$")
# A place's court, police, procuracy or people's committee acting ("TAND TP HCM đã tuyên phạt…",
# "Công an quận Phú Nhuận đến phong tỏa hiện trường") says where the case is, however late it comes.
_AUTHORITY = re.compile(r"\b(?:tand|toa an nhan dan|toa an|cong an|vien kiem sat nhan dan|vien kiem sat|vksnd|"
                        r"co quan dieu tra|canh sat dieu tra|ubnd|uy ban nhan dan)"
                        r"(?:\s+(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa))?\W*$")
# A dateline: the place, maybe an agency's tag, then a dash ("HA NOI -", "HANOI (Reuters) -").
_DATELINE = re.compile(r"[^\S\n]*(?:,[^\S\n]*(?:[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
                       r"[^\S\n]*)?"
                       r"(?:\([^)\n]{1,12}\))?"
                       r"[^\S\n]*[-–—:]")
# A gathering whose place is only its venue when the story is national.
_GATHERING = re.compile(r"\b(?:meeting|conference|press conference|forum|ceremony|summit|workshop|seminar|session|"
                        r"hoi nghi|hop bao|hoi thao|dien dan|le phat dong|le ky|buoi le|phien hop|ky hop|"
                        r"plenum|congress|dai hoi|le trao giai|trao giai|le khai mac|le be mac|match|matches|"
                        r"parade|duyet binh|dieu binh|tran dau)\b")
_VENUE = re.compile(r"(?:^|\W)(?:tai|o|in|at)\W(?:[^.\n]{0,30}\W)?$")
# A foreign leader's visit to the capital, or talks held there: the capital stands for the government.
_DIPLOMACY = re.compile(r"\b(?:talks|state visit|official visit|bilateral|hoi dam|tham chinh thuc|tham cap nha nuoc|"
                        r"foreign minister|delegation|counterpart|(?:minister|president|premier|leader)['’]s visit|"
                        r"working visit|don tiep|tiep don|chuyen tham)\b")
# Streets named in a list: "Hoang Sa, Truong Sa streets" (one alone, "Hue Street", is no place already).
_STREETS_AFTER = re.compile(r"(?:[^\S\n]*(?:,|\band\b)[^\S\n]*[A-Z]\w*(?:[^\S\n]+[A-Z]\w*){0,2})+"
                            r"[^\S\n]+(?:streets|roads)\b")
# A national event's venue given as where it was held: "the training course held in Da Nang".
_HELD_IN = re.compile(r"\b(?:held|hosted|organi[sz]ed|gathered|convened|met|dien ra|to chuc)\W+(?:in|at|tai|o)\W*$")
# A gathering's venue in any story: "Lâm Đồng mời gọi đầu tư tại hội nghị ở Hà Nội".
_AT_END = re.compile(r"(?:^|\W)(?:o|tai|in|at)\W*$")
_AT_GATHERING = re.compile(r"\b(?:hoi nghi|hoi thao|dien dan|hop bao|cuoc hop|phien hop|conference|forum|meeting|"
                           r"summit|workshop|seminar|press briefing|congress)"
                           r"\W+(?:o|tai|in|at)\W*$|"
                           # … or a national one, however long its name: "National conference on
                           # new-style rural development held in Nha Trang", "Hội nghị toàn quốc về … tại".
                           r"\b(?:(?:national|nationwide)\W+(?:[a-z-]+\W+){0,2}?(?:conference|forum|meeting|congress)|"
                           r"(?:hoi nghi|dien dan|dai hoi)\W+(?:toan quoc|quoc gia))\b[^.\n]{0,80}?"
                           r"\b(?:held|hosted|opens|opened|to chuc|dien ra|khai mac)?\W*(?:o|tai|in|at)\W*$|"
                           # … or a review meeting held on a date: "cuộc họp tổng kết … tổ chức ngày 27-12 tại".
                           r"\b(?:cuoc hop|hoi nghi)\W+(?:tong ket|so ket)\b[^.\n]{0,80}?\b(?:to chuc|dien ra)"
                           r"\W+(?:(?:ngay|hom)\W+[\d/-]+\W+)?(?:o|tai)\W*$")
_SENTENCE_END = re.compile(r"[.!?\n]")
# A football story: a place after a club's sponsor or owner names the club ("Công an Hà Nội",
# "Thép Xanh Nam Định", "Sông Lam Nghệ An"), not the city (outside sport "Công an Hà Nội" is its police).
_SPORTS = re.compile(r"\b(?:cau thu|doi tuyen|v-league|v\.league|hlv|tien dao|tien ve|hau ve|thu mon|ghi ban|"
                     r"u(?:1[6-9]|2[0-3])|vong bang|luot tran|cu dup|"
                     r"ban thang|vong loai|footballers?|strikers?|midfielders?|defenders?|goalkeepers?|wingers?|"
                     r"national team|coach|squad|call-up|qualifiers?|asian cup|world cup|aff cup|sea games)\b")
# … and a player's club in brackets after the player's name and role, or after another player's:
# "thủ môn Văn Hạnh (HA Gia Lai)", "Văn Trương (Huế) và Duy Quang (HA Gia Lai)".
_PLAYER_CLUB = re.compile(r"[A-ZÀ-ỸĐ][^\W\d_]*[^\S\n]+[A-ZÀ-ỸĐ][^\W\d_]*[^\S\n]*\((?:[A-Z]{1,4}[^\S\n]+)?$")
_PLAYER_ROLE = re.compile(r"\b(?:thu mon|tien dao|tien ve|hau ve|trung ve|cau thu|tuyen thu|hlv|huan luyen vien|"
                          r"goalkeeper|striker|midfielder|defender|player|coach)\W+$|\)[^\S\n]*(?:,|va|and)[^\S\n]*$")
_CLUB_BEFORE = re.compile(r"(?:^|\W)(?:cong an|the cong|thep xanh|dong a|song lam|hong linh|becamex|shb|lpbank|"
                          r"hoang anh|topenland|quy nhon|xskt|pvf-cand|khatoco|"
                          r"champions|against|beat|beats|vs|versus|win over|wins over|victory over|draw with|"
                          r"drew with|lost to|loses to|lose to|defeat to|beaten by|held by|visitors|hosts)\W*$|"
                          # the other side of a match: "thua 2-3 trước Hải Phòng", "trận gặp Hải Phòng"
                          r"(?:^|\W)(?:thua(?:\W+\d+\W+\d+)?\W+truoc|gap|danh bai|cam hoa|hoa voi|thang|tiep|don)[^\S\n]+$")
# A headline about another country ("Phuket to charge tourists", "Bangkok giảm 20% ùn tắc") is no
# Vietnamese place's either: names too common as words ("Mỹ", "Anh", "Pháp", "Lào") are left out.
_ABROAD_HEAD = r"|".join([
    r"thai lan|nhat ban|han quoc|trung quoc|campuchia|singapore|malaysia|indonesia|philippines?|hoa ky|unesco",
    r"asean|lien hop quoc|thailand|japan|japanese|korean?|china|chinese|cambodian?|laos|malaysian|indonesian",
    r"philippine|india|indian|russian?|france|french|germany|german|britain|british|australian?",
    r"united nations|american|europe|european|phuket|bali|czech|sec|sydney|melbourne|new york|los angeles|osaka",
    r"busan|shanghai|hong kong|taipei|dubai|sri lanka|colombo|california|carolina|texas|florida|nasdaq",
    *(re.escape(fold(name).lower()) for name in _FOREIGN_CAPITALS)])
_NATIONAL_HEAD = re.compile(r"\b(?:quoc hoi|chinh phu|thu tuong|toan quoc|ca nuoc|nationwide|national|quoc gia|"
                            r"vietnam|viet nam|vn|tham chinh thuc|tham cap nha nuoc|communist|youth union|"
                            r"fatherland front|doan thanh nien|mat tran|"
                            r"ministry|minister|government|lawmakers|legislators|cac tinh|dia phuong|provinces|"
                            r"localities|"
                            r"v\.league|v-league|vpf|gia xang|xang dau|fuel prices?|petrol prices?|"
                            r"bac bo|trung bo|nam bo|diem tin|ban tin|news digest|in brief|"
                            r"how to|tips|meo|bi quyet|gdp|cpi|"
                            r"nha nuoc|chu tich nuoc|tong bi thu|trung uong|bo chinh tri|central committee|"
                            r"politburo|plenum|party congress|state visit|official visit|ambassador|dai su|"
                            r"prize|awards?|giai thuong|" + _ABROAD_HEAD + r"|" + _MINISTRIES + r")\b")
# Under a national headline (a ministry, the Government, the whole country, and no place), a place
# given as an example of a rule's reach ("such as", "including", "như", "chẳng hạn") is no news.
_EXAMPLE_BEFORE = re.compile(r"(?:^|\W)(?:nhu|chang han|chang han nhu|vi du|dien hinh|dien hinh nhu|such as|"
                             r"for example|for instance|including|includes|include|like|e\.g|followed by|"
                             r"theo sau la|tiep den la)"
                             r"\W*(?:[a-z]+\W+){0,2}$")  # "including those to Hanoi"
# Airports: in a national story, where people leave from or land ("welcomed home at Noi Bai").
_AIRPORTS = {"noi bai", "tan son nhat", "long thanh", "cam ranh", "phu bai", "cat bi", "van don", "lien khuong",
             "phu cat", "chu lai", "phu quoc international airport"}
_ARRIVAL = re.compile(r"\b(?:welcomed?|arrive[sd]?|arriving|arrivals?|landed|depart(?:s|ed)?|returns?|returned|home|"
                      r"don|ve nuoc|ha canh|tro ve|xuat phat|len duong|roi|left|leaves|leaving)\b")
_AIRPORT_BEFORE = re.compile(r"(?:san bay|cang hang khong|airport)\W*$")
_AIRPORT_AFTER = re.compile(r"^[^\S\n]+(?:International[^\S\n]+)?[Aa]irport\b")
_EXAMPLE = re.compile(r"\b(?:vi du|chang han|dien hinh|mo hinh|for example|for instance|as an example|"
                      r"an example|cited|cites|citing)\b")
# Compared as written (lower-cased, not folded: "Châu Thành" is no "cháu", "Cư M'gar" no "cụ").
_PERSON = {"ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "bé", "cụ", "thầy", "bạn", "mr", "mrs", "ms"}
# An expert quoted by workplace: "Tiến sĩ Lâm Thị Mỹ, Phó chủ nhiệm bộ môn nhi Đại học Y dược TP HCM,
# cho biết…", "Theo một bác sĩ thuộc Trung tâm Dinh dưỡng TP HCM, …": the city is the workplace's.
_EXPERTS = (r"bac si|bs|tien si|ts|thac si|ths|giao su|gs|pgs|chuyen gia|nha khoa hoc|doctor|dr|professor|"
            r"expert")
_EXPERT_OF = re.compile(r"\b(?:" + _EXPERTS + r"|giang vien|truong khoa|pho khoa|chu nhiem|giam doc)\b[^.\n]{0,50}"
                        r"\b(?:benh vien|bv|dai hoc|dh|truong|trung tam|vien|hoc vien)\b[^.,\n]{0,30}(?<!\btinh )$")
_SAYS_AFTER = re.compile(r"\W{0,3}(?:cho biet|cho rang|khuyen|noi|nhan dinh|khuyen cao|giai thich|said|says)\b|"
                         r"[^\S\n]*:")  # "Chuyên gia Viện Pasteur Nha Trang: Tiêm đủ 2 mũi…"
# … and in English, "Young adults face rising stroke risk, Hanoi cardiologist warns".
_EXPERT_AFTER_EN = re.compile(r"[^\S\n]+(?:[a-z-]+[^\S\n]+)?(?:doctor|physician|cardiologist|surgeon|expert|"
                              r"scientist|researcher|professor|economist|nutritionist|dermatologist|p(?:a)?ediatrician)s?"
                              r"[^\S\n]+(?:warns?|says?|urges?|advises?|recommends?|explains?)\b")
_ACCORDING_TO = re.compile(r"(?:^|\W)(?:theo|according to)\W+(?:(?:mot|an?|the)\W+)?(?:[^\W\d_]+\W+){0,2}"
                           r"(?:" + _EXPERTS + r")\b[^.\n]*$")
# Brackets that give the school someone is from: "(Đại học Bách khoa Hà Nội)".
_SCHOOL_BEFORE_BRACKET = re.compile(r"\b(?:dai hoc|dh|dhqg|hoc vien|truong|cao dang|cd|thu vien|"
                                    r"vien (?:nghien|khoa|kinh))\b")
_SCHOOL_IN_BRACKET = re.compile(r"\W*(?:dai hoc|dh|dhqg|hoc vien|truong|cao dang|cd)\b[^(),]*$")
# A delegate's province in brackets, "Đại biểu Đặng Ngọc Tùng (TP HCM)", or after "of": "đại biểu Quốc
# hội chuyên trách của tỉnh Kon Tum" (a delegation at home, "Đoàn ĐBQH tỉnh Nghệ An tiếp xúc cử tri", is
# news there).
_DELEGATE = re.compile(r"\b(?:dai bieu|dbqh|delegate|deputy)(?:\W+[^\W\d_]+){1,4}\W*$")
_DELEGATE_OF = re.compile(r"\b(?:dai bieu|dbqh)(?:\W+quoc hoi)?(?:\W+chuyen trach)?\W+(?:cua|thuoc)"
                          r"(?:\W+(?:doan|tinh|thanh pho|tp))*\W*$")
_FIRM = re.compile(r"(?:cong ty|tap doan|ngan hang|htx|ctcp|tmcp|tnhh|khach san|company|bank|group|corp|hotel|resort)")
# An institute's seat in brackets (see `_bracketed`): its kinds, who speaks or works for one, and the
# words that make it a destination or a venue instead.
_SPEAKS_FOR = re.compile(r"\b(?:chuyen gia|nha khoa hoc|nha nghien cuu|bac si|bs|ts|gs|pgs|ths|ky su|giam doc|"
                         r"vien truong|dai dien|theo|khao sat|nghien cuu|bao cao|can bo|giang vien|sinh vien|"
                         r"lanh dao|tac gia|nhom)\b[^.!?]{0,40}$")
_TOWARDS = re.compile(r"(?:^|\W)(?:den|toi|tai|o|vao|ve|to|at|in|into)$")
_INSTITUTE = re.compile(r"\b(?:vien (?:nghien|khoa|kinh|van|su|lich|bao|dinh|ve|y)\w*|hoc vien|dai hoc|benh vien)\b")
_FIRM_BEFORE = re.compile(_FIRM.pattern + r"\W*$")
# An institution or a firm, a comma, then its seat: "Tác giả Nguyễn Văn Lợi, Viện Pháp y quân đội, Hà
# Nội." (folded; no "tại", "ở", "in", "at" in the clause: "cháy tại Công ty X, Bình Dương" is news).
_SEAT_AFTER_COMMA = re.compile(r"(?:^|[,;:(]\s*|\b(?:cua|thuoc|of)\s+(?:(?:nhom|cac|the)\s+)?)"
                               r"(?:cong ty|tap doan|ngan hang|vien|truong|dai hoc|hoc vien|benh vien|"
                               r"trung tam|khoa|company|institute|university|hospital)\b[^,.;:\n()]{2,60},"
                               r"(?:\s*(?:quan|huyen|q\.|p\.|phuong|district)?[^,.;:\n()]{1,25},)?\s*$")
_CLAUSE_END = re.compile(r"[^\S\n]*(?:[.,;)\n]|$)")
_CLAUSE_AT = re.compile(r"(?:^|\W)(?:tai|o|in|at)\W")
# The stock exchanges and securities firms named after their city: "Sở Giao dịch Chứng khoán TP.HCM".
_EXCHANGE_BEFORE = re.compile(r"(?:so gdck|ttgdck|giao dich chung khoan|san giao dich|chung khoan)\W*$")
# Words that begin the name of a newspaper, a broadcaster, a club.
_NAMED = {"Báo", "Đài", "Tạp", "PTTH", "PT-TH", "CLB", "FC", "Club"}
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# A Vietnamese syllable, folded: an initial, a vowel group of the language, a final ("Star", "Heat",
# "Plaza" are none: "Hải Phòng Star" is a ship, "Saigon Heat" a team).
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
                       r"(?:uye|uya|uyu|ieu|yeu|oai|oay|uay|uoi|uou|oeo|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|"
                       r"ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?")
# A university named after its city, where someone works, outside the title and not as a venue:
# "TS Hà Giang, giảng viên Đại học Bách khoa TP.HCM", "nhóm nhà khoa học Đại học Huế công bố" (folded).
_UNIVERSITY_BEFORE = re.compile(r"\b(?:giang vien|giao su|gs|pgs|ts|ths|nha khoa hoc|chuyen gia|nghien cuu sinh|"
                                r"sinh vien|nhom|tot nghiep|graduated from)\b[^.\n]{0,40}?\W(?<!tai )(?<!o )"
                                r"(?:dai hoc|hoc vien|dh|nhac vien)"
                                r"(?:[^\S\n]+(?!tai\b|o\b|cua\b|va\b)(?:[a-z.&]+|[-–]))"
                                r"{0,5}[^\S\n]*$")
# A hotel or a school named after its city stands in it: "tại khách sạn Sheraton Hà Nội", "Khách sạn
# Melia Hanoi vừa lắp…" are that city's news, and so is a title on "ĐH Ngân hàng TP HCM" (a firm may
# work anywhere, and a chain named after a place, "khách sạn Mường Thanh", is no brand before a city).
_LOCATED_NAME = re.compile(r"(?:^|\W)(?:khach san|ks|hotel|resort|khu nghi mat|khu nghi duong)\W(?:[^\W\d_]+\W+){1,3}$")
_SCHOOL_NAME = re.compile(r"(?:^|\W)(?:dh|dai hoc|truong dai hoc|hoc vien|truong thpt|truong)\W(?:[^\W\d_]+\W+){0,3}$")
_NOT_PAPER = {"canh", "du", "thong", "tinh", "hop", "bao", "thi"}
# A capitalised word that is no Vietnamese syllable right after a place: a brand ("Đồng Nai Express").
_BRAND_AFTER = re.compile(r"^[^\S\n]+([A-Z][a-z]+)\b")
# In English, a firm's or a product's word after the name: "Saigon Beer", "Hanoi Vodka", "Saigon Co.op".
# "Ha Long Canned Food": up to two capitalised words before it.
_BRAND_AFTER_EN = re.compile(r"^(?:[^\S\n]+[A-Z][A-Za-z]*){0,2}?[^\S\n]+(?:[Bb]eer|[Bb]rewery|Special|[Vv]odka|Co\.?op|"
                             r"Tourist|Group|Corporation|"
                             r"Corp|JSC|Bank|Company|Airlines|Cement|Steel|Securities|Insurance|Telecom|Textiles?|"
                             r"Garments?|Shoes|Footwear|Pharma|Motors|Holdings?|Construction|Engineering|"
                             r"Logistics|Shipping|"
                             r"Petroleum|Plastics?|Rubber|Sugar|Seafoods?|Foods?|Dairy|Milk|Kitchen|Bistro|Cafe|"
                             r"Café|Restaurant|[Ss]tock [Ee]xchange|Stock|Center|Centre|Mall|Plaza|Star|Express|"
                             r"Corner|Industrial|Lau|Times|Post|Daily|Newspaper|Magazine|Radio|Television|TV)\b")
# … and the English words Vietnamese copy keeps in firms' names: "Saigon Co.op", "Saigon Tourist".
_BRAND_AFTER_VI_EN = re.compile(r"^[^\S\n]+(?:Co\.?op|Group|Corp|JSC|Tourist|Times)\b")
# Where goods or travellers are bound: "shipments to HCMC", "bound for Hanoi", "chở về TP.HCM".
_BOUND = re.compile(r"(?:^|\W)(?:shipments? to|shipped to|trucked to|exported to|bound for|destined for|"
                    r"en route to|headed to|heading to|on (?:its|their|the) way to|cho ve|van chuyen ve|"
                    r"dua ve .{0,20}tieu thu|tieu thu o|tieu thu tai|huong di|huong ve|chieu di|chieu ve|towards?|"
                    r"trips? to|transferred[^.\n]{0,30}?\bto|referred to|chuyen vien (?:len|ra|ve)|chuyen len|"
                    r"chuyen vao|chuyen ra|leave for|leaves for|leaving for|left for|travel to|travelled to|"
                    r"traveled to|commut(?:e|es|ing) to|cho (?:khach|du khach|hanh khach|hang)[^.\n]{0,15}\Wdi)\W*$")
# A name in single quotes that close within a few words ("the yacht 'Da Nang - Viet Nam'").
_SINGLE_QUOTED = re.compile(r"[^'\n.]{0,20}'(?!\w)")
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»"}
# A name the gazetteer leaves out between two commas of a list ("Hà Nội, Hải Phòng, Vinh, Đà Nẵng").
_NAME_ITEM_GAP = re.compile(r"\s*,\s*[A-ZÀ-ỸĐ][\w.]*(?:[^\S\n]+[A-ZÀ-ỸĐ][\w.]*){0,2}\s*,\s*")
# Another place name before (or after) this one with only a comma or "và"/"and" between.
# A figure may follow each item ("Con Cuông 40,8 độ, Hà Nội cao nhất 39 độ"), or a bracket close one.
# … or a date ("Quảng Bình ngày 27-4, Cần Thơ 7-5 và Vĩnh Phúc 14-5").
_LIST_GAP = re.compile(r"\)?\s*(?:(?:[^\W\d_]+\s+){0,3}[\d.,]+(?:[-/]\d{1,2}(?:[-/]\d{2,4})?)?"
                       r"\s*(?:độ C|độ|do|°C|mm|cm|%|ha|tấn|ca|người)?\s*)?"
                       r"(?:,|;|\bvà\b|\bva\b|\band\b|\bor\b|\bhoặc\b|\bhoac\b)\s*")
# A round-up's title giving its range: "… from Phu Quoc to Cat Ba", "… từ Hà Giang đến Cà Mau".
_TITLE_RANGE = re.compile(r"\b(?:from|tu)\b[^.\n]{1,40}\b(?:to|den|toi)\b")
# A title counting provinces and naming none ("Ba tỉnh miền Tây công bố…", "three Vietnam provinces
# declare emergency"): the provinces its lead lists are the news, not a round-up's.
_FEW = r"\b(?:hai|ba|bon|[2-4]|two|three|four)\s+"  # a count of places a text may name one by one
_COUNTED_HEAD = re.compile(_FEW + r"(?:[a-z]+\s+)?"
                           r"(?:tinh|tinh thanh|dia phuong|provinces|localities)\b")
# A list counted and named as the news: "ba tỉnh phía Nam là", "hai huyện gồm", "three provinces:".
_COUNTED_LIST = re.compile(_FEW + r"(?:tinh|tinh thanh|dia phuong|huyen|xa|thanh pho|"
                           r"provinces|localities|districts|cities)\b[^.\n]{0,30}(?:\bla\b|\bgom\b|:|\bnamely\b|"
                           r"\bincluding\b)\W*$")
# … or a list a road, a line or a pipe runs through: "Ring Road 4, which runs through Hanoi, Hung Yen
# and Bac Ninh", "tuyến cao tốc đi qua Hà Tĩnh, Quảng Bình và Quảng Trị".
_THROUGH_LIST = re.compile(r"(?:\bruns? through|\brunning through|\bpass(?:es|ing)? through|\bcuts? through|"
                           r"\bchay qua|\bdi qua|\bqua dia ban)\W*(?:(?:cac|the)\s+)?(?:(?:tinh|provinces of)\s+)?$")
# A school or a hospital named after one place and standing in another: "Trường ĐH Sư phạm Hà Nội 2
# tại Phú Thọ", "Phân hiệu Đại học Y Hà Nội tại Thanh Hóa".
_INSTITUTE_NAMED = re.compile(r"(?:^|\W)(?:dai hoc|dh|phan hieu|hoc vien|benh vien|bv|truong)"
                              r"(?:[^\S\n]+[^\W\d_]+){0,5}[^\S\n]*$")
_INSTITUTE_ELSEWHERE = re.compile(r"(?:[^\S\n]+\d{1,2})?[^\S\n]*,?[^\S\n]*(?:tai|o|in|at)[^\S\n]+")
# A label or a name given after a place: "nước mắm dán nhãn Phú Quốc", "rice named after its
# birthplace Soc Trang", "lấy tên cánh đồng Mường Thanh ở Điện Biên", "fake Buon Ma Thuot coffee"; and
# a lawyer's bar, "(Đoàn luật sư Khánh Hòa)".
_LABEL_BEFORE = re.compile(r"(?:^|\W)(?:dan nhan|mang nhan|mao danh|gia danh|gia mao|nhan hieu|nhan mac|labell?ed|"
                           r"branded|named after|named for|mang ten|lay ten|dat theo ten|dat ten theo)\b[^.\n]{0,30}$"
                           r"|(?:^|\W)(?:doan luat su|doan ls|fake|counterfeit|knock-off|imitation)\W*$")
# A title counting places: a round-up, about none of them unless the title names one.
_LISTICLE = re.compile(r"(?:(?:viet ?nam|[^\W\d_]+['’]s)\s+)?(?:top\s+)?(?P<num>\d+|two|three|four|five|six|seven|"
                       r"eight|nine|ten|twelve|hai|ba|bon|nam|sau|bay|tam|chin|muoi|best|most beautiful)\s+"
                       r"(?:[^\W\d_]+\s+){0,3}?"
                       r"(?P<noun>towns|cities|destinations|places|beaches|islands|spots|villages|markets|provinces|"
                       r"passes|caves|waterfalls|festivals|diem den|dia diem|dia danh|bai bien|hon dao|ngoi lang|"
                       r"lang|tinh|thanh pho|diem|"
                       r"cung deo|con deo|deo|hang dong|thac)\b")
# … its Vietnamese words read with their marks in a title written with them ("Nam nữ tình tự…" counts
# nothing: "năm" is five, "tỉnh" a province).
_LISTICLE_MARKED = {"hai": "hai", "ba": "ba", "bon": "bốn", "nam": "năm", "sau": "sáu", "bay": "bảy", "tam": "tám",
                    "chin": "chín", "muoi": "mười", "lang": "làng", "tinh": "tỉnh", "diem": "điểm", "deo": "đèo",
                    "thac": "thác"}


def _listicle(title: str) -> bool:
    """A title counting places ("Five beach towns…", "7 điểm đến…")."""
    found = _LISTICLE.match(fold_aligned(title))
    if not found or title.isascii():
        return bool(found)
    return all(title[found.start(g):found.end(g)].lower() == _LISTICLE_MARKED.get(found.group(g), found.group(g))
               for g in ("num", "noun") if found.group(g) in _LISTICLE_MARKED)
CAPITAL = "ha-noi"
BIG_CITIES = {CAPITAL, "ho-chi-minh"}


_VIETNAMESE_MARKED = re.compile(r"[đĐăĂâÂêÊôÔơƠưƯ\u0300-\u0303\u0309\u0323\u1EA0-\u1EF9àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")


def is_marked_vietnamese(text: str) -> bool:
    """Whether `text` is Vietnamese written with its diacritics (an English text naming "Hội An"
    has a few marked letters, a Vietnamese one has one letter in five or so)."""
    sample = text[:3000]
    marked = len(_VIETNAMESE_MARKED.findall(sample))
    return marked >= 3 and marked >= 0.08 * sum(map(str.isalpha, sample))


@dataclass(frozen=True)
class PlaceWeight:
    place: Province
    weight: float
    in_headline: bool  # named in the title or the lead


class Mention(NamedTuple):
    """One place named, as the rules read it (what ``weigh`` traces)."""

    slug: str
    zone: str  # "title", "lead" or "body"
    reason: str | None  # why it is passing ("origin", "name", …), None when it is not
    start: int
    end: int
    listed: bool  # one of a list of places
    counted: bool  # … a list the text counts and names as the news


def _sentence(text: str, start: int, end: int) -> str:
    """The folded sentence around text[start:end]."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right = _SENTENCE_END.search(text, end)
    return fold(text[left:right.start() if right else min(len(text), end + 300)]).lower()


def _taken_elsewhere(text: str, mention: PlaceMention, marker: re.Pattern, *, folded: bool = True,
                     at_once: bool = False, within: int | None = None) -> bool:
    """Whether the rest of the mention's sentence takes what it names somewhere else: `marker` ("ở",
    "in", "tại"; on the folded text unless not `folded`; right after the mention where `at_once`),
    then another place (within `within` characters of the marker where given). A group, a firm or a
    school named by its home: "sinh viên Hà Nội … ở Nghệ An", "Hanoi volunteers rebuild homes in Quang
    Ngai", "Phân hiệu Đại học Y Hà Nội tại Thanh Hóa"."""
    end = _SENTENCE_END.search(text, mention.end)
    rest = text[mention.end:end.start() if end else len(text)]
    seen = fold_aligned(rest) if folded else rest
    found = marker.match(seen) if at_once else marker.search(seen)
    return bool(found) and any(m.place != mention.place and (within is None or m.start < within)
                               for m in gazetteer().mentions(rest[found.end():]))


def _quoted(text: str, mention: PlaceMention) -> bool:
    opening = text[mention.start - 1:mention.start] if mention.start else ""
    if opening == "'":  # "fake 'Phu Quoc' fish sauce", "the yacht 'Da Nang - Viet Nam'"; not an apostrophe
        closing = _SINGLE_QUOTED.match(text, mention.end)  # ("Hanoi's", "rock 'n' roll")
        return (mention.start < 2 or not text[mention.start - 2].isalnum()) and bool(closing)
    return opening in _QUOTES and text[mention.end:mention.end + 1] == _QUOTES[opening]


# A reader's signature closing a letter or a question: a bracket that opens after the end of a
# sentence (or a line) and ends its line, with a name before the place: "…có con không? (Trần Thanh
# Tùng, An Giang)", "(M.C, Q.1, TP Hồ Chí Minh)", "(Tran Van - Hà Nội)". The reader's home, not the news.
_SIGNATURE_OPEN = re.compile(r"(?:(?<![^\n])|[.?!…\"”])[^\S\n]*\([^()\n]{2,60}?(?:,|[^\S\n][-–][^\S\n])[^()\n]*$")
_SIGNATURE_SEPARATOR = re.compile(r",|[^\S\n][-–][^\S\n]")
_SIGNATURE_CLOSE = re.compile(r"[^()\n]{0,40}\)[^\S\n]*(?:\n|$)")


def _signature(text: str, mention: PlaceMention) -> bool:
    """A reader's signature; not a dateline-like bracket that names the place first ("(Mường Lát,
    Thanh Hóa)")."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    opened = _SIGNATURE_OPEN.search(text, max(line_start, mention.start - 200), mention.start)
    if not opened or not _SIGNATURE_CLOSE.match(text, mention.end):
        return False
    bracket = text[opened.start():mention.start]
    inside = bracket[bracket.index("(") + 1:]
    signer = inside[:_SIGNATURE_SEPARATOR.search(inside).start()]
    return not gazetteer().mentions(signer)


def _bracketed(text: str, mention: PlaceMention) -> str | None:
    """In brackets after a person ("chị Hạnh (Hà Nội)": a "residence") or a company (its "seat");
    "xã Chí Đám (Phú Thọ)" or "nhà thờ Thái Bình (quận 8, TPHCM)" says where a place is and counts."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    opened = text.rfind("(", line_start, mention.start)
    if opened < 0 or text.rfind(")", opened, mention.start) >= 0 or ")" not in text[mention.end:mention.end + 60]:
        return None
    window_start = max(line_start, opened - 30)
    raw = text[window_start:opened].split()
    before = fold(" ".join(raw)).lower().split()
    if "tru so" in fold(text[max(line_start, opened - 50):opened]).lower():
        return "seat"  # a seat's address: "trụ sở trên phố Bà Triệu (Hà Nội)"
    inside = fold(text[opened + 1:mention.start]).lower()
    if _DELEGATE.search(" ".join(before)) or _ORIGIN_BEFORE.search(inside):
        return "origin"  # a delegate's province, "Đại biểu Đặng Ngọc Tùng (TP HCM)"; "(46 tuổi, quê Hòa Bình)"
    if _SCHOOL_IN_BRACKET.match(inside) and len(raw) >= 2 and all(w[:1].isupper() for w in raw[-2:]) and \
            not _SCHOOL_BEFORE_BRACKET.search(" ".join(before[-6:])):
        return "name"  # a student's school: "Đinh Lê Tuấn Anh (Đại học Bách khoa Hà Nội)"
    if _person_before(raw, sentence_start=window_start == line_start):
        return "residence"
    if any(_FIRM.fullmatch(" ".join(before[i:i + 2])) or _FIRM.fullmatch(before[i]) for i in range(len(before))):
        return "seat"
    # An institute's seat when someone speaks for it ("chuyên gia của Viện Hán Nôm (Hà Nội)", "khảo sát
    # của Viện Khoa học Thủy lợi miền Nam (TP.HCM)"), not when it opens the sentence as the one doing
    # the news ("Bệnh viện Chợ Rẫy (TP.HCM) vừa ghép tim").
    wide_start = max(line_start, opened - 60)
    institute = None
    for institute in _INSTITUTE.finditer(fold_aligned(text[wide_start:opened])):
        pass
    if institute is None:
        return None
    lead_in = text[line_start:wide_start + institute.start()].rstrip()
    # … nor where one goes or is ("đưa bố đến Bệnh viện Mai Hương (Hà Nội)", "cánh đồng của trại thí
    # nghiệm Viện Khoa học Nông nghiệp (Thanh Trì, Hà Nội)"): someone must speak or work for it.
    speaks = bool(lead_in) and not lead_in.endswith((".", "!", "?", ":")) and \
        not _TOWARDS.search(fold_aligned(lead_in[-12:])) and bool(_SPEAKS_FOR.search(fold_aligned(lead_in[-50:])))
    return "seat" if speaks else None


def _person_before(raw: list[str], sentence_start: bool) -> bool:
    """A person word followed by a name among the last words ("chị Hạnh", "Bà Lan, 60 tuổi"; not
    "trẻ em chợ Bình Tây", nor the district "Anh Sơn" in "ở Anh Sơn"): the word in lower case, or
    capitalised where a sentence begins."""
    for i in range(max(0, len(raw) - 4), len(raw) - 1):
        word = raw[i].rstrip(".,").lower()
        if word not in _PERSON or not raw[i + 1][:1].isupper():
            continue
        opens = i == 0 and sentence_start or i > 0 and raw[i - 1][-1:] in ".!?:"
        if raw[i][:1].islower() or opens:
            return True
    return False


def listed(mentions: list[PlaceMention], text: str) -> set[int]:
    """Indexes of mentions that are items of a list of three or more places (a place's province in
    brackets after it is part of its item: "Tương Dương (Nghệ An) 41,2 độ, Con Cuông…")."""
    runs, run, items = [], [0] if mentions else [], 1
    for i in range(1, len(mentions)):
        gap = text[mentions[i - 1].end:mentions[i].start]
        if _BRACKET_GAP.fullmatch(gap):
            run.append(i)
        elif _LIST_GAP.fullmatch(gap):
            run.append(i)
            items += 1
        elif _NAME_ITEM_GAP.fullmatch(gap):
            run.append(i)  # "Hà Nội, Hải Phòng, Vinh, Đà Nẵng": a name the gazetteer left out is an item too
            items += 2
        else:
            runs.append((run, items))
            run, items = [i], 1
    runs.append((run, items))
    return {i for run, items in runs if items >= 3 for i in run}


_PLURAL = {"cac", "nhung", "nhieu", "moi", "all", "many"}
# A name in brackets after "tại", "ở", "at", "in" and a name: the named place's city.
_AT_BRACKET = re.compile(r"(?:^|\W)(?:tai|o|at|in)\s+[^\W\d][^(),.;:]{1,40}\(\s*$")


def _in_a_name(text: str, mention: PlaceMention, vietnamese: bool) -> bool:
    """The place ends the name of a newspaper, a broadcaster, a club ("Báo Tuổi Trẻ Thành phố
    Hồ Chí Minh", "Đài PTTH Vĩnh Long", "CLB Hà Nội") or a brand ("khách sạn Melia Hà Nội": a
    word of more than one syllable is no Vietnamese word)."""
    before = text[max(0, mention.start - 60):mention.start].split("\n")[-1]
    if _AT_BRACKET.search(fold(before).lower()):
        return False  # "tại CLB Lan Anh (TPHCM)": where the thing named stands, and the news with it
    words = re.findall(r"[\w.-]+", before)
    if words and words[-1][:1].isupper() and len(_VOWEL_GROUPS.findall(fold(words[-1]).lower())) > 1 \
            and vietnamese:
        return True
    if words and words[-1] in ("báo", "đài") and (len(words) < 2 or fold(words[-2]).lower() not in _NOT_PAPER):
        return True  # "theo báo Hà Nội Mới"; not "cảnh báo Hà Nội…", "dự báo"
    for size in (2, 1):
        if len(words) >= size and _FIRM.fullmatch(fold(" ".join(words[-size:])).lower()):
            # "công ty Thanh Hoa": the firm is named so ("Tập đoàn Tiên Sơn Thanh Hóa" is of the
            # place); "các ngân hàng TP HCM" are the city's banks.
            return len(words) == size or fold(words[-size - 1]).lower() not in _PLURAL
    for word in reversed(words[-6:]):
        if word in _NAMED:
            return True
        if not word[:1].isupper():
            return False
    return False


def passing(text: str, mention: PlaceMention, vietnamese: bool = True) -> bool:
    """Whether this mention names an origin, a seat, a nickname, an address, a newspaper, or the
    capital as national business's venue."""
    return passing_reason(text, mention, vietnamese) is not None


def _short_name(mention: PlaceMention, words: str, token: str) -> bool:
    """A bracketed token after a place (and `words` after it) that names an organisation, not the
    place, the source or a place inside it ("Châu Thành (Tiền Giang)")."""
    initials = "".join(word[:1] for word in mention.text.split()).upper()
    return token not in _TAGS and token.upper() not in (initials, initials + "".join(w[:1] for w in words.split())) \
        and not gazetteer().mentions(token) and not gazetteer().mentions(words)


def passing_reason(text: str, mention: PlaceMention, vietnamese: bool = True, headline: str = "",
                   sports: Callable[[], bool] = bool, national: bool = False, in_title: bool = False) -> str | None:
    """Why this mention is in passing ("name", "origin", "from", "venue"…), or None. `headline`:
    the article's title, which may say what national business the capital is the venue of;
    `sports()`: whether the article is a football story (asked only after a club's sponsor);
    `national`: the article's headline is national, with no place in it; `in_title`: the mention is
    in the title."""
    sentence = cache(lambda: _sentence(text, mention.start, mention.end))  # folded once, if asked
    if _quoted(text, mention):
        return "quoted"
    if _TIME_BEFORE.search(text, max(0, mention.start - 12), mention.start) or \
            _TIME_AFTER.match(text, mention.end, mention.end + 8):
        return "time"  # "19h Hà Nội", "7 p.m. Hanoi time": a clock, not a place
    player = text[mention.end:mention.end + 1] == ")" and _PLAYER_CLUB.search(text, max(0, mention.start - 40),
                                                                              mention.start)
    if player and sports() and _PLAYER_ROLE.search(
            fold(text[max(0, player.start() - 24):player.start()]).lower()) and not any(
            m.end >= player.start() for m in gazetteer().mentions(text[player.start():player.end()])):
        return "club"  # a player's club in a football story: "thủ môn Văn Hạnh (HA Gia Lai)"
    bracketed = _bracketed(text, mention)
    if bracketed:
        return bracketed
    if _signature(text, mention):
        return "origin"
    if _in_a_name(text, mention, vietnamese) and not (not national and _LOCATED_NAME.search(
            fold(text[max(0, mention.start - 50):mention.start]).lower())) and not (
            in_title and _SCHOOL_NAME.search(fold(text[max(0, mention.start - 40):mention.start]).lower())):
        return "name"
    before = fold(text[max(0, mention.start - 40):mention.start]).lower()
    after = text[mention.end:mention.end + 24]
    if _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.match(after) or vietnamese and _ORIGIN_MARKED.search(
            text[max(0, mention.start - 12):mention.start].lower()) or _RESIDES.search(
            text[max(0, mention.start - 12):mention.start].lower()) or _SEAT_NEAR.search(
            text[max(0, mention.start - 70):mention.start]) or _ORIGIN_NEAR.search(
            fold(text[max(0, mention.start - 70):mention.start]).lower()) or _DELEGATE_OF.search(before):
        return "origin"
    if _GROUP_BEFORE_VI.search(before) and _taken_elsewhere(text, mention, _ELSEWHERE_VI) or \
            not vietnamese and _GROUP_AFTER.match(after) and (_taken_elsewhere(text, mention, _ELSEWHERE, folded=False)
                                                              or _NATIONAL_HONOUR.search(sentence())):
        return "origin"
    says = _SAYS_AFTER.match(fold(text[mention.end:mention.end + 16]).lower())
    wide = fold(text[max(0, mention.start - 80):mention.start]).lower()
    if _EXPERT_OF.search(wide) and (not in_title and (says or _ACCORDING_TO.search(wide))
                                    or in_title and says and says.group().strip() == ":"):
        return "origin"  # an expert's workplace: "Theo một bác sĩ thuộc Trung tâm Dinh dưỡng TP HCM, …"
    if not vietnamese and _EXPERT_AFTER_EN.match(text, mention.end, mention.end + 60):
        return "origin"  # "…, Hanoi cardiologist warns"
    produce = _PRODUCE_AFTER.match(after) if not vietnamese else None
    institution = not vietnamese and (_INSTITUTION_AFTER.match(text, mention.end, mention.end + 80) or
                                      _INSTITUTION_BEFORE.search(text, max(0, mention.start - 70), mention.start)) \
        and _AFFILIATED.search(text, max(0, mention.start - 80), mention.start)
    if not in_title and (produce or institution or
                         _PRODUCE_BEFORE.search(text[max(0, mention.start - 16):mention.start].lower())):
        return "origin"  # "Phu Quoc pepper", "nước mắm Phú Quốc", "at Hanoi's Bach Mai Hospital"
    if national and _DATELINE.match(text, mention.end, mention.end + 40) and not text[:mention.start].strip():
        return "venue"  # "HA NOI - Bo Y te…": the reporter's desk under a national headline
    if not in_title and _UNIVERSITY_BEFORE.search(before):
        return "name"
    if _INSTITUTE_NAMED.search(before) and _taken_elsewhere(text, mention, _INSTITUTE_ELSEWHERE, at_once=True,
                                                             within=50):
        return "name"
    if _SHIP_BEFORE.search(text[max(0, mention.start - 12):mention.start]) and not _SPAN_GAP.match(
            text, mention.end, mention.end + 4):
        return "name"  # a ship named after a place: "bảo lãnh tàu Cần Giờ"; not a line, "tàu Hà Nội – Sài Gòn"
    if _BATTLE_BEFORE.search(text[max(0, mention.start - 20):mention.start].lower()) or \
            _LABEL_BEFORE.search(fold(text[max(0, mention.start - 50):mention.start]).lower()):
        return "name"
    if _SPAN.search(before) or in_title and _FROM.search(before) and _ROUTE.match(
            text[mention.end:mention.end + 40]) and _WEATHER.search(fold(text).lower()):
        return "span"
    if _HIDEOUT.search(before):
        return "from"
    if _CLUB_BEFORE.search(before) and sports():
        return "club"
    if national and (_EXAMPLE_BEFORE.search(before) or _EXAMPLE.search(sentence())
                     or _FROM.search(before) and _ROUTE.match(text, mention.end, mention.end + 40)):
        return "example"  # "such as Dong Nai", "growers from Dak Lak … to the former Tien Giang"
    if national and (_AIRPORT_BEFORE.search(before) or _AIRPORT_AFTER.match(after)
                     or fold(mention.text).lower() in _AIRPORTS) and _ARRIVAL.search(
            sentence()):
        return "venue"  # a national story's airport where a team lands or leaves: "welcomed home at Noi Bai"
    if _HIGH_COURT.search(before) or _REFERENCE.search(before) and _DISTANCE_AFTER.match(
            fold(text[mention.end:mention.end + 30]).lower()) or _FISHING_GROUND.search(before):
        return "venue"
    if _ORIENTATION.search(before) or in_title and _AS_IN.search(before) or \
            _COMPARED.search(before) or _LIKENED.search(before) or _LIKENED_AFTER.match(
            fold(text[mention.end:mention.end + 60]).lower()) or \
            _LIKENED_QUOTED.search(text[max(0, mention.start - 14):mention.start].lower()):
        return "compared"
    brand = _BRAND_AFTER.match(after) if vietnamese else None
    if brand and (len(_VOWEL_GROUPS.findall(brand.group(1).lower())) > 1 or not _SYLLABLE.fullmatch(
            brand.group(1).lower())) or _BRAND_AFTER_EN.match(after) and not vietnamese or \
            vietnamese and _BRAND_AFTER_VI_EN.match(after):
        return "name"
    if _BOUND.search(before):
        return "bound"
    if not vietnamese and _STREETS_AFTER.match(text, mention.end, mention.end + 80):
        return "street"
    if _CLAUSE_END.match(text, mention.end, mention.end + 2):  # the name ends its clause: a seat?
        clause = fold(text[max(0, mention.start - 120):mention.start]).lower().rsplit(".", 1)[-1].rsplit("\n", 1)[-1]
        if _SEAT_AFTER_COMMA.search(clause) and not _CLAUSE_AT.search(clause):
            return "origin"
    if _EXCHANGE_BEFORE.search(before):
        return "name"
    name = _NAME_AFTER.match(text, mention.end, mention.end + 60)
    if name and (name.group(2) is None or _short_name(mention, name.group(1) or "", name.group(2))):
        return "name"  # "Hà Nội FC", "… Hà Nội (Habeco)"; not "Sóc Sơn (TP.HCM)", "Hà Nội (TTXVN) –"
    # "hoa từ Đà Lạt", "traders from Hanoi": where something comes from; "từ Hà Nội đến Huế" is a
    # route, and both its ends count.
    if _FROM.search(before) and not _OPERATING_FROM.search(before):
        route = _ROUTE.match(text[mention.end:mention.end + 40])
        if not route or _AUXILIARY.search(route.group()):
            return "from"  # … and "a man from Nghe An has been sentenced to 20 months" is no route
        if _JOURNEY.search(sentence()):
            return "route"  # "a sleeper bus travelling from HCMC to Da Lat overturned…": the ends are no news
    if not in_title and _BETWEEN.search(before) and _JOURNEY.search(sentence()):
        return "span"  # "sleeper berths on trains between Hanoi and Ho Chi Minh City": both ends, no news
    if _LINE_BEFORE.search(before) and _SPAN_GAP.match(text, mention.end, mention.end + 5) or \
            _PAIR_LINE.match(text, mention.end, mention.end + 60) or _ROAD_BEFORE.search(before) and \
            _SPAN_GAP.match(text, mention.end, mention.end + 5) and (
                in_title or _MISHAP.search(fold(headline or text).lower())):
        return "line"  # "xe khách tuyến TP.HCM – Đà Lạt", "the Hanoi–Saigon express train"
    if _AT_END.search(before) and _AT_GATHERING.search(fold(text[max(0, mention.start - 160):mention.start]).lower()) \
            or national and (_HELD_IN.search(before) or _VENUE.search(before) and
                                                     _GATHERING.search(sentence())):
        return "venue"  # under a national headline: "told a meeting in Da Nang", "a press conference in Hanoi"
    if _AT_END.search(before) and (_NATIONAL_MEETS.match(fold(text[mention.end:mention.end + 90]).lower()) or
                                   _GATHERING_AFTER.match(fold(text[mention.end:mention.end + 40]).lower()) and
                                   _NATIONAL_ORGANISER.search(sentence())):
        return "venue"  # "tại Đà Nẵng, VKSND tối cao đã họp…"
    if mention.place.slug == CAPITAL and _VENUE.search(before) and (
            _NATIONAL.search(sentence()) or _NATIONAL.search(fold(headline).lower())
            or _NATIONAL_HONOUR.search(fold(headline).lower())):
        return "venue"
    if mention.place.slug == CAPITAL and (not vietnamese and _GOVERNMENT_VERB.match(after) or _CAPITALS.match(
            after) or _CAPITALS_BEFORE.search(before) or _DIPLOMACY.search(sentence())):
        return "government"  # "Hanoi protests…", "Hanoi and Washington agreed…", "quan hệ Hà Nội – Bắc Kinh"
    if _ABROAD_BEFORE.search(before):
        return "example"  # "flights to Bangkok, Manila and Hanoi"
    return None


_BRACKET_GAP = re.compile(r"\s*\(\s*")
_PAIR_GAP = re.compile(r"\s*[-–—]\s*")


def _named_pair(text: str, mention: PlaceMention, following: PlaceMention, vietnamese: bool) -> bool:
    """Two places joined by a dash that together name an organisation with its short name after."""
    return bool(_PAIR_GAP.fullmatch(text[mention.end:following.start])) and \
        passing_reason(text, following, vietnamese) == "name"


# "du khách từ Hà Nội và TP.HCM": a place joined to an origin is an origin too.
# "from Noi Bai in Hanoi": where the place before stands is where it stands.
_WHERE_IN = re.compile(r"[^\S\n]+(?:in|ở|o|tại|tai)[^\S\n]+|[^\S\n]*,[^\S\n]*")
# The far end of a range: "from Dak Lak in the Central Highlands to the former Tien Giang".
_RANGE_GAP = re.compile(r"[^.\n]{0,40}?\b(?:to|đến|tới|den|toi)\b(?:[^\S\n]+(?:the[^\S\n]+)?former)?[^\S\n]*")
_AND = re.compile(r"\s*(?:\band\b|\bvà\b|\bva\b)\s*")
# Two places side by side name one thing: "the Non Nuoc Cao Bang geopark".
_SIDE_BY_SIDE = re.compile(r"[^\S\n]+")
_JOINED = re.compile(r"\s*(?:,|\bvà\b|\bva\b|\band\b|\bor\b|\bhoặc\b|\bhoac\b|\bhay\b)\s*")


def weigh(title: str = "", lead: str = "", body: str = "", trace: list | None = None) -> list[PlaceWeight]:
    """Every place the article names, with its weight, strongest first. ``trace`` gets a ``Mention``
    for every place named, with what the rules read it as."""
    weights: dict[str, float] = defaultdict(float)
    later: dict[str, float] = defaultdict(float)
    route: dict[str, float] = defaultdict(float)
    later_route: dict[str, float] = defaultdict(float)
    residence: dict[str, float] = {}  # a person's home in brackets where the text opens
    headline: set[str] = set()
    places: dict[str, Province] = {}
    g = gazetteer()
    vietnamese = is_marked_vietnamese(f"{title} {lead} {body[:3000]}")
    zones = (("title", title or ""), ("lead", lead or ""), ("body", body or ""))
    # A name seen as a person's anywhere ("Nguyễn Thị Hà Giang" in the body) is that person's
    # everywhere ("Hà Giang phá kỷ lục" in the title).
    people: set[str] = set()
    found = [g.mentions(text, people) for _, text in zones]
    head = fold(f"{title} {lead}").lower()
    sports = cache(lambda: bool(_SPORTS.search(head) or _SPORTS.search(fold(body[:3000]).lower())))
    national = not found[0] and bool(_NATIONAL_HEAD.search(head))
    counted = not found[0] and bool(_COUNTED_HEAD.search(fold(title or "").lower()))  # "Ba tỉnh miền Tây…"
    # A name the title gives a firm or a brand ("Tập đoàn Mường Thanh") is the firm's again when it
    # comes bare later ("Mường Thanh hiện vận hành…"), not after "tại", "ở", "in".
    firms: set[str] = set()
    # … and a name the lead gives a firm or a school standing elsewhere is theirs in the title too
    # ("Mường Thanh mở khách sạn ở Cửa Lò" over "Tập đoàn Mường Thanh vừa khai trương…", "Trường ĐH Sư
    # phạm Hà Nội 2 khai giảng" over "… Hà Nội 2 tại phường Xuân Hòa, tỉnh Phú Thọ").
    for mention in found[1]:
        before = fold(lead[max(0, mention.start - 40):mention.start]).lower()
        words = before.split()
        if any(_FIRM.fullmatch(" ".join(words[-size:])) for size in (2, 1) if len(words) >= size) and \
                not (len(words) > 2 and words[-3] in _PLURAL) or _INSTITUTE_NAMED.search(before) and \
                passing_reason(lead, mention, vietnamese) == "name":
            firms.add(fold_aligned(mention.text))
    for (zone, text), mentions in zip(zones, found):
        if people:
            mentions = [m for m in mentions if fold_aligned(m.text) not in people]
        in_lists = listed(mentions, text)
        named_news: set[int] = set()
        if zone != "title":
            # A list the text counts and names as the news ("ở ba xã thuộc ba tỉnh phía Nam là Vĩnh
            # Long, Bạc Liêu và Bến Tre"): its items are no round-up's.
            for i in sorted(in_lists):
                lead_in = fold(text[max(0, mentions[i].start - 60):mentions[i].start]).lower()
                if i - 1 not in in_lists and (_COUNTED_LIST.search(lead_in) or _THROUGH_LIST.search(lead_in)):
                    end = i
                    while end + 1 in in_lists:
                        end += 1
                    run = list(range(i, end + 1))
                    if len(run) <= LISTING:
                        in_lists -= set(run)
                        named_news |= set(run)
        reasons: list[str | None] = []
        reason = None
        for i, mention in enumerate(mentions):
            gap = text[mentions[i - 1].end:mention.start] if i else ""
            joined = (reason in ("origin", "from", "bound", "example", "compared", "street") and _JOINED.fullmatch(gap)
                      or reason in ("origin", "from", "bound", "venue") and _WHERE_IN.fullmatch(gap)
                      or reason in ("origin", "from") and _BRACKET_GAP.fullmatch(gap)  # "quê Lục Ngạn (Bắc Giang)"
                      or reason in ("span", "route", "line") and _SPAN_GAP.fullmatch(gap)
                      or reason == "span" and _AND.fullmatch(gap)
                      or reason == "name" and _PAIR_GAP.fullmatch(gap)  # "Ngân hàng TMCP Sài Gòn – Hà Nội"
                      or reason == "example" and _RANGE_GAP.fullmatch(gap))
            reason = reason if joined else passing_reason(text, mention, vietnamese, title if zone != "title" else "",
                                                          sports, national and zone != "title", zone == "title")
            if i + 1 < len(mentions) and _named_pair(text, mention, mentions[i + 1], vietnamese):
                reason = "name"  # "Ngân hàng Sài Gòn – Hà Nội (SHB)": both places name the bank
            elif i + 1 < len(mentions) and mentions[i + 1].place != mention.place and \
                    _SIDE_BY_SIDE.fullmatch(text, mention.end, mentions[i + 1].start):
                reason = "name"  # "Non Nuoc Cao Bang": the first names a thing of the second
            if zone == "title" and reason == "name" and _FIRM_BEFORE.search(fold(text[:mention.start]).lower()):
                firms.add(fold_aligned(mention.text))
            elif reason is None and fold_aligned(mention.text) in firms and \
                    not _VENUE.search(fold(text[max(0, mention.start - 40):mention.start]).lower()):
                reason = "name"
            reasons.append(reason)
        if zone != "title" and not found[0]:
            # The two big cities named as a pair under a title naming no place ("giá vàng tại Hà Nội và
            # TP.HCM", "travel agencies in Hanoi and Ho Chi Minh City"): the country's, told where it is measured.
            for i in range(len(mentions) - 1):
                first, second = mentions[i], mentions[i + 1]
                if {first.place.slug, second.place.slug} == BIG_CITIES and reasons[i] is None and \
                        reasons[i + 1] is None and _JOINED.fullmatch(text[first.end:second.start]):
                    reasons[i] = reasons[i + 1] = "example"
        if zone == "title" and "line" in reasons and None not in reasons and not _MISHAP.search(fold(text).lower()):
            # A title naming only a line is about the line ("Can Tho–Ca Mau expressway opens"); one
            # naming another place too tells where the news is ("Hanoi–Saigon train derails in Quang Ngai").
            reasons = [None if r == "line" else r for r in reasons]
        seen_here: set[tuple[str, str | None]] = set()
        for i, (mention, reason) in enumerate(zip(mentions, reasons)):
            slug = mention.place.slug
            places[slug] = mention.place
            if trace is not None:
                trace.append(Mention(slug, zone, reason, mention.start, mention.end, i in in_lists,
                                     i in named_news))
            if reason == "residence" and zone != "title" and (zone == "lead" or mention.start < OPENING_CHARS):
                residence.setdefault(slug, OPENING)
            # A list in the title names what the article is about; elsewhere it is a round-up's.
            if (i in in_lists and zone != "title" and not counted) or reason not in (None, "route", "line"):
                continue
            # A route's or a line's ends weigh apart: they count only in an article about it.
            into, later_into = (route, later_route) if reason in ("route", "line") else (weights, later)
            first_here = (slug, reason) not in seen_here
            if zone != "body":
                if first_here:
                    into[slug] += TITLE if zone == "title" else LEAD
                    if reason is None:
                        headline.add(slug)
            elif first_here and (mention.start < OPENING_CHARS or reason is None and _AUTHORITY.search(
                    fold(text[max(0, mention.start - 40):mention.start]).lower())):
                into[slug] += LEAD if i in named_news else OPENING
            else:
                later_into[slug] = min(LATER_CAP, later_into[slug] + LATER)
            seen_here.add((slug, reason))
    if not any(weights.values()) and any(route.values()):
        weights, later, headline = route, later_route, set(route)
    elif not any(weights.values()) and len(residence) == 1:
        # The one place an article gives is a person's home in brackets where it opens ("Thủ phạm giết
        # chị Lệ (25 tuổi, huyện Tây Sơn, Bình Định)…"): where the story happens.
        weights = defaultdict(float, residence)
    ranked = [PlaceWeight(places[slug], weights[slug] + later[slug], slug in headline) for slug in places]
    return sorted(ranked, key=lambda w: -w.weight)


# An interview's questions, each on its own line after a dash ("- Anh có mặt ở Sài Gòn đã lâu…?"): a
# talk, where places come up in passing; one opening mention does not make it that place's.
_INTERVIEW_QUESTION = re.compile(r"(?m)^[^\S\n]*[-–—][^\S\n]*[^\n]{5,300}\?[^\S\n]*$")


def places_about(title: str = "", lead: str = "", body: str = "") -> list[Province]:
    """The places the article is about, strongest first."""
    ranked = weigh(title, lead, body)
    folded_title = fold(title or "").lower()
    counted = _COUNTED_HEAD.search(folded_title) and sum(w.weight > 0 for w in ranked) <= LISTING
    if not ranked or _listicle(title or "") and not counted and (not gazetteer().mentions(title) or
                                                                        _TITLE_RANGE.search(folded_title)):
        return []  # "Five beach towns for a summer getaway", "7 điểm đến…": a round-up
    top = ranked[0].weight
    # Under a national headline naming no place ("Vietnam's GDP grows 8.2%", "Bộ Y tế cảnh báo…"),
    # one opening mention in the body is not enough to make the article that place's.
    # Nor in an interview, where places come up in talk.
    first = ABOUT if not any(w.in_headline for w in ranked) and (
        _NATIONAL_HEAD.search(fold(f"{title} {lead}").lower())
        or len(_INTERVIEW_QUESTION.findall(body or "", 0, 6000)) >= 2) else ABOUT_FIRST
    # Beside a place the headline names, another needs more than an opening mention and one more.
    second = ABOUT + LATER if ranked[0].in_headline else ABOUT
    chosen = [w for i, w in enumerate(ranked)
              if w.weight >= (first if i == 0 else ABOUT if w.in_headline else second) and w.weight >= SHARE * top]
    weighed = [w for w in ranked if w.weight > 0]
    if not any(w.in_headline for w in chosen) and (
            len(chosen) > LISTING or (len(weighed) >= LISTING and top < ROUND_UP * sum(w.weight for w in weighed))):
        return []  # a round-up: many places, none standing out
    return [w.place for w in chosen]
