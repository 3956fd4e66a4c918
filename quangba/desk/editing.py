"""Side-by-side translation editing: an article's translation as rows of source segment | machine
output | the editors' text, with the QA gate's findings on the segment they concern, the glossary's
terms marked in the source, and the segments the source changed in since the editors last approved
it shown as a word diff. Saving rebuilds the translation from the source's own structure, makes
every segment an editor-approved entry of the translation memory and publishes or holds it."""
from __future__ import annotations

import difflib
import html as htmllib
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quangba.articles.actions import HoldTranslation, PublishTranslation
from quangba.articles.images import image_dict
from quangba.articles.models import ArticleTranslation, ArticleVersion
from quangba.core.actions import Action
from quangba.core.html import clean_body
from quangba.core import reasons
from quangba.core.reasons import localize_finding
from quangba.translation import ArticleDoc, ImageDoc
from quangba.translation.memory import normalize
from quangba.translation.segment import rebuild_article, segment_article
from quangba.translation.stages import DatabaseMemory, article_doc, glossary_for

_TAG = re.compile(r"<[^>]+>")
_FINDING = re.compile(r"([\w.-]+): ")
# Inline markup an editor may keep or write in a paragraph (links, emphasis).
INLINE_TAGS = {"a", "strong", "em", "b", "i", "br", "span", "sup", "sub"}


def _labels(segments) -> list[str]:
    """A name for each segment an editor recognizes: "Paragraph 3", "Caption 1", "Image 2, credit"."""
    counts: dict[str, int] = {}
    labels = []
    for segment in segments:
        parts = segment.id.split(".")
        if segment.id == "title":
            labels.append(_("Title"))
        elif segment.id == "lead":
            labels.append(_("Lead"))
        elif parts[0] == "image":
            part = {"caption": _("caption"), "alt": _("alt text"), "credit": _("credit")}[parts[2]]
            labels.append(_("Image %(n)s, %(part)s") % {"n": int(parts[1]) + 1, "part": part})
        else:
            counts[segment.kind] = n = counts.get(segment.kind, 0) + 1
            labels.append({"caption": _("Caption %(n)s"), "alt": _("Picture description %(n)s")}.get(
                segment.kind, _("Paragraph %(n)s")) % {"n": n})
    return labels


def editable(text: str, html: bool) -> tuple[str, bool]:
    """What the editor's box shows: the words, or the inline HTML where the segment has markup
    (a link, emphasis) to keep. Second: whether it is HTML."""
    if html and _TAG.search(text):
        return text, True
    return (htmllib.unescape(text) if html else text), False


