"""Places: which of Vietnam's 34 provincial units an article mentions.

Pure library (no Django). The gazetteer is data (``data/places.json``): the 34 units in
force since 1 July 2025 (Resolution 202/2025/QH15), each with its own spellings
(``names``), the provinces merged into it (``former``) and the cities, districts and
destinations inside it (``aliases``). Every alias resolves to the unit it belongs to today,
so "Quảng Nam" and "Hội An" both give ``da-nang``.

Matching: one regex (a trie of every alias, each letter standing for all its accented forms,
in any case) finds candidates in the NFC text; the candidate's words, folded (marks
removed, đ→d, lower case), look up the longest alias. Then, on the words as written:

Capitalisation policy (the alias's spelling in the data is the rule):
* A capitalised alias syllable must be capitalised in the text ("Hòa Bình" the former
  province, never "hòa bình" peace, nor "Hòa bình" at the start of a sentence; "Bình Định"
  but not "bình định", to pacify). All-caps headlines count as capitalised.
* A lower-case alias syllable matches in any case, but when the text writes it in lower case
  it must carry the same diacritics: "huế" matches "ở huế" (lower-case "huế" is always the
  city), while English "hue" (a colour) does not; "Hue" does. Inside a name with a capital,
  lower-case words may come without marks in text written without them ("Nha thi dau Phu Tho").
* Diacritics written in the text must be the alias's (tone placement aside: "Hoà" = "Hòa"):
  "Phú Yên" (the former province) is not "Phù Yên" (a district of Sơn La), and "Huệ" is no
  "Hue". Text written without diacritics matches by folding; where two aliases then fold
  alike, a province's own or former name wins.
* Bare common words are not aliases at all: "Nam" (south, or a man's name) is no place, and
  neither is bare "Hồ Chí Minh" (the President); the city is "TP.HCM", "TP Hồ Chí Minh",
  "thành phố Hồ Chí Minh", "Ho Chi Minh City", "Sài Gòn"…

Context vetoes, also data: a street word before the match ("đường Điện Biên Phủ", "phố Huế")
means a street, and so does an English street word after it ("Hue Street"); a division word
before a province name ("xã Hòa Bình"), or a commune word before any name ("xã Kim Sơn"), means a
commune of that name elsewhere; a village word before any name ("làng Tây Hồ", a village in Huế)
means a village of that name; a title or a capitalised surname before it ("anh Hải Dương",
"Nguyễn Thái Bình", "singer Thanh Hoa", "Le Quang Nam") means a person, unless the surname is a
dynasty's ("đền Trần Nam Định"); a vessel word before it ("the bulk carrier Thai Binh 68") a ship.
A dish or a drink before a name ("bún bò Huế", "phở Nam Định", "Bia Hà Nội") names the dish; a
work's kind before it, bare or before the quotes it stands in ("the film Dien Bien Phu", "bộ phim
'Cô Ba Sài Gòn'") names the work; "-style" after it a manner ("Hanoi-style bun cha"). In text with
marks, context words are compared with theirs ("dưỡng" is no "đường", "sông" no "song", "bàn" no
"bản"). ``locative_aliases`` ("Vinh", also a given name) count only after a word of place ("ở",
"from") or before "city", "airport". A hull number before a name makes it a ship's ("HQ-182 Hà Nội").
``foreign_homonyms`` (Hà Nam, also China's Henan) are dropped near their country's names, and
``foreign_pairs`` (Thái Nguyên, also Taiyuan) near their Chinese province's (Sơn Tây, Shanxi).
``not_places`` ("Thái Bình Dương", the Pacific) are matched like aliases and then dropped, so
the place names inside them are not seen.

Hand-written rather than a library: Aho–Corasick packages match strings, but the case
policy and vetoes need the words as written around the match; the trie regex finds the
candidates in C and leaves Python only a handful of them per article.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from quangba.core.text import ALIGNED_FOLD, fold_aligned

GAZETTEER_PATH = Path(__file__).with_name("data") / "places.json"

_WORD = re.compile(r"\w+")
# Between two syllables of one name: spaces on one line, or a dash ("Thừa Thiên - Huế").
_GAP = re.compile(r"[^\S\n]+|[^\S\n]*[-\u2010-\u2015][^\S\n]*")
# A dash with a space on either side: between two names ("Thổ Nhĩ Kỳ - Anh") unless the name is longer.
_SPACED_DASH = re.compile(r"[^\S\n]+[-\u2010-\u2015][^\S\n]*|[^\S\n]*[-\u2010-\u2015][^\S\n]+")
# Where the alias itself has a dot ("TP.HCM"): the dot, spaces, or both.
_DOT_GAP = re.compile(r"[^\S\n]*\.[^\S\n]*|[^\S\n]+")
# Any run of non-word characters between syllables; _fits then checks it precisely.
_SEP = r"[^\w\n]+"
PERSON_VETO = "person"  # what _vetoed says of a person's (or a warship's) name, that name again elsewhere
STREET_VETO = "street"  # … of a street's name: a town's name that is a street here is a street again
VESSEL_VETO = "vessel"  # … of a ship's name after a word for a ship, and of a name joined to it
# "tàu ngầm Đà Nẵng và Bà Rịa - Vũng Tàu", "the frigates Ly Thai To and Tran Hung Dao": one word for two ships.
_SHIP_JOIN = re.compile(r"[^\S\n]*(?:,|&|\bvà\b|\bva\b|\band\b)[^\S\n]*")
_NUMBER_AFTER = re.compile(r"[^\S\n]+\d")
# A hull number before the name: "submarine HQ-182 Hà Nội", "CSB 8002 Quang Ninh".
# (not a police department's number: "PA25 Hà Nội", "PC45 Công an TP.HCM")
_HULL_BEFORE = re.compile(r"\b(?!P[ACEHKVX][- ]?\d)[A-Z]{2,4}[- ]?\d{2,5}[^\S\n]+$")
# A credit: the name after "Ảnh:", "Bài và ảnh:", "Photo:", "Story by" that ends its line or caption
# is the photographer's or the writer's ("… tỉnh Lào Cai. Ảnh: Hà Giang"), not a place.
_CREDIT_BEFORE = re.compile(r"(?:^|(?<=\W))(?:(?:Ảnh|ẢNH|Anh|Bài|BÀI|Bài và ảnh|Bài, ảnh|Đồ họa|Photo|Photos)"
                            r"[^\S\n]*:|(?:[Ss]tory|[Tt]ext|[Ww]ords|[Pp]hotos?|[Pp]ictures?|[Rr]eporting|[Vv]ideo) "
                            r"by:?)[^\S\n]*$")
_CREDIT_END = re.compile(r"[^\S\n]*(?:[)\];,]|\.?[^\S\n]*(?:\n|$))")
# In text without marks a name that starts as Vietnam's commonest surname and goes on with another
# capitalised word is a person's: "Nguyen Binh Duong", "Nguyen Binh Khiem" (not "Nguyen Binh district").
_SURNAME_START = "nguyen"
_GIVEN_NAME_AFTER = re.compile(r"[^\S\n]+(?!(?:District|Province|City|Town|Commune|Ward|Street|Road)\b)[A-Z][a-z]*\b")
_PLACE_AFTER = re.compile(r"[^\S\n]+(?:[Cc]ity|[Aa]irport|[Pp]rovince)\b")
_OPENING_QUOTES = "'\"‘“«"
_CLOSING_QUOTES = "’”»"  # straight quotes open and close: the last one before the name is taken as opening
# The word right before a name (same line, only spaces and maybe an opening quote between: "bánh pía
# 'Sóc Trăng'") and, if any, the one before it.
_CONTEXT = re.compile(r"(?:(?P<pp>\w+)[^\S\n]+)?(?P<prev>\w+)[^\S\n]+[" + _OPENING_QUOTES + "]?$")


# Each folded letter as a class of all its accented and capital forms, so the big regex runs on
# the text itself (measured: ~2x faster than folding the text, ~4x faster than re.IGNORECASE).
_LETTER_CLASSES: dict[str, str] = {}
for _code, _base in ALIGNED_FOLD.items():
    _LETTER_CLASSES[_base] = _LETTER_CLASSES.get(_base, _base + _base.upper()) + chr(_code)
_LETTER_CLASSES = {base: f"[{chars}]" for base, chars in _LETTER_CLASSES.items()}


@lru_cache(maxsize=8192)
def marks(word: str) -> str:
    """The diacritics of a word, in canonical order, ignoring where the tone mark sits ("hoà" = "hòa")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(sorted(c for c in decomposed if unicodedata.combining(c))) + "đ" * decomposed.count("đ")


