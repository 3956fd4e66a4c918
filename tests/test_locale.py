"""The message catalogues (quangba/locale/<lang>/LC_MESSAGES/django.po) stay complete: every entry
translated and none fuzzy, the committed .mo files compiled from the .po as it is, and every string
the code marks for translation present in the catalogue. Needs GNU gettext (msgfmt, msgattrib,
xgettext: Debian's `gettext`, installed by .ci/system-packages); skips without it."""
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "quangba"
LANGS = ["vi", "es"]
TOOLS = ("msgfmt", "msgattrib", "msgmerge", "msguniq", "xgettext")


def _po(lang: str) -> Path:
    return PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", autouse=True)
def _gettext_tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"GNU gettext tools not installed ({', '.join(missing)} missing): "
                    "apt-get install gettext (see .ci/system-packages)")


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


def _unquote(s: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def _entries(text: str) -> list[dict]:
    """The entries of a .po file (obsolete `#~` ones left out): msgctxt, msgid, msgid_plural, the
    list of msgstr, the flags."""
    entries, entry, field = [], None, None
    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif m := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line):
            keyword, index, value = m.groups()
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = _unquote(value)
            else:
                field = (keyword, None)
                entry[keyword] = _unquote(value)
        elif line.startswith('"') and field is not None:
            value = _unquote(line[1:-1])
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
        else:
            raise AssertionError(f"cannot read this .po line: {line!r}")
    for e in entries:
        e["msgstr"] = [e["msgstr"][i] for i in sorted(e["msgstr"])]
    return entries


def _key(entry: dict) -> str:
    """How a report names an entry: its msgid, with its context if it has one."""
    return f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]


def _msgids(po: Path) -> set[str]:
    return {_key(e) for e in _entries(po.read_text("utf-8")) if e["msgid"]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    po = _po(lang)
    problems = {}
    for what, option in (("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")):
        result = _run("msgattrib", "--no-wrap", option, str(po))
        assert result.returncode == 0, result.stderr
        found = [_key(e) or "(the header)" for e in _entries(result.stdout)
                 if e["msgid"] or (what == "fuzzy" and "fuzzy" in e["flags"])]  # a fuzzy header is dropped too
        if found:
            problems[what] = found
    # Every plural form there is, each translated (msgattrib only looks at the first).
    entries = _entries(po.read_text("utf-8"))
    header = next(e for e in entries if not e["msgid"])["msgstr"][0]
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    plural = [_key(e) for e in entries if "msgid_plural" in e
              and (len(e["msgstr"]) != nplurals or not all(e["msgstr"]))]
    if plural:
        problems[f"plural forms missing (the language has {nplurals})"] = plural
    assert not problems, f"{po.relative_to(ROOT)}: {problems}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_is_compiled_from_the_po(lang, tmp_path):
    po, mo = _po(lang), _po(lang).with_suffix(".mo")
    fresh = tmp_path / "django.mo"
    result = _run("msgfmt", "--check", "-o", str(fresh), str(po))
    assert result.returncode == 0, f"msgfmt --check {po.relative_to(ROOT)}:\n{result.stderr}"
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run `python -m django compilemessages`"
    with mo.open("rb") as old, fresh.open("rb") as new:
        committed, compiled = gettext.GNUTranslations(old)._catalog, gettext.GNUTranslations(new)._catalog
    differ = sorted(str(k) for k in committed.keys() | compiled.keys() if committed.get(k) != compiled.get(k))
    assert not differ, (f"{mo.relative_to(ROOT)} is out of date with its .po (run `python -m django "
                        f"compilemessages` in quangba/); these differ: {differ[:20]}")


def test_the_catalogues_have_every_string_the_code_marks_for_translation(tmp_path):
    """makemessages on a copy of the package: what it would add must already be there."""
    copy = tmp_path / "quangba"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # The project's settings, writing to the copy's catalogues whichever `quangba` gets imported.
    (tmp_path / "locale_check_settings.py").write_text(
        f"from quangba.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n", "utf-8")
    before = {lang: _po(lang).read_bytes() for lang in LANGS}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "locale_check_settings",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    args = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "--settings=locale_check_settings"]
    for lang in LANGS:
        args += ["-l", lang]
    result = _run(*args, cwd=copy, env=env)
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    assert {lang: _po(lang).read_bytes() for lang in LANGS} == before, "makemessages touched the real catalogues"
    missing = {}
    for lang in LANGS:
        regenerated = copy / "locale" / lang / "LC_MESSAGES" / "django.po"
        if absent := sorted(_msgids(regenerated) - _msgids(_po(lang))):
            missing[lang] = absent
    assert not missing, ("strings marked for translation that the catalogues lack (run `python -m django "
                         f"makemessages -l vi -l es --no-obsolete` in quangba/, then translate them): {missing}")
