"""Bylines and titles without the outlet's name glued on."""
from __future__ import annotations

import re

_BY = re.compile(r"^\s*(?:by|from|bài(?: và ảnh)?|tác giả|written by|posted by|author|nhóm phóng viên)\s*[:.]?\s+", re.I)
_OUTLET_WORDS = re.compile(
    r"(?:\bbáo\b|\btạp chí\b|\bthông tấn\b|\bTTXVN\b|\bVNA\b|\bnews\b|\bpress\b|\bagency\b|\.vn\b|\.com\b|\.net\b|"
    r"\bonline\b|\bstaff\b|\breporter\b|\bphóng viên\b|\bcộng tác viên\b|\bCTV\b|\bPV\b|\btheo\b)",
    re.I,
)
# "(VNE)", "(tổng hợp)", "(theo Reuters)": whatever follows a name in brackets is not the name.
_TRAILING_TAG = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_SEPARATORS = re.compile(r"\s+[-–—|/]\s+|\s*\|\s*|\s*,\s+(?=(?:báo|theo|tạp chí)\b)", re.I)
_TITLE_SEP = re.compile(r"\s+[-–—|:·»]\s+|\s*\|\s*")


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def clean_author(raw: str, site_name: str = "") -> str:
    """"Nguyễn Văn A - Báo Dân trí" → "Nguyễn Văn A"; "By Jane Doe | Reuters" → "Jane Doe"."""
    if not raw:
        return ""
    raw = " ".join(raw.split())
    if raw.startswith(("http://", "https://")):
        raw = raw.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
    names = []
    site = _fold(site_name)
    for chunk in re.split(r"\s*;\s*|\s+(?:and|và)\s+|\s*,\s*(?=[A-ZĐÀ-Ỹ])", raw):
        if re.match(r"\s*theo\s", chunk, re.I):
            continue  # "Theo VnExpress" credits a source outlet, not a writer
        chunk = _BY.sub("", chunk)
        chunk = _TRAILING_TAG.sub("", chunk)
        parts = [p.strip(" .,:-–—|") for p in _SEPARATORS.split(chunk)]
        parts = [p for p in parts if p and not _OUTLET_WORDS.search(p) and not (site and _fold(p) in site)]
        if parts:
            name = parts[0]
            if 1 < len(name) <= 60 and not re.search(r"\d{3,}|@|https?:", name):
                names.append(name)
    return ", ".join(dict.fromkeys(names))


def clean_title(raw: str, site_name: str = "", h1: str = "") -> str:
    """A title without " - Site name" or "Site | " around it; the page's <h1> wins when it matches."""
    raw = " ".join((raw or "").split())
    h1 = " ".join((h1 or "").split())
    if h1 and raw and _fold(h1) and _fold(h1) in _fold(raw):
        return h1
    if not raw:
        return h1
    parts = _TITLE_SEP.split(raw)
    if len(parts) > 1:
        site = _fold(site_name)
        kept = [p for p in parts if not (site and (_fold(p) in site or site in _fold(p)))]
        if len(kept) < len(parts) and kept:
            return " - ".join(kept) if len(kept) > 1 else kept[0]
        # With no site name to go by, the longest part is the headline.
        longest = max(parts, key=len)
        if len(longest) > 0.6 * len(raw) or len(parts[-1]) < 30:
            return longest if len(longest) > 0.6 * len(raw) else " - ".join(parts[:-1])
    return raw