@dataclass(frozen=True)
class Province:
    """A provincial unit in force since 1 July 2025."""

    slug: str  # e.g. "gia-lai"
    name: str  # Vietnamese, with diacritics
    name_en: str
    kind: str  # "city" (centrally governed) or "province"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PlaceMention:
    """One place name found in a text: the place, the alias it matched and where."""

    place: Province
    alias: str  # the alias as spelled in the gazetteer
    text: str  # as written in the (NFC-normalised) text
    start: int
    end: int
    former: bool  # the alias names a province merged into `place` in 2025


@dataclass(frozen=True)
class _Alias:
    spelling: str
    syllables: tuple[str, ...]
    dots: tuple[bool, ...]  # per gap: the alias has a dot there
    marks: tuple[str, ...]  # per syllable: its diacritics
    place: Province | None  # None: a known non-place ("Thái Bình Dương")
    province_level: bool  # a unit's own or former name: commune-name veto applies
    former: bool
    locative: bool = False  # a place only after a word of place or before "city", "airport" ("in Vinh")


class Gazetteer:
    """Province names and aliases, loaded from the JSON data file."""

    def __init__(self, data: dict):
        self.places: dict[str, Province] = {}
        self._index: dict[str, list[_Alias]] = {}
        for entry in data["provinces"]:
            place = Province(entry["slug"], entry["name"], entry["name_en"], entry["kind"])
            self.places[place.slug] = place
            for group in ("names", "former", "aliases"):
                for spelling in [place.name, place.name_en] * (group == "names") + entry[group]:
                    self._add(spelling, place, group != "aliases", group == "former")
        for slug, spellings in data.get("locative_aliases", {}).items():
            for spelling in spellings:
                self._add(spelling, self.places[slug], False, False, locative=True)
        for spelling in data["not_places"]:
            self._add(spelling, None, False, False)
        self._pattern = _trie_pattern(self._index)
        self.street_words = {fold_aligned(w) for w in data["street_words"]}
        self.junction_words = {fold_aligned(w) for w in data.get("junction_words", [])}
        self.street_exceptions = {fold_aligned(w) for w in data["street_exceptions"]}
        self.division_words = {fold_aligned(w) for w in data["division_words"]}
        self.division_exceptions = {fold_aligned(w) for w in data["division_exceptions"]}
        self.village_words = {fold_aligned(w) for w in data.get("village_words", [])}
        self.dish_words = {fold_aligned(w) for w in data.get("dish_words", [])}
        self.work_words = {fold_aligned(w) for w in data.get("work_words", [])}
        self.work_words_written = {w.lower() for w in data.get("work_words", [])}
        self.locative_words = {fold_aligned(w) for w in data.get("locative_words", [])}
        self.ward_words = {fold_aligned(w) for w in data.get("ward_words", [])}
        self.ward_homonyms = {fold_aligned(w) for w in data.get("ward_homonyms", [])}
        # Communes share names across provinces ("xã Kim Sơn" is in Tiền Giang too); wards mostly
        # keep their town's ("phường Hội An").
        self.commune_words = {fold_aligned(w) for w in data.get("commune_words", [])}
        self.foreign_pairs = {fold_aligned(name): re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(fold_aligned(w)) for w in partners) + r")(?!\w)")
            for name, partners in data.get("foreign_pairs", {}).items() if not name.startswith("_")}
        homonyms = data.get("foreign_homonyms", {})
        self.foreign_homonyms = {fold_aligned(n) for n in homonyms.get("names", [])}
        self._foreign_context = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(fold_aligned(w)) for w in homonyms.get("context", ["\x00"])) + r")(?!\w)")
        self.person_titles = {w.lower() for w in data["person_titles"]}
        self.person_title_exceptions = {fold_aligned(w) for w in data["person_title_exceptions"]}
        self.person_title_pairs = {w.lower() for w in data["person_title_pairs"]}
        self.person_title_pairs_folded = {fold_aligned(w) for w in self.person_title_pairs}
        self.person_names = set(data["person_names"])
        self.person_names_rare = set(data.get("person_names_rare", []))
        # "đền Trần Nam Định", "nhà Nguyễn": a dynasty, not a person's surname.
        self.dynasty_words = {fold_aligned(w) for w in data.get("dynasty_words", [])}
        self.vessel_words = {w.lower() for w in data.get("vessel_words", [])}
        # "tàu Thanh Liêm 09": a boat's name when a number follows (a "tàu" is also a train).
        self.vessel_words_numbered = {w.lower() for w in data.get("vessel_words_numbered", [])}
        self.vessel_pairs_numbered = {fold_aligned(w) for w in data.get("vessel_words_numbered", []) if " " in w}
        # "tàu khảo sát Hải Dương 8": a kind of boat in two words after "tàu".
        self.vessel_triples_numbered = {w for w in self.vessel_pairs_numbered if w.count(" ") == 2}
        # The marks each context word is written with, for text that carries them.
        self._context_marks: dict[str, set[str]] = {}
        for group in ("street_words", "division_words", "village_words", "ward_words"):
            for word in data.get(group, []):
                self._context_marks.setdefault(fold_aligned(word), set()).add(marks(word))
        self._dish_marks: dict[str, set[str]] = {}  # "phở" is a dish, "phố" a street
        for word in data.get("dish_words", []):
            self._dish_marks.setdefault(fold_aligned(word), set()).add(marks(word))
        after = data.get("street_words_after", [])
        self._street_after = re.compile(r"[^\S\n]+(?:" + "|".join(map(re.escape, after)) + r")\b") if after else None

    @classmethod
    def load(cls, path: Path | str = GAZETTEER_PATH) -> Gazetteer:
        """Read a gazetteer JSON file."""
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def spellings(self) -> list[str]:
        """Every spelling of a place (names, former names, aliases), as written in the data."""
        return sorted({a.spelling for variants in self._index.values() for a in variants if a.place})

    @property
    def alias_count(self) -> int:
        """Distinct spellings (folded) that resolve to a place."""
        return sum(1 for variants in self._index.values() if any(a.place for a in variants))

    def _add(self, spelling: str, place: Province | None, province_level: bool, former: bool,
             locative: bool = False) -> None:
        spelling = unicodedata.normalize("NFC", spelling)
        words = list(_WORD.finditer(spelling))
        syllables = tuple(m.group() for m in words)
        dots = tuple("." in spelling[a.end():b.start()] for a, b in zip(words, words[1:]))
        key = fold_aligned(" ".join(syllables))
        variants = self._index.setdefault(key, [])
        if all(v.syllables != syllables or v.place != place for v in variants):
            signs = tuple(marks(w) for w in syllables)
            variants.append(_Alias(spelling, syllables, dots, signs, place, province_level, former, locative))
            # Own and former province names win over a district spelled alike ("Phú Yên" / "Phù Yên").
            variants.sort(key=lambda a: not a.province_level)

    def mentions(self, text: str, people: set[str] | None = None) -> list[PlaceMention]:
        """Every accepted place-name occurrence in ``text``, in order. ``people``: names (folded)
        seen as a person's ("Nguyễn Thị Hà Giang"), which are that person's again when they come
        alone later ("Hà Giang phá kỷ lục"); names found so here are added to it."""
        text = unicodedata.normalize("NFC", text)
        people = set() if people is None else people
        found: list[PlaceMention] = []
        last_end = -1  # where the last accepted place name ended
        ship_end = -1  # where the last ship's name ended
        pos = 0
        while candidate := self._pattern.search(text, pos):
            words = [(m.start(), m.end()) for m in _WORD.finditer(text, candidate.start(), candidate.end())]
            hit = self._longest_fit(text, words)
            if hit is None:
                pos = words[0][1]
                continue
            alias, start, end = hit
            # A vetoed name is skipped whole, so no shorter alias inside it is seen either.
            veto = self._vetoed(alias, text, start, end, last_end) if alias.place is not None else True
            if not veto and ship_end >= 0 and _SHIP_JOIN.fullmatch(text, ship_end, start):
                veto = VESSEL_VETO
            if veto == VESSEL_VETO:
                ship_end = end
            if veto == PERSON_VETO or veto == STREET_VETO and not alias.province_level:
                # "Dien Bien Phu Street … the Dien Bien Phu–Dinh Tien Hoang junction": a town's name
                # (not a province's: "phố Huế") that names a street here names it again alone.
                people.add(fold_aligned(text[start:end]))
            elif not veto and not (people and fold_aligned(text[start:end]) in people):
                found.append(PlaceMention(alias.place, alias.spelling, text[start:end], start, end, alias.former))
                last_end = end
            pos = end
        return found

    def _longest_fit(self, text, words):
        for n in range(len(words), 0, -1):
            variants = self._index.get(fold_aligned(" ".join(text[a:b] for a, b in words[:n])))
            if not variants:
                continue
            spelled = [text[a:b] for a, b in words[:n]]
            gaps = [text[words[k][1]:words[k + 1][0]] for k in range(n - 1)]
            for alias in variants:
                if self._fits(alias, spelled, gaps):
                    return alias, words[0][0], words[n - 1][1]
        return None

    @staticmethod
    def _fits(alias: _Alias, words: list[str], gaps: list[str]) -> bool:
        for gap, dot in zip(gaps, alias.dots):
            if not (_DOT_GAP if dot else _GAP).fullmatch(gap):
                return False
            if len(alias.syllables) == 2 and _SPACED_DASH.fullmatch(gap):
                return False  # "Thổ Nhĩ Kỳ - Anh" is Turkey against England; "Thừa Thiên - Huế" is one name
        # In a name with a capital ("Nhà thi đấu Phú Thọ"), its lower-case words may come without
        # marks in text written without them ("Nha thi dau Phu Tho"); alone ("huế") they may not.
        named = any(w[0].isupper() for w in alias.syllables)
        for want, want_marks, got in zip(alias.syllables, alias.marks, words):
            # Diacritics written in the text must be the alias's ("Huệ" is not "Hue");
            # text written without them matches by folding.
            if not got.isascii() and marks(got) != want_marks:
                return False
            if want[0].isupper():
                if not got[0].isupper():
                    return False
            elif not got[0].isupper() and got.lower() != want and not (named and got.isascii()):
                return False
        return True

    def _vetoed(self, alias, text, start, end, last_end) -> bool | str:
        """Whether the context says this is no place: True, or ``PERSON_VETO`` for a person's name,
        ``STREET_VETO`` for a street's, ``VESSEL_VETO`` for a ship's (what ``mentions`` carries on)."""
        name = fold_aligned(alias.spelling)
        if name in self.foreign_homonyms and \
                self._foreign_context.search(fold_aligned(text[max(0, start - 250):start + 250])):
            return True  # "tỉnh Hà Nam" next to Trịnh Châu is Henan
        partner = self.foreign_pairs.get(name)
        if partner and partner.search(fold_aligned(text[max(0, start - 120):start + 120])):
            return True  # "Thái Nguyên, thủ phủ tỉnh Sơn Tây" is Taiyuan
        if self._street_after and self._street_after.match(text, end):
            return STREET_VETO  # "Hue Street", "Hanoi Road"
        if _CREDIT_BEFORE.search(text, max(0, start - 24), start) and _CREDIT_END.match(text, end):
            return True  # "Ảnh: Hà Giang", "Story by Hai Duong." — this mention only, not the name everywhere
        if _HULL_BEFORE.search(text, max(0, start - 16), start):
            return PERSON_VETO  # a ship by its hull number, "HQ-184 Hải Phòng", and so again alone
        if text.startswith("-style", end):
            return True  # "Hanoi-style bun cha"
        # Text written with marks around the name: its context words must carry theirs.
        marked = not text[max(0, start - 60):end + 20].isascii()
        if not marked and name.startswith(_SURNAME_START + " ") and _GIVEN_NAME_AFTER.match(text, end):
            return PERSON_VETO
        if self._work_title(text, start, marked):
            return True  # "ca khúc 'Hà Nội 12 mùa hoa'", "the film Dien Bien Phu"
        before = _CONTEXT.search(text, max(0, start - 40), start)
        # Context words count only when they sit right before the name, on the same line,
        # and are not themselves part of the previous place name.
        if alias.locative and not (before and fold_aligned(before.group("prev")) in self.locative_words
                                   or _PLACE_AFTER.match(text, end)):
            return True  # "Vinh" is a person's name unless a word of place goes with it
        if before is None or before.end("prev") == last_end:
            return False
        prev = before.group("prev")
        prev_folded = fold_aligned(prev)
        if marked and marks(prev) not in self._context_marks.get(prev_folded, (marks(prev),)):
            prev_folded = ""  # in text written with marks, "ngo" (in "ghe ngo") is no "ngõ", an alley
        pair = fold_aligned(f"{before.group('pp') or ''} {prev}").strip()
        if prev_folded in self.street_words and pair not in self.street_exceptions:
            return STREET_VETO
        if pair in self.junction_words:
            return True  # "ngã tư Huế – Trần Khát Chân", "cầu vượt Điện Biên Phủ": named by the streets that meet
        if prev_folded in self.division_words and pair not in self.division_exceptions \
                and (alias.province_level or prev_folded in self.commune_words):
            return True
        if prev_folded in self.ward_words and name in self.ward_homonyms:
            return True  # "phường Điện Biên" is in Thanh Hóa, Hà Nội…; "phường Nam Định" is Nam Định's
        dish = fold_aligned(prev)
        if (dish in self.dish_words or pair in self.dish_words) and pair not in self.street_exceptions and \
                (not marked or marks(prev) in self._dish_marks.get(dish, (marks(prev),))):
            return True  # "bún bò Huế", "phở Nam Định", "Bia Sai Gon"; not "thành phố Nha Trang"
        # A village is named after anything ("làng Tây Hồ" is in Huế): no alias after a village word.
        if prev_folded in self.village_words:
            return True
        if prev.lower() in self.vessel_words or _NUMBER_AFTER.match(text, end) and (
                prev.lower() in self.vessel_words_numbered or pair in self.vessel_pairs_numbered
                or " ".join(fold_aligned(text[max(0, start - 30):start]).split()[-3:]) in self.vessel_triples_numbered):
            return VESSEL_VETO  # "the bulk carrier Thai Binh 68", "tàu hàng Thái Bình 68", "tàu khảo sát Hải Dương 8"
        pp = before.group("pp") or ""
        titled_pair = f"{pp} {prev}".lower() in self.person_title_pairs if marked else \
            pair in self.person_title_pairs_folded  # "bị cáo Đồng Đăng Phúc", a defendant
        if (prev.lower() in self.person_titles or titled_pair) and pair not in self.person_title_exceptions:  # "Trẻ em TP.HCM"
            # "chị Hà Giang", "Bà Lan"; after a capitalised word the title is part of a name, and
            # what follows is no place either ("Hoàng Anh Gia Lai"), but "Đức Bà" is no person.
            return True if prev[0].isupper() and pp[:1].isupper() else PERSON_VETO
        if prev[0].isupper() and fold_aligned(pp) not in self.dynasty_words:
            if prev in self.person_names:
                return PERSON_VETO
            return prev in self.person_names_rare  # a person, but "Hứa" may be a place's syllable elsewhere
        return False

    def _work_title(self, text: str, start: int, marked: bool) -> bool:
        """The name is (in) the title of a work: right after its kind ("the film Dien Bien Phu"), or
        inside quotes opened after it ("bộ phim 'Cô Ba Sài Gòn'"). In text with marks the kind is
        compared as written ("sông Sài Gòn" is a river, not a song)."""
        line_start = text.rfind("\n", 0, start) + 1
        head = text[max(line_start, start - 60):start]
        opened = max(head.rfind(q) for q in _OPENING_QUOTES)
        if opened >= 0 and not any(q in head[opened + 1:] for q in _CLOSING_QUOTES):
            head = head[:opened]  # the quotes opened before the name and are still open
        elif not head[-1:].isspace():
            return False
        words = [w.lower() if marked else fold_aligned(w) for w in head.split()[-2:]]
        kinds = self.work_words_written if marked else self.work_words
        return bool(words) and (words[-1] in kinds or " ".join(words) in kinds)


def _trie_pattern(keys) -> re.Pattern:
    """One regex matching any key in any case and accenting, longest first (keys: folded)."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node) -> str:
        branches = [(_SEP if char == " " else _LETTER_CLASSES.get(char) or re.escape(char)) + emit(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a key ends here; the longer ones are tried first
            body = f"(?:{body})?"
        return body

    return re.compile(r"(?<!\w)" + emit(trie) + r"(?!\w)")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package, loaded once per process."""
    return Gazetteer.load(GAZETTEER_PATH)


def find_place_mentions(text: str) -> list[PlaceMention]:
    """Every place-name occurrence in ``text`` with its alias and span (spans index the NFC text)."""
    return gazetteer().mentions(text)


def find_places(text: str) -> list[Province]:
    """The provincial units ``text`` mentions, each once, in order of first mention."""
    seen: dict[str, Province] = {}
    for mention in gazetteer().mentions(text):
        seen.setdefault(mention.place.slug, mention.place)
    return list(seen.values())


def get_place(slug: str) -> Province:
    """The place with this slug (``KeyError`` if there is none)."""
    return gazetteer().places[slug]


def all_places() -> list[Province]:
    """The 34 provincial units, in gazetteer order."""
    return list(gazetteer().places.values())