def stored(value: str, html: bool, markup: bool) -> str:
    """The editor's text as the segment stores it: escaped words, or sanitized inline HTML."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    if not html:
        return _TAG.sub("", value) if "<" in value else value
    if markup:
        return nh3.clean(value, tags=INLINE_TAGS, attributes={"a": {"href", "title"}},
                         url_schemes={"http", "https"}, link_rel=None).strip()
    return htmllib.escape(value, quote=False)


def word_diff(old: str, new: str) -> str:
    """The words of `new` with what changed since `old` marked (<del>, <ins>), as safe HTML."""
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(parts))


@dataclass
class Row:
    """One segment: its source, what the engine made of it, the text readers get."""

    id: str
    kind: str
    label: str
    html: bool
    source: str
    source_shown: str = ""
    machine: str = ""
    target: str = ""
    markup: bool = False
    findings: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    diff: str = ""

    @property
    def edited(self) -> bool:
        return normalize(self.machine) != normalize(self.target)


def _doc(version) -> ArticleDoc:
    return ArticleDoc(title=version.title, lead=version.lead, body_html=version.body_html,
                      images=[ImageDoc(**{k: image.get(k, "") for k in ("url", "caption", "credit", "alt")})
                              for image in version.images])


def _plain(text: str, html: bool) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", text)).split()) if html else " ".join(text.split())


def _marked(text: str, html: bool, found) -> str:
    """The source, readable (inline markup rendered, safely), its glossary terms in <mark>."""
    pieces, last = [], 0
    for start, end, entry in found:
        pieces.append(text[last:start] if html else escape(text[last:start]))
        term = text[start:end] if html else escape(text[start:end])
        pieces.append(f'<mark title="{escape(entry.target)}">{term}</mark>')
        last = end
    pieces.append(text[last:] if html else escape(text[last:]))
    joined = "".join(pieces)
    return mark_safe(nh3.clean(joined, tags=INLINE_TAGS | {"mark"}, attributes={"mark": {"title"}},
                               url_schemes={"http", "https"}, link_rel=None))


class Sheet:
    """The rows of one translation, and where its source has changed since the editors' approval."""

    def __init__(self, translation: ArticleTranslation):
        self.translation = translation
        self.article = article = translation.article
        self.doc = article_doc(article)
        self.segments, self.template = segment_article(self.doc)
        target_doc = ArticleDoc(title=translation.title, lead=translation.lead, body_html=translation.body_html,
                                images=[ImageDoc(**{k: i.get(k, "") for k in ("url", "caption", "credit", "alt")})
                                        for i in translation.images])
        targets = self._align(segment_article(target_doc)[0])
        glossary = glossary_for(article.language, translation.language)
        findings: dict[str, list[str]] = {}
        self.general: list[str] = []
        for finding in translation.qa_issues:
            match = _FINDING.match(finding)
            segment = match.group(1) if match else ""
            shown = localize_finding(finding)
            if segment and any(s.id == segment for s in self.segments):
                findings.setdefault(segment, []).append(shown[len(segment) + 2:] if shown.startswith(segment + ": ")
                                                        else shown)
            else:
                self.general.append(shown)
        self.rows = []
        for segment, label in zip(self.segments, _labels(self.segments)):
            target = targets.get(segment.id, "")
            found = glossary.find(segment.text, segment.html)
            shown, markup = editable(target, segment.html)
            machine = translation.machine.get(segment.id)
            self.rows.append(Row(
                id=segment.id, kind=segment.kind, label=label, html=segment.html,
                source=segment.text, source_shown=_marked(segment.text, segment.html, found),
                machine=editable(machine, segment.html)[0] if machine is not None else shown,
                target=shown, markup=markup, findings=findings.get(segment.id, []),
                terms=sorted({f"{segment.text[s:e]} → {entry.target}" for s, e, entry in found})))
        self.since = self._mark_changes()

    def _align(self, target_segments) -> dict[str, str]:
        """Target segments by source segment id. The translation was rebuilt from the source's
        template, so ids agree; where an engine changed the body's shape, body segments are
        matched in order by kind."""
        by_id = {s.id: s.text for s in target_segments}
        source_body = [s for s in self.segments if s.id.startswith("body.")]
        target_body = [s for s in target_segments if s.id.startswith("body.")]
        if [s.kind for s in source_body] != [s.kind for s in target_body]:
            for s in source_body:
                by_id.pop(s.id, None)
            matcher = difflib.SequenceMatcher(None, [s.kind for s in source_body], [s.kind for s in target_body],
                                              autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    by_id[source_body[block.a + k].id] = target_body[block.b + k].text
        return by_id

    def _mark_changes(self):
        """Rows whose source is not in the version the editors approved (or the engine translated)
        get a word diff against the closest segment of that version."""
        base = self.translation.approved_hash or self.translation.source_hash
        if not base or base == self.article.content_hash:
            return None
        version = ArticleVersion.objects.filter(article_id=self.article.pk, content_hash=base) \
            .only("title", "lead", "body_html", "images", "fetched_at", "number").order_by("-number").first()
        if version is None:
            return None
        old = segment_article(_doc(version))[0]
        known = {normalize(s.text) for s in old}
        for row in self.rows:
            if normalize(row.source) in known:
                continue
            new = _plain(row.source, row.html)
            candidates = [_plain(s.text, s.html) for s in old if s.kind == row.kind] or [""]
            closest = max(candidates, key=lambda text: difflib.SequenceMatcher(None, text, new).quick_ratio())
            row.diff = word_diff(closest, new)
        return version

    def save(self, values: dict[str, str], *, user, publish: bool, reason: str = "") -> list[int]:
        """The editors' texts (by segment id; a row left out keeps its text) become the
        translation, approved in the memory, then published or held: each an audited Action."""
        texts, changed = {}, {}
        for row in self.rows:
            value = values.get(row.id)
            text = stored(value, row.html, row.markup) if value is not None else stored(row.target, row.html, row.markup)
            texts[row.id] = text
            if value is not None and normalize(value) != normalize(row.target):
                changed[row.id] = stored(row.machine, row.html, row.markup)
        translated = rebuild_article(self.doc, self.template, texts)
        edit = EditTranslation(self.translation, user=user, reason=reason, doc=translated, texts=texts,
                               sheet=self, changed=changed)
        then = (PublishTranslation if publish else HoldTranslation)(
            self.translation, user=user, reason=reason or reasons.EDITED_SIDE_BY_SIDE())
        with transaction.atomic():
            edit.run()
            return then.run()


class EditTranslation(Action):
    """An editor's text for a translation, segment by segment: stored, approved in the memory."""

    name = "edit translation"
    permission = "articles.change_articletranslation"
    then = None  # the publish or hold that follows hands the article on

    def __init__(self, target, *, doc: ArticleDoc, texts: dict[str, str], sheet: Sheet, changed: dict[str, str],
                 **kwargs):
        super().__init__(target, **kwargs)
        self.doc, self.texts, self.sheet, self.changed = doc, texts, sheet, changed

    def execute(self):
        translation, article = self.target, self.sheet.article
        machine = {**translation.machine, **{k: v for k, v in self.changed.items() if k not in translation.machine}}
        ArticleTranslation.objects.filter(pk=translation.pk).update(
            title=_plain(self.doc.title, False)[:500], lead=self.doc.lead, body_html=clean_body(self.doc.body_html),
            images=[image_dict(i) for i in self.doc.images], by_editors=True, edited_by=self.user,
            edited_at=timezone.now(), approved_hash=article.content_hash, source_hash=article.content_hash,
            machine=machine, qa_passed=True, qa_issues=[], last_error="")
        approved = {segment.text: self.texts[segment.id] for segment in self.sheet.segments
                    if self.texts.get(segment.id, "").strip()}
        DatabaseMemory().approve(article.language, translation.language, approved, user=self.user)
        return [article.pk]

