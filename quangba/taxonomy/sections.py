"""Sections of the portal, and how articles are filed under them.

Pure library (no Django). Vietnamese articles get a VNTC topic from ``topics.predict``;
``section_for_topic`` files the topic under a section. English articles have no trained model:
``classify_english`` scores weighted keywords per section, a rule list an editor can read and
change. Ten examples written after the list and before any tuning: 6 of 10 right; after adding
plurals and a few keywords it files 21 of the 22 examples in ``tests/test_topics.py`` (in-sample).
On 128 English corpus pages labelled apart (``bench/sections_en.py``) it files 0.438 right: the
keywords fit Vietnamese outlets' English news, not Western web pages; an outlet's own categories,
through its map, come first in the pipeline (``filing.section_for``).
"""
from __future__ import annotations

import re
from collections import Counter

SECTIONS = ("news", "political-system", "business", "heritage", "figure", "local", "product", "travel", "video")
DEFAULT_SECTION = "news"

# Why each topic goes where it goes:
TOPIC_SECTIONS = {
    "Chinh tri Xa hoi": "political-system",  # politics and society: Party, State, National Assembly
    "Kinh doanh": "business",
    "Van hoa": "heritage",  # culture: festivals, relics, arts, traditions
    "Doi song": "local",  # everyday life is reported from the localities
    "Vi tinh": "product",  # computing: devices, software, digital services
    "The gioi": "news",  # the portal has no world section; world news is news
    "Phap luat": "news",  # law and courts
    "Suc khoe": "news",  # health
    "The thao": "news",  # sport
    "Khoa hoc": "news",  # science
}


def section_for_topic(topic: str) -> str:
    """The section slug for a VNTC topic label (``news`` for anything unknown)."""
    return TOPIC_SECTIONS.get(topic, DEFAULT_SECTION)


# Keyword → weight per section; phrases count as one hit. Lower-case, matched on word boundaries.
ENGLISH_KEYWORDS: dict[str, dict[str, float]] = {
    "political-system": {
        "party": 1, "communist party": 2, "politburo": 3, "central committee": 3, "general secretary": 3,
        "national assembly": 3, "congress": 1.5, "resolution": 1.5, "party committee": 3, "secretary": 1,
        "prime minister": 1.5, "president": 1, "government": 1, "ministry": 1, "minister": 1,
        "deputies": 2, "legislation": 1.5, "law": 0.5, "anti-corruption": 2, "cadres": 2, "officials": 1,
        "administrative": 1.5, "apparatus": 2, "streamlining": 2, "decree": 1.5, "diplomatic": 1, "state": 0.5,
    },
    "business": {
        "economy": 2, "economic": 1.5, "gdp": 3, "growth": 1, "export": 2, "exports": 2, "import": 1.5,
        "investment": 2, "investors": 2, "fdi": 3, "billion": 1, "usd": 1, "vnd": 1.5, "bank": 1.5, "banks": 1.5,
        "stock": 2, "shares": 1.5, "market": 1, "trade": 1.5, "revenue": 2, "profit": 2, "enterprises": 2,
        "businesses": 1.5, "company": 1, "inflation": 2.5, "interest rate": 2.5, "industrial park": 2,
        "semiconductor": 2.5, "chip": 1.5, "exporter": 2, "price": 0.5, "cooperation": 0.5, "deal": 1,
    },
    "heritage": {
        "heritage": 3, "unesco": 3, "relic": 3, "relics": 3, "pagoda": 2, "temple": 2, "citadel": 2.5,
        "dynasty": 2.5, "ancient": 1.5, "festival": 1.5, "tradition": 1.5, "traditional": 1, "folk": 2,
        "ritual": 2, "worship": 2, "museum": 1.5, "artefacts": 2.5, "artifacts": 2.5, "royal": 1.5, "culture": 1,
        "cultural": 1, "historical": 1, "intangible": 3, "ca tru": 3, "quan ho": 3, "nha nhac": 3,
    },
    "figure": {
        "hero": 2, "heroic": 1.5, "veteran": 2, "artisan": 2.5, "artist": 1.5, "people's artist": 3,
        "biography": 3, "portrait": 2, "born in": 2, "his life": 2.5, "her life": 2.5, "memoir": 2.5,
        "legendary": 1.5, "devoted": 2, "mother": 1, "inspiring": 1.5, "dedication": 1.5, "career": 1.5,
        "teacher": 1.5, "for years": 1.5, "who": 0.5,
    },
    "local": {
        "province": 1, "provincial": 1.5, "commune": 2, "communes": 2, "district": 1, "ward": 1.5,
        "villagers": 2, "village": 1, "residents": 1.5, "local authorities": 2.5, "flood": 2, "floods": 2,
        "landslide": 2.5, "storm": 1.5, "rural": 1.5, "farmers": 1.5, "new-style rural": 3, "people's committee": 2,
        "infrastructure": 1, "road": 0.5, "poverty": 1.5, "households": 1.5,
    },
    "product": {
        "product": 2, "products": 2, "ocop": 3, "specialty": 2.5, "specialties": 2.5, "brand": 2, "brands": 2,
        "launch": 1.5, "launched": 1.5, "smartphone": 3, "app": 1.5, "software": 2, "device": 2, "made in vietnam": 3,
        "coffee": 1.5, "rice": 1, "fruit": 1.5, "durian": 2, "handicraft": 2.5, "handicrafts": 2.5, "quality": 1,
        "geographical indication": 3, "consumers": 1.5, "price": 0.5,
    },
    "travel": {
        "tourism": 3, "tourist": 2.5, "tourists": 2.5, "travel": 2, "travellers": 2.5, "travelers": 2.5,
        "visitors": 2, "destination": 2.5, "destinations": 2.5, "beach": 2, "beaches": 2, "resort": 2, "hotel": 1.5,
        "trekking": 2.5, "sightseeing": 3, "itinerary": 3, "island": 1, "bay": 1, "cave": 1.5, "scenery": 2,
        "explore": 1.5, "tour": 2, "tours": 2, "international arrivals": 3, "homestay": 3, "old town": 2,
        "crowds": 1,
    },
    "video": {
        "video": 3, "watch": 1.5, "clip": 3, "footage": 3, "filmed": 2, "livestream": 2.5, "in pictures": 1.5,
        "camera": 1, "vlog": 3,
    },
}


