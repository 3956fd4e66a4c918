"""Sentences the pipeline writes for people — why an article is held, what the translation QA gate
found. They are stored in English (the audit log's, the API's and the logs' language) and shown
to editors in theirs: each is a `Reason`, one template that both writes the sentence and reads it
back (`localize`), so the stored text and its translations cannot drift apart."""
from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

_FIELD = re.compile(r"%\((\w+)\)s")
_FINDING = re.compile(r"([\w.-]+): (.+)\Z", re.S)  # "title: …", "p3: …" — a QA finding and its segment


class Reason:
    """One sentence with %(name)s fields. `lists`: fields holding several findings joined by a
    separator, each localized in turn."""

    def __init__(self, template: str, lists: dict[str, str] | None = None):
        self.template, self.lists = template, lists or {}
        parts = _FIELD.split(template)  # literal, name, literal, name, …
        self.pattern = re.compile("".join(re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+?)"
                                          for n, part in enumerate(parts)) + r"\Z", re.S)
        CATALOGUE.append(self)

    def __call__(self, **fields) -> str:
        """The sentence in English, as stored."""
        return self.template % {name: str(value) for name, value in fields.items()}

    def read(self, text: str) -> str | None:
        found = self.pattern.match(text)
        if found is None:
            return None
        fields = found.groupdict()
        for name, separator in self.lists.items():
            fields[name] = separator.join(localize_finding(item) for item in fields[name].split(separator))
        return gettext(self.template) % fields


CATALOGUE: list[Reason] = []

# Why the publish stage holds or publishes an article (articles.stages).
LOW_CONFIDENCE = Reason(gettext_noop(
    "extraction confidence %(confidence)s is under %(minimum)s: check the body against the original"))
AGREEMENT_REVIEW = Reason(gettext_noop("the outlet's agreement asks for review before publishing"))
PUBLISHED_AUTOMATICALLY = Reason(gettext_noop("the outlet publishes automatically and the extraction is confident"))
QA_PASSED = Reason(gettext_noop("passed the QA gate"))
QA_HELD = Reason(gettext_noop("QA: %(findings)s"), lists={"findings": "; "})
# An editor's save on the desk's side-by-side translation page, when they gave no words of their own.
EDITED_SIDE_BY_SIDE = Reason(gettext_noop("edited side by side"))

# What the translation QA gate finds (translation.qa), one finding a segment.
EMPTY = Reason(gettext_noop("the translation is empty"))
LEFTOVER_SOURCE = Reason(gettext_noop("Vietnamese text left untranslated: %(words)s"))
GLOSSARY = Reason(gettext_noop("“%(source)s” should be translated as “%(target)s”"))
PLACEHOLDER = Reason(gettext_noop("a protected-term token was not restored"))
NUMBERS = Reason(gettext_noop("numbers or dates not carried over: %(numbers)s"))
IDENTICAL = Reason(gettext_noop("the translation is identical to the source text"))
LENGTH = Reason(gettext_noop("translation is %(ratio)s× the source length"))
TITLE_LEFTOVERS = Reason(gettext_noop("untranslated words in the title: %(words)s"))
BODY_LEFTOVERS = Reason(gettext_noop("%(count)s untranslated words (%(share)s): %(words)s"))
TITLE_NAMES = Reason(gettext_noop("names missing from the translated title: %(names)s"))


def localize(text: str) -> str:
    """`text` in the active language when a Reason wrote it; anything else (an editor's own words)
    as it is."""
    for reason in CATALOGUE:
        read = reason.read(text)
        if read is not None:
            return read
    return text


def localize_finding(text: str) -> str:
    """A QA finding as stored ("p3: numbers or dates not carried over: 1975"), localized after its
    segment."""
    found = _FINDING.match(text)
    if found is not None:
        read = localize(found.group(2))
        if read != found.group(2):
            return f"{found.group(1)}: {read}"
    return localize(text)
