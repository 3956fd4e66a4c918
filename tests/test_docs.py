"""Every setting the environment can change is documented in the README."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_is_in_the_readme():
    code = "\n".join(p.read_text("utf-8") for p in (ROOT / "quangba").rglob("*.py"))
    names = set(re.findall(r"""(?:environ(?:\.get)?\(|environ\[|env\.(?:text|flag|integer|number|items|path)\()\s*["'](QUANGBA_[A-Z0-9_]+|DATABASE_URL)["']""",
                           code))
    readme = (ROOT / "README.md").read_text("utf-8")
    # A row may document a family: `QUANGBA_FETCH_CONNECT_TIMEOUT` / `_READ_TIMEOUT`.
    documented = set(re.findall(r"`(QUANGBA_[A-Z0-9_]+|DATABASE_URL)`", readme))
    families = {m for m in re.findall(r"`(_[A-Z0-9_]+)`", readme)}
    missing = sorted(n for n in names if n not in documented
                     and not any(n.endswith(f) and any(d.startswith(n[:n.rfind(f)]) for d in documented) for f in families))
    assert len(names) > 20 and missing == []
