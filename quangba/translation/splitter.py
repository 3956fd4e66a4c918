"""Sentence splitting for Vietnamese (and English) news text, and for HTML fragments.

Hand-written because the offline tokenizers split "TP.HCM. Sáng nay" or "PGS.TS. Nguyễn"
wrongly or not at all, and we need offsets that map back into HTML.
"""
from __future__ import annotations

import re

# Lower-cased abbreviations that end with a period without ending the sentence.
ABBREVIATIONS = {
    # Vietnamese titles, ranks and administrative units
    "tp", "tt", "q", "p", "x", "h", "pgs", "gs", "ts", "ths", "bs", "bsck", "ck", "cki", "ckii",
    "ks", "ls", "ncs", "cn", "nsnd", "nsưt", "nxb", "đ/c", "đc", "th.s", "st", "tr", "tx",
    "kts", "ng", "ttg", "ubnd", "vd", "tnhh", "cty",
    # English
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "st", "jr", "sr", "no", "vs",
    "etc", "inc", "ltd", "co", "corp", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "fig", "approx", "e.g", "i.e", "u.s",
}
# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
# What may start the next sentence: a capital, a digit, an opening quote or a dash.
_NEXT = re.compile(r"\s+[\"'“‘«(\[–—-]?\s*[A-ZĐÀ-ỸĂÂÊÔƠƯ0-9]", re.UNICODE)
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def _is_abbreviation(token: str) -> bool:
    """``PGS.TS.``, ``Tp.``, ``Q.`` or a single capital initial; ``TP.HCM.`` is a real end."""
    word = token.rstrip(".").lstrip("(\"'“")
    if not word:
        return False
    last = word.split(".")[-1].lower()
    if last in ABBREVIATIONS or word.lower() in ABBREVIATIONS:
        return True
    # "A." initials, but not "Ông A." at the end? Initials are far more common mid-sentence.
    return len(word) == 1 and word.isalpha() and word.isupper()


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in ``text`` (the last sentence's end excluded)."""
    ends = []
    for m in _END.finditer(text):
        if not _NEXT.match(text, m.end()):
            continue
        punct = m.group(0)
        if punct.startswith(".") and not punct.startswith("..."):
            # A token is short: look back a little, not from the start (that was quadratic).
            token = _TOKEN_BEFORE.search(text, max(0, m.start() - 80), m.start() + 1)
            if token and _is_abbreviation(token.group(1)):
                continue
        ends.append(m.end())
    return ends


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences; whitespace between sentences is dropped."""
    pieces, start = [], 0
    for end in sentence_ends(text) + [len(text)]:
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces


_TAG = re.compile(r"<[^>]*>")
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source"}


def split_html(fragment: str) -> list[str]:
    """Split an inline HTML fragment at sentence ends that fall outside any open element."""
    plain, positions, depths, depth, pos = [], [], [], 0, 0
    for m in _TAG.finditer(fragment + "<end>"):
        for i, ch in enumerate(fragment[pos:m.start()]):
            plain.append(ch)
            positions.append(pos + i)
            depths.append(depth)
        tag = m.group(0)
        name = re.match(r"</?\s*([a-zA-Z0-9-]+)", tag)
        if name and name.group(1).lower() not in _VOID and not tag.endswith("/>"):
            depth += -1 if tag.startswith("</") else 1
        pos = m.end()
    text = "".join(plain)
    cuts = [positions[end] for end in sentence_ends(text) if end < len(text) and depths[end - 1] == 0]
    pieces, start = [], 0
    for cut in cuts + [len(fragment)]:
        piece = fragment[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    return pieces


def pack(pieces: list[str], limit: int) -> list[str]:
    """Join consecutive sentences back into chunks of at most ``limit`` characters.

    A single sentence longer than the limit is cut at the last space before it.
    """
    chunks: list[str] = []
    for piece in pieces:
        while len(piece) > limit:
            cut = piece.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            chunks.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if chunks and len(chunks[-1]) + 1 + len(piece) <= limit:
            chunks[-1] = f"{chunks[-1]} {piece}"
        elif piece:
            chunks.append(piece)
    return chunks
