"""No import circles between modules of the core (kinship_app) or the GUI (ui).

Every ``import`` is read from the source, at any depth (a function-level import closes a circle just
as surely, only later), and resolved to the module it loads. A circle means two modules that cannot
be understood, tested or moved apart; break it by moving what both need into a third module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kinship_app", "ui")


def module_names(root: Path, packages=PACKAGES) -> dict[str, Path]:
    names = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules ``name`` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()

    def resolve(target: str) -> str | None:
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                hit = resolve(alias.name)
                if hit:
                    found.add(hit)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[:len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                # ``from pkg import mod`` loads the module pkg.mod; ``from mod import name`` loads mod.
                hit = f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else resolve(base)
                if hit:
                    found.add(hit)
    found.discard(name)
    return found


def import_graph(root: Path, packages=PACKAGES) -> dict[str, set[str]]:
    names = module_names(root, packages)
    known = set(names)
    return {name: imports_of(name, path, known) for name, path in names.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _explain(graph: dict[str, set[str]], group: list[str]) -> str:
    members = set(group)
    return "; ".join(f"{a} -> {b}" for a in group for b in sorted(graph[a] & members))


def test_no_import_circles_in_the_core_or_the_gui():
    graph = import_graph(ROOT)
    assert len(graph) > 60 and graph["ui.main_window"], "the graph was not read"
    found = circles(graph)
    assert not found, "import circles: " + " | ".join(_explain(graph, g) for g in found)


def test_the_checker_finds_a_circle_through_a_function_level_import(tmp_path):
    pkg = tmp_path / "kinship_app"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from kinship_app.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..c import g\n    return g\n")
    (pkg / "c.py").write_text("import kinship_app.a as again\n")
    (pkg / "d.py").write_text("from kinship_app.a import f\n")  # into the circle, not part of it
    graph = import_graph(tmp_path, ("kinship_app",))
    assert graph["kinship_app.sub.b"] == {"kinship_app.c"}
    assert circles(graph) == [["kinship_app.a", "kinship_app.c", "kinship_app.sub.b"]]


def test_the_three_circles_once_found_are_gone():
    graph = import_graph(ROOT)
    for a, b in (("kinship_app.cli", "kinship_app.letters.cli"),
                 ("kinship_app.store.service", "kinship_app.store.transfer"),
                 ("ui.screens.check", "ui.screens.results")):
        assert not (b in graph[a] and a in graph[b]), (a, b)
