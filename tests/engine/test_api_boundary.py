"""Nothing above the engine reaches into it: the layers over it read the game through its public
API by id (docs/engine-api.md), never through the compiled rules (``Engine._compiled``), the index
tables (``Engine._tables``, ``Tables``), the engine's internal modules, or index arithmetic on the
state's flat lists (``st.inf[(c * S + s) * P + p]``).

The check reads the source (AST): attribute names, imports, and subscripts whose index mentions
the layout's sizes ``S`` or ``P``. A few files are allowed one kind of access each, with the
reason; an entry that is no longer needed fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "chessboard"
# The layers over the engine (cli.py and the top-level helpers included).
LAYERS = ("ui", "ai", "sim", "net", "rl", "report")
TOP_LEVEL = ("cli.py", "seats.py", "presets.py", "paths.py", "__main__.py")

# Engine attributes that are its internals: the compiled rules and index tables, by their
# current names and the private names they are being renamed to.
PRIVATE_ATTRIBUTES = frozenset({"k", "t", "_compiled", "_tables"})
PRIVATE_NAMES = frozenset({"Tables", "Compiled", "Ctx"})
PRIVATE_MODULES = frozenset({
    "chessboard.engine.context", "chessboard.engine.compiler", "chessboard.engine.effects",
    "chessboard.engine.conditions", "chessboard.engine.phases", "chessboard.engine.projection",
    "chessboard.engine.quantities", "chessboard.engine.cards",
})
# The sizes of the flat lists' layout: an index that mentions one is index arithmetic.
LAYOUT_SIZES = frozenset({"S", "P"})

ATTRIBUTE, IMPORT, ARITHMETIC = "engine internals", "internal import", "index arithmetic"

# path (under src/chessboard) -> (the one kind of access allowed, why)
ALLOWED: dict[str, tuple[str, str]] = {
    # The heuristic bot's evaluator scores every legal action of every decision (where a
    # simulation spends 95% of its time): it reads the flat lists through the engine's
    # documented layout hook (Engine.layout), not by id.
    "ai/features.py": (ARITHMETIC, "the bots' evaluator: a documented fast path"),
}


def _mentions_size(node: ast.AST) -> bool:
    return any((isinstance(n, ast.Name) and n.id in LAYOUT_SIZES)
               or (isinstance(n, ast.Attribute) and n.attr in LAYOUT_SIZES)
               for n in ast.walk(node))


def violations(source: str) -> list[tuple[int, str, str]]:
    """(line, kind, what) for every reach into the engine's internals in one module."""
    out: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_ATTRIBUTES | PRIVATE_NAMES:
            out.append((node.lineno, ATTRIBUTE, f".{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in PRIVATE_NAMES:
            out.append((node.lineno, ATTRIBUTE, node.id))
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in PRIVATE_MODULES:
                out.append((node.lineno, IMPORT, node.module))
                continue
            out.extend((node.lineno, IMPORT, f"{node.module}.{alias.name}")
                       for alias in node.names if alias.name in PRIVATE_NAMES
                       or f"{node.module}.{alias.name}" in PRIVATE_MODULES)
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, IMPORT, alias.name) for alias in node.names
                       if alias.name in PRIVATE_MODULES)
        elif isinstance(node, ast.Subscript) and _mentions_size(node.slice):
            out.append((node.lineno, ARITHMETIC, ast.unparse(node)))
    return out


def layer_files() -> list[Path]:
    files = [p for layer in LAYERS for p in sorted((SRC / layer).rglob("*.py"))]
    return files + [SRC / name for name in TOP_LEVEL if (SRC / name).exists()]


def allowed(rel: str, kind: str) -> bool:
    return any(path.split("#")[0] == rel and allowed_kind == kind
               for path, (allowed_kind, _) in ALLOWED.items())


def test_no_layer_reaches_into_the_engine() -> None:
    found = []
    for path in layer_files():
        rel = path.relative_to(SRC).as_posix()
        for line, kind, what in violations(path.read_text(encoding="utf-8")):
            if not allowed(rel, kind):
                found.append(f"{rel}:{line}: {kind}: {what}")
    assert not found, ("use the engine's public API by id (docs/engine-api.md):\n"
                       + "\n".join(found))


def test_every_allowance_is_still_needed() -> None:
    """An allow-listed file that no longer needs its allowance must leave the list."""
    for key, (kind, why) in ALLOWED.items():
        rel = key.split("#")[0]
        path = SRC / rel
        assert path.exists(), f"{rel} is allow-listed ({why}) but does not exist"
        kinds = {k for _, k, _ in violations(path.read_text(encoding="utf-8"))}
        assert kind in kinds, f"{rel} no longer needs '{kind}' ({why}): remove its entry"


def test_the_layers_exist() -> None:
    """The walk sees the code it guards (a moved package would silently pass)."""
    rels = {p.relative_to(SRC).parts[0] for p in layer_files()}
    assert set(LAYERS) <= rels
    assert len(layer_files()) > 50


# the checker itself ------------------------------------------------------------------------

CLEAN = '''
from chessboard.engine.game import Engine
def read(engine: Engine, st) -> int:
    t = 3  # a local named t is not the engine's tables
    return engine.influence(st, "kazakhstan", "military", "russia") + t + st.vp[0]
'''


@pytest.mark.parametrize(("snippet", "kind"), [
    ("x = engine._tables.faction_ids", ATTRIBUTE),
    ("x = session.engine._compiled.by_rank", ATTRIBUTE),
    ("x = engine._tables.C", ATTRIBUTE),
    ("from chessboard.engine.context import Tables", IMPORT),
    ("from chessboard.engine import compiler", IMPORT),
    ("import chessboard.engine.projection", IMPORT),
    ("from chessboard.engine.game import Compiled", IMPORT),
    ("x = st.inf[(c * S + s) * P + p]", ARITHMETIC),
    ("x = st.stance[c * lay.P + eu]", ARITHMETIC),
    ("x = sum(st.opinion[p::P])", ARITHMETIC),
])
def test_the_checker_finds_each_kind_of_reach(tmp_path: Path, snippet: str, kind: str) -> None:
    """A deliberate violation in a file is found, with its line and kind."""
    bad = tmp_path / "bad.py"
    bad.write_text(CLEAN + snippet + "\n", encoding="utf-8")
    found = violations(bad.read_text(encoding="utf-8"))
    assert [(line, k) for line, k, _ in found] == [(CLEAN.count("\n") + 1, kind)]


def test_the_checker_passes_clean_code(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(CLEAN, encoding="utf-8")
    assert violations(good.read_text(encoding="utf-8")) == []
