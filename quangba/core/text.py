"""Text folding shared by slugs, search and matching."""
import hashlib
import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Vietnamese without diacritics: NFD, combining marks dropped, đ→d (NFD keeps đ whole)."""
    decomposed = unicodedata.normalize("NFD", text)
    return _MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


def slugify(text: str, max_length: int = 100) -> str:
    """An ASCII slug from any Vietnamese or English text ("Đà Nẵng" → "da-nang")."""
    folded = fold(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].rstrip("-")


def identity_hash(value: str) -> str:
    """The stable identity of an entry or article: a hash of its GUID or canonical URL."""
    return hashlib.sha256(value.strip().encode("utf-8")).hexdigest()
