"""The layer rules of docs/architecture.md, checked on the source: imports only run down the layers, no
private name is imported from another module, no import cycle between modules, and Streamlit is
imported only by the dashboard (ruff's banned-API rule enforces the last one as well)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "components"

# Each top-level part of components/ and its rank: a module may import from its own part and from parts
# of a lower rank only. Parts of the same rank are siblings and never import each other.
LAYERS: dict[str, int] = {
    "errors": 0,
    "settings": 0,
    "records": 0,
    "filters": 1,
    "geo": 2,
    "nlp": 3,
    "ingest": 4,
    "events": 4,
    "charts": 4,
    "store": 5,
    "workers": 6,
    "pipeline": 7,
    "scaleout": 8,
    "services": 9,
    "evaluation": 10,
    "cli": 11,
    "dashboard": 11,
    "__main__": 12,
    "__init__": 0,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def part_of(module: str) -> str:
    """'components.geo.gazetteer.index' -> 'geo'; 'components' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) for every components import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "components":
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "components"]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(p) for p in SOURCES}


def resolve(module: str, name: str) -> str:
    """`from components.store import queries` imports the module components.store.queries."""
    sub = f"{module}.{name}"
    return sub if sub in MODULES else module


def test_every_part_has_a_layer() -> None:
    assert {part_of(module_name(p)) for p in SOURCES} <= set(LAYERS)


def test_imports_run_down_the_layers() -> None:
    wrong = []
    for path in SOURCES:
        here = part_of(module_name(path))
        for module, names, line in imports(path):
            for target in {resolve(module, n) for n in names} or {module}:
                there = part_of(target)
                if there == here or there == "__init__":
                    continue
                if LAYERS[there] >= LAYERS[here]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} ({here}) imports {target} ({there})")
    assert not wrong, "imports that run up or across the layers:\n" + "\n".join(wrong)


def module_aliases(path: Path) -> set[str]:
    """Local names bound to a components module in the file (`from components.charts import figures as f`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "components":
            names |= {a.asname or a.name for a in node.names if f"{node.module}.{a.name}" in MODULES}
        elif isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.asname and a.name in MODULES}
    return names


def test_no_private_name_is_used_from_another_module() -> None:
    wrong = []
    for path in [*SOURCES, ROOT / "app.py"]:
        for module, names, line in imports(path):
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            if private:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {private} from {module}")
        aliases = module_aliases(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not wrong, "\n".join(wrong)


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for path in SOURCES:
        here = module_name(path)
        for module, names, _ in imports(path):
            for target in {resolve(module, n) for n in names} or {module}:
                if target != here and target in MODULES and not here.startswith(target + "."):
                    edges[here].add(target)
    return edges


def test_no_import_cycle_between_modules() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("import streamlit as st\n", False),
        ("from streamlit import session_state\n", False),
        ("import plotly.graph_objects as go\n", True),
    ],
)
def test_ruff_bans_streamlit_outside_the_dashboard(tmp_path: Path, source: str, ok: bool) -> None:
    """The banned-API rule in pyproject.toml, run by ruff on a module placed under components/geo."""
    import subprocess
    import sys

    target = PACKAGE / "geo" / "_layer_probe.py"
    target.write_text(source, encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251", str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        target.unlink()
    assert (run.returncode == 0) == ok, run.stdout + run.stderr


MAX_LINES = 400  # one job per module: past this, split it by responsibility


def test_modules_stay_small() -> None:
    sizes = {p.relative_to(ROOT): len(p.read_text(encoding="utf-8").splitlines()) for p in SOURCES}
    big = {str(p): n for p, n in sizes.items() if n > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_the_formatter_governs_every_file() -> None:
    """No `fmt: skip` / `fmt: off` escapes: `ruff format` decides the layout everywhere."""
    files = [*SOURCES, ROOT / "app.py", *(ROOT / "tests").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]
    markers = ("# fmt: " + "skip", "# fmt: " + "off")
    escaped = [
        str(p.relative_to(ROOT)) for p in files if any(m in p.read_text(encoding="utf-8") for m in markers)
    ]
    assert not escaped, f"formatter escapes in: {escaped}"
