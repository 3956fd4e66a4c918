"""Per-outlet extraction rules: data files in rules/*.json, matched by name, page hint, host,
generator or markup signature. A rule set is selectors, never code."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError
from lxml import etree

RULES_DIR = Path(__file__).with_name("rules")
FIELDS = ("title", "lead", "body", "date", "updated", "author", "category", "tags", "caption", "credit",
          "remove", "signature")
_TRANSLATOR = GenericTranslator()


@dataclass(frozen=True)
class Selector:
    """A CSS selector, optionally ending in @attr to read an attribute instead of the text."""

    css: str
    xpath: etree.XPath
    attr: str | None = None

    def __call__(self, node) -> list:
        return self.xpath(node)

    def values(self, node) -> list[str]:
        """Text (or attribute value) of every match, whitespace-collapsed, empty ones dropped."""
        out = []
        for match in self.xpath(node):
            value = match.get(self.attr) if self.attr else match.text_content()
            value = " ".join((value or "").split())
            if value:
                out.append(value)
        return out


@lru_cache(maxsize=4096)
def compile_selector(css: str) -> Selector:
    """Compile "css" or "css@attr" once into an XPath."""
    attr = None
    head, sep, tail = css.rpartition("@")
    if sep and tail and "]" not in tail and " " not in tail:
        css, attr = head, tail
    try:
        path = _TRANSLATOR.css_to_xpath(css, prefix="descendant-or-self::")
    except SelectorError as exc:
        raise ValueError(f"bad selector {css!r} in extraction rules: {exc}") from exc
    return Selector(css, etree.XPath(path), attr)


@dataclass(frozen=True)
class RuleSet:
    """Selectors for one outlet (or one shared CMS layout)."""

    name: str
    hosts: tuple[str, ...] = ()
    generators: tuple[str, ...] = ()
    selectors: dict = field(default_factory=dict)
    date_format: str = ""

    def get(self, name: str) -> tuple[Selector, ...]:
        """Compiled selectors for one field ("title", "body", "remove"…)."""
        return self.selectors.get(name, ())

    def first(self, name: str, node) -> str:
        """The first non-empty value of a field on the page."""
        for selector in self.get(name):
            values = selector.values(node)
            if values:
                return values[0]
        return ""


def rule_set_from_dict(data: dict) -> RuleSet:
    """Build a RuleSet from its JSON form: {"name", "hosts", "generators", "title": [css…], …}."""
    selectors = {}
    for name in FIELDS:
        value = data.get(name) or []
        if isinstance(value, str):
            value = [value]
        selectors[name] = tuple(compile_selector(css) for css in value)
    return RuleSet(name=data.get("name") or "custom", hosts=tuple(h.lower() for h in data.get("hosts", ())),
                   generators=tuple(g.lower() for g in data.get("generators", ())), selectors=selectors)


@lru_cache(maxsize=1)
def all_rule_sets() -> dict[str, RuleSet]:
    """Every rule set shipped in rules/*.json, by name."""
    sets = {}
    for path in sorted(RULES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.setdefault("name", path.stem)
        sets[data["name"]] = rule_set_from_dict(data)
    return sets


def _by_host(host: str) -> RuleSet | None:
    host = host.lower().removeprefix("www.")
    for rule_set in all_rule_sets().values():
        for known in rule_set.hosts:
            if host == known or host.endswith("." + known):
                return rule_set
    return None


def find_rule_set(tree, url: str | None, rules=None, hint: str = "", generator: str = "",
                  raw: str | None = None) -> RuleSet | None:
    """The rule set for this page: the one asked for, else the page's own `quangba-rules` hint,
    else by URL host, else by generator meta, else by markup signature."""
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, dict):
        return rule_set_from_dict(rules)
    sets = all_rule_sets()
    if isinstance(rules, str):
        if rules not in sets:
            raise KeyError(f"no extraction rule set named {rules!r}; known: {', '.join(sorted(sets))}")
        return sets[rules]
    if hint and hint.strip() in sets:
        return sets[hint.strip()]
    if url:
        found = _by_host(urlsplit(url).hostname or "")
        if found:
            return found
    generator = generator.lower()
    if generator:
        for rule_set in sets.values():
            if any(g in generator for g in rule_set.generators):
                return rule_set
    if raw is not None and not any(token in raw for token in _signature_tokens()):
        return None  # no class or id a signature names is anywhere in the page
    if tree is not None and _any_signature()(tree):
        for rule_set in sets.values():
            if any(selector(tree) for selector in rule_set.get("signature")):
                return rule_set
    return None


@lru_cache(maxsize=1)
def _any_signature() -> etree.XPath:
    # One pass over the page for every layout signature; which one matched is asked only on a hit.
    paths = [_TRANSLATOR.css_to_xpath(s.css, prefix="descendant-or-self::")
             for rule_set in all_rule_sets().values() for s in rule_set.get("signature")]
    return etree.XPath(" | ".join(paths) or "/..")


@lru_cache(maxsize=1)
def _signature_tokens() -> tuple[str, ...]:
    # The first class or id of each signature selector: a page without any of them cannot match.
    # Plain substring tests: on a 200 kB page they beat one alternation regex several times over.
    tokens = set()
    for rule_set in all_rule_sets().values():
        for selector in rule_set.get("signature"):
            names = re.findall(r"[.#]([\w-]+)", selector.css)
            if not names:
                return ("",)  # a signature without a class or id: always run the XPath
            tokens.add(names[0])
    return tuple(sorted(tokens))
