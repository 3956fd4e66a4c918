"""Dates as outlets print them, read as timezone-aware datetimes (Vietnam time unless stated)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from lxml import etree

VIETNAM = timezone(timedelta(hours=7), "ICT")

_ISO = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d?)-(?P<d>\d\d?)"
    r"(?:[T ]+(?P<H>\d\d?):(?P<M>\d\d)(?::(?P<S>\d\d)(?:[.,]\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d\d:?\d\d)?"
)
# Day first, as Vietnamese and most European outlets print it: 7/3/2026, 07-03-2026, 07.03.2026.
_DMY = re.compile(r"(?<!\d)(?P<d>\d\d?)[/.-](?P<m>\d\d?)[/.-](?P<y>(?:19|20)\d\d)(?!\d)")
_YMD_SLASH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)(?!\d)")
_TIME = re.compile(r"(?<!\d)(?P<H>\d\d?)(?::|h)(?P<M>\d\d)(?::(?P<S>\d\d))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?!\d)")
_GMT = re.compile(r"(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d\d?)(?::?(?P<m>\d\d))?")
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "janvier", "januar", "enero"),
            ("feb", "february", "février", "fevrier", "februar", "febrero"),
            ("mar", "march", "mars", "märz", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "juni", "junio"),
            ("jul", "july", "juillet", "juli", "julio"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "oktober", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "décembre", "decembre", "dezember", "diciembre"),
        ]
    )
    for name in names
}
_MONTH_WORD = r"(?P<mon>[A-Za-zéûä]{3,10})\.?"
_MDY_WORDS = re.compile(_MONTH_WORD + r"\s+(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)")
_DMY_WORDS = re.compile(r"(?<!\d)(?P<d>\d\d?)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH_WORD + r",?\s+(?P<y>(?:19|20)\d\d)")
# "ngày 7 tháng 3 năm 2026"
_VI_WORDS = re.compile(r"(?P<d>\d\d?)\s+tháng\s+(?P<m>\d\d?)(?:\s*(?:năm|,)\s*|\s+)(?P<y>(?:19|20)\d\d)", re.I)
_RELATIVE_AGO = re.compile(r"(\d+)\s+(phút|giờ|ngày|minutes?|hours?|days?)\s+(trước|ago)", re.I)


def _zone(text: str, tz: str | None, default: timezone) -> timezone:
    if tz:
        if tz == "Z":
            return timezone.utc
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    found = _GMT.search(text)
    if found:
        sign = -1 if found["sign"] == "-" else 1
        return timezone(sign * timedelta(hours=int(found["h"]), minutes=int(found["m"] or 0)))
    return default


def _time_of(text: str) -> tuple[int, int, int]:
    found = _TIME.search(text)
    if not found:
        return 0, 0, 0
    hour, minute, second = int(found["H"]), int(found["M"]), int(found["S"] or 0)
    ampm = (found["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, minute, second


def _build(y, m, d, hms, zone) -> datetime | None:
    try:
        return datetime(int(y), int(m), int(d), *hms, tzinfo=zone)
    except ValueError:
        return None


def parse_date(text: str | None, default_tz: timezone = VIETNAM, day_first: bool = True) -> datetime | None:
    """Read a date as outlets print it ("07/03/2026 08:47", "Thứ bảy, 7/3/2026, 08:05 (GMT+7)",
    ISO 8601, "March 7, 2026"); naive values are taken to be in `default_tz` (Vietnam time).
    `day_first=False` reads an ambiguous 05/08/2014 the American way (May 8)."""
    if not text:
        return None
    text = " ".join(str(text).split())[:200]
    if not text:
        return None
    found = _ISO.search(text)
    if found:
        hms = (int(found["H"] or 0), int(found["M"] or 0), int(found["S"] or 0))
        if found["H"] is None:
            hms = _time_of(text[found.end():])
        return _build(found["y"], found["m"], found["d"], hms, _zone(text, found["tz"], default_tz))
    for pattern in (_DMY, _YMD_SLASH, _VI_WORDS):
        found = pattern.search(text)
        if found:
            rest = text[: found.start()] + " " + text[found.end():]
            day, month = found["d"], found["m"]
            if pattern is _DMY and (int(month) > 12 or not day_first and int(day) <= 12):
                day, month = month, day
            return _build(found["y"], month, day, _time_of(rest), _zone(text, None, default_tz))
    for pattern in (_MDY_WORDS, _DMY_WORDS):
        found = pattern.search(text)
        if found and found["mon"].lower() in _MONTHS:
            rest = text[: found.start()] + " " + text[found.end():]
            month = _MONTHS[found["mon"].lower()]
            return _build(found["y"], month, found["d"], _time_of(rest), _zone(text, None, default_tz))
    return None


_DATED = etree.XPath(
    "//time | //*[@itemprop='datePublished' or @itemprop='dateCreated']"
    " | //*[contains(@class,'date') or contains(@class,'time') or contains(@class,'publish')"
    " or contains(@class,'posted') or contains(@id,'date') or contains(@class,'byline')"
    " or contains(@class,'meta')][not(self::script or self::style or self::body or self::html)]"
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)/")


def find_page_date(tree, url: str | None = None, language: str = "") -> datetime | None:
    """The publication date printed on the page, for pages whose metadata has none: the dateline
    around the headline, <time> and date-ish blocks (class date/time/publish/meta/byline),
    /YYYY/MM/DD/ in the URL, then htmldate."""
    day_first = language != "en"
    heading = tree.find(".//h1")
    if heading is not None:
        # The dateline is usually printed around the headline.
        for block in list(heading.iterancestors())[:3]:
            found = _plausible(parse_date(" ".join(block.text_content().split())[:3000], day_first=day_first))
            if found:
                return found
    for node in _DATED(tree)[:60]:
        value = node.get("datetime") or node.get("content") or ""
        if not value:
            text = " ".join(node.text_content().split())
            if len(text) > 160:
                continue
            value = text
        found = _plausible(parse_date(value, day_first=day_first))
        if found:
            return found
    if url:
        found = _URL_DATE.search(url)
        if found:
            return _build(found[1], found[2], found[3], (0, 0, 0), VIETNAM)
    return _htmldate(tree, url)


def _plausible(found: datetime | None) -> datetime | None:
    return found if found and 1990 <= found.year <= datetime.now().year + 1 else None


def _htmldate(tree, url: str | None) -> datetime | None:
    # htmldate (trafilatura's own date finder) knows many more page layouts; last, as it is slower.
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    return parse_date(found) if found else None
