"""Text folding shared by slugs, search and matching: `fold` drops diacritics (its result may be
shorter than the text); `fold_aligned` folds one character to one character, so positions in the
result are positions in the text (highlighting, the gazetteer's matching)."""
import hashlib
import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Vietnamese without diacritics: NFD, combining marks dropped, đ→d (NFD keeps đ whole)."""
    decomposed = unicodedata.normalize("NFD", text)
    return _MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


def _aligned_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x2000):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isalpha():
            table[code] = base.lower()
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("ð"): "d"})
    table.update({code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)})
    return table


ALIGNED_FOLD = _aligned_table()


def fold_aligned(text: str) -> str:
    """Lower case without diacritics, one character per character ("Đà Nẵng" → "da nang")."""
    return text.translate(ALIGNED_FOLD)


def slugify(text: str, max_length: int = 100) -> str:
    """An ASCII slug from any Vietnamese or English text ("Đà Nẵng" → "da-nang")."""
    folded = fold(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].rstrip("-")


def identity_hash(value: str) -> str:
    """The stable identity of an entry or article: a hash of its GUID or canonical URL."""
    return hashlib.sha256(value.strip().encode("utf-8")).hexdigest()


_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def web_url(url: str) -> str:
    """`url` when it is an http(s) URL with a host, else "": every URL a partner gives (links,
    canonical, images, enclosures, posters) passes here before it is stored or shown, so a
    `javascript:` or `data:` URL never becomes a link."""
    url = (url or "").strip()
    if _UNSAFE_IN_URL.search(url):
        return ""
    scheme, _, rest = url.partition(":")
    return url if scheme.lower() in ("http", "https") and rest.startswith("//") and len(rest) > 2 else ""


# The Vietnamese alphabet's letters in order (ă, â after a; đ after d; ê after e; ô, ơ after o;
# ư after u); a tone mark only breaks ties.
_VI_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VI_RANK = {letter: f"{i:02d}" for i, letter in enumerate(_VI_LETTERS)}
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def sort_key(text: str, language: str = "") -> tuple[str, str]:
    """A key that sorts names as a reader of `language` expects: in Vietnamese by its alphabet
    ("Hà Nội" before "Huế", "Đà Nẵng" after every "D"), else without diacritics ("Hanoi", "Hue")."""
    if language != "vi":
        return fold(text).casefold(), text
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _TONES:
            tones.append(str(_TONES.index(char) + 1))
        elif unicodedata.combining(char):  # breve, circumflex, horn: part of the letter
            if letters:
                letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char)
            tones.append("0")
    # A space ends a word, before any letter ("Cà Mau" before "Cao Bằng").
    return "".join(_VI_RANK.get(c, "  " if c.isspace() else f"~{c}") for c in letters), "".join(tones)
