"""The layers of docs/architecture.md hold: imports point down only, and nothing imports in
a circle. Read from the source (ast), so a lazy import inside a function counts too;
imports for type checking only (`if TYPE_CHECKING:`) do not, they never run."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

LAYERS = {  # a package may import its own layer and those with a lower number
    "pmtui": 0,  # the package itself: its version
    "errors": 0,
    "document": 1,
    "files": 2,
    "templates": 3,
    "training": 4,
    "chat": 4,
    "analysis": 5,
    "export": 6,
    "tui": 7,
    "cli": 8,
    "__main__": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in SRC.rglob("*.py")}


def imported_by(path: Path) -> set[str]:
    """The pmtui modules `path` imports when it runs (a `from package import module`
    names the module, not the package)."""
    found: set[str] = set()

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    walk(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                for alias in child.names:
                    inner = f"{child.module}.{alias.name}"
                    found.add(inner if inner in MODULES else child.module)
            walk(child)

    walk(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in MODULES}


GRAPH = {name: imported_by(path) - {name} for name, path in MODULES.items()}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_package_has_a_layer():
    assert {layer_of(name) for name in MODULES} <= LAYERS.keys()


def test_no_import_points_up_a_layer():
    upward = [
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if LAYERS[layer_of(target)] > LAYERS[layer_of(name)]
    ]
    assert upward == []


def test_textual_and_rich_are_imported_under_tui_only():
    outside = [
        name
        for name, path in MODULES.items()
        if layer_of(name) != "tui"
        and any(
            line.split()[1].split(".")[0] in ("textual", "rich", "textual_serve")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("import ", "from "))
        )
    ]
    assert outside == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports in `graph` (depth first, a back edge), or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        trail.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[name] = "done"
        trail.pop()
        return None

    return next(
        (cycle for name in sorted(graph) if name not in state and (cycle := visit(name))), None
    )


def test_no_modules_import_each_other_in_a_circle():
    assert find_cycle(GRAPH) is None


def test_a_circle_would_be_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
