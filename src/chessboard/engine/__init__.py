"""The rule engine: compile validated rules, list legal actions, apply them.

Optional speed-up: ``python3 tools/build_fast.py`` compiles the hot modules (``COMPILED``) with
mypyc into extension modules beside their sources, and writes ``_fast_build.json`` with a digest
of those sources. The sources stay the truth: the compiled modules are used only while that
digest matches the sources here (a stale build is never used: the engine falls back to the pure
Python modules and warns once), and ``CHESSBOARD_PURE=1`` forces the pure modules. Without a
build everything is pure Python, with the same behaviour.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from typing import Any

# The modules tools/build_fast.py compiles. state.py compiles too (its fields' kinds are a
# table, FIELDS, not dataclass metadata) but is left out on purpose: as a native class,
# GameState's fields read and written by interpreted code (the heuristic bots read and restore
# them on every preview) go through descriptor calls, which made a heuristic simulation about
# 10% slower for a faster random loop (docs/balance.md, issue 13's seventh pass).
COMPILED = ("actions", "batch", "cards", "compiler", "conditions", "context", "effects", "game",
            "phases", "quantities", "queries", "reads", "returns", "rng")

_HERE = Path(__file__).resolve().parent
STAMP = _HERE / "_fast_build.json"
BUILD_COMMAND = "python3 tools/build_fast.py"


def sources_digest(folder: Path = _HERE) -> str:
    """sha256 over the compiled modules' names and sources: what a build was made from."""
    digest = hashlib.sha256()
    for name in COMPILED:
        digest.update(name.encode() + b"\0")
        digest.update((folder / f"{name}.py").read_bytes())
    return digest.hexdigest()


def build_verdict(stamp: dict[str, Any] | None, digest: str, forced_pure: bool) -> str:
    """Why the engine runs pure Python ("" when the compiled modules may be used)."""
    if stamp is None:
        return "not built"
    if forced_pure:
        return "CHESSBOARD_PURE=1"
    if stamp.get("sources") != digest or stamp.get("python") != sys.implementation.cache_tag:
        return f"stale build (the sources changed since): rebuild with {BUILD_COMMAND}"
    return ""


def extension_files(folder: Path = _HERE) -> list[Path]:
    """The extension modules (``.so``, ``.pyd``) a build left in ``folder``: every one there
    (the package ships none), those of modules an older build compiled and this one no
    longer does included."""
    return [path for path in folder.iterdir() if path.suffix in (".so", ".pyd")]


def _read_stamp() -> dict[str, Any] | None:
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


class _PureFinder:
    """Imports the engine's Python sources, ahead of any extension modules beside them (which
    the normal import system would prefer), those an older build left included."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        package, _, module = name.rpartition(".")
        if package != __name__ or not (_HERE / f"{module}.py").is_file():
            return None
        return spec_from_file_location(name, _HERE / f"{module}.py")


def _choose() -> str:
    stamp = _read_stamp()
    if stamp is None:
        # Never built (the usual case): nothing to hide, unless extension modules came without
        # their stamp (copied by hand, or left by an interrupted build): then they are unknown.
        if not extension_files():
            return "not built"
        why = f"compiled modules without {STAMP.name}: rebuild with {BUILD_COMMAND}"
    else:
        why = build_verdict(stamp, sources_digest(), os.environ.get("CHESSBOARD_PURE") == "1")
    if why:
        sys.meta_path.insert(0, _PureFinder)  # type: ignore[arg-type]
        if why != "CHESSBOARD_PURE=1":
            warnings.warn(f"chessboard engine: compiled modules not used: {why}",
                          RuntimeWarning, stacklevel=2)
    return why


PURE_REASON = _choose()


def engine_build() -> str:
    """Which engine this process runs, for benchmarks and reports."""
    from chessboard.engine import game

    if not PURE_REASON and not str(game.__file__).endswith(".py"):
        return "compiled (mypyc)"
    return f"pure Python ({PURE_REASON or 'compiled modules missing'})"
