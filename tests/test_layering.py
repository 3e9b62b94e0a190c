"""The import layers (issue 22): every import points down, and no module imports itself in a circle.

From the top: the front doors (the CLI, the web app, `python -m forms`) over the features (the
form filler, card dates, batch, the fixer) over the checking pipeline over vision over the
report and what it is built from, with i18n, the rules' data and the version at the bottom.
Shared knowledge the card and the form both need (date parsing, ages, eras, the residence
categories) lives below both. The imports are read from the source (every `import`, at module
level or inside a function, since a deferred import is still a dependency), never by importing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("photocheck", "forms")

# Bottom (0) to top. A module may import its own layer or any below it, never one above.
LAYERS = ("base", "core", "vision", "pipeline", "feature", "front")

# Whole sub-packages, by prefix.
PACKAGE_LAYERS = {
    "photocheck.i18n": "base",
    "photocheck.vision": "vision",
    "photocheck.checks": "pipeline",
    "photocheck.batch": "feature",
    "photocheck.card": "feature",
    "photocheck.fix": "feature",
    "forms": "feature",
    "photocheck.cli": "front",
    "photocheck.web": "front",
}

# Single modules: these win over the prefixes above. A new top-level module must be added here.
MODULE_LAYERS = {
    "photocheck.version": "base",
    "photocheck.rules": "base",
    "photocheck.textsafe": "base",
    "photocheck.report": "core",
    "photocheck.dates": "core",
    "photocheck.residence_categories": "core",
    "photocheck.source": "core",
    "photocheck.atomic_write": "core",
    "photocheck.sniff": "core",
    "photocheck.jpeg_header": "core",
    "photocheck.exif": "core",
    "photocheck.decode": "core",
    "photocheck.context": "core",
    "photocheck.spare_core": "core",
    "photocheck.pipeline": "pipeline",
    "photocheck.guide": "pipeline",  # the camera guide: the pipeline's judges on a preview frame
    "photocheck": "pipeline",  # the library's front: check() and the report types
    "photocheck.__main__": "front",
    "forms.cli": "front",
    "forms.__main__": "front",
}

# Features that build on another feature: the form places a fixed photo and prints the card's
# expected expiry. Nothing else crosses between features.
FEATURE_USES = {"forms": {"photocheck.fix", "photocheck.card"}}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the two packages: dotted name -> (file, is a package's __init__)."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """The project modules `name` imports anywhere in its source (relative imports resolved)."""
    path, is_package = MODULES[name]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in MODULES:
                    found.add(target)
                elif base in MODULES:
                    found.add(base)
    found.discard(name)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def layer_of(name: str) -> str:
    """The layer a module belongs to; a module no table names is a test failure."""
    if name in MODULE_LAYERS:
        return MODULE_LAYERS[name]
    for prefix in sorted(PACKAGE_LAYERS, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return PACKAGE_LAYERS[prefix]
    raise AssertionError(f"{name} has no layer: add it to MODULE_LAYERS in {__file__}")


def _feature(name: str) -> str | None:
    """The feature package a module belongs to (forms, photocheck.card...), if any."""
    if layer_of(name) != "feature":
        return None
    return next(p for p in PACKAGE_LAYERS if name == p or name.startswith(p + "."))


def test_the_graph_is_read() -> None:
    """The reader finds the imports it must (a broken reader would pass every rule below)."""
    assert "photocheck.dates" in GRAPH["photocheck.card.query"]
    assert "photocheck.i18n.eras" in GRAPH["photocheck.i18n.dates"]
    assert "forms.sheet" in GRAPH["forms.render"]
    assert "photocheck.i18n.dates" in GRAPH["photocheck.report"]  # a deferred import counts


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_import_points_down(name: str) -> None:
    here = LAYERS.index(layer_of(name))
    upward = sorted(t for t in GRAPH[name] if LAYERS.index(layer_of(t)) > here)
    assert not upward, f"{name} ({layer_of(name)}) imports from above: {upward}"


def test_features_do_not_import_each_other() -> None:
    """Only the crossings in FEATURE_USES; in particular nothing in photocheck/ but the CLI and
    the web app imports forms/."""
    crossings = []
    for name, targets in GRAPH.items():
        mine = _feature(name)
        for target in targets:
            theirs = _feature(target)
            if mine and theirs and theirs != mine and theirs not in FEATURE_USES.get(mine, ()):
                crossings.append(f"{name} -> {target}")
    assert not crossings


def test_only_the_front_doors_import_forms() -> None:
    outside = sorted(
        f"{name} -> {target}" for name, targets in GRAPH.items() for target in targets
        if target.split(".")[0] == "forms" and name.split(".")[0] == "photocheck"
        and layer_of(name) != "front"
    )
    assert not outside


def _cycle() -> list[str] | None:
    """One import circle, as the list of modules around it, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_no_import_cycles() -> None:
    cycle = _cycle()
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_one() -> None:
    """The search itself: a circle put into a copy of the graph is found."""
    saved = dict(GRAPH)
    try:
        GRAPH["photocheck.i18n.eras"] = {*GRAPH["photocheck.i18n.eras"], "photocheck.report"}
        cycle = _cycle()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)
    assert cycle is not None and "photocheck.report" in cycle
