"""Sentence splitting for Vietnamese (and English) news text, and for HTML fragments.

Hand-written because the offline tokenizers split "TP.HCM. Sáng nay" or "PGS.TS. Nguyễn"
wrongly or not at all, and we need offsets that map back into HTML.
"""
from __future__ import annotations

import bisect
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


# A sentence end: a run of terminal punctuation taken whole (it starts where no punctuation is
# before it, and never gives characters back, so a run of a million dots costs one pass),
# closing quotes, then whitespace and what may start a sentence (a capital, digit, quote, dash).
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s+[\"'“‘«(\[–—-]?\s*[A-ZĐÀ-ỸĂÂÊÔƠƯ0-9])",
                  re.UNICODE)


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in ``text`` (the last sentence's end excluded)."""
    ends = []
    for m in _END.finditer(text):
        punct = m.group(0)
        if punct.startswith(".") and not punct.startswith("..."):
            # The word before is short: look back a little, never from the start of the text.
            low, at = max(0, m.start() - 80), m.start()
            begin = max(text.rfind(" ", low, at), text.rfind("\n", low, at), text.rfind("\t", low, at),
                        text.rfind("\xa0", low, at), low - 1) + 1
            if begin < at + 1 and _is_abbreviation(text[begin:at + 1]):
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


# "<" cannot occur inside a tag: a stray "<" then costs nothing (no scan to the next ">").
_TAG = re.compile(r"<[^<>]*>")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source"}


def split_html(fragment: str) -> list[str]:
    """Split an inline HTML fragment at sentence ends that fall outside any open element."""
    # Runs of text between tags: (offset in the plain text, offset in the fragment, depth).
    runs, texts, depth, pos, plain_len = [], [], 0, 0, 0
    for m in _TAG.finditer(fragment):
        if m.start() > pos:
            runs.append((plain_len, pos, depth))
            texts.append(fragment[pos:m.start()])
            plain_len += m.start() - pos
        tag = m.group(0)
        name = _TAG_NAME.match(tag)
        if name and name.group(1).lower() not in _VOID and not tag.endswith("/>"):
            depth += -1 if tag.startswith("</") else 1
        pos = m.end()
    if pos < len(fragment):
        runs.append((plain_len, pos, depth))
        texts.append(fragment[pos:])
        plain_len += len(fragment) - pos
    text = "".join(texts)
    starts = [run[0] for run in runs]
    cuts = []
    for end in sentence_ends(text):
        if end >= len(text):
            continue
        # The run holding the sentence's last character decides its depth and its place.
        run = runs[bisect.bisect_right(starts, end - 1) - 1]
        if run[2] == 0:
            cuts.append(run[1] + (end - run[0]))
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
