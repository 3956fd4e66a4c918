"""The layers hold: no two modules import each other (directly or round a longer circle), no two
apps import each other, and no import hidden inside a function dodges either rule (every import
counts, wherever it stands). The pure libraries import nothing from Django."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quangba"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The quangba modules `name` imports, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("quangba") and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_the_checker_sees_circles_and_imports_inside_functions(tmp_path):
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    source = tmp_path / "views.py"
    source.write_text("def f():\n    from quangba.core.stages import send\n    from . import models\n")
    known = {"quangba.web.views": source, "quangba.core.stages": source, "quangba.web.models": source}
    assert imports_of("quangba.web.views", source, known) == {"quangba.core.stages", "quangba.web.models"}
    assert app_of("quangba.web.views") == "web" and app_of("quangba.settings") == "settings"


def test_no_two_modules_import_each_other():
    assert circles(graph()) == []


def test_no_two_apps_import_each_other():
    apps: dict[str, set[str]] = {}
    for module, targets in graph().items():
        apps.setdefault(app_of(module), set()).update(app_of(t) for t in targets if app_of(t) != app_of(module))
    assert circles(apps) == []


@pytest.mark.parametrize("library", ["quangba.extract", "quangba.stories.similarity", "quangba.translation.engines",
                                     "quangba.translation.segment", "quangba.translation.qa",
                                     "quangba.translation.splitter", "quangba.translation.glossary"])
def test_pure_libraries_import_no_django(library):
    for name, path in modules().items():
        if name == library or name.startswith(library + "."):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
                assert not any(n == "django" or n.startswith("django.") for n in names), (name, names)
