"""The optional compiled engine (tools/build_fast.py): used only when fresh, same games as pure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import chessboard.engine as engine_package
from chessboard.engine import build_verdict, engine_build, extension_files, sources_digest

ROOT = Path(__file__).resolve().parents[2]


def test_a_build_is_used_only_for_the_sources_it_was_made_from() -> None:
    digest = sources_digest()
    fresh = {"sources": digest, "python": sys.implementation.cache_tag}
    assert build_verdict(fresh, digest, forced_pure=False) == ""
    assert build_verdict(None, digest, forced_pure=False) == "not built"
    assert build_verdict(fresh, digest, forced_pure=True) == "CHESSBOARD_PURE=1"
    assert "stale" in build_verdict({**fresh, "sources": "0" * 64}, digest, forced_pure=False)
    assert "stale" in build_verdict({**fresh, "python": "cpython-0"}, digest, forced_pure=False)


def test_the_digest_covers_every_compiled_source(tmp_path: Path) -> None:
    folder = Path(engine_package.__file__).parent
    for name in engine_package.COMPILED:
        (tmp_path / f"{name}.py").write_bytes((folder / f"{name}.py").read_bytes())
    assert sources_digest(tmp_path) == sources_digest()
    with (tmp_path / "rng.py").open("a", encoding="utf-8") as out:
        out.write("# an edit\n")
    assert sources_digest(tmp_path) != sources_digest()


def _random_games(pure: bool) -> str:
    script = (
        "import json, random\n"
        "from chessboard.engine import engine_build\n"
        "from chessboard.engine.game import Engine\n"
        "from chessboard.rules.loader import load_rules\n"
        "engine = Engine(load_rules())\n"
        "chooser = random.Random(7)\n"
        "print(engine_build())\n"
        "for seed in range(4):\n"
        "    state = engine.new_game(seed=seed)\n"
        "    while not state.over:\n"
        "        legal = engine.legal_actions(state)\n"
        "        state = engine.apply(state, legal[chooser.randrange(len(legal))]).state\n"
        "    print(json.dumps(state.to_json(), sort_keys=True))\n"
    )
    env = {**os.environ, "CHESSBOARD_PURE": "1" if pure else "0"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300, check=True)
    return done.stdout


@pytest.mark.skipif(not engine_build().startswith("compiled"),
                    reason="the compiled engine is not built (python3 tools/build_fast.py)")
def test_the_compiled_engine_plays_the_same_games_as_pure_python() -> None:
    fast, pure = _random_games(pure=False), _random_games(pure=True)
    assert fast.splitlines()[0] == "compiled (mypyc)"
    assert pure.splitlines()[0] == "pure Python (CHESSBOARD_PURE=1)"
    assert fast.splitlines()[1:] == pure.splitlines()[1:]


def test_a_module_an_older_build_compiled_neither_survives_a_clean_nor_shadows_its_source(
        tmp_path: Path) -> None:
    """state.py was compiled by a build for a while: its extension module, left beside the
    source after it left COMPILED, must count as built (so the clean-up removes it) and must
    not be imported instead of the source when the engine runs pure Python."""
    leftover = tmp_path / "state.cpython-311-x86_64-linux-gnu.so"
    leftover.write_bytes(b"")
    (tmp_path / "state.py").write_text("", encoding="utf-8")
    assert extension_files(tmp_path) == [leftover]
    spec = engine_package._PureFinder.find_spec("chessboard.engine.state")
    assert spec is not None
    assert spec.origin == str(Path(engine_package.__file__).parent / "state.py")
    assert engine_package._PureFinder.find_spec("chessboard.engine.nothing_here") is None
    assert engine_package._PureFinder.find_spec("json") is None