def _keyword_pattern() -> re.Pattern:
    words = sorted({kw for kws in ENGLISH_KEYWORDS.values() for kw in kws}, key=len, reverse=True)
    # A plural "s"/"es" counts as the keyword itself ("exporters" → "exporter").
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?(?![\w-])")


_KEYWORDS = _keyword_pattern()
_TITLE_WEIGHT = 3  # a keyword in the headline says more than one in the body


# Political System is Vietnam's: another country's parliament or president is News. An English
# article is about Vietnam's politics only where it names Vietnam, a place in it, or one of its
# own institutions.
_VIETNAM = re.compile(r"\b(?:viet ?nam(?:ese)?|hanoi|ha noi|ho chi minh city|hcmc|saigon|"
                      r"fatherland front|people['’]s committees?)\b")
# Institutions Vietnam shares with other states: Vietnam's on a Vietnamese partner's page unless
# another country is named ("China's Communist Party", "Nigeria's National Assembly").
_PARTY_STATE = re.compile(r"\b(?:politburo|communist party|national assembly|party central committee|"
                          r"party committee|general secretary|party chief)\b")
_ELSEWHERE = re.compile(r"\b(?:china|chinese|beijing|hong kong|laos?|lao|cambodia|cambodian|thailand|thai|"
                        r"korea|korean|japan|japanese|india|indian|russia|russian|ukraine|ukrainian|"
                        r"united states|america|american|washington|britain|british|"
                        r"england|france|french|germany|german|europe|european|nigeria|nigerian|"
                        r"cuba|cuban|venezuela|iran|iranian|israel|israeli|africa|african|australia|"
                        r"canada|canadian|brazil|mexico|indonesia|philippines|singapore|malaysia|myanmar|"
                        r"pakistan|turkey|egypt|syria|iraq|afghanistan|taiwan|mongolia|north korea)\b")
_ELSEWHERE_ABBREVIATED = re.compile(r"\b(?:U\.S\.|US|USA|U\.K\.|UK|EU)\b")  # as written: "us" is a word
# A video item says so in its title ("Video: …", "Watch: …", "[Video]", "VIDEO - …"); a body that
# talks about video editing or a livestream is no video item, nor is "Watch out: …".
_VIDEO_TITLE = re.compile(r"^\W*(?:video|watch|clip|vlog)(?:\s*[:|\]]|\s+[–—-]\s)", re.IGNORECASE)


def about_vietnam(text: str, title: str = "") -> bool:
    """Whether an English article is about Vietnam's politics: it names Vietnam, one of its
    places (the gazetteer) or its own institutions, or a party-state institution ("Politburo",
    "National Assembly") with no other country named."""
    from .places import find_places

    sample = f"{title}\n{text[:4000]}"
    folded = sample.lower()
    if _VIETNAM.search(folded) or find_places(sample):
        return True
    return bool(_PARTY_STATE.search(folded)) and not (_ELSEWHERE.search(folded) or _ELSEWHERE_ABBREVIATED.search(sample))


def english_scores(text: str, title: str = "") -> dict[str, float]:
    """Keyword score per section for an English article (title hits count three times); no
    Political System without Vietnam in the article, no Video without a video title."""
    hits = Counter(_KEYWORDS.findall(text.lower()))
    for keyword in _KEYWORDS.findall(title.lower()):
        hits[keyword] += _TITLE_WEIGHT
    scores = {
        section: sum(weight * hits[kw] for kw, weight in keywords.items() if kw in hits)
        for section, keywords in ENGLISH_KEYWORDS.items()
    }
    if scores["political-system"] and not about_vietnam(text, title):
        scores["political-system"] = 0.0
    if not _VIDEO_TITLE.match(title or ""):
        scores["video"] = 0.0
    return scores


# A generic category ("News", "Travel News") is overruled by the keywords when one section
# scores at least this much, and twice the next.
CLEAR_WIN = 8.0


def clear_english_section(text: str, title: str = "") -> str | None:
    """The section an English article's keywords clearly point to, or None."""
    scores = sorted(english_scores(text, title).items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = scores[0], scores[1]
    return best if top >= CLEAR_WIN and top >= 2 * second else None


def classify_english(text: str, title: str = "") -> str:
    """The section slug for an English article; ``news`` when no section clearly wins."""
    scores = english_scores(text, title)
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else DEFAULT_SECTION
